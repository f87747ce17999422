use crate::helpers::containers;
use kubeward_core::k8s::ContainerKind;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Long-running containers (not init or ephemeral containers, not Jobs or CronJobs) with neither a liveness nor
    /// a readiness probe.
    ///
    /// ## Why it matters
    /// Without probes a hung or degraded container keeps receiving traffic and is never restarted: an attacker who
    /// wedges it (or a bug) turns into an outage nobody is alerted to.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    /// - name: api
    ///   image: api:2.0
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// containers:
    /// - name: api
    ///   image: api:2.0
    ///   readinessProbe: {httpGet: {path: /ready, port: 8080}}
    ///   livenessProbe: {httpGet: {path: /healthz, port: 8080}}
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Configure Liveness, Readiness and Startup Probes"
    pub static RULE = {
        id: "workload.no-probes",
        title: "No liveness or readiness probe",
        domain: Domain::Workload,
        stride: &[Stride::DenialOfService],
        dread: Dread::new(1, 2, 1, 2, 1),
        remediation: "Add a readinessProbe and a livenessProbe.",
        references: &["https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"],
        peers: &[("checkov", "CKV_K8S_8"), ("checkov", "CKV_K8S_9"), ("kube-linter", "no-liveness-probe"), ("kube-linter", "no-readiness-probe"), ("polaris", "livenessProbeMissing")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, object: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    if matches!(object.kind.as_str(), "Job" | "CronJob") {
        return;
    }
    for c in containers(view).filter(|c| c.kind == ContainerKind::Regular) {
        if c.container.liveness_probe.is_none() && c.container.readiness_probe.is_none() {
            out.emit(
                &RULE,
                c.path.clone(),
                format!("{} has neither a liveness nor a readiness probe", c.describe()),
            );
        }
    }
}
