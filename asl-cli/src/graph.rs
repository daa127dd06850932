//! `asl graph`: draw a definition as a Mermaid flowchart or Graphviz DOT.

use crate::exit;
use std::path::PathBuf;

/// Arguments of `asl graph`.
#[derive(clap::Args)]
pub struct Args {
    /// The definition file.
    file: PathBuf,
    /// The diagram format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
}

/// Diagram formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart (renders on GitHub and in many editors).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
}

pub fn run(args: &Args) -> u8 {
    let Some(bytes) = crate::read(&args.file) else {
        return exit::USAGE;
    };
    match asl_core::from_slice(&bytes) {
        Ok(m) => {
            let format = match args.format {
                GraphFormat::Mermaid => asl_core::diagram::Format::Mermaid,
                GraphFormat::Dot => asl_core::diagram::Format::Dot,
            };
            out!("{}", asl_core::diagram::render(&m, format));
            exit::OK
        }
        Err(e) => {
            crate::report_parse_error(&args.file, &e);
            exit::INVALID
        }
    }
}
