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
    #[arg(long)]
    check: bool,
}

/// The canonical text of a definition: pretty JSON and a final newline.
pub fn canonical(machine: &asl_core::StateMachine) -> String {
    let mut s = machine.to_string_pretty();
    s.push('\n');
    s
}

pub fn run(args: &Args) -> u8 {
    let mut code = exit::OK;
    for path in &args.files {
        let Some(bytes) = crate::read(path) else {
            return exit::USAGE;
        };
        match asl_core::from_slice(&bytes) {
            Ok(m) => {
                let text = canonical(&m);
                if args.check {
                    if text.as_bytes() != bytes.as_slice() {
                        errln!("{}: not canonical; run `asl fmt`", path.display());
                        code = code.max(exit::INVALID);
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
