use super::authz::{Origin, Rbac};
use kubeward_core::rule::InventoryEmitter;
use kubeward_core::{Check, Context, Domain, Dread, FieldPath, Stride, rule};

rule! {
    /// ## What it checks
    /// Bindings whose `roleRef` names a Role or ClusterRole that exists neither in the input nor among the API
    /// server's built-in roles (judged from the scanned input: a role applied separately is not seen).
    ///
    /// ## Why it matters
    /// The binding grants nothing today, but whoever later creates a role of that name (anyone allowed to create
    /// Roles in the namespace) silently grants it to the binding's subjects.
    ///
    /// ## Example
    /// ```yaml
    /// kind: RoleBinding
    /// roleRef: {kind: Role, name: deployer}   # no Role "deployer" exists
    /// ```
    ///
    /// ## Fix
    /// Delete the binding, or create the role it expects with the intended rules.
    ///
    /// ## References
    /// Kubernetes docs, "Using RBAC Authorization: RoleBinding and ClusterRoleBinding"
    pub static RULE = {
        id: "rbac.binding-to-missing-role",
        title: "Binding to a role that does not exist",
        domain: Domain::Rbac,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 1, 1, 1, 2),
        remediation: "Delete the binding or create the role it refers to.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/rbac/"],
        check: Check::Inventory(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut InventoryEmitter<'_>) {
    let rbac = Rbac::from_inventory(ctx.inventory);
    for b in rbac.dangling_bindings() {
        let Origin::Input(index) = b.origin else { continue };
        out.emit(
            &RULE,
            index,
            FieldPath::root().keys("roleRef.name"),
            format!(
                "{} refers to {} {:?}, which is not in the scanned input nor a built-in role: it grants nothing until one is created",
                b.display(),
                b.role_ref.kind,
                b.role_ref.name
            ),
        );
    }
}
