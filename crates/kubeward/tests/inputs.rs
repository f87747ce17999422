//! Inputs as users feed them: `helm template` output, `kubectl get -o yaml` Lists, JSON arrays, YAML 1.1 values,
//! and the other commands' basics.

mod common;
use common::*;

#[test]
fn helm_template_source_is_reported() {
    let rendered = "---
# Source: shop/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: shop
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:latest
";
    let dir = tempfile::tempdir().unwrap();
    let out = kubeward_stdin(
        &[
            "scan",
            "-",
            "--format",
            "json",
            "--disable",
            "all",
            "--enable",
            "image.latest-or-untagged",
        ],
        dir.path(),
        rendered.as_bytes(),
    );
    let v = json(&out);
    let f = &v["findings"][0];
    assert_eq!(f["location"]["file"], "-");
    assert_eq!(f["location"]["line"], 18);
    assert_eq!(f["location"]["template"], "shop/templates/deployment.yaml");
    let text = kubeward_stdin(
        &["scan", "-", "--disable", "all", "--enable", "image.latest-or-untagged"],
        dir.path(),
        rendered.as_bytes(),
    );
    assert!(String::from_utf8_lossy(&text.stdout).contains("template: shop/templates/deployment.yaml"));
}

#[test]
fn lists_json_arrays_and_yaml_1_1() {
    let dir = tempfile::tempdir().unwrap();
    let list = r#"{"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "image": "x:1", "securityContext": {"privileged": true}}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b"}, "spec": {"containers": [{"name": "c", "image": "x:1"}]}}
]}"#;
    write(dir.path(), "list.json", list);
    let array = r#"[{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "c"}, "spec": {"containers": [{"name": "c", "image": "x:1", "securityContext": {"privileged": true}}]}}]"#;
    write(dir.path(), "array.json", array);
    write(
        dir.path(),
        "yes.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    securityContext:\n      privileged: yes\n",
    );
    let out = kubeward(
        &[
            "scan",
            ".",
            "--format",
            "json",
            "--disable",
            "all",
            "--enable",
            "pss.privileged",
        ],
        dir.path(),
    );
    let v = json(&out);
    let mut names: Vec<(String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["object"]["name"].as_str().unwrap().to_owned(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    names.sort();
    // Each List item keeps its own line; `privileged: yes` is privileged, as Kubernetes reads it.
    assert_eq!(names, [("a".to_owned(), 2), ("c".to_owned(), 1), ("d".to_owned(), 9)]);
    assert_eq!(v["summary"]["objectsSeen"], 4);
}

#[test]
fn completions_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = kubeward(&["completions", shell], dir.path());
        assert_eq!(code(&out), 0, "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("kubeward") && script.contains("scan") && script.contains("fail-on"),
            "{shell}"
        );
    }
    assert_eq!(code(&kubeward(&["completions", "powerpoint"], dir.path())), 2);
}
