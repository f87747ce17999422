//! Pod Security evaluations per second at restricted:latest, on one thread: `cargo bench -p kubeward-pss`.

use kubeward_core::k8s::PodBody;
use kubeward_pss::{Level, LevelVersion, Version, evaluate};
use std::hint::black_box;
use std::time::Instant;

const COMPLIANT: &str = r#"{"spec": {
  "securityContext": {"runAsNonRoot": true, "runAsUser": 10001, "seccompProfile": {"type": "RuntimeDefault"}},
  "initContainers": [{"name": "init", "image": "registry.example.com/init:1",
    "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}],
  "containers": [
    {"name": "app", "image": "registry.example.com/app:1.2", "ports": [{"containerPort": 8080}],
     "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                         "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}},
    {"name": "sidecar", "image": "registry.example.com/proxy:2",
     "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}],
  "volumes": [{"name": "tmp", "emptyDir": {}}, {"name": "config", "configMap": {"name": "app"}},
              {"name": "token", "projected": {"sources": []}}]
}}"#;

const TYPICAL_FAILING: &str = r#"{"spec": {
  "containers": [{"name": "app", "image": "nginx", "ports": [{"containerPort": 80}]}],
  "volumes": [{"name": "data", "hostPath": {"path": "/data"}}]
}}"#;

fn run(name: &str, json: &str) {
    let pod: PodBody = serde_json::from_str(json).unwrap();
    let spec = pod.spec.unwrap();
    let meta = Default::default();
    let lv = LevelVersion {
        level: Level::Restricted,
        version: Version::Latest,
    };
    let allowed = evaluate(&lv, &meta, &spec).allowed();
    let n = 2_000_000;
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        for _ in 0..n {
            black_box(evaluate(black_box(&lv), black_box(&meta), black_box(&spec)));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{name} (allowed: {allowed}): {:.0} evaluations/s ({:.0} ns each), best of 3 x {n}",
        n as f64 / best,
        best / n as f64 * 1e9
    );
}

fn main() {
    run("restricted-compliant pod, 3 containers", COMPLIANT);
    run("typical failing pod", TYPICAL_FAILING);
}
