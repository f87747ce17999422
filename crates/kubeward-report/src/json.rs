//! The JSON report, schema version 1 (docs/json-schema.md). Serialised straight from borrowed structs, so a
//! report of many findings costs no intermediate tree.

use crate::{ReportInput, rating};
use kubeward_core::Finding;
use kubeward_core::engine::Summary;
use kubeward_core::finding::{InputError, Notice};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report<'a> {
    schema_version: u32,
    tool: Tool<'a>,
    findings: Vec<FindingJson<'a>>,
    errors: Vec<ErrorJson<'a>>,
    notices: &'a [Notice],
    summary: &'a Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<Vec<FindingJson<'a>>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FindingJson<'a> {
    rule: &'static str,
    title: &'static str,
    severity: &'static str,
    message: &'a str,
    object: ObjectJson<'a>,
    path: &'a str,
    location: LocationJson<'a>,
    stride: Vec<&'static str>,
    dread: DreadJson,
    dread_reasons: &'a [String],
    remediation: &'static str,
    references: &'static [&'static str],
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<SuppressionJson<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ObjectJson<'a> {
    api_version: &'a str,
    kind: &'a str,
    namespace: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct LocationJson<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    template: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DreadJson {
    damage: u8,
    reproducibility: u8,
    exploitability: u8,
    affected_users: u8,
    discoverability: u8,
    rating: f64,
}

#[derive(Serialize)]
struct SuppressionJson<'a> {
    kind: &'static str,
    reason: &'a str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    object: Option<&'a str>,
    message: &'a str,
}

pub(crate) fn finding(f: &Finding) -> FindingJson<'_> {
    FindingJson {
        rule: f.rule.id,
        title: f.rule.title,
        severity: f.severity.name(),
        message: &f.message,
        object: ObjectJson {
            api_version: &f.object.api_version,
            kind: &f.object.kind,
            namespace: f.object.namespace.as_deref(),
            name: &f.object.name,
        },
        path: f.path.as_str(),
        location: LocationJson {
            file: &f.location.file,
            line: f.location.line,
            column: f.location.column,
            template: f.location.template.as_deref(),
        },
        stride: f.rule.stride.iter().map(|s| s.name()).collect(),
        dread: DreadJson {
            damage: f.dread.damage,
            reproducibility: f.dread.reproducibility,
            exploitability: f.dread.exploitability,
            affected_users: f.dread.affected_users,
            discoverability: f.dread.discoverability,
            rating: rating(f),
        },
        dread_reasons: &f.dread_reasons,
        remediation: f.rule.remediation,
        references: f.rule.references,
        fingerprint: &f.fingerprint,
        suppression: f.suppressed.as_ref().map(|s| SuppressionJson {
            kind: s.kind,
            reason: &s.reason,
        }),
    }
}

fn error(e: &InputError) -> ErrorJson<'_> {
    ErrorJson {
        file: &e.file,
        line: e.line,
        column: e.column,
        object: e.object.as_deref(),
        message: &e.message,
    }
}

pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let r = input.result;
    let report = Report {
        schema_version: 1,
        tool: Tool {
            name: "kubeward",
            version: input.tool_version,
        },
        findings: r
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .map(finding)
            .collect(),
        errors: r.errors.iter().map(error).collect(),
        notices: &r.notices,
        summary: &r.summary,
        suppressed: input.show_suppressed.then(|| {
            r.findings
                .iter()
                .filter(|f| f.suppressed.is_some())
                .map(finding)
                .collect()
        }),
    };
    serde_json::to_writer(&mut *out, &report)?;
    out.write_all(b"\n")
}
