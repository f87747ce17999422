//! The `kubeward` binary: argument parsing and wiring; the work happens in the library crates.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit codes, a contract with users' scripts.
pub mod exit {
    /// Nothing at or above `--fail-on`.
    pub const CLEAN: u8 = 0;
    /// Findings at or above `--fail-on` (or, for `pss`, a denied object; for `can`, "no").
    pub const FINDINGS: u8 = 1;
    /// Usage error, or input that could not be read or parsed (the rest was still scanned).
    pub const ERROR: u8 = 2;
}

#[derive(Parser)]
#[command(name = "kubeward", version, about = "Kubernetes security: manifests, admission, audit logs, threat models", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan manifests (files, directories, `-` for stdin) with every enabled rule.
    Scan(Box<cmd::scan::ScanArgs>),
    /// Would these objects pass Pod Security Admission? Upstream's exact verdicts and messages.
    Pss(cmd::pss::PssArgs),
    /// Who can do this? Every subject the RBAC objects of the input grant the action, with the binding and role.
    WhoCan(cmd::rbac::WhoCanArgs),
    /// Can this user do this? Exit 0 for yes, 1 for no, with the binding and rule that grant it.
    Can(cmd::rbac::CanArgs),
    /// List every rule: id, title, severity, STRIDE, DREAD, enabled by default.
    Rules(cmd::rules::RulesArgs),
    /// Print a rule's documentation.
    Explain(cmd::rules::ExplainArgs),
    /// Write the rule documentation pages (docs/rules/<id>.md), or check that they are current.
    Docs(cmd::rules::DocsArgs),
    /// Print a shell completion script.
    Completions(cmd::completions::CompletionsArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { exit::ERROR } else { exit::CLEAN };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Scan(a) => cmd::scan::run(*a),
        Command::Pss(a) => cmd::pss::run(a),
        Command::WhoCan(a) => cmd::rbac::who_can(a),
        Command::Can(a) => cmd::rbac::can(a),
        Command::Rules(a) => cmd::rules::list(a),
        Command::Explain(a) => cmd::rules::explain(a),
        Command::Docs(a) => cmd::rules::docs(a),
        Command::Completions(a) => cmd::completions::run::<Cli>(a),
    };
    ExitCode::from(code)
}
