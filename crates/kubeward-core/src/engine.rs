//! One scan: run the enabled rules over an inventory, then apply configuration, suppressions, baseline, context
//! and locations, producing what sinks render.

use crate::finding::{Finding, InputError, Location, Notice, Suppression, fingerprint};
use crate::inventory::Inventory;
use crate::object::Object;
use crate::path::FieldPath;
use crate::risk::{Dread, Severity, Stride};
use crate::rule::{Check, Context, Domain, Emitter, InventoryEmitter, RawFinding, RuleMeta};
use crate::settings::{Settings, glob_match, rule_pattern_matches};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The annotation that suppresses findings on an object: `"rule-id[,rule-id]: reason"`.
pub const IGNORE_ANNOTATION: &str = "kubeward.io/ignore";

crate::rule! {
    /// ## What it checks
    /// A `kubeward.io/ignore` annotation that kubeward cannot honour: no reason after the rule ids
    /// (`kubeward.io/ignore: "workload.no-probes"`), or no rule id.
    ///
    /// ## Why it matters
    /// A suppression without a reason hides a risk without telling reviewers why it was accepted; it is not applied,
    /// and this finding says so.
    ///
    /// ## Example
    /// ```yaml
    /// metadata:
    ///   annotations:
    ///     kubeward.io/ignore: "workload.no-probes"
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// metadata:
    ///   annotations:
    ///     kubeward.io/ignore: "workload.no-probes: batch job, nothing to probe"
    /// ```
    ///
    /// ## References
    /// kubeward README, "Suppressing findings"
    pub static SUPPRESSION_INVALID = {
        id: "config.suppression-invalid",
        title: "Suppression annotation without a reason",
        domain: Domain::Config,
        stride: &[Stride::Repudiation],
        dread: Dread::new(1, 3, 1, 1, 2),
        remediation: "Write the annotation as \"rule-id[,rule-id]: reason\".",
    };
}

/// Counts for the report summary.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub files: usize,
    pub objects_seen: usize,
    pub objects_evaluated: usize,
    /// Objects not evaluated, by reason (`unknown kind Foo`, `input error`).
    pub objects_not_evaluated: BTreeMap<String, usize>,
    /// Unsuppressed findings per severity.
    pub findings: BTreeMap<String, usize>,
    pub suppressed: usize,
}

/// Everything a sink renders.
#[derive(Debug, Clone, Default)]
pub struct ScanResult {
    /// Findings, suppressed ones included (with `suppressed` set), sorted by file, line, rule.
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
    pub notices: Vec<Notice>,
    pub summary: Summary,
}

impl ScanResult {
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }

    /// The highest severity among unsuppressed findings.
    pub fn max_severity(&self) -> Option<Severity> {
        self.active().map(|f| f.severity).max()
    }
}

/// Runs every enabled check and returns raw findings.
pub fn run_checks(inventory: &Inventory, rules: &[&'static RuleMeta], settings: &Settings) -> Vec<RawFinding> {
    let enabled: Vec<&'static RuleMeta> = rules
        .iter()
        .copied()
        .filter(|r| settings.config.rule_enabled(r.id, r.enabled_by_default))
        .collect();
    let mut pod_checks = Vec::new();
    let mut object_checks = Vec::new();
    let mut inventory_checks = Vec::new();
    let mut shared_seen = BTreeSet::new();
    for r in &enabled {
        match r.check {
            Check::PodTemplate(f) => pod_checks.push(f),
            Check::Object(f) => object_checks.push(f),
            Check::Inventory(f) => inventory_checks.push(f),
            Check::Shared(s) => {
                if shared_seen.insert(s.name) {
                    pod_checks.push(s.run);
                }
            }
            Check::SharedInventory(s) => {
                if shared_seen.insert(s.name) {
                    inventory_checks.push(s.run);
                }
            }
            Check::None => {}
        }
    }
    let ctx = Context { inventory, settings };
    let mut raw: Vec<RawFinding> = inventory
        .objects
        .par_iter()
        .enumerate()
        .fold(Vec::new, |mut out, (i, object)| {
            let mut em = Emitter::new(i, &mut out);
            if let Some(view) = object.pod_template() {
                for check in &pod_checks {
                    check(&view, object, &ctx, &mut em);
                }
            }
            for check in &object_checks {
                check(object, &ctx, &mut em);
            }
            check_suppression_annotation(object, &mut em);
            out
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    for check in inventory_checks {
        check(&ctx, &mut InventoryEmitter::new(&mut raw));
    }
    // Shared checks emit for all their rules; drop the ones the user disabled.
    raw.retain(|f| settings.config.rule_enabled(f.rule.id, f.rule.enabled_by_default));
    raw
}

/// Parses a `kubeward.io/ignore` value into rule ids and reason.
pub fn parse_ignore_annotation(value: &str) -> Result<(Vec<&str>, &str), &'static str> {
    let (ids, reason) = value
        .split_once(':')
        .ok_or("no reason: write \"rule-id[,rule-id]: reason\"")?;
    let ids: Vec<&str> = ids.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if ids.is_empty() {
        return Err("no rule id before the colon");
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("empty reason after the colon");
    }
    Ok((ids, reason))
}

fn check_suppression_annotation(object: &Object, em: &mut Emitter<'_>) {
    if let Some(value) = object.metadata.annotations.get(IGNORE_ANNOTATION)
        && let Err(why) = parse_ignore_annotation(value)
    {
        em.emit(
            &SUPPRESSION_INVALID,
            FieldPath::root()
                .key("metadata")
                .key("annotations")
                .key(IGNORE_ANNOTATION),
            format!("suppression annotation is not applied: {why}"),
        );
    }
}

/// Options for turning raw findings into a result.
#[derive(Debug, Default, Clone)]
pub struct Finalize<'a> {
    /// Fingerprints of accepted findings (`--baseline`).
    pub baseline: Option<&'a BTreeSet<String>>,
}

/// Applies severities, suppressions, ignores, baseline, risk in context and locations.
pub fn finalize(
    inventory: &Inventory,
    raw: Vec<RawFinding>,
    settings: &Settings,
    options: &Finalize<'_>,
    errors: Vec<InputError>,
    mut notices: Vec<Notice>,
    files: usize,
) -> ScanResult {
    let config = &settings.config;
    // Each object's identity once, shared by its findings.
    let mut refs: Vec<Option<std::sync::Arc<crate::object::ObjectRef>>> = vec![None; inventory.len()];
    for r in &raw {
        if refs[r.object].is_none() {
            refs[r.object] = Some(std::sync::Arc::new(inventory.objects[r.object].object_ref()));
        }
    }
    // Each finding is finished independently, in parallel; expired ignore entries are gathered after.
    let finished: Vec<(Finding, Option<usize>)> = raw
        .into_par_iter()
        .map(|r| {
            let object = &inventory.objects[r.object];
            let object_ref = refs[r.object]
                .clone()
                .unwrap_or_else(|| std::sync::Arc::new(object.object_ref()));
            let (dread, dread_reasons) = risk_in_context(r.rule, r.object, object, inventory);
            let severity = config.severity_override(r.rule.id).unwrap_or_else(|| dread.severity());
            let at = object
                .origin
                .source_map
                .as_ref()
                .and_then(|m| m.locate(&r.path))
                .map_or((object.origin.line, object.origin.column), |lc| (lc.line, lc.column));
            let location = Location {
                file: object.origin.file.clone(),
                line: at.0,
                column: at.1,
                template: object.origin.template.clone(),
            };
            let fp = fingerprint(r.rule.id, &object_ref, &r.path);
            let mut expired = BTreeSet::new();
            let suppressed = annotation_suppression(object, r.rule.id)
                .or_else(|| config_suppression(settings, r.rule.id, &location, &object_ref, &mut expired))
                .or_else(|| {
                    options.baseline.filter(|b| b.contains(&fp)).map(|_| Suppression {
                        kind: "baseline",
                        reason: "in the baseline".into(),
                    })
                });
            let finding = Finding {
                rule: r.rule,
                severity,
                message: r.message,
                object: object_ref,
                path: r.path,
                location,
                dread,
                dread_reasons,
                fingerprint: fp,
                suppressed,
            };
            (finding, expired.into_iter().next())
        })
        .collect();
    let mut expired_reported = BTreeSet::new();
    let mut findings: Vec<Finding> = Vec::with_capacity(finished.len());
    for (f, expired) in finished {
        expired_reported.extend(expired);
        findings.push(f);
    }
    for i in expired_reported {
        let ig = &config.ignore[i];
        notices.push(Notice {
            file: None,
            message: format!(
                "ignore entry for rule {:?} expired on {} and no longer applies ({})",
                ig.rule,
                ig.expires.as_deref().unwrap_or(""),
                ig.reason
            ),
        });
    }
    findings.par_sort_by(|a, b| {
        (
            &a.location.file,
            a.location.line,
            a.location.column,
            a.rule.id,
            &a.message,
        )
            .cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
                b.rule.id,
                &b.message,
            ))
    });
    let mut summary = Summary {
        files,
        objects_seen: inventory.len(),
        ..Default::default()
    };
    for o in &inventory.objects {
        if o.is_evaluated() {
            summary.objects_evaluated += 1;
        } else {
            *summary
                .objects_not_evaluated
                .entry(format!("no rule for kind {}", o.kind))
                .or_default() += 1;
        }
    }
    let objects_with_errors = errors
        .iter()
        .filter(|e| e.object.is_some() && !e.object_evaluated)
        .count();
    if objects_with_errors > 0 {
        summary.objects_seen += objects_with_errors;
        summary
            .objects_not_evaluated
            .insert("input error".into(), objects_with_errors);
    }
    for s in Severity::ALL {
        summary.findings.insert(s.name().into(), 0);
    }
    for f in &findings {
        if f.suppressed.is_some() {
            summary.suppressed += 1;
        } else {
            *summary.findings.entry(f.severity.name().into()).or_default() += 1;
        }
    }
    ScanResult {
        findings,
        errors,
        notices,
        summary,
    }
}

fn annotation_suppression(object: &Object, rule: &str) -> Option<Suppression> {
    let value = object.metadata.annotations.get(IGNORE_ANNOTATION)?;
    let (ids, reason) = parse_ignore_annotation(value).ok()?;
    ids.iter().any(|p| rule_pattern_matches(p, rule)).then(|| Suppression {
        kind: "annotation",
        reason: reason.to_owned(),
    })
}

fn config_suppression(
    settings: &Settings,
    rule: &str,
    location: &Location,
    object: &crate::object::ObjectRef,
    expired: &mut BTreeSet<usize>,
) -> Option<Suppression> {
    if settings.config.ignore.is_empty() {
        return None;
    }
    let object_text = match &object.namespace {
        Some(ns) => format!("{}/{}/{}", object.kind, ns, object.name),
        None => format!("{}/{}", object.kind, object.name),
    };
    for (i, ig) in settings.config.ignore.iter().enumerate() {
        if ig.rule.trim().is_empty() || ig.reason.trim().is_empty() || !rule_pattern_matches(&ig.rule, rule) {
            continue;
        }
        if ig.path.as_deref().is_some_and(|p| !glob_match(p, &location.file)) {
            continue;
        }
        if ig.object.as_deref().is_some_and(|p| !glob_match(p, &object_text)) {
            continue;
        }
        if ig.expires.as_deref().is_some_and(|e| e <= settings.today.as_str()) {
            expired.insert(i);
            continue;
        }
        return Some(Suppression {
            kind: "config",
            reason: ig.reason.clone(),
        });
    }
    None
}

/// Namespaces whose compromise reaches cluster components.
const SYSTEM_NAMESPACES: [&str; 3] = ["kube-system", "kube-public", "kube-node-lease"];

/// The rule's DREAD vector adjusted by what the inventory says about the object (DESIGN.md section 4).
fn risk_in_context(rule: &RuleMeta, index: usize, object: &Object, inventory: &Inventory) -> (Dread, Vec<String>) {
    let mut d = rule.dread;
    let mut reasons = Vec::new();
    if matches!(rule.domain, Domain::Config) {
        return (d, reasons);
    }
    if let Some(ns) = object.namespace()
        && SYSTEM_NAMESPACES.contains(&ns)
        && d.damage < 3
    {
        d = Dread::new(
            d.damage + 1,
            d.reproducibility,
            d.exploitability,
            d.affected_users,
            d.discoverability,
        );
        reasons.push(format!(
            "damage raised: the object is in {ns}, where compromise reaches cluster components"
        ));
    }
    if let Some(exposure) = inventory.exposure(index) {
        let before = d;
        d = Dread::new(
            d.damage,
            d.reproducibility,
            d.exploitability + 1,
            d.affected_users + 1,
            d.discoverability,
        );
        if d != before {
            reasons.push(format!(
                "exploitability and affected users raised: reachable from outside the cluster via {}",
                exposure.via
            ));
        }
    }
    (d, reasons)
}
