//! `restrictedVolumes` (restricted, 1.0, overrides `hostPathVolumes`). Reason `restricted volume types`; detail
//! `<volume|volumes> <names> <uses|use> <restricted volume type(s)> <types>`; a volume of no known restricted
//! type is `unknown`.

use super::fail;
use crate::format::{join_quote, pluralize, sorted_unique};
use crate::{Failure, PathIn, Pod};
use kubeward_core::FieldPath;

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let mut names = Vec::new();
    let mut types = Vec::new();
    let mut paths = Vec::new();
    for (i, v) in pod.spec.volumes.iter().enumerate() {
        if v.is_allowed_restricted_type() {
            continue;
        }
        let t = v.restricted_type().unwrap_or("unknown");
        names.push(v.name.as_str());
        types.push(t.to_owned());
        let path = FieldPath::root().key("volumes").index(i);
        paths.push(PathIn::Spec(if t == "unknown" { path } else { path.key(t) }));
    }
    if names.is_empty() {
        return None;
    }
    let types = sorted_unique(types);
    fail(
        "restricted volume types",
        format!(
            "{} {} {} {} {}",
            pluralize("volume", "volumes", names.len()),
            join_quote(&names),
            pluralize("uses", "use", names.len()),
            pluralize("restricted volume type", "restricted volume types", types.len()),
            join_quote(&types)
        ),
        paths,
    )
}
