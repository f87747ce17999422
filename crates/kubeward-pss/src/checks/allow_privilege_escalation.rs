//! `allowPrivilegeEscalation` (restricted, 1.8; Windows pods exempt from 1.25).
//! Reason `allowPrivilegeEscalation != false`; detail `<C> <names> must set securityContext.allowPrivilegeEscalation=false`.
//! Unset counts as allowed escalation.

use super::{containers, fail};
use crate::format::containers_phrase;
use crate::{Failure, Pod};

pub fn v1_8(pod: &Pod<'_>) -> Option<Failure> {
    let mut names = Vec::new();
    let mut paths = Vec::new();
    for c in containers(pod) {
        let ape = c
            .container
            .security_context
            .as_ref()
            .and_then(|s| s.allow_privilege_escalation);
        if ape != Some(false) {
            names.push(c.container.name.as_str());
            paths.push(c.path_to("securityContext.allowPrivilegeEscalation"));
        }
    }
    if names.is_empty() {
        return None;
    }
    fail(
        "allowPrivilegeEscalation != false",
        format!(
            "{} must set securityContext.allowPrivilegeEscalation=false",
            containers_phrase(&names)
        ),
        paths,
    )
}

pub fn v1_25(pod: &Pod<'_>) -> Option<Failure> {
    if pod.spec.is_windows() { None } else { v1_8(pod) }
}
