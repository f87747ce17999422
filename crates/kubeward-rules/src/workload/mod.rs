//! Rules on workloads: every pod-bearing kind, judged through its pod template.

pub mod default_service_account;
pub mod host_path_sensitive;
pub mod in_default_namespace;
pub mod no_probes;
pub mod readonly_root_filesystem;
pub mod resources_missing;
pub mod run_as_root_uid;
pub mod service_account_token_automount;
pub mod single_replica;
pub mod writable_host_path;

use kubeward_core::RuleMeta;

pub const RULES: &[&RuleMeta] = &[
    &readonly_root_filesystem::RULE,
    &run_as_root_uid::RULE,
    &host_path_sensitive::RULE,
    &writable_host_path::RULE,
    &resources_missing::RULE,
    &service_account_token_automount::RULE,
    &default_service_account::RULE,
    &no_probes::RULE,
    &single_replica::RULE,
    &in_default_namespace::RULE,
];
