//! Rules on container images.

pub mod latest_or_untagged;
pub mod not_pinned_by_digest;
pub mod pull_policy_not_always;
pub mod reference;
pub mod untrusted_registry;

use kubeward_core::RuleMeta;

pub const RULES: &[&RuleMeta] = &[
    &latest_or_untagged::RULE,
    &not_pinned_by_digest::RULE,
    &pull_policy_not_always::RULE,
    &untrusted_registry::RULE,
];
