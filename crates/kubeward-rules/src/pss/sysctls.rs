use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods that set `securityContext.sysctls` outside the safe set of their policy version (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start; more from 1.27, 1.29, 1.32 and 1.37).
    ///
    /// Pod Security Standards, baseline level, check `sysctls`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// Unsafe sysctls change kernel settings shared with other pods on the node, or open kernel attack surface.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   sysctls:
    ///   - {name: kernel.msgmax, value: "65536"}
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   sysctls:
    ///   - {name: net.ipv4.ip_local_port_range, value: "32768 60999"}
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.sysctls",
        title: "Unsafe sysctl",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege, Stride::DenialOfService],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove unsafe sysctls, or allow them on dedicated nodes through the kubelet's --allowed-unsafe-sysctls.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
