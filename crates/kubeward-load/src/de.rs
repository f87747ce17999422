//! Decoding marked YAML nodes into typed objects with serde, failing the way the API server fails.
//!
//! Types are strict where Go's JSON decoder is strict (`privileged: "maybe"`, `replicas: many`, a number where a
//! string belongs: all rejected with the field's line and column) and lenient where it is lenient (`null` leaves
//! a field at its zero value, an integral float such as `08` or `1.0` fills an integer field).

use crate::node::{Key, Mark, Node, Value, format_float};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::fmt;

/// A decoding error with the position and path of the offending field.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub message: String,
    pub mark: Option<Mark>,
    /// Field path, outermost first, e.g. `spec.replicas`.
    pub path: String,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            mark: None,
            path: String::new(),
        }
    }
}

/// A path step kept on the stack while descending, so errors can name the field without allocating on success.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str, &'a Step<'a>),
    Index(usize, &'a Step<'a>),
}

impl Step<'_> {
    fn render(&self) -> String {
        let mut parts = Vec::new();
        let mut cur = self;
        loop {
            match cur {
                Step::Root => break,
                Step::Key(k, parent) => {
                    parts.push(format!(".{k}"));
                    cur = parent;
                }
                Step::Index(i, parent) => {
                    parts.push(format!("[{i}]"));
                    cur = parent;
                }
            }
        }
        parts.reverse();
        let s = parts.concat();
        s.strip_prefix('.').map(str::to_owned).unwrap_or(s)
    }
}

static ROOT: Step<'static> = Step::Root;

/// A serde deserializer over a node, for callers that pick the target type themselves.
pub fn deserializer(node: &Node) -> NodeDe<'_, 'static> {
    NodeDe {
        node,
        step: &ROOT,
        lenient: false,
    }
}

/// Like [`deserializer`], but a number or boolean where a string belongs is taken as its text, so an object
/// the API server would reject for that reason can still be evaluated after the error is reported.
pub fn lenient_deserializer(node: &Node) -> NodeDe<'_, 'static> {
    NodeDe {
        node,
        step: &ROOT,
        lenient: true,
    }
}

/// Deserializes `T` from a node.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(deserializer(node))
}

/// Fills in the position and path of an error raised below `node`, if it has none yet.
fn locate(mut e: DeError, node: &Node, step: &Step<'_>) -> DeError {
    if e.mark.is_none() {
        e.mark = Some(node.mark);
        e.path = step.render();
    }
    e
}

pub struct NodeDe<'de, 'a> {
    node: &'de Node,
    step: &'a Step<'a>,
    /// Accept a number or boolean where a string belongs, as its text (the second pass after a strict error).
    lenient: bool,
}

impl NodeDe<'_, '_> {
    fn invalid(&self, expected: &str) -> DeError {
        let found = match &self.node.value {
            Value::Str(s) if s.len() <= 40 => format!("string {s:?}"),
            Value::Bool(b) => format!("boolean {b}"),
            Value::Int(i) => format!("integer {i}"),
            Value::Float(f) => format!("number {}", format_float(*f)),
            _ => self.node.type_name().to_owned(),
        };
        DeError {
            message: format!("expected {expected}, found {found}"),
            mark: Some(self.node.mark),
            path: self.step.render(),
        }
    }

    fn integer(&self) -> Result<i128, DeError> {
        match self.node.value {
            Value::Int(i) => Ok(i128::from(i)),
            Value::Uint(u) => Ok(i128::from(u)),
            Value::Float(f) if f.fract() == 0.0 && f.is_finite() && f.abs() < 9.2e18 => Ok(f as i128),
            Value::Null => Ok(0),
            _ => Err(self.invalid("an integer")),
        }
    }
}

macro_rules! deserialize_int {
    ($($method:ident => $visit:ident, $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let v = self.integer()?;
            let v = <$ty>::try_from(v).map_err(|_| self.invalid(concat!("an integer that fits ", stringify!($ty))))?;
            visitor.$visit(v).map_err(|e| locate(e, self.node, self.step))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDe<'de, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Uint(u) => visitor.visit_u64(*u),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                index: 0,
                step: self.step,
                lenient: self.lenient,
            }),
            Value::Map(entries) => visitor.visit_map(MapDe {
                entries: entries.iter(),
                value: None,
                step: self.step,
                lenient: self.lenient,
            }),
        };
        r.map_err(|e| locate(e, self.node, self.step))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Null => visitor.visit_bool(false),
            _ => Err(self.invalid("a boolean")),
        }
    }

    deserialize_int! {
        deserialize_i8 => visit_i8, i8;
        deserialize_i16 => visit_i16, i16;
        deserialize_i32 => visit_i32, i32;
        deserialize_i64 => visit_i64, i64;
        deserialize_u8 => visit_u8, u8;
        deserialize_u16 => visit_u16, u16;
        deserialize_u32 => visit_u32, u32;
        deserialize_u64 => visit_u64, u64;
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Float(f) => visitor.visit_f64(f),
            Value::Int(i) => visitor.visit_f64(i as f64),
            Value::Uint(u) => visitor.visit_f64(u as f64),
            Value::Null => visitor.visit_f64(0.0),
            _ => Err(self.invalid("a number")),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Null => visitor.visit_borrowed_str(""),
            Value::Bool(b) if self.lenient => visitor.visit_string(b.to_string()),
            Value::Int(i) if self.lenient => visitor.visit_string(i.to_string()),
            Value::Uint(u) if self.lenient => visitor.visit_string(u.to_string()),
            Value::Float(f) if self.lenient => visitor.visit_string(format_float(*f)),
            _ => Err(self.invalid("a string")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        static EMPTY: [Node; 0] = [];
        let items = match &self.node.value {
            Value::Seq(items) => items.as_slice(),
            Value::Null => &EMPTY,
            _ => return Err(self.invalid("a list")),
        };
        visitor
            .visit_seq(SeqDe {
                items: items.iter(),
                index: 0,
                step: self.step,
                lenient: self.lenient,
            })
            .map_err(|e| locate(e, self.node, self.step))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        static EMPTY: [(Key, Node); 0] = [];
        let entries = match &self.node.value {
            Value::Map(entries) => entries.as_slice(),
            Value::Null => &EMPTY,
            _ => return Err(self.invalid("a mapping")),
        };
        visitor
            .visit_map(MapDe {
                entries: entries.iter(),
                value: None,
                step: self.step,
                lenient: self.lenient,
            })
            .map_err(|e| locate(e, self.node, self.step))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(s) => visitor
                .visit_enum(s.as_str().into_deserializer())
                .map_err(|e: DeError| locate(e, self.node, self.step)),
            _ => Err(self.invalid("a string")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Unknown fields are skipped without walking them.
        visitor.visit_unit()
    }
}

struct SeqDe<'de, 'a> {
    items: std::slice::Iter<'de, Node>,
    index: usize,
    step: &'a Step<'a>,
    lenient: bool,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let step = Step::Index(self.index, self.step);
        self.index += 1;
        seed.deserialize(NodeDe {
            node,
            step: &step,
            lenient: self.lenient,
        })
        .map(Some)
        .map_err(|e| locate(e, node, &step))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'de, 'a> {
    entries: std::slice::Iter<'de, (Key, Node)>,
    value: Option<&'de (Key, Node)>,
    step: &'a Step<'a>,
    lenient: bool,
}

impl<'de> de::MapAccess<'de> for MapDe<'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        let key: de::value::BorrowedStrDeserializer<'de, DeError> =
            de::value::BorrowedStrDeserializer::new(entry.0.text.as_str());
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, node) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("value without key"))?;
        let step = Step::Key(&key.text, self.step);
        seed.deserialize(NodeDe {
            node,
            step: &step,
            lenient: self.lenient,
        })
        .map_err(|e| locate(e, node, &step))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse_chunk;
    use kubeward_core::k8s::{PodBody, WorkloadBody};

    fn node(text: &str) -> Node {
        parse_chunk(text, 1).documents.remove(0)
    }

    #[test]
    fn yes_is_true_for_booleans() {
        let n = node("spec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: yes\n");
        let pod: PodBody = from_node(&n).unwrap();
        let c = &pod.spec.unwrap().containers[0];
        assert_eq!(c.security_context.as_ref().unwrap().privileged, Some(true));
    }

    #[test]
    fn wrong_types_name_the_field_and_position() {
        let n = node("spec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: \"maybe\"\n");
        let err = from_node::<PodBody>(&n).unwrap_err();
        assert_eq!(err.path, "spec.containers[0].securityContext.privileged");
        assert_eq!(err.mark, Some(Mark { line: 5, column: 19 }));
        assert!(err.message.contains("expected a boolean"), "{}", err.message);

        let n = node("spec:\n  replicas: many\n");
        let err = from_node::<WorkloadBody>(&n).unwrap_err();
        assert_eq!(err.path, "spec.replicas");
        assert_eq!(err.mark.unwrap().line, 2);
    }

    #[test]
    fn numbers_are_not_strings_but_integral_floats_are_integers() {
        let n = node("spec:\n  containers:\n  - name: a\n    env:\n    - name: PORT\n      value: 8080\n");
        let err = from_node::<PodBody>(&n).unwrap_err();
        assert_eq!(err.path, "spec.containers[0].env[0].value");
        let n = node("spec:\n  replicas: 08\n");
        let w: WorkloadBody = from_node(&n).unwrap();
        assert_eq!(w.spec.unwrap().replicas, Some(8));
    }

    #[test]
    fn nulls_leave_zero_values() {
        let n = node("spec:\n  containers:\n  - name:\n    securityContext:\n");
        let pod: PodBody = from_node(&n).unwrap();
        let c = &pod.spec.unwrap().containers[0];
        assert_eq!(c.name, "");
        assert!(c.security_context.is_none());
    }
}
