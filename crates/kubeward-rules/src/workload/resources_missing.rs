use crate::helpers::long_running_containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers and init containers without a CPU request, a memory request or a memory limit. The message names
    /// which are missing.
    ///
    /// ## Why it matters
    /// Without requests the scheduler cannot place the pod sensibly and it is the first to be evicted; without a
    /// memory limit one leaking or compromised container can exhaust the node's memory and take its neighbours down.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    /// - name: app
    ///   image: registry.example.com/app:1.4.2
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// containers:
    /// - name: app
    ///   image: registry.example.com/app:1.4.2
    ///   resources:
    ///     requests: {cpu: 100m, memory: 128Mi}
    ///     limits: {memory: 256Mi}
    /// ```
    ///
    /// ## References
    /// NSA/CISA Kubernetes Hardening Guide, "Resource policies" · Kubernetes docs, "Resource Management for Pods and
    /// Containers"
    pub static RULE = {
        id: "workload.resources-missing",
        title: "Resource requests or memory limit missing",
        domain: Domain::Workload,
        stride: &[Stride::DenialOfService],
        dread: Dread::new(2, 2, 2, 2, 1),
        remediation: "Set resources.requests.cpu, resources.requests.memory and resources.limits.memory.",
        references: &["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
        peers: &[("kubescape", "C-0050"), ("kubescape", "C-0004"), ("checkov", "CKV_K8S_10"), ("checkov", "CKV_K8S_12"), ("checkov", "CKV_K8S_13"), ("kube-linter", "unset-cpu-requirements"), ("kube-linter", "unset-memory-requirements"), ("polaris", "memoryLimitsMissing")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    for c in long_running_containers(view) {
        let r = c.container.resources.as_ref();
        let has = |map: Option<&std::collections::BTreeMap<String, kubeward_core::k8s::Quantity>>, k: &str| {
            map.is_some_and(|m| m.contains_key(k))
        };
        let mut missing = Vec::new();
        if !has(r.map(|r| &r.requests), "cpu") {
            missing.push("requests.cpu");
        }
        if !has(r.map(|r| &r.requests), "memory") && !has(r.map(|r| &r.limits), "memory") {
            // A memory limit without a request defaults the request to the limit.
            missing.push("requests.memory");
        }
        if !has(r.map(|r| &r.limits), "memory") {
            missing.push("limits.memory");
        }
        if !missing.is_empty() {
            out.emit(
                &RULE,
                c.path.key("resources"),
                format!(
                    "{} has no {}",
                    c.describe(),
                    missing
                        .iter()
                        .map(|m| format!("resources.{m}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
}
