use kubeward_core::k8s::Body;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Pods and pod templates that get a service account token mounted: `automountServiceAccountToken` is not
    /// `false` on the pod, nor on its ServiceAccount when that ServiceAccount is in the input. kubeward cannot know
    /// whether the application calls the Kubernetes API; most do not.
    ///
    /// ## Why it matters
    /// Every process in the pod can read the token and act as the service account. A compromised application that
    /// never needed the API hands its RBAC permissions to the attacker.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   containers: [{name: web, image: web:1.0}]
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// spec:
    ///   automountServiceAccountToken: false
    ///   containers: [{name: web, image: web:1.0}]
    /// ```
    /// Or set `automountServiceAccountToken: false` on the ServiceAccount; workloads that need the API use a
    /// projected token volume with a short expiry and an audience.
    ///
    /// ## References
    /// CIS Kubernetes Benchmark 5.1.6 · Kubernetes docs, "Configure Service Accounts for Pods"
    pub static RULE = {
        id: "workload.service-account-token-automount",
        title: "Service account token mounted",
        domain: Domain::Workload,
        stride: &[Stride::ElevationOfPrivilege, Stride::Spoofing],
        dread: Dread::new(2, 2, 2, 1, 2),
        remediation: "Set automountServiceAccountToken: false on the pod or its ServiceAccount unless it calls the API.",
        references: &["https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"],
        peers: &[("kubescape", "C-0034"), ("checkov", "CKV_K8S_38"), ("kube-bench", "5.1.6")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, object: &Object, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let pod_setting = view.spec.automount_service_account_token;
    if pod_setting == Some(false) {
        return;
    }
    let sa_name = view.spec.effective_service_account();
    let namespace = object.namespace().unwrap_or("");
    let sa_setting = ctx
        .inventory
        .service_account(namespace, sa_name)
        .and_then(|o| match &o.body {
            Body::ServiceAccount(sa) => Some(sa.automount_service_account_token),
            _ => None,
        });
    // The pod's own setting wins over the ServiceAccount's.
    if pod_setting.is_none() && sa_setting == Some(Some(false)) {
        return;
    }
    let why = match (pod_setting, sa_setting) {
        (Some(true), _) => "the pod sets automountServiceAccountToken: true".to_owned(),
        (_, Some(_)) => {
            format!("neither the pod nor ServiceAccount {sa_name:?} sets automountServiceAccountToken: false")
        }
        _ => format!(
            "the pod does not set automountServiceAccountToken: false (ServiceAccount {sa_name:?} is not in the input)"
        ),
    };
    out.emit(
        &RULE,
        view.spec_path().key("automountServiceAccountToken"),
        format!("the token of service account {sa_name:?} is mounted: {why}"),
    );
}
