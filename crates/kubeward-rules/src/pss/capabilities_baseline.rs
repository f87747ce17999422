use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers that add Linux capabilities beyond the container runtime's default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT). Names are compared exactly, so `CAP_SYS_ADMIN` and `sys_admin` are forbidden too.
    ///
    /// Pod Security Standards, baseline level, check `capabilities_baseline`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// Capabilities such as `SYS_ADMIN`, `NET_ADMIN` or `SYS_PTRACE` give root-in-container the powers needed to escape to the node or spy on other workloads.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     add: [SYS_ADMIN]
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     drop: [ALL]
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.capabilities_baseline",
        title: "Non-default capabilities added",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove the added capabilities, or keep only those in the runtime's default set.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
