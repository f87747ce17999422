use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods with any `hostPath` volume.
    ///
    /// Pod Security Standards, baseline level, check `hostPathVolumes`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// A hostPath volume exposes the node's filesystem: credentials, the container runtime socket, other pods' data, and files that run as root on the node.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    /// - name: data
    ///   hostPath: {path: /var/lib/app}
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// volumes:
    /// - name: data
    ///   persistentVolumeClaim: {claimName: app-data}
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.hostPathVolumes",
        title: "hostPath volume",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege, Stride::Tampering],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Replace hostPath volumes with PersistentVolumeClaims, configMaps, secrets or emptyDir.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
