//! `windowsHostProcess` (baseline, 1.0). Reason `hostProcess`; detail
//! `<setters> must not set securityContext.windowsOptions.hostProcess=true`.

use super::{containers, fail, spec_path};
use crate::format::containers_phrase;
use crate::{Failure, Pod};

pub fn v1_0(pod: &Pod<'_>) -> Option<Failure> {
    let mut setters = Vec::new();
    let mut paths = Vec::new();
    let host_process =
        |w: Option<&kubeward_core::k8s::WindowsSecurityContextOptions>| w.and_then(|w| w.host_process) == Some(true);
    if host_process(
        pod.spec
            .security_context
            .as_ref()
            .and_then(|s| s.windows_options.as_ref()),
    ) {
        setters.push("pod".to_owned());
        paths.push(spec_path("securityContext.windowsOptions.hostProcess"));
    }
    let mut names = Vec::new();
    for c in containers(pod) {
        if host_process(
            c.container
                .security_context
                .as_ref()
                .and_then(|s| s.windows_options.as_ref()),
        ) {
            names.push(c.container.name.as_str());
            paths.push(c.path_to("securityContext.windowsOptions.hostProcess"));
        }
    }
    if !names.is_empty() {
        setters.push(containers_phrase(&names));
    }
    if setters.is_empty() {
        return None;
    }
    fail(
        "hostProcess",
        format!(
            "{} must not set securityContext.windowsOptions.hostProcess=true",
            setters.join(" and ")
        ),
        paths,
    )
}
