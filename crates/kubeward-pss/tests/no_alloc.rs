//! Evaluating an allowed pod allocates nothing (the issue's performance contract), measured with a counting
//! allocator.

use kubeward_core::k8s::PodBody;
use kubeward_pss::{Level, LevelVersion, Version, evaluate};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn allowed_path_does_not_allocate() {
    let pod: PodBody = serde_json::from_str(
        r#"{"spec": {"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
            "containers": [{"name": "app", "ports": [{"containerPort": 8080}],
              "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}],
            "volumes": [{"name": "tmp", "emptyDir": {}}]}}"#,
    )
    .unwrap();
    let spec = pod.spec.unwrap();
    let meta = Default::default();
    for level in [Level::Baseline, Level::Restricted] {
        let lv = LevelVersion {
            level,
            version: Version::Latest,
        };
        assert!(
            evaluate(&lv, &meta, &spec).allowed(),
            "warm-up also builds the check plans"
        );
        let before = ALLOCATIONS.with(Cell::get);
        let allowed = evaluate(&lv, &meta, &spec).allowed();
        let after = ALLOCATIONS.with(Cell::get);
        assert!(allowed);
        assert_eq!(
            after - before,
            0,
            "allocations while evaluating an allowed pod at {level:?}"
        );
    }
    // The counter does count: a failing pod allocates its messages.
    let bad: PodBody = serde_json::from_str(r#"{"spec": {"containers": [{"name": "a"}]}}"#).unwrap();
    let lv = LevelVersion {
        level: Level::Restricted,
        version: Version::Latest,
    };
    let before = ALLOCATIONS.with(Cell::get);
    assert!(!evaluate(&lv, &meta, bad.spec.as_ref().unwrap()).allowed());
    assert!(ALLOCATIONS.with(Cell::get) > before);
}
