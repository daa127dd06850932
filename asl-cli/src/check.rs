//! `asl check`: validates files and reports every diagnostic.

use crate::exit;
use asl_cli::{Format, Type};
use asl_core::Options;
use std::path::PathBuf;

/// What the validator is told besides the file: shared by `check` and `iam`.
#[derive(clap::Args)]
pub struct ValidationArgs {
    /// The state machine type (EXPRESS rejects `.sync`, callbacks and activities).
    #[arg(long = "type", value_enum)]
    machine_type: Option<Type>,
    /// A `${NAME}` template substitution to resolve, as `NAME=VALUE`
    /// (repeatable), like CloudFormation's `DefinitionSubstitutions`.
    #[arg(long = "substitution", value_name = "NAME=VALUE", value_parser = parse_substitution)]
    substitution: Vec<(String, String)>,
    /// A JSON object of substitutions (`{"NAME": "VALUE", ...}`).
    #[arg(long = "substitutions", value_name = "FILE.json")]
    substitutions: Option<PathBuf>,
}

fn parse_substitution(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(format!("expected NAME=VALUE, found {s:?}")),
    }
}

impl ValidationArgs {
    /// The validator options: the type, the substitutions, and the registry
    /// of integrations. `None` (after saying why on stderr) when the
    /// substitutions file cannot be read.
    pub fn options(&self) -> Option<Options> {
        let mut substitutions = std::collections::BTreeMap::new();
        if let Some(path) = &self.substitutions {
            let bytes = crate::read(path)?;
            match asl_cli::parse_substitutions(&bytes) {
                Ok(map) => substitutions = map,
                Err(e) => {
                    errln!("{}: {e}", path.display());
                    return None;
                }
            }
        }
        substitutions.extend(self.substitution.iter().cloned());
        Some(asl_cli::options(
            self.machine_type.map(Into::into),
            substitutions,
        ))
    }
}

/// Arguments of `asl check`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    validation: ValidationArgs,
    /// The definitions (`.asl.json`, `.asl.yaml`), CloudFormation or SAM
    /// templates, or folders to look through (recursively: `.asl.json`,
    /// `.asl.yaml`, `.asl.yml`, `.json` definitions and templates with
    /// state machines; hidden folders, `node_modules` and `target` are
    /// skipped).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Runs `asl check`: 0 when no file has an error, 1 otherwise, 2 when a
/// file cannot be read or a folder holds nothing to check.
pub fn run(args: &Args) -> u8 {
    let Some(options) = args.validation.options() else {
        return exit::USAGE;
    };
    let mut code = exit::OK;
    let mut worse = |c: u8| code = code.max(c);
    for path in &args.files {
        if !path.is_dir() {
            worse(check_file(path, &options, args.format));
            continue;
        }
        let (files, failures) = asl_cli::source::walk(path);
        for (folder, e) in &failures {
            errln!("{}: {e}", folder.display());
            worse(exit::USAGE);
        }
        let mut checked = 0;
        for file in &files {
            let Some(bytes) = crate::read(file) else {
                worse(exit::USAGE);
                continue;
            };
            if asl_cli::source::worth_checking(file, &bytes) {
                checked += 1;
                worse(check_source(file, &bytes, &options, args.format));
            }
        }
        if checked == 0 {
            errln!(
                "{}: no definition (.asl.json, .asl.yaml, a .json with StartAt and States) or template with a state machine in this folder",
                path.display()
            );
            worse(exit::USAGE);
        }
    }
    code
}

/// Checks one file named on the command line.
fn check_file(path: &std::path::Path, options: &Options, format: Format) -> u8 {
    match crate::read(path) {
        Some(bytes) => check_source(path, &bytes, options, format),
        None => exit::USAGE,
    }
}

/// Checks every definition of a file (one, or each state machine of a
/// template) and prints what it finds.
fn check_source(path: &std::path::Path, bytes: &[u8], options: &Options, format: Format) -> u8 {
    let mut code = exit::OK;
    for unit in asl_cli::source::load(path, bytes).units {
        let report = unit.check(options);
        out!("{}", asl_cli::render(unit.origin(), &report, format));
        if !report.is_ok() {
            code = exit::INVALID;
        }
    }
    code
}
