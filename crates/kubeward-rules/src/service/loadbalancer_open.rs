use super::service_spec;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Services of type `LoadBalancer` without `loadBalancerSourceRanges`, or whose ranges include `0.0.0.0/0` or
    /// `::/0`.
    ///
    /// ## Why it matters
    /// The cloud load balancer accepts connections from the whole internet; anything behind it that was meant for
    /// a VPN, an office or a partner is exposed to scanning and attack.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   type: LoadBalancer
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// spec:
    ///   type: LoadBalancer
    ///   loadBalancerSourceRanges: [203.0.113.0/24]
    /// ```
    /// Public services belong behind an Ingress or gateway with TLS and a web application firewall.
    ///
    /// ## References
    /// Kubernetes docs, "Configure firewall for a LoadBalancer"
    pub static RULE = {
        id: "service.loadbalancer-open",
        title: "LoadBalancer open to the internet",
        domain: Domain::Service,
        stride: &[Stride::InformationDisclosure, Stride::DenialOfService],
        dread: Dread::new(2, 3, 3, 3, 3),
        remediation: "Set loadBalancerSourceRanges to the networks that need access.",
        references: &["https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/"],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(spec) = service_spec(o) else { return };
    if spec.type_.as_deref() != Some("LoadBalancer") {
        return;
    }
    if spec.load_balancer_source_ranges.is_empty() {
        out.emit(
            &RULE,
            FieldPath::root().keys("spec.type"),
            format!(
                "LoadBalancer Service {} has no loadBalancerSourceRanges: it accepts connections from anywhere",
                o.name()
            ),
        );
    } else if let Some(i) = spec
        .load_balancer_source_ranges
        .iter()
        .position(|r| r == "0.0.0.0/0" || r == "::/0")
    {
        out.emit(
            &RULE,
            FieldPath::root().keys("spec.loadBalancerSourceRanges").index(i),
            format!(
                "LoadBalancer Service {} allows {} (anywhere)",
                o.name(),
                spec.load_balancer_source_ranges[i]
            ),
        );
    }
}
