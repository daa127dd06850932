//! `asl fmt`.

use crate::exit;
use std::path::PathBuf;

/// Arguments of `asl fmt`.
#[derive(clap::Args)]
pub struct Args {
    /// Definition files (`.asl.json`).
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
/// that cannot be read or written.
pub fn run(args: &Args) -> u8 {
    let mut code = exit::OK;
    for path in &args.files {
        let Some(bytes) = crate::read(path) else {
            return exit::USAGE;
        };
        match asl_core::from_slice(&bytes) {
            Ok(m) => {
                let text = canonical(&m);
                let changed = text.as_bytes() != bytes.as_slice();
                if args.check {
                    if changed {
                        errln!(
                            "{}: not canonical; run `asl fmt --write {}`",
                            path.display(),
                            path.display()
                        );
                        code = code.max(exit::INVALID);
                    }
                } else if args.write {
                    if changed {
                        if let Err(e) = std::fs::write(path, &text) {
                            errln!("{}: cannot write: {e}", path.display());
                            code = code.max(exit::USAGE);
                        }
                    }
                } else {
                    out!("{text}");
                }
            }
            Err(e) => {
                crate::report_parse_error(path, &e);
                code = code.max(exit::INVALID);
            }
        }
    }
    code
}
