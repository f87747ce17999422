//! Rules on Services and Ingresses: what the cluster exposes.

pub mod external_ips;
pub mod ingress_no_tls;
pub mod loadbalancer_open;
pub mod nodeport;

use kubeward_core::Object;
use kubeward_core::RuleMeta;
use kubeward_core::k8s::{Body, IngressSpec, ServiceSpec};

pub const RULES: &[&RuleMeta] = &[
    &nodeport::RULE,
    &loadbalancer_open::RULE,
    &external_ips::RULE,
    &ingress_no_tls::RULE,
];

pub fn service_spec(o: &Object) -> Option<&ServiceSpec> {
    match &o.body {
        Body::Service(s) => s.spec.as_ref(),
        _ => None,
    }
}

pub fn ingress_spec(o: &Object) -> Option<&IngressSpec> {
    match &o.body {
        Body::Ingress(i) => i.spec.as_ref(),
        _ => None,
    }
}
