//! `capabilities_restricted` (restricted, 1.22, overrides `capabilities_baseline`; Windows pods exempt from 1.25).
//! Reason `unrestricted capabilities`; detail up to two parts joined by `; `:
//! `<C> <names> must set securityContext.capabilities.drop=["ALL"]` and
//! `<C> <names> must not include <caps> in securityContext.capabilities.add` (anything but `NET_BIND_SERVICE`).

use super::{containers, fail};
use crate::format::{containers_phrase, join_quote, sorted_unique};
use crate::{Failure, Pod};

pub fn v1_22(pod: &Pod<'_>) -> Option<Failure> {
    let mut missing_drop = Vec::new();
    let mut bad_add = Vec::new();
    let mut caps = Vec::new();
    let mut paths = Vec::new();
    for c in containers(pod) {
        let Some(cap) = c
            .container
            .security_context
            .as_ref()
            .and_then(|s| s.capabilities.as_ref())
        else {
            missing_drop.push(c.container.name.as_str());
            paths.push(c.path_to("securityContext.capabilities.drop"));
            continue;
        };
        if !cap.drop.iter().any(|d| d == "ALL") {
            missing_drop.push(c.container.name.as_str());
            paths.push(c.path_to("securityContext.capabilities.drop"));
        }
        let mut bad = false;
        for (i, a) in cap.add.iter().enumerate() {
            if a != "NET_BIND_SERVICE" {
                caps.push(a.clone());
                if !bad {
                    paths.push(c.path_to(&format!("securityContext.capabilities.add[{i}]")));
                }
                bad = true;
            }
        }
        if bad {
            bad_add.push(c.container.name.as_str());
        }
    }
    if missing_drop.is_empty() && bad_add.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !missing_drop.is_empty() {
        parts.push(format!(
            r#"{} must set securityContext.capabilities.drop=["ALL"]"#,
            containers_phrase(&missing_drop)
        ));
    }
    if !bad_add.is_empty() {
        parts.push(format!(
            "{} must not include {} in securityContext.capabilities.add",
            containers_phrase(&bad_add),
            join_quote(&sorted_unique(caps))
        ));
    }
    fail("unrestricted capabilities", parts.join("; "), paths)
}

pub fn v1_25(pod: &Pod<'_>) -> Option<Failure> {
    if pod.spec.is_windows() { None } else { v1_22(pod) }
}
