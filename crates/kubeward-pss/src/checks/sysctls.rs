//! `sysctls` (baseline; the safe set grows at 1.27, 1.29, 1.32 and 1.37). Reason `forbidden sysctls`; detail the
//! offending names in spec order, unquoted, duplicates kept. Exact match: no `/` to `.` normalisation.

use super::fail;
use crate::{Failure, PathIn, Pod};
use kubeward_core::FieldPath;

const SAFE_1_0: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start",
];
const SAFE_1_27: &[&str] = &["net.ipv4.ip_local_reserved_ports"];
const SAFE_1_29: &[&str] = &[
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];
const SAFE_1_32: &[&str] = &["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"];
const SAFE_1_37: &[&str] = &["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"];

fn check(pod: &Pod<'_>, safe: &[&[&str]]) -> Option<Failure> {
    let sysctls = match pod.spec.security_context.as_ref() {
        Some(sc) => &sc.sysctls,
        None => return None,
    };
    let mut names = Vec::new();
    let mut paths = Vec::new();
    for (i, s) in sysctls.iter().enumerate() {
        if !safe.iter().any(|set| set.contains(&s.name.as_str())) {
            names.push(s.name.as_str());
            paths.push(PathIn::Spec(
                FieldPath::root().keys("securityContext.sysctls").index(i).key("name"),
            ));
        }
    }
    if names.is_empty() {
        return None;
    }
    fail("forbidden sysctls", names.join(", "), paths)
}

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    check(pod, &[SAFE_1_0])
}

pub fn v1_27(pod: &Pod<'_>) -> Option<Failure> {
    check(pod, &[SAFE_1_0, SAFE_1_27])
}

pub fn v1_29(pod: &Pod<'_>) -> Option<Failure> {
    check(pod, &[SAFE_1_0, SAFE_1_27, SAFE_1_29])
}

pub fn v1_32(pod: &Pod<'_>) -> Option<Failure> {
    check(pod, &[SAFE_1_0, SAFE_1_27, SAFE_1_29, SAFE_1_32])
}

pub fn v1_37(pod: &Pod<'_>) -> Option<Failure> {
    check(pod, &[SAFE_1_0, SAFE_1_27, SAFE_1_29, SAFE_1_32, SAFE_1_37])
}
