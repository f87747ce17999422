//! Rules on network policies. They judge the scanned input: a policy applied from elsewhere is not seen, and the
//! messages say so. Turn them off in `.kubeward.yaml` (`rules.disable: ["network.*"]`) when scanning a partial set
//! of manifests.

pub mod allow_all_policy;
pub mod metadata_egress_open;
pub mod namespace_without_policy;
pub mod pod_not_isolated;

use kubeward_core::k8s::{Body, NetworkPolicySpec};
use kubeward_core::{Inventory, RuleMeta};
use std::collections::BTreeMap;

pub const RULES: &[&RuleMeta] = &[
    &namespace_without_policy::RULE,
    &pod_not_isolated::RULE,
    &metadata_egress_open::RULE,
    &allow_all_policy::RULE,
];

/// The NetworkPolicies of a namespace, with their inventory index.
pub fn policies_in<'a>(inv: &'a Inventory, namespace: &str) -> Vec<(usize, &'a NetworkPolicySpec)> {
    inv.in_namespace(namespace)
        .iter()
        .filter_map(|&i| match &inv.objects[i].body {
            Body::NetworkPolicy(p) => p.spec.as_ref().map(|s| (i, s)),
            _ => None,
        })
        .collect()
}

/// Every namespace's NetworkPolicies, built once per check so that judging a workload does not scan its namespace.
pub fn policies_by_namespace(inv: &Inventory) -> BTreeMap<&str, Vec<(usize, &NetworkPolicySpec)>> {
    let mut map: BTreeMap<&str, Vec<(usize, &NetworkPolicySpec)>> = BTreeMap::new();
    for (i, o) in inv.objects.iter().enumerate() {
        if let (Body::NetworkPolicy(p), Some(ns)) = (&o.body, o.namespace())
            && let Some(spec) = p.spec.as_ref()
        {
            map.entry(ns).or_default().push((i, spec));
        }
    }
    map
}

/// Whether a policy governs ingress and egress, as the API server defaults `policyTypes`: Ingress always, Egress
/// when the policy has an egress section.
pub fn governs(spec: &NetworkPolicySpec) -> (bool, bool) {
    if spec.policy_types.is_empty() {
        return (true, spec.egress.is_some());
    }
    (
        spec.policy_types.iter().any(|t| t == "Ingress"),
        spec.policy_types.iter().any(|t| t == "Egress"),
    )
}

/// Whether a policy selects pods with these labels.
pub fn selects(spec: &NetworkPolicySpec, labels: &BTreeMap<String, String>) -> bool {
    spec.pod_selector.matches(labels)
}

/// Parses `a.b.c.d/n` into (address, prefix length).
fn parse_v4(cidr: &str) -> Option<(u32, u32)> {
    let (addr, len) = cidr.split_once('/').unwrap_or((cidr, "32"));
    let len: u32 = len.parse().ok().filter(|l| *l <= 32)?;
    let octets: Vec<u32> = addr
        .split('.')
        .map(|o| o.parse().ok().filter(|v| *v < 256))
        .collect::<Option<_>>()?;
    (octets.len() == 4).then(|| {
        (
            (octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3],
            len,
        )
    })
}

/// Whether an IPv4 CIDR contains an address (given as a /32).
pub fn cidr_contains(cidr: &str, ip: &str) -> bool {
    let (Some((net, len)), Some((addr, _))) = (parse_v4(cidr), parse_v4(ip)) else {
        return false;
    };
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    net & mask == addr & mask
}

#[cfg(test)]
mod tests {
    use super::cidr_contains;

    #[test]
    fn cidrs() {
        assert!(cidr_contains("0.0.0.0/0", "169.254.169.254"));
        assert!(cidr_contains("169.254.0.0/16", "169.254.169.254"));
        assert!(cidr_contains("169.254.169.254/32", "169.254.169.254"));
        assert!(cidr_contains("169.254.169.254", "169.254.169.254"));
        assert!(!cidr_contains("10.0.0.0/8", "169.254.169.254"));
        assert!(!cidr_contains("::/0", "169.254.169.254"));
        assert!(!cidr_contains("300.0.0.0/8", "169.254.169.254"));
    }
}
