//! File paths as SARIF artifact URIs.

use std::path::{Component, Path};

/// The URI SARIF gives a file: `stdin` for `-`; the path relative to `cwd` when the file is inside it; a relative
/// path as given (without `./`); any other absolute path as a `file://` URI. Segments are joined with `/` whatever
/// the platform, and characters a URI cannot hold are percent-encoded (UTF-8), `:` included, so a first segment
/// is never read as a scheme.
pub fn artifact_uri(file: &str, cwd: Option<&Path>) -> String {
    if file == "-" {
        return "stdin".to_owned();
    }
    let path = Path::new(file);
    if path.has_root() || path.is_absolute() {
        if let Some(relative) = cwd.and_then(|c| path.strip_prefix(c).ok()) {
            let uri = join(relative);
            return if uri.is_empty() { ".".to_owned() } else { uri };
        }
        return absolute_file_uri(path);
    }
    join(path)
}

/// The normal segments of a relative path, encoded and joined with `/`.
fn join(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        let segment = match c {
            Component::CurDir => continue,
            Component::ParentDir => "..".into(),
            Component::Normal(s) => s.to_string_lossy(),
            Component::RootDir | Component::Prefix(_) => continue,
        };
        if !out.is_empty() {
            out.push('/');
        }
        encode_segment(&segment, &mut out);
    }
    out
}

/// `file:///a/b`, or `file:///C:/a/b` for a Windows drive path.
fn absolute_file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for c in path.components() {
        match c {
            Component::Prefix(p) => {
                out.push('/');
                // The drive (`C:`) keeps its colon, as file URIs write it.
                out.push_str(&p.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => {}
            Component::CurDir => continue,
            Component::ParentDir => out.push_str("/.."),
            Component::Normal(s) => {
                out.push('/');
                encode_segment(&s.to_string_lossy(), &mut out);
            }
        }
    }
    if out == "file://" {
        out.push('/');
    }
    out
}

/// Appends one path segment, percent-encoding every byte that is not unreserved, a sub-delimiter or `@`.
fn encode_segment(segment: &str, out: &mut String) {
    for &b in segment.as_bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_absolute_stdin_and_encoding() {
        let cwd = Some(Path::new("/work/app"));
        assert_eq!(artifact_uri("-", cwd), "stdin");
        assert_eq!(artifact_uri("/work/app/deploy/pod.yaml", cwd), "deploy/pod.yaml");
        assert_eq!(artifact_uri("/work/application/pod.yaml", cwd), "file:///work/application/pod.yaml");
        assert_eq!(artifact_uri("/etc/k8s/pod.yaml", None), "file:///etc/k8s/pod.yaml");
        assert_eq!(artifact_uri("./deploy//pod.yaml", cwd), "deploy/pod.yaml");
        assert_eq!(artifact_uri("../other/pod.yaml", cwd), "../other/pod.yaml");
        assert_eq!(artifact_uri("my app/50%#?.yaml", cwd), "my%20app/50%25%23%3F.yaml");
        assert_eq!(artifact_uri("cluster:prod", cwd), "cluster%3Aprod");
        assert_eq!(artifact_uri("déploiement.yaml", None), "d%C3%A9ploiement.yaml");
        assert_eq!(artifact_uri("/work/app", cwd), ".");
        assert_eq!(artifact_uri("/", None), "file:///");
    }
}
