use super::detect::{is_reference, name_suggests, value_looks_like};
use crate::helpers::containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Environment variables whose literal `value` looks like a credential: the variable's name suggests one
    /// (`PASSWORD`, `TOKEN`, `SECRET`, `API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`, `CREDENTIALS`, but not `TOKEN_URL` or
    /// `PASSWORD_FILE`), or the value has the shape of a known credential (AWS access key ids, private keys, JSON Web
    /// Tokens, GitHub, Slack and Google API tokens). References such as `$(VAR)` are ignored. The finding names the
    /// variable, never the value.
    ///
    /// ## Why it matters
    /// A credential in a manifest is in version control, in every rendered chart, in the API server's storage and in
    /// the output of `kubectl get -o yaml` for anyone who can read the workload.
    ///
    /// ## Example
    /// ```yaml
    /// env:
    /// - name: DB_PASSWORD
    ///   value: hunter2
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// volumeMounts: [{name: db, mountPath: /run/secrets/db, readOnly: true}]
    /// volumes: [{name: db, secret: {secretName: db}}]
    /// ```
    /// Keep the value in a Secret (managed by an external secret store), mounted as a file.
    ///
    /// ## References
    /// Kubernetes docs, "Good practices for Kubernetes Secrets" · CWE-798 (hard-coded credentials)
    pub static RULE = {
        id: "secret.in-env-literal",
        title: "Credential in an environment variable",
        domain: Domain::Secret,
        stride: &[Stride::InformationDisclosure, Stride::Spoofing],
        dread: Dread::new(3, 3, 2, 2, 3),
        remediation: "Move the credential into a Secret and mount it as a file.",
        references: &["https://kubernetes.io/docs/concepts/security/secrets-good-practices/"],
        peers: &[("kubescape", "C-0012")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    for c in containers(view) {
        for (i, e) in c.container.env.iter().enumerate() {
            let Some(value) = e.value.as_deref().filter(|v| !is_reference(v)) else {
                continue;
            };
            let why = match (value_looks_like(value), name_suggests(&e.name)) {
                (Some(shape), _) => format!("its value looks like {shape}"),
                (None, Some(kind)) => format!("its name suggests {kind}"),
                (None, None) => continue,
            };
            out.emit(
                &RULE,
                c.path.key("env").index(i).key("value"),
                format!(
                    "{} sets environment variable {} to a literal credential: {why}",
                    c.describe(),
                    e.name
                ),
            );
        }
    }
}
