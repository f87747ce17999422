use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers that do not drop `ALL` capabilities, or add any capability other than `NET_BIND_SERVICE`. Windows pods are exempt from policy version 1.25.
    ///
    /// Pod Security Standards, restricted level, check `capabilities_restricted`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// Every retained capability is kernel attack surface; dropping all of them leaves a compromised process with the least power the kernel allows.
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
    ///   capabilities:
    ///     drop: [ALL]
    ///     add: [NET_BIND_SERVICE]   # only if it binds a port below 1024
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (restricted) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.capabilities_restricted",
        title: "Capabilities not dropped",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 3, 2, 1, 2),
        remediation: "Set securityContext.capabilities.drop: [\"ALL\"] and add back at most NET_BIND_SERVICE.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
