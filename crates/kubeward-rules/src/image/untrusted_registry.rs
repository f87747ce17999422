use super::reference::parse;
use crate::helpers::containers;
use kubeward_core::{Check, Context, Domain, Dread, Emitter, Object, PodTemplateView, Stride, rule};

rule! {
    /// ## What it checks
    /// Images from a registry that is not in `images.allowedRegistries` of `.kubeward.yaml`. An entry matches the
    /// registry host (`registry.example.com`) or a host and path prefix (`ghcr.io/acme`) at a `/` boundary; an image
    /// without a registry is `docker.io` (`docker.io/library/` for one-part names). Off while the list is empty.
    ///
    /// ## Why it matters
    /// Images from anywhere bypass the scanning, signing and provenance checks of the registries the organisation
    /// controls; typosquatted public images are a known supply-chain attack.
    ///
    /// ## Example
    /// ```yaml
    /// image: docker.io/someone/tool:1.0
    /// ```
    ///
    /// ## Fix
    /// Mirror the image into an allowed registry, then:
    /// ```yaml
    /// image: registry.example.com/mirror/tool:1.0
    /// ```
    ///
    /// ## References
    /// NSA/CISA Kubernetes Hardening Guide, "Image scanning" · kubescape C-0001
    pub static RULE = {
        id: "image.untrusted-registry",
        title: "Image from a registry that is not allowed",
        domain: Domain::Image,
        stride: &[Stride::Tampering, Stride::Spoofing],
        dread: Dread::new(3, 2, 2, 2, 2),
        remediation: "Pull images only from the registries in images.allowedRegistries.",
        references: &["https://kubernetes.io/docs/concepts/containers/images/"],
        peers: &[("kubescape", "C-0001"), ("kubescape", "C-0078")],
        check: Check::PodTemplate(check),
    };
}

/// The image with its implied registry (`nginx` → `docker.io/library/nginx`).
fn full_name(image: &str) -> String {
    let r = parse(image);
    match r.registry {
        Some(reg) => format!("{reg}/{}", r.repository),
        None if r.repository.contains('/') => format!("docker.io/{}", r.repository),
        None => format!("docker.io/library/{}", r.repository),
    }
}

pub fn allowed(image: &str, registries: &[String]) -> bool {
    let name = full_name(image);
    registries.iter().any(|r| {
        let r = r.trim_end_matches('/');
        name == r || name.strip_prefix(r).is_some_and(|rest| rest.starts_with('/'))
    })
}

fn check(view: &PodTemplateView<'_>, _: &Object, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let registries = &ctx.settings.config.images.allowed_registries;
    if registries.is_empty() {
        return;
    }
    for c in containers(view) {
        let Some(image) = c.container.image.as_deref().filter(|i| !i.is_empty()) else {
            continue;
        };
        if !allowed(image, registries) {
            out.emit(
                &RULE,
                c.path.key("image"),
                format!(
                    "{} image {image:?} ({}) is not from an allowed registry",
                    c.describe(),
                    full_name(image)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn registry_prefixes() {
        let allow = vec![
            "registry.example.com".to_owned(),
            "ghcr.io/acme".to_owned(),
            "docker.io/library".to_owned(),
        ];
        assert!(allowed("registry.example.com/app:1", &allow));
        assert!(allowed("ghcr.io/acme/tool@sha256:abc", &allow));
        assert!(!allowed("ghcr.io/acme-evil/tool:1", &allow));
        assert!(!allowed("registry.example.com.evil.io/app:1", &allow));
        assert!(allowed("nginx:1.27", &allow));
        assert!(!allowed("someone/nginx:1.27", &allow));
    }
}
