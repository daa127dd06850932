//! `asl iam`: the least-privilege IAM policy of a definition's execution role.

use crate::check::ValidationArgs;
use crate::exit;
use asl_core::iam::IamOptions;
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
    /// The state machine's name: the statements on its own ARN (a
    /// Distributed Map's child executions, HTTP Tasks) name it instead of
    /// `stateMachine:*`.
    #[arg(long, value_name = "NAME")]
    state_machine_name: Option<String>,
    /// `text`: the policy document on stdout, diagnostics and warnings on
    /// stderr. `json`: one object with the policy, the warnings, the errors
    /// and the message for a machine that needs no permission.
    #[arg(long, value_enum, default_value = "text")]
    format: asl_cli::Format,
    #[command(flatten)]
    validation: ValidationArgs,
}

/// Validates the file, then prints the policy (exit 0), or the errors
/// (exit 1). Warnings never change the exit code.
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
    // A template's pseudo parameters are known here (`!Sub` and `!Ref`
    // leave them as `${AWS::Region}`, …).
    let iam_options = IamOptions {
        state_machine_name: args.state_machine_name.clone(),
        ..IamOptions::default()
    }
    .substitute("AWS::Partition", &env.partition)
    .substitute("AWS::Region", &env.region)
    .substitute("AWS::AccountId", &env.account)
    .substitute("AWS::URLSuffix", "amazonaws.com");
    let iam = asl_cli::iam_unit(&unit, &env, &options, &iam_options);
    let code = if iam.generated.is_some() {
        exit::OK
    } else {
        exit::INVALID
    };
    if args.format == asl_cli::Format::Json {
        outln!("{}", iam.to_json(unit.file()));
        return code;
    }
    let mut diagnostics = iam.diagnostics.clone();
    if let Some(g) = &iam.generated {
        diagnostics.extend(g.warnings.iter().cloned());
    }
    let report = asl_core::Report {
        diagnostics,
        machine: None,
    };
    crate::write_diagnostics(&unit, &report);
    let Some(generated) = &iam.generated else {
        errln!(
            "{}: not generating a policy for an invalid definition",
            unit.file()
        );
        return code;
    };
    if generated.policy.statement.is_empty() {
        // IAM rejects a policy without statements: say why there is none.
        let why = generated.message().unwrap_or(
            "no statement could be generated: each Task above needs what its warning says",
        );
        errln!("{}: {why}", unit.file());
        return code;
    }
    outln!("{}", asl_core::to_string_pretty(&generated.policy));
    code
}
