use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods or containers that set `runAsUser: 0` (policy version 1.23 and later; from 1.35, pods with `hostUsers: false` are exempt).
    ///
    /// Pod Security Standards, restricted level, check `runAsUser`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// UID 0 is root; combined with any other weakness it gives full control of the container and a head start on the node.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   runAsUser: 0
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   runAsUser: 10001
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (restricted) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.runAsUser",
        title: "Runs as UID 0",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 3, 2, 1, 2),
        remediation: "Run as a non-zero UID (securityContext.runAsUser).",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
