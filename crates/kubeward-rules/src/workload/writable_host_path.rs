use crate::helpers::containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// `hostPath` volumes that some container mounts without `readOnly: true`.
    ///
    /// ## Why it matters
    /// A writable host path lets the container change files on the node: plant binaries or cron jobs that run as
    /// root on the host, alter other pods' data, or fill the node's disk.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    /// - name: agent
    ///   volumeMounts: [{name: logs, mountPath: /host/logs}]
    /// volumes:
    /// - {name: logs, hostPath: {path: /var/log}}
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    ///   volumeMounts: [{name: logs, mountPath: /host/logs, readOnly: true}]
    /// ```
    ///
    /// ## References
    /// kubescape C-0045 "Writable hostPath mount" · MITRE ATT&CK for Containers T1611 (Escape to Host)
    pub static RULE = {
        id: "workload.writable-host-path",
        title: "Writable hostPath mount",
        domain: Domain::Workload,
        stride: &[Stride::Tampering, Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Mount the hostPath volume with readOnly: true, or use another volume type.",
        references: &["https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"],
        peers: &[("kubescape", "C-0045"), ("kube-linter", "writable-host-mount")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    for c in containers(view) {
        for (i, m) in c.container.volume_mounts.iter().enumerate() {
            let Some(v) = view.spec.volumes.iter().find(|v| v.name == m.name) else {
                continue;
            };
            let Some(hp) = &v.host_path else { continue };
            if m.read_only != Some(true) {
                out.emit(
                    &RULE,
                    c.path.key("volumeMounts").index(i),
                    format!(
                        "{} mounts hostPath {:?} (volume {:?}) writable at {}",
                        c.describe(),
                        hp.path,
                        v.name,
                        m.mount_path
                    ),
                );
            }
        }
    }
}
