//! SARIF 2.1.0 as GitHub code scanning reads it: rule descriptors with help text, `security-severity`, results at
//! the offending field, stable partial fingerprints.

use crate::{ReportInput, object_label, rating};
use kubeward_core::{Finding, RuleMeta, Severity};
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

fn result(f: &Finding, index: usize, cwd: Option<&Path>) -> Value {
    let mut physical = json!({"artifactLocation": {"uri": artifact_uri(&f.location.file, cwd)}});
    if f.location.line > 0 {
        physical["region"] = json!({"startLine": f.location.line, "startColumn": f.location.column.max(1)});
    }
    let mut r = json!({
        "ruleId": f.rule.id,
        "ruleIndex": index,
        "level": level(f.severity),
        "message": {"text": format!("{} Fix: {}", f.message, f.rule.remediation)},
        "locations": [{
            "physicalLocation": physical,
            "logicalLocations": [{"fullyQualifiedName": object_label(f), "kind": "object"}],
        }],
        "partialFingerprints": {"kubewardFindingHash/v1": f.fingerprint},
        "properties": {
            "path": f.path.as_str(),
            "severity": f.severity.name(),
            "dreadRating": rating(f),
            "security-severity": security_severity(f.severity),
        },
    });
    if let Some(s) = &f.suppressed {
        let kind = if s.kind == "annotation" { "inSource" } else { "external" };
        r["suppressions"] = json!([{"kind": kind, "justification": s.reason}]);
    }
    r
}

pub fn render(input: &ReportInput<'_>) -> String {
    let index_of = |id: &str| input.rules.iter().position(|r| r.id == id);
    // Findings of rules outside the registry cannot happen, but a descriptor is added rather than a bad index.
    let mut rules: Vec<&RuleMeta> = input.rules.to_vec();
    for f in input.shown() {
        if index_of(f.rule.id).is_none() && !rules.iter().any(|r| r.id == f.rule.id) {
            rules.push(f.rule);
        }
    }
    let results: Vec<Value> = input
        .shown()
        .map(|f| {
            let i = rules.iter().position(|r| r.id == f.rule.id).unwrap_or(0);
            result(f, i, input.cwd)
        })
        .collect();
    let notifications: Vec<Value> = input
        .result
        .errors
        .iter()
        .map(|e| {
            let mut physical = json!({"artifactLocation": {"uri": artifact_uri(&e.file, input.cwd)}});
            if let Some(line) = e.line.filter(|l| *l > 0) {
                physical["region"] = json!({"startLine": line, "startColumn": e.column.unwrap_or(1).max(1)});
            }
            json!({"level": "error", "message": {"text": e.message}, "locations": [{"physicalLocation": physical}]})
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "kubeward",
                "version": input.tool_version,
                "informationUri": "https://github.com/kubeward/kubeward",
                "rules": rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
            }},
            "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
