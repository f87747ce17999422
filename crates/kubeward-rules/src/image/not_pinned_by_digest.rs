use super::reference::parse;
use crate::helpers::containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Container images referenced by tag only, without an `@sha256:` digest.
    ///
    /// ## Why it matters
    /// A tag can be moved: whoever can push to the repository (or a compromised registry) changes what runs on the
    /// next pull without any change to the manifest. A digest names the exact image reviewed and scanned.
    ///
    /// ## Example
    /// ```yaml
    /// image: registry.example.com/app:1.4.2
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// image: registry.example.com/app:1.4.2@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
    /// ```
    ///
    /// ## References
    /// NSA/CISA Kubernetes Hardening Guide, "Supply chain" · SLSA, "Verified reproducible references"
    pub static RULE = {
        id: "image.not-pinned-by-digest",
        title: "Image not pinned by digest",
        domain: Domain::Image,
        stride: &[Stride::Tampering],
        dread: Dread::new(2, 1, 1, 2, 1),
        remediation: "Reference the image by digest (name:tag@sha256:...).",
        references: &["https://kubernetes.io/docs/concepts/containers/images/#image-names"],
        peers: &[("checkov", "CKV_K8S_43")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    for c in containers(view) {
        let Some(image) = c.container.image.as_deref().filter(|i| !i.is_empty()) else {
            continue;
        };
        if parse(image).digest.is_none() {
            out.emit(
                &RULE,
                c.path.key("image"),
                format!("{} image {image:?} is not pinned by digest", c.describe()),
            );
        }
    }
}
