//! `asl iam`: the least-privilege IAM policy of a definition's execution role.

use crate::check::ValidationArgs;
use crate::exit;
use asl_core::integration::AwsEnvironment;
use std::path::PathBuf;

/// Arguments of `asl iam`.
#[derive(clap::Args)]
pub struct Args {
    /// The definition file (`.asl.json`, `.asl.yaml`) or template.
    file: PathBuf,
    /// The state machine, by logical id, when the template has more than one.
    #[arg(long, value_name = "LOGICAL_ID")]
    resource: Option<String>,
    /// The AWS partition of the ARNs.
    #[arg(long, default_value = "aws")]
    partition: String,
    /// The region the state machine runs in.
    #[arg(long)]
    region: String,
    /// The 12-digit account id the state machine runs in.
    #[arg(long)]
    account: String,
    #[command(flatten)]
    validation: ValidationArgs,
}

/// Validates the file (errors go to stderr and end with exit 1), then
/// prints the policy document as pretty JSON.
pub fn run(args: &Args) -> u8 {
    let Some(options) = args.validation.options() else {
        return exit::USAGE;
    };
    let Some(unit) = crate::select(&args.file, args.resource.as_deref()) else {
        return exit::USAGE;
    };
    let env = AwsEnvironment {
        partition: args.partition.clone(),
        region: args.region.clone(),
        account: args.account.clone(),
    };
    let iam = asl_cli::iam_unit(&unit, &env, &options);
    let report = asl_core::Report {
        diagnostics: iam.diagnostics,
        machine: None,
    };
    crate::write_err(&asl_cli::render(
        unit.origin(),
        &report,
        asl_cli::Format::Text,
    ));
    let Some(policy) = iam.policy else {
        errln!(
            "{}: not generating a policy for an invalid definition",
            unit.file()
        );
        return exit::INVALID;
    };
    outln!("{}", asl_core::to_string_pretty(&policy));
    exit::OK
}
