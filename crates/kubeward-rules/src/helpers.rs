//! Field walks shared by rules, so no rule repeats them.

use kubeward_core::k8s::{Container, ContainerKind, SecurityContext};
use kubeward_core::{FieldPath, PodTemplateView};

/// A container of a pod spec with its field path.
pub struct ContainerAt<'a> {
    pub container: &'a Container,
    pub kind: ContainerKind,
    pub path: FieldPath,
}

impl ContainerAt<'_> {
    pub fn security_context(&self) -> Option<&SecurityContext> {
        self.container.security_context.as_ref()
    }

    /// `container "name"`, `init container "name"` or `ephemeral container "name"`, for messages.
    pub fn describe(&self) -> String {
        let prefix = match self.kind {
            ContainerKind::Init => "init container",
            ContainerKind::Regular => "container",
            ContainerKind::Ephemeral => "ephemeral container",
        };
        format!("{prefix} {:?}", self.container.name)
    }
}

/// Every container of the pod (init, regular, ephemeral), with paths.
pub fn containers<'a>(view: &'a PodTemplateView<'a>) -> impl Iterator<Item = ContainerAt<'a>> + 'a {
    view.spec
        .all_containers()
        .map(move |(kind, index, container)| ContainerAt {
            container,
            kind,
            path: view.container_path(kind, index),
        })
}

/// Init and regular containers only: the ones that run for the pod's lifetime or start it. Ephemeral debug
/// containers have no resources or probes to set.
pub fn long_running_containers<'a>(view: &'a PodTemplateView<'a>) -> impl Iterator<Item = ContainerAt<'a>> + 'a {
    containers(view).filter(|c| c.kind != ContainerKind::Ephemeral)
}

/// The effective value of a security setting that exists both on the pod and on the container: the container's
/// own value wins.
pub fn effective<T: Copy>(container: Option<T>, pod: Option<T>) -> Option<T> {
    container.or(pod)
}
