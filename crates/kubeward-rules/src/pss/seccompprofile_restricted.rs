use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods whose containers are not all covered by a `RuntimeDefault` or `Localhost` seccomp profile (on the pod or on each container), policy version 1.19 and later. Windows pods are exempt from 1.25.
    ///
    /// Pod Security Standards, restricted level, check `seccompProfile_restricted`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// Without a profile, most runtimes run containers unconfined: every system call of the kernel is reachable from the workload.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    /// - name: app
    ///   image: app:1.0
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
    /// Kubernetes docs, "Pod Security Standards" (restricted) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.seccompProfile_restricted",
        title: "Seccomp profile missing",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 3, 2, 1, 2),
        remediation: "Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a profile).",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
