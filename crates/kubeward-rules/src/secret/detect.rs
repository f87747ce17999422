//! Recognising credentials by name and by shape, without ever returning the value.

/// What a variable or key name suggests it holds, if it looks like a credential: `password`, `token`, ...
pub fn name_suggests(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase().replace(['-', '.'], "_");
    // Names that point at a credential rather than hold it.
    const POINTERS: [&str; 9] = [
        "_FILE",
        "_PATH",
        "_URL",
        "_URI",
        "_NAME",
        "_ENDPOINT",
        "_DIR",
        "_REF",
        "_HEADER",
    ];
    if POINTERS.iter().any(|p| upper.ends_with(p)) {
        return None;
    }
    let words: Vec<&str> = upper.split('_').filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    let joined = words.concat();
    if has("PASSWORD") || has("PASSWD") || has("PASS") && has("DB") || joined.contains("PASSWORD") {
        Some("a password")
    } else if joined.contains("PRIVATEKEY") {
        Some("a private key")
    } else if joined.contains("APIKEY") || joined.contains("ACCESSKEY") || joined.contains("SECRETKEY") {
        Some("an API or access key")
    } else if has("TOKEN") || joined.ends_with("TOKEN") {
        Some("a token")
    } else if has("SECRET") || joined.contains("CLIENTSECRET") {
        Some("a secret")
    } else if has("CREDENTIAL") || has("CREDENTIALS") || has("CREDS") {
        Some("credentials")
    } else {
        None
    }
}

fn run_of(s: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    s.iter().take_while(|&&b| pred(b)).count()
}

/// What a value looks like, if it has the shape of a well-known credential.
pub fn value_looks_like(value: &str) -> Option<&'static str> {
    let b = value.as_bytes();
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    for (i, _) in value.match_indices("eyJ") {
        let rest = &value[i..];
        let parts: Vec<&str> = rest.splitn(3, '.').collect();
        if parts.len() == 3 && parts[1].starts_with("eyJ") && parts[0].len() > 10 && parts[1].len() > 10 {
            return Some("a JSON Web Token");
        }
    }
    for start in 0..b.len() {
        let rest = &b[start..];
        if (rest.starts_with(b"AKIA") || rest.starts_with(b"ASIA"))
            && run_of(&rest[4..], |c| c.is_ascii_uppercase() || c.is_ascii_digit()) >= 16
        {
            return Some("an AWS access key id");
        }
        if rest.len() >= 40
            && [b"ghp_", b"gho_", b"ghs_", b"ghu_", b"ghr_"]
                .iter()
                .any(|p| rest.starts_with(*p))
            && run_of(&rest[4..], |c| c.is_ascii_alphanumeric()) >= 36
        {
            return Some("a GitHub token");
        }
        if rest.starts_with(b"xox") && rest.len() > 5 && b"baprs".contains(&rest[3]) && rest[4] == b'-' {
            return Some("a Slack token");
        }
        if rest.starts_with(b"AIza")
            && run_of(&rest[4..], |c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_') >= 35
        {
            return Some("a Google API key");
        }
    }
    None
}

/// Whether a literal value is a reference or placeholder rather than a credential (`$(VAR)`, `${VAR}`, empty).
pub fn is_reference(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || (v.starts_with("$(") && v.ends_with(')')) || (v.starts_with("${") && v.ends_with('}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name_suggests("DB_PASSWORD"), Some("a password"));
        assert_eq!(name_suggests("postgres-password"), Some("a password"));
        assert_eq!(name_suggests("GITHUB_TOKEN"), Some("a token"));
        assert_eq!(name_suggests("AWS_SECRET_ACCESS_KEY"), Some("an API or access key"));
        assert_eq!(name_suggests("client.secret"), Some("a secret"));
        assert_eq!(name_suggests("TOKEN_URL"), None);
        assert_eq!(name_suggests("PASSWORD_FILE"), None);
        assert_eq!(name_suggests("LOG_LEVEL"), None);
        assert_eq!(name_suggests("SECRETARY_NAME"), None);
    }

    #[test]
    fn values() {
        assert_eq!(value_looks_like("AKIAIOSFODNN7EXAMPLE"), Some("an AWS access key id"));
        assert_eq!(
            value_looks_like("-----BEGIN RSA PRIVATE KEY-----\nMII"),
            Some("a private key")
        );
        assert_eq!(
            value_looks_like("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig"),
            Some("a JSON Web Token")
        );
        assert_eq!(
            value_looks_like(&format!("ghp_{}", "a".repeat(36))),
            Some("a GitHub token")
        );
        assert_eq!(value_looks_like("xoxb-123-456"), Some("a Slack token"));
        assert_eq!(
            value_looks_like(&format!("AIza{}", "b".repeat(35))),
            Some("a Google API key")
        );
        assert_eq!(value_looks_like("hello world"), None);
        assert!(is_reference("$(DB_PASSWORD)") && is_reference("${X}") && !is_reference("hunter2"));
    }
}
