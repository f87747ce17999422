//! The real-world corpus (`../shared/data/realworld`, ~1,600 published manifests): kubectl's decoder accepts every
//! file, so the only input errors allowed are the duplicate keys the corpus README lists (kubectl keeps the last
//! value; the API server's strict field validation rejects them, so kubeward reports them).

use std::path::Path;

#[test]
fn realworld_corpus_loads_without_unexpected_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/realworld");
    if !root.is_dir() {
        panic!("corpus missing at {}", root.display());
    }
    let loaded = kubeward_load::load_paths(&[root.display().to_string()], &Default::default());
    // Values of the wrong type that the API server's decoder rejects (a number or boolean where a string
    // belongs); kubeward reports them and still evaluates the object.
    let wrong_type: Vec<_> = loaded
        .errors
        .iter()
        .filter(|e| e.message.contains("the API server rejects this object"))
        .map(|e| {
            (
                e.file.rsplit("realworld/").next().unwrap_or_default().to_owned(),
                e.line,
            )
        })
        .collect();
    assert_eq!(
        wrong_type,
        [
            (
                "argoproj__argo-cd/docs/operator-manual/argocd-repo-creds.yaml".to_owned(),
                Some(40)
            ),
            (
                "argoproj__argo-cd/docs/operator-manual/argocd-repo-creds.yaml".to_owned(),
                Some(57)
            ),
            (
                "kubernetes__ingress-nginx/docs/examples/auth/oauth-external-auth/vouch-proxy.yaml".to_owned(),
                Some(21)
            ),
        ]
    );
    let unexpected: Vec<_> = loaded
        .errors
        .iter()
        .filter(|e| !e.message.contains("duplicate key") && !e.object_evaluated)
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} unexpected errors: {unexpected:#?}",
        unexpected.len()
    );
    let duplicate_files: std::collections::BTreeSet<_> = loaded
        .errors
        .iter()
        .filter(|e| e.message.contains("duplicate key"))
        .map(|e| e.file.clone())
        .collect();
    // The corpus README names six files with duplicate keys.
    assert_eq!(duplicate_files.len(), 6, "{duplicate_files:#?}");
    // The corpus README counts 3,105 objects expanding only `kind: List`; kubeward also expands every `*List`
    // kind, as kubectl does: kube-prometheus has a ConfigMapList (33 items), a RoleList (3) and a
    // RoleBindingList (3), which adds 36.
    assert_eq!(loaded.objects.len(), 3105 + 36, "objects loaded");
    println!(
        "{} files, {} objects, {} notices",
        loaded.files,
        loaded.objects.len(),
        loaded.notices.len()
    );
}
