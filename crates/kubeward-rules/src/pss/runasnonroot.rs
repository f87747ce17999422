use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods and containers that do not require a non-root user: `runAsNonRoot` set to false anywhere, or not set to true on the pod or on every container. From policy version 1.35, pods with `hostUsers: false` are exempt.
    ///
    /// Pod Security Standards, restricted level, check `runAsNonRoot`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// Without `runAsNonRoot: true` the kubelet starts an image as root when its user is root; root in a container is one kernel bug away from root on the node.
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
    ///   runAsNonRoot: true
    ///   runAsUser: 10001
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (restricted) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.runAsNonRoot",
        title: "May run as root",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 3, 2, 1, 2),
        remediation: "Set securityContext.runAsNonRoot: true on the pod (or every container) and run as a non-zero UID.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
