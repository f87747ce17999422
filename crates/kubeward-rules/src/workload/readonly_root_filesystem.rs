use crate::helpers::long_running_containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers (and init containers) whose root filesystem is writable: `securityContext.readOnlyRootFilesystem`
    /// is not `true`.
    ///
    /// ## Why it matters
    /// An attacker who gets code execution in the container can drop tools, rewrite binaries and configuration,
    /// and persist for the container's lifetime. A read-only root filesystem makes the image immutable at run time.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    /// - name: app
    ///   image: registry.example.com/app:1.4.2
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// containers:
    /// - name: app
    ///   image: registry.example.com/app:1.4.2
    ///   securityContext:
    ///     readOnlyRootFilesystem: true
    ///   volumeMounts:
    ///   - {name: tmp, mountPath: /tmp}   # an emptyDir where the application must write
    /// ```
    ///
    /// ## References
    /// NSA/CISA Kubernetes Hardening Guide, "Use immutable container file systems" ·
    /// Kubernetes docs, "Configure a Security Context for a Pod or Container"
    pub static RULE = {
        id: "workload.readonly-root-filesystem-missing",
        title: "Writable root filesystem",
        domain: Domain::Workload,
        stride: &[Stride::Tampering, Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 3, 2, 1, 1),
        remediation: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the application writes.",
        references: &["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        peers: &[("kubescape", "C-0017"), ("checkov", "CKV_K8S_22"), ("kube-linter", "no-read-only-root-fs"), ("polaris", "notReadOnlyRootFilesystem")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    for c in long_running_containers(view) {
        if c.security_context().and_then(|s| s.read_only_root_filesystem) != Some(true) {
            out.emit(
                &RULE,
                c.path.keys("securityContext.readOnlyRootFilesystem"),
                format!(
                    "{} can write to its root filesystem (readOnlyRootFilesystem is not true)",
                    c.describe()
                ),
            );
        }
    }
}
