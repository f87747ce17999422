//! `appArmorProfile` (baseline, 1.0; the fields are checked at every version, as upstream does since 1.30).
//! Reason `forbidden AppArmor profile(s)` (plural on the number of bad values); detail
//! `<setters> must not set AppArmor profile type to <values>`: field types sorted, then annotation entries
//! `key="value"` sorted, each wrapped in quotes without escaping.

use super::{containers, fail};
use crate::format::{containers_phrase, go_quote, join_quote, pluralize, sorted_unique};
use crate::{Failure, PathIn, Pod};
use kubeward_core::FieldPath;
use kubeward_core::k8s::AppArmorProfile;

const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn bad_field(p: &Option<AppArmorProfile>) -> Option<&str> {
    p.as_ref()
        .map(|p| p.type_.as_str())
        .filter(|t| *t != "RuntimeDefault" && *t != "Localhost")
}

fn bad_annotation(value: &str) -> bool {
    !value.is_empty() && value != "runtime/default" && !value.starts_with("localhost/")
}

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let mut setters = Vec::new();
    let mut types = Vec::new();
    let mut paths = Vec::new();
    let pod_sc = pod.spec.security_context.as_ref();
    if let Some(t) = pod_sc.and_then(|s| bad_field(&s.app_armor_profile)) {
        setters.push("pod".to_owned());
        types.push(t.to_owned());
        paths.push(super::spec_path("securityContext.appArmorProfile.type"));
    }
    let mut names = Vec::new();
    for c in containers(pod) {
        if let Some(t) = c
            .container
            .security_context
            .as_ref()
            .and_then(|s| bad_field(&s.app_armor_profile))
        {
            names.push(c.container.name.as_str());
            types.push(t.to_owned());
            paths.push(c.path_to("securityContext.appArmorProfile.type"));
        }
    }
    if !names.is_empty() {
        setters.push(containers_phrase(&names));
    }
    let mut entries = Vec::new();
    let mut annotation_paths = Vec::new();
    for (key, value) in &pod.metadata.annotations {
        if key.starts_with(ANNOTATION_PREFIX) && bad_annotation(value) {
            entries.push(format!("{key}={}", go_quote(value)));
            annotation_paths.push(PathIn::Metadata(FieldPath::root().key("annotations").key(key)));
        }
    }
    // Annotations first: on a Pod the API server copies them into fields, which are then not in the manifest.
    annotation_paths.append(&mut paths);
    let paths = annotation_paths;
    if !entries.is_empty() {
        setters.push(pluralize("annotation", "annotations", entries.len()).to_owned());
    }
    if setters.is_empty() {
        return None;
    }
    let mut values = sorted_unique(types);
    entries.sort_unstable();
    values.extend(entries);
    fail(
        pluralize(
            "forbidden AppArmor profile",
            "forbidden AppArmor profiles",
            values.len(),
        ),
        format!(
            "{} must not set AppArmor profile type to {}",
            setters.join(" and "),
            join_quote(&values)
        ),
        paths,
    )
}

/// The profile an AppArmor annotation value stands for, when it is a valid one.
fn profile_of_annotation(value: &str) -> Option<AppArmorProfile> {
    let (type_, localhost_profile) = match value {
        "runtime/default" => ("RuntimeDefault", None),
        "unconfined" => ("Unconfined", None),
        _ => {
            let p = value.strip_prefix("localhost/").filter(|p| !p.trim().is_empty())?;
            ("Localhost", Some(p.to_owned()))
        }
    };
    Some(AppArmorProfile {
        type_: type_.to_owned(),
        localhost_profile,
    })
}

/// The pod strategy's AppArmor version-skew handling on create (1.30+, not for Windows pods): a container's
/// annotation, when the container has no `appArmorProfile` field, becomes the field, unless the value is invalid or
/// equals the pod-level profile.
pub fn apply_version_skew(metadata: &kubeward_core::k8s::ObjectMeta, spec: &mut kubeward_core::k8s::PodSpec) {
    if spec.is_windows() {
        return;
    }
    let pod_profile = spec.security_context.as_ref().and_then(|s| s.app_armor_profile.clone());
    for c in spec
        .init_containers
        .iter_mut()
        .chain(spec.containers.iter_mut())
        .chain(spec.ephemeral_containers.iter_mut())
    {
        let Some(value) = metadata.annotations.get(&format!("{ANNOTATION_PREFIX}{}", c.name)) else {
            continue;
        };
        if c.security_context
            .as_ref()
            .is_some_and(|s| s.app_armor_profile.is_some())
        {
            continue;
        }
        if let Some(field) = profile_of_annotation(value)
            && pod_profile.as_ref() != Some(&field)
        {
            c.security_context
                .get_or_insert_with(Default::default)
                .app_armor_profile = Some(field);
        }
    }
}
