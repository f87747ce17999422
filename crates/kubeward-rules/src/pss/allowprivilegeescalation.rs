use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers that do not set `securityContext.allowPrivilegeEscalation: false`. Unset counts as allowed. Windows pods are exempt from policy version 1.25.
    ///
    /// Pod Security Standards, restricted level, check `allowPrivilegeEscalation`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// With `no_new_privs` unset, a setuid binary or file capability inside the image can raise the process above the container's user, the first step of most escapes.
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
    /// containers:
    /// - name: app
    ///   image: app:1.0
    ///   securityContext:
    ///     allowPrivilegeEscalation: false
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (restricted) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.allowPrivilegeEscalation",
        title: "Privilege escalation allowed",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 3, 2, 1, 2),
        remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
