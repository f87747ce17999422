//! Each format's shape on small, hand-built results: exact where the contract is exact, schema-valid always.

use kubeward_core::engine::{ScanResult, Summary};
use kubeward_core::finding::{Finding, InputError, Location, Notice, Suppression, fingerprint};
use kubeward_core::{Check, Domain, Dread, FieldPath, ObjectRef, Severity, Stride, rule};
use kubeward_report::{Format, ReportInput, render};
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

rule! {
    /// ## What it checks
    /// Something <risky> & "quoted".
    ///
    /// Second paragraph.
    ///
    /// ## Why it matters
    /// Because.
    ///
    /// ## Example
    /// ```yaml
    /// a: 1
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// a: 2
    /// ```
    ///
    /// ## References
    /// None.
    static TEST_RULE = {
        id: "test.rule",
        title: "Test rule",
        domain: Domain::Workload,
        stride: &[Stride::Tampering, Stride::InformationDisclosure],
        dread: Dread::new(3, 3, 2, 2, 1),
        remediation: "Set a to 2.",
        references: &["https://example.com/doc"],
        check: Check::None,
    };
}

fn finding(name: &str, line: u32, suppressed: Option<Suppression>) -> Finding {
    let object = ObjectRef {
        api_version: "v1".into(),
        kind: "Pod".into(),
        namespace: Some("shop".into()),
        name: name.into(),
    };
    let path = FieldPath::parse("spec.containers[0].image");
    Finding {
        rule: &TEST_RULE,
        severity: Severity::High,
        message: format!("container \"c\" of {name} <bad> & \"worse\""),
        fingerprint: fingerprint("test.rule", &object, &path),
        object: object.into(),
        path,
        location: Location {
            file: Arc::from("/work/app/deploy/pod.yaml"),
            line,
            column: 5,
            template: Some(Arc::from("chart/templates/pod.yaml")),
        },
        dread: Dread::new(3, 3, 2, 2, 1),
        dread_reasons: vec![],
        suppressed,
    }
}

fn result() -> ScanResult {
    let mut summary = Summary {
        files: 1,
        objects_seen: 3,
        objects_evaluated: 2,
        ..Default::default()
    };
    summary.objects_not_evaluated.insert("input error".into(), 1);
    for s in Severity::ALL {
        summary.findings.insert(s.name().into(), 0);
    }
    summary.findings.insert("high".into(), 1);
    summary.suppressed = 1;
    ScanResult {
        findings: vec![
            finding("web", 7, None),
            finding(
                "old",
                20,
                Some(Suppression {
                    kind: "annotation",
                    reason: "accepted".into(),
                }),
            ),
        ],
        errors: vec![InputError {
            file: "/work/app/deploy/bad.yaml".into(),
            line: Some(3),
            column: Some(9),
            object: Some("Pod/shop/x".into()),
            message: "spec.replicas: expected an integer".into(),
            object_evaluated: false,
        }],
        notices: vec![Notice {
            file: None,
            message: "a notice".into(),
        }],
        summary,
    }
}

fn input<'a>(r: &'a ScanResult, rules: &'a [&'static kubeward_core::RuleMeta], show: bool) -> ReportInput<'a> {
    ReportInput {
        result: r,
        rules,
        tool_version: "9.9.9",
        show_suppressed: show,
        color: false,
        cwd: Some(Path::new("/work/app")),
    }
}

fn validator(schema_file: &Path) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_file).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &serde_json::Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

#[test]
fn json_shape_and_schema() {
    let r = result();
    let rules = [&TEST_RULE];
    let doc: serde_json::Value = serde_json::from_str(&render(Format::Json, &input(&r, &rules, true))).unwrap();
    assert_eq!(doc["schemaVersion"], 1);
    assert_eq!(doc["tool"], json!({"name": "kubeward", "version": "9.9.9"}));
    assert_eq!(
        doc["findings"].as_array().unwrap().len(),
        1,
        "suppressed findings are not in findings"
    );
    let f = &doc["findings"][0];
    assert_eq!(
        f["object"],
        json!({"apiVersion": "v1", "kind": "Pod", "namespace": "shop", "name": "web"})
    );
    assert_eq!(
        f["location"],
        json!({"file": "/work/app/deploy/pod.yaml", "line": 7, "column": 5, "template": "chart/templates/pod.yaml"})
    );
    assert_eq!(f["stride"], json!(["Tampering", "Information disclosure"]));
    assert_eq!(
        f["dread"],
        json!({"damage": 3, "reproducibility": 3, "exploitability": 2, "affectedUsers": 2, "discoverability": 1, "rating": 2.2})
    );
    assert_eq!(f["severity"], "high");
    assert_eq!(f["path"], "spec.containers[0].image");
    assert_eq!(
        doc["suppressed"][0]["suppression"],
        json!({"kind": "annotation", "reason": "accepted"})
    );
    assert_eq!(doc["errors"][0]["line"], 3);
    assert_eq!(doc["summary"]["objectsNotEvaluated"]["input error"], 1);
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/kubeward-report.schema.json");
    assert_valid(&validator(&schema), &doc);
    // Without --show-suppressed the key is absent.
    let doc: serde_json::Value = serde_json::from_str(&render(Format::Json, &input(&r, &rules, false))).unwrap();
    assert!(doc.get("suppressed").is_none());
    assert_valid(&validator(&schema), &doc);
}

#[test]
fn sarif_is_valid_and_github_ready() {
    let r = result();
    let rules = [&TEST_RULE];
    let text = render(Format::Sarif, &input(&r, &rules, true));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    assert_valid(&validator(&schema), &doc);
    let run = &doc["runs"][0];
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "test.rule");
    assert_eq!(rule["fullDescription"]["text"], "Something <risky> & \"quoted\".");
    assert_eq!(rule["properties"]["security-severity"], "8.0");
    assert!(rule["help"]["markdown"].as_str().unwrap().contains("## Why it matters"));
    let res = &run["results"][0];
    assert_eq!(res["level"], "error");
    assert_eq!(res["ruleIndex"], 0);
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"], "deploy/pod.yaml",
        "relative to the working directory"
    );
    assert_eq!(loc["region"], json!({"startLine": 7, "startColumn": 5}));
    assert_eq!(
        res["partialFingerprints"]["kubewardFindingHash/v1"]
            .as_str()
            .unwrap()
            .len(),
        32
    );
    assert_eq!(run["results"][1]["suppressions"][0]["kind"], "inSource");
    let notes = &run["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
    // The validator does reject a broken document (so the checks above mean something).
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(validator(&schema).iter_errors(&broken).next().is_some());
    // Empty results are still valid.
    let empty = ScanResult::default();
    let doc: serde_json::Value = serde_json::from_str(&render(Format::Sarif, &input(&empty, &rules, false))).unwrap();
    assert_valid(&validator(&schema), &doc);
}

#[test]
fn text_groups_by_file_and_object() {
    let r = result();
    let rules = [&TEST_RULE];
    let text = render(Format::Text, &input(&r, &rules, false));
    let expected = "\
/work/app/deploy/pod.yaml
  Pod/shop/web
    /work/app/deploy/pod.yaml:7:5  HIGH      test.rule  container \"c\" of web <bad> & \"worse\"
      template: chart/templates/pod.yaml
      fix: Set a to 2.

error: /work/app/deploy/bad.yaml:3:9 (Pod/shop/x): spec.replicas: expected an integer

note: a notice

1 finding (critical 0, high 1, medium 0, low 0, info 0), 1 suppressed; 3 objects (2 evaluated), 1 file, 1 input error
";
    assert_eq!(text, expected);
    let shown = render(Format::Text, &input(&r, &rules, true));
    assert!(shown.contains("[suppressed by annotation: accepted]"));
    let mut colored = input(&r, &rules, false);
    colored.color = true;
    assert!(render(Format::Text, &colored).contains("\x1b[1;31mHIGH"));
    assert!(!text.contains('\x1b'));
}

#[test]
fn junit_escapes_and_groups() {
    let r = result();
    let rules = [&TEST_RULE];
    let xml = render(Format::Junit, &input(&r, &rules, false));
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"kubeward\" tests=\"2\" failures=\"1\" errors=\"1\">"));
    assert!(xml.contains("<testcase classname=\"Pod/shop/web\" name=\"test.rule\""));
    assert!(xml.contains("&lt;bad&gt; &amp; &quot;worse&quot;"));
    assert!(!xml.contains("<bad>"));
    assert!(
        !xml.contains("Pod/shop/old"),
        "suppressed findings are not test failures"
    );
    assert!(xml.contains("<error message=\"spec.replicas: expected an integer\">"));
    assert_eq!(kubeward_report_escape("a\u{1}b"), "a\u{fffd}b");
}

fn kubeward_report_escape(s: &str) -> String {
    // The control character check goes through the public renderer: a message with \u{1}.
    let mut r = result();
    r.findings[0].message = s.to_owned();
    let rules = [&TEST_RULE];
    let xml = render(Format::Junit, &input(&r, &rules, false));
    let start = xml.find("message=\"Test rule: ").unwrap() + "message=\"Test rule: ".len();
    xml[start..start + xml[start..].find('"').unwrap()].to_owned()
}
