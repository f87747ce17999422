//! `procMount` (baseline, 1.0; from 1.35 pods in a user namespace are exempt) and `procMount_restricted`
//! (restricted, 1.35, the unconditional rule). Reason `procMount`; detail
//! `<C> <names> must not set securityContext.procMount to <types>` for any value other than `Default`.

use super::{containers, fail, in_user_namespace};
use crate::format::{containers_phrase, join_quote, sorted_unique};
use crate::{Failure, Pod};

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let mut names = Vec::new();
    let mut types = Vec::new();
    let mut paths = Vec::new();
    for c in containers(pod) {
        if let Some(t) = c
            .container
            .security_context
            .as_ref()
            .and_then(|s| s.proc_mount.as_deref())
            && t != "Default"
        {
            names.push(c.container.name.as_str());
            types.push(t.to_owned());
            paths.push(c.path_to("securityContext.procMount"));
        }
    }
    if names.is_empty() {
        return None;
    }
    fail(
        "procMount",
        format!(
            "{} must not set securityContext.procMount to {}",
            containers_phrase(&names),
            join_quote(&sorted_unique(types))
        ),
        paths,
    )
}

pub fn v1_35_baseline(pod: &Pod<'_>) -> Option<Failure> {
    if in_user_namespace(pod) { None } else { v1_0(pod) }
}
