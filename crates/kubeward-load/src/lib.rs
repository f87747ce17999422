//! The file door: Kubernetes manifests from files, directories and standard input, read the way kubectl and the
//! API server read them, into [`Object`]s with a source map for every field.
//!
//! - `.yaml`, `.yml`, `.json`; multi-document YAML; JSON objects and arrays of objects; `List` kinds unwrapped
//!   into their items, each keeping its own position.
//! - YAML 1.1 scalars as Kubernetes resolves them ([`node`]), strict field types as the API server decodes them
//!   ([`de`]).
//! - Helm `# Source:` comments kept as the object's template.
//! - Bad input never panics and never stops the other documents: each problem becomes an [`InputError`] naming
//!   file, line, column and object.

pub mod de;
pub mod node;
pub mod walk;
pub mod yaml;

use kubeward_core::k8s::ObjectMeta;
use kubeward_core::object::BodyKind;
use kubeward_core::path::{LineCol, Segment, SourceMap, hash_root, hash_segment};
use kubeward_core::{InputError, Notice, Object, Origin};
use node::{Node, Value};
use rayon::prelude::*;
use std::sync::Arc;

/// Largest file read by default; bigger files are reported, not read.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// What the door read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub objects: Vec<Object>,
    pub errors: Vec<InputError>,
    pub notices: Vec<Notice>,
    /// Files read (stdin counts as one).
    pub files: usize,
}

impl Loaded {
    fn append(&mut self, mut other: Loaded) {
        self.objects.append(&mut other.objects);
        self.errors.append(&mut other.errors);
        self.notices.append(&mut other.notices);
        self.files += other.files;
    }
}

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Reads every input: files, directories (recursively) and `-` for standard input.
pub fn load_paths(inputs: &[String], options: &LoadOptions) -> Loaded {
    let mut out = Loaded::default();
    let mut files = Vec::new();
    for input in inputs {
        if input == "-" {
            files.push(walk::Input::Stdin);
            continue;
        }
        let found = walk::expand(std::path::Path::new(input));
        out.errors.extend(found.errors);
        files.extend(found.inputs);
    }
    let results: Vec<Loaded> = files.par_iter().map(|f| load_input(f, options)).collect();
    for r in results {
        out.append(r);
    }
    out
}

fn load_input(input: &walk::Input, options: &LoadOptions) -> Loaded {
    let name = input.display_name();
    let bytes = match input.read(options.max_file_size) {
        Ok(b) => b,
        Err(message) => {
            return Loaded {
                errors: vec![file_error(&name, None, message)],
                files: 1,
                ..Default::default()
            };
        }
    };
    parse_bytes(&bytes, &name, input.discovered())
}

fn file_error(file: &str, at: Option<node::Mark>, message: String) -> InputError {
    InputError {
        file: file.to_owned(),
        line: at.map(|m| m.line),
        column: at.map(|m| m.column),
        object: None,
        message,
        object_evaluated: false,
    }
}

/// Parses a file's bytes. `discovered` files (found by walking a directory) that hold no Kubernetes object at all
/// (a `values.yaml`, a CI workflow, an unrendered Helm template) are skipped with a notice instead of an error.
pub fn parse_bytes(bytes: &[u8], file: &str, discovered: bool) -> Loaded {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let message = if bytes.contains(&0) {
                "not a text file (binary content)".to_owned()
            } else {
                format!("not valid UTF-8 (invalid byte at offset {})", e.valid_up_to())
            };
            if discovered {
                return Loaded {
                    notices: vec![Notice {
                        file: Some(file.to_owned()),
                        message: format!("skipped: {message}"),
                    }],
                    files: 1,
                    ..Default::default()
                };
            }
            return Loaded {
                errors: vec![file_error(file, Some(node::Mark { line, column: 1 }), message)],
                files: 1,
                ..Default::default()
            };
        }
    };
    let loaded = parse_str(text, file);
    let unrendered_template = !loaded.errors.is_empty() && looks_like_go_template(text);
    if discovered && (unrendered_template || (loaded.objects.is_empty() && !has_kubernetes_document(text))) {
        let why = if unrendered_template {
            "an unrendered template (run `helm template` and scan its output)"
        } else {
            "no Kubernetes objects (no document with apiVersion and kind)"
        };
        return Loaded {
            notices: vec![Notice {
                file: Some(file.to_owned()),
                message: format!("skipped: {why}"),
            }],
            files: 1,
            ..Default::default()
        };
    }
    loaded
}

/// Whether the text holds Go template actions as Helm charts do (`{{ .Values.x }}`, `{{- if ... }}`,
/// `{{ include ... }}`), as opposed to `{{ }}` inside strings such as Prometheus alert templates.
fn looks_like_go_template(text: &str) -> bool {
    const KEYWORDS: [&str; 12] = [
        ".",
        "$",
        "if ",
        "else",
        "end",
        "range ",
        "with ",
        "include ",
        "template ",
        "define ",
        "toYaml ",
        "tpl ",
    ];
    text.match_indices("{{").any(|(i, _)| {
        let rest = text[i + 2..].trim_start_matches('-').trim_start();
        KEYWORDS.iter().any(|k| rest.starts_with(k))
    })
}

/// Cheap test whether any line looks like a top-level `kind:` or JSON `"kind"` key.
fn has_kubernetes_document(text: &str) -> bool {
    let mut kind = false;
    let mut api = false;
    for line in text.lines() {
        let t = line.trim_start_matches([' ', '{', '-']);
        kind |= t.starts_with("kind:") || t.starts_with("\"kind\"");
        api |= t.starts_with("apiVersion:") || t.starts_with("\"apiVersion\"");
        if kind && api {
            return true;
        }
    }
    false
}

/// Parses text (YAML or JSON, one or many documents) from a file named `file`.
pub fn parse_str(text: &str, file: &str) -> Loaded {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file_arc: Arc<str> = Arc::from(file);
    let mut out = Loaded {
        files: 1,
        ..Default::default()
    };
    let is_json_array = text.trim_start().starts_with('[');
    let chunks = yaml::split_documents(text);
    let mut saw_document = false;
    for chunk in &chunks {
        if yaml::is_blank(chunk.text) {
            continue;
        }
        let parsed = yaml::parse_chunk(chunk.text, chunk.first_line);
        for w in parsed.warnings {
            out.errors.push(file_error(file, Some(w.mark), w.message));
        }
        let template: Option<Arc<str>> = chunk.helm_source.map(Arc::from);
        for doc in &parsed.documents {
            saw_document = true;
            objects_of_document(doc, &file_arc, template.as_ref(), is_json_array, &mut out);
        }
        if let Some(f) = parsed.fatal {
            out.errors
                .push(file_error(file, Some(f.mark), format!("invalid YAML: {}", f.message)));
        }
    }
    if !saw_document && out.errors.is_empty() {
        out.errors.push(file_error(
            file,
            None,
            "no Kubernetes objects in the file (it is empty)".into(),
        ));
    }
    out
}

fn objects_of_document(doc: &Node, file: &Arc<str>, template: Option<&Arc<str>>, json_array: bool, out: &mut Loaded) {
    match &doc.value {
        Value::Null => {}
        Value::Map(_) => object_or_list(doc, file, template, out),
        Value::Seq(items) if json_array => {
            for item in items {
                object_or_list(item, file, template, out);
            }
        }
        _ => out.errors.push(file_error(
            file,
            Some(doc.mark),
            format!(
                "the document is a {}, not a Kubernetes object (a mapping with apiVersion and kind)",
                doc.type_name()
            ),
        )),
    }
}

fn object_or_list(node: &Node, file: &Arc<str>, template: Option<&Arc<str>>, out: &mut Loaded) {
    if node.as_map().is_none() {
        out.errors.push(file_error(
            file,
            Some(node.mark),
            format!("expected a Kubernetes object (a mapping), found a {}", node.type_name()),
        ));
        return;
    }
    let kind = node.get("kind").and_then(Node::as_str).unwrap_or("");
    if kind.ends_with("List")
        && let Some(items) = node.get("items")
    {
        match &items.value {
            Value::Seq(items) => {
                for item in items {
                    object_or_list(item, file, template, out);
                }
            }
            Value::Null => {}
            _ => out.errors.push(file_error(
                file,
                Some(items.mark),
                format!("`items` of a {kind} must be a list, found a {}", items.type_name()),
            )),
        }
        return;
    }
    match build_object(node, file, template, &mut out.errors) {
        Ok(o) => out.objects.push(o),
        Err(e) => out.errors.push(e),
    }
}

fn required_string<'a>(node: &'a Node, key: &str, file: &str) -> Result<&'a str, InputError> {
    match node.get(key) {
        Some(Node {
            value: Value::Str(s), ..
        }) if !s.is_empty() => Ok(s),
        Some(other) => Err(file_error(
            file,
            Some(other.mark),
            format!("`{key}` must be a non-empty string, found a {}", other.type_name()),
        )),
        None => Err(file_error(
            file,
            Some(node.mark),
            format!("missing `{key}`: not a Kubernetes object"),
        )),
    }
}

/// Builds one object from a mapping node: identity, metadata, typed body, source map.
fn build_object(
    node: &Node,
    file: &Arc<str>,
    template: Option<&Arc<str>>,
    errors: &mut Vec<InputError>,
) -> Result<Object, InputError> {
    let api_version = required_string(node, "apiVersion", file)?;
    let kind = required_string(node, "kind", file)?;
    let name_hint = || {
        let meta = node.get("metadata");
        let name = meta.and_then(|m| m.get("name")).and_then(Node::as_str).unwrap_or("");
        match meta.and_then(|m| m.get("namespace")).and_then(Node::as_str) {
            Some(ns) => format!("{kind}/{ns}/{name}"),
            None => format!("{kind}/{name}"),
        }
    };
    let decode_error = |e: de::DeError| InputError {
        file: file.to_string(),
        line: e.mark.map(|m| m.line),
        column: e.mark.map(|m| m.column),
        object: Some(name_hint()),
        message: e.to_string(),
        object_evaluated: false,
    };
    let metadata: ObjectMeta = match node.get("metadata") {
        Some(m) => de::from_node(m).map_err(|e| {
            let mut e = e;
            e.path = if e.path.is_empty() {
                "metadata".into()
            } else {
                format!("metadata.{}", e.path)
            };
            decode_error(e)
        })?,
        None => ObjectMeta::default(),
    };
    let body_kind = BodyKind::of(api_version, kind);
    let body = match body_kind.decode(de::deserializer(node)) {
        Ok(b) => b,
        Err(strict) => {
            // A scalar where a string belongs: the API server rejects the object, but its other fields are
            // still worth judging, so the error is reported and the object evaluated with the value as text.
            let lenient = body_kind.decode(de::lenient_deserializer(node)).map_err(decode_error)?;
            let mut e = decode_error(strict);
            e.message
                .push_str(" (the API server rejects this object; evaluated with the value read as text)");
            e.object_evaluated = true;
            errors.push(e);
            lenient
        }
    };
    let mut source_map = SourceMap::default();
    source_map.insert(
        hash_root(),
        LineCol {
            line: node.mark.line,
            column: node.mark.column,
        },
    );
    record_locations(node, hash_root(), &mut source_map);
    source_map.finish();
    Ok(Object {
        api_version: api_version.to_owned(),
        kind: kind.to_owned(),
        metadata,
        body,
        origin: Origin {
            file: file.clone(),
            line: node.mark.line,
            column: node.mark.column,
            template: template.cloned(),
            source_map: Some(Box::new(source_map)),
        },
    })
}

/// Records the position of every field below `node` (whose own position is already recorded under `hash`). A
/// mapping value is recorded at its key: a finding about `securityContext` points at the `securityContext:` line.
fn record_locations(node: &Node, hash: u64, map: &mut SourceMap) {
    let at = |mark: node::Mark| LineCol {
        line: mark.line,
        column: mark.column,
    };
    match &node.value {
        Value::Map(entries) => {
            for (k, v) in entries {
                let h = hash_segment(hash, Segment::Key(&k.text));
                map.insert(h, at(k.mark));
                record_locations(v, h, map);
            }
        }
        Value::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                let h = hash_segment(hash, Segment::Index(i));
                map.insert(h, at(v.mark));
                record_locations(v, h, map);
            }
        }
        _ => {}
    }
}

/// Decodes a YAML or JSON text (a configuration file) into `T`, with the position of any error.
pub fn from_yaml_str<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, InputError> {
    let chunks = yaml::split_documents(text);
    let chunk = chunks
        .iter()
        .find(|c| !yaml::is_blank(c.text))
        .ok_or_else(|| file_error(file, None, "the file is empty".into()))?;
    let parsed = yaml::parse_chunk(chunk.text, chunk.first_line);
    if let Some(f) = parsed.fatal {
        return Err(file_error(file, Some(f.mark), format!("invalid YAML: {}", f.message)));
    }
    if let Some(w) = parsed.warnings.first() {
        return Err(file_error(file, Some(w.mark), w.message.clone()));
    }
    let doc = parsed
        .documents
        .first()
        .ok_or_else(|| file_error(file, None, "the file is empty".into()))?;
    de::from_node::<T>(doc).map_err(|e| InputError {
        file: file.to_owned(),
        line: e.mark.map(|m| m.line),
        column: e.mark.map(|m| m.column),
        object: None,
        message: e.to_string(),
        object_evaluated: false,
    })
}
