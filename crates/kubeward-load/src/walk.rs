//! Finding input files: explicit files, directories walked recursively, standard input.

use kubeward_core::InputError;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to read.
#[derive(Debug, Clone)]
pub enum Input {
    Stdin,
    /// A file named on the command line: problems with it are errors.
    Named(PathBuf),
    /// A file found by walking a directory: a file that is not a manifest is skipped with a notice.
    Discovered(PathBuf),
}

impl Input {
    pub fn display_name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::Named(p) | Input::Discovered(p) => p.display().to_string(),
        }
    }

    pub fn discovered(&self) -> bool {
        matches!(self, Input::Discovered(_))
    }

    /// Reads the whole input, refusing anything larger than `max` bytes without reading it all.
    pub fn read(&self, max: u64) -> Result<Vec<u8>, String> {
        let too_big =
            |n: u64| format!("file is larger than the limit of {max} bytes ({n} bytes); raise it with --max-file-size");
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .lock()
                    .take(max + 1)
                    .read_to_end(&mut buf)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                if buf.len() as u64 > max {
                    return Err(too_big(buf.len() as u64));
                }
                Ok(buf)
            }
            Input::Named(p) | Input::Discovered(p) => {
                let meta = std::fs::metadata(p).map_err(|e| format!("cannot read: {e}"))?;
                if meta.len() > max {
                    return Err(too_big(meta.len()));
                }
                let mut buf = Vec::with_capacity(meta.len() as usize);
                std::fs::File::open(p)
                    .and_then(|f| f.take(max + 1).read_to_end(&mut buf))
                    .map_err(|e| format!("cannot read: {e}"))?;
                Ok(buf)
            }
        }
    }
}

/// Files found under a path, and the problems met while looking.
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    pub errors: Vec<InputError>,
}

fn is_manifest_name(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("yaml" | "yml" | "json")
    )
}

fn error(path: &Path, message: String) -> InputError {
    InputError {
        file: path.display().to_string(),
        line: None,
        column: None,
        object: None,
        message,
        object_evaluated: false,
    }
}

/// Expands one command-line path: a file as itself, a directory into its manifest files (recursively, sorted,
/// hidden entries skipped, each real directory visited once so symlink loops end).
pub fn expand(path: &Path) -> Expanded {
    let mut out = Expanded::default();
    match std::fs::metadata(path) {
        Err(e) => out.errors.push(error(path, format!("cannot read: {e}"))),
        Ok(m) if m.is_dir() => {
            let mut seen = HashSet::new();
            walk_dir(path, &mut seen, &mut out);
        }
        Ok(_) => out.inputs.push(Input::Named(path.to_path_buf())),
    }
    out
}

fn walk_dir(dir: &Path, seen: &mut HashSet<PathBuf>, out: &mut Expanded) {
    let real = match std::fs::canonicalize(dir) {
        Ok(r) => r,
        Err(e) => {
            out.errors.push(error(dir, format!("cannot read directory: {e}")));
            return;
        }
    };
    if !seen.insert(real) {
        // Already walked: a symlink loop or a second link to the same directory.
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.errors.push(error(dir, format!("cannot read directory: {e}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk_dir(&p, seen, out),
            Ok(_) if is_manifest_name(&p) => out.inputs.push(Input::Discovered(p)),
            Ok(_) => {}
            Err(e) if is_manifest_name(&p) => out.errors.push(error(&p, format!("cannot read: {e}"))),
            // A dangling symlink that is not a manifest is of no interest.
            Err(_) => {}
        }
    }
}
