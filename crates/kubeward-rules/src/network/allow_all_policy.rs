use kubeward_core::k8s::{Body, NetworkPolicyRule};
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// NetworkPolicies with a rule that allows everything: an ingress or egress rule with no peers and no ports
    /// (`- {}`), or whose only peer is `ipBlock: {cidr: 0.0.0.0/0}` without exceptions.
    ///
    /// ## Why it matters
    /// The policy looks like isolation but is none: reviewers see a NetworkPolicy and assume traffic is
    /// restricted, while every source (or destination) is allowed.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   podSelector: {}
    ///   ingress: [{}]
    /// ```
    ///
    /// ## Fix
    /// List the peers and ports the workloads need, e.g. `from: [{podSelector: {matchLabels: {app: frontend}}}]`.
    ///
    /// ## References
    /// Kubernetes docs, "Network Policies: allow all ingress traffic" (an example of what not to ship)
    pub static RULE = {
        id: "network.allow-all-policy",
        title: "NetworkPolicy that allows everything",
        domain: Domain::Network,
        stride: &[Stride::ElevationOfPrivilege, Stride::InformationDisclosure],
        dread: Dread::new(2, 3, 2, 2, 1),
        remediation: "Replace the allow-all rule with the peers and ports that are needed.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic"],
        check: Check::Object(check),
    };
}

fn allows_all(r: &NetworkPolicyRule, peers: &[kubeward_core::k8s::NetworkPolicyPeer]) -> bool {
    let everything = peers.is_empty()
        || peers.iter().all(|p| {
            p.pod_selector.is_none()
                && p.namespace_selector.is_none()
                && p.ip_block
                    .as_ref()
                    .is_some_and(|b| b.cidr == "0.0.0.0/0" && b.except.is_empty())
        });
    everything && r.ports.is_empty()
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Body::NetworkPolicy(np) = &o.body else { return };
    let Some(spec) = &np.spec else { return };
    for (direction, rules) in [("ingress", &spec.ingress), ("egress", &spec.egress)] {
        for (i, r) in rules.iter().flatten().enumerate() {
            let peers = if direction == "ingress" { &r.from } else { &r.to };
            if allows_all(r, peers) {
                out.emit(
                    &RULE,
                    FieldPath::root().key("spec").key(direction).index(i),
                    format!(
                        "NetworkPolicy {} allows all {direction} traffic (rule {i} has no peer or port restriction)",
                        o.name()
                    ),
                );
            }
        }
    }
}
