use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods and pod templates that run as their namespace's `default` service account (no `serviceAccountName`, or
    /// `default`).
    ///
    /// ## Why it matters
    /// Every workload of the namespace that does not choose shares the `default` identity: a permission granted to
    /// one of them is granted to all, and audit logs cannot tell them apart.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   containers: [{name: web, image: web:1.0}]
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// spec:
    ///   serviceAccountName: web
    ///   automountServiceAccountToken: false
    /// ```
    ///
    /// ## References
    /// CIS Kubernetes Benchmark 5.1.5 · Kubernetes docs, "Service Accounts"
    pub static RULE = {
        id: "workload.default-service-account",
        title: "Runs as the default service account",
        domain: Domain::Workload,
        stride: &[Stride::Repudiation, Stride::ElevationOfPrivilege],
        dread: Dread::new(1, 3, 1, 1, 2),
        remediation: "Create a ServiceAccount for the workload and set serviceAccountName.",
        references: &["https://kubernetes.io/docs/concepts/security/service-accounts/"],
        peers: &[("checkov", "CKV_K8S_41"), ("kube-linter", "default-service-account"), ("kube-bench", "5.1.5")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    if view.spec.effective_service_account() == "default" {
        out.emit(
            &RULE,
            view.spec_path().key("serviceAccountName"),
            "runs as the namespace's default service account",
        );
    }
}
