//! The RBAC authorizer's documented decisions, on a table of cases.

use kubeward_core::Inventory;
use kubeward_rules::rbac::authz::{Rbac, Request, UserInfo};

const INPUT: &str = r#"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-monitoring: "true"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring-endpoints, labels: {example.com/aggregate-to-monitoring: "true"}}
rules:
- {apiGroups: [""], resources: [endpoints], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring-plus, labels: {example.com/aggregate-to-monitoring: "true"}}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-plus: "true"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: plus-metrics, labels: {example.com/aggregate-to-plus: "true"}}
rules:
- {nonResourceURLs: ["/metrics", "/debug/*"], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: prometheus}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects: [{kind: ServiceAccount, name: prometheus, namespace: monitoring}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: db-reader, namespace: payments}
rules:
- {apiGroups: [""], resources: [secrets], resourceNames: [db], verbs: [get]}
- {apiGroups: [""], resources: ["pods/exec", "*/log"], verbs: [create, get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: db-reader, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: db-reader}
subjects:
- {kind: Group, name: payments-devs}
- {kind: ServiceAccount, name: api}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-edit, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: ci}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ghost, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: does-not-exist}
subjects: [{kind: User, name: ghost}]
"#;

fn rbac() -> Rbac {
    let loaded = kubeward_load::parse_str(INPUT, "rbac.yaml");
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    Rbac::from_inventory(&Inventory::new(loaded.objects))
}

fn req(verb: &str, group: &str, resource: &str, sub: &str, name: &str, ns: &str) -> Request {
    Request {
        verb: verb.into(),
        api_group: group.into(),
        resource: resource.into(),
        subresource: sub.into(),
        name: name.into(),
        namespace: ns.into(),
        non_resource_url: None,
    }
}

fn url(verb: &str, u: &str) -> Request {
    Request {
        verb: verb.into(),
        non_resource_url: Some(u.into()),
        ..Default::default()
    }
}

#[test]
fn decisions() {
    let r = rbac();
    let prom = UserInfo::from_name("system:serviceaccount:monitoring:prometheus", &[]);
    let dev = UserInfo::from_name("alice", &["payments-devs".to_owned()]);
    let api = UserInfo::from_name("system:serviceaccount:payments:api", &[]);
    let ci = UserInfo::from_name("ci", &[]);
    let ghost = UserInfo::from_name("ghost", &[]);
    let anon = UserInfo::from_name("system:anonymous", &[]);
    let root = UserInfo::from_name("root", &["system:masters".to_owned()]);
    let cases: Vec<(&str, &UserInfo, Request, bool)> = vec![
        // Aggregation, two levels deep.
        (
            "aggregated rule",
            &prom,
            req("list", "", "endpoints", "", "", "default"),
            true,
        ),
        (
            "rule aggregated into an aggregated role",
            &prom,
            url("get", "/metrics"),
            true,
        ),
        ("non-resource prefix wildcard", &prom, url("get", "/debug/pprof"), true),
        ("non-resource exact only", &prom, url("get", "/metricsz"), false),
        (
            "verb not granted",
            &prom,
            req("delete", "", "endpoints", "", "", "default"),
            false,
        ),
        // resourceNames.
        (
            "named secret",
            &dev,
            req("get", "", "secrets", "", "db", "payments"),
            true,
        ),
        (
            "other secret",
            &dev,
            req("get", "", "secrets", "", "other", "payments"),
            false,
        ),
        (
            "list cannot match resourceNames",
            &dev,
            req("list", "", "secrets", "", "", "payments"),
            false,
        ),
        (
            "RoleBinding is namespaced",
            &dev,
            req("get", "", "secrets", "", "db", "default"),
            false,
        ),
        // Subresources.
        (
            "exact subresource",
            &dev,
            req("create", "", "pods", "exec", "", "payments"),
            true,
        ),
        (
            "*/subresource",
            &dev,
            req("get", "", "deployments", "log", "", "payments"),
            true,
        ),
        (
            "subresource is not the resource",
            &dev,
            req("get", "", "pods", "", "", "payments"),
            false,
        ),
        // ServiceAccount subject without namespace takes the RoleBinding's.
        (
            "service account in the binding's namespace",
            &api,
            req("get", "", "secrets", "", "db", "payments"),
            true,
        ),
        // A RoleBinding to a bootstrap ClusterRole.
        (
            "edit via RoleBinding",
            &ci,
            req("create", "", "pods", "", "", "payments"),
            true,
        ),
        (
            "edit reads secrets",
            &ci,
            req("list", "", "secrets", "", "", "payments"),
            true,
        ),
        (
            "edit cannot change RBAC",
            &ci,
            req(
                "create",
                "rbac.authorization.k8s.io",
                "rolebindings",
                "",
                "",
                "payments",
            ),
            false,
        ),
        (
            "edit is limited to the namespace",
            &ci,
            req("create", "", "pods", "", "", "prod"),
            false,
        ),
        // Missing role grants nothing.
        (
            "binding to a missing role",
            &ghost,
            req("get", "", "pods", "", "", "payments"),
            false,
        ),
        // Bootstrap bindings.
        (
            "everyone authenticated can discover",
            &ci,
            url("get", "/apis/apps"),
            true,
        ),
        ("anonymous can read /version", &anon, url("get", "/version"), true),
        ("anonymous cannot discover", &anon, url("get", "/apis"), false),
        (
            "system:masters bypasses RBAC",
            &root,
            req("delete", "", "nodes", "", "n1", ""),
            true,
        ),
    ];
    let mut failures = Vec::new();
    for (what, user, request, expected) in cases {
        let got = r.authorize(user, &request);
        if got.is_some() != expected {
            failures.push(format!("{what}: expected {expected}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    let grant = r
        .authorize(&dev, &req("get", "", "secrets", "", "db", "payments"))
        .unwrap();
    assert_eq!(grant.binding, "RoleBinding/payments/db-reader");
    assert_eq!(grant.role, "Role/db-reader");
    assert_eq!(grant.rule, 0);
    assert_eq!(grant.subject, "Group/payments-devs");
    assert_eq!(
        r.dangling_bindings().map(|b| b.name.clone()).collect::<Vec<_>>(),
        ["ghost"]
    );
}

#[test]
fn who_can_lists_subjects_with_bindings() {
    let r = rbac();
    let subjects: Vec<String> = r
        .who_can(&req("get", "", "secrets", "", "db", "payments"))
        .into_iter()
        .map(|(s, grants)| {
            format!(
                "{}:{}:{} via {}",
                s.kind,
                s.namespace.unwrap_or_default(),
                s.name,
                grants[0].binding
            )
        })
        .collect();
    assert_eq!(
        subjects,
        [
            "Group::payments-devs via RoleBinding/payments/db-reader",
            "Group::system:masters via ClusterRoleBinding/cluster-admin",
            "ServiceAccount:payments:api via RoleBinding/payments/db-reader",
            "User::ci via RoleBinding/payments/ci-edit",
        ]
    );
}
