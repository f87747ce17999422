//! Time to load a directory of manifests: `cargo bench -p kubeward-load --bench load -- DIR`
//! (default `bench/corpus/10000`, made by `python3 bench/gen_corpus.py 10000 bench/corpus/10000`).

use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/corpus/10000").to_owned());
    let mut best = f64::MAX;
    let mut objects = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let loaded = kubeward_load::load_paths(std::slice::from_ref(&dir), &Default::default());
        best = best.min(start.elapsed().as_secs_f64());
        objects = loaded.objects.len();
        assert!(
            loaded.errors.is_empty(),
            "{:?}",
            &loaded.errors[..loaded.errors.len().min(3)]
        );
    }
    println!(
        "{objects} objects loaded in {best:.3} s (best of 3): {:.0} objects/s",
        objects as f64 / best
    );
}
