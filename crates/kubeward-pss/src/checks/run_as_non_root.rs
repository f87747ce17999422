//! `runAsNonRoot` (restricted, 1.0; from 1.35 pods in a user namespace are exempt). Reason `runAsNonRoot != true`.
//! Explicit `false` anywhere: `<setters> must not set securityContext.runAsNonRoot=false`; otherwise, containers
//! not covered by `true` on themselves or the pod: `pod or <C> <names> must set securityContext.runAsNonRoot=true`.

use super::{containers, fail, in_user_namespace, spec_path};
use crate::format::containers_phrase;
use crate::{Failure, Pod};

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let pod_value = pod.spec.security_context.as_ref().and_then(|s| s.run_as_non_root);
    let mut setters = Vec::new();
    let mut explicit_paths = Vec::new();
    if pod_value == Some(false) {
        setters.push("pod".to_owned());
        explicit_paths.push(spec_path("securityContext.runAsNonRoot"));
    }
    let mut explicit = Vec::new();
    let mut implicit = Vec::new();
    let mut implicit_paths = Vec::new();
    for c in containers(pod) {
        match c.container.security_context.as_ref().and_then(|s| s.run_as_non_root) {
            Some(false) => {
                explicit.push(c.container.name.as_str());
                explicit_paths.push(c.path_to("securityContext.runAsNonRoot"));
            }
            Some(true) => {}
            None if pod_value != Some(true) => {
                implicit.push(c.container.name.as_str());
                implicit_paths.push(c.path_to("securityContext.runAsNonRoot"));
            }
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(containers_phrase(&explicit));
    }
    if !setters.is_empty() {
        return fail(
            "runAsNonRoot != true",
            format!(
                "{} must not set securityContext.runAsNonRoot=false",
                setters.join(" and ")
            ),
            explicit_paths,
        );
    }
    if !implicit.is_empty() {
        return fail(
            "runAsNonRoot != true",
            format!(
                "pod or {} must set securityContext.runAsNonRoot=true",
                containers_phrase(&implicit)
            ),
            implicit_paths,
        );
    }
    None
}

pub fn v1_35(pod: &Pod<'_>) -> Option<Failure> {
    if in_user_namespace(pod) { None } else { v1_0(pod) }
}
