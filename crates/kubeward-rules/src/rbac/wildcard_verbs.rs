use super::role_body;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Roles and ClusterRoles with a rule whose `verbs` include `*`.
    ///
    /// ## Why it matters
    /// `*` grants every verb, present and future: `escalate`, `bind` and `impersonate` on RBAC objects, `delete`
    /// and `deletecollection` everywhere the rule reaches. Least privilege names the verbs the workload uses.
    ///
    /// ## Example
    /// ```yaml
    /// rules:
    /// - apiGroups: [apps]
    ///   resources: [deployments]
    ///   verbs: ["*"]
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// rules:
    /// - apiGroups: [apps]
    ///   resources: [deployments]
    ///   verbs: [get, list, watch, update, patch]
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Role Based Access Control Good Practices" · CIS Kubernetes Benchmark 5.1.3
    pub static RULE = {
        id: "rbac.wildcard-verbs",
        title: "Role grants all verbs",
        domain: Domain::Rbac,
        stride: &[Stride::ElevationOfPrivilege, Stride::Tampering],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "List the verbs the subject needs instead of \"*\".",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
        peers: &[("checkov", "CKV_K8S_49"), ("kube-linter", "wildcard-in-rules"), ("kube-bench", "5.1.3")],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(role) = role_body(o) else { return };
    for (i, r) in role.rules.iter().enumerate() {
        if let Some(j) = r.verbs.iter().position(|v| v == "*") {
            let what = if r.non_resource_urls.is_empty() {
                format!("resources {:?}", r.resources)
            } else {
                format!("non-resource URLs {:?}", r.non_resource_urls)
            };
            out.emit(
                &RULE,
                FieldPath::root().key("rules").index(i).key("verbs").index(j),
                format!("{} {} rule {i} grants every verb (\"*\") on {what}", o.kind, o.name()),
            );
        }
    }
}
