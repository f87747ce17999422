//! `seccompProfile_restricted` (restricted, 1.19, overrides `seccompProfile_baseline`; Windows pods exempt from
//! 1.25). Reason `seccompProfile`. Explicit bad values (pod or containers) win:
//! `<setters> must not set securityContext.seccompProfile.type to <values>`; otherwise containers with no profile
//! of their own and no valid pod-level one:
//! `pod or <C> <names> must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`.

use super::seccomp_baseline::valid_type;
use super::{containers, fail, spec_path};
use crate::format::{containers_phrase, join_quote, sorted_unique};
use crate::{Failure, Pod};

pub fn v1_19(pod: &Pod<'_>) -> Option<Failure> {
    let mut setters = Vec::new();
    let mut values = Vec::new();
    let mut explicit_paths = Vec::new();
    let mut pod_valid = false;
    if let Some(p) = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.seccomp_profile.as_ref())
    {
        if valid_type(&p.type_) {
            pod_valid = true;
        } else {
            setters.push("pod".to_owned());
            values.push(p.type_.clone());
            explicit_paths.push(spec_path("securityContext.seccompProfile.type"));
        }
    }
    let mut explicit = Vec::new();
    let mut implicit = Vec::new();
    let mut implicit_paths = Vec::new();
    for c in containers(pod) {
        match c
            .container
            .security_context
            .as_ref()
            .and_then(|s| s.seccomp_profile.as_ref())
        {
            Some(p) if !valid_type(&p.type_) => {
                explicit.push(c.container.name.as_str());
                values.push(p.type_.clone());
                explicit_paths.push(c.path_to("securityContext.seccompProfile.type"));
            }
            Some(_) => {}
            None if !pod_valid => {
                implicit.push(c.container.name.as_str());
                implicit_paths.push(c.path_to("securityContext.seccompProfile.type"));
            }
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(containers_phrase(&explicit));
    }
    if !setters.is_empty() {
        return fail(
            "seccompProfile",
            format!(
                "{} must not set securityContext.seccompProfile.type to {}",
                setters.join(" and "),
                join_quote(&sorted_unique(values))
            ),
            explicit_paths,
        );
    }
    if !implicit.is_empty() {
        return fail(
            "seccompProfile",
            format!(
                r#"pod or {} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#,
                containers_phrase(&implicit)
            ),
            implicit_paths,
        );
    }
    None
}

pub fn v1_25(pod: &Pod<'_>) -> Option<Failure> {
    if pod.spec.is_windows() { None } else { v1_19(pod) }
}
