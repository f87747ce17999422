//! Exact messages for what the fixture corpus does not cover. Expected strings come from the reference
//! (`shared/reference/pod-security.md`) and upstream's `policy/check_*_test.go`.

use kubeward_core::k8s::{ObjectMeta, PodBody, PodSpec};
use kubeward_pss::{Level, LevelVersion, Version, check_ids_for, evaluate, normalize};
use serde_json::json;

fn pod(spec: serde_json::Value) -> PodSpec {
    serde_json::from_value::<PodBody>(json!({ "spec": spec }))
        .unwrap()
        .spec
        .unwrap()
}

fn meta(annotations: serde_json::Value) -> ObjectMeta {
    serde_json::from_value(json!({ "annotations": annotations })).unwrap()
}

fn lv(level: &str, version: &str) -> LevelVersion {
    LevelVersion {
        level: Level::parse(level).unwrap(),
        version: Version::parse(version).unwrap(),
    }
}

fn long(level: &str, version: &str, m: &ObjectMeta, spec: &PodSpec) -> String {
    evaluate(&lv(level, version), m, spec).long_form()
}

/// The one failure of `id`, as `reason (detail)`.
fn only(id: &str, level: &str, version: &str, m: &ObjectMeta, spec: &PodSpec) -> String {
    let e = evaluate(&lv(level, version), m, spec);
    let f: Vec<_> = e.failures.iter().filter(|f| f.id == id).collect();
    assert_eq!(f.len(), 1, "{id}: {}", e.long_form());
    format!("{} ({})", f[0].reason, f[0].detail)
}

#[test]
fn kubectl_example_restricted_latest() {
    let spec = pod(json!({"containers": [{"name": "nginx", "image": "nginx"}]}));
    assert_eq!(
        long("restricted", "latest", &ObjectMeta::default(), &spec),
        r#"allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#
    );
    let e = evaluate(&lv("restricted", "latest"), &ObjectMeta::default(), &spec);
    assert_eq!(
        e.short_form(),
        "allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile"
    );
    assert_eq!(lv("restricted", "latest").to_string(), "restricted:latest");
}

#[test]
fn several_violations_in_order() {
    let spec = pod(json!({
        "hostIPC": true,
        "containers": [{"name": "c", "image": "x", "securityContext": {"privileged": true, "runAsNonRoot": true,
            "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}}}]
    }));
    assert_eq!(
        long("baseline", "latest", &ObjectMeta::default(), &spec),
        r#"host namespaces (hostIPC=true), privileged (container "c" must not set securityContext.privileged=true)"#
    );
}

#[test]
fn visit_order_includes_ephemeral_containers() {
    let privileged = json!({"privileged": true});
    let spec = pod(json!({
        "ephemeralContainers": [{"name": "e", "securityContext": privileged}],
        "containers": [{"name": "c", "securityContext": privileged}],
        "initContainers": [{"name": "i", "securityContext": privileged}]
    }));
    assert_eq!(
        only("privileged", "baseline", "latest", &ObjectMeta::default(), &spec),
        r#"privileged (containers "i", "c", "e" must not set securityContext.privileged=true)"#
    );
}

#[test]
fn app_armor_fields_and_annotations() {
    let spec = pod(json!({
        "securityContext": {"appArmorProfile": {"type": "Unconfined"}},
        "containers": [{"name": "a", "securityContext": {"appArmorProfile": {"type": "Unconfined"}}},
                       {"name": "b", "securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}}]
    }));
    assert_eq!(
        only("appArmorProfile", "baseline", "v1.0", &ObjectMeta::default(), &spec),
        r#"forbidden AppArmor profile (pod and container "a" must not set AppArmor profile type to "Unconfined")"#
    );
    let m = meta(json!({
        "container.apparmor.security.beta.kubernetes.io/": "bogus",
        "container.apparmor.security.beta.kubernetes.io/a": "runtime/default",
        "container.apparmor.security.beta.kubernetes.io/b": "localhost/foo",
        "container.apparmor.security.beta.kubernetes.io/c": "",
        "container.apparmor.security.beta.kubernetes.io/e": "unconfined",
        "container.apparmor.security.beta.kubernetes.io/f": "unknown"
    }));
    let spec = pod(json!({"containers": [{"name": "a"}]}));
    assert_eq!(
        only("appArmorProfile", "baseline", "latest", &m, &spec),
        r#"forbidden AppArmor profiles (annotations must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/="bogus"", "container.apparmor.security.beta.kubernetes.io/e="unconfined"", "container.apparmor.security.beta.kubernetes.io/f="unknown"")"#
    );
    // An empty type on a present profile is forbidden.
    let spec = pod(json!({"containers": [{"name": "a", "securityContext": {"appArmorProfile": {}}}]}));
    assert_eq!(
        only("appArmorProfile", "baseline", "latest", &ObjectMeta::default(), &spec),
        r#"forbidden AppArmor profile (container "a" must not set AppArmor profile type to "")"#
    );
}

#[test]
fn capabilities_restricted_two_parts() {
    let spec = pod(json!({"containers": [
        {"name": "a", "securityContext": {"capabilities": {"add": ["FOO"]}}},
        {"name": "b", "securityContext": {"capabilities": {"add": ["BAR", "NET_BIND_SERVICE"]}}},
        {"name": "c", "securityContext": {"capabilities": {"drop": ["ALL"], "add": ["BAZ", "CHOWN"]}}},
        {"name": "d", "securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}
    ]}));
    assert_eq!(
        only(
            "capabilities_restricted",
            "restricted",
            "latest",
            &ObjectMeta::default(),
            &spec
        ),
        r#"unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add)"#
    );
    // Before 1.22 the baseline check runs instead, and CHOWN is a default capability.
    assert_eq!(
        only(
            "capabilities_baseline",
            "restricted",
            "v1.21",
            &ObjectMeta::default(),
            &spec
        ),
        r#"non-default capabilities (containers "a", "b", "c" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add)"#
    );
}

#[test]
fn host_ports_sorted_as_strings() {
    let spec = pod(json!({"containers": [
        {"name": "a", "ports": [{"containerPort": 1}]},
        {"name": "b", "ports": [{"containerPort": 1, "hostPort": 20}, {"containerPort": 2, "hostPort": 10}]},
        {"name": "c", "ports": [{"containerPort": 1, "hostPort": 30}, {"containerPort": 2, "hostPort": 10}]}
    ]}));
    assert_eq!(
        only("hostPorts", "baseline", "latest", &ObjectMeta::default(), &spec),
        "hostPort (containers \"b\", \"c\" use hostPorts 10, 20, 30)"
    );
    let spec = pod(
        json!({"containers": [{"name": "a", "ports": [{"containerPort": 1, "hostPort": 9}, {"containerPort": 1, "hostPort": 8080}, {"containerPort": 1, "hostPort": 10000}]}]}),
    );
    assert_eq!(
        only("hostPorts", "baseline", "latest", &ObjectMeta::default(), &spec),
        "hostPort (container \"a\" uses hostPorts 10000, 8080, 9)"
    );
}

#[test]
fn host_network_pod_gets_host_ports_but_templates_do_not() {
    let spec = pod(json!({"hostNetwork": true, "containers": [{"name": "a", "ports": [{"containerPort": 80}]}]}));
    let (mut m, mut as_pod) = (ObjectMeta::default(), spec.clone());
    normalize(&mut m, &mut as_pod, true);
    assert_eq!(
        long("baseline", "latest", &m, &as_pod),
        "host namespaces (hostNetwork=true), hostPort (container \"a\" uses hostPort 80)"
    );
    let (mut m, mut as_template) = (ObjectMeta::default(), spec);
    normalize(&mut m, &mut as_template, false);
    assert_eq!(
        long("baseline", "latest", &m, &as_template),
        "host namespaces (hostNetwork=true)"
    );
}

#[test]
fn host_probes_from_1_34() {
    let spec = pod(json!({"containers": [
        {"name": "a", "livenessProbe": {"httpGet": {"host": "localhost", "port": 80}},
         "readinessProbe": {"tcpSocket": {"host": "127.0.0.1", "port": 80}},
         "lifecycle": {"preStop": {"httpGet": {"host": "::1", "port": 80}}}}
    ]}));
    assert_eq!(
        only(
            "hostProbesAndHostLifecycle",
            "baseline",
            "v1.34",
            &ObjectMeta::default(),
            &spec
        ),
        r#"probe or lifecycle host (container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost")"#
    );
    assert!(evaluate(&lv("baseline", "v1.33"), &ObjectMeta::default(), &spec).allowed());
    let spec = pod(json!({"containers": [
        {"name": "invalid2", "startupProbe": {"httpGet": {"host": "b.com", "port": 80}}},
        {"name": "invalid1", "lifecycle": {"postStart": {"tcpSocket": {"host": "a.com", "port": 80}}}}
    ]}));
    assert_eq!(
        only(
            "hostProbesAndHostLifecycle",
            "baseline",
            "latest",
            &ObjectMeta::default(),
            &spec
        ),
        r#"probe or lifecycle host (containers "invalid1", "invalid2" use probe or lifecycle hosts "a.com", "b.com")"#
    );
}

#[test]
fn se_linux_options_and_container_engine_t() {
    let spec = pod(
        json!({"securityContext": {"seLinuxOptions": {"type": "foo", "user": "u", "role": "r"}}, "containers": [{"name": "a"}]}),
    );
    assert_eq!(
        only("seLinuxOptions", "baseline", "latest", &ObjectMeta::default(), &spec),
        "seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type \"foo\"; user may not be set; role may not be set)"
    );
    let spec = pod(json!({
        "securityContext": {"seLinuxOptions": {"type": "foo"}},
        "containers": [{"name": "d", "securityContext": {"seLinuxOptions": {"type": "container_t", "level": "s0"}}},
                       {"name": "e", "securityContext": {"seLinuxOptions": {"type": "bar"}}},
                       {"name": "f", "securityContext": {"seLinuxOptions": {"user": "u"}}},
                       {"name": "g", "securityContext": {"seLinuxOptions": {"role": "r"}}}]
    }));
    assert_eq!(
        only("seLinuxOptions", "baseline", "latest", &ObjectMeta::default(), &spec),
        r#"seLinuxOptions (pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set)"#
    );
    let engine = pod(
        json!({"containers": [{"name": "a", "securityContext": {"seLinuxOptions": {"type": "container_engine_t"}}}]}),
    );
    assert!(!evaluate(&lv("baseline", "v1.30"), &ObjectMeta::default(), &engine).allowed());
    assert!(evaluate(&lv("baseline", "v1.31"), &ObjectMeta::default(), &engine).allowed());
}

#[test]
fn seccomp_annotations_before_1_19_and_fields_after() {
    let m = meta(json!({
        "seccomp.security.alpha.kubernetes.io/pod": "unconfined",
        "container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
        "container.seccomp.security.alpha.kubernetes.io/b": "unknown",
        "container.seccomp.security.alpha.kubernetes.io/c": "runtime/default",
        "container.seccomp.security.alpha.kubernetes.io/z": "unconfined"
    }));
    let spec = pod(json!({"containers": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}));
    assert_eq!(
        only("seccompProfile_baseline", "baseline", "v1.18", &m, &spec),
        "seccompProfile (forbidden annotations container.seccomp.security.alpha.kubernetes.io/a=\"unconfined\", container.seccomp.security.alpha.kubernetes.io/b=\"unknown\", seccomp.security.alpha.kubernetes.io/pod=\"unconfined\")"
    );
    // From 1.19 only fields count: the annotations alone pass a template...
    assert!(evaluate(&lv("baseline", "v1.19"), &m, &spec).allowed());
    // ...but a Pod's annotations become fields on create, and then fail.
    let (mut pm, mut ps) = (m.clone(), spec.clone());
    normalize(&mut pm, &mut ps, true);
    assert_eq!(
        only("seccompProfile_baseline", "baseline", "v1.19", &pm, &ps),
        r#"seccompProfile (pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined")"#
    );
}

#[test]
fn seccomp_restricted_explicit_wins() {
    let spec = pod(json!({"securityContext": {"seccompProfile": {"type": "Unconfined"}},
        "containers": [{"name": "a"}, {"name": "b", "securityContext": {"seccompProfile": {"type": "Unconfined"}}}]}));
    assert_eq!(
        only(
            "seccompProfile_restricted",
            "restricted",
            "latest",
            &ObjectMeta::default(),
            &spec
        ),
        r#"seccompProfile (pod and container "b" must not set securityContext.seccompProfile.type to "Unconfined")"#
    );
    let spec = pod(
        json!({"containers": [{"name": "a"}, {"name": "b", "securityContext": {"seccompProfile": {"type": "Localhost"}}}, {"name": "c"}]}),
    );
    assert_eq!(
        only(
            "seccompProfile_restricted",
            "restricted",
            "latest",
            &ObjectMeta::default(),
            &spec
        ),
        r#"seccompProfile (pod or containers "a", "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#
    );
}

#[test]
fn run_as_non_root_and_run_as_user_with_user_namespaces() {
    let spec = pod(json!({"securityContext": {"runAsNonRoot": false, "runAsUser": 0},
        "containers": [{"name": "a"}, {"name": "b", "securityContext": {"runAsNonRoot": true}},
                       {"name": "c", "securityContext": {"runAsUser": 0}}, {"name": "d", "securityContext": {"runAsUser": 0}}]}));
    let m = ObjectMeta::default();
    assert_eq!(
        only("runAsNonRoot", "restricted", "latest", &m, &spec),
        "runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)"
    );
    assert_eq!(
        only("runAsUser", "restricted", "latest", &m, &spec),
        r#"runAsUser=0 (pod and containers "c", "d" must not set runAsUser=0)"#
    );
    let implicit = pod(
        json!({"containers": [{"name": "a"}, {"name": "b"}, {"name": "c", "securityContext": {"runAsNonRoot": true}}]}),
    );
    assert_eq!(
        only("runAsNonRoot", "restricted", "latest", &m, &implicit),
        r#"runAsNonRoot != true (pod or containers "a", "b" must set securityContext.runAsNonRoot=true)"#
    );
    // runAsUser exists from 1.23.
    assert!(!check_ids_for(&lv("restricted", "v1.22")).contains(&"runAsUser"));
    // hostUsers: false relaxes runAsNonRoot, runAsUser and baseline procMount from 1.35 only.
    let userns = pod(json!({"hostUsers": false, "securityContext": {"runAsUser": 0},
        "containers": [{"name": "a", "securityContext": {"procMount": "Unmasked"}}]}));
    let v34 = evaluate(&lv("restricted", "v1.34"), &m, &userns);
    let v35 = evaluate(&lv("restricted", "v1.35"), &m, &userns);
    let ids = |e: &kubeward_pss::Evaluation| e.failures.iter().map(|f| f.id).collect::<Vec<_>>();
    assert!(
        ids(&v34).contains(&"runAsNonRoot") && ids(&v34).contains(&"runAsUser") && ids(&v34).contains(&"procMount")
    );
    assert!(!ids(&v35).contains(&"runAsNonRoot") && !ids(&v35).contains(&"runAsUser"));
    assert_eq!(
        only("procMount_restricted", "restricted", "v1.35", &m, &userns),
        r#"procMount (container "a" must not set securityContext.procMount to "Unmasked")"#
    );
    assert!(evaluate(&lv("baseline", "v1.35"), &m, &userns).allowed());
    assert!(!evaluate(&lv("baseline", "v1.34"), &m, &userns).allowed());
}

#[test]
fn windows_pods_from_1_25() {
    let spec = pod(
        json!({"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a"}]}),
    );
    let m = ObjectMeta::default();
    assert!(evaluate(&lv("restricted", "v1.25"), &m, &spec).allowed());
    assert_eq!(
        evaluate(&lv("restricted", "v1.24"), &m, &spec).short_form(),
        "allowPrivilegeEscalation != false, unrestricted capabilities, seccompProfile"
    );
    let host_process = pod(
        json!({"hostNetwork": true, "securityContext": {"windowsOptions": {"hostProcess": true}},
        "containers": [{"name": "a", "securityContext": {"windowsOptions": {"hostProcess": true}}}]}),
    );
    assert_eq!(
        only("windowsHostProcess", "baseline", "latest", &m, &host_process),
        r#"hostProcess (pod and container "a" must not set securityContext.windowsOptions.hostProcess=true)"#
    );
}

#[test]
fn sysctls_by_version() {
    let spec = pod(json!({"securityContext": {"sysctls": [
        {"name": "net.ipv4.tcp_rmem", "value": "1"}, {"name": "kernel.msgmax", "value": "1"},
        {"name": "net.ipv4.tcp_notsent_lowat", "value": "1"}, {"name": "kernel.msgmax", "value": "2"},
        {"name": "net.ipv4.ip_local_reserved_ports", "value": "1"}]}, "containers": [{"name": "a"}]}));
    let m = ObjectMeta::default();
    assert_eq!(
        only("sysctls", "baseline", "v1.26", &m, &spec),
        "forbidden sysctls (net.ipv4.tcp_rmem, kernel.msgmax, net.ipv4.tcp_notsent_lowat, kernel.msgmax, net.ipv4.ip_local_reserved_ports)"
    );
    assert_eq!(
        only("sysctls", "baseline", "v1.32", &m, &spec),
        "forbidden sysctls (kernel.msgmax, net.ipv4.tcp_notsent_lowat, kernel.msgmax)"
    );
    assert_eq!(
        only("sysctls", "baseline", "latest", &m, &spec),
        "forbidden sysctls (kernel.msgmax, kernel.msgmax)"
    );
}

#[test]
fn restricted_volumes_names_and_types() {
    let spec = pod(json!({"containers": [{"name": "a"}], "volumes": [
        {"name": "ok", "configMap": {"name": "x"}}, {"name": "h", "hostPath": {"path": "/"}},
        {"name": "n", "nfs": {"server": "s", "path": "/"}}, {"name": "h2", "hostPath": {"path": "/x"}},
        {"name": "img", "image": {"reference": "r"}}]}));
    assert_eq!(
        only("restrictedVolumes", "restricted", "v1.0", &ObjectMeta::default(), &spec),
        r#"restricted volume types (volumes "h", "n", "h2" use restricted volume types "hostPath", "nfs")"#
    );
}

#[test]
fn active_check_counts_per_version() {
    let count = |l: &str, v: &str| check_ids_for(&lv(l, v)).len();
    for (v, baseline, restricted) in [
        ("v1.0", 11, 12),
        ("v1.7", 11, 12),
        ("v1.8", 11, 13),
        ("v1.22", 11, 13),
        ("v1.23", 11, 14),
        ("v1.33", 11, 14),
        ("v1.34", 12, 15),
        ("v1.35", 12, 15),
        ("latest", 12, 15),
        ("v1.99", 12, 15),
    ] {
        assert_eq!(
            (count("baseline", v), count("restricted", v)),
            (baseline, restricted),
            "{v}"
        );
    }
    assert!(check_ids_for(&lv("privileged", "latest")).is_empty());
    assert_eq!(
        check_ids_for(&lv("restricted", "latest")),
        [
            "appArmorProfile",
            "hostNamespaces",
            "hostPorts",
            "hostProbesAndHostLifecycle",
            "privileged",
            "seLinuxOptions",
            "sysctls",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "procMount_restricted",
            "restrictedVolumes",
            "runAsNonRoot",
            "runAsUser",
            "seccompProfile_restricted"
        ]
    );
    assert_eq!(Version::parse("v1.07"), None);
    assert_eq!(Version::parse("v2.0"), None);
    assert_eq!(Version::parse("v1.99").map(|v| v.effective_minor()), Some(37));
}

#[test]
fn app_armor_annotation_becomes_a_field_on_pod_create() {
    let m = meta(json!({
        "container.apparmor.security.beta.kubernetes.io/app": "unconfined",
        "container.apparmor.security.beta.kubernetes.io/same": "runtime/default",
        "container.apparmor.security.beta.kubernetes.io/bad": "localhost/"
    }));
    let spec = pod(
        json!({"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}},
        "containers": [{"name": "app"}, {"name": "same"}, {"name": "bad"}]}),
    );
    let (mut pm, mut ps) = (m.clone(), spec.clone());
    normalize(&mut pm, &mut ps, true);
    assert_eq!(
        only("appArmorProfile", "baseline", "latest", &pm, &ps),
        r#"forbidden AppArmor profiles (container "app" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined"")"#
    );
    // Equal to the pod-level profile: not copied; invalid (empty localhost profile): not copied, and PSA accepts
    // any `localhost/` annotation.
    assert!(ps.containers[1].security_context.is_none());
    assert!(ps.containers[2].security_context.is_none());
    // Templates are not synced.
    let (mut tm, mut ts) = (m, spec);
    normalize(&mut tm, &mut ts, false);
    assert_eq!(
        only("appArmorProfile", "baseline", "latest", &tm, &ts),
        r#"forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined"")"#
    );
}
