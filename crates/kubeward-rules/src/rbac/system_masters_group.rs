use super::binding_body;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Bindings whose subjects include the `system:masters` group, other than the bootstrap `cluster-admin`
    /// ClusterRoleBinding.
    ///
    /// ## Why it matters
    /// Members of `system:masters` bypass authorization entirely: the API server allows their requests before RBAC
    /// or webhooks are consulted, and no binding can be removed to take that away. Binding the group elsewhere
    /// suggests certificates or identities are being issued into it.
    ///
    /// ## Example
    /// ```yaml
    /// subjects: [{kind: Group, name: "system:masters", apiGroup: rbac.authorization.k8s.io}]
    /// ```
    ///
    /// ## Fix
    /// Issue no credential in `system:masters` outside break-glass; give administrators their own group bound to
    /// the role they need.
    ///
    /// ## References
    /// Kubernetes docs, "Role Based Access Control Good Practices" ("Avoid adding users to the system:masters group")
    pub static RULE = {
        id: "rbac.system-masters-group",
        title: "Binding for the system:masters group",
        domain: Domain::Rbac,
        stride: &[Stride::ElevationOfPrivilege, Stride::Repudiation],
        dread: Dread::new(3, 3, 3, 3, 2),
        remediation: "Do not grant through system:masters; bind a named group to a least-privilege role.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
        peers: &[("kube-bench", "5.1.1")],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(b) = binding_body(o) else { return };
    if o.kind == "ClusterRoleBinding" && o.name() == "cluster-admin" && b.role_ref.name == "cluster-admin" {
        return;
    }
    for (i, s) in b.subjects.iter().enumerate() {
        if s.kind == "Group" && s.name == "system:masters" {
            out.emit(
                &RULE,
                FieldPath::root().key("subjects").index(i),
                format!(
                    "{} {} binds the system:masters group, which bypasses authorization",
                    o.kind,
                    o.name()
                ),
            );
        }
    }
}
