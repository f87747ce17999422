use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// `hostPath` volumes that mount a sensitive part of the node: `/`, `/etc`, `/proc`, `/sys`, `/boot`, `/dev`,
    /// `/root`, `/home`, `/var/log`, `/var/lib/kubelet`, `/var/lib/etcd`, `/etc/kubernetes`, and the container
    /// runtime sockets (`/var/run/docker.sock`, `/run/containerd/containerd.sock`, `/var/run/crio/crio.sock`,
    /// `/run/podman`), or any path below them.
    ///
    /// ## Why it matters
    /// These paths hold the node's credentials (kubelet and etcd keys, kubeconfigs), its configuration and the
    /// runtime socket that starts privileged containers at will. Mounting them hands the node, and often the
    /// cluster, to whoever controls the container.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    /// - name: docker
    ///   hostPath: {path: /var/run/docker.sock}
    /// ```
    ///
    /// ## Fix
    /// Remove the volume. Build images with a rootless builder (BuildKit rootless, Kaniko) instead of the node's
    /// runtime, and read logs through the logging pipeline instead of `/var/log`.
    ///
    /// ## References
    /// MITRE ATT&CK for Containers T1611 (Escape to Host) · kubescape C-0048 · Pod Security Standards, baseline,
    /// "HostPath Volumes"
    pub static RULE = {
        id: "workload.host-path-sensitive",
        title: "Sensitive host path mounted",
        domain: Domain::Workload,
        stride: &[Stride::ElevationOfPrivilege, Stride::InformationDisclosure, Stride::Tampering],
        dread: Dread::new(3, 3, 3, 3, 2),
        remediation: "Do not mount the node's system paths or runtime sockets; use a dedicated volume type instead.",
        references: &["https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"],
        peers: &[("kubescape", "C-0048"), ("checkov", "CKV_K8S_27"), ("kube-linter", "sensitive-host-mounts"), ("kube-linter", "docker-sock")],
        check: Check::PodTemplate(check),
    };
}

/// Host paths whose exposure compromises the node; a mount of any path below them counts too.
const SENSITIVE: &[&str] = &[
    "/etc",
    "/proc",
    "/sys",
    "/boot",
    "/dev",
    "/root",
    "/home",
    "/var/log",
    "/var/lib/kubelet",
    "/var/lib/etcd",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/var/run/containerd",
    "/run/containerd",
    "/var/run/crio",
    "/run/crio",
    "/run/podman",
    "/var/run/podman",
];

/// The sensitive prefix a host path falls under, normalising trailing slashes. `/` itself is the worst case.
fn sensitive_prefix(path: &str) -> Option<&'static str> {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() && path.starts_with('/') {
        return Some("/");
    }
    SENSITIVE
        .iter()
        .copied()
        .find(|p| trimmed == *p || trimmed.strip_prefix(p).is_some_and(|rest| rest.starts_with('/')))
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    for (i, v) in view.spec.volumes.iter().enumerate() {
        let Some(hp) = &v.host_path else { continue };
        if let Some(prefix) = sensitive_prefix(&hp.path) {
            let what = if prefix == hp.path.trim_end_matches('/') || prefix == "/" {
                String::new()
            } else {
                format!(" (under {prefix})")
            };
            out.emit(
                &RULE,
                view.spec_path().key("volumes").index(i).keys("hostPath.path"),
                format!("volume {:?} mounts the node's {:?}{what}", v.name, hp.path),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sensitive_prefix;

    #[test]
    fn prefixes() {
        assert_eq!(sensitive_prefix("/"), Some("/"));
        assert_eq!(sensitive_prefix("/etc/"), Some("/etc"));
        assert_eq!(sensitive_prefix("/etc/kubernetes/pki"), Some("/etc"));
        assert_eq!(sensitive_prefix("/etcd-data"), None);
        assert_eq!(sensitive_prefix("/var/run/docker.sock"), Some("/var/run/docker.sock"));
        assert_eq!(sensitive_prefix("/data"), None);
    }
}
