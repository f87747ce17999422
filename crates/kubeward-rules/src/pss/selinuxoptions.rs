use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods and containers whose `seLinuxOptions` set a `type` other than container_t, container_init_t, container_kvm_t (or container_engine_t from policy version 1.31), or set `user` or `role`.
    ///
    /// Pod Security Standards, baseline level, check `seLinuxOptions`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// Custom SELinux types, users or roles can lift the container out of the confinement the runtime's policy gives it (`spc_t` and `unconfined_t` are unconfined).
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   seLinuxOptions:
    ///     type: spc_t
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   seLinuxOptions:
    ///     level: "s0:c123,c456"   # level may be set; type, user and role not
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.seLinuxOptions",
        title: "SELinux options overridden",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove seLinuxOptions type, user and role overrides; only level may be set.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
