//! JUnit XML: one test suite per file, one test case per (object, rule) that fired, input errors as errors.

use crate::{ReportInput, object_label};
use kubeward_core::Finding;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(input: &ReportInput<'_>) -> String {
    // file -> (object, rule) -> findings
    let mut suites: BTreeMap<&str, BTreeMap<(String, &str), Vec<&Finding>>> = BTreeMap::new();
    for f in input.result.findings.iter().filter(|f| f.suppressed.is_none()) {
        suites
            .entry(&f.location.file)
            .or_default()
            .entry((object_label(f), f.rule.id))
            .or_default()
            .push(f);
    }
    let errors = &input.result.errors;
    let total_cases: usize = suites.values().map(BTreeMap::len).sum::<usize>() + errors.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"kubeward\" tests=\"{total_cases}\" failures=\"{}\" errors=\"{}\">",
        total_cases - errors.len(),
        errors.len()
    );
    for (file, cases) in &suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            escape(file),
            cases.len(),
            cases.len()
        );
        for ((object, rule), findings) in cases {
            let worst = findings
                .iter()
                .map(|f| f.severity)
                .max()
                .map(|s| s.name())
                .unwrap_or("info");
            let first = findings[0];
            let _ = writeln!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\">",
                escape(object),
                escape(rule),
                escape(file),
                first.location.line
            );
            let _ = write!(
                out,
                "      <failure message=\"{}\" type=\"{worst}\">",
                escape(&format!("{}: {}", first.rule.title, first.message))
            );
            for f in findings {
                let _ = write!(
                    out,
                    "{}",
                    escape(&format!(
                        "{}:{}:{} {} {}\n",
                        f.location.file, f.location.line, f.location.column, f.path, f.message
                    ))
                );
            }
            let _ = writeln!(out, "{}</failure>", escape(&format!("Fix: {}", first.rule.remediation)));
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"input errors\" tests=\"{}\" failures=\"0\" errors=\"{}\">",
            errors.len(),
            errors.len()
        );
        for e in errors {
            let _ = writeln!(
                out,
                "    <testcase classname=\"{}\" name=\"read\">\n      <error message=\"{}\">{}</error>\n    </testcase>",
                escape(&e.file),
                escape(&e.message),
                escape(&e.to_string())
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
