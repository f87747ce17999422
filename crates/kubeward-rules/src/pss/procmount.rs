use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers whose `securityContext.procMount` is set to anything but `Default` (usually `Unmasked`). From policy version 1.35, pods in a user namespace (`hostUsers: false`) may use it at baseline.
    ///
    /// Pod Security Standards, baseline level, check `procMount`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// The default masks hide kernel interfaces under `/proc` that leak host information or allow writing kernel settings.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   procMount: Unmasked
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   procMount: Default
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.procMount",
        title: "Unmasked /proc",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege, Stride::InformationDisclosure],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove procMount or set it to Default.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
