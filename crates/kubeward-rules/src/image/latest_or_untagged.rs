use super::reference::parse;
use crate::helpers::containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers whose image has no tag or the tag `latest`, and no digest.
    ///
    /// ## Why it matters
    /// A mutable tag means the code that runs is whatever the registry serves at pull time: a compromised or
    /// careless push reaches production on the next restart, different nodes can run different code, and a
    /// rollback cannot name what it rolls back to.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    /// - name: web
    ///   image: nginx
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// containers:
    /// - name: web
    ///   image: nginx:1.27.3@sha256:...   # a version tag, pinned by digest
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Images: image names" and "Configuration best practices" · NSA/CISA Kubernetes Hardening
    /// Guide, "Image scanning"
    pub static RULE = {
        id: "image.latest-or-untagged",
        title: "Image without a fixed tag",
        domain: Domain::Image,
        stride: &[Stride::Tampering],
        dread: Dread::new(2, 2, 2, 2, 2),
        remediation: "Use an immutable version tag, ideally pinned by digest (image@sha256:...).",
        references: &["https://kubernetes.io/docs/concepts/containers/images/"],
        peers: &[("kubescape", "C-0075"), ("checkov", "CKV_K8S_14"), ("kube-linter", "latest-tag"), ("polaris", "tagNotSpecified")],
        check: Check::PodTemplate(check),
    };
}

fn check(view: &PodTemplateView<'_>, _: &Object, _: &Context<'_>, out: &mut Emitter<'_>) {
    for c in containers(view) {
        let Some(image) = c.container.image.as_deref().filter(|i| !i.is_empty()) else {
            continue;
        };
        let r = parse(image);
        if r.digest.is_some() {
            continue;
        }
        let problem = match r.tag {
            None => "has no tag (defaults to latest)",
            Some("latest") => "uses the mutable tag latest",
            Some(_) => continue,
        };
        out.emit(
            &RULE,
            c.path.key("image"),
            format!("{} image {image:?} {problem}", c.describe()),
        );
    }
}
