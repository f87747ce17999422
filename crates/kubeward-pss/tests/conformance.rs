//! Upstream's Pod Security fixture corpus (`shared/conformance/psa`, 4,537 pods over every level and version),
//! judged as upstream's harness judges it, and stricter:
//! - a pass file is allowed as a Pod, and allowed outright as a Deployment's pod template;
//! - a fail file is denied as a Pod with a message that contains the check's substring and not
//!   `unknown forbidden reason`, and as a pod template draws a warning with that substring.

use kubeward_core::k8s::Body;
use kubeward_pss::{Evaluation, Level, LevelVersion, Version, evaluate, normalize};
use std::path::{Path, PathBuf};

/// The substring upstream expects in the message, by file-name prefix (conformance README).
fn substring(stem: &str) -> Option<&'static str> {
    const TABLE: [(&str, &str); 19] = [
        ("allowprivilegeescalation", "allowPrivilegeEscalation"),
        ("apparmorprofile", "forbidden AppArmor profile"),
        ("capabilities_baseline", "capabilities"),
        ("capabilities_restricted", "unrestricted capabilities"),
        ("hostnamespaces", "host namespaces"),
        ("hostpathvolumes", "hostPath"),
        ("hostports", "hostPort"),
        ("hostprobesandhostlifecycle", "probe or lifecycle host"),
        ("privileged", "privileged"),
        ("procmount_restricted", "procMount"),
        ("procmount", "procMount"),
        ("restrictedvolumes", "restricted volume types"),
        ("runasnonroot", "runAsNonRoot"),
        ("runasuser", "runAsUser"),
        ("selinuxoptions", "seLinuxOptions"),
        ("seccompprofile_baseline", "seccompProfile"),
        ("seccompprofile_restricted", "seccompProfile"),
        ("sysctls", "forbidden sysctl"),
        ("windowshostprocess", "hostProcess"),
    ];
    let prefix = stem.trim_end_matches(|c: char| c.is_ascii_digit());
    TABLE.iter().find(|(p, _)| *p == prefix).map(|(_, s)| *s)
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/psa")
}

/// Evaluates a fixture as a Pod and as a pod template.
fn judge(file: &Path, lv: &LevelVersion) -> (Evaluation, Evaluation) {
    let text = std::fs::read_to_string(file).unwrap();
    let loaded = kubeward_load::parse_str(&text, &file.display().to_string());
    assert!(loaded.errors.is_empty(), "{}: {:?}", file.display(), loaded.errors);
    assert_eq!(loaded.objects.len(), 1, "{}", file.display());
    let object = &loaded.objects[0];
    let Body::Pod(pod) = &object.body else {
        panic!("{} is not a Pod", file.display())
    };
    let spec = pod.spec.clone().unwrap_or_default();
    let (mut pod_meta, mut pod_spec) = (object.metadata.clone(), spec.clone());
    normalize(&mut pod_meta, &mut pod_spec, true);
    let (mut tpl_meta, mut tpl_spec) = (object.metadata.clone(), spec);
    normalize(&mut tpl_meta, &mut tpl_spec, false);
    (evaluate(lv, &pod_meta, &pod_spec), evaluate(lv, &tpl_meta, &tpl_spec))
}

#[test]
fn upstream_fixture_corpus() {
    let root = corpus();
    assert!(root.is_dir(), "conformance corpus missing at {}", root.display());
    let mut counts = [0usize; 2];
    let mut problems = Vec::new();
    for level in ["baseline", "restricted"] {
        for minor in 0..=37u32 {
            let lv = LevelVersion {
                level: Level::parse(level).unwrap(),
                version: Version::V1(minor),
            };
            for (outcome, pass) in [("pass", true), ("fail", false)] {
                let dir = root.join(level).join(format!("v1.{minor}")).join(outcome);
                let mut files: Vec<_> = std::fs::read_dir(&dir)
                    .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                    .map(|e| e.unwrap().path())
                    .collect();
                files.sort();
                for file in files {
                    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
                    let (as_pod, as_template) = judge(&file, &lv);
                    let name = format!("{level}/v1.{minor}/{outcome}/{stem}");
                    if pass {
                        if !as_pod.allowed() {
                            problems.push(format!("{name}: pod denied: {}", as_pod.long_form()));
                        }
                        if !as_template.allowed() {
                            problems.push(format!("{name}: template warned: {}", as_template.long_form()));
                        }
                        counts[0] += 1;
                        continue;
                    }
                    counts[1] += 1;
                    let Some(sub) = substring(&stem) else {
                        problems.push(format!("{name}: no substring known for this prefix"));
                        continue;
                    };
                    for (what, eval) in [("pod", &as_pod), ("template", &as_template)] {
                        let message = eval.long_form();
                        if eval.allowed() {
                            problems.push(format!("{name}: {what} allowed"));
                        } else if !message.contains(sub) || message.contains("unknown forbidden reason") {
                            problems.push(format!("{name}: {what} message lacks {sub:?}: {message}"));
                        }
                    }
                }
            }
        }
    }
    println!("{} pass and {} fail fixtures judged", counts[0], counts[1]);
    assert_eq!(counts, [1051, 3486], "the corpus is complete");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
