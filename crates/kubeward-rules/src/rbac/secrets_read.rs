use super::authz::{Rbac, Request};
use super::subjects_text;
use kubeward_core::rule::InventoryEmitter;
use kubeward_core::{Check, Context, Domain, Dread, FieldPath, Stride, rule};

rule! {
    /// ## What it checks
    /// Bindings in the input that let their subjects `get`, `list` or `watch` Secrets, through the role they bind
    /// as it really is (aggregated ClusterRoles and the built-in `edit`, `admin` and `cluster-admin` included).
    ///
    /// ## Why it matters
    /// Secrets hold credentials, and `list` or `watch` returns their values, not just names. Reading the Secrets of
    /// a namespace (with service-account token Secrets, where they exist) is often enough to act as every identity
    /// in it.
    ///
    /// ## Example
    /// ```yaml
    /// kind: RoleBinding
    /// roleRef: {kind: ClusterRole, name: edit}
    /// subjects: [{kind: ServiceAccount, name: ci}]
    /// ```
    ///
    /// ## Fix
    /// Grant `get` on the named Secrets the workload needs (`resourceNames`), or mount them instead of reading
    /// them through the API.
    ///
    /// ## References
    /// CIS Kubernetes Benchmark 5.1.2 · Kubernetes docs, "Good practices for Kubernetes Secrets"
    pub static RULE = {
        id: "rbac.secrets-read",
        title: "Secrets readable",
        domain: Domain::Rbac,
        stride: &[Stride::InformationDisclosure, Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Restrict Secret access to get on named Secrets (resourceNames), or mount them.",
        references: &["https://kubernetes.io/docs/concepts/security/secrets-good-practices/"],
        peers: &[("kubescape", "C-0015"), ("kube-bench", "5.1.2")],
        check: Check::Inventory(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut InventoryEmitter<'_>) {
    let rbac = Rbac::from_inventory(ctx.inventory);
    for b in &rbac.bindings {
        let super::authz::Origin::Input(index) = b.origin else {
            continue;
        };
        let Some(role) = rbac.role_of(b) else { continue };
        let verbs: Vec<&str> = ["get", "list", "watch"]
            .into_iter()
            .filter(|verb| {
                let req = Request {
                    verb: verb.to_string(),
                    resource: "secrets".into(),
                    namespace: b.namespace.clone().unwrap_or_default(),
                    ..Default::default()
                };
                role.rules.iter().any(|r| super::authz::rule_allows(r, &req))
            })
            .collect();
        if verbs.is_empty() {
            continue;
        }
        let scope = match &b.namespace {
            Some(ns) => format!("in namespace {ns}"),
            None => "in every namespace".into(),
        };
        out.emit(
            &RULE,
            index,
            FieldPath::root().keys("roleRef.name"),
            format!(
                "{} lets {} {} Secrets {scope} through {} {}",
                b.display(),
                subjects_text(&b.subjects, b.namespace.as_deref()),
                verbs.join("/"),
                role.kind,
                role.name
            ),
        );
    }
}
