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

/// Arguments of `asl check`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The state machine type (EXPRESS rejects `.sync`, callbacks and activities).
    #[arg(long = "type", value_enum)]
    machine_type: Option<Type>,
    /// The definitions to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Runs `asl check`: 0 when no file has an error, 1 otherwise, 2 when a
/// file cannot be read.
pub fn run(args: &Args) -> u8 {
    let options = Options {
        machine_type: args.machine_type.map(|t| match t {
            Type::Standard => MachineType::Standard,
            Type::Express => MachineType::Express,
        }),
        ..Options::default()
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
