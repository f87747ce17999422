use super::reference::parse;
use crate::helpers::containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Containers with a mutable image reference (a tag without digest) whose `imagePullPolicy` is set to something
    /// other than `Always`. Kubernetes defaults the policy to `Always` for `:latest` and untagged images, so those are
    /// flagged only when the policy is set explicitly.
    ///
    /// ## Why it matters
    /// With `IfNotPresent` a node keeps running whatever image it pulled first under that tag, and any pod can use
    /// an image cached on the node without the registry checking its pull credentials.
    ///
    /// ## Example
    /// ```yaml
    /// image: registry.example.com/app:stable
    /// imagePullPolicy: IfNotPresent
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// image: registry.example.com/app:stable
    /// imagePullPolicy: Always
    /// ```
    /// Or pin the image by digest, which makes the policy irrelevant.
    ///
    /// ## References
    /// Kubernetes docs, "Images: image pull policy" · CIS Kubernetes Benchmark 1.2.11 (AlwaysPullImages)
    pub static RULE = {
        id: "image.pull-policy-not-always",
        title: "Mutable image not always pulled",
        domain: Domain::Image,
        stride: &[Stride::Tampering, Stride::InformationDisclosure],
        dread: Dread::new(2, 1, 1, 2, 1),
        remediation: "Set imagePullPolicy: Always, or pin the image by digest.",
        references: &["https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"],
        peers: &[("checkov", "CKV_K8S_15")],
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
        let policy = match c.container.image_pull_policy.as_deref() {
            Some(p) => p,
            // Defaulted: Always for latest or no tag, IfNotPresent otherwise.
            None if matches!(r.tag, None | Some("latest")) => continue,
            None => "IfNotPresent (default for a tagged image)",
        };
        if policy != "Always" {
            out.emit(
                &RULE,
                c.path.key("imagePullPolicy"),
                format!("{} pulls mutable image {image:?} with policy {policy}", c.describe()),
            );
        }
    }
}
