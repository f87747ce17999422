//! Human-readable report: grouped by file and object, severity coloured only on a terminal.

use crate::{ReportInput, object_label};
use kubeward_core::Severity;
use std::fmt::Write;

fn paint(color: bool, severity: Severity, text: &str) -> String {
    if !color {
        return text.to_owned();
    }
    let code = match severity {
        Severity::Critical | Severity::High => "1;31",
        Severity::Medium => "33",
        Severity::Low => "34",
        Severity::Info => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

pub fn render(input: &ReportInput<'_>) -> String {
    let mut out = String::new();
    let mut current_file: Option<&str> = None;
    let mut current_object = String::new();
    for f in input.shown() {
        if current_file != Some(&f.location.file) {
            current_file = Some(&f.location.file);
            current_object.clear();
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", f.location.file);
        }
        let object = object_label(f);
        if object != current_object {
            let _ = writeln!(out, "  {object}");
            current_object = object;
        }
        let severity = format!("{:<8}", f.severity.name().to_uppercase());
        let _ = write!(
            out,
            "    {}:{}:{}  {}  {}  {}",
            f.location.file,
            f.location.line,
            f.location.column,
            paint(input.color, f.severity, &severity),
            f.rule.id,
            f.message
        );
        if let Some(s) = &f.suppressed {
            let _ = write!(out, "  [suppressed by {}: {}]", s.kind, s.reason);
        }
        out.push('\n');
        if let Some(t) = &f.location.template {
            let _ = writeln!(out, "      template: {t}");
        }
        for reason in &f.dread_reasons {
            let _ = writeln!(out, "      risk: {reason}");
        }
        let _ = writeln!(out, "      fix: {}", f.rule.remediation);
    }
    if !input.result.errors.is_empty() {
        out.push('\n');
        for e in &input.result.errors {
            let _ = writeln!(out, "error: {e}");
        }
    }
    if !input.result.notices.is_empty() {
        out.push('\n');
        for n in &input.result.notices {
            match &n.file {
                Some(file) => {
                    let _ = writeln!(out, "note: {file}: {}", n.message);
                }
                None => {
                    let _ = writeln!(out, "note: {}", n.message);
                }
            }
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary_line(input));
    out.push('\n');
    out
}

/// `12 findings (critical 1, high 4, medium 5, low 2, info 0), 3 suppressed; 40 objects (38 evaluated), 5 files, 1 input error`
pub fn summary_line(input: &ReportInput<'_>) -> String {
    let s = &input.result.summary;
    let total: usize = s.findings.values().sum();
    let by: Vec<String> = Severity::ALL
        .iter()
        .rev()
        .map(|sev| format!("{} {}", sev.name(), s.findings.get(sev.name()).copied().unwrap_or(0)))
        .collect();
    let errors = input.result.errors.len();
    format!(
        "{total} finding{} ({}), {} suppressed; {} object{} ({} evaluated), {} file{}, {errors} input error{}",
        if total == 1 { "" } else { "s" },
        by.join(", "),
        s.suppressed,
        s.objects_seen,
        if s.objects_seen == 1 { "" } else { "s" },
        s.objects_evaluated,
        s.files,
        if s.files == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
    )
}
