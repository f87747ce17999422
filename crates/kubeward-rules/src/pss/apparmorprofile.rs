use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// An AppArmor profile other than `RuntimeDefault` or `Localhost`: the pod's or a container's `securityContext.appArmorProfile.type`, or a `container.apparmor.security.beta.kubernetes.io/*` annotation other than `runtime/default` or `localhost/*`.
    ///
    /// Pod Security Standards, baseline level, check `appArmorProfile`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// `Unconfined` removes the mandatory access control that stops a compromised process from writing to `/proc`, mounting filesystems or reading host files.
    ///
    /// ## Example
    /// ```yaml
    /// metadata:
    ///   annotations:
    ///     container.apparmor.security.beta.kubernetes.io/app: unconfined
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   appArmorProfile:
    ///     type: RuntimeDefault
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.appArmorProfile",
        title: "AppArmor profile overridden",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege, Stride::Tampering],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Use the RuntimeDefault AppArmor profile or a Localhost profile; remove unconfined overrides.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
