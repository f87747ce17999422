//! The checks of the standard, one file each, and the table of their versions.

pub mod allow_privilege_escalation;
pub mod app_armor_profile;
pub mod capabilities_baseline;
pub mod capabilities_restricted;
pub mod host_namespaces;
pub mod host_path_volumes;
pub mod host_ports;
pub mod host_probes;
pub mod privileged;
pub mod proc_mount;
pub mod restricted_volumes;
pub mod run_as_non_root;
pub mod run_as_user;
pub mod se_linux_options;
pub mod seccomp_baseline;
pub mod seccomp_restricted;
pub mod sysctls;
pub mod windows_host_process;

use crate::{Failure, Level, LevelVersion, MAX_MINOR, PathIn, Pod};
use kubeward_core::FieldPath;
use kubeward_core::k8s::{Container, ContainerKind};
use std::sync::OnceLock;

/// A check implementation: `None` when the pod is allowed.
pub type CheckFn = fn(&Pod<'_>) -> Option<Failure>;

/// One implementation of a check, in force from `min_minor` on, hiding the baseline checks it overrides.
pub struct Versioned {
    pub min_minor: u32,
    pub check: CheckFn,
    pub overrides: &'static [&'static str],
}

pub struct CheckDef {
    pub id: &'static str,
    pub level: Level,
    /// Strictly increasing `min_minor`.
    pub versions: &'static [Versioned],
}

const fn v(min_minor: u32, check: CheckFn) -> Versioned {
    Versioned {
        min_minor,
        check,
        overrides: &[],
    }
}

const fn over(min_minor: u32, check: CheckFn, overrides: &'static [&'static str]) -> Versioned {
    Versioned {
        min_minor,
        check,
        overrides,
    }
}

/// Every check, with each versioned behaviour (reference §2).
pub static ALL: &[CheckDef] = &[
    CheckDef {
        id: "allowPrivilegeEscalation",
        level: Level::Restricted,
        versions: &[
            v(8, allow_privilege_escalation::v1_8),
            v(25, allow_privilege_escalation::v1_25),
        ],
    },
    CheckDef {
        id: "appArmorProfile",
        level: Level::Baseline,
        versions: &[v(0, app_armor_profile::v1_0)],
    },
    CheckDef {
        id: "capabilities_baseline",
        level: Level::Baseline,
        versions: &[v(0, capabilities_baseline::v1_0)],
    },
    CheckDef {
        id: "capabilities_restricted",
        level: Level::Restricted,
        versions: &[
            over(22, capabilities_restricted::v1_22, &["capabilities_baseline"]),
            over(25, capabilities_restricted::v1_25, &["capabilities_baseline"]),
        ],
    },
    CheckDef {
        id: "hostNamespaces",
        level: Level::Baseline,
        versions: &[v(0, host_namespaces::v1_0)],
    },
    CheckDef {
        id: "hostPathVolumes",
        level: Level::Baseline,
        versions: &[v(0, host_path_volumes::v1_0)],
    },
    CheckDef {
        id: "hostPorts",
        level: Level::Baseline,
        versions: &[v(0, host_ports::v1_0)],
    },
    CheckDef {
        id: "hostProbesAndHostLifecycle",
        level: Level::Baseline,
        versions: &[v(34, host_probes::v1_34)],
    },
    CheckDef {
        id: "privileged",
        level: Level::Baseline,
        versions: &[v(0, privileged::v1_0)],
    },
    CheckDef {
        id: "procMount",
        level: Level::Baseline,
        versions: &[v(0, proc_mount::v1_0), v(35, proc_mount::v1_35_baseline)],
    },
    CheckDef {
        id: "procMount_restricted",
        level: Level::Restricted,
        versions: &[over(35, proc_mount::v1_0, &["procMount"])],
    },
    CheckDef {
        id: "restrictedVolumes",
        level: Level::Restricted,
        versions: &[over(0, restricted_volumes::v1_0, &["hostPathVolumes"])],
    },
    CheckDef {
        id: "runAsNonRoot",
        level: Level::Restricted,
        versions: &[v(0, run_as_non_root::v1_0), v(35, run_as_non_root::v1_35)],
    },
    CheckDef {
        id: "runAsUser",
        level: Level::Restricted,
        versions: &[v(23, run_as_user::v1_23), v(35, run_as_user::v1_35)],
    },
    CheckDef {
        id: "seLinuxOptions",
        level: Level::Baseline,
        versions: &[v(0, se_linux_options::v1_0), v(31, se_linux_options::v1_31)],
    },
    CheckDef {
        id: "seccompProfile_baseline",
        level: Level::Baseline,
        versions: &[v(0, seccomp_baseline::v1_0), v(19, seccomp_baseline::v1_19)],
    },
    CheckDef {
        id: "seccompProfile_restricted",
        level: Level::Restricted,
        versions: &[
            over(19, seccomp_restricted::v1_19, &["seccompProfile_baseline"]),
            over(25, seccomp_restricted::v1_25, &["seccompProfile_baseline"]),
        ],
    },
    CheckDef {
        id: "sysctls",
        level: Level::Baseline,
        versions: &[
            v(0, sysctls::v1_0),
            v(27, sysctls::v1_27),
            v(29, sysctls::v1_29),
            v(32, sysctls::v1_32),
            v(37, sysctls::v1_37),
        ],
    },
    CheckDef {
        id: "windowsHostProcess",
        level: Level::Baseline,
        versions: &[v(0, windows_host_process::v1_0)],
    },
];

type Plan = Vec<(&'static str, CheckFn)>;

/// The ordered checks of a level and version, computed once per (level, version) so evaluating allocates nothing.
pub fn plan(lv: &LevelVersion) -> &'static [(&'static str, CheckFn)] {
    static PLANS: OnceLock<Vec<Plan>> = OnceLock::new();
    let plans = PLANS.get_or_init(|| {
        let mut all = Vec::new();
        for level in [Level::Baseline, Level::Restricted] {
            for minor in 0..=MAX_MINOR {
                all.push(crate::active_checks(&LevelVersion {
                    level,
                    version: crate::Version::V1(minor),
                }));
            }
        }
        all
    });
    let minor = lv.version.effective_minor() as usize;
    match lv.level {
        Level::Privileged => &[],
        Level::Baseline => &plans[minor],
        Level::Restricted => &plans[MAX_MINOR as usize + 1 + minor],
    }
}

/// A container in visit order (init, regular, ephemeral) with its path relative to the pod spec.
pub struct Visited<'a> {
    pub container: &'a Container,
    pub kind: ContainerKind,
    pub index: usize,
}

impl Visited<'_> {
    pub fn path(&self) -> FieldPath {
        FieldPath::root().key(self.kind.field()).index(self.index)
    }

    pub fn path_to(&self, dotted: &str) -> PathIn {
        PathIn::Spec(self.path().keys(dotted))
    }
}

pub fn containers<'a>(pod: &Pod<'a>) -> impl Iterator<Item = Visited<'a>> {
    pod.spec
        .all_containers()
        .map(|(kind, index, container)| Visited { container, kind, index })
}

/// A path inside the pod spec.
pub fn spec_path(dotted: &str) -> PathIn {
    PathIn::Spec(FieldPath::root().keys(dotted))
}

/// A failure with its reason, detail and paths.
pub fn fail(reason: &str, detail: String, paths: Vec<PathIn>) -> Option<Failure> {
    Some(Failure {
        id: "",
        reason: reason.to_owned(),
        detail,
        paths,
    })
}

/// Whether the pod opts into a user namespace (`hostUsers: false`, explicitly), which relaxes some checks from
/// policy version 1.35.
pub fn in_user_namespace(pod: &Pod<'_>) -> bool {
    pod.spec.host_users == Some(false)
}
