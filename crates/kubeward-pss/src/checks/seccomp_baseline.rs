//! `seccompProfile_baseline` (baseline, 1.0 annotations, 1.19 fields; overridden by `seccompProfile_restricted`
//! from 1.19 at restricted). Reason `seccompProfile`.
//! - 1.0: the pod annotation and each visited container's annotation must be `runtime/default`, `docker/default`
//!   or `localhost/*` (an empty value is forbidden); detail `forbidden annotation(s) <key="value">, ...`.
//! - 1.19: a `seccompProfile` on the pod or a container must be `RuntimeDefault` or `Localhost`; detail
//!   `<setters> must not set securityContext.seccompProfile.type to <values>`.

use super::{containers, fail, spec_path};
use crate::format::{containers_phrase, go_quote, join_quote, pluralize, sorted_unique};
use crate::{Failure, PathIn, Pod};
use kubeward_core::FieldPath;
use kubeward_core::k8s::{ObjectMeta, PodSpec, SeccompProfile};

pub const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
pub const CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";

fn allowed_annotation(value: &str) -> bool {
    value == "runtime/default" || value == "docker/default" || value.starts_with("localhost/")
}

pub fn valid_type(t: &str) -> bool {
    t == "RuntimeDefault" || t == "Localhost"
}

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let annotations = &pod.metadata.annotations;
    let mut entries = Vec::new();
    let mut paths = Vec::new();
    let mut judge = |key: &str| {
        if let Some(value) = annotations.get(key)
            && !allowed_annotation(value)
        {
            entries.push(format!("{key}={}", go_quote(value)));
            paths.push(PathIn::Metadata(FieldPath::root().key("annotations").key(key)));
        }
    };
    judge(POD_ANNOTATION);
    for c in containers(pod) {
        judge(&format!("{CONTAINER_ANNOTATION_PREFIX}{}", c.container.name));
    }
    if entries.is_empty() {
        return None;
    }
    let entries = sorted_unique(entries);
    fail(
        "seccompProfile",
        format!(
            "{} {}",
            pluralize("forbidden annotation", "forbidden annotations", entries.len()),
            entries.join(", ")
        ),
        paths,
    )
}

fn bad_type(p: &Option<SeccompProfile>) -> Option<&str> {
    p.as_ref().map(|p| p.type_.as_str()).filter(|t| !valid_type(t))
}

pub fn v1_19(pod: &Pod<'_>) -> Option<Failure> {
    let mut setters = Vec::new();
    let mut values = Vec::new();
    let mut paths = Vec::new();
    if let Some(t) = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| bad_type(&s.seccomp_profile))
    {
        setters.push("pod".to_owned());
        values.push(t.to_owned());
        paths.push(spec_path("securityContext.seccompProfile.type"));
    }
    let mut names = Vec::new();
    for c in containers(pod) {
        if let Some(t) = c
            .container
            .security_context
            .as_ref()
            .and_then(|s| bad_type(&s.seccomp_profile))
        {
            names.push(c.container.name.as_str());
            values.push(t.to_owned());
            paths.push(c.path_to("securityContext.seccompProfile.type"));
        }
    }
    if !names.is_empty() {
        setters.push(containers_phrase(&names));
    }
    if setters.is_empty() {
        return None;
    }
    fail(
        "seccompProfile",
        format!(
            "{} must not set securityContext.seccompProfile.type to {}",
            setters.join(" and "),
            join_quote(&sorted_unique(values))
        ),
        paths,
    )
}

/// The profile a seccomp annotation value stands for.
fn profile_of_annotation(value: &str) -> Option<SeccompProfile> {
    let (type_, localhost_profile) = match value {
        "unconfined" => ("Unconfined", None),
        "runtime/default" | "docker/default" => ("RuntimeDefault", None),
        _ => ("Localhost", Some(value.strip_prefix("localhost/")?.to_owned())),
    };
    Some(SeccompProfile {
        type_: type_.to_owned(),
        localhost_profile,
    })
}

/// The annotation value a seccomp profile stands for.
fn annotation_of_profile(p: &SeccompProfile) -> Option<String> {
    match p.type_.as_str() {
        "Unconfined" => Some("unconfined".into()),
        "RuntimeDefault" => Some("runtime/default".into()),
        "Localhost" => Some(format!("localhost/{}", p.localhost_profile.as_deref().unwrap_or(""))),
        _ => None,
    }
}

/// The pod strategy's seccomp version-skew handling on create (KEP-135): a pod-level or container-level annotation
/// without the field fills the field, and a field without the annotation fills the annotation.
pub fn apply_version_skew(metadata: &mut ObjectMeta, spec: &mut PodSpec) {
    let pod_field = spec.security_context.as_ref().and_then(|s| s.seccomp_profile.clone());
    match (pod_field, metadata.annotations.get(POD_ANNOTATION)) {
        (None, Some(value)) => {
            if let Some(p) = profile_of_annotation(value) {
                spec.security_context
                    .get_or_insert_with(Default::default)
                    .seccomp_profile = Some(p);
            }
        }
        (Some(p), None) => {
            if let Some(value) = annotation_of_profile(&p) {
                metadata.annotations.insert(POD_ANNOTATION.to_owned(), value);
            }
        }
        _ => {}
    }
    for c in spec
        .init_containers
        .iter_mut()
        .chain(spec.containers.iter_mut())
        .chain(spec.ephemeral_containers.iter_mut())
    {
        let key = format!("{CONTAINER_ANNOTATION_PREFIX}{}", c.name);
        let field = c.security_context.as_ref().and_then(|s| s.seccomp_profile.clone());
        match (field, metadata.annotations.get(&key)) {
            (None, Some(value)) => {
                if let Some(p) = profile_of_annotation(value) {
                    c.security_context.get_or_insert_with(Default::default).seccomp_profile = Some(p);
                }
            }
            (Some(p), None) => {
                if let Some(value) = annotation_of_profile(&p) {
                    metadata.annotations.insert(key, value);
                }
            }
            _ => {}
        }
    }
}
