//! `asl`: format, check and inspect Amazon States Language files. A thin
//! clap front end over the library (`asl_cli`): argument parsing, files,
//! standard output and exit codes.

/// `print!` that ends the command quietly (exit 0) when the reader of
/// standard output has gone (`asl schema | head`), instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => { $crate::write_out(&format!($($arg)*)) };
}

/// `println!` through [`out!`].
macro_rules! outln {
    () => { $crate::write_out("\n") };
    ($($arg:tt)*) => { $crate::write_out(&format!("{}\n", format!($($arg)*))) };
}

/// `eprintln!` that never panics (a closed standard error is ignored).
macro_rules! errln {
    ($($arg:tt)*) => { $crate::write_err(&format!("{}\n", format!($($arg)*))) };
}

mod check;
mod conformance;
#[cfg(feature = "deploy")]
mod deploy;
mod fmt;
mod graph;
mod iam;
mod rules;
mod run;

use asl_cli::exit;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Work with Amazon States Language (AWS Step Functions) definitions.
#[derive(Parser)]
#[command(name = "asl", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print each file as canonical, pretty JSON.
    Fmt(fmt::Args),
    /// Validate definitions: every rule AWS applies, and a few more.
    Check(check::Args),
    /// Validate, then create or update a state machine (AWS or LocalStack).
    #[cfg(feature = "deploy")]
    Deploy(deploy::Args),
    /// `asl deploy` in a build without the feature: says how to get it.
    #[cfg(not(feature = "deploy"))]
    #[command(hide = true, disable_help_flag = true)]
    Deploy {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Draw a definition as a Mermaid flowchart or Graphviz DOT.
    Graph(graph::Args),
    /// Print the least-privilege IAM policy for a definition's execution role.
    Iam(iam::Args),
    /// Run a definition in the simulator, with mocked Tasks.
    Run(run::Args),
    /// Print the JSON Schema of a state machine definition.
    Schema,
    /// Run a conformance suite over a corpus folder (for CI).
    #[command(hide = true)]
    Conformance(conformance::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Fmt(args) => fmt::run(&args),
        Command::Check(args) => check::run(&args),
        #[cfg(feature = "deploy")]
        Command::Deploy(args) => deploy::run(&args),
        #[cfg(not(feature = "deploy"))]
        Command::Deploy { .. } => {
            errln!(
                "asl deploy: this asl was built without the feature `deploy` (it builds the AWS SDK); \
                 install it with `cargo install --path asl-cli --features deploy`"
            );
            exit::USAGE
        }
        Command::Graph(args) => graph::run(&args),
        Command::Iam(args) => iam::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Schema => {
            outln!(
                "{}",
                asl_core::to_string_pretty(&asl_core::schema::state_machine())
            );
            exit::OK
        }
        Command::Conformance(args) => conformance::run(&args),
    };
    ExitCode::from(code)
}

/// Writes `text` to standard output. A reader that went away (EPIPE) is a
/// normal end: the command exits 0 without a word; any other failure to
/// write is said on standard error and exits 2.
pub fn write_out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(exit::OK.into());
        }
        write_err(&format!("asl: cannot write to standard output: {e}\n"));
        std::process::exit(exit::USAGE.into());
    }
}

/// Writes `text` to standard error, ignoring a failure (there is nowhere
/// left to say it).
pub fn write_err(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Reads a file, or reports why not (`file: message`) and returns `None`.
pub fn read(path: &std::path::Path) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            errln!("{}: {e}", path.display());
            None
        }
    }
}

/// Reads `path` and picks the definition `asl iam` or `asl graph` works on
/// (see [`asl_cli::source::select`]), or says why not on stderr.
pub fn select(path: &std::path::Path, resource: Option<&str>) -> Option<asl_cli::source::Unit> {
    let bytes = read(path)?;
    let source = asl_cli::source::load(path, &bytes);
    match asl_cli::source::select(source, resource) {
        Ok(unit) => Some(unit),
        Err(e) => {
            errln!("{}: {e}", path.display());
            None
        }
    }
}

/// Writes `unit`'s diagnostics to standard error, one a line, as
/// `asl check` prints them in text.
pub fn write_diagnostics(unit: &asl_cli::source::Unit, report: &asl_core::Report) {
    write_err(&asl_cli::render(
        unit.origin(),
        report,
        asl_cli::Format::Text,
    ));
}

/// Checks `unit` with `options` and returns its machine when it is valid.
/// An invalid one is refused: its diagnostics go to standard error, then
/// `file: not {doing} an invalid definition`.
pub fn valid_machine(
    unit: &asl_cli::source::Unit,
    options: &asl_core::Options,
    doing: &str,
) -> Option<asl_core::StateMachine> {
    let mut report = unit.check(options);
    if report.is_ok() {
        if let Some(machine) = report.machine.take() {
            return Some(machine);
        }
    }
    write_diagnostics(unit, &report);
    errln!("{}: not {doing} an invalid definition", unit.file());
    None
}

/// Prints a parse error as `file:line:col: /pointer: message`.
pub fn report_parse_error(path: &std::path::Path, e: &asl_core::Error) {
    errln!(
        "{}:{}:{}: {}: {}",
        path.display(),
        e.line(),
        e.column(),
        e.pointer(),
        e.message()
    );
}
