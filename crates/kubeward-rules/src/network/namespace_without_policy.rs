use super::policies_in;
use kubeward_core::rule::InventoryEmitter;
use kubeward_core::{Check, Context, Domain, Dread, FieldPath, Stride, rule};
use std::collections::BTreeMap;

rule! {
    /// ## What it checks
    /// Namespaces that have workloads in the scanned input (or a Namespace object) but no NetworkPolicy in the
    /// scanned input. Objects without a namespace are skipped: they land wherever they are applied. The rule judges
    /// the input it is given; when policies live elsewhere, disable it for that scan.
    ///
    /// ## Why it matters
    /// Without a NetworkPolicy every pod accepts connections from every pod of the cluster and can reach anything:
    /// one compromised workload can move laterally to databases, internal APIs and the cloud metadata endpoint.
    ///
    /// ## Example
    /// A `shop` namespace with Deployments and no NetworkPolicy.
    ///
    /// ## Fix
    /// ```yaml
    /// apiVersion: networking.k8s.io/v1
    /// kind: NetworkPolicy
    /// metadata: {name: default-deny, namespace: shop}
    /// spec:
    ///   podSelector: {}
    ///   policyTypes: [Ingress, Egress]
    /// ```
    /// then allow the flows each workload needs.
    ///
    /// ## References
    /// CIS Kubernetes Benchmark 5.3.2 · NSA/CISA Kubernetes Hardening Guide, "Network separation and hardening"
    pub static RULE = {
        id: "network.namespace-without-policy",
        title: "Namespace without NetworkPolicy",
        domain: Domain::Network,
        stride: &[Stride::ElevationOfPrivilege, Stride::InformationDisclosure],
        dread: Dread::new(2, 3, 2, 2, 2),
        remediation: "Add a default-deny NetworkPolicy to the namespace and allow the flows it needs.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/"],
        peers: &[("kube-bench", "5.3.2")],
        check: Check::Inventory(check),
    };
}

fn check(ctx: &Context<'_>, out: &mut InventoryEmitter<'_>) {
    let inv = ctx.inventory;
    // Per namespace: the Namespace object if present, else its first workload.
    let mut anchors: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, o) in inv.objects.iter().enumerate() {
        if o.kind == "Namespace" && o.is_evaluated() {
            anchors.insert(o.name(), i);
        }
    }
    for (i, o) in inv.objects.iter().enumerate() {
        if let Some(ns) = o.namespace().filter(|_| o.pod_template().is_some()) {
            anchors.entry(ns).or_insert(i);
        }
    }
    for (ns, i) in anchors {
        if policies_in(inv, ns).is_empty() {
            let path = if inv.objects[i].kind == "Namespace" {
                FieldPath::root().key("metadata")
            } else {
                FieldPath::root().keys("metadata.namespace")
            };
            out.emit(
                &RULE,
                i,
                path,
                format!(
                    "no NetworkPolicy for namespace {ns} in the scanned input: its pods accept and open any connection"
                ),
            );
        }
    }
}
