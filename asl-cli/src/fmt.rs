//! `asl fmt`.

use crate::exit;
use asl_cli::source::SourceKind;
use std::path::{Path, PathBuf};

/// Arguments of `asl fmt`.
#[derive(clap::Args)]
pub struct Args {
    /// Definition files (`.asl.json`; a `.asl.yaml` one is printed as JSON).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print nothing; exit 1 when a file is not already canonical.
    #[arg(long, conflicts_with = "write")]
    check: bool,
    /// Rewrite each file in place (only when it changes) instead of printing it.
    #[arg(long, short = 'w')]
    write: bool,
}

/// The canonical text of a definition: pretty JSON and a final newline.
pub fn canonical(machine: &asl_core::StateMachine) -> String {
    let mut s = machine.to_string_pretty();
    s.push('\n');
    s
}

/// Formats each file: 0 when all are (now) canonical, 1 for a definition
/// that does not parse or (with `--check`) is not canonical, 2 for a file
/// that cannot be read or written, or is not a JSON definition.
pub fn run(args: &Args) -> u8 {
    let mut code = exit::OK;
    for path in &args.files {
        let Some(bytes) = crate::read(path) else {
            return exit::USAGE;
        };
        code = code.max(format(path, &bytes, args));
    }
    code
}

/// The machine of a JSON definition whose only problems are values of the
/// wrong kind, which it keeps as written; `None` when reading it lost
/// anything (a missing field, a broken state, a repeated key, bad JSON).
fn lenient(bytes: &[u8]) -> Option<asl_core::StateMachine> {
    let text = std::str::from_utf8(bytes).ok()?;
    let read = asl_core::parse_lenient(text);
    read.lossless.then_some(read.machine).flatten()
}

/// `asl fmt` of one file.
fn format(path: &Path, bytes: &[u8], args: &Args) -> u8 {
    let file = path.display();
    let source = asl_cli::source::load(path, bytes);
    let machine = match source.kind {
        SourceKind::Template => {
            errln!(
                "{file}: a CloudFormation or SAM template; asl fmt formats definition files (.asl.json), \
                 not templates (asl check, iam and graph read templates)"
            );
            return exit::USAGE;
        }
        SourceKind::Yaml if args.check || args.write => {
            errln!(
                "{file}: a YAML definition; asl fmt prints it as canonical JSON \
                 (asl fmt {file} > machine.asl.json), but does not rewrite or check YAML"
            );
            return exit::USAGE;
        }
        SourceKind::Yaml => {
            let Some(unit) = source.units.into_iter().next() else {
                return exit::USAGE;
            };
            let parsed = unit.json().map(|json| asl_core::from_slice(&json));
            let Some(Ok(machine)) = parsed else {
                // Where the YAML is wrong, in the YAML file.
                let mut report = unit.check(&asl_core::Options::default());
                report.diagnostics.retain(asl_core::Diagnostic::is_error);
                crate::write_diagnostics(&unit, &report);
                return exit::INVALID;
            };
            machine
        }
        SourceKind::Json => match asl_core::from_slice(bytes) {
            Ok(m) => m,
            Err(e) => match lenient(bytes) {
                // Values of the wrong kind (a placeholder such as
                // `"Items": "_tbd_"`) are formatted and kept as written;
                // `asl check` reports them.
                Some(m) => m,
                None => {
                    crate::report_parse_error(path, &e);
                    return exit::INVALID;
                }
            },
        },
    };
    let text = canonical(&machine);
    let changed = text.as_bytes() != bytes;
    if args.check {
        if changed {
            errln!("{file}: not canonical; run `asl fmt --write {file}`");
            return exit::INVALID;
        }
    } else if args.write {
        if changed {
            if let Err(e) = std::fs::write(path, &text) {
                errln!("{file}: cannot write: {e}");
                return exit::USAGE;
            }
        }
    } else {
        out!("{text}");
    }
    exit::OK
}
