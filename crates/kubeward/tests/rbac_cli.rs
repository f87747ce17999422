//! `kubeward who-can` and `kubeward can` through the real binary.

mod common;
use common::*;

const RBAC: &str = "apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-edit, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: User, name: ci}
- {kind: ServiceAccount, name: deployer}
";

#[test]
fn who_can_json_and_can_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rbac.yaml", RBAC);
    let out = kubeward(
        &[
            "who-can",
            "create",
            "pods/exec",
            "--namespace",
            "payments",
            "--format",
            "json",
            "rbac.yaml",
        ],
        dir.path(),
    );
    assert_eq!(code(&out), 0);
    let v = json(&out);
    let subjects: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["subject"]["kind"].as_str().unwrap().to_owned(),
                e["subject"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        subjects,
        [
            ("Group".to_owned(), "system:masters".to_owned()),
            ("ServiceAccount".to_owned(), "deployer".to_owned()),
            ("User".to_owned(), "ci".to_owned())
        ]
    );
    assert_eq!(v[0]["bypassesAuthorization"], true);
    assert_eq!(v[1]["subject"]["namespace"], "payments");
    assert_eq!(v[2]["via"][0]["binding"], "RoleBinding/payments/ci-edit");
    assert_eq!(v[2]["via"][0]["role"], "ClusterRole/edit");

    let yes = kubeward(
        &[
            "can",
            "--as",
            "system:serviceaccount:payments:deployer",
            "create",
            "pods",
            "-n",
            "payments",
            "rbac.yaml",
        ],
        dir.path(),
    );
    assert_eq!(code(&yes), 0);
    assert!(String::from_utf8_lossy(&yes.stdout).contains("RoleBinding/payments/ci-edit"));
    let other_ns = kubeward(
        &["can", "--as", "ci", "create", "pods", "-n", "prod", "rbac.yaml"],
        dir.path(),
    );
    assert_eq!(code(&other_ns), 1);
    let rbac_write = kubeward(
        &[
            "can",
            "--as",
            "ci",
            "create",
            "rolebindings.rbac.authorization.k8s.io",
            "-n",
            "payments",
            "rbac.yaml",
        ],
        dir.path(),
    );
    assert_eq!(code(&rbac_write), 1, "edit cannot write RBAC");
    let masters = kubeward(
        &[
            "can",
            "--as",
            "root",
            "--as-group",
            "system:masters",
            "delete",
            "nodes",
            "rbac.yaml",
        ],
        dir.path(),
    );
    assert_eq!(code(&masters), 0);
}
