//! Pod Security Standards, evaluated exactly as upstream Pod Security Admission (`k8s.io/pod-security-admission`,
//! the 1.37 development line) evaluates them: the same checks, the same per-version behaviour for every policy
//! version from v1.0 to v1.37 and `latest`, the same verdicts and byte-identical messages.
//!
//! - [`evaluate`] judges a pod's metadata and spec at a [`LevelVersion`]; an allowed pod costs no allocation.
//! - [`normalize`] applies the defaulting the API server performs before admission, so a manifest on disk gets the
//!   verdict the live server would give.
//! - [`namespace`] resolves namespace labels into policies and computes the namespace dry-run warnings.
//!
//! The specification followed is the project's `shared/reference/pod-security.md`; the conformance test runs the
//! upstream fixture corpus.

pub mod checks;
pub mod format;
pub mod namespace;

use kubeward_core::FieldPath;
use kubeward_core::k8s::{ObjectMeta, PodSpec};
use std::fmt;

/// Newest policy version any check knows; `latest` and newer versions are evaluated as this one.
pub const MAX_MINOR: u32 = 37;

/// A Pod Security level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Privileged,
    Baseline,
    Restricted,
}

impl Level {
    /// Exactly `privileged`, `baseline` or `restricted` (case-sensitive, as the labels are).
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "privileged" => Some(Level::Privileged),
            "baseline" => Some(Level::Baseline),
            "restricted" => Some(Level::Restricted),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Privileged => "privileged",
            Level::Baseline => "baseline",
            Level::Restricted => "restricted",
        }
    }
}

/// A policy version: `latest` or `v1.N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    Latest,
    V1(u32),
}

impl Version {
    /// `latest`, or `v1.N` with no leading zeros (`^v1\.(0|[1-9][0-9]*)$`).
    pub fn parse(text: &str) -> Option<Version> {
        if text == "latest" {
            return Some(Version::Latest);
        }
        let minor = text.strip_prefix("v1.")?;
        if minor.is_empty() || !minor.bytes().all(|b| b.is_ascii_digit()) || (minor.len() > 1 && minor.starts_with('0'))
        {
            return None;
        }
        minor.parse().ok().map(Version::V1)
    }

    /// The minor version the checks run at: `latest` and anything newer than [`MAX_MINOR`] clamp to it.
    pub fn effective_minor(self) -> u32 {
        match self {
            Version::Latest => MAX_MINOR,
            Version::V1(m) => m.min(MAX_MINOR),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Version::Latest => f.write_str("latest"),
            Version::V1(m) => write!(f, "v1.{m}"),
        }
    }
}

/// A level at a version, printed as upstream prints it: `restricted:latest`, `baseline:v1.25`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LevelVersion {
    pub level: Level,
    pub version: Version,
}

impl fmt::Display for LevelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.level.name(), self.version)
    }
}

/// Where a failure points: a field of the pod spec, or of the pod metadata (annotations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathIn {
    Spec(FieldPath),
    Metadata(FieldPath),
}

/// One failed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Upstream's check id, e.g. `capabilities_restricted`.
    pub id: &'static str,
    /// Short reason, e.g. `unrestricted capabilities`.
    pub reason: String,
    /// Detail, e.g. `container "app" must set securityContext.capabilities.drop=["ALL"]`; may be empty.
    pub detail: String,
    /// The offending fields, first the most relevant.
    pub paths: Vec<PathIn>,
}

/// The failures of one evaluation, in upstream's reporting order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    pub failures: Vec<Failure>,
}

impl Evaluation {
    pub fn allowed(&self) -> bool {
        self.failures.is_empty()
    }

    fn reason(f: &Failure) -> &str {
        if f.reason.is_empty() {
            "unknown forbidden reason"
        } else {
            &f.reason
        }
    }

    /// Reasons and details, as in enforce errors, warnings and audit annotations:
    /// `host namespaces (hostIPC=true), allowPrivilegeEscalation != false (container "c" must set ...)`.
    pub fn long_form(&self) -> String {
        let mut out = String::new();
        for (i, f) in self.failures.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(Self::reason(f));
            if !f.detail.is_empty() {
                out.push_str(" (");
                out.push_str(&f.detail);
                out.push(')');
            }
        }
        out
    }

    /// Reasons only, as in namespace dry-run warnings.
    pub fn short_form(&self) -> String {
        self.failures.iter().map(Self::reason).collect::<Vec<_>>().join(", ")
    }
}

/// The pod as the checks see it.
#[derive(Clone, Copy)]
pub struct Pod<'a> {
    pub metadata: &'a ObjectMeta,
    pub spec: &'a PodSpec,
}

/// All check ids, in upstream's reporting order: baseline ids sorted, then restricted ids sorted.
pub const CHECK_IDS: [&str; 19] = [
    "appArmorProfile",
    "capabilities_baseline",
    "hostNamespaces",
    "hostPathVolumes",
    "hostPorts",
    "hostProbesAndHostLifecycle",
    "privileged",
    "procMount",
    "seLinuxOptions",
    "seccompProfile_baseline",
    "sysctls",
    "windowsHostProcess",
    "allowPrivilegeEscalation",
    "capabilities_restricted",
    "procMount_restricted",
    "restrictedVolumes",
    "runAsNonRoot",
    "runAsUser",
    "seccompProfile_restricted",
];

/// The checks that run at a level and version, in reporting order, each with the implementation in force.
pub fn active_checks(lv: &LevelVersion) -> Vec<(&'static str, checks::CheckFn)> {
    let minor = lv.version.effective_minor();
    let want = |level: Level| match lv.level {
        Level::Privileged => false,
        Level::Baseline => level == Level::Baseline,
        Level::Restricted => true,
    };
    // The implementation of each check at this version, if it runs at all.
    let in_force: Vec<(&checks::CheckDef, &checks::Versioned)> = checks::ALL
        .iter()
        .filter(|c| want(c.level))
        .filter_map(|c| c.versions.iter().rev().find(|v| v.min_minor <= minor).map(|v| (c, v)))
        .collect();
    let overridden: Vec<&str> = in_force.iter().flat_map(|(_, v)| v.overrides.iter().copied()).collect();
    CHECK_IDS
        .iter()
        .filter(|id| !overridden.contains(id))
        .filter_map(|id| in_force.iter().find(|(c, _)| c.id == *id).map(|(c, v)| (c.id, v.check)))
        .collect()
}

/// Ids of the checks that run at a level and version, in reporting order.
pub fn check_ids_for(lv: &LevelVersion) -> Vec<&'static str> {
    active_checks(lv).into_iter().map(|(id, _)| id).collect()
}

/// Evaluates a pod (or a pod template's metadata and spec) at a level and version.
pub fn evaluate(lv: &LevelVersion, metadata: &ObjectMeta, spec: &PodSpec) -> Evaluation {
    let pod = Pod { metadata, spec };
    let mut failures = Vec::new();
    for &(id, check) in checks::plan(lv) {
        if let Some(mut f) = check(&pod) {
            f.id = id;
            failures.push(f);
        }
    }
    Evaluation { failures }
}

/// The defaulting the API server applies before admission (reference §9):
/// - a volume with no source is an `emptyDir`;
/// - for a Pod (not a template), `hostNetwork: true` gives every container and init container port without a
///   `hostPort` the `hostPort` of its `containerPort`.
///
/// - for a Pod, the seccomp annotations and fields are mirrored into each other (the pod strategy's version-skew
///   handling on create), so an `unconfined` annotation fails the v1.19+ field check as it does on a live server.
///
/// - for a Pod (not Windows), a container's AppArmor annotation becomes its `appArmorProfile` field when it has
///   none (1.30+), so the message lists both, as a live server's does.
pub fn normalize(metadata: &mut ObjectMeta, spec: &mut PodSpec, is_pod: bool) {
    for v in &mut spec.volumes {
        if !v.has_source() {
            v.empty_dir = Some(serde_json::Value::Object(Default::default()));
        }
    }
    if is_pod {
        checks::seccomp_baseline::apply_version_skew(metadata, spec);
        checks::app_armor_profile::apply_version_skew(metadata, spec);
    }
    if is_pod && spec.host_network == Some(true) {
        for c in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
            for p in &mut c.ports {
                if p.host_port.unwrap_or(0) == 0 {
                    p.host_port = Some(p.container_port);
                }
            }
        }
    }
}
