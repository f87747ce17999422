//! `hostPathVolumes` (baseline, 1.0; overridden by `restrictedVolumes` at restricted). Reason `hostPath volumes`;
//! detail `volume "a"` / `volumes "a", "b"` in spec order.

use super::fail;
use crate::format::{join_quote, pluralize};
use crate::{Failure, PathIn, Pod};
use kubeward_core::FieldPath;

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let mut names = Vec::new();
    let mut paths = Vec::new();
    for (i, v) in pod.spec.volumes.iter().enumerate() {
        if v.host_path.is_some() {
            names.push(v.name.as_str());
            paths.push(PathIn::Spec(FieldPath::root().key("volumes").index(i).key("hostPath")));
        }
    }
    if names.is_empty() {
        return None;
    }
    fail(
        "hostPath volumes",
        format!("{} {}", pluralize("volume", "volumes", names.len()), join_quote(&names)),
        paths,
    )
}
