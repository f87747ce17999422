//! `hostProbesAndHostLifecycle` (baseline, 1.34). Reason `probe or lifecycle host`; detail
//! `<C> <sorted names> <uses|use> <probe or lifecycle host(s)> <hosts>`: any non-empty `httpGet.host` or
//! `tcpSocket.host` of a liveness, readiness or startup probe or a postStart or preStop handler.

use super::{containers, fail};
use crate::format::{containers_phrase, join_quote, pluralize, sorted_unique};
use crate::{Failure, Pod};
use kubeward_core::k8s::{HttpGetAction, TcpSocketAction};

pub fn v1_34(pod: &Pod<'_>) -> Option<Failure> {
    let mut names = Vec::new();
    let mut hosts = Vec::new();
    let mut paths = Vec::new();
    for c in containers(pod) {
        let k = c.container;
        let lifecycle = k.lifecycle.as_ref();
        let handlers: [(&str, Option<&HttpGetAction>, Option<&TcpSocketAction>); 5] = [
            (
                "livenessProbe",
                k.liveness_probe.as_ref().and_then(|p| p.http_get.as_ref()),
                k.liveness_probe.as_ref().and_then(|p| p.tcp_socket.as_ref()),
            ),
            (
                "readinessProbe",
                k.readiness_probe.as_ref().and_then(|p| p.http_get.as_ref()),
                k.readiness_probe.as_ref().and_then(|p| p.tcp_socket.as_ref()),
            ),
            (
                "startupProbe",
                k.startup_probe.as_ref().and_then(|p| p.http_get.as_ref()),
                k.startup_probe.as_ref().and_then(|p| p.tcp_socket.as_ref()),
            ),
            (
                "lifecycle.postStart",
                lifecycle
                    .and_then(|l| l.post_start.as_ref())
                    .and_then(|h| h.http_get.as_ref()),
                lifecycle
                    .and_then(|l| l.post_start.as_ref())
                    .and_then(|h| h.tcp_socket.as_ref()),
            ),
            (
                "lifecycle.preStop",
                lifecycle
                    .and_then(|l| l.pre_stop.as_ref())
                    .and_then(|h| h.http_get.as_ref()),
                lifecycle
                    .and_then(|l| l.pre_stop.as_ref())
                    .and_then(|h| h.tcp_socket.as_ref()),
            ),
        ];
        let mut bad = false;
        for (field, http, tcp) in handlers {
            for (kind, host) in [
                ("httpGet", http.and_then(|h| h.host.as_deref())),
                ("tcpSocket", tcp.and_then(|t| t.host.as_deref())),
            ] {
                if let Some(host) = host.filter(|h| !h.is_empty()) {
                    hosts.push(host.to_owned());
                    paths.push(c.path_to(&format!("{field}.{kind}.host")));
                    bad = true;
                }
            }
        }
        if bad {
            names.push(k.name.clone());
        }
    }
    if names.is_empty() {
        return None;
    }
    let names = sorted_unique(names);
    let hosts = sorted_unique(hosts);
    fail(
        "probe or lifecycle host",
        format!(
            "{} {} {} {}",
            containers_phrase(&names),
            pluralize("uses", "use", names.len()),
            pluralize("probe or lifecycle host", "probe or lifecycle hosts", hosts.len()),
            join_quote(&hosts)
        ),
        paths,
    )
}
