//! Every kubeward rule, one file per rule under `src/<domain>/`, and the registry that lists them.
//!
//! A rule file reads like a page of documentation with a function at the bottom: the doc comment (What it checks,
//! Why it matters, Example, Fix, References) is the text `kubeward explain` prints, and the static metadata carries
//! the id, STRIDE categories, DREAD vector, remediation and the peer ids of other tools.

pub mod helpers;
pub mod image;
pub mod network;
pub mod pss;
pub mod rbac;
pub mod secret;
pub mod service;
pub mod workload;

use kubeward_core::RuleMeta;

/// Every rule, in the order `kubeward rules` lists them.
pub fn registry() -> Vec<&'static RuleMeta> {
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    rules.extend(pss::RULES);
    rules.extend(workload::RULES);
    rules.extend(image::RULES);
    rules.extend(secret::RULES);
    rules.extend(network::RULES);
    rules.extend(service::RULES);
    rules.extend(rbac::RULES);
    rules.push(&kubeward_core::engine::SUPPRESSION_INVALID);
    rules
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    registry().into_iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_documented() {
        let mut seen = BTreeSet::new();
        for r in registry() {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            let doc = r.documentation();
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Example",
                "## Fix",
                "## References",
            ] {
                assert!(doc.contains(section), "{} lacks {section}", r.id);
            }
            assert!(!r.title.is_empty() && !r.remediation.is_empty(), "{}", r.id);
            assert!(!r.stride.is_empty(), "{} has no STRIDE category", r.id);
        }
    }
}
