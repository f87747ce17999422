//! Parsing image references the way container runtimes do: `[registry/]repository[:tag][@digest]`.

/// The parts of an image reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// Registry host, when the first component looks like one (has `.` or `:` or is `localhost`).
    pub registry: Option<&'a str>,
    pub repository: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

pub fn parse(image: &str) -> ImageRef<'_> {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    // A tag follows the last `:` after the last `/` (a `:` before it is a registry port).
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    let (registry, repository) = match name.split_once('/') {
        Some((first, path)) if first.contains('.') || first.contains(':') || first == "localhost" => {
            (Some(first), path)
        }
        _ => (None, name),
    };
    ImageRef {
        registry,
        repository,
        tag,
        digest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(
            parse("nginx"),
            ImageRef {
                registry: None,
                repository: "nginx",
                tag: None,
                digest: None
            }
        );
        assert_eq!(parse("registry:5000/team/app:1.2").registry, Some("registry:5000"));
        assert_eq!(parse("registry:5000/team/app:1.2").tag, Some("1.2"));
        assert_eq!(parse("registry:5000/team/app").tag, None);
        let d = parse("ghcr.io/acme/app@sha256:abc");
        assert_eq!(
            (d.registry, d.repository, d.tag, d.digest),
            (Some("ghcr.io"), "acme/app", None, Some("sha256:abc"))
        );
        assert_eq!(parse("library/nginx:latest").tag, Some("latest"));
    }
}
