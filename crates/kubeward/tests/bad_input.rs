//! Bad input never panics, never hangs, is reported with file, line and column, does not stop the other
//! documents from being scanned, and makes the exit code 2.

mod common;
use common::*;
use serde_json::Value;

/// Scans `files` (name, content) in a fresh directory as JSON; returns the report and exit code.
fn scan_files(files: &[(&str, &str)], args: &[&str]) -> (Value, i32, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    let mut all = vec!["scan", ".", "--format", "json"];
    all.extend_from_slice(args);
    let out = kubeward(&all, dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (json(&out), code(&out), stderr)
}

fn errors(report: &Value) -> Vec<(String, Option<u64>, Option<u64>, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_owned(),
                e["line"].as_u64(),
                e["column"].as_u64(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// One bad document followed by a good one in the same file: error located, good one still scanned.
fn assert_bad_then_good(bad: &str, line: u64, message_part: &str) {
    let text = format!("{bad}\n---\n{PRIVILEGED_POD}");
    let (report, code, _) = scan_files(&[("m.yaml", &text)], &[]);
    assert_eq!(code, 2, "exit code for {bad:?}");
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let (file, l, c, msg) = &errs[0];
    assert!(file.ends_with("m.yaml"), "{file}");
    assert_eq!(*l, Some(line), "line of {msg}");
    assert!(c.is_some(), "column");
    assert!(msg.contains(message_part), "{msg:?} lacks {message_part:?}");
    assert_eq!(finding_objects(&report), ["priv"], "the good document is still scanned");
}

#[test]
fn malformed_yaml() {
    // The unclosed brace is found at the end of the document; the error points at the last line with content.
    assert_bad_then_good("apiVersion: v1\nkind: Pod\nmetadata: {name: x\n", 3, "invalid YAML");
}

#[test]
fn tab_indented_document() {
    assert_bad_then_good("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n", 4, "invalid YAML");
}

#[test]
fn scalar_and_list_documents() {
    assert_bad_then_good("just a string", 1, "the document is a string");
    assert_bad_then_good("- a\n- b", 1, "the document is a list");
}

#[test]
fn missing_kind_or_api_version() {
    assert_bad_then_good("apiVersion: v1\nmetadata: {name: x}", 1, "missing `kind`");
    assert_bad_then_good("kind: Pod\nmetadata: {name: x}", 1, "missing `apiVersion`");
}

#[test]
fn wrong_types() {
    let bad = "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: \"maybe\"";
    assert_bad_then_good(
        bad,
        8,
        "spec.containers[0].securityContext.privileged: expected a boolean",
    );
    let bad = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: many";
    assert_bad_then_good(bad, 5, "spec.replicas: expected an integer");
}

#[test]
fn duplicate_keys() {
    let (report, code, _) = scan_files(
        &[(
            "d.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nkind: ConfigMap\n",
        )],
        &[],
    );
    assert_eq!(code, 2);
    let errs = errors(&report);
    assert_eq!(errs[0].1, Some(4));
    assert!(
        errs[0].3.contains("duplicate key \"kind\" (first at line 2)"),
        "{}",
        errs[0].3
    );
}

#[test]
fn unknown_kind_is_counted_not_an_error() {
    let (report, code, _) = scan_files(
        &[(
            "u.yaml",
            "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
        )],
        &[],
    );
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["objectsSeen"], 1);
    assert_eq!(report["summary"]["objectsEvaluated"], 0);
    assert_eq!(report["summary"]["objectsNotEvaluated"]["no rule for kind Widget"], 1);
}

#[test]
fn empty_and_binary_files_named_explicitly() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.yaml", "");
    std::fs::write(dir.path().join("bin.yaml"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(dir.path().join("latin1.yaml"), b"kind: Pod\nname: caf\xe9\n").unwrap();
    write(dir.path(), "good.yaml", PRIVILEGED_POD);
    let out = kubeward(
        &[
            "scan",
            "empty.yaml",
            "bin.yaml",
            "latin1.yaml",
            "good.yaml",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(code(&out), 2);
    let report = json(&out);
    let errs = errors(&report);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(errs.iter().any(|e| e.0 == "empty.yaml" && e.3.contains("empty")));
    assert!(errs.iter().any(|e| e.0 == "bin.yaml" && e.3.contains("binary")));
    assert!(
        errs.iter()
            .any(|e| e.0 == "latin1.yaml" && e.1 == Some(2) && e.3.contains("UTF-8"))
    );
    assert_eq!(finding_objects(&report), ["priv"]);
}

#[test]
fn files_found_in_directories_that_are_not_manifests_are_skipped() {
    let (report, code, _) = scan_files(
        &[
            ("chart/values.yaml", "replicaCount: 1\nimage: {repository: nginx}\n"),
            (
                "chart/templates/d.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
            ),
            ("pod.yaml", PRIVILEGED_POD),
        ],
        &[],
    );
    assert_eq!(code, 1, "findings only, no input error");
    let notices: Vec<String> = report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(notices.iter().any(|n| n.contains("unrendered template")));
}

#[test]
fn huge_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    write(dir.path(), "good.yaml", PRIVILEGED_POD);
    let out = kubeward(&["scan", "huge.yaml", "good.yaml", "--format", "json"], dir.path());
    assert_eq!(code(&out), 2);
    let report = json(&out);
    let errs = errors(&report);
    assert!(errs[0].3.contains("larger than the limit"), "{errs:?}");
    assert_eq!(finding_objects(&report), ["priv"]);
}

#[test]
fn deep_nesting_and_alias_bomb() {
    let deep = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: deep}}\ndata: {}{}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_bad_then_good(&deep, 4, "nesting deeper than");
    let mut bomb = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n",
    );
    let mut prev = 'a';
    for n in 'b'..='j' {
        bomb.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    let (report, code, _) = scan_files(&[("bomb.yaml", &format!("{bomb}---\n{PRIVILEGED_POD}"))], &[]);
    assert_eq!(code, 2);
    assert!(errors(&report)[0].3.contains("alias bomb"));
    assert_eq!(finding_objects(&report), ["priv"]);
}

#[test]
fn unreadable_paths_and_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d/pod.yaml", PRIVILEGED_POD);
    std::os::unix::fs::symlink(dir.path().join("d"), dir.path().join("d/loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.yaml"), dir.path().join("d/dangling.yaml")).unwrap();
    let out = kubeward(&["scan", "d", "missing.yaml", "--format", "json"], dir.path());
    assert_eq!(code(&out), 2);
    let report = json(&out);
    let errs = errors(&report);
    assert!(
        errs.iter()
            .any(|e| e.0 == "missing.yaml" && e.3.contains("cannot read")),
        "{errs:?}"
    );
    assert!(errs.iter().any(|e| e.0.ends_with("dangling.yaml")), "{errs:?}");
    // The loop is walked once: the pod appears once.
    assert_eq!(report["summary"]["objectsSeen"], 1);
}

#[test]
fn stdin_and_multiple_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = kubeward_stdin(
        &["scan", "-", "--format", "json"],
        dir.path(),
        PRIVILEGED_POD.as_bytes(),
    );
    assert_eq!(code(&out), 1);
    let report = json(&out);
    assert_eq!(report["findings"][0]["location"]["file"], "-");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&kubeward(&["scan"], dir.path())), 2);
    assert_eq!(code(&kubeward(&["scan", ".", "--format", "xml"], dir.path())), 2);
    assert_eq!(code(&kubeward(&["explain", "no.such-rule"], dir.path())), 2);
    write(dir.path(), ".kubeward.yaml", "rules:\n  disabel: [x]\n");
    let out = kubeward(&["scan", "."], dir.path());
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(".kubeward.yaml") && err.contains("disabel"), "{err}");
}
