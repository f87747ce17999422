//! Rules on secrets: credentials written where they do not belong, and Secrets exposed in ways that leak.
//! No finding ever contains a value: messages name the object, key and line.

pub mod detect;
pub mod env_from_secret;
pub mod in_configmap;
pub mod in_env_literal;
pub mod plaintext_in_manifest;

use kubeward_core::RuleMeta;

pub const RULES: &[&RuleMeta] = &[
    &in_env_literal::RULE,
    &env_from_secret::RULE,
    &in_configmap::RULE,
    &plaintext_in_manifest::RULE,
];
