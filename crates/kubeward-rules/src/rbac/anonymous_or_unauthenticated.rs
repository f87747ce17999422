use super::binding_body;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Bindings that grant anything to the user `system:anonymous` or the group `system:unauthenticated`
    /// (the API server's own `system:public-info-viewer` binding excepted).
    ///
    /// ## Why it matters
    /// Anyone who can reach the API server, without a credential, gets the bound role. Anonymous access to
    /// anything beyond health and version endpoints is an open door from the network.
    ///
    /// ## Example
    /// ```yaml
    /// subjects: [{kind: User, name: "system:anonymous"}]
    /// ```
    ///
    /// ## Fix
    /// Remove the subject; give the clients that need access their own identities.
    ///
    /// ## References
    /// CIS Kubernetes Benchmark 1.2.1 (anonymous auth) · Kubernetes docs, "Authenticating: anonymous requests"
    pub static RULE = {
        id: "rbac.anonymous-or-unauthenticated",
        title: "Grant to anonymous users",
        domain: Domain::Rbac,
        stride: &[Stride::Spoofing, Stride::ElevationOfPrivilege, Stride::InformationDisclosure],
        dread: Dread::new(3, 3, 3, 3, 3),
        remediation: "Remove system:anonymous and system:unauthenticated from the binding's subjects.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests"],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(b) = binding_body(o) else { return };
    if o.kind == "ClusterRoleBinding" && o.name() == "system:public-info-viewer" {
        return;
    }
    for (i, s) in b.subjects.iter().enumerate() {
        let anonymous = (s.kind == "User" && s.name == "system:anonymous")
            || (s.kind == "Group" && s.name == "system:unauthenticated");
        if anonymous {
            out.emit(
                &RULE,
                FieldPath::root().key("subjects").index(i),
                format!(
                    "{} {} grants {} {} to unauthenticated requests ({} {:?})",
                    o.kind,
                    o.name(),
                    b.role_ref.kind,
                    b.role_ref.name,
                    s.kind,
                    s.name
                ),
            );
        }
    }
}
