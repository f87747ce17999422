use crate::cmd::{ColorChoice, use_color, write_report};
use crate::exit;
use kubeward_core::engine::{Finalize, ScanResult, finalize, run_checks};
use kubeward_core::settings::Config;
use kubeward_core::{InputError, Inventory, Settings, Severity};
use kubeward_report::{Format, ReportInput};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct ScanArgs {
    /// Files, directories (walked recursively) and `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<String>,
    /// Report format.
    #[arg(long, short = 'f', default_value = "text", value_parser = ["text", "json", "sarif", "junit"])]
    pub format: String,
    /// Exit 1 when an unsuppressed finding is at or above this severity (`none`: never).
    #[arg(long, default_value = "high", value_parser = ["info", "low", "medium", "high", "critical", "none"])]
    pub fail_on: String,
    /// Configuration file (default: `.kubeward.yaml` found upward from the working directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Pod Security level for `pss.*` findings.
    #[arg(long, value_parser = ["baseline", "restricted"])]
    pub pss_level: Option<String>,
    /// Pod Security version for `pss.*` findings (`latest` or `v1.N`).
    #[arg(long)]
    pub pss_version: Option<String>,
    /// Turn on a rule (id or glob), including rules off by default. Repeatable.
    #[arg(long, value_name = "ID")]
    pub enable: Vec<String>,
    /// Turn off a rule (id or glob). Repeatable.
    #[arg(long, value_name = "ID")]
    pub disable: Vec<String>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings as a baseline in this file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// List suppressed findings too.
    #[arg(long)]
    pub show_suppressed: bool,
    /// Write the report to a file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Largest file to read, in bytes.
    #[arg(long, default_value_t = kubeward_load::DEFAULT_MAX_FILE_SIZE, value_name = "BYTES")]
    pub max_file_size: u64,
}

/// A baseline file: the fingerprints of accepted findings, with enough context to review it.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct BaselineFile {
    schema_version: u32,
    findings: Vec<BaselineEntry>,
}

#[derive(Serialize, Deserialize)]
struct BaselineEntry {
    fingerprint: String,
    rule: String,
    object: String,
    path: String,
}

/// Finds `.kubeward.yaml` in the working directory or above it.
fn discover_config() -> Option<PathBuf> {
    let mut dir = std::env::current_dir().ok()?;
    loop {
        let candidate = dir.join(".kubeward.yaml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// Loads the configuration file; problems are usage errors.
pub fn load_config(explicit: Option<&Path>) -> Result<Config, String> {
    let Some(path) = explicit.map(Path::to_path_buf).or_else(discover_config) else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let config: Config = kubeward_load::from_yaml_str(&text, &path.display().to_string()).map_err(|e| e.to_string())?;
    let problems = config.problems();
    if !problems.is_empty() {
        return Err(format!("{}: {}", path.display(), problems.join("; ")));
    }
    Ok(config)
}

fn read_baseline(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let file: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("baseline {} is not a kubeward baseline: {e}", path.display()))?;
    Ok(file.findings.into_iter().map(|f| f.fingerprint).collect())
}

fn write_baseline(path: &Path, result: &ScanResult) -> Result<(), String> {
    let file = BaselineFile {
        schema_version: 1,
        findings: result
            .findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule: f.rule.id.to_owned(),
                object: f.object.display(),
                path: f.path.to_string(),
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text).map_err(|e| format!("cannot write baseline {}: {e}", path.display()))
}

/// The effective settings of a run: configuration file, then flags.
pub fn settings_from(
    config: Config,
    pss_level: Option<String>,
    pss_version: Option<String>,
    enable: Vec<String>,
    disable: Vec<String>,
) -> Settings {
    let mut settings = Settings {
        pss_level: pss_level
            .or_else(|| config.pss.level.clone())
            .unwrap_or_else(|| "restricted".into()),
        pss_version: pss_version
            .or_else(|| config.pss.version.clone())
            .unwrap_or_else(|| "latest".into()),
        config,
        ..Settings::default()
    };
    settings.config.rules.enable.extend(enable);
    settings.config.rules.disable.extend(disable);
    settings
}

/// Prints how long each stage took when `KUBEWARD_TIMINGS` is set (for benchmarking; stderr only).
struct Timings {
    enabled: bool,
    last: std::time::Instant,
}

impl Timings {
    fn new() -> Self {
        Timings {
            enabled: std::env::var_os("KUBEWARD_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    fn stage(&mut self, name: &str) {
        if self.enabled {
            eprintln!("kubeward: timing: {name}: {:.3} s", self.last.elapsed().as_secs_f64());
        }
        self.last = std::time::Instant::now();
    }
}

pub fn run(args: ScanArgs) -> u8 {
    let mut timings = Timings::new();
    let config = match load_config(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kubeward: {e}");
            return exit::ERROR;
        }
    };
    let settings = settings_from(config, args.pss_level, args.pss_version, args.enable, args.disable);
    if kubeward_pss::Level::parse(&settings.pss_level).is_none()
        || kubeward_pss::Version::parse(&settings.pss_version).is_none()
    {
        eprintln!(
            "kubeward: Pod Security level must be baseline or restricted and version latest or v1.N, got {}:{}",
            settings.pss_level, settings.pss_version
        );
        return exit::ERROR;
    }
    let baseline = match args.baseline.as_deref().map(read_baseline).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("kubeward: {e}");
            return exit::ERROR;
        }
    };
    let rules = kubeward_rules::registry();
    let loaded = kubeward_load::load_paths(
        &args.inputs,
        &kubeward_load::LoadOptions {
            max_file_size: args.max_file_size,
        },
    );
    timings.stage("load");
    let inventory = Inventory::new(loaded.objects);
    timings.stage("inventory");
    let raw = run_checks(&inventory, &rules, &settings);
    timings.stage("rules");
    let options = Finalize {
        baseline: baseline.as_ref(),
    };
    let result = finalize(
        &inventory,
        raw,
        &settings,
        &options,
        loaded.errors,
        loaded.notices,
        loaded.files,
    );
    timings.stage("finalize");
    if let Some(path) = &args.write_baseline
        && let Err(e) = write_baseline(path, &result)
    {
        eprintln!("kubeward: {e}");
        return exit::ERROR;
    }
    let format: Format = args.format.parse().unwrap_or(Format::Text);
    let cwd = std::env::current_dir().ok();
    let input = ReportInput {
        result: &result,
        rules: &rules,
        tool_version: env!("CARGO_PKG_VERSION"),
        show_suppressed: args.show_suppressed,
        color: matches!(format, Format::Text) && use_color(args.color, args.output.is_some()),
        cwd: cwd.as_deref(),
    };
    if !write_report(args.output.as_deref(), |out| {
        kubeward_report::write(format, &input, out)
    }) {
        return exit::ERROR;
    }
    timings.stage("render and write");
    // Machine formats keep stdout clean; say on stderr what went wrong with the input.
    if !matches!(format, Format::Text) {
        report_errors_on_stderr(&result.errors);
    }
    let code = exit_code(&result, &args.fail_on);
    // Freeing 100,000 objects one by one takes longer than the process exit that reclaims them at once.
    std::mem::forget(inventory);
    std::mem::forget(result);
    code
}

fn report_errors_on_stderr(errors: &[InputError]) {
    for e in errors {
        eprintln!("kubeward: error: {e}");
    }
}

/// 2 when any input could not be read or parsed; else 1 when a finding reaches `--fail-on`; else 0.
pub fn exit_code(result: &ScanResult, fail_on: &str) -> u8 {
    if !result.errors.is_empty() {
        return exit::ERROR;
    }
    match (Severity::parse(fail_on), result.max_severity()) {
        (Some(threshold), Some(max)) if max >= threshold => exit::FINDINGS,
        _ => exit::CLEAN,
    }
}
