//! RBAC: effective permissions as the authorizer decides them ([`authz`]), the bootstrap roles every cluster has
//! ([`bootstrap`]), and the rules on dangerous grants.

pub mod authz;
pub mod bootstrap;

pub mod anonymous_or_unauthenticated;
pub mod binding_to_missing_role;
pub mod cluster_admin_binding;
pub mod secrets_read;
pub mod system_masters_group;
pub mod wildcard_resources;
pub mod wildcard_verbs;

use kubeward_core::k8s::{BindingBody, RoleBody};
use kubeward_core::{Object, RuleMeta};

pub const RULES: &[&RuleMeta] = &[
    &wildcard_verbs::RULE,
    &wildcard_resources::RULE,
    &cluster_admin_binding::RULE,
    &system_masters_group::RULE,
    &secrets_read::RULE,
    &anonymous_or_unauthenticated::RULE,
    &binding_to_missing_role::RULE,
];

/// The body of a Role or ClusterRole.
pub fn role_body(o: &Object) -> Option<&RoleBody> {
    match &o.body {
        kubeward_core::k8s::Body::Role(r) => Some(r),
        _ => None,
    }
}

/// The body of a RoleBinding or ClusterRoleBinding.
pub fn binding_body(o: &Object) -> Option<&BindingBody> {
    match &o.body {
        kubeward_core::k8s::Body::Binding(b) => Some(b),
        _ => None,
    }
}

/// `User "alice", Group "ci", ServiceAccount "ns/sa"` for messages.
pub fn subjects_text(subjects: &[kubeward_core::k8s::Subject], binding_namespace: Option<&str>) -> String {
    let parts: Vec<String> = subjects
        .iter()
        .map(|s| match s.kind.as_str() {
            "ServiceAccount" => format!(
                "ServiceAccount \"{}/{}\"",
                s.namespace
                    .as_deref()
                    .filter(|n| !n.is_empty())
                    .or(binding_namespace)
                    .unwrap_or(""),
                s.name
            ),
            kind => format!("{kind} {:?}", s.name),
        })
        .collect();
    if parts.is_empty() {
        "no subject".into()
    } else {
        parts.join(", ")
    }
}
