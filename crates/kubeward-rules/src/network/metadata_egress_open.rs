use super::{cidr_contains, governs, policies_by_namespace, selects};
use kubeward_core::rule::InventoryEmitter;
use kubeward_core::{Check, Context, Domain, Dread, FieldPath, Stride, rule};

const METADATA: &str = "169.254.169.254";

rule! {
    /// ## What it checks
    /// Workloads that NetworkPolicies of the scanned input select for egress, where those policies still allow
    /// traffic to the cloud metadata endpoint `169.254.169.254`: an egress rule without `to` (any destination), or an
    /// `ipBlock` whose `cidr` contains the address and whose `except` does not. (Workloads no policy selects for
    /// egress are reported by `network.pod-not-isolated`.)
    ///
    /// ## Why it matters
    /// The metadata endpoint hands out the node's cloud credentials. A compromised pod that reaches it can act as
    /// the node in the cloud account: read storage, start instances, pivot out of the cluster.
    ///
    /// ## Example
    /// ```yaml
    /// egress:
    /// - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// egress:
    /// - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]
    /// ```
    ///
    /// ## References
    /// MITRE ATT&CK T1552.005 (Cloud Instance Metadata API) · NSA/CISA Kubernetes Hardening Guide
    pub static RULE = {
        id: "network.metadata-egress-open",
        title: "Egress to the cloud metadata endpoint allowed",
        domain: Domain::Network,
        stride: &[Stride::InformationDisclosure, Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Except 169.254.169.254/32 from every egress ipBlock, and avoid egress rules without `to`.",
        references: &["https://attack.mitre.org/techniques/T1552/005/"],
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
        for &(pi, p) in by_namespace.get(ns).into_iter().flatten() {
            if !selects(p, &t.metadata.labels) || !governs(p).1 {
                continue;
            }
            let open = p.egress.iter().flatten().any(|r| {
                r.to.is_empty()
                    || r.to.iter().any(|peer| {
                        peer.ip_block.as_ref().is_some_and(|b| {
                            cidr_contains(&b.cidr, METADATA) && !b.except.iter().any(|e| cidr_contains(e, METADATA))
                        })
                    })
            });
            if open {
                out.emit(
                    &RULE,
                    i,
                    FieldPath::parse(t.metadata_path).key("labels"),
                    format!(
                        "{} {} may reach the cloud metadata endpoint {METADATA}: NetworkPolicy {} allows egress to it",
                        o.kind,
                        o.name(),
                        inv.objects[pi].name()
                    ),
                );
                break;
            }
        }
    }
}
