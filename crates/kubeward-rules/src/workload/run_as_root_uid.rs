use crate::helpers::containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// A pod or container that explicitly runs as root: `runAsUser: 0` or `runAsGroup: 0` in the pod's or a
    /// container's `securityContext`.
    ///
    /// ## Why it matters
    /// Root in the container is root on the node's kernel. A container escape, a writable hostPath or a
    /// capability mistake turns into full control of the node, and root can read every file the image holds.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   runAsUser: 0
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// securityContext:
    ///   runAsUser: 10001
    ///   runAsGroup: 10001
    ///   runAsNonRoot: true
    /// ```
    ///
    /// ## References
    /// NSA/CISA Kubernetes Hardening Guide, "Use containers built to run applications as non-root users" ·
    /// Pod Security Standards, restricted, "Running as Non-root user"
    pub static RULE = {
        id: "workload.run-as-root-uid",
        title: "Runs as UID or GID 0",
        domain: Domain::Workload,
        stride: &[Stride::ElevationOfPrivilege],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Run as a non-zero UID and GID (runAsUser/runAsGroup) and set runAsNonRoot: true.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        peers: &[("kubescape", "C-0013"), ("checkov", "CKV_K8S_40"), ("kube-linter", "run-as-non-root"), ("polaris", "runAsRootAllowed")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let pod = view.spec.security_context.as_ref();
    let pod_path = view.spec_path().key("securityContext");
    for (field, value) in [
        ("runAsUser", pod.and_then(|s| s.run_as_user)),
        ("runAsGroup", pod.and_then(|s| s.run_as_group)),
    ] {
        if value == Some(0) {
            out.emit(&RULE, pod_path.key(field), format!("the pod sets {field}: 0 (root)"));
        }
    }
    for c in containers(view) {
        let sc = c.security_context();
        for (field, value) in [
            ("runAsUser", sc.and_then(|s| s.run_as_user)),
            ("runAsGroup", sc.and_then(|s| s.run_as_group)),
        ] {
            if value == Some(0) {
                out.emit(
                    &RULE,
                    c.path.key("securityContext").key(field),
                    format!("{} sets {field}: 0 (root)", c.describe()),
                );
            }
        }
    }
}
