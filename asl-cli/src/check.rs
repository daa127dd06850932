//! `asl check`: validates files and reports every diagnostic.

use crate::exit;
use asl_core::{MachineType, Options, Severity};
use std::path::PathBuf;

/// Output format of `asl check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file: ERROR CODE at /pointer: message`, one line per diagnostic.
    Text,
    /// One JSON object per file per line.
    Json,
}

/// The state machine type, which changes the allowed integrations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Type {
    /// A standard workflow.
    #[value(name = "STANDARD", alias = "standard")]
    Standard,
    /// An express workflow: no `.sync`, `.waitForTaskToken` or activities.
    #[value(name = "EXPRESS", alias = "express")]
    Express,
}

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
            match serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes) {
                Ok(map) => {
                    for (name, value) in map {
                        let value = match value {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        };
                        substitutions.insert(name, value);
                    }
                }
                Err(e) => {
                    eprintln!(
                        "{}: expected a JSON object of substitutions: {e}",
                        path.display()
                    );
                    return None;
                }
            }
        }
        substitutions.extend(self.substitution.iter().cloned());
        Some(Options {
            machine_type: self.machine_type.map(|t| match t {
                Type::Standard => MachineType::Standard,
                Type::Express => MachineType::Express,
            }),
            substitutions,
            ..Options::default()
        })
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
        let report = asl_core::validate_slice(&bytes, &options);
        let file = path.display().to_string();
        match args.format {
            Format::Text => {
                for d in &report.diagnostics {
                    println!("{file}: {d}");
                }
            }
            Format::Json => {
                let diagnostics: Vec<serde_json::Value> = report
                    .diagnostics
                    .iter()
                    .map(|d| {
                        serde_json::json!({
                            "severity": match d.severity {
                                Severity::Error => "ERROR",
                                Severity::Warning => "WARNING",
                            },
                            "code": d.code,
                            "message": d.message,
                            "location": d.location,
                        })
                    })
                    .collect();
                let line = serde_json::json!({
                    "file": file,
                    "result": if report.is_ok() { "OK" } else { "FAIL" },
                    "diagnostics": diagnostics,
                });
                println!("{line}");
            }
        }
        if !report.is_ok() && code == exit::OK {
            code = exit::INVALID;
        }
    }
    code
}
