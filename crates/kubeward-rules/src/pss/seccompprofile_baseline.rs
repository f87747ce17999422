use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// A seccomp profile that is explicitly set to something other than `RuntimeDefault` or `Localhost`: the `seccompProfile.type` fields from policy version 1.19, the `seccomp.security.alpha.kubernetes.io/*` annotations before it.
    ///
    /// Pod Security Standards, baseline level, check `seccompProfile_baseline`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// `Unconfined` removes the system call filter that blocks the kernel interfaces most container escapes use.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   seccompProfile:
    ///     type: Unconfined
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   seccompProfile:
    ///     type: RuntimeDefault
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.seccompProfile_baseline",
        title: "Seccomp profile set to Unconfined",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Set seccompProfile.type to RuntimeDefault or Localhost instead of Unconfined.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
