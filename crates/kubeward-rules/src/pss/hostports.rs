use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers that set `ports[].hostPort` (non-zero). A Pod with `hostNetwork: true` gets a host port for every container port, as the API server defaults it.
    ///
    /// Pod Security Standards, baseline level, check `hostPorts`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// A host port binds the node's interface, bypassing Services and NetworkPolicies, and limits scheduling; it exposes the workload on every network the node is on.
    ///
    /// ## Example
    /// ```yaml
    /// ports:
    /// - containerPort: 8080
    ///   hostPort: 8080
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// ports:
    /// - containerPort: 8080   # expose it with a Service
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.hostPorts",
        title: "Host port used",
        domain: Domain::PodSecurity,
        stride: &[Stride::InformationDisclosure, Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove hostPort (and hostNetwork); expose the workload through a Service.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
