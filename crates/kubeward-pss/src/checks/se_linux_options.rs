//! `seLinuxOptions` (baseline, 1.0; `container_engine_t` allowed from 1.31). Reason `seLinuxOptions`; detail
//! `<setters> set forbidden securityContext.seLinuxOptions: <data>` where data joins with `; ` the bad types
//! (`type "x"` / `types "x", "y"`), `user may not be set` and `role may not be set`. `level` is free.

use super::{containers, fail, spec_path};
use crate::format::{containers_phrase, join_quote, pluralize, sorted_unique};
use crate::{Failure, Pod};
use kubeward_core::k8s::SeLinuxOptions;

const ALLOWED_1_0: [&str; 4] = ["", "container_t", "container_init_t", "container_kvm_t"];
const ALLOWED_1_31: [&str; 5] = [
    "",
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

fn check(pod: &Pod<'_>, allowed: &[&str]) -> Option<Failure> {
    let mut bad_types = Vec::new();
    let mut user = false;
    let mut role = false;
    let mut judge = |o: &SeLinuxOptions| {
        let mut bad = false;
        let t = o.type_.as_deref().unwrap_or("");
        if !allowed.contains(&t) {
            bad_types.push(t.to_owned());
            bad = true;
        }
        if o.user.as_deref().is_some_and(|u| !u.is_empty()) {
            user = true;
            bad = true;
        }
        if o.role.as_deref().is_some_and(|r| !r.is_empty()) {
            role = true;
            bad = true;
        }
        bad
    };
    let mut setters = Vec::new();
    let mut paths = Vec::new();
    if let Some(o) = pod
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.se_linux_options.as_ref())
        && judge(o)
    {
        setters.push("pod".to_owned());
        paths.push(spec_path("securityContext.seLinuxOptions"));
    }
    let mut names = Vec::new();
    for c in containers(pod) {
        if let Some(o) = c
            .container
            .security_context
            .as_ref()
            .and_then(|s| s.se_linux_options.as_ref())
            && judge(o)
        {
            names.push(c.container.name.as_str());
            paths.push(c.path_to("securityContext.seLinuxOptions"));
        }
    }
    if !names.is_empty() {
        setters.push(containers_phrase(&names));
    }
    if setters.is_empty() {
        return None;
    }
    let mut data = Vec::new();
    let types = sorted_unique(bad_types);
    if !types.is_empty() {
        data.push(format!(
            "{} {}",
            pluralize("type", "types", types.len()),
            join_quote(&types)
        ));
    }
    if user {
        data.push("user may not be set".to_owned());
    }
    if role {
        data.push("role may not be set".to_owned());
    }
    fail(
        "seLinuxOptions",
        format!(
            "{} set forbidden securityContext.seLinuxOptions: {}",
            setters.join(" and "),
            data.join("; ")
        ),
        paths,
    )
}

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    check(pod, &ALLOWED_1_0)
}

pub fn v1_31(pod: &Pod<'_>) -> Option<Failure> {
    check(pod, &ALLOWED_1_31)
}
