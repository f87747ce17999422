//! Findings as sinks render them: the rule, the object, the field, where it is, and the risk.

use crate::object::ObjectRef;
use crate::path::FieldPath;
use crate::risk::{Dread, Severity};
use crate::rule::RuleMeta;
use serde::Serialize;
use std::sync::Arc;

/// Where a finding is in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Location {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    /// The Helm template that rendered the document (`# Source:` comment), if any.
    pub template: Option<Arc<str>>,
}

/// Why a finding does not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// `annotation`, `config` or `baseline`.
    pub kind: &'static str,
    pub reason: String,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// Shared by every finding of the object.
    pub object: Arc<ObjectRef>,
    pub path: FieldPath,
    pub location: Location,
    pub dread: Dread,
    /// Why the DREAD vector differs from the rule's default, one sentence per change.
    pub dread_reasons: Vec<String>,
    /// Stable across line moves: rule, kind, namespace, name and path.
    pub fingerprint: String,
    pub suppressed: Option<Suppression>,
}

/// A problem with the input that stopped part of it from being evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The object the error is in, when it is known (`Deployment/web`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    pub message: String,
    /// The object was still evaluated despite the error (a value of the wrong scalar type).
    #[serde(skip)]
    pub object_evaluated: bool,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        if let Some(o) = &self.object {
            write!(f, " ({o})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Something the user should know that is not an input error (an expired ignore, a skipped file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub message: String,
}

/// The stable fingerprint of a finding.
pub fn fingerprint(rule: &str, object: &ObjectRef, path: &FieldPath) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [
        rule,
        &object.kind,
        object.namespace.as_deref().unwrap_or(""),
        &object.name,
        path.as_str(),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}
