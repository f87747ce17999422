//! SARIF 2.1.0 as GitHub code scanning reads it: rule descriptors with help text, `security-severity`, results at
//! the offending field, stable partial fingerprints.

use crate::{ReportInput, object_label, rating};
use kubeward_core::{Finding, RuleMeta, Severity};
use serde::Serialize;
use serde_json::{Value, json};
use std::path::Path;

/// GitHub's `security-severity` scale: above 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below low.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// The first paragraph under "What it checks", as a one-paragraph description.
fn what_it_checks(rule: &RuleMeta) -> String {
    let doc = rule.documentation();
    let section = doc.split("## What it checks").nth(1).unwrap_or(&doc);
    section
        .trim_start()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

fn descriptor(rule: &RuleMeta) -> Value {
    let mut tags = vec!["security".to_owned(), rule.domain.name().to_owned()];
    tags.extend(rule.stride.iter().map(|s| s.name().to_owned()));
    let doc = rule.documentation();
    json!({
        "id": rule.id,
        "name": rule.title,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": what_it_checks(rule)},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": level(rule.severity()), "enabled": rule.enabled_by_default},
        "properties": {"security-severity": security_severity(rule.severity()), "tags": tags},
    })
}

/// A file path as an artifact URI: relative to the working directory when inside it, with forward slashes.
pub fn artifact_uri(file: &str, cwd: Option<&Path>) -> String {
    if file == "-" {
        return "stdin".to_owned();
    }
    let path = Path::new(file);
    let relative = match cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let text = relative.to_string_lossy().replace('\\', "/");
    let text = text.strip_prefix("./").unwrap_or(&text).to_owned();
    // Percent-encode the characters a URI reference cannot hold.
    text.chars()
        .map(|c| match c {
            ' ' => "%20".to_owned(),
            '%' => "%25".to_owned(),
            '#' => "%23".to_owned(),
            '?' => "%3F".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultJson<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [LocationJson; 1],
    partial_fingerprints: Fingerprints<'a>,
    properties: ResultProperties<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[SuppressionJson<'a>; 1]>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LocationJson {
    physical_location: PhysicalLocation,
    logical_locations: [LogicalLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "kubewardFindingHash/v1")]
    v1: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    path: &'a str,
    severity: &'static str,
    dread_rating: f64,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
}

#[derive(Serialize)]
struct SuppressionJson<'a> {
    kind: &'static str,
    justification: &'a str,
}

fn physical(file: &str, line: Option<u32>, column: Option<u32>, cwd: Option<&Path>) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: artifact_uri(file, cwd),
        },
        region: line.filter(|l| *l > 0).map(|l| Region {
            start_line: l,
            start_column: column.unwrap_or(1).max(1),
        }),
    }
}

fn result<'a>(f: &'a Finding, index: usize, cwd: Option<&Path>) -> ResultJson<'a> {
    ResultJson {
        rule_id: f.rule.id,
        rule_index: index,
        level: level(f.severity),
        message: Text {
            text: format!("{} Fix: {}", f.message, f.rule.remediation),
        },
        locations: [LocationJson {
            physical_location: physical(&f.location.file, Some(f.location.line), Some(f.location.column), cwd),
            logical_locations: [LogicalLocation {
                fully_qualified_name: object_label(f),
                kind: "object",
            }],
        }],
        partial_fingerprints: Fingerprints { v1: &f.fingerprint },
        properties: ResultProperties {
            path: f.path.as_str(),
            severity: f.severity.name(),
            dread_rating: rating(f),
            security_severity: security_severity(f.severity),
        },
        suppressions: f.suppressed.as_ref().map(|s| {
            [SuppressionJson {
                kind: if s.kind == "annotation" { "inSource" } else { "external" },
                justification: &s.reason,
            }]
        }),
    }
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [NotificationLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    results: Vec<ResultJson<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    information_uri: &'static str,
    rules: Vec<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let index_of = |id: &str| input.rules.iter().position(|r| r.id == id);
    // Findings of rules outside the registry cannot happen, but a descriptor is added rather than a bad index.
    let mut rules: Vec<&RuleMeta> = input.rules.to_vec();
    for f in input.shown() {
        if index_of(f.rule.id).is_none() && !rules.iter().any(|r| r.id == f.rule.id) {
            rules.push(f.rule);
        }
    }
    let results: Vec<ResultJson> = input
        .shown()
        .map(|f| {
            let i = rules.iter().position(|r| r.id == f.rule.id).unwrap_or(0);
            result(f, i, input.cwd)
        })
        .collect();
    let notifications: Vec<Notification> = input
        .result
        .errors
        .iter()
        .map(|e| Notification {
            level: "error",
            message: Text {
                text: e.message.clone(),
            },
            locations: [NotificationLocation {
                physical_location: physical(&e.file, e.line, e.column, input.cwd),
            }],
        })
        .collect();
    let doc = Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "kubeward",
                    version: input.tool_version,
                    information_uri: "https://github.com/kubeward/kubeward",
                    rules: rules.iter().map(|r| descriptor(r)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            results,
        }],
    };
    serde_json::to_writer(&mut *out, &doc)?;
    out.write_all(b"\n")
}
