//! Namespace labels, the dry run and the exempt-namespace warning, with upstream's exact strings.

use kubeward_core::k8s::{ObjectMeta, PodBody, PodSpec};
use kubeward_pss::namespace::{
    Budget, DryRunPod, Policy, dry_run_warnings, exempt_namespace_warning, policy_from_labels,
};
use kubeward_pss::{Level, LevelVersion, Version};
use std::collections::BTreeMap;

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (format!("pod-security.kubernetes.io/{k}"), v.to_string()))
        .collect()
}

fn lv(s: &str) -> LevelVersion {
    let (l, v) = s.split_once(':').unwrap();
    LevelVersion {
        level: Level::parse(l).unwrap(),
        version: Version::parse(v).unwrap(),
    }
}

#[test]
fn labels_resolve_with_warn_defaulting() {
    let d = Policy::default();
    let (p, e) = policy_from_labels(&labels(&[("enforce", "restricted"), ("enforce-version", "v1.25")]), &d);
    assert!(e.is_empty());
    assert_eq!(p.enforce, lv("restricted:v1.25"));
    assert_eq!(p.warn, lv("restricted:v1.25"), "warn follows enforce");
    assert_eq!(p.audit, lv("privileged:latest"), "audit never follows enforce");
    // An explicit warn version label is kept.
    let (p, _) = policy_from_labels(&labels(&[("enforce", "baseline"), ("warn-version", "v1.20")]), &d);
    assert_eq!(p.warn, lv("baseline:v1.20"));
    // A warn level label stops the defaulting.
    let (p, _) = policy_from_labels(&labels(&[("enforce", "restricted"), ("warn", "baseline")]), &d);
    assert_eq!(p.warn, lv("baseline:latest"));
    // No labels: the defaults verbatim.
    assert_eq!(policy_from_labels(&BTreeMap::new(), &d).0, d);
}

#[test]
fn invalid_labels_fail_closed_for_enforce_and_open_for_the_others() {
    let (p, e) = policy_from_labels(
        &labels(&[
            ("enforce", "Restricted"),
            ("enforce-version", "v1.07"),
            ("audit", "strict"),
            ("warn-version", "2"),
        ]),
        &Policy::default(),
    );
    assert_eq!(p.enforce, lv("restricted:latest"));
    assert_eq!(p.audit, lv("privileged:latest"));
    assert_eq!(p.warn.version, Version::Latest);
    let messages: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            r#"metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "Restricted": must be one of privileged, baseline, restricted"#,
            r#"metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "v1.07": must be "latest" or "v1.x""#,
            r#"metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: "strict": must be one of privileged, baseline, restricted"#,
            r#"metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: "2": must be "latest" or "v1.x""#,
        ]
    );
}

fn spec(json: serde_json::Value) -> PodSpec {
    serde_json::from_value::<PodBody>(serde_json::json!({ "spec": json }))
        .unwrap()
        .spec
        .unwrap()
}

#[test]
fn dry_run_groups_orders_and_counts() {
    let plain = spec(serde_json::json!({"containers": [{"name": "c"}]}));
    let privileged = spec(serde_json::json!({"containers": [{"name": "c", "securityContext": {"privileged": true}}]}));
    let kata = spec(
        serde_json::json!({"runtimeClassName": "kata", "containers": [{"name": "c", "securityContext": {"privileged": true}}]}),
    );
    let m = ObjectMeta::default();
    let pod = |name, controller, spec| DryRunPod {
        name,
        controller,
        metadata: &m,
        spec,
    };
    let pods = [
        pod("web-2", Some("rs-1"), &plain),
        pod("nginx", None, &plain),
        pod("web-1", Some("rs-1"), &plain),
        pod("db", None, &privileged),
        pod("sandboxed", None, &kata),
        pod("web-3", Some("rs-1"), &plain),
    ];
    let warnings = dry_run_warnings(
        "shop",
        &lv("restricted:latest"),
        &pods,
        &["kata".into()],
        Budget::default(),
    );
    assert_eq!(
        warnings,
        [
            r#"existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest""#,
            "db: privileged, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile",
            "nginx (and 3 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile",
        ]
    );
    // Limits: only the first pod checked; controllers' first pods come first.
    let warnings = dry_run_warnings(
        "shop",
        &lv("baseline:latest"),
        &pods,
        &[],
        Budget {
            max_pods: 2,
            time: std::time::Duration::from_secs(1),
        },
    );
    assert_eq!(
        warnings[0],
        "new PodSecurity enforce level only checked against the first 2 of 6 existing pods"
    );
    assert_eq!(warnings.len(), 1, "web-2 and nginx pass baseline: {warnings:?}");
    // Two pods in a group say "1 other pod".
    let two = [pod("b", None, &privileged), pod("a", None, &privileged)];
    let warnings = dry_run_warnings("x", &lv("baseline:v1.30"), &two, &[], Budget::default());
    assert_eq!(warnings[1], "a (and 1 other pod): privileged");
    assert!(dry_run_warnings("x", &lv("privileged:latest"), &two, &[], Budget::default()).is_empty());
}

#[test]
fn exempt_namespace_warning_text() {
    let l = labels(&[
        ("enforce", "restricted"),
        ("enforce-version", "v1.0"),
        ("audit", "restricted"),
        ("warn", "baseline"),
    ]);
    let d = Policy::default();
    let (p, _) = policy_from_labels(&l, &d);
    assert_eq!(
        exempt_namespace_warning("test", &l, &p, &d).as_deref(),
        Some(
            r#"namespace "test" is exempt from Pod Security, and the policy (enforce=restricted:v1.0, audit=restricted:latest, warn=baseline:latest) will be ignored"#
        )
    );
    let none = labels(&[("enforce", "privileged")]);
    let (p, _) = policy_from_labels(&none, &d);
    assert_eq!(exempt_namespace_warning("test", &none, &p, &d), None);
}
