//! Pods, pod templates and their parts: the fields Pod Security and the workload rules read.
//!
//! Every field is optional, as in Go where a pointer distinguishes "unset" from a zero value: Pod Security treats
//! `allowPrivilegeEscalation: null` differently from `false`, and `securityContext: {}` differently from no
//! security context at all.

use super::meta::{IntOrString, ObjectMeta, Present, Quantity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodTemplateSpec {
    pub metadata: ObjectMeta,
    pub spec: Option<PodSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSpec {
    pub containers: Vec<Container>,
    pub init_containers: Vec<Container>,
    pub ephemeral_containers: Vec<Container>,
    pub volumes: Vec<Volume>,
    pub security_context: Option<PodSecurityContext>,
    pub host_network: Option<bool>,
    #[serde(rename = "hostPID")]
    pub host_pid: Option<bool>,
    #[serde(rename = "hostIPC")]
    pub host_ipc: Option<bool>,
    pub host_users: Option<bool>,
    pub share_process_namespace: Option<bool>,
    pub service_account_name: Option<String>,
    /// The deprecated alias of `serviceAccountName`, still honoured by the API server.
    pub service_account: Option<String>,
    pub automount_service_account_token: Option<bool>,
    pub runtime_class_name: Option<String>,
    pub node_name: Option<String>,
    pub os: Option<PodOs>,
    pub priority_class_name: Option<String>,
    pub restart_policy: Option<String>,
    pub dns_policy: Option<String>,
    pub host_aliases: Present,
    pub image_pull_secrets: Vec<LocalObjectReference>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodOs {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LocalObjectReference {
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSecurityContext {
    pub run_as_user: Option<i64>,
    pub run_as_group: Option<i64>,
    pub run_as_non_root: Option<bool>,
    pub fs_group: Option<i64>,
    pub supplemental_groups: Vec<i64>,
    pub se_linux_options: Option<SeLinuxOptions>,
    pub seccomp_profile: Option<SeccompProfile>,
    pub app_armor_profile: Option<AppArmorProfile>,
    pub sysctls: Vec<Sysctl>,
    pub windows_options: Option<WindowsSecurityContextOptions>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecurityContext {
    pub privileged: Option<bool>,
    pub allow_privilege_escalation: Option<bool>,
    pub read_only_root_filesystem: Option<bool>,
    pub run_as_user: Option<i64>,
    pub run_as_group: Option<i64>,
    pub run_as_non_root: Option<bool>,
    pub capabilities: Option<Capabilities>,
    pub proc_mount: Option<String>,
    pub se_linux_options: Option<SeLinuxOptions>,
    pub seccomp_profile: Option<SeccompProfile>,
    pub app_armor_profile: Option<AppArmorProfile>,
    pub windows_options: Option<WindowsSecurityContextOptions>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Capabilities {
    pub add: Vec<String>,
    pub drop: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SeLinuxOptions {
    pub user: Option<String>,
    pub role: Option<String>,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub level: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SeccompProfile {
    #[serde(rename = "type")]
    pub type_: String,
    pub localhost_profile: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AppArmorProfile {
    #[serde(rename = "type")]
    pub type_: String,
    pub localhost_profile: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Sysctl {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WindowsSecurityContextOptions {
    pub host_process: Option<bool>,
    pub run_as_user_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Container {
    pub name: String,
    pub image: Option<String>,
    pub image_pull_policy: Option<String>,
    pub command: Vec<String>,
    pub args: Vec<String>,
    pub ports: Vec<ContainerPort>,
    pub env: Vec<EnvVar>,
    pub env_from: Vec<EnvFromSource>,
    pub resources: Option<ResourceRequirements>,
    pub volume_mounts: Vec<VolumeMount>,
    pub liveness_probe: Option<Probe>,
    pub readiness_probe: Option<Probe>,
    pub startup_probe: Option<Probe>,
    pub lifecycle: Option<Lifecycle>,
    pub security_context: Option<SecurityContext>,
    pub restart_policy: Option<String>,
    pub stdin: Option<bool>,
    pub tty: Option<bool>,
    /// Ephemeral containers only: the container whose namespaces it joins.
    pub target_container_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerPort {
    pub name: Option<String>,
    pub container_port: i64,
    pub host_port: Option<i64>,
    #[serde(rename = "hostIP")]
    pub host_ip: Option<String>,
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EnvVar {
    pub name: String,
    pub value: Option<String>,
    pub value_from: Option<EnvVarSource>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EnvVarSource {
    pub secret_key_ref: Option<KeySelector>,
    pub config_map_key_ref: Option<KeySelector>,
    pub field_ref: Present,
    pub resource_field_ref: Present,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct KeySelector {
    pub name: Option<String>,
    pub key: String,
    pub optional: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EnvFromSource {
    pub prefix: Option<String>,
    pub secret_ref: Option<LocalObjectReference>,
    pub config_map_ref: Option<LocalObjectReference>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceRequirements {
    pub limits: BTreeMap<String, Quantity>,
    pub requests: BTreeMap<String, Quantity>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeMount {
    pub name: String,
    pub mount_path: String,
    pub read_only: Option<bool>,
    pub sub_path: Option<String>,
    pub mount_propagation: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Probe {
    pub exec: Present,
    pub http_get: Option<HttpGetAction>,
    pub tcp_socket: Option<TcpSocketAction>,
    pub grpc: Present,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Lifecycle {
    pub post_start: Option<LifecycleHandler>,
    pub pre_stop: Option<LifecycleHandler>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LifecycleHandler {
    pub exec: Present,
    pub http_get: Option<HttpGetAction>,
    pub tcp_socket: Option<TcpSocketAction>,
    pub sleep: Present,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HttpGetAction {
    pub host: Option<String>,
    pub path: Option<String>,
    pub port: Option<IntOrString>,
    pub scheme: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TcpSocketAction {
    pub host: Option<String>,
    pub port: Option<IntOrString>,
}

/// A volume. Sources no rule inspects are kept only as "present" markers; their order here is the order in which
/// Pod Security names a forbidden volume's type (`restrictedVolumes`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    pub host_path: Option<HostPathVolumeSource>,
    pub empty_dir: Present,
    pub secret: Option<SecretVolumeSource>,
    pub config_map: Present,
    pub persistent_volume_claim: Present,
    pub projected: Option<ProjectedVolumeSource>,
    pub downward_api: Present,
    pub csi: Present,
    pub ephemeral: Present,
    pub image: Present,
    pub gce_persistent_disk: Present,
    pub aws_elastic_block_store: Present,
    pub git_repo: Present,
    pub nfs: Present,
    pub iscsi: Present,
    pub glusterfs: Present,
    pub rbd: Present,
    pub flex_volume: Present,
    pub cinder: Present,
    pub cephfs: Present,
    pub flocker: Present,
    pub fc: Present,
    pub azure_file: Present,
    pub vsphere_volume: Present,
    pub quobyte: Present,
    pub azure_disk: Present,
    pub photon_persistent_disk: Present,
    pub portworx_volume: Present,
    #[serde(rename = "scaleIO")]
    pub scale_io: Present,
    pub storageos: Present,
}

impl Volume {
    /// Whether the volume names any source at all. The API server defaults a volume without one to `emptyDir`.
    pub fn has_source(&self) -> bool {
        self.host_path.is_some()
            || self.secret.is_some()
            || self.projected.is_some()
            || [
                &self.empty_dir,
                &self.config_map,
                &self.persistent_volume_claim,
                &self.downward_api,
                &self.csi,
                &self.ephemeral,
                &self.image,
            ]
            .iter()
            .any(|s| s.is_some())
            || self.restricted_type().is_some()
    }

    /// The first set source among the types Pod Security `restricted` forbids, in upstream's order, by its field
    /// name. `hostPath` first.
    pub fn restricted_type(&self) -> Option<&'static str> {
        if self.host_path.is_some() {
            return Some("hostPath");
        }
        let others: [(&Present, &'static str); 20] = [
            (&self.gce_persistent_disk, "gcePersistentDisk"),
            (&self.aws_elastic_block_store, "awsElasticBlockStore"),
            (&self.git_repo, "gitRepo"),
            (&self.nfs, "nfs"),
            (&self.iscsi, "iscsi"),
            (&self.glusterfs, "glusterfs"),
            (&self.rbd, "rbd"),
            (&self.flex_volume, "flexVolume"),
            (&self.cinder, "cinder"),
            (&self.cephfs, "cephfs"),
            (&self.flocker, "flocker"),
            (&self.fc, "fc"),
            (&self.azure_file, "azureFile"),
            (&self.vsphere_volume, "vsphereVolume"),
            (&self.quobyte, "quobyte"),
            (&self.azure_disk, "azureDisk"),
            (&self.photon_persistent_disk, "photonPersistentDisk"),
            (&self.portworx_volume, "portworxVolume"),
            (&self.scale_io, "scaleIO"),
            (&self.storageos, "storageos"),
        ];
        others.iter().find(|(s, _)| s.is_some()).map(|(_, n)| *n)
    }

    /// Whether the volume uses one of the types Pod Security `restricted` allows.
    pub fn is_allowed_restricted_type(&self) -> bool {
        self.secret.is_some()
            || self.projected.is_some()
            || [
                &self.config_map,
                &self.csi,
                &self.downward_api,
                &self.empty_dir,
                &self.ephemeral,
                &self.image,
                &self.persistent_volume_claim,
            ]
            .iter()
            .any(|s| s.is_some())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HostPathVolumeSource {
    pub path: String,
    #[serde(rename = "type")]
    pub type_: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecretVolumeSource {
    pub secret_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProjectedVolumeSource {
    pub sources: Vec<VolumeProjection>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeProjection {
    pub secret: Present,
    pub config_map: Present,
    pub downward_api: Present,
    pub service_account_token: Present,
    pub cluster_trust_bundle: Present,
}

impl PodSpec {
    /// Every container in Pod Security's visit order: init containers, containers, ephemeral containers; each with
    /// the field path of its list (`initContainers`, `containers`, `ephemeralContainers`) and its index.
    pub fn all_containers(&self) -> impl Iterator<Item = (ContainerKind, usize, &Container)> {
        let init = self
            .init_containers
            .iter()
            .enumerate()
            .map(|(i, c)| (ContainerKind::Init, i, c));
        let regular = self
            .containers
            .iter()
            .enumerate()
            .map(|(i, c)| (ContainerKind::Regular, i, c));
        let ephemeral = self
            .ephemeral_containers
            .iter()
            .enumerate()
            .map(|(i, c)| (ContainerKind::Ephemeral, i, c));
        init.chain(regular).chain(ephemeral)
    }

    /// The service account the pod runs as, as the API server defaults it.
    pub fn effective_service_account(&self) -> &str {
        self.service_account_name
            .as_deref()
            .filter(|s| !s.is_empty())
            .or(self.service_account.as_deref().filter(|s| !s.is_empty()))
            .unwrap_or("default")
    }

    pub fn is_windows(&self) -> bool {
        self.os.as_ref().is_some_and(|os| os.name == "windows")
    }
}

/// Which list of the pod spec a container comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Init,
    Regular,
    Ephemeral,
}

impl ContainerKind {
    /// The field name of the list, as it appears in a field path.
    pub fn field(self) -> &'static str {
        match self {
            ContainerKind::Init => "initContainers",
            ContainerKind::Regular => "containers",
            ContainerKind::Ephemeral => "ephemeralContainers",
        }
    }
}
