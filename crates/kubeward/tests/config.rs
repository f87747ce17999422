//! Exit codes, `--fail-on`, `.kubeward.yaml` (enable/disable, severity overrides, ignores with expiry),
//! suppression annotations and baselines, through the real binary.

mod common;
use common::*;
use serde_json::Value;

fn rules_of(report: &Value, key: &str) -> Vec<String> {
    report[key]
        .as_array()
        .map(|a| a.iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

const UNTAGGED: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: c
    image: nginx
    securityContext:
      readOnlyRootFilesystem: true
";

#[test]
fn fail_on_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", UNTAGGED);
    // Only image.latest-or-untagged runs; it is medium by default.
    let run = |fail_on: &str| {
        let args = [
            "scan",
            "pod.yaml",
            "--fail-on",
            fail_on,
            "--disable",
            "all",
            "--enable",
            "image.latest-or-untagged",
        ];
        code(&kubeward(&args, dir.path()))
    };
    assert_eq!(run("medium"), 1);
    assert_eq!(run("high"), 0);
    assert_eq!(run("none"), 0);
    assert_eq!(run("low"), 1);
}

#[test]
fn annotation_suppression_needs_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let with_reason = UNTAGGED.replace(
        "  name: web\n",
        "  name: web\n  annotations:\n    kubeward.io/ignore: \"image.latest-or-untagged: pinned by the registry mirror\"\n",
    );
    write(dir.path(), "pod.yaml", &with_reason);
    let report = json(&kubeward(
        &["scan", "pod.yaml", "--format", "json", "--show-suppressed"],
        dir.path(),
    ));
    assert!(!rules_of(&report, "findings").contains(&"image.latest-or-untagged".to_owned()));
    let suppressed = &report["suppressed"];
    let s = suppressed
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "image.latest-or-untagged")
        .expect("listed as suppressed");
    assert_eq!(s["suppression"]["kind"], "annotation");
    assert_eq!(s["suppression"]["reason"], "pinned by the registry mirror");
    assert!(report["summary"]["suppressed"].as_u64().unwrap() >= 1);

    let without = UNTAGGED.replace(
        "  name: web\n",
        "  name: web\n  annotations:\n    kubeward.io/ignore: \"image.latest-or-untagged\"\n",
    );
    write(dir.path(), "pod.yaml", &without);
    let report = json(&kubeward(&["scan", "pod.yaml", "--format", "json"], dir.path()));
    let rules = rules_of(&report, "findings");
    assert!(
        rules.contains(&"image.latest-or-untagged".to_owned()),
        "not suppressed without a reason"
    );
    assert!(rules.contains(&"config.suppression-invalid".to_owned()));
}

#[test]
fn config_file_ignores_overrides_and_expiry() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deploy/legacy/pod.yaml", UNTAGGED);
    write(
        dir.path(),
        "deploy/new/pod.yaml",
        &UNTAGGED.replace("name: web", "name: api"),
    );
    write(
        dir.path(),
        ".kubeward.yaml",
        "rules:
  severity:
    image.latest-or-untagged: critical
ignore:
- rule: image.latest-or-untagged
  path: deploy/legacy/**
  reason: legacy app, retired in Q1
  expires: 2999-01-01
- rule: image.latest-or-untagged
  object: Pod/api
  reason: this one expired
  expires: 2000-01-01
",
    );
    let out = kubeward(&["scan", "deploy", "--format", "json", "--show-suppressed"], dir.path());
    let report = json(&out);
    let active: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "image.latest-or-untagged")
        .collect();
    assert_eq!(active.len(), 1, "the expired ignore no longer applies");
    assert_eq!(active[0]["object"]["name"], "api");
    assert_eq!(active[0]["severity"], "critical", "severity override");
    let sup = report["suppressed"].as_array().unwrap();
    assert!(
        sup.iter()
            .any(|f| f["object"]["name"] == "web" && f["suppression"]["kind"] == "config")
    );
    let notices = report["notices"].to_string();
    assert!(notices.contains("expired on 2000-01-01"), "{notices}");
    assert_eq!(code(&out), 1, "critical finding fails the default --fail-on high");

    // An ignore without a reason is a configuration error.
    write(
        dir.path(),
        ".kubeward.yaml",
        "ignore:\n- rule: image.latest-or-untagged\n",
    );
    let out = kubeward(&["scan", "deploy"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("`reason` is required"));
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", UNTAGGED);
    let out = kubeward(
        &["scan", ".", "--write-baseline", "baseline.json", "--format", "json"],
        dir.path(),
    );
    let first = json(&out);
    assert!(!first["findings"].as_array().unwrap().is_empty());
    // Same objects, moved lines: nothing new.
    write(dir.path(), "a.yaml", &format!("# moved down\n\n{UNTAGGED}"));
    let report = json(&kubeward(
        &["scan", ".", "--baseline", "baseline.json", "--format", "json"],
        dir.path(),
    ));
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(
        report["summary"]["suppressed"],
        first["findings"].as_array().unwrap().len()
    );
    // A new object: only its findings.
    write(dir.path(), "b.yaml", &UNTAGGED.replace("name: web", "name: new"));
    let args = [
        "scan",
        ".",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        "--fail-on",
        "medium",
    ];
    let out = kubeward(&args, dir.path());
    assert_eq!(code(&out), 1, "the new medium finding fails --fail-on medium");
    let report = json(&out);
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["object"]["name"] == "new")
    );
}

#[test]
fn rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let out = kubeward(&["rules", "--format", "json"], dir.path());
    assert_eq!(code(&out), 0);
    let rules = json(&out);
    let r = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "workload.host-path-sensitive")
        .expect("listed");
    for key in [
        "id",
        "title",
        "severity",
        "stride",
        "dread",
        "enabledByDefault",
        "falco",
    ] {
        assert!(!r[key].is_null(), "{key}");
    }
    assert_eq!(r["severity"], "critical");
    let out = kubeward(&["explain", "workload.host-path-sensitive"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("## Why it matters") && text.contains("/var/run/docker.sock"));
}
