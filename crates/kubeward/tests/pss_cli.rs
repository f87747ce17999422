//! `kubeward pss` and the `pss.*` findings of `scan`, through the real binary.

mod common;
use common::*;

const NGINX: &str = "apiVersion: v1
kind: Pod
metadata:
  name: nginx
  namespace: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
";

const NGINX_MESSAGE: &str = r#"allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#;

fn deployment(name: &str, ns: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  template:\n    spec:\n      hostPID: true\n      containers:\n      - name: app\n        image: app:1\n"
    )
}

#[test]
fn pods_are_denied_as_kubectl_prints_it_and_workloads_warned() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", NGINX);
    write(dir.path(), "deploy.yaml", &deployment("api", "web"));
    let out = kubeward(&["pss", "pod.yaml", "deploy.yaml"], dir.path());
    assert_eq!(code(&out), 1, "something is denied");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            r#"Error from server (Forbidden): error when creating "pod.yaml": pods "nginx" is forbidden: violates PodSecurity "restricted:latest": {NGINX_MESSAGE}"#
        )
    );
    assert!(lines[1].starts_with(r#"Warning: would violate PodSecurity "restricted:latest": host namespaces (hostPID=true), allowPrivilegeEscalation != false"#), "{}", lines[1]);
    assert_eq!(lines[2], "deployment.apps/api created (server dry run)");
    // At baseline the pod passes, the workload still warns.
    let out = kubeward(
        &[
            "pss",
            "--level",
            "baseline",
            "--version",
            "v1.25",
            "pod.yaml",
            "deploy.yaml",
        ],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("pod/nginx created (server dry run)\nWarning: would violate PodSecurity \"baseline:v1.25\": host namespaces (hostPID=true)\n"), "{text}");
    assert_eq!(code(&out), 1);
    assert_eq!(
        code(&kubeward(
            &["pss", "--level", "privileged", "pod.yaml", "deploy.yaml"],
            dir.path()
        )),
        0
    );
    assert_eq!(
        code(&kubeward(&["pss", "--version", "v1.025", "pod.yaml"], dir.path())),
        2
    );
}

#[test]
fn json_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", NGINX);
    let out = kubeward(
        &["pss", "pod.yaml", "--format", "json", "--version", "v1.28"],
        dir.path(),
    );
    let v = json(&out);
    let e = &v[0];
    assert_eq!(
        e["object"],
        serde_json::json!({"apiVersion": "v1", "kind": "Pod", "namespace": "web", "name": "nginx"})
    );
    assert_eq!(e["level"], "restricted");
    assert_eq!(e["version"], "v1.28");
    assert_eq!(e["allowed"], false);
    assert_eq!(e["message"], NGINX_MESSAGE);
    let ids: Vec<&str> = e["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "runAsNonRoot",
            "seccompProfile_restricted"
        ]
    );
    assert_eq!(e["checks"][0]["reason"], "allowPrivilegeEscalation != false");
    assert_eq!(
        e["checks"][0]["detail"],
        "container \"nginx\" must set securityContext.allowPrivilegeEscalation=false"
    );
}

#[test]
fn from_labels_uses_each_namespace_policy() {
    let dir = tempfile::tempdir().unwrap();
    let namespaces = "apiVersion: v1
kind: Namespace
metadata:
  name: web
  labels:
    pod-security.kubernetes.io/enforce: baseline
---
apiVersion: v1
kind: Namespace
metadata:
  name: strict
  labels:
    pod-security.kubernetes.io/enforce: Restricted   # invalid: fails closed to restricted
---
apiVersion: v1
kind: Namespace
metadata:
  name: open
";
    write(dir.path(), "ns.yaml", namespaces);
    write(
        dir.path(),
        "pods.yaml",
        &format!(
            "{NGINX}---\n{}---\n{}---\n{}",
            NGINX.replace("namespace: web", "namespace: strict"),
            NGINX.replace("namespace: web", "namespace: open"),
            NGINX.replace("namespace: web", "namespace: elsewhere")
        ),
    );
    let out = kubeward(&["pss", "--from-labels", ".", "--format", "json"], dir.path());
    let v = json(&out);
    let by_ns = |ns: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|e| e["object"]["namespace"] == ns)
            .unwrap()
            .clone()
    };
    assert_eq!(by_ns("web")["allowed"], true);
    assert_eq!(by_ns("web")["level"], "baseline");
    assert_eq!(by_ns("strict")["allowed"], false);
    assert_eq!(by_ns("strict")["level"], "restricted");
    assert_eq!(by_ns("open")["level"], "privileged");
    assert_eq!(
        by_ns("elsewhere")["notEvaluated"],
        "namespace \"elsewhere\" is not in the input"
    );
    assert_eq!(code(&out), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be one of privileged, baseline, restricted"));
}

#[test]
fn namespace_dry_run_prints_kubectl_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = String::from("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n");
    for name in ["nginx", "web-1", "web-2"] {
        input.push_str("---\n");
        input.push_str(&NGINX.replace("name: nginx\n  namespace", &format!("name: {name}\n  namespace")));
    }
    input.push_str("---\n");
    input.push_str(
        &NGINX
            .replace("name: nginx\n", "name: hostpid\n")
            .replace("spec:\n", "spec:\n  hostPID: true\n"),
    );
    write(dir.path(), "dump.yaml", &input);
    let out = kubeward(
        &["pss", "--namespace-dry-run", "--level", "restricted", "dump.yaml"],
        dir.path(),
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Warning: existing pods in namespace \"web\" violate the new PodSecurity enforce level \"restricted:latest\"\n\
         Warning: hostpid: host namespaces, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n\
         Warning: nginx (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n\
         namespace/web labeled (server dry run)\n"
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn scan_reports_pss_findings_at_the_chosen_level() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", NGINX);
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["scan", "pod.yaml", "--format", "json"];
        all.extend_from_slice(args);
        let v = json(&kubeward(&all, dir.path()));
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .filter(|r| r.starts_with("pss."))
            .collect()
    };
    assert_eq!(
        rules(&[]),
        [
            "pss.allowPrivilegeEscalation",
            "pss.capabilities_restricted",
            "pss.runAsNonRoot",
            "pss.seccompProfile_restricted"
        ]
    );
    assert!(rules(&["--pss-level", "baseline"]).is_empty());
    let v = json(&kubeward(&["scan", "pod.yaml", "--format", "json"], dir.path()));
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "pss.runAsNonRoot")
        .unwrap();
    assert_eq!(
        f["message"],
        "runAsNonRoot != true (pod or container \"nginx\" must set securityContext.runAsNonRoot=true)"
    );
    assert_eq!(f["severity"], "medium", "restricted-only checks are medium");
    assert_eq!(f["location"]["line"], 8, "points at the container");
    write(
        dir.path(),
        "priv.yaml",
        &NGINX.replace(
            "image: nginx:1.27\n",
            "image: nginx:1.27\n    securityContext:\n      privileged: true\n",
        ),
    );
    let v = json(&kubeward(&["scan", "priv.yaml", "--format", "json"], dir.path()));
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "pss.privileged")
        .unwrap();
    assert_eq!(f["severity"], "high", "baseline checks are high");
    assert_eq!(f["location"]["line"], 11);
    assert_eq!(f["path"], "spec.containers[0].securityContext.privileged");
}
