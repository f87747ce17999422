use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers with `securityContext.privileged: true`.
    ///
    /// Pod Security Standards, baseline level, check `privileged`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// A privileged container has every capability and every device of the node, without seccomp or AppArmor confinement: it is root on the node.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   privileged: true
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   privileged: false   # grant only the capability the workload needs
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.privileged",
        title: "Privileged container",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove privileged: true; grant the specific capability the workload needs, if any.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
