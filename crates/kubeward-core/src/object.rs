//! Objects as every door delivers them: identity, metadata, typed body and where they came from.

use crate::k8s::*;
use crate::path::{FieldPath, SourceMap};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Who an object is: `apiVersion`, `kind`, namespace and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ObjectRef {
    pub api_version: String,
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
}

impl ObjectRef {
    /// `Deployment/web` or `Deployment/web -n shop`-like short form: `kind/namespace/name`.
    pub fn display(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{}/{}/{}", self.kind, ns, self.name),
            None => format!("{}/{}", self.kind, self.name),
        }
    }
}

/// Where an object came from: a file (or stdin, or a cluster), the position of the object in it, the Helm
/// template that rendered it, and the map from field paths to lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origin {
    /// File path as the user gave it (`-` for standard input), or `cluster:<context>` for a live cluster.
    pub file: Arc<str>,
    /// Position of the object's first line.
    pub line: u32,
    pub column: u32,
    /// `# Source:` comment of `helm template` output that precedes the document.
    pub template: Option<Arc<str>>,
    /// Field locations; absent for objects that did not come from a file.
    pub source_map: Option<Box<SourceMap>>,
}

/// One Kubernetes object of the inventory.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub body: Body,
    pub origin: Origin,
}

/// A pod spec with the metadata that goes with it, wherever it sits in its object.
#[derive(Debug, Clone, Copy)]
pub struct PodTemplateView<'a> {
    /// The pod's metadata (the object's own for a Pod, the template's for a workload).
    pub metadata: &'a ObjectMeta,
    pub spec: &'a PodSpec,
    /// Path of the template's metadata, e.g. `spec.template.metadata` (or `metadata` for a Pod).
    pub metadata_path: &'static str,
    /// Path of the pod spec, e.g. `spec.template.spec` (or `spec` for a Pod).
    pub spec_path: &'static str,
    /// True for a Pod, false for a template inside a workload.
    pub is_pod: bool,
}

impl PodTemplateView<'_> {
    pub fn spec_path(&self) -> FieldPath {
        FieldPath::parse(self.spec_path)
    }

    pub fn metadata_path(&self) -> FieldPath {
        FieldPath::parse(self.metadata_path)
    }

    /// Path of a container, by its list and index.
    pub fn container_path(&self, kind: ContainerKind, index: usize) -> FieldPath {
        self.spec_path().key(kind.field()).index(index)
    }
}

/// The pod-bearing kinds and where their template lives.
pub const POD_BEARING_KINDS: [&str; 9] = [
    "Pod",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
    "CronJob",
    "PodTemplate",
];

impl Object {
    pub fn object_ref(&self) -> ObjectRef {
        ObjectRef {
            api_version: self.api_version.clone(),
            kind: self.kind.clone(),
            namespace: self.metadata.namespace.clone(),
            name: self.name().to_owned(),
        }
    }

    /// The object's name, or its `generateName` prefix, or empty.
    pub fn name(&self) -> &str {
        self.metadata
            .name
            .as_deref()
            .or(self.metadata.generate_name.as_deref())
            .unwrap_or("")
    }

    pub fn namespace(&self) -> Option<&str> {
        self.metadata.namespace.as_deref()
    }

    /// The pod spec this object runs, if it is a Pod or carries a pod template.
    pub fn pod_template(&self) -> Option<PodTemplateView<'_>> {
        match &self.body {
            Body::Pod(pod) => pod.spec.as_ref().map(|spec| PodTemplateView {
                metadata: &self.metadata,
                spec,
                metadata_path: "metadata",
                spec_path: "spec",
                is_pod: true,
            }),
            Body::PodTemplate(t) => {
                let template = t.template.as_ref()?;
                Some(PodTemplateView {
                    metadata: &template.metadata,
                    spec: template.spec.as_ref()?,
                    metadata_path: "template.metadata",
                    spec_path: "template.spec",
                    is_pod: false,
                })
            }
            Body::Workload(w) => {
                let spec = w.spec.as_ref()?;
                if let Some(template) = &spec.template {
                    return Some(PodTemplateView {
                        metadata: &template.metadata,
                        spec: template.spec.as_ref()?,
                        metadata_path: "spec.template.metadata",
                        spec_path: "spec.template.spec",
                        is_pod: false,
                    });
                }
                let template = spec.job_template.as_ref()?.spec.as_ref()?.template.as_ref()?;
                Some(PodTemplateView {
                    metadata: &template.metadata,
                    spec: template.spec.as_ref()?,
                    metadata_path: "spec.jobTemplate.spec.template.metadata",
                    spec_path: "spec.jobTemplate.spec.template.spec",
                    is_pod: false,
                })
            }
            _ => None,
        }
    }

    /// Whether some rule reads this kind (anything but [`Body::Other`]).
    pub fn is_evaluated(&self) -> bool {
        !matches!(self.body, Body::Other)
    }
}

/// The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → ``).
pub fn api_group(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(g, _)| g)
}

/// Which typed body a kind decodes into, judged by group and kind. Old groups (`extensions`, `apps/v1beta1`) decode
/// into the same types as their successors, so old manifests are still checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Pod,
    Workload,
    PodTemplate,
    Service,
    Ingress,
    NetworkPolicy,
    Namespace,
    ServiceAccount,
    Secret,
    ConfigMap,
    Role,
    Binding,
    ResourceQuota,
    LimitRange,
    RuntimeClass,
    WebhookConfiguration,
    Config,
    Other,
}

impl BodyKind {
    pub fn of(api_version: &str, kind: &str) -> BodyKind {
        let group = api_group(api_version);
        match (group, kind) {
            ("", "Pod") => BodyKind::Pod,
            ("", "ReplicationController") => BodyKind::Workload,
            ("apps" | "extensions", "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet") => BodyKind::Workload,
            ("batch", "Job" | "CronJob") => BodyKind::Workload,
            ("", "PodTemplate") => BodyKind::PodTemplate,
            ("", "Service") => BodyKind::Service,
            ("networking.k8s.io" | "extensions", "Ingress") => BodyKind::Ingress,
            ("networking.k8s.io" | "extensions", "NetworkPolicy") => BodyKind::NetworkPolicy,
            ("", "Namespace") => BodyKind::Namespace,
            ("", "ServiceAccount") => BodyKind::ServiceAccount,
            ("", "Secret") => BodyKind::Secret,
            ("", "ConfigMap") => BodyKind::ConfigMap,
            ("rbac.authorization.k8s.io", "Role" | "ClusterRole") => BodyKind::Role,
            ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => BodyKind::Binding,
            ("", "ResourceQuota") => BodyKind::ResourceQuota,
            ("", "LimitRange") => BodyKind::LimitRange,
            ("node.k8s.io", "RuntimeClass") => BodyKind::RuntimeClass,
            ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration" | "MutatingWebhookConfiguration") => {
                BodyKind::WebhookConfiguration
            }
            _ => BodyKind::Other,
        }
    }

    /// Decodes the whole object (from any serde source: the file door's YAML tree, the cluster's JSON) into the
    /// typed body of this kind.
    pub fn decode<'de, D: serde::Deserializer<'de>>(self, d: D) -> Result<Body, D::Error> {
        Ok(match self {
            BodyKind::Pod => Body::Pod(Box::new(PodBody::deserialize(d)?)),
            BodyKind::Workload => Body::Workload(Box::new(WorkloadBody::deserialize(d)?)),
            BodyKind::PodTemplate => Body::PodTemplate(Box::new(PodTemplateBody::deserialize(d)?)),
            BodyKind::Service => Body::Service(Box::new(ServiceBody::deserialize(d)?)),
            BodyKind::Ingress => Body::Ingress(Box::new(IngressBody::deserialize(d)?)),
            BodyKind::NetworkPolicy => Body::NetworkPolicy(Box::new(NetworkPolicyBody::deserialize(d)?)),
            BodyKind::Namespace => Body::Namespace,
            BodyKind::ServiceAccount => Body::ServiceAccount(Box::new(ServiceAccountBody::deserialize(d)?)),
            BodyKind::Secret => Body::Secret(Box::new(DataBody::deserialize(d)?)),
            BodyKind::ConfigMap => Body::ConfigMap(Box::new(DataBody::deserialize(d)?)),
            BodyKind::Role => Body::Role(Box::new(RoleBody::deserialize(d)?)),
            BodyKind::Binding => Body::Binding(Box::new(BindingBody::deserialize(d)?)),
            BodyKind::ResourceQuota => Body::ResourceQuota(Box::new(ResourceQuotaBody::deserialize(d)?)),
            BodyKind::LimitRange => Body::LimitRange,
            BodyKind::RuntimeClass => Body::RuntimeClass(Box::new(RuntimeClassBody::deserialize(d)?)),
            BodyKind::WebhookConfiguration => {
                Body::WebhookConfiguration(Box::new(WebhookConfigurationBody::deserialize(d)?))
            }
            BodyKind::Config => Body::Config(Box::new(serde_json::Value::deserialize(d)?)),
            BodyKind::Other => Body::Other,
        })
    }
}
