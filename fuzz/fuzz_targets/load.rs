//! The file door must never panic, hang or grow without bound, whatever bytes it is given.
#![no_main]

use kubeward_core::FieldPath;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = kubeward_load::parse_bytes(data, "fuzz.yaml", false);
    // Every object it returns resolves its own root location.
    for o in &loaded.objects {
        if let Some(map) = &o.origin.source_map {
            assert!(map.locate(&FieldPath::root()).is_some());
        }
    }
});
