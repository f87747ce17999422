use super::detect::{is_reference, name_suggests, value_looks_like};
use kubeward_core::k8s::Body;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// ConfigMap entries that look like credentials: a key whose name suggests one (`password`, `token`,
    /// `api_key`, ...) with a non-empty value, or any value with the shape of a known credential (private keys,
    /// AWS access key ids, JSON Web Tokens, GitHub, Slack and Google API tokens). The finding names the key, never
    /// the value.
    ///
    /// ## Why it matters
    /// ConfigMaps are not treated as secret: they are readable by roles that cannot read Secrets (`view`), are not
    /// encrypted at rest with Secrets' providers, and are printed freely by tools.
    ///
    /// ## Example
    /// ```yaml
    /// kind: ConfigMap
    /// data:
    ///   db_password: hunter2
    /// ```
    ///
    /// ## Fix
    /// Move the entry into a Secret and mount or reference it from there.
    ///
    /// ## References
    /// Kubernetes docs, "ConfigMaps" ("ConfigMap does not provide secrecy or encryption") · CWE-312
    pub static RULE = {
        id: "secret.in-configmap",
        title: "Credential in a ConfigMap",
        domain: Domain::Secret,
        stride: &[Stride::InformationDisclosure],
        dread: Dread::new(3, 3, 2, 2, 3),
        remediation: "Move the credential into a Secret.",
        references: &["https://kubernetes.io/docs/concepts/configuration/configmap/"],
        peers: &[("kubescape", "C-0012")],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Body::ConfigMap(cm) = &o.body else { return };
    for (key, value) in &cm.data {
        let why = match (value_looks_like(value), name_suggests(key)) {
            (Some(shape), _) => format!("its value looks like {shape}"),
            (None, Some(kind)) if !is_reference(value) && !value.contains('\n') => format!("its name suggests {kind}"),
            _ => continue,
        };
        out.emit(
            &RULE,
            FieldPath::root().key("data").key(key),
            format!("ConfigMap {} key {key:?} holds a credential: {why}", o.name()),
        );
    }
}
