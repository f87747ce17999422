//! `privileged` (baseline, 1.0). Reason `privileged`; detail `<C> <names> must not set securityContext.privileged=true`.

use super::{containers, fail};
use crate::format::containers_phrase;
use crate::{Failure, Pod};

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let mut names = Vec::new();
    let mut paths = Vec::new();
    for c in containers(pod) {
        if c.container.security_context.as_ref().and_then(|s| s.privileged) == Some(true) {
            names.push(c.container.name.as_str());
            paths.push(c.path_to("securityContext.privileged"));
        }
    }
    if names.is_empty() {
        return None;
    }
    fail(
        "privileged",
        format!(
            "{} must not set securityContext.privileged=true",
            containers_phrase(&names)
        ),
        paths,
    )
}
