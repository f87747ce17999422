use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Objects that name the `default` namespace explicitly (`metadata.namespace: default`). Objects without a
    /// namespace are not flagged: they land in whatever namespace they are applied to.
    ///
    /// ## Why it matters
    /// The `default` namespace collects everything nobody placed deliberately: policies, quotas and RBAC written for
    /// one application end up applying to unrelated ones, and isolation between teams is lost.
    ///
    /// ## Example
    /// ```yaml
    /// metadata:
    ///   name: web
    ///   namespace: default
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// metadata:
    ///   name: web
    ///   namespace: web
    /// ```
    ///
    /// ## References
    /// CIS Kubernetes Benchmark 5.7.4 · kubescape C-0061
    pub static RULE = {
        id: "workload.in-default-namespace",
        title: "Object in the default namespace",
        domain: Domain::Namespace,
        stride: &[Stride::ElevationOfPrivilege, Stride::InformationDisclosure],
        dread: Dread::new(1, 2, 1, 2, 2),
        remediation: "Put the application in its own namespace.",
        references: &["https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"],
        peers: &[("kubescape", "C-0061"), ("checkov", "CKV_K8S_21"), ("kube-bench", "5.7.4")],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    if o.namespace() == Some("default") && o.is_evaluated() {
        out.emit(
            &RULE,
            FieldPath::root().keys("metadata.namespace"),
            format!("{} {} is in the default namespace", o.kind, o.name()),
        );
    }
}
