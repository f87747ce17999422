//! The API server's bootstrap roles and bindings that matter for who can do what: `cluster-admin`, the aggregated
//! user-facing roles `admin`, `edit` and `view` with their `system:aggregate-to-*` parts, and the roles every
//! authenticated (or anonymous) user is bound to. They exist on every cluster, so bindings that reference them
//! grant real power even when the input does not define them. (Facts from the Kubernetes bootstrap policy; the
//! controller and node roles are not modelled yet.)

use super::authz::{Origin, ResolvedBinding, ResolvedRole};
use kubeward_core::k8s::{AggregationRule, LabelSelector, PolicyRule, RoleRef, Subject};
use std::collections::BTreeMap;

const READ: &[&str] = &["get", "list", "watch"];
const WRITE: &[&str] = &["create", "delete", "deletecollection", "patch", "update"];

fn rule(verbs: &[&str], groups: &[&str], resources: &[&str]) -> PolicyRule {
    PolicyRule {
        verbs: verbs.iter().map(|s| s.to_string()).collect(),
        api_groups: groups.iter().map(|s| s.to_string()).collect(),
        resources: resources.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn urls(verbs: &[&str], urls: &[&str]) -> PolicyRule {
    PolicyRule {
        verbs: verbs.iter().map(|s| s.to_string()).collect(),
        non_resource_urls: urls.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn label(key: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(format!("rbac.authorization.k8s.io/{key}"), "true".to_owned())])
}

fn role(
    name: &str,
    labels: BTreeMap<String, String>,
    rules: Vec<PolicyRule>,
    aggregate_from: Option<&str>,
) -> ResolvedRole {
    ResolvedRole {
        kind: "ClusterRole",
        namespace: None,
        name: name.to_owned(),
        labels,
        rules,
        aggregation: aggregate_from.map(|key| AggregationRule {
            cluster_role_selectors: vec![LabelSelector {
                match_labels: label(key),
                ..Default::default()
            }],
        }),
        origin: Origin::Bootstrap,
    }
}

/// The bootstrap ClusterRoles modelled.
pub fn cluster_roles() -> Vec<ResolvedRole> {
    let view_core = [
        "pods",
        "replicationcontrollers",
        "replicationcontrollers/scale",
        "serviceaccounts",
        "services",
        "services/status",
        "endpoints",
        "persistentvolumeclaims",
        "persistentvolumeclaims/status",
        "configmaps",
        "limitranges",
        "resourcequotas",
        "bindings",
        "events",
        "pods/status",
        "resourcequotas/status",
        "namespaces/status",
        "replicationcontrollers/status",
        "pods/log",
        "namespaces",
    ];
    let apps = [
        "controllerrevisions",
        "statefulsets",
        "statefulsets/scale",
        "statefulsets/status",
        "daemonsets",
        "daemonsets/status",
        "deployments",
        "deployments/scale",
        "deployments/status",
        "replicasets",
        "replicasets/scale",
        "replicasets/status",
    ];
    let batch = ["jobs", "jobs/status", "cronjobs", "cronjobs/status"];
    let networking = ["networkpolicies", "ingresses", "ingresses/status"];
    vec![
        role(
            "cluster-admin",
            BTreeMap::new(),
            vec![rule(&["*"], &["*"], &["*"]), urls(&["*"], &["*"])],
            None,
        ),
        role("admin", BTreeMap::new(), vec![], Some("aggregate-to-admin")),
        role("edit", label("aggregate-to-admin"), vec![], Some("aggregate-to-edit")),
        role("view", label("aggregate-to-edit"), vec![], Some("aggregate-to-view")),
        role(
            "system:aggregate-to-view",
            label("aggregate-to-view"),
            vec![
                rule(READ, &[""], &view_core),
                rule(READ, &["discovery.k8s.io"], &["endpointslices"]),
                rule(READ, &["apps"], &apps),
                rule(
                    READ,
                    &["autoscaling"],
                    &["horizontalpodautoscalers", "horizontalpodautoscalers/status"],
                ),
                rule(READ, &["batch"], &batch),
                rule(
                    READ,
                    &["policy"],
                    &["poddisruptionbudgets", "poddisruptionbudgets/status"],
                ),
                rule(READ, &["networking.k8s.io"], &networking),
            ],
            None,
        ),
        role(
            "system:aggregate-to-edit",
            label("aggregate-to-edit"),
            vec![
                rule(
                    READ,
                    &[""],
                    &[
                        "pods/attach",
                        "pods/proxy",
                        "pods/exec",
                        "pods/portforward",
                        "secrets",
                        "services/proxy",
                    ],
                ),
                rule(&["impersonate"], &[""], &["serviceaccounts"]),
                rule(
                    WRITE,
                    &[""],
                    &["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"],
                ),
                rule(&["create"], &[""], &["pods/eviction"]),
                rule(
                    WRITE,
                    &[""],
                    &[
                        "replicationcontrollers",
                        "replicationcontrollers/scale",
                        "serviceaccounts",
                        "services",
                        "services/proxy",
                        "persistentvolumeclaims",
                        "configmaps",
                        "secrets",
                        "events",
                    ],
                ),
                rule(&["create"], &[""], &["serviceaccounts/token"]),
                rule(WRITE, &["apps"], &apps),
                rule(WRITE, &["autoscaling"], &["horizontalpodautoscalers"]),
                rule(WRITE, &["batch"], &["jobs", "cronjobs"]),
                rule(WRITE, &["policy"], &["poddisruptionbudgets"]),
                rule(WRITE, &["networking.k8s.io"], &["networkpolicies", "ingresses"]),
                rule(WRITE, &["discovery.k8s.io"], &["endpointslices"]),
            ],
            None,
        ),
        role(
            "system:aggregate-to-admin",
            label("aggregate-to-admin"),
            vec![
                rule(&["create"], &["authorization.k8s.io"], &["localsubjectaccessreviews"]),
                rule(
                    &[
                        "create",
                        "delete",
                        "deletecollection",
                        "get",
                        "list",
                        "patch",
                        "update",
                        "watch",
                    ],
                    &["rbac.authorization.k8s.io"],
                    &["rolebindings", "roles"],
                ),
            ],
            None,
        ),
        role(
            "system:basic-user",
            BTreeMap::new(),
            vec![
                rule(
                    &["create"],
                    &["authorization.k8s.io"],
                    &["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
                ),
                rule(&["create"], &["authentication.k8s.io"], &["selfsubjectreviews"]),
            ],
            None,
        ),
        role(
            "system:discovery",
            BTreeMap::new(),
            vec![urls(
                &["get"],
                &[
                    "/api",
                    "/api/*",
                    "/apis",
                    "/apis/*",
                    "/healthz",
                    "/livez",
                    "/openapi",
                    "/openapi/*",
                    "/readyz",
                    "/version",
                    "/version/",
                ],
            )],
            None,
        ),
        role(
            "system:public-info-viewer",
            BTreeMap::new(),
            vec![urls(
                &["get"],
                &["/healthz", "/livez", "/readyz", "/version", "/version/"],
            )],
            None,
        ),
    ]
}

fn group(name: &str) -> Subject {
    Subject {
        kind: "Group".into(),
        name: name.into(),
        api_group: Some("rbac.authorization.k8s.io".into()),
        namespace: None,
    }
}

fn binding(name: &str, role: &str, subjects: Vec<Subject>) -> ResolvedBinding {
    ResolvedBinding {
        kind: "ClusterRoleBinding",
        namespace: None,
        name: name.to_owned(),
        role_ref: RoleRef {
            api_group: "rbac.authorization.k8s.io".into(),
            kind: "ClusterRole".into(),
            name: role.to_owned(),
        },
        subjects,
        origin: Origin::Bootstrap,
    }
}

/// The bootstrap ClusterRoleBindings modelled.
pub fn cluster_role_bindings() -> Vec<ResolvedBinding> {
    vec![
        binding("cluster-admin", "cluster-admin", vec![group("system:masters")]),
        binding(
            "system:basic-user",
            "system:basic-user",
            vec![group("system:authenticated")],
        ),
        binding(
            "system:discovery",
            "system:discovery",
            vec![group("system:authenticated")],
        ),
        binding(
            "system:public-info-viewer",
            "system:public-info-viewer",
            vec![group("system:authenticated"), group("system:unauthenticated")],
        ),
    ]
}
