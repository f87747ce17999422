use super::service_spec;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Services that set `spec.externalIPs`.
    ///
    /// ## Why it matters
    /// Any address can be claimed as an external IP: a Service author can intercept traffic meant for another
    /// destination on every node (CVE-2020-8554). Clusters should deny the field with an admission policy.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   externalIPs: [10.0.0.10]
    /// ```
    ///
    /// ## Fix
    /// Remove `externalIPs`; use a LoadBalancer or Ingress. Enable the `DenyServiceExternalIPs` admission plugin.
    ///
    /// ## References
    /// CVE-2020-8554 · Kubernetes docs, "Service: external IPs"
    pub static RULE = {
        id: "service.external-ips",
        title: "Service with external IPs",
        domain: Domain::Service,
        stride: &[Stride::Spoofing, Stride::InformationDisclosure, Stride::Tampering],
        dread: Dread::new(3, 3, 2, 3, 2),
        remediation: "Remove spec.externalIPs and deny it cluster-wide with the DenyServiceExternalIPs admission plugin.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/service/#external-ips"],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(spec) = service_spec(o) else { return };
    if !spec.external_ips.is_empty() {
        out.emit(
            &RULE,
            FieldPath::root().keys("spec.externalIPs"),
            format!(
                "Service {} claims external IPs {}",
                o.name(),
                spec.external_ips.join(", ")
            ),
        );
    }
}
