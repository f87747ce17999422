//! The JSON report, schema version 1 (docs/json-schema.md).

use crate::{ReportInput, rating};
use kubeward_core::Finding;
use serde_json::{Value, json};

pub fn finding(f: &Finding) -> Value {
    let mut v = json!({
        "rule": f.rule.id,
        "title": f.rule.title,
        "severity": f.severity.name(),
        "message": f.message,
        "object": {
            "apiVersion": f.object.api_version,
            "kind": f.object.kind,
            "namespace": f.object.namespace,
            "name": f.object.name,
        },
        "path": f.path.as_str(),
        "location": {
            "file": &*f.location.file,
            "line": f.location.line,
            "column": f.location.column,
            "template": f.location.template.as_deref(),
        },
        "stride": f.rule.stride.iter().map(|s| s.name()).collect::<Vec<_>>(),
        "dread": {
            "damage": f.dread.damage,
            "reproducibility": f.dread.reproducibility,
            "exploitability": f.dread.exploitability,
            "affectedUsers": f.dread.affected_users,
            "discoverability": f.dread.discoverability,
            "rating": rating(f),
        },
        "dreadReasons": f.dread_reasons,
        "remediation": f.rule.remediation,
        "references": f.rule.references,
        "fingerprint": f.fingerprint,
    });
    if let Some(s) = &f.suppressed {
        v["suppression"] = json!({"kind": s.kind, "reason": s.reason});
    }
    v
}

pub fn render(input: &ReportInput<'_>) -> String {
    let r = input.result;
    let findings: Vec<Value> = r
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .map(finding)
        .collect();
    let mut doc = json!({
        "schemaVersion": 1,
        "tool": {"name": "kubeward", "version": input.tool_version},
        "findings": findings,
        "errors": r.errors.iter().map(|e| json!({
            "file": e.file,
            "line": e.line,
            "column": e.column,
            "object": e.object,
            "message": e.message,
        })).collect::<Vec<_>>(),
        "notices": r.notices,
        "summary": r.summary,
    });
    if input.show_suppressed {
        doc["suppressed"] = r
            .findings
            .iter()
            .filter(|f| f.suppressed.is_some())
            .map(finding)
            .collect();
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
