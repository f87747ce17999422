use kubeward_core::{Check, Domain, Dread, Stride, rule};

rule! {
    /// ## What it checks
    /// Volumes of a type outside the restricted allow-list: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret.
    ///
    /// Pod Security Standards, restricted level, check `restrictedVolumes`, evaluated with upstream Pod Security Admission's exact semantics at the level and version chosen with `--pss-level` and `--pss-version` (default `restricted:latest`). Pods are normalised first as the API server does; workloads are judged through their pod template. The message is the text the API server prints after `violates PodSecurity "<level>:<version>": `.
    ///
    /// ## Why it matters
    /// Other volume types (hostPath, nfs, iscsi, rbd, ...) reach node paths or network storage with the node's credentials, outside the control of PersistentVolume policy.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    /// - name: share
    ///   nfs: {server: nfs.example.com, path: /exports}
    /// ```
    ///
    /// ## Fix
    /// ```yaml
    /// volumes:
    /// - name: share
    ///   persistentVolumeClaim: {claimName: share}
    /// ```
    ///
    /// ## References
    /// Kubernetes docs, "Pod Security Standards" (restricted) · Kubernetes docs, "Pod Security Admission"
    pub static RULE = {
        id: "pss.restrictedVolumes",
        title: "Volume type not allowed",
        domain: Domain::PodSecurity,
        stride: &[Stride::Tampering, Stride::InformationDisclosure],
        dread: Dread::new(2, 3, 2, 1, 2),
        remediation: "Use an allowed volume type: persistentVolumeClaim, configMap, secret, emptyDir, projected, downwardAPI, csi, ephemeral or image.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
        check: Check::Shared(&super::ENGINE),
    };
}
