pub mod completions;
pub mod pss;
pub mod rbac;
pub mod rules;
pub mod scan;

use std::io::Write;

/// Writes the report to `--output` or stdout. Returns false (after saying why on stderr) when it cannot.
pub fn write_output(output: Option<&std::path::Path>, text: &str) -> bool {
    let result = match output {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write the report: {e}"))
        }
    };
    match result {
        Ok(()) => true,
        Err(e) => {
            // A closed pipe (`| head`) is not worth a message.
            if !e.contains("Broken pipe") {
                eprintln!("kubeward: {e}");
            }
            false
        }
    }
}

/// Streams a report to `--output` or stdout through a buffer. Returns false (after saying why on stderr) when it
/// cannot; a closed pipe (`| head`) is not worth a message.
pub fn write_report(
    output: Option<&std::path::Path>,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> bool {
    let result = match output {
        Some(p) => std::fs::File::create(p).and_then(|f| {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
            render(&mut w)?;
            w.flush()
        }),
        None => {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            render(&mut w).and_then(|_| w.flush())
        }
    };
    match result {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
        Err(e) => {
            eprintln!("kubeward: cannot write the report: {e}");
            false
        }
    }
}

/// Whether stdout is a terminal that should get colour, honouring `--color` and `NO_COLOR`.
pub fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !to_file && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    }
}

#[derive(Clone, Copy, Debug, clap::ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}
