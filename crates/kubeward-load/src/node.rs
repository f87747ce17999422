//! A YAML document as a tree of marked nodes, with scalars resolved the way Kubernetes resolves them.
//!
//! Kubernetes turns YAML into JSON with sigs.k8s.io/yaml over go-yaml v2, which follows YAML 1.1: unquoted `yes`,
//! `no`, `on`, `off`, `y`, `n` (any of their capitalisations) are booleans, `0644` is the octal number 420, `1e3` is
//! a float and `08` is the float 8. Most YAML libraries, saphyr included, follow YAML 1.2, where those are strings
//! or decimals; [`resolve_plain`] applies go-yaml v2's rules to every plain scalar instead.

/// Position of a node: 1-based line and column in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mark {
    pub line: u32,
    pub column: u32,
}

/// A mapping key with its own position (findings point at the key's line).
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub text: String,
    pub mark: Mark,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// Integers beyond i64 (`ParseUint` succeeds where `ParseInt` fails).
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub mark: Mark,
}

impl Node {
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.iter().find(|(k, _)| k.text == key).map(|(_, v)| v)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A short name for the node's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::Uint(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "list",
            Value::Map(_) => "mapping",
        }
    }
}

/// Resolves a plain (unquoted) scalar as go-yaml v2 does.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || first == b'+' || first == b'-' || first == b'.') {
        return Value::Str(text.to_owned());
    }
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(v) = parse_go_int(&plain) {
        return v;
    }
    if is_yaml_style_float(&plain)
        && let Ok(f) = plain.parse::<f64>()
    {
        return Value::Float(f);
    }
    if let Some(bits) = plain.strip_prefix("-0b")
        && let Ok(v) = i64::from_str_radix(bits, 2)
    {
        return Value::Int(-v);
    }
    Value::Str(text.to_owned())
}

/// Go's `strconv.ParseInt(s, 0, 64)` then `ParseUint(s, 0, 64)`: optional sign, then `0x`/`0X` hex, `0o`/`0O` or a
/// leading `0` octal, `0b`/`0B` binary, or decimal.
fn parse_go_int(s: &str) -> Option<Value> {
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let lower = digits.get(..2).map(|p| p.to_ascii_lowercase());
    let (radix, body) = match lower.as_deref() {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ if digits.len() > 1 && digits.starts_with('0') => (8, &digits[1..]),
        _ => (10, digits),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(body, radix).ok()?;
    if negative {
        if magnitude <= i64::MAX as u64 + 1 {
            return Some(Value::Int((magnitude as i64).wrapping_neg()));
        }
        return None;
    }
    match i64::try_from(magnitude) {
        Ok(v) => Some(Value::Int(v)),
        Err(_) => Some(Value::Uint(magnitude)),
    }
}

/// go-yaml v2's float syntax: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The string sigs.k8s.io/yaml makes of a non-string mapping key.
pub fn key_text(value: &Value, source: &str) -> String {
    match value {
        Value::Str(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) => format_float(*f),
        Value::Null => "null".into(),
        Value::Seq(_) | Value::Map(_) => source.to_owned(),
    }
}

/// A float as Go's `strconv.FormatFloat(f, 'g', -1, 64)` writes integral and simple values.
pub fn format_float(f: f64) -> String {
    if f.is_infinite() {
        return if f > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    if f.is_nan() {
        return "NaN".into();
    }
    let s = format!("{f}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_booleans() {
        for t in ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"] {
            assert_eq!(resolve_plain(t), Value::Bool(true), "{t}");
        }
        for t in [
            "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
        ] {
            assert_eq!(resolve_plain(t), Value::Bool(false), "{t}");
        }
        assert_eq!(resolve_plain("yES"), Value::Str("yES".into()));
        assert_eq!(resolve_plain("maybe"), Value::Str("maybe".into()));
    }

    #[test]
    fn go_integers_and_floats() {
        assert_eq!(resolve_plain("0644"), Value::Int(420));
        assert_eq!(resolve_plain("0o644"), Value::Int(420));
        assert_eq!(resolve_plain("0x1F"), Value::Int(31));
        assert_eq!(resolve_plain("0b101"), Value::Int(5));
        assert_eq!(resolve_plain("-0b101"), Value::Int(-5));
        assert_eq!(resolve_plain("1_000"), Value::Int(1000));
        assert_eq!(resolve_plain("+12"), Value::Int(12));
        assert_eq!(resolve_plain("-12"), Value::Int(-12));
        assert_eq!(resolve_plain("08"), Value::Float(8.0));
        assert_eq!(resolve_plain("1e3"), Value::Float(1000.0));
        assert_eq!(resolve_plain("1.5"), Value::Float(1.5));
        assert_eq!(resolve_plain(".5"), Value::Float(0.5));
        assert_eq!(resolve_plain("18446744073709551615"), Value::Uint(u64::MAX));
        assert_eq!(resolve_plain("1.2.3"), Value::Str("1.2.3".into()));
        assert_eq!(resolve_plain("100m"), Value::Str("100m".into()));
        assert_eq!(resolve_plain("="), Value::Str("=".into()));
        assert_eq!(resolve_plain("-"), Value::Str("-".into()));
        assert_eq!(resolve_plain("2024-01-01"), Value::Str("2024-01-01".into()));
        assert_eq!(resolve_plain("~"), Value::Null);
        assert!(matches!(resolve_plain(".nan"), Value::Float(f) if f.is_nan()));
    }
}
