//! `hostNamespaces` (baseline, 1.0). Reason `host namespaces`; detail the set ones among
//! `hostNetwork=true, hostPID=true, hostIPC=true`, in that order.

use super::{fail, spec_path};
use crate::{Failure, Pod};

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let s = pod.spec;
    let mut parts = Vec::new();
    let mut paths = Vec::new();
    for (set, text, field) in [
        (s.host_network, "hostNetwork=true", "hostNetwork"),
        (s.host_pid, "hostPID=true", "hostPID"),
        (s.host_ipc, "hostIPC=true", "hostIPC"),
    ] {
        if set == Some(true) {
            parts.push(text);
            paths.push(spec_path(field));
        }
    }
    if parts.is_empty() {
        return None;
    }
    fail("host namespaces", parts.join(", "), paths)
}
