use crate::helpers::containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Secrets exposed as environment variables: `env[].valueFrom.secretKeyRef` and `envFrom[].secretRef`.
    ///
    /// ## Why it matters
    /// Environment variables leak: they are inherited by every child process, printed in crash reports and debug
    /// endpoints, and readable from `/proc/<pid>/environ` by anything sharing the process namespace. Files mounted
    /// from a Secret can be read-only, scoped to one container, and rotated without a restart.
    ///
    /// ## Example
    /// ```yaml
    /// env:
    /// - name: DB_PASSWORD
    ///   valueFrom: {secretKeyRef: {name: db, key: password}}
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// volumeMounts: [{name: db, mountPath: /run/secrets/db, readOnly: true}]
    /// volumes: [{name: db, secret: {secretName: db}}]
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Good practices for Kubernetes Secrets" · checkov CKV_K8S_35
    pub static RULE = {
        id: "secret.env-from-secret",
        title: "Secret exposed as environment variable",
        domain: Domain::Secret,
        stride: &[Stride::InformationDisclosure],
        dread: Dread::new(2, 2, 1, 1, 2),
        remediation: "Mount the Secret as a read-only file instead of exposing it in the environment.",
        references: &["https://kubernetes.io/docs/concepts/security/secrets-good-practices/"],
        peers: &[("checkov", "CKV_K8S_35")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    for c in containers(view) {
        for (i, e) in c.container.env.iter().enumerate() {
            if let Some(r) = e.value_from.as_ref().and_then(|v| v.secret_key_ref.as_ref()) {
                out.emit(
                    &RULE,
                    c.path.key("env").index(i).keys("valueFrom.secretKeyRef"),
                    format!(
                        "{} exposes key {:?} of Secret {:?} as environment variable {}",
                        c.describe(),
                        r.key,
                        r.name.as_deref().unwrap_or(""),
                        e.name
                    ),
                );
            }
        }
        for (i, f) in c.container.env_from.iter().enumerate() {
            if let Some(r) = &f.secret_ref {
                out.emit(
                    &RULE,
                    c.path.key("envFrom").index(i).key("secretRef"),
                    format!(
                        "{} exposes every key of Secret {:?} as environment variables",
                        c.describe(),
                        r.name.as_deref().unwrap_or("")
                    ),
                );
            }
        }
    }
}
