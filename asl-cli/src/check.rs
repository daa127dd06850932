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
    /// The definitions to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Runs `asl check`: 0 when no file has an error, 1 otherwise, 2 when a
/// file cannot be read.
pub fn run(args: &Args) -> u8 {
    let Some(options) = args.validation.options() else {
        return exit::USAGE;
    };
    let mut code = exit::OK;
    for path in &args.files {
        let Some(bytes) = crate::read(path) else {
            code = exit::USAGE;
            continue;
        };
        let report = asl_cli::check_bytes(&bytes, &options);
        out!(
            "{}",
            asl_cli::render_check(&path.display().to_string(), &report, args.format)
        );
        if !report.is_ok() && code == exit::OK {
            code = exit::INVALID;
        }
    }
    code
}
