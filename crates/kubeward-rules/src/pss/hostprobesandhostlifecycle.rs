use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Liveness, readiness and startup probes and lifecycle handlers (`postStart`, `preStop`) whose `httpGet.host` or `tcpSocket.host` is set (policy version 1.34 and later).
    ///
    /// Pod Security Standards, baseline level, check `hostProbesAndHostLifecycle`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// The kubelet connects to the host from the node's network: a pod author can make the kubelet reach node-local or cluster-internal endpoints the pod itself cannot (server-side request forgery).
    ///
    /// ## Example
    /// ```yaml
    /// livenessProbe:
    ///   httpGet: {host: 10.0.0.1, path: /healthz, port: 80}
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// livenessProbe:
    ///   httpGet: {path: /healthz, port: 8080}
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (baseline) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.hostProbesAndHostLifecycle",
        title: "Probe or lifecycle handler with a host",
        domain: Domain::PodSecurity,
        stride: &[Stride::Spoofing, Stride::InformationDisclosure],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Remove the host field from probes and lifecycle handlers; the kubelet then targets the pod's own IP.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
