//! Effective RBAC permissions, decided as the Kubernetes RBAC authorizer decides them.
//!
//! - Rules match as `rbac/v1` `RuleAllows` does: a verb, API group, resource or non-resource URL matches itself or
//!   `*`; `resource/subresource` matches itself, `*`, or `*/subresource`; non-resource URLs ending in `*` match by
//!   prefix; `resourceNames` restricts to those names (and then never matches a request without a name).
//! - ClusterRoleBindings grant cluster-wide; RoleBindings grant in their namespace, to a Role of that namespace or to
//!   a ClusterRole. A binding whose role does not exist grants nothing.
//! - Subjects: a `User` by name, a `Group` by membership, a `ServiceAccount` by its user name
//!   `system:serviceaccount:<ns>:<name>` (a subject without namespace takes the RoleBinding's). Service accounts
//!   belong to `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`.
//! - ClusterRoles with an `aggregationRule` get the rules of every ClusterRole its selectors match, repeated until
//!   nothing changes, as the aggregation controller converges (aggregated roles may feed other aggregated roles).
//! - The API server's bootstrap roles and bindings ([`super::bootstrap`]) exist even when the input omits them, and
//!   are replaced by the input's own definition of the same name.

use super::bootstrap;
use kubeward_core::Inventory;
use kubeward_core::k8s::{AggregationRule, Body, PolicyRule, RoleRef, Subject};
use std::collections::{BTreeMap, BTreeSet};

/// Where a role or binding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Index of the object in the inventory.
    Input(usize),
    /// One of the API server's bootstrap objects.
    Bootstrap,
}

/// A Role or ClusterRole with its effective rules.
#[derive(Debug, Clone)]
pub struct ResolvedRole {
    pub kind: &'static str,
    pub namespace: Option<String>,
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub rules: Vec<PolicyRule>,
    pub aggregation: Option<AggregationRule>,
    pub origin: Origin,
}

/// A RoleBinding or ClusterRoleBinding.
#[derive(Debug, Clone)]
pub struct ResolvedBinding {
    pub kind: &'static str,
    pub namespace: Option<String>,
    pub name: String,
    pub role_ref: RoleRef,
    pub subjects: Vec<Subject>,
    pub origin: Origin,
}

impl ResolvedBinding {
    /// `ClusterRoleBinding/name` or `RoleBinding/ns/name`.
    pub fn display(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{}/{ns}/{}", self.kind, self.name),
            None => format!("{}/{}", self.kind, self.name),
        }
    }
}

/// Who is asking: a user name and groups, as the authenticator reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    pub name: String,
    pub groups: Vec<String>,
}

impl UserInfo {
    /// A user from `--as`: `system:serviceaccount:<ns>:<name>` gets the service-account groups; other users get
    /// `system:authenticated` (anonymous gets `system:unauthenticated`), plus the extra `groups` given.
    pub fn from_name(name: &str, extra_groups: &[String]) -> Self {
        let mut groups: Vec<String> = extra_groups.to_vec();
        if let Some(rest) = name.strip_prefix("system:serviceaccount:")
            && let Some((ns, _)) = rest.split_once(':')
        {
            groups.push("system:serviceaccounts".into());
            groups.push(format!("system:serviceaccounts:{ns}"));
        }
        groups.push(if name == "system:anonymous" {
            "system:unauthenticated".into()
        } else {
            "system:authenticated".into()
        });
        UserInfo {
            name: name.to_owned(),
            groups,
        }
    }
}

/// What is asked: a resource request or a non-resource request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Request {
    pub verb: String,
    pub api_group: String,
    pub resource: String,
    pub subresource: String,
    pub name: String,
    /// Empty for cluster-scoped requests (and requests across all namespaces).
    pub namespace: String,
    /// Set for non-resource requests (`/healthz`, `/metrics`); then resource fields are ignored.
    pub non_resource_url: Option<String>,
}

fn has(list: &[String], value: &str) -> bool {
    list.iter().any(|v| v == "*" || v == value)
}

fn resource_matches(rule: &PolicyRule, resource: &str, subresource: &str) -> bool {
    let combined = if subresource.is_empty() {
        resource.to_owned()
    } else {
        format!("{resource}/{subresource}")
    };
    rule.resources.iter().any(|r| {
        r == "*"
            || *r == combined
            || (!subresource.is_empty() && r.strip_prefix("*/").is_some_and(|s| s == subresource))
    })
}

fn url_matches(rule_url: &str, url: &str) -> bool {
    rule_url == "*" || rule_url == url || rule_url.strip_suffix('*').is_some_and(|prefix| url.starts_with(prefix))
}

/// Whether one policy rule allows a request (the authorizer's `RuleAllows`).
pub fn rule_allows(rule: &PolicyRule, req: &Request) -> bool {
    if !has(&rule.verbs, &req.verb) {
        return false;
    }
    if let Some(url) = &req.non_resource_url {
        return rule.non_resource_urls.iter().any(|u| url_matches(u, url));
    }
    has(&rule.api_groups, &req.api_group)
        && resource_matches(rule, &req.resource, &req.subresource)
        && (rule.resource_names.is_empty() || (!req.name.is_empty() && rule.resource_names.contains(&req.name)))
}

/// Whether a binding's subject is the user. `binding_namespace` is the RoleBinding's namespace ("" for a
/// ClusterRoleBinding).
pub fn subject_matches(subject: &Subject, user: &UserInfo, binding_namespace: &str) -> bool {
    match subject.kind.as_str() {
        "User" => subject.name == user.name,
        "Group" => user.groups.contains(&subject.name),
        "ServiceAccount" => {
            let ns = subject
                .namespace
                .as_deref()
                .filter(|n| !n.is_empty())
                .unwrap_or(binding_namespace);
            !ns.is_empty() && user.name == format!("system:serviceaccount:{ns}:{}", subject.name)
        }
        _ => false,
    }
}

/// Why a request is allowed: the binding, the role and the index of the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub binding: String,
    pub role: String,
    pub rule: usize,
    /// The subject of the binding that matched (`Group/system:masters`, `ServiceAccount/ns/name`, ...).
    pub subject: String,
}

/// The RBAC state of an input: roles with aggregation resolved, and bindings.
#[derive(Debug, Clone, Default)]
pub struct Rbac {
    pub roles: Vec<ResolvedRole>,
    pub bindings: Vec<ResolvedBinding>,
    /// Role index by (kind, namespace, name).
    index: std::collections::HashMap<(&'static str, Option<String>, String), usize>,
}

fn subject_display(s: &Subject, binding_namespace: &str) -> String {
    match s.kind.as_str() {
        "ServiceAccount" => format!(
            "ServiceAccount/{}/{}",
            s.namespace
                .as_deref()
                .filter(|n| !n.is_empty())
                .unwrap_or(binding_namespace),
            s.name
        ),
        kind => format!("{kind}/{}", s.name),
    }
}

impl Rbac {
    /// The RBAC objects of an inventory, with the bootstrap roles and bindings the input does not redefine.
    pub fn from_inventory(inventory: &Inventory) -> Self {
        let mut rbac = Rbac::default();
        for (i, o) in inventory.objects.iter().enumerate() {
            match &o.body {
                Body::Role(r) => {
                    let cluster = o.kind == "ClusterRole";
                    rbac.roles.push(ResolvedRole {
                        kind: if cluster { "ClusterRole" } else { "Role" },
                        namespace: if cluster {
                            None
                        } else {
                            Some(o.namespace().unwrap_or("default").to_owned())
                        },
                        name: o.name().to_owned(),
                        labels: o.metadata.labels.clone(),
                        rules: r.rules.clone(),
                        aggregation: if cluster { r.aggregation_rule.clone() } else { None },
                        origin: Origin::Input(i),
                    });
                }
                Body::Binding(b) => {
                    let cluster = o.kind == "ClusterRoleBinding";
                    rbac.bindings.push(ResolvedBinding {
                        kind: if cluster { "ClusterRoleBinding" } else { "RoleBinding" },
                        namespace: if cluster {
                            None
                        } else {
                            Some(o.namespace().unwrap_or("default").to_owned())
                        },
                        name: o.name().to_owned(),
                        role_ref: b.role_ref.clone(),
                        subjects: b.subjects.clone(),
                        origin: Origin::Input(i),
                    });
                }
                _ => {}
            }
        }
        for role in bootstrap::cluster_roles() {
            if !rbac
                .roles
                .iter()
                .any(|r| r.kind == "ClusterRole" && r.name == role.name)
            {
                rbac.roles.push(role);
            }
        }
        for binding in bootstrap::cluster_role_bindings() {
            if !rbac
                .bindings
                .iter()
                .any(|b| b.kind == "ClusterRoleBinding" && b.name == binding.name)
            {
                rbac.bindings.push(binding);
            }
        }
        rbac.aggregate();
        rbac.index = rbac
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.kind, r.namespace.clone(), r.name.clone()), i))
            .collect();
        rbac
    }

    /// Resolves `aggregationRule`s to a fixed point.
    fn aggregate(&mut self) {
        for _ in 0..self.roles.len().max(1) {
            let mut changed = false;
            for i in 0..self.roles.len() {
                let Some(agg) = self.roles[i].aggregation.clone() else {
                    continue;
                };
                let mut rules: Vec<PolicyRule> = Vec::new();
                for (j, other) in self.roles.iter().enumerate() {
                    if j == i || other.kind != "ClusterRole" {
                        continue;
                    }
                    if agg.cluster_role_selectors.iter().any(|s| s.matches(&other.labels)) {
                        for r in &other.rules {
                            if !rules.contains(r) {
                                rules.push(r.clone());
                            }
                        }
                    }
                }
                if rules != self.roles[i].rules {
                    self.roles[i].rules = rules;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// The role a binding refers to, if it exists.
    pub fn role_of(&self, b: &ResolvedBinding) -> Option<&ResolvedRole> {
        let key = match b.role_ref.kind.as_str() {
            "ClusterRole" => ("ClusterRole", None, b.role_ref.name.clone()),
            "Role" if b.kind == "RoleBinding" => ("Role", b.namespace.clone(), b.role_ref.name.clone()),
            _ => return None,
        };
        self.index.get(&key).map(|&i| &self.roles[i])
    }

    /// Whether the binding applies to a request in `namespace` ("" = cluster scope).
    fn binding_in_scope(b: &ResolvedBinding, namespace: &str) -> bool {
        match &b.namespace {
            None => true,
            Some(ns) => ns == namespace,
        }
    }

    /// The first grant that allows the user's request, as the authorizer finds it; `None` means denied (RBAC has no
    /// deny rules). The `system:masters` group is allowed everything by the API server before RBAC.
    pub fn authorize(&self, user: &UserInfo, req: &Request) -> Option<Grant> {
        if user.groups.iter().any(|g| g == "system:masters") {
            return Some(Grant {
                binding: "(API server: the system:masters group bypasses authorization)".into(),
                role: "(any)".into(),
                rule: 0,
                subject: "Group/system:masters".into(),
            });
        }
        // As the authorizer visits them: ClusterRoleBindings, then the RoleBindings of the namespace.
        let cluster_first = self
            .bindings
            .iter()
            .filter(|b| b.namespace.is_none())
            .chain(self.bindings.iter().filter(|b| b.namespace.is_some()));
        for b in cluster_first {
            if !Self::binding_in_scope(b, &req.namespace) {
                continue;
            }
            let ns = b.namespace.as_deref().unwrap_or("");
            let Some(subject) = b.subjects.iter().find(|s| subject_matches(s, user, ns)) else {
                continue;
            };
            let Some(role) = self.role_of(b) else { continue };
            if let Some(rule) = role.rules.iter().position(|r| rule_allows(r, req)) {
                return Some(Grant {
                    binding: b.display(),
                    role: format!("{}/{}", role.kind, role.name),
                    rule,
                    subject: subject_display(subject, ns),
                });
            }
        }
        None
    }

    /// Every subject granted the request by some binding in the input (or bootstrap), with how.
    pub fn who_can(&self, req: &Request) -> Vec<(Subject, Vec<Grant>)> {
        let mut out: BTreeMap<(String, String, String), (Subject, Vec<Grant>)> = BTreeMap::new();
        for b in &self.bindings {
            if !Self::binding_in_scope(b, &req.namespace) {
                continue;
            }
            let Some(role) = self.role_of(b) else { continue };
            let Some(rule) = role.rules.iter().position(|r| rule_allows(r, req)) else {
                continue;
            };
            let ns = b.namespace.as_deref().unwrap_or("");
            for s in &b.subjects {
                let mut subject = s.clone();
                if subject.kind == "ServiceAccount" && subject.namespace.as_deref().is_none_or(str::is_empty) {
                    subject.namespace = Some(ns.to_owned());
                }
                let key = (
                    subject.kind.clone(),
                    subject.namespace.clone().unwrap_or_default(),
                    subject.name.clone(),
                );
                let grant = Grant {
                    binding: b.display(),
                    role: format!("{}/{}", role.kind, role.name),
                    rule,
                    subject: subject_display(s, ns),
                };
                out.entry(key).or_insert_with(|| (subject, Vec::new())).1.push(grant);
            }
        }
        out.into_values().collect()
    }

    /// Bindings whose role does not exist.
    pub fn dangling_bindings(&self) -> impl Iterator<Item = &ResolvedBinding> {
        self.bindings.iter().filter(|b| self.role_of(b).is_none())
    }
}

/// The (group, resource) a resource argument names: `secrets`, `deployments.apps`, `pods/exec` (subresource split
/// off by the caller).
pub fn split_group(resource: &str) -> (String, String) {
    match resource.split_once('.') {
        Some((r, g)) => (g.to_owned(), r.to_owned()),
        None => (String::new(), resource.to_owned()),
    }
}

/// Ids of subjects kept stable for messages.
pub fn subject_id(s: &Subject) -> String {
    match (&s.kind[..], &s.namespace) {
        ("ServiceAccount", Some(ns)) => format!("ServiceAccount/{ns}/{}", s.name),
        (kind, _) => format!("{kind}/{}", s.name),
    }
}

/// The set of verbs a rule grants on `group`/`resource` (for messages).
pub fn verbs_on(rules: &[PolicyRule], group: &str, resource: &str) -> BTreeSet<String> {
    rules
        .iter()
        .filter(|r| has(&r.api_groups, group) && r.resources.iter().any(|x| x == "*" || x == resource))
        .flat_map(|r| r.verbs.iter().cloned())
        .collect()
}
