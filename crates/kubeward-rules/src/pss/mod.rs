//! Pod Security Standards findings in `scan`: one rule per upstream check (`pss.<check id>`), all served by one
//! shared check that evaluates each pod once with `kubeward-pss` at the chosen level and version.

pub mod allowprivilegeescalation;
pub mod apparmorprofile;
pub mod capabilities_baseline;
pub mod capabilities_restricted;
pub mod hostnamespaces;
pub mod hostpathvolumes;
pub mod hostports;
pub mod hostprobesandhostlifecycle;
pub mod privileged;
pub mod procmount;
pub mod procmount_restricted;
pub mod restrictedvolumes;
pub mod runasnonroot;
pub mod runasuser;
pub mod seccompprofile_baseline;
pub mod seccompprofile_restricted;
pub mod selinuxoptions;
pub mod sysctls;
pub mod windowshostprocess;

use kubeward_core::rule::SharedCheck;
use kubeward_core::{Context, Emitter, FieldPath, Object, PodTemplateView, RuleMeta};
use kubeward_pss::{Level, LevelVersion, PathIn, Version};

/// The rules, in upstream's reporting order.
pub const RULES: &[&RuleMeta] = &[
    &apparmorprofile::RULE,
    &capabilities_baseline::RULE,
    &hostnamespaces::RULE,
    &hostpathvolumes::RULE,
    &hostports::RULE,
    &hostprobesandhostlifecycle::RULE,
    &privileged::RULE,
    &procmount::RULE,
    &selinuxoptions::RULE,
    &seccompprofile_baseline::RULE,
    &sysctls::RULE,
    &windowshostprocess::RULE,
    &allowprivilegeescalation::RULE,
    &capabilities_restricted::RULE,
    &procmount_restricted::RULE,
    &restrictedvolumes::RULE,
    &runasnonroot::RULE,
    &runasuser::RULE,
    &seccompprofile_restricted::RULE,
];

pub static ENGINE: SharedCheck = SharedCheck {
    name: "pod-security",
    run,
};

/// The rule of a check id.
fn rule_of(check: &str) -> Option<&'static RuleMeta> {
    RULES.iter().copied().find(|r| r.id.strip_prefix("pss.") == Some(check))
}

/// The level and version of the run; invalid settings fall back to `restricted:latest` (the CLI validates them).
pub fn level_version(level: &str, version: &str) -> LevelVersion {
    LevelVersion {
        level: Level::parse(level).unwrap_or(Level::Restricted),
        version: Version::parse(version).unwrap_or(Version::Latest),
    }
}

fn run(view: &PodTemplateView<'_>, _: &Object, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let lv = level_version(&ctx.settings.pss_level, &ctx.settings.pss_version);
    let evaluation = evaluate_normalized(view, &lv);
    for failure in &evaluation.failures {
        let Some(rule) = rule_of(failure.id) else { continue };
        let path = match failure.paths.first() {
            Some(PathIn::Spec(p)) => join(view.spec_path, p),
            Some(PathIn::Metadata(p)) => join(view.metadata_path, p),
            None => FieldPath::parse(view.spec_path),
        };
        let message = if failure.detail.is_empty() {
            failure.reason.clone()
        } else {
            format!("{} ({})", failure.reason, failure.detail)
        };
        out.emit(rule, path, message);
    }
}

/// Evaluates a pod spec after the API server's normalisation, which works on a copy.
pub fn evaluate_normalized(view: &PodTemplateView<'_>, lv: &LevelVersion) -> kubeward_pss::Evaluation {
    let mut metadata = view.metadata.clone();
    let mut spec = view.spec.clone();
    kubeward_pss::normalize(&mut metadata, &mut spec, view.is_pod);
    kubeward_pss::evaluate(lv, &metadata, &spec)
}

/// `prefix` (a plain dotted path) followed by `rest`.
fn join(prefix: &str, rest: &FieldPath) -> FieldPath {
    if rest.is_root() {
        return FieldPath::parse(prefix);
    }
    if rest.as_str().starts_with('[') {
        return FieldPath::parse(&format!("{prefix}{rest}"));
    }
    FieldPath::parse(&format!("{prefix}.{rest}"))
}
