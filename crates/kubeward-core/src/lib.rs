//! kubeward's engine core: the object model every door fills, field paths and source maps, findings and the risk
//! model (STRIDE, DREAD, severity), the rule registry API, configuration and suppressions, and the scan pipeline
//! that ties them together. No IO happens here.

pub mod engine;
pub mod finding;
pub mod inventory;
pub mod k8s;
pub mod object;
pub mod path;
pub mod risk;
pub mod rule;
pub mod settings;

pub use finding::{Finding, InputError, Location, Notice};
pub use inventory::Inventory;
pub use object::{Object, ObjectRef, Origin, PodTemplateView};
pub use path::{FieldPath, SourceMap};
pub use risk::{Dread, Severity, Stride};
pub use rule::{Check, Context, Domain, Emitter, RuleMeta};
pub use settings::{Config, Settings};
