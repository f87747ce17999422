//! `kubeward pss`: would these objects pass Pod Security Admission? Upstream's exact verdicts and messages.

use crate::exit;
use kubeward_core::{Object, ObjectRef};
use kubeward_pss::namespace::{Budget, DryRunPod, Policy, dry_run_warnings, policy_from_labels};
use kubeward_pss::{Evaluation, Level, LevelVersion, Version};
use serde_json::json;

#[derive(clap::Args)]
pub struct PssArgs {
    /// Files, directories and `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<String>,
    /// Policy level to judge against.
    #[arg(long, default_value = "restricted", value_parser = ["privileged", "baseline", "restricted"])]
    pub level: String,
    /// Policy version: `latest` or `v1.N`.
    #[arg(long, default_value = "latest")]
    pub version: String,
    /// Judge each object at the enforce level and version of its namespace's labels (Namespaces in the input).
    #[arg(long, conflicts_with = "namespace_dry_run")]
    pub from_labels: bool,
    /// For every Namespace in the input, print what `kubectl label --dry-run=server --overwrite ns X
    /// pod-security.kubernetes.io/enforce=<level>` would warn, over that namespace's pods in the input.
    #[arg(long)]
    pub namespace_dry_run: bool,
    /// Output format.
    #[arg(long, short = 'f', default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = kubeward_load::DEFAULT_MAX_FILE_SIZE, value_name = "BYTES")]
    pub max_file_size: u64,
}

/// The kubectl resource name of a kind (`deployment.apps`), as kubectl prints it.
fn kubectl_resource(kind: &str) -> String {
    let group = match kind {
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" => ".apps",
        "Job" | "CronJob" => ".batch",
        _ => "",
    };
    format!("{}{group}", kind.to_ascii_lowercase())
}

/// One judged object.
struct Verdict<'a> {
    object: &'a Object,
    lv: LevelVersion,
    evaluation: Evaluation,
}

fn judge(object: &Object, lv: LevelVersion) -> Option<Verdict<'_>> {
    let view = object.pod_template()?;
    let evaluation = kubeward_rules::pss::evaluate_normalized(&view, &lv);
    Some(Verdict { object, lv, evaluation })
}

fn object_json(r: &ObjectRef) -> serde_json::Value {
    json!({"apiVersion": r.api_version, "kind": r.kind, "namespace": r.namespace, "name": r.name})
}

/// The line `kubectl apply --dry-run=server` prints for the object.
fn text_line(v: &Verdict<'_>) -> String {
    let o = v.object;
    let created = format!("{}/{} created (server dry run)", kubectl_resource(&o.kind), o.name());
    if v.evaluation.allowed() {
        return created;
    }
    let message = v.evaluation.long_form();
    if o.kind == "Pod" {
        let name = if o.name().is_empty() {
            String::new()
        } else {
            format!(" \"{}\"", o.name())
        };
        format!(
            "Error from server (Forbidden): error when creating \"{}\": pods{name} is forbidden: violates PodSecurity \"{}\": {message}",
            o.origin.file, v.lv
        )
    } else {
        format!("Warning: would violate PodSecurity \"{}\": {message}\n{created}", v.lv)
    }
}

pub fn run(args: PssArgs) -> u8 {
    let (Some(level), Some(version)) = (Level::parse(&args.level), Version::parse(&args.version)) else {
        eprintln!(
            "kubeward: --version must be `latest` or `v1.N` (no leading zeros), got {:?}",
            args.version
        );
        return exit::ERROR;
    };
    let chosen = LevelVersion { level, version };
    let loaded = kubeward_load::load_paths(
        &args.inputs,
        &kubeward_load::LoadOptions {
            max_file_size: args.max_file_size,
        },
    );
    for e in &loaded.errors {
        eprintln!("kubeward: error: {e}");
    }
    let objects = &loaded.objects;
    if args.namespace_dry_run {
        return namespace_dry_run(objects, chosen, &args.format, !loaded.errors.is_empty());
    }
    let policies = namespace_policies(objects);
    let mut verdicts = Vec::new();
    let mut not_evaluated: Vec<(&Object, String)> = Vec::new();
    for o in objects.iter().filter(|o| o.pod_template().is_some()) {
        let lv = if args.from_labels {
            let ns = o.namespace().unwrap_or("");
            match policies.iter().find(|(n, _)| n.as_str() == ns) {
                Some((_, policy)) => policy.enforce,
                None => {
                    let why = if ns.is_empty() {
                        "the object has no namespace".to_owned()
                    } else {
                        format!("namespace {ns:?} is not in the input")
                    };
                    not_evaluated.push((o, why));
                    continue;
                }
            }
        } else {
            chosen
        };
        verdicts.extend(judge(o, lv));
    }
    let denied = verdicts.iter().any(|v| !v.evaluation.allowed());
    let text = if args.format == "json" {
        let mut entries: Vec<serde_json::Value> = verdicts
            .iter()
            .map(|v| {
                let (level, version) = v.lv.to_string().split_once(':').map(|(l, s)| (l.to_owned(), s.to_owned())).unwrap_or_default();
                json!({
                    "object": object_json(&v.object.object_ref()),
                    "level": level,
                    "version": version,
                    "allowed": v.evaluation.allowed(),
                    "checks": v.evaluation.failures.iter().map(|f| json!({"id": f.id, "reason": f.reason, "detail": f.detail})).collect::<Vec<_>>(),
                    "message": v.evaluation.long_form(),
                })
            })
            .collect();
        entries.extend(not_evaluated.iter().map(|(o, why)| {
            json!({"object": object_json(&o.object_ref()), "allowed": null, "notEvaluated": why, "checks": [], "message": ""})
        }));
        serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n"
    } else {
        let mut out: Vec<String> = verdicts.iter().map(text_line).collect();
        out.extend(
            not_evaluated
                .iter()
                .map(|(o, why)| format!("{}/{} not evaluated: {why}", kubectl_resource(&o.kind), o.name())),
        );
        out.join("\n") + if out.is_empty() { "" } else { "\n" }
    };
    if !crate::cmd::write_output(None, &text) {
        return exit::ERROR;
    }
    if !loaded.errors.is_empty() {
        exit::ERROR
    } else if denied {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// Each Namespace of the input with the policy its labels give (defaults: privileged at latest, as without a
/// PodSecurityConfiguration).
fn namespace_policies(objects: &[Object]) -> Vec<(String, Policy)> {
    objects
        .iter()
        .filter(|o| o.kind == "Namespace")
        .map(|o| {
            let (policy, errors) = policy_from_labels(&o.metadata.labels, &Policy::default());
            for e in errors {
                eprintln!("kubeward: namespace {:?}: {e} (evaluated as upstream does)", o.name());
            }
            (o.name().to_owned(), policy)
        })
        .collect()
}

/// The Pods of the input, normalised as the API server stored them, grouped by namespace.
fn namespace_dry_run(objects: &[Object], enforce: LevelVersion, format: &str, input_errors: bool) -> u8 {
    let pods: Vec<(&Object, kubeward_core::k8s::ObjectMeta, kubeward_core::k8s::PodSpec)> = objects
        .iter()
        .filter(|o| o.kind == "Pod")
        .filter_map(|o| {
            let view = o.pod_template()?;
            let (mut meta, mut spec) = (view.metadata.clone(), view.spec.clone());
            kubeward_pss::normalize(&mut meta, &mut spec, true);
            Some((o, meta, spec))
        })
        .collect();
    let mut results = Vec::new();
    for ns in objects.iter().filter(|o| o.kind == "Namespace") {
        let members: Vec<DryRunPod> = pods
            .iter()
            .filter(|(o, _, _)| o.namespace() == Some(ns.name()))
            .map(|(o, meta, spec)| DryRunPod {
                name: o.name(),
                controller: o
                    .metadata
                    .owner_references
                    .iter()
                    .find(|r| r.controller == Some(true))
                    .map(|r| {
                        if r.uid.is_empty() {
                            r.name.as_str()
                        } else {
                            r.uid.as_str()
                        }
                    }),
                metadata: meta,
                spec,
            })
            .collect();
        let warnings = dry_run_warnings(ns.name(), &enforce, &members, &[], Budget::default());
        results.push((ns.name().to_owned(), warnings));
    }
    let violations = results.iter().any(|(_, w)| !w.is_empty());
    let text = if format == "json" {
        let entries: Vec<_> = results
            .iter()
            .map(|(ns, w)| json!({"namespace": ns, "level": enforce.level.name(), "version": enforce.version.to_string(), "warnings": w}))
            .collect();
        serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n"
    } else {
        let mut out = String::new();
        for (ns, warnings) in &results {
            for w in warnings {
                out.push_str(&format!("Warning: {w}\n"));
            }
            out.push_str(&format!("namespace/{ns} labeled (server dry run)\n"));
        }
        out
    };
    if !crate::cmd::write_output(None, &text) {
        return exit::ERROR;
    }
    if input_errors {
        exit::ERROR
    } else if violations {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
