use super::{binding_body, subjects_text};
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// RoleBindings and ClusterRoleBindings to the `cluster-admin` ClusterRole, other than the API server's own
    /// bootstrap binding `cluster-admin` (for the `system:masters` group).
    ///
    /// ## Why it matters
    /// `cluster-admin` can do anything to anything: read every Secret, run privileged pods on every node, change
    /// RBAC. Whoever holds a bound identity (a CI token, a compromised pod's service account) owns the cluster.
    /// Bound through a RoleBinding it is still full control of that namespace, Secrets included.
    ///
    /// ## Example
    /// ```yaml
    /// kind: ClusterRoleBinding
    /// roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    /// subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
    /// ```
    ///
    /// ## Fix
    /// Bind a role with the verbs and resources the subject uses (for a deployer: create, patch and update on its
    /// Deployments in its namespaces), or the built-in `edit` role in one namespace.
    ///
    /// ## References
    /// CIS Kubernetes Benchmark 5.1.1 · Kubernetes docs, "Using RBAC Authorization: default roles"
    pub static RULE = {
        id: "rbac.cluster-admin-binding",
        title: "Binding to cluster-admin",
        domain: Domain::Rbac,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 3, 3, 2),
        remediation: "Bind a least-privilege role instead of cluster-admin.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles"],
        peers: &[("kubescape", "C-0035"), ("kube-bench", "5.1.1")],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(b) = binding_body(o) else { return };
    if b.role_ref.kind != "ClusterRole" || b.role_ref.name != "cluster-admin" {
        return;
    }
    let bootstrap = o.kind == "ClusterRoleBinding"
        && o.name() == "cluster-admin"
        && b.subjects
            .iter()
            .all(|s| s.kind == "Group" && s.name == "system:masters");
    if bootstrap {
        return;
    }
    let scope = match o.namespace().filter(|_| o.kind == "RoleBinding") {
        Some(ns) => format!("in namespace {ns}"),
        None => "cluster-wide".to_owned(),
    };
    out.emit(
        &RULE,
        FieldPath::root().keys("roleRef.name"),
        format!(
            "{} {} makes {} cluster-admin {scope}",
            o.kind,
            o.name(),
            subjects_text(&b.subjects, o.namespace())
        ),
    );
}
