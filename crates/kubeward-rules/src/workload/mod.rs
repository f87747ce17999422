//! Rules on workloads: every pod-bearing kind, judged through its pod template.

pub mod host_path_sensitive;
pub mod readonly_root_filesystem;
pub mod run_as_root_uid;

use kubeward_core::RuleMeta;

pub const RULES: &[&RuleMeta] = &[
    &readonly_root_filesystem::RULE,
    &run_as_root_uid::RULE,
    &host_path_sensitive::RULE,
];
