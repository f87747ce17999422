use kubeward_core::k8s::Body;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Deployments and StatefulSets with one replica: `replicas: 1`, or no `replicas` (which defaults to 1).
    ///
    /// ## Why it matters
    /// A single replica makes every node drain, eviction or crash an outage, and gives an attacker who can kill
    /// one pod a denial of service.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Deployment
    /// spec:
    ///   replicas: 1
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// spec:
    ///   replicas: 3
    /// ```
    /// with a PodDisruptionBudget and anti-affinity or topology spread across nodes.
    ///
    /// ## References
    /// Kubernetes docs, "Running Multiple Instances of Your App"
    pub static RULE = {
        id: "workload.single-replica",
        title: "Single replica",
        domain: Domain::Workload,
        stride: &[Stride::DenialOfService],
        dread: Dread::new(1, 2, 1, 2, 1),
        remediation: "Run at least two replicas, spread across nodes, with a PodDisruptionBudget.",
        references: &["https://kubernetes.io/docs/tutorials/kubernetes-basics/scale/scale-intro/"],
        peers: &[("kube-linter", "minimum-three-replicas"), ("polaris", "deploymentMissingReplicas")],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    if !matches!(o.kind.as_str(), "Deployment" | "StatefulSet") {
        return;
    }
    let Body::Workload(w) = &o.body else { return };
    let replicas = w.spec.as_ref().and_then(|s| s.replicas);
    if replicas.unwrap_or(1) == 1 {
        let how = if replicas.is_none() {
            "no replicas field (defaults to 1)"
        } else {
            "replicas: 1"
        };
        out.emit(
            &RULE,
            FieldPath::root().keys("spec.replicas"),
            format!("{} {} has {how}", o.kind, o.name()),
        );
    }
}
