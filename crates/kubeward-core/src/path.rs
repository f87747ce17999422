//! Field paths (`spec.template.spec.containers[1].securityContext.privileged`) and their source locations.
//!
//! Rules name the field that is wrong; the door that read the object keeps a [`SourceMap`] from field paths to
//! line and column, so no rule ever computes a line number.

use std::fmt;

/// A path to a field inside one object, in the dotted form `kubectl explain` uses. Keys that are not plain
/// identifiers (annotation keys, for instance) are written in brackets: `metadata.annotations["a.b/c"]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FieldPath(String);

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

impl FieldPath {
    /// The object itself.
    pub fn root() -> Self {
        FieldPath(String::new())
    }

    /// Parses a path written in this type's own syntax (as printed by `Display`).
    pub fn parse(text: &str) -> Self {
        FieldPath(text.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// This path extended by a mapping key.
    pub fn key(&self, key: &str) -> Self {
        let mut s = String::with_capacity(self.0.len() + key.len() + 4);
        s.push_str(&self.0);
        push_key(&mut s, key);
        FieldPath(s)
    }

    /// This path extended by a relative path in this type's syntax, e.g. `securityContext.privileged` or
    /// `capabilities.add[2]`.
    pub fn keys(&self, relative: &str) -> Self {
        let mut p = self.clone();
        for seg in FieldPath(relative.to_owned()).segments() {
            p = match seg {
                Segment::Key(k) => p.key(k),
                Segment::Index(i) => p.index(i),
            };
        }
        p
    }

    /// This path extended by a sequence index.
    pub fn index(&self, i: usize) -> Self {
        FieldPath(format!("{}[{i}]", self.0))
    }

    /// The steps of the path. A malformed bracket ends the iteration.
    pub fn segments(&self) -> Segments<'_> {
        Segments { rest: &self.0 }
    }

    /// The path without its last step (the root stays the root).
    pub fn parent(&self) -> Self {
        let mut segs: Vec<Segment> = self.segments().collect();
        segs.pop();
        let mut p = FieldPath::root();
        for s in segs {
            p = match s {
                Segment::Key(k) => p.key(k),
                Segment::Index(i) => p.index(i),
            };
        }
        p
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'$')
}

fn push_key(s: &mut String, key: &str) {
    if is_plain_key(key) {
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(key);
    } else {
        s.push('[');
        // JSON string quoting keeps any key unambiguous.
        s.push_str(&serde_json::to_string(key).unwrap_or_default());
        s.push(']');
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Iterator over the [`Segment`]s of a path.
pub struct Segments<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;
    fn next(&mut self) -> Option<Segment<'a>> {
        let rest = self.rest.strip_prefix('.').unwrap_or(self.rest);
        if rest.is_empty() {
            return None;
        }
        if let Some(inner) = rest.strip_prefix('[') {
            if inner.starts_with('"') {
                // A quoted key: find the closing quote that is not escaped.
                let bytes = inner.as_bytes();
                let mut i = 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                let quoted = inner.get(..=i)?;
                let key_end = i + 1;
                if inner.as_bytes().get(key_end) != Some(&b']') {
                    self.rest = "";
                    return None;
                }
                self.rest = &inner[key_end + 1..];
                // The key text without quotes; escapes are rare in Kubernetes keys and kept verbatim.
                return Some(Segment::Key(&quoted[1..quoted.len() - 1]));
            }
            let close = inner.find(']')?;
            let index = inner[..close].parse().ok();
            self.rest = &inner[close + 1..];
            return match index {
                Some(i) => Some(Segment::Index(i)),
                None => {
                    self.rest = "";
                    None
                }
            };
        }
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        self.rest = &rest[end..];
        Some(Segment::Key(&rest[..end]))
    }
}

/// Hash of a path, built one segment at a time, so that a door can record every node's location as it walks a
/// document and a lookup can hash a rule's path the same way.
pub fn hash_root() -> u64 {
    0xcbf2_9ce4_8422_2325
}

pub fn hash_segment(parent: u64, segment: Segment<'_>) -> u64 {
    let mut h = parent;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    match segment {
        Segment::Key(k) => {
            eat(b'k');
            k.bytes().for_each(&mut eat);
        }
        Segment::Index(i) => {
            eat(b'i');
            i.to_le_bytes().into_iter().for_each(&mut eat);
        }
    }
    eat(0xff);
    h
}

/// Line and column (both 1-based) of a field in its source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Locations of every field of one object, by path hash.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMap {
    entries: Vec<(u64, LineCol)>,
}

impl SourceMap {
    /// Records where the field with this path hash is. The first location recorded for a hash wins.
    pub fn insert(&mut self, hash: u64, at: LineCol) {
        self.entries.push((hash, at));
    }

    /// Makes the map ready for lookups.
    pub fn finish(&mut self) {
        self.entries.sort_by_key(|e| e.0);
        self.entries.dedup_by_key(|e| e.0);
        self.entries.shrink_to_fit();
    }

    fn get(&self, hash: u64) -> Option<LineCol> {
        self.entries
            .binary_search_by_key(&hash, |e| e.0)
            .ok()
            .map(|i| self.entries[i].1)
    }

    /// Where the field is, or its nearest existing parent when the field itself is absent (a finding about a
    /// missing `securityContext` points at the container).
    pub fn locate(&self, path: &FieldPath) -> Option<LineCol> {
        let mut hashes = Vec::with_capacity(12);
        let mut h = hash_root();
        hashes.push(h);
        for seg in path.segments() {
            h = hash_segment(h, seg);
            hashes.push(h);
        }
        hashes.iter().rev().find_map(|h| self.get(*h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_parses_paths() {
        let p = FieldPath::root()
            .key("spec")
            .key("containers")
            .index(1)
            .keys("securityContext.privileged");
        assert_eq!(p.as_str(), "spec.containers[1].securityContext.privileged");
        let segs: Vec<_> = p.segments().collect();
        assert_eq!(
            segs,
            vec![
                Segment::Key("spec"),
                Segment::Key("containers"),
                Segment::Index(1),
                Segment::Key("securityContext"),
                Segment::Key("privileged")
            ]
        );
        let a = FieldPath::root().key("metadata").key("annotations").key("a.b/c");
        assert_eq!(a.as_str(), r#"metadata.annotations["a.b/c"]"#);
        assert_eq!(a.segments().last(), Some(Segment::Key("a.b/c")));
        assert_eq!(a.parent().as_str(), "metadata.annotations");
        let c = FieldPath::root().key("containers").index(0).keys("ports[1].hostPort");
        assert_eq!(c.as_str(), "containers[0].ports[1].hostPort");
    }

    #[test]
    fn locate_falls_back_to_nearest_parent() {
        let mut map = SourceMap::default();
        let spec = hash_segment(hash_root(), Segment::Key("spec"));
        map.insert(hash_root(), LineCol { line: 1, column: 1 });
        map.insert(spec, LineCol { line: 5, column: 1 });
        map.finish();
        let missing = FieldPath::root().keys("spec.securityContext.runAsNonRoot");
        assert_eq!(map.locate(&missing), Some(LineCol { line: 5, column: 1 }));
        assert_eq!(
            map.locate(&FieldPath::root().key("kind")),
            Some(LineCol { line: 1, column: 1 })
        );
    }
}
