use super::service_spec;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Services of type `NodePort`.
    ///
    /// ## Why it matters
    /// A NodePort opens the port on every node's addresses, outside the load balancer and any ingress
    /// authentication; node addresses are often reachable from networks the application was never meant for.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   type: NodePort
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// spec:
    ///   type: ClusterIP   # expose through an Ingress or a LoadBalancer with source ranges
    /// ```
    ///
    /// ## References
    /// kubescape C-0044 · Kubernetes docs, "Service: type NodePort"
    pub static RULE = {
        id: "service.nodeport",
        title: "NodePort Service",
        domain: Domain::Service,
        stride: &[Stride::InformationDisclosure, Stride::ElevationOfPrivilege],
        dread: Dread::new(2, 3, 2, 2, 2),
        remediation: "Use a ClusterIP Service behind an Ingress, or a LoadBalancer with loadBalancerSourceRanges.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport"],
        peers: &[("kube-linter", "exposed-services")],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(spec) = service_spec(o) else { return };
    if spec.type_.as_deref() == Some("NodePort") {
        let ports: Vec<String> = spec
            .ports
            .iter()
            .map(|p| p.node_port.map_or_else(|| p.port.to_string(), |n| n.to_string()))
            .collect();
        out.emit(
            &RULE,
            FieldPath::root().keys("spec.type"),
            format!(
                "Service {} opens node ports ({}) on every node",
                o.name(),
                ports.join(", ")
            ),
        );
    }
}
