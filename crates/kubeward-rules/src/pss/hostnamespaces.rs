use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods that set `hostNetwork`, `hostPID` or `hostIPC` to true.
    ///
    /// Pod Security Standards, baseline level, check `hostNamespaces`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// Sharing the node's network, process or IPC namespace lets the pod sniff node traffic, reach services bound to localhost, signal or trace every process on the node and read their environment.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   hostNetwork: true
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// spec:
    ///   hostNetwork: false   # or leave it unset
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.hostNamespaces",
        title: "Host namespaces shared",
        domain: Domain::PodSecurity,
        stride: &[Stride::ElevationOfPrivilege, Stride::InformationDisclosure],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove hostNetwork, hostPID and hostIPC from the pod spec.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
