//! Kubernetes object types, reduced to the fields kubeward reads.
//!
//! These are kubeward's own types rather than k8s-openapi's: every field is optional (old `extensions/v1beta1`
//! manifests and partial templates still decode), unknown fields are ignored, and the structs stay small so that a
//! scan of 100,000 objects fits in a few hundred MiB. Field names follow the Kubernetes API exactly.

pub mod kinds;
pub mod meta;
pub mod pod;

pub use kinds::*;
pub use meta::*;
pub use pod::*;
