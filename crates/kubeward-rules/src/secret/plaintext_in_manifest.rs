use kubeward_core::k8s::Body;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Secret manifests that carry their values (`data` or `stringData`) in the file. Service-account token Secrets
    /// without data, and empty Secrets, are not flagged. The finding counts the keys, never shows them.
    ///
    /// ## Why it matters
    /// `data` is base64, not encryption: a Secret committed to a repository is readable by everyone with access to
    /// the repository and its history, forever.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Secret
    /// stringData:
    ///   password: hunter2
    /// ```
    ///
    /// ## Fix
    /// Keep the manifest without values and fill it from a secret store (External Secrets Operator, Sealed
    /// Secrets, SOPS, Vault), or create the Secret outside version control.
    ///
    /// ## References
    /// Kubernetes docs, "Good practices for Kubernetes Secrets" · CWE-312
    pub static RULE = {
        id: "secret.plaintext-in-manifest",
        title: "Secret values committed in a manifest",
        domain: Domain::Secret,
        stride: &[Stride::InformationDisclosure],
        dread: Dread::new(3, 3, 2, 2, 2),
        remediation: "Do not commit Secret values; use a secret store or sealed/encrypted secrets.",
        references: &["https://kubernetes.io/docs/concepts/security/secrets-good-practices/"],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Body::Secret(s) = &o.body else { return };
    let keys = s.data.len() + s.string_data.len() + s.binary_data.len();
    if keys == 0 {
        return;
    }
    let field = if !s.string_data.is_empty() {
        "stringData"
    } else if !s.data.is_empty() {
        "data"
    } else {
        "binaryData"
    };
    out.emit(
        &RULE,
        FieldPath::root().key(field),
        format!(
            "Secret {} ({}) carries {keys} value{} in the manifest",
            o.name(),
            s.type_.as_deref().unwrap_or("Opaque"),
            if keys == 1 { "" } else { "s" }
        ),
    );
}
