//! Rule documentation as SARIF descriptors carry it: the first paragraph of "What it checks", and the whole text
//! as plain text for viewers that do not render Markdown.

/// The first paragraph under the `## What it checks` heading, its lines joined by spaces. Without that heading,
/// the first paragraph of the documentation that is not a heading; empty for empty documentation.
pub fn what_it_checks(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.lines().collect();
    let start = lines
        .iter()
        .position(|l| heading(l).is_some_and(|h| h.eq_ignore_ascii_case("what it checks")))
        .map_or(0, |i| i + 1);
    let mut paragraph: Vec<&str> = Vec::new();
    for line in &lines[start..] {
        let line = line.trim();
        if line.is_empty() || line.starts_with("```") {
            if paragraph.is_empty() {
                continue;
            }
            break;
        }
        if heading(line).is_some() {
            if paragraph.is_empty() && start == 0 {
                continue;
            }
            break;
        }
        paragraph.push(line);
    }
    plain_inline(&paragraph.join(" "))
}

/// The documentation without Markdown syntax: headings as their text, code blocks indented by four spaces
/// instead of fenced, inline code without backticks, links as `text (url)`, no `**` markers.
pub fn plain_text(markdown: &str) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push(format!("    {line}"));
        } else if let Some(h) = heading(line) {
            out.push(plain_inline(h));
        } else {
            out.push(plain_inline(line));
        }
    }
    out.join("\n").trim_end().to_owned()
}

/// The text of an ATX heading (`## What it checks` → `What it checks`).
fn heading(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if rest.is_empty() {
        return Some("");
    }
    rest.starts_with([' ', '\t']).then(|| rest.trim())
}

/// Inline Markdown removed from one line: backticks, `**` emphasis, and `[text](url)` links.
fn plain_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            rest = &rest[1..];
            continue;
        }
        if rest.starts_with("**") {
            rest = &rest[2..];
            continue;
        }
        if c == '['
            && let Some((text, url, after)) = link(rest)
        {
            out.push_str(text);
            out.push_str(" (");
            out.push_str(url);
            out.push(')');
            rest = after;
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `[text](url)` at the start of `s`: the text, the url and what follows.
fn link(s: &str) -> Option<(&str, &str, &str)> {
    let close = s.find("](")?;
    let text = &s[1..close];
    if text.contains(['[', ']']) {
        return None;
    }
    let after_paren = &s[close + 2..];
    let end = after_paren.find(')')?;
    let url = &after_paren[..end];
    if url.contains(char::is_whitespace) {
        return None;
    }
    Some((text, url, &after_paren[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "## What it checks\nA container that runs\n`privileged`.\n\nSecond paragraph.\n\n\
                       ## Why it matters\nSee [the docs](https://k8s.io/x) and **this**.\n\n## Example\n\
                       ```yaml\nprivileged: true\n```";

    #[test]
    fn first_paragraph_under_what_it_checks() {
        assert_eq!(what_it_checks(DOC), "A container that runs privileged.");
        assert_eq!(what_it_checks("Intro text\nmore.\n\nRest."), "Intro text more.");
        assert_eq!(what_it_checks("# Title\n\nBody."), "Body.");
        assert_eq!(what_it_checks("## Why\nno section\n\n## What it checks\n\nLate."), "Late.");
        assert_eq!(what_it_checks(""), "");
    }

    #[test]
    fn plain_text_drops_markdown_syntax() {
        assert_eq!(
            plain_text(DOC),
            "What it checks\nA container that runs\nprivileged.\n\nSecond paragraph.\n\nWhy it matters\n\
             See the docs (https://k8s.io/x) and this.\n\nExample\n    privileged: true"
        );
        assert_eq!(plain_text("a [b] c [d](e f) g"), "a [b] c [d](e f) g");
        assert_eq!(plain_text("#hashtag"), "#hashtag");
    }
}
