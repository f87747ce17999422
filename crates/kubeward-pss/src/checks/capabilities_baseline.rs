//! `capabilities_baseline` (baseline, 1.0). Reason `non-default capabilities`; detail
//! `<C> <names> must not include <caps> in securityContext.capabilities.add` (caps: sorted union).
//! Names are compared exactly: no `CAP_` prefix handling, no case folding.

use super::{containers, fail};
use crate::format::{containers_phrase, join_quote, sorted_unique};
use crate::{Failure, Pod};

pub const DEFAULT_CAPABILITIES: [&str; 13] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let mut names = Vec::new();
    let mut caps = Vec::new();
    let mut paths = Vec::new();
    for c in containers(pod) {
        let Some(cap) = c
            .container
            .security_context
            .as_ref()
            .and_then(|s| s.capabilities.as_ref())
        else {
            continue;
        };
        let mut bad = false;
        for (i, a) in cap.add.iter().enumerate() {
            if !DEFAULT_CAPABILITIES.contains(&a.as_str()) {
                caps.push(a.clone());
                if !bad {
                    paths.push(c.path_to(&format!("securityContext.capabilities.add[{i}]")));
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
    fail(
        "non-default capabilities",
        format!(
            "{} must not include {} in securityContext.capabilities.add",
            containers_phrase(&names),
            join_quote(&sorted_unique(caps))
        ),
        paths,
    )
}
