//! Rules on container images.

pub mod latest_or_untagged;
pub mod reference;

use kubeward_core::RuleMeta;

pub const RULES: &[&RuleMeta] = &[&latest_or_untagged::RULE];
