//! `.kubeward.yaml`: which rules run and how severe they are, what is ignored and why, and the settings rules
//! read (allowed registries, the Pod Security level).

use crate::risk::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The configuration file, as written by users. Unknown keys are errors, so a typo never silently disables a
/// setting.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Config {
    pub rules: RulesConfig,
    pub ignore: Vec<Ignore>,
    pub images: ImagesConfig,
    pub pss: PssConfig,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct RulesConfig {
    /// Rule ids or globs (`pss.*`, `all`) to turn on, including rules off by default.
    pub enable: Vec<String>,
    /// Rule ids or globs to turn off. See [`Config::rule_enabled`] for how the two lists combine.
    pub disable: Vec<String>,
    /// Severity per rule id or glob; the last matching entry wins.
    pub severity: BTreeMap<String, Severity>,
}

/// One ignore entry: which findings, why, until when.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Ignore {
    /// Rule id or glob; required.
    pub rule: String,
    /// Glob on the file path the finding is in (`deploy/legacy/**`).
    pub path: Option<String>,
    /// Glob on `Kind/namespace/name` (or `Kind/name` for cluster-scoped objects).
    pub object: Option<String>,
    /// Why the findings are accepted; required.
    pub reason: String,
    /// `YYYY-MM-DD`; from that day on the entry no longer applies and is reported.
    pub expires: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ImagesConfig {
    /// Registries images may come from (`registry.example.com`, `ghcr.io/acme`). Empty: the rule is off.
    pub allowed_registries: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct PssConfig {
    pub level: Option<String>,
    pub version: Option<String>,
}

/// Effective settings of one run: the configuration file merged with command-line flags.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Config,
    /// Pod Security level for `pss.*` findings: `baseline` or `restricted`.
    pub pss_level: String,
    /// Pod Security version: `latest` or `v1.N`.
    pub pss_version: String,
    /// Today as `YYYY-MM-DD`, for ignore expiry.
    pub today: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            config: Config::default(),
            pss_level: "restricted".into(),
            pss_version: "latest".into(),
            today: today(),
        }
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_date(secs / 86_400)
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
pub fn civil_date(days: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Whether `YYYY-MM-DD` is a valid calendar date in that form.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(_), Some(m), Some(d)) => (1..=12).contains(&m) && (1..=31).contains(&d),
        _ => false,
    }
}

/// Glob match with `*` (any run of characters except `/`), `**` (any run including `/`) and `?`.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                let rest = &p[2..];
                let rest = rest.strip_prefix(b"/").filter(|_| !rest.is_empty()).unwrap_or(rest);
                (0..=t.len()).any(|i| go(rest, &t[i..])) || (p.len() > 2 && p[2] == b'/' && go(&p[3..], t))
            }
            Some(b'*') => {
                let rest = &p[1..];
                let mut i = 0;
                loop {
                    if go(rest, &t[i..]) {
                        return true;
                    }
                    if i >= t.len() || t[i] == b'/' {
                        return false;
                    }
                    i += 1;
                }
            }
            Some(b'?') => !t.is_empty() && t[0] != b'/' && go(&p[1..], &t[1..]),
            Some(c) => t.first() == Some(c) && go(&p[1..], &t[1..]),
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

/// Rule-id matching in `enable`/`disable`/`severity`: an exact id, a glob, or `all`.
pub fn rule_pattern_matches(pattern: &str, id: &str) -> bool {
    pattern == "all" || pattern == id || glob_match(pattern, id)
}

impl Config {
    /// Whether a rule runs. The most specific entry wins: an exact id in `disable`, then an exact id in
    /// `enable`, then a glob (or `all`) in `disable`, then one in `enable`, then the rule's default. So
    /// `disable: [all]` with `enable: [image.latest-or-untagged]` runs that one rule.
    pub fn rule_enabled(&self, id: &str, enabled_by_default: bool) -> bool {
        let exact = |list: &[String]| list.iter().any(|p| p == id);
        let glob = |list: &[String]| list.iter().any(|p| rule_pattern_matches(p, id));
        if exact(&self.rules.disable) {
            false
        } else if exact(&self.rules.enable) {
            true
        } else if glob(&self.rules.disable) {
            false
        } else {
            glob(&self.rules.enable) || enabled_by_default
        }
    }

    /// Severity configured for a rule, if any.
    pub fn severity_override(&self, id: &str) -> Option<Severity> {
        self.rules
            .severity
            .iter()
            .filter(|(p, _)| rule_pattern_matches(p, id))
            .map(|(_, s)| *s)
            .next_back()
    }

    /// Problems in the configuration that make entries unusable, as messages.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, ig) in self.ignore.iter().enumerate() {
            if ig.rule.trim().is_empty() {
                out.push(format!("ignore[{i}]: `rule` is required"));
            }
            if ig.reason.trim().is_empty() {
                out.push(format!(
                    "ignore[{i}]: `reason` is required (say why the finding is accepted)"
                ));
            }
            if let Some(e) = &ig.expires
                && !is_date(e)
            {
                out.push(format!("ignore[{i}]: `expires` must be a date YYYY-MM-DD, got {e:?}"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("pss.*", "pss.privileged"));
        assert!(!glob_match("pss.*", "workload.no-probes"));
        assert!(glob_match("deploy/**", "deploy/a/b.yaml"));
        assert!(glob_match("deploy/**/*.yaml", "deploy/b.yaml"));
        assert!(glob_match("deploy/*.yaml", "deploy/b.yaml"));
        assert!(!glob_match("deploy/*.yaml", "deploy/a/b.yaml"));
        assert!(glob_match("Deployment/*/web", "Deployment/shop/web"));
        assert!(glob_match("?b", "ab"));
    }

    #[test]
    fn dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_416), "2025-11-24");
        assert!(is_date("2026-01-31"));
        assert!(!is_date("2026-1-31"));
        assert!(!is_date("2026-13-01"));
    }

    #[test]
    fn enable_disable() {
        let mut c = Config::default();
        assert!(c.rule_enabled("a.b", true));
        assert!(!c.rule_enabled("a.b", false));
        c.rules.enable.push("a.*".into());
        assert!(c.rule_enabled("a.b", false));
        c.rules.disable.push("a.b".into());
        assert!(!c.rule_enabled("a.b", true));
        let mut only = Config::default();
        only.rules.disable.push("all".into());
        only.rules.enable.push("x.y".into());
        assert!(only.rule_enabled("x.y", true));
        assert!(!only.rule_enabled("x.z", true));
    }
}
