//! Namespace labels to policies (reference §5) and the namespace dry run: the warnings the API server returns when
//! a namespace's enforce label is raised (§7.5).

use crate::{Level, LevelVersion, Version, evaluate};
use kubeward_core::k8s::{ObjectMeta, PodSpec};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::time::{Duration, Instant};

pub const LABEL_PREFIX: &str = "pod-security.kubernetes.io/";

/// The three modes of a namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub enforce: LevelVersion,
    pub audit: LevelVersion,
    pub warn: LevelVersion,
}

impl Default for Policy {
    /// No configuration: everything privileged at latest.
    fn default() -> Self {
        let p = LevelVersion {
            level: Level::Privileged,
            version: Version::Latest,
        };
        Policy {
            enforce: p,
            audit: p,
            warn: p,
        }
    }
}

impl Policy {
    pub fn fully_privileged(&self) -> bool {
        [self.enforce, self.audit, self.warn]
            .iter()
            .all(|lv| lv.level == Level::Privileged)
    }
}

/// An invalid label value, printed as the API server prints field errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelError {
    pub key: String,
    pub value: String,
    pub detail: &'static str,
}

impl fmt::Display for LabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "metadata.labels[{}]: Invalid value: {:?}: {}",
            self.key, self.value, self.detail
        )
    }
}

const LEVEL_DETAIL: &str = "must be one of privileged, baseline, restricted";
const VERSION_DETAIL: &str = "must be \"latest\" or \"v1.x\"";

/// Two level-versions are equivalent when both are privileged, or level and version are equal.
pub fn equivalent(a: &LevelVersion, b: &LevelVersion) -> bool {
    (a.level == Level::Privileged && b.level == Level::Privileged) || a == b
}

/// Selects one mode's level-version in a policy.
type ModeField = fn(&mut Policy) -> &mut LevelVersion;

/// The policy a namespace's labels give, starting from `defaults`, with the errors of invalid labels. Invalid
/// enforce levels fail closed (`restricted`), invalid audit and warn levels fail open (`privileged`), invalid
/// versions become `latest`. If the enforce level label is valid and the warn level label absent, warn is raised to
/// enforce when enforce is stricter (and takes enforce's version unless a warn version label is present).
pub fn policy_from_labels(labels: &BTreeMap<String, String>, defaults: &Policy) -> (Policy, Vec<LabelError>) {
    let mut policy = *defaults;
    let mut errors = Vec::new();
    let mut enforce_level_set = false;
    let modes: [(&str, Level, ModeField); 3] = [
        ("enforce", Level::Restricted, |p| &mut p.enforce),
        ("audit", Level::Privileged, |p| &mut p.audit),
        ("warn", Level::Privileged, |p| &mut p.warn),
    ];
    for (mode, fallback, field) in modes {
        let level_key = format!("{LABEL_PREFIX}{mode}");
        if let Some(v) = labels.get(&level_key) {
            field(&mut policy).level = match Level::parse(v) {
                Some(l) => {
                    enforce_level_set |= mode == "enforce";
                    l
                }
                None => {
                    errors.push(LabelError {
                        key: level_key,
                        value: v.clone(),
                        detail: LEVEL_DETAIL,
                    });
                    fallback
                }
            };
        }
        let version_key = format!("{LABEL_PREFIX}{mode}-version");
        if let Some(v) = labels.get(&version_key) {
            field(&mut policy).version = Version::parse(v).unwrap_or_else(|| {
                errors.push(LabelError {
                    key: version_key,
                    value: v.clone(),
                    detail: VERSION_DETAIL,
                });
                Version::Latest
            });
        }
    }
    let warn_level_label = labels.contains_key(&format!("{LABEL_PREFIX}warn"));
    if enforce_level_set && !warn_level_label && policy.enforce.level > policy.warn.level {
        policy.warn.level = policy.enforce.level;
        if !labels.contains_key(&format!("{LABEL_PREFIX}warn-version")) {
            policy.warn.version = policy.enforce.version;
        }
    }
    (policy, errors)
}

/// A pod of the namespace, for the dry run.
#[derive(Clone, Copy)]
pub struct DryRunPod<'a> {
    pub name: &'a str,
    /// UID (or any stable identity) of the pod's controller owner, if it has one.
    pub controller: Option<&'a str>,
    pub metadata: &'a ObjectMeta,
    /// The pod spec as the API server stores it (normalised).
    pub spec: &'a PodSpec,
}

/// How much of the namespace the dry run may evaluate: upstream stops at 3,000 pods or one second (or half the
/// request's remaining time), whichever comes first, and always evaluates at least one pod.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub max_pods: usize,
    pub time: Duration,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_pods: 3000,
            time: Duration::from_secs(1),
        }
    }
}

/// The warnings `kubectl label --dry-run=server --overwrite ns <namespace>
/// pod-security.kubernetes.io/enforce=<level>` prints, in order.
pub fn dry_run_warnings(
    namespace: &str,
    enforce: &LevelVersion,
    pods: &[DryRunPod<'_>],
    exempt_runtime_classes: &[String],
    budget: Budget,
) -> Vec<String> {
    let candidates: Vec<&DryRunPod> = pods
        .iter()
        .filter(|p| {
            p.spec
                .runtime_class_name
                .as_ref()
                .is_none_or(|rc| rc.is_empty() || !exempt_runtime_classes.contains(rc))
        })
        .collect();
    // Pods without a controller and the first pod of each controller first, the other replicas after.
    let mut seen_controllers = HashSet::new();
    let (mut first, mut rest) = (Vec::new(), Vec::new());
    for p in candidates {
        match p.controller {
            Some(uid) if !seen_controllers.insert(uid) => rest.push(p),
            _ => first.push(p),
        }
    }
    let ordered: Vec<&DryRunPod> = first.into_iter().chain(rest).collect();
    let total = ordered.len();
    let deadline = Instant::now() + budget.time;
    // Short reason string -> (smallest pod name, count).
    let mut groups: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    let mut checked = 0;
    for p in &ordered {
        if checked >= budget.max_pods || (checked > 0 && Instant::now() >= deadline) {
            break;
        }
        checked += 1;
        let result = evaluate(enforce, p.metadata, p.spec);
        if result.allowed() {
            continue;
        }
        let entry = groups.entry(result.short_form()).or_insert((p.name, 0));
        if p.name < entry.0 {
            entry.0 = p.name;
        }
        entry.1 += 1;
    }
    let mut warnings = Vec::new();
    if checked < total {
        warnings.push(format!(
            "new PodSecurity enforce level only checked against the first {checked} of {total} existing pods"
        ));
    }
    if !groups.is_empty() {
        warnings.push(format!(
            "existing pods in namespace {namespace:?} violate the new PodSecurity enforce level {:?}",
            enforce.to_string()
        ));
    }
    let mut lines: Vec<String> = groups
        .iter()
        .map(|(reasons, (name, count))| match count {
            1 => format!("{name}: {reasons}"),
            2 => format!("{name} (and 1 other pod): {reasons}"),
            n => format!("{name} (and {} other pods): {reasons}", n - 1),
        })
        .collect();
    lines.sort();
    warnings.extend(lines);
    warnings
}

/// `namespace "<ns>" is exempt from Pod Security, and the policy (<modes>) will be ignored`, for an exempt
/// namespace whose labels set a policy that is not fully privileged and differs from the defaults; `None` otherwise.
pub fn exempt_namespace_warning(
    namespace: &str,
    labels: &BTreeMap<String, String>,
    policy: &Policy,
    defaults: &Policy,
) -> Option<String> {
    if policy.fully_privileged()
        || (equivalent(&policy.enforce, &defaults.enforce)
            && equivalent(&policy.audit, &defaults.audit)
            && equivalent(&policy.warn, &defaults.warn))
    {
        return None;
    }
    let modes: Vec<String> = [
        ("enforce", policy.enforce),
        ("audit", policy.audit),
        ("warn", policy.warn),
    ]
    .iter()
    .filter(|(mode, lv)| {
        lv.level != Level::Privileged
            && (labels.contains_key(&format!("{LABEL_PREFIX}{mode}"))
                || labels.contains_key(&format!("{LABEL_PREFIX}{mode}-version")))
    })
    .map(|(mode, lv)| format!("{mode}={lv}"))
    .collect();
    Some(format!(
        "namespace {namespace:?} is exempt from Pod Security, and the policy ({}) will be ignored",
        modes.join(", ")
    ))
}
