//! Every rule's fixtures: `tests/fixtures/<rule-id>/fail.yaml` must produce exactly the findings recorded in
//! `expected.txt` (reviewed by hand; `UPDATE_SNAPSHOTS=1` rewrites it for review), and `pass.yaml` none.

use kubeward_core::engine::run_checks;
use kubeward_core::settings::Config;
use kubeward_core::{Inventory, RuleMeta, Settings};
use std::path::Path;

/// Pod Security rules of the baseline level that restricted overrides are tested at the level in `pss-level`.
fn findings_of(rule: &'static RuleMeta, file: &Path) -> Vec<String> {
    let level_file = file.with_file_name("pss-level");
    let pss_level =
        std::fs::read_to_string(level_file).map_or_else(|_| "restricted".to_owned(), |l| l.trim().to_owned());
    let text = std::fs::read_to_string(file).unwrap();
    let loaded = kubeward_load::parse_str(&text, &file.display().to_string());
    assert!(loaded.errors.is_empty(), "{}: {:?}", file.display(), loaded.errors);
    let inventory = Inventory::new(loaded.objects);
    // An optional `config.yaml` beside the fixture sets `.kubeward.yaml` options the rule reads.
    let mut config: Config = std::fs::read_to_string(file.with_file_name("config.yaml"))
        .map(|text| kubeward_load::from_yaml_str(&text, "config.yaml").unwrap())
        .unwrap_or_default();
    config.rules.enable.push(rule.id.to_owned());
    let settings = Settings {
        config,
        pss_level,
        ..Settings::default()
    };
    let raw = run_checks(&inventory, &kubeward_rules::registry(), &settings);
    let result = kubeward_core::engine::finalize(&inventory, raw, &settings, &Default::default(), vec![], vec![], 1);
    result
        .findings
        .iter()
        .filter(|f| f.rule.id == rule.id)
        .map(|f| {
            format!(
                "{}:{} {} {} | {}",
                f.location.line,
                f.location.column,
                f.object.display(),
                f.path,
                f.message
            )
        })
        .collect()
}

#[test]
fn every_rule_has_fixtures_that_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut checked = 0;
    let mut missing = Vec::new();
    for rule in kubeward_rules::registry() {
        let dir = root.join(rule.id);
        // Rules checked elsewhere (node, audit) have their own tests; those evaluated here have fixtures.
        if matches!(rule.check, kubeward_core::Check::None) && !dir.is_dir() {
            continue;
        }
        if !dir.is_dir() {
            missing.push(rule.id);
            continue;
        }
        let fail = findings_of(rule, &dir.join("fail.yaml"));
        assert!(!fail.is_empty(), "{}: fail.yaml produced no finding", rule.id);
        let expected_path = dir.join("expected.txt");
        let actual = fail.join("\n") + "\n";
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{}: no expected.txt (run with UPDATE_SNAPSHOTS=1 and review)", rule.id));
            assert_eq!(
                actual, expected,
                "{}: findings of fail.yaml differ from expected.txt",
                rule.id
            );
        }
        let pass = findings_of(rule, &dir.join("pass.yaml"));
        assert!(pass.is_empty(), "{}: pass.yaml produced findings: {pass:#?}", rule.id);
        checked += 1;
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
    println!("{checked} rules checked against their fixtures");
}
