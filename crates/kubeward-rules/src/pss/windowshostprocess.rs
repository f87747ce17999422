use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods or containers with `windowsOptions.hostProcess: true`.
    ///
    /// Pod Security Standards, baseline level, check `windowsHostProcess`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// A HostProcess container runs directly on the Windows node with the node's privileges: it is the node.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   windowsOptions:
    ///     hostProcess: true
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   windowsOptions:
    ///     hostProcess: false
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.windowsHostProcess",
        title: "Windows HostProcess container",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove windowsOptions.hostProcess: true; run node tasks through a managed node agent instead.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
