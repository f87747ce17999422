//! Rules: static metadata with documentation, and the check that emits findings.
//!
//! A rule file declares one `RuleMeta` with the [`rule!`](crate::rule!) macro, which keeps the doc comment as the
//! rule's documentation (`kubeward explain`, generated docs, SARIF help) so the text is written once.

use crate::inventory::Inventory;
use crate::object::{Object, PodTemplateView};
use crate::path::FieldPath;
use crate::risk::{Dread, Severity, Stride};
use crate::settings::Settings;

/// What a check looks at.
#[derive(Clone, Copy)]
pub enum Check {
    /// Called once for every pod spec: Pods and the templates of workloads.
    PodTemplate(fn(&PodTemplateView<'_>, &Object, &Context<'_>, &mut Emitter<'_>)),
    /// Called once for every object.
    Object(fn(&Object, &Context<'_>, &mut Emitter<'_>)),
    /// Called once per run with the whole inventory; findings name their object.
    Inventory(fn(&Context<'_>, &mut InventoryEmitter<'_>)),
    /// Findings come from an engine shared by several rules (Pod Security), run once per pod for all of them.
    Shared(&'static SharedCheck),
    /// An inventory-wide engine shared by several rules (the CIS control-plane checks), run once per scan.
    SharedInventory(&'static SharedInventoryCheck),
    /// The rule is evaluated elsewhere (audit detectors, node checks) and listed here for `rules` and `explain`.
    None,
}

/// A check that serves several rules at once.
pub struct SharedCheck {
    pub name: &'static str,
    pub run: fn(&PodTemplateView<'_>, &Object, &Context<'_>, &mut Emitter<'_>),
}

/// An inventory-wide check that serves several rules at once.
pub struct SharedInventoryCheck {
    pub name: &'static str,
    pub run: fn(&Context<'_>, &mut InventoryEmitter<'_>),
}

/// Where the rule applies; `kubeward rules` groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    PodSecurity,
    Workload,
    Image,
    Secret,
    Service,
    Network,
    Namespace,
    Rbac,
    ControlPlane,
    Node,
    Runtime,
    Audit,
    Config,
}

impl Domain {
    pub fn name(self) -> &'static str {
        match self {
            Domain::PodSecurity => "pod-security",
            Domain::Workload => "workload",
            Domain::Image => "image",
            Domain::Secret => "secret",
            Domain::Service => "service",
            Domain::Network => "network",
            Domain::Namespace => "namespace",
            Domain::Rbac => "rbac",
            Domain::ControlPlane => "control-plane",
            Domain::Node => "node",
            Domain::Runtime => "runtime",
            Domain::Audit => "audit",
            Domain::Config => "config",
        }
    }
}

/// Everything `kubeward rules` and `kubeward explain` know about a rule, and its check.
pub struct RuleMeta {
    /// Stable id, a contract with users' configuration: `workload.no-probes`, `pss.privileged`, `cis.1.2.1`.
    pub id: &'static str,
    pub title: &'static str,
    pub domain: Domain,
    /// The rule's documentation in Markdown: What it checks / Why it matters / Example / Fix / References.
    pub doc: &'static str,
    pub stride: &'static [Stride],
    /// Default DREAD vector; the default severity derives from it.
    pub dread: Dread,
    /// One-line remediation shown with every finding.
    pub remediation: &'static str,
    pub references: &'static [&'static str],
    /// Corresponding rule ids in other tools: (`kubescape`, `C-0017`), (`checkov`, `CKV_K8S_22`), ...
    pub peers: &'static [(&'static str, &'static str)],
    pub enabled_by_default: bool,
    pub check: Check,
}

impl RuleMeta {
    /// Defaults for the optional parts of a rule declaration.
    pub const DEFAULT: RuleMeta = RuleMeta {
        id: "",
        title: "",
        domain: Domain::Workload,
        doc: "",
        stride: &[],
        dread: Dread::new(2, 2, 2, 2, 2),
        remediation: "",
        references: &[],
        peers: &[],
        enabled_by_default: true,
        check: Check::None,
    };

    pub fn severity(&self) -> Severity {
        self.dread.severity()
    }

    /// The documentation with the one leading space of each `///` line removed.
    pub fn documentation(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned()
    }
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// Declares a rule: its doc comment becomes [`RuleMeta::doc`]; the other fields are those of [`RuleMeta`], any
/// left out take [`RuleMeta::DEFAULT`].
#[macro_export]
macro_rules! rule {
    ($(#[doc = $doc:literal])* $vis:vis static $name:ident = { $($field:ident : $value:expr),* $(,)? };) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            doc: concat!($($doc, "\n"),*),
            $($field: $value,)*
            ..$crate::rule::RuleMeta::DEFAULT
        };
    };
}

/// What a check can read: the whole inventory (other objects, indexes) and the run's settings.
pub struct Context<'a> {
    pub inventory: &'a Inventory,
    pub settings: &'a Settings,
}

/// A finding as a rule emits it, before configuration, suppressions and locations are applied.
#[derive(Debug, Clone)]
pub struct RawFinding {
    pub rule: &'static RuleMeta,
    /// Index of the object in the inventory.
    pub object: usize,
    pub path: FieldPath,
    pub message: String,
}

/// Collects the findings of one check on one object.
pub struct Emitter<'a> {
    pub(crate) object: usize,
    pub(crate) out: &'a mut Vec<RawFinding>,
}

impl<'a> Emitter<'a> {
    pub fn new(object: usize, out: &'a mut Vec<RawFinding>) -> Self {
        Emitter { object, out }
    }

    /// Reports that `rule` fails at `path` of the current object.
    pub fn emit(&mut self, rule: &'static RuleMeta, path: FieldPath, message: impl Into<String>) {
        self.out.push(RawFinding {
            rule,
            object: self.object,
            path,
            message: message.into(),
        });
    }
}

/// Collects the findings of an inventory-wide check; each names its object.
pub struct InventoryEmitter<'a> {
    pub(crate) out: &'a mut Vec<RawFinding>,
}

impl<'a> InventoryEmitter<'a> {
    pub fn new(out: &'a mut Vec<RawFinding>) -> Self {
        InventoryEmitter { out }
    }

    pub fn emit(&mut self, rule: &'static RuleMeta, object: usize, path: FieldPath, message: impl Into<String>) {
        self.out.push(RawFinding {
            rule,
            object,
            path,
            message: message.into(),
        });
    }
}
