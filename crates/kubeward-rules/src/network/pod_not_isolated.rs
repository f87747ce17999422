use super::{governs, policies_by_namespace, selects};
use kubeward_core::rule::InventoryEmitter;
use kubeward_core::{Check, Context, Domain, Dread, FieldPath, Stride, rule};

rule! {
    /// ## What it checks
    /// Workloads that no NetworkPolicy of the scanned input selects for ingress, and, reported separately, for
    /// egress, in namespaces that have some NetworkPolicy (a namespace with none is reported once by
    /// `network.namespace-without-policy`). A policy governs ingress always and egress when its `policyTypes` say so
    /// or, without `policyTypes`, when it has an `egress` section.
    ///
    /// ## Why it matters
    /// A pod no policy selects is not isolated: any pod can connect to it (ingress), or it can connect anywhere,
    /// including the cloud metadata endpoint and the internet (egress).
    ///
    /// ## Example
    /// A default-deny policy that selects `app: web` only; the `app: worker` Deployment beside it is open.
    ///
    /// ## Fix
    /// Select every pod with a policy, typically a namespace-wide default deny (`podSelector: {}`) for both
    /// directions, plus allow rules per workload.
    ///
    /// ## References
    /// Kubernetes docs, "Network Policies: isolated and non-isolated pods" · CIS Kubernetes Benchmark 5.3.2
    pub static RULE = {
        id: "network.pod-not-isolated",
        title: "Workload not isolated by a NetworkPolicy",
        domain: Domain::Network,
        stride: &[Stride::ElevationOfPrivilege, Stride::InformationDisclosure],
        dread: Dread::new(2, 3, 2, 2, 2),
        remediation: "Select the workload with NetworkPolicies for ingress and egress (a default deny covers all).",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation"],
        check: Check::Inventory(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut InventoryEmitter<'_>) {
    let inv = ctx.inventory;
    let by_namespace = policies_by_namespace(inv);
    for (i, o) in inv.objects.iter().enumerate() {
        let (Some(ns), Some(t)) = (o.namespace(), o.pod_template()) else {
            continue;
        };
        let Some(policies) = by_namespace.get(ns) else { continue };
        let selecting: Vec<_> = policies
            .iter()
            .filter(|(_, p)| selects(p, &t.metadata.labels))
            .collect();
        for (direction, isolated) in [
            ("ingress", selecting.iter().any(|(_, p)| governs(p).0)),
            ("egress", selecting.iter().any(|(_, p)| governs(p).1)),
        ] {
            if !isolated {
                out.emit(
                    &RULE,
                    i,
                    FieldPath::parse(t.metadata_path).key("labels"),
                    format!("{} {} is not isolated for {direction}: no NetworkPolicy in the scanned input selects it for {direction}", o.kind, o.name()),
                );
            }
        }
    }
}
