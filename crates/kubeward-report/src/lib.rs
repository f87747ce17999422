//! Sinks: render a scan result as text, JSON, SARIF 2.1.0 or JUnit XML. A sink renders; it never decides.

mod json;
mod junit;
mod sarif;
mod text;

use kubeward_core::engine::ScanResult;
use kubeward_core::{Finding, RuleMeta};
use std::path::Path;

/// Everything a sink needs.
pub struct ReportInput<'a> {
    pub result: &'a ScanResult,
    /// Every rule of the registry (SARIF describes them all).
    pub rules: &'a [&'static RuleMeta],
    pub tool_version: &'a str,
    /// Include suppressed findings (marked as such).
    pub show_suppressed: bool,
    /// ANSI colour in text output.
    pub color: bool,
    /// Working directory, to make file paths relative in SARIF.
    pub cwd: Option<&'a Path>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "junit" => Ok(Format::Junit),
            other => Err(format!("unknown format {other:?} (text, json, sarif, junit)")),
        }
    }
}

/// Writes the report. JSON and SARIF are serialised straight into `out` (compact, one document, newline-ended), so
/// a large report is never held in memory twice.
pub fn write(format: Format, input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Text => out.write_all(text::render(input).as_bytes()),
        Format::Json => json::write(input, out),
        Format::Sarif => sarif::write(input, out),
        Format::Junit => out.write_all(junit::render(input).as_bytes()),
    }
}

/// The report as a string (see [`write`]).
pub fn render(format: Format, input: &ReportInput<'_>) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(format, input, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

impl ReportInput<'_> {
    /// The findings a report shows: unsuppressed ones, and suppressed ones when asked.
    fn shown(&self) -> impl Iterator<Item = &Finding> {
        self.result
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none() || self.show_suppressed)
    }
}

/// `Kind/namespace/name` or `Kind/name`.
fn object_label(f: &Finding) -> String {
    f.object.display()
}

/// The rating rounded to one decimal, as reports show it.
fn rating(f: &Finding) -> f64 {
    (f.dread.rating() * 10.0).round() / 10.0
}
