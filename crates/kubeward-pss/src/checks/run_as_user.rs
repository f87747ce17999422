//! `runAsUser` (restricted, 1.23; from 1.35 pods in a user namespace are exempt). Reason `runAsUser=0`; detail
//! `<setters> must not set runAsUser=0`. A container's non-zero UID does not clear a pod-level 0.

use super::{containers, fail, in_user_namespace, spec_path};
use crate::format::containers_phrase;
use crate::{Failure, Pod};

pub fn v1_23(pod: &Pod<'_>) -> Option<Failure> {
    let mut setters = Vec::new();
    let mut paths = Vec::new();
    if pod.spec.security_context.as_ref().and_then(|s| s.run_as_user) == Some(0) {
        setters.push("pod".to_owned());
        paths.push(spec_path("securityContext.runAsUser"));
    }
    let mut names = Vec::new();
    for c in containers(pod) {
        if c.container.security_context.as_ref().and_then(|s| s.run_as_user) == Some(0) {
            names.push(c.container.name.as_str());
            paths.push(c.path_to("securityContext.runAsUser"));
        }
    }
    if !names.is_empty() {
        setters.push(containers_phrase(&names));
    }
    if setters.is_empty() {
        return None;
    }
    fail(
        "runAsUser=0",
        format!("{} must not set runAsUser=0", setters.join(" and ")),
        paths,
    )
}

pub fn v1_35(pod: &Pod<'_>) -> Option<Failure> {
    if in_user_namespace(pod) { None } else { v1_23(pod) }
}
