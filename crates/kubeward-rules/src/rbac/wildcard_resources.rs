use super::role_body;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Roles and ClusterRoles with a rule whose `resources` include `*`.
    ///
    /// ## Why it matters
    /// `*` covers every resource of the listed API groups, including Secrets, `pods/exec`, `serviceaccounts/token`
    /// and resources added later by CRDs or upgrades, so the grant silently grows.
    ///
    /// ## Example
    /// ```yaml
    /// rules:
    /// - apiGroups: [""]
    ///   resources: ["*"]
    ///   verbs: [get, list]
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// rules:
    /// - apiGroups: [""]
    ///   resources: [configmaps, services]
    ///   verbs: [get, list]
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Role Based Access Control Good Practices" · CIS Kubernetes Benchmark 5.1.3
    pub static RULE = {
        id: "rbac.wildcard-resources",
        title: "Role grants all resources",
        domain: Domain::Rbac,
        stride: &[Stride::ElevationOfPrivilege, Stride::InformationDisclosure],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "List the resources the subject needs instead of \"*\".",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
        peers: &[("checkov", "CKV_K8S_49"), ("kube-linter", "wildcard-in-rules"), ("kube-bench", "5.1.3")],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(role) = role_body(o) else { return };
    for (i, r) in role.rules.iter().enumerate() {
        if let Some(j) = r.resources.iter().position(|v| v == "*") {
            out.emit(
                &RULE,
                FieldPath::root().key("rules").index(i).key("resources").index(j),
                format!(
                    "{} {} rule {i} grants {:?} on every resource (\"*\") of API groups {:?}",
                    o.kind,
                    o.name(),
                    r.verbs,
                    r.api_groups
                ),
            );
        }
    }
}
