//! A secret's value never appears in any output: every report format, suppressed findings, baselines, errors.

mod common;
use common::*;

const CANARY: &str = "CANARY-7f3a9c-d41d8cd98f00";
// base64 of the canary, as it would sit in a Secret's `data`.
const CANARY_B64: &str = "Q0FOQVJZLTdmM2E5Yy1kNDFkOGNkOThmMDA=";

fn manifests() -> String {
    format!(
        "apiVersion: v1
kind: Secret
metadata: {{name: db, namespace: shop}}
data:
  password: {CANARY_B64}
stringData:
  token: {CANARY}
---
apiVersion: v1
kind: ConfigMap
metadata: {{name: settings, namespace: shop}}
data:
  api_token: {CANARY}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  annotations:
    kubeward.io/ignore: \"secret.env-from-secret: accepted\"
spec:
  template:
    spec:
      containers:
      - name: api
        image: nginx
        env:
        - name: DB_PASSWORD
          value: {CANARY}
---
apiVersion: v1
kind: Pod
metadata: {{name: broken, namespace: shop}}
spec:
  containers:
  - name: c
    image: nginx
    env:
    - name: BROKEN
      value: {{{CANARY}: 1}}
"
    )
}

#[test]
fn canary_values_never_appear() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "all.yaml", &manifests());
    let mut outputs = Vec::new();
    for format in ["text", "json", "sarif", "junit"] {
        let out = kubeward(
            &[
                "scan",
                ".",
                "--format",
                format,
                "--show-suppressed",
                "--fail-on",
                "none",
            ],
            dir.path(),
        );
        // The BROKEN variable is a type error: exit 2, and the error must not quote the value either.
        assert_eq!(code(&out), 2, "{format}");
        outputs.push((format.to_owned(), out.stdout.clone(), out.stderr.clone()));
    }
    let out = kubeward(&["scan", ".", "--write-baseline", "baseline.json"], dir.path());
    outputs.push(("baseline run".into(), out.stdout, out.stderr));
    outputs.push((
        "baseline file".into(),
        std::fs::read(dir.path().join("baseline.json")).unwrap(),
        vec![],
    ));
    let pss = kubeward(&["pss", ".", "--format", "json"], dir.path());
    outputs.push(("pss".into(), pss.stdout, pss.stderr));
    for (what, stdout, stderr) in &outputs {
        for stream in [stdout, stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.contains("7f3a9c"), "{what} prints the canary:\n{text}");
            assert!(!text.contains(CANARY_B64), "{what} prints the base64 canary");
        }
    }
    // And the findings are there, naming where the secrets are.
    let text = String::from_utf8_lossy(&outputs[0].1);
    assert!(text.contains("secret.in-env-literal") && text.contains("DB_PASSWORD"));
    assert!(text.contains("secret.in-configmap") && text.contains("api_token"));
    assert!(text.contains("secret.plaintext-in-manifest"));
}
