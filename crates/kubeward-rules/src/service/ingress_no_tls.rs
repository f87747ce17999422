use super::ingress_spec;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, FieldPath, Object, Stride, rule};

rule! {
    /// ## What it checks
    /// Ingresses that route traffic (rules or a default backend) without any `tls` section, and Ingresses whose TLS
    /// entries do not cover some of their rule hosts.
    ///
    /// ## Why it matters
    /// Plain HTTP exposes credentials, session cookies and data to anyone on the path, and lets them change
    /// responses in flight.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   rules: [{host: shop.example.com, http: {paths: [...]}}]
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// spec:
    ///   tls: [{hosts: [shop.example.com], secretName: shop-tls}]
    ///   rules: [{host: shop.example.com, http: {paths: [...]}}]
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Ingress: TLS" · OWASP ASVS V9 (communication security)
    pub static RULE = {
        id: "ingress.no-tls",
        title: "Ingress without TLS",
        domain: Domain::Service,
        stride: &[Stride::InformationDisclosure, Stride::Tampering, Stride::Spoofing],
        dread: Dread::new(2, 3, 2, 3, 3),
        remediation: "Add a tls section covering every host (cert-manager can issue the certificates).",
        references: &["https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"],
        check: Check::Object(check),
    };
}

fn check(o: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(spec) = ingress_spec(o) else { return };
    if spec.rules.is_empty() && spec.default_backend.is_none() && spec.backend.is_none() {
        return;
    }
    if spec.tls.is_empty() {
        out.emit(
            &RULE,
            FieldPath::root().key("spec"),
            format!("Ingress {} serves plain HTTP: it has no tls section", o.name()),
        );
        return;
    }
    let covered: Vec<&str> = spec
        .tls
        .iter()
        .flat_map(|t| t.hosts.iter().map(String::as_str))
        .collect();
    for (i, r) in spec.rules.iter().enumerate() {
        let Some(host) = r.host.as_deref() else { continue };
        let wildcard_covers = |c: &str| {
            c.strip_prefix("*.")
                .is_some_and(|d| host.split_once('.').is_some_and(|(_, rest)| rest == d))
        };
        if !covered.iter().any(|c| *c == host || wildcard_covers(c)) {
            out.emit(
                &RULE,
                FieldPath::root().keys("spec.rules").index(i).key("host"),
                format!(
                    "Ingress {} serves host {host} without TLS: no tls entry lists it",
                    o.name()
                ),
            );
        }
    }
}
