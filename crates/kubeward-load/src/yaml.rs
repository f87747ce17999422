//! YAML text to marked node trees, one document at a time.
//!
//! The text is first cut into documents at `---` lines, as kubectl's YAML reader does, so that a syntax error in one
//! document never hides the documents after it. Each document is then parsed with saphyr's event parser into a
//! [`Node`] tree with bounded depth and bounded alias expansion ("billion laughs").

use crate::node::{Key, Mark, Node, Value, key_text, resolve_plain};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

/// Deepest nesting accepted. Kubernetes objects, CRD schemas included, stay far below it; saphyr itself stops at 256.
pub const MAX_DEPTH: usize = 200;
/// Most nodes one document may expand to, aliases included.
pub const MAX_NODES: usize = 2_000_000;

/// A problem found while reading YAML, at a position in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlIssue {
    pub mark: Mark,
    pub message: String,
}

/// One `---`-separated part of a file.
#[derive(Debug, Clone)]
pub struct Chunk<'a> {
    pub text: &'a str,
    /// 1-based line of the chunk's first line in the file.
    pub first_line: u32,
    /// The `# Source: ...` comment of `helm template` output in this chunk, if any.
    pub helm_source: Option<&'a str>,
}

/// Cuts a file into documents at lines that start with `---` followed by nothing, a space or a tab.
pub fn split_documents(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let mut start = 0usize;
    let mut start_line = 1u32;
    let mut line_no = 1u32;
    let mut pos = 0usize;
    let bytes = text.as_bytes();
    while pos < bytes.len() {
        let end = memchr_newline(bytes, pos);
        let line = &text[pos..end];
        if pos != start && is_separator(line) {
            chunks.push(make_chunk(&text[start..pos], start_line));
            start = pos;
            start_line = line_no;
        }
        pos = end + 1;
        line_no += 1;
    }
    if start < text.len() || chunks.is_empty() {
        chunks.push(make_chunk(&text[start..], start_line));
    }
    chunks
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| from + i)
}

fn is_separator(line: &str) -> bool {
    let line = line.strip_suffix('\r').unwrap_or(line);
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

fn make_chunk(text: &str, first_line: u32) -> Chunk<'_> {
    let helm_source = text
        .lines()
        .take_while(|l| {
            let t = l.trim_start();
            t.is_empty() || t.starts_with('#') || is_separator(l)
        })
        .find_map(|l| l.trim_start().strip_prefix("# Source: "))
        .map(str::trim);
    Chunk {
        text,
        first_line,
        helm_source,
    }
}

/// Whether a chunk holds nothing but blank lines, comments, directives and document markers.
pub fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t.starts_with('%') || t == "..." || is_separator(l)
    })
}

/// The result of parsing one chunk: its documents (usually one) and the problems met. A syntax error ends the
/// chunk; problems such as duplicate keys leave the tree usable (last value wins, as in kubectl).
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Node>,
    /// Problems after which the chunk's documents are unusable (syntax errors, limits).
    pub fatal: Option<YamlIssue>,
    /// Problems that leave the documents usable (duplicate keys).
    pub warnings: Vec<YamlIssue>,
}

enum Frame {
    Seq {
        items: Vec<Node>,
        mark: Mark,
        anchor: usize,
    },
    Map {
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
        mark: Mark,
        anchor: usize,
    },
}

struct Builder {
    line_offset: u32,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    warnings: Vec<YamlIssue>,
    done: Vec<Node>,
}

impl Builder {
    fn mark(&self, span: &Span) -> Mark {
        Mark {
            line: (span.start.line() as u32).saturating_add(self.line_offset),
            column: span.start.col() as u32 + 1,
        }
    }

    fn count(&mut self, n: usize, at: Mark) -> Result<(), YamlIssue> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(YamlIssue {
                mark: at,
                message: format!("document expands to more than {MAX_NODES} nodes (alias bomb or oversized document)"),
            });
        }
        Ok(())
    }

    /// Attaches a finished node to the enclosing collection, or ends the document.
    fn attach(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.done.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let mark = node.mark;
                    let text = match node.value {
                        Value::Str(s) => s,
                        other => key_text(&other, ""),
                    };
                    *key = Some(Key { text, mark });
                }
                Some(k) => {
                    if let Some(existing) = entries.iter_mut().find(|(ek, _)| ek.text == k.text) {
                        if k.text != "<<" {
                            self.warnings.push(YamlIssue {
                                mark: k.mark,
                                message: format!(
                                    "duplicate key {:?} (first at line {}); the last value is used, as kubectl does, but the API server rejects it{}",
                                    k.text,
                                    existing.0.mark.line,
                                    if matches!(k.text.as_str(), "apiVersion" | "kind" | "metadata") {
                                        " (is a `---` document separator missing?)"
                                    } else {
                                        ""
                                    }
                                ),
                            });
                        }
                        *existing = (k, node);
                    } else {
                        entries.push((k, node));
                    }
                }
            },
        }
    }
}

/// Applies YAML merge keys (`<<: *base`): entries of the merged mappings that the mapping does not set itself.
fn apply_merge(entries: &mut Vec<(Key, Node)>) {
    let Some(pos) = entries.iter().position(|(k, _)| k.text == "<<") else {
        return;
    };
    let (_, merged) = entries.remove(pos);
    let sources: Vec<Node> = match merged.value {
        Value::Map(_) => vec![merged],
        Value::Seq(items) => items,
        _ => return,
    };
    for source in sources {
        if let Value::Map(m) = source.value {
            for (k, v) in m {
                if !entries.iter().any(|(ek, _)| ek.text == k.text) {
                    entries.push((k, v));
                }
            }
        }
    }
}

fn node_count(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Value::Map(m) => 1 + m.iter().map(|(_, v)| 1 + node_count(v)).sum::<usize>(),
        _ => 1,
    }
}

/// Parses one chunk of YAML (or JSON) text. `first_line` is the chunk's first line in the file, so marks are file
/// positions.
///
/// go-yaml (and so kubectl) accepts flow collections and quoted scalars whose continuation lines are indented no
/// deeper than their parent key, as Go YAML emitters write them; YAML 1.2 parsers such as saphyr reject them with
/// "invalid indentation". Whitespace at the start of such a line is not part of the value, so the offending line
/// is indented and the chunk parsed again, until it parses or a different error remains.
pub fn parse_chunk(text: &str, first_line: u32) -> Parsed {
    let mut text = std::borrow::Cow::Borrowed(text);
    for _ in 0..1000 {
        let parsed = parse_once(&text, first_line);
        let Some(fatal) = &parsed.fatal else {
            return parsed;
        };
        if !fatal.message.starts_with("invalid indentation") || fatal.message.contains("anchor") {
            return parsed;
        }
        let line = (fatal.mark.line - (first_line - 1)) as usize;
        // saphyr marks a quoted scalar's error at its opening quote, and a flow token's at the token itself.
        let fixed = if fatal.message == "invalid indentation in quoted scalar" {
            reindent_continuation(&text, line)
        } else {
            reindent_line(&text, line)
        };
        match fixed {
            Some(fixed) => text = std::borrow::Cow::Owned(fixed),
            None => return parsed,
        }
    }
    parse_once(&text, first_line)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `text` with 1-based `line` indented to `wanted` columns.
fn with_indent(text: &str, line: usize, wanted: usize) -> String {
    let mut out = String::with_capacity(text.len() + wanted);
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i + 1 == line {
            out.push_str(&" ".repeat(wanted.saturating_sub(indent_of(l))));
        }
        out.push_str(l);
    }
    out
}

/// Indents 1-based `line` two columns deeper than the nearest non-blank line above it, if it is shallower.
fn reindent_line(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let target = *lines.get(line.checked_sub(1)?)?;
    let above = lines[..line - 1].iter().rev().find(|l| !l.trim().is_empty())?;
    let wanted = indent_of(above) + 2;
    (indent_of(target) < wanted).then(|| with_indent(text, line, wanted))
}

/// For a quoted scalar opening on 1-based `line`: indents its first continuation line that is not deeper than the
/// line the scalar opens on.
fn reindent_continuation(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let wanted = indent_of(lines.get(line.checked_sub(1)?)?) + 2;
    let next = lines
        .iter()
        .enumerate()
        .skip(line)
        .find(|(_, l)| !l.trim().is_empty() && indent_of(l) < wanted)?
        .0;
    Some(with_indent(text, next + 1, wanted))
}

/// Moves an error reported past the end of the content (an unclosed bracket or quote found at end of input) back
/// to the last line that has content, where the reader will look for it.
fn clamp_to_content(mut issue: YamlIssue, text: &str, first_line: u32) -> YamlIssue {
    let last = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i as u32 + first_line, l.chars().count() as u32))
        .last();
    if let Some((line, width)) = last
        && issue.mark.line > line
    {
        issue.mark = Mark {
            line,
            column: width + 1,
        };
    }
    issue
}

fn parse_once(text: &str, first_line: u32) -> Parsed {
    let mut b = Builder {
        line_offset: first_line - 1,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        warnings: Vec::new(),
        done: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    let fatal = loop {
        let Some(next) = parser.next_event() else {
            break None;
        };
        let (event, span) = match next {
            Ok(e) => e,
            Err(e) => {
                break Some(YamlIssue {
                    mark: Mark {
                        line: (e.marker().line() as u32).saturating_add(b.line_offset),
                        column: e.marker().col() as u32 + 1,
                    },
                    message: if e.info().contains("recursion limit") {
                        format!("nesting deeper than {MAX_DEPTH} levels")
                    } else {
                        e.info().to_owned()
                    },
                });
            }
        };
        if let Err(issue) = step(&mut b, event, &span) {
            break Some(issue);
        }
    };
    Parsed {
        documents: b.done,
        fatal: fatal.map(|f| clamp_to_content(f, text, first_line)),
        warnings: b.warnings,
    }
}

fn step(b: &mut Builder, event: Event<'_>, span: &Span) -> Result<(), YamlIssue> {
    let mark = b.mark(span);
    match event {
        Event::Scalar(text, style, anchor, tag) => {
            b.count(1, mark)?;
            let is_str_tag = tag
                .as_ref()
                .is_some_and(|t| t.suffix == "str" && (t.handle == "tag:yaml.org,2002:" || t.handle == "!!"));
            let value = if style == ScalarStyle::Plain && !is_str_tag {
                resolve_plain(&text)
            } else {
                Value::Str(text.into_owned())
            };
            b.attach(Node { value, mark }, anchor);
        }
        Event::SequenceStart(anchor, _) => {
            b.count(1, mark)?;
            if b.stack.len() >= MAX_DEPTH {
                return Err(depth_issue(mark));
            }
            b.stack.push(Frame::Seq {
                items: Vec::new(),
                mark,
                anchor,
            });
        }
        Event::MappingStart(anchor, _) => {
            b.count(1, mark)?;
            if b.stack.len() >= MAX_DEPTH {
                return Err(depth_issue(mark));
            }
            b.stack.push(Frame::Map {
                entries: Vec::new(),
                key: None,
                mark,
                anchor,
            });
        }
        Event::SequenceEnd => {
            if let Some(Frame::Seq { items, mark, anchor }) = b.stack.pop() {
                b.attach(
                    Node {
                        value: Value::Seq(items),
                        mark,
                    },
                    anchor,
                );
            }
        }
        Event::MappingEnd => {
            if let Some(Frame::Map {
                mut entries,
                mark,
                anchor,
                ..
            }) = b.stack.pop()
            {
                apply_merge(&mut entries);
                b.attach(
                    Node {
                        value: Value::Map(entries),
                        mark,
                    },
                    anchor,
                );
            }
        }
        Event::Alias(id) => {
            let Some(target) = b.anchors.get(&id) else {
                return Err(YamlIssue {
                    mark,
                    message: "alias to an unknown anchor".into(),
                });
            };
            let size = node_count(target);
            let mut copy = target.clone();
            b.count(size, mark)?;
            copy.mark = mark;
            b.attach(copy, 0);
        }
        Event::DocumentStart(_) => {
            b.anchors.clear();
        }
        Event::DocumentEnd | Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
    }
    Ok(())
}

fn depth_issue(mark: Mark) -> YamlIssue {
    YamlIssue {
        mark,
        message: format!("nesting deeper than {MAX_DEPTH} levels"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let p = parse_chunk(text, 1);
        assert!(p.fatal.is_none(), "{:?}", p.fatal);
        p.documents.into_iter().next().expect("a document")
    }

    #[test]
    fn splits_at_separator_lines_only() {
        let text = "a: 1\n---\nb: 2\n--- # c\nc: 3\nd: \"---\"\n---x: 1\n";
        let chunks = split_documents(text);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[1].first_line, 2);
        assert_eq!(chunks[2].first_line, 4);
        assert!(chunks[2].text.contains("---x"));
    }

    #[test]
    fn helm_source_comment() {
        let text = "---\n# Source: app/templates/deploy.yaml\napiVersion: v1\n";
        let chunks = split_documents(text);
        assert_eq!(chunks[0].helm_source, Some("app/templates/deploy.yaml"));
    }

    #[test]
    fn marks_are_file_positions() {
        let p = parse_chunk("---\nkind: Pod\nspec:\n  x: 1\n", 10);
        let doc = &p.documents[0];
        let (k, _) = &doc.as_map().unwrap()[1];
        assert_eq!(k.text, "spec");
        assert_eq!(k.mark, Mark { line: 12, column: 1 });
        let x = doc.get("spec").unwrap().as_map().unwrap()[0].0.mark;
        assert_eq!(x, Mark { line: 13, column: 3 });
    }

    #[test]
    fn quoted_scalars_stay_strings() {
        let doc = one("a: 'yes'\nb: yes\nc: \"0644\"\nd: 0644\ne: !!str on\n");
        assert_eq!(doc.get("a").unwrap().value, Value::Str("yes".into()));
        assert_eq!(doc.get("b").unwrap().value, Value::Bool(true));
        assert_eq!(doc.get("c").unwrap().value, Value::Str("0644".into()));
        assert_eq!(doc.get("d").unwrap().value, Value::Int(420));
        assert_eq!(doc.get("e").unwrap().value, Value::Str("on".into()));
    }

    #[test]
    fn duplicate_keys_warn_and_last_wins() {
        let p = parse_chunk("a: 1\nb: 2\na: 3\n", 1);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].mark.line, 3);
        assert!(p.warnings[0].message.contains("first at line 1"));
        assert_eq!(p.documents[0].get("a").unwrap().value, Value::Int(3));
    }

    #[test]
    fn merge_keys() {
        let doc = one("base: &b {x: 1, z: 2}\nd:\n  <<: *b\n  z: 3\n");
        let d = doc.get("d").unwrap();
        assert_eq!(d.get("x").unwrap().value, Value::Int(1));
        assert_eq!(d.get("z").unwrap().value, Value::Int(3));
    }

    #[test]
    fn yaml_1_1_keys_become_their_json_text() {
        // sigs.k8s.io/yaml turns the boolean key `y` into "true", as it does `on` in GitHub workflows.
        let doc = one("y: 1\non: 2\n3: 4\n");
        let keys: Vec<&str> = doc.as_map().unwrap().iter().map(|(k, _)| k.text.as_str()).collect();
        assert_eq!(keys, ["true", "3"]);
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut prev = "a";
        for n in names {
            text.push_str(&format!(
                "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = n;
        }
        let p = parse_chunk(&text, 1);
        let issue = p.fatal.expect("limit hit");
        assert!(issue.message.contains("alias bomb"), "{}", issue.message);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let p = parse_chunk(&text, 1);
        assert!(p.fatal.expect("limit").message.contains("nesting deeper"));
        let text = format!("a: {}1{}", "{b: ".repeat(10_000), "}".repeat(10_000));
        let p = parse_chunk(&text, 1);
        assert!(p.fatal.is_some());
    }

    #[test]
    fn go_yaml_style_under_indented_flow_content() {
        let doc = one("a:\n  m: 'one\n  two'\n  args: [\n      \"x\",\n  ]\n");
        assert_eq!(
            doc.get("a").unwrap().get("m").unwrap().value,
            Value::Str("one two".into())
        );
        let args = doc.get("a").unwrap().get("args").unwrap();
        assert!(matches!(&args.value, Value::Seq(items) if items.len() == 1));
        // A genuine block indentation error is not "fixed".
        assert!(parse_chunk("a:\n  b: 1\n c: 2\n", 1).fatal.is_some());
    }

    #[test]
    fn json_documents() {
        let doc = one("{\"kind\":\"Pod\",\"spec\":{\"n\":[1,2.5,true,null,\"yes\"]}}");
        let n = doc.get("spec").unwrap().get("n").unwrap();
        match &n.value {
            Value::Seq(items) => {
                assert_eq!(items[0].value, Value::Int(1));
                assert_eq!(items[1].value, Value::Float(2.5));
                assert_eq!(items[2].value, Value::Bool(true));
                assert_eq!(items[3].value, Value::Null);
                assert_eq!(items[4].value, Value::Str("yes".into()));
            }
            other => panic!("{other:?}"),
        }
    }
}
