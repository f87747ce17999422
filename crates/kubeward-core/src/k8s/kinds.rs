//! The kinds rules read, other than pods: workloads, services, ingresses, network policies, RBAC, namespaces,
//! configuration objects. Fields are those rules use; everything else in a manifest is ignored.

use super::meta::{IntOrString, LabelSelector, ObjectMeta, Present};
use super::pod::PodTemplateSpec;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `spec` of every pod-bearing controller (Deployment, StatefulSet, DaemonSet, ReplicaSet,
/// ReplicationController, Job) and of a CronJob, whose template sits one level deeper under `jobTemplate`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WorkloadSpec {
    pub replicas: Option<i64>,
    pub template: Option<PodTemplateSpec>,
    pub job_template: Option<Box<JobTemplateSpec>>,
    pub schedule: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct JobTemplateSpec {
    pub metadata: ObjectMeta,
    pub spec: Option<WorkloadSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ServiceSpec {
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub selector: BTreeMap<String, String>,
    pub ports: Vec<ServicePort>,
    #[serde(rename = "externalIPs")]
    pub external_ips: Vec<String>,
    pub load_balancer_source_ranges: Vec<String>,
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    pub external_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ServicePort {
    pub name: Option<String>,
    pub port: i64,
    pub target_port: Option<IntOrString>,
    pub node_port: Option<i64>,
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IngressSpec {
    pub tls: Vec<IngressTls>,
    pub rules: Vec<IngressRule>,
    pub default_backend: Option<IngressBackend>,
    /// `extensions/v1beta1` spelling of `defaultBackend`.
    pub backend: Option<IngressBackend>,
    pub ingress_class_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IngressTls {
    pub hosts: Vec<String>,
    pub secret_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IngressRule {
    pub host: Option<String>,
    pub http: Option<HttpIngressRuleValue>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HttpIngressRuleValue {
    pub paths: Vec<HttpIngressPath>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HttpIngressPath {
    pub path: Option<String>,
    pub backend: IngressBackend,
}

/// An ingress backend in either the `networking.k8s.io/v1` shape (`service.name`) or the old
/// `extensions/v1beta1` one (`serviceName`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IngressBackend {
    pub service: Option<IngressServiceBackend>,
    pub service_name: Option<String>,
}

impl IngressBackend {
    pub fn service_name(&self) -> Option<&str> {
        self.service
            .as_ref()
            .map(|s| s.name.as_str())
            .or(self.service_name.as_deref())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IngressServiceBackend {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NetworkPolicySpec {
    pub pod_selector: LabelSelector,
    pub policy_types: Vec<String>,
    pub ingress: Option<Vec<NetworkPolicyRule>>,
    pub egress: Option<Vec<NetworkPolicyRule>>,
}

/// An ingress or egress rule; `from` for ingress, `to` for egress.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NetworkPolicyRule {
    pub from: Vec<NetworkPolicyPeer>,
    pub to: Vec<NetworkPolicyPeer>,
    pub ports: Vec<Present>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NetworkPolicyPeer {
    pub pod_selector: Option<LabelSelector>,
    pub namespace_selector: Option<LabelSelector>,
    pub ip_block: Option<IpBlock>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IpBlock {
    pub cidr: String,
    pub except: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PolicyRule {
    pub verbs: Vec<String>,
    pub api_groups: Vec<String>,
    pub resources: Vec<String>,
    pub resource_names: Vec<String>,
    #[serde(rename = "nonResourceURLs")]
    pub non_resource_urls: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AggregationRule {
    pub cluster_role_selectors: Vec<LabelSelector>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RoleRef {
    pub api_group: String,
    pub kind: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Subject {
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
    pub api_group: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceQuotaSpec {
    pub hard: BTreeMap<String, super::meta::Quantity>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WebhookEntry {
    pub name: String,
    pub failure_policy: Option<String>,
    pub client_config: Present,
    pub rules: Vec<Present>,
}

/// The body of an object, typed for the kinds rules read. Kinds no rule reads keep only their metadata.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Pod(Box<PodBody>),
    /// Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob.
    Workload(Box<WorkloadBody>),
    PodTemplate(Box<PodTemplateBody>),
    Service(Box<ServiceBody>),
    Ingress(Box<IngressBody>),
    NetworkPolicy(Box<NetworkPolicyBody>),
    Namespace,
    ServiceAccount(Box<ServiceAccountBody>),
    Secret(Box<DataBody>),
    ConfigMap(Box<DataBody>),
    /// Role and ClusterRole.
    Role(Box<RoleBody>),
    /// RoleBinding and ClusterRoleBinding.
    Binding(Box<BindingBody>),
    ResourceQuota(Box<ResourceQuotaBody>),
    LimitRange,
    RuntimeClass(Box<RuntimeClassBody>),
    /// Validating- and MutatingWebhookConfiguration.
    WebhookConfiguration(Box<WebhookConfigurationBody>),
    /// Component configuration files read by the control-plane and node checks (KubeletConfiguration,
    /// EncryptionConfiguration, AdmissionConfiguration, audit Policy, kubeconfig, kubeadm ClusterConfiguration),
    /// kept whole: their schemas are many and the checks read few fields.
    Config(Box<serde_json::Value>),
    /// A kind no rule reads: counted, not evaluated.
    Other,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodBody {
    pub spec: Option<super::pod::PodSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WorkloadBody {
    pub spec: Option<WorkloadSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodTemplateBody {
    pub template: Option<PodTemplateSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ServiceBody {
    pub spec: Option<ServiceSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IngressBody {
    pub spec: Option<IngressSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NetworkPolicyBody {
    pub spec: Option<NetworkPolicySpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ServiceAccountBody {
    pub automount_service_account_token: Option<bool>,
}

/// Secret and ConfigMap payloads. Values are kept so secret rules can recognise credentials; no sink ever prints
/// them (findings name the key, never the value).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DataBody {
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub data: BTreeMap<String, String>,
    pub string_data: BTreeMap<String, String>,
    pub binary_data: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RoleBody {
    pub rules: Vec<PolicyRule>,
    pub aggregation_rule: Option<AggregationRule>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BindingBody {
    pub role_ref: RoleRef,
    pub subjects: Vec<Subject>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceQuotaBody {
    pub spec: Option<ResourceQuotaSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RuntimeClassBody {
    pub handler: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WebhookConfigurationBody {
    pub webhooks: Vec<WebhookEntry>,
}
