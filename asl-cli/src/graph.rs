//! `asl graph`: draw a definition as a Mermaid flowchart or Graphviz DOT.

use crate::exit;
use std::path::PathBuf;

/// Arguments of `asl graph`.
#[derive(clap::Args)]
pub struct Args {
    /// The definition file (`.asl.json`, `.asl.yaml`) or template.
    file: PathBuf,
    /// The diagram format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
    /// The state machine to draw, by logical id, when the template has more
    /// than one.
    #[arg(long, value_name = "LOGICAL_ID")]
    resource: Option<String>,
}

/// Diagram formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart (renders on GitHub and in many editors).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
}

/// Draws a valid definition (exit 0); an invalid one is not drawn: its
/// diagnostics go to stderr and the exit code is 1 (a diagram would leave
/// out what is broken, such as a `Next` to no state).
pub fn run(args: &Args) -> u8 {
    let Some(unit) = crate::select(&args.file, args.resource.as_deref()) else {
        return exit::USAGE;
    };
    let Some(machine) = crate::valid_machine(&unit, &asl_core::Options::default(), "drawing")
    else {
        return exit::INVALID;
    };
    let format = match args.format {
        GraphFormat::Mermaid => asl_core::diagram::Format::Mermaid,
        GraphFormat::Dot => asl_core::diagram::Format::Dot,
    };
    out!("{}", asl_core::diagram::render(&machine, format));
    exit::OK
}
