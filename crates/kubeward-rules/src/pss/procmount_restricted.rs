use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// At restricted (policy version 1.35 and later), containers whose `securityContext.procMount` is not `Default`, with or without a user namespace.
    ///
    /// Pod Security Standards, restricted level, check `procMount_restricted`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// The default masks hide kernel interfaces under `/proc` that leak host information or allow writing kernel settings; restricted forbids unmasking even in a user namespace.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   hostUsers: false
    ///   containers:
    ///   - name: app
    ///     securityContext:
    ///       procMount: Unmasked
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   procMount: Default
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (restricted) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.procMount_restricted",
        title: "Unmasked /proc (restricted)",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 3, 2, 1, 2),
        remediation: "Remove procMount or set it to Default.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
