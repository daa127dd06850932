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

/// Draws a valid definition (exit 0); an invalid one is not drawn: its
/// diagnostics go to stderr and the exit code is 1 (a diagram would leave
/// out what is broken, such as a `Next` to no state).
pub fn run(args: &Args) -> u8 {
    let Some(bytes) = crate::read(&args.file) else {
        return exit::USAGE;
    };
    let report = asl_cli::check_bytes(&bytes, &asl_core::Options::default());
    let file = args.file.display().to_string();
    let machine = match report.machine.as_ref() {
        Some(machine) if report.is_ok() => machine,
        _ => {
            crate::write_err(&asl_cli::render_check(
                &file,
                &report,
                asl_cli::Format::Text,
            ));
            errln!("{file}: not drawing an invalid definition");
            return exit::INVALID;
        }
    };
    let format = match args.format {
        GraphFormat::Mermaid => asl_core::diagram::Format::Mermaid,
        GraphFormat::Dot => asl_core::diagram::Format::Dot,
    };
    out!("{}", asl_core::diagram::render(machine, format));
    exit::OK
}
