//! `hostPorts` (baseline, 1.0). Reason `hostPort`; detail `<C> <names> <uses|use> <hostPort|hostPorts> <ports>`:
//! `uses` for one container, `hostPort` for one distinct port; ports unquoted, sorted as strings.

use super::{containers, fail};
use crate::format::{containers_phrase, pluralize, sorted_unique};
use crate::{Failure, Pod};

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let mut names = Vec::new();
    let mut ports = Vec::new();
    let mut paths = Vec::new();
    for c in containers(pod) {
        let mut bad = false;
        for (i, p) in c.container.ports.iter().enumerate() {
            if let Some(hp) = p.host_port.filter(|hp| *hp != 0) {
                ports.push(hp.to_string());
                if !bad {
                    paths.push(c.path_to(&format!("ports[{i}].hostPort")));
                }
                bad = true;
            }
        }
        if bad {
            names.push(c.container.name.as_str());
        }
    }
    if names.is_empty() {
        return None;
    }
    let ports = sorted_unique(ports);
    fail(
        "hostPort",
        format!(
            "{} {} {} {}",
            containers_phrase(&names),
            pluralize("uses", "use", names.len()),
            pluralize("hostPort", "hostPorts", ports.len()),
            ports.join(", ")
        ),
        paths,
    )
}
