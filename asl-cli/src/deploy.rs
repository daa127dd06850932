//! `asl deploy`: validates a definition, then creates or updates the state
//! machine (and, with `--create-role`, its execution role), optionally
//! publishing a version and pointing an alias at it.

use crate::exit;
use asl_cli::Type;
use asl_deploy::{Action, DeployError, DeploySpec, Deployer, RoleOutcome, RoleRetry, RoleSpec};
use std::path::PathBuf;

/// Deployment failed for a reason other than the definition (access denied,
/// throttling, network, a type change).
pub const FAILED: u8 = 3;

/// Arguments of `asl deploy`.
#[derive(clap::Args)]
pub struct Args {
    /// The definition (`.asl.json`), deployed byte for byte.
    file: PathBuf,
    /// The state machine name; an existing machine of that name is updated.
    #[arg(long)]
    name: String,
    /// The IAM role the state machine runs as.
    #[arg(
        long,
        value_name = "ARN",
        required_unless_present = "create_role",
        conflicts_with = "create_role"
    )]
    role_arn: Option<String>,
    /// Create the execution role NAME, or bring it up to date, and run the
    /// machine as it: the trust policy of the Step Functions developer guide
    /// (states.amazonaws.com, for this account's state machines in this
    /// region) and one inline policy, `asl-kit-<name>`, holding what
    /// `asl iam` generates for the definition. Nothing is sent to IAM when
    /// both already match.
    #[arg(long, value_name = "NAME")]
    create_role: Option<String>,
    /// With --create-role: how many times to retry creating or updating
    /// the machine while Step Functions does not yet accept a role just
    /// created (IAM is eventually consistent; waits 1, 2, 4, 8, 8, … s;
    /// default 7).
    // (`requires = "create_role"` is not checked by clap when --role-arn,
    // which conflicts with --create-role, is there: `role_spec` checks it.)
    #[arg(long, value_name = "N")]
    role_retries: Option<u32>,
    /// Another Step Functions endpoint. A loopback one
    /// (`http://127.0.0.1:4566`, `http://localhost:…`) is taken for LocalStack:
    /// region us-east-1 and credentials test/test. Otherwise the usual AWS
    /// configuration (environment, profile, instance role) is used.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// The state machine type.
    #[arg(long = "type", value_enum, default_value_t = Type::Standard)]
    machine_type: Type,
    /// Publish a version (reusing the newest one when nothing changed).
    #[arg(long)]
    publish: bool,
    /// The description of the published version.
    #[arg(long, value_name = "TEXT")]
    version_description: Option<String>,
    /// Point this alias at the published version (implies --publish).
    #[arg(long, value_name = "NAME")]
    alias: Option<String>,
    /// A tag to set, `KEY=VALUE` (repeatable).
    #[arg(long = "tag", value_name = "KEY=VALUE", value_parser = parse_tag)]
    tags: Vec<(String, String)>,
    /// Turn X-Ray tracing on.
    #[arg(long)]
    tracing: bool,
}

fn parse_tag(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => Err(format!("expected KEY=VALUE, got `{s}`")),
    }
}

fn is_loopback(endpoint: &str) -> bool {
    let rest = endpoint
        .strip_prefix("http://")
        .or_else(|| endpoint.strip_prefix("https://"))
        .unwrap_or(endpoint);
    ["127.0.0.1", "localhost", "[::1]"].iter().any(|host| {
        rest == *host
            || rest.starts_with(&format!("{host}:"))
            || rest.starts_with(&format!("{host}/"))
    })
}

/// Runs `asl deploy`: 0 when deployed (or already up to date), 1 when the
/// definition is invalid, 2 on bad usage (a role name IAM rejects
/// included) or an unreadable file, 3 when Step Functions, IAM or STS
/// refused or could not be reached.
pub fn run(args: &Args) -> u8 {
    let Some(bytes) = crate::read(&args.file) else {
        return exit::USAGE;
    };
    let Ok(text) = String::from_utf8(bytes) else {
        errln!("{}: not UTF-8", args.file.display());
        return exit::USAGE;
    };
    let mut spec = DeploySpec::from_text(&args.name, text, args.role_arn.as_deref().unwrap_or(""))
        .machine_type(args.machine_type.into())
        .tracing(args.tracing);
    match role_spec(args) {
        Ok(Some(role)) => spec = spec.role(role),
        Ok(None) => {}
        Err(e) => {
            errln!("asl deploy: {e}");
            return exit::USAGE;
        }
    }
    for (k, v) in &args.tags {
        spec = spec.tag(k, v);
    }
    if args.publish || args.alias.is_some() || args.version_description.is_some() {
        spec = spec.publish(args.version_description.as_deref());
    }
    if let Some(alias) = &args.alias {
        spec = spec.alias(alias);
    }

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            errln!("asl deploy: cannot start the async runtime: {e}");
            return FAILED;
        }
    };
    let result = runtime.block_on(async {
        let deployer = match args.endpoint.as_deref() {
            Some(endpoint) if is_loopback(endpoint) => Deployer::local(endpoint),
            endpoint => Deployer::from_env(endpoint).await,
        };
        deployer.deploy(&spec).await
    });

    let file = args.file.display();
    match result {
        Ok(outcome) => {
            for w in &outcome.warnings {
                errln!("{file}: {w}");
            }
            if let Some(role) = &outcome.role {
                for w in &role.warnings {
                    errln!("{file}: execution role: {w}");
                }
                if role.policy_document.is_none() {
                    errln!("{file}: execution role: {}", asl_core::iam::NOTHING_NEEDED);
                }
            }
            let verb = match outcome.action {
                Action::Created => "created",
                Action::Updated => "updated",
                Action::Unchanged => "unchanged (definition and configuration already deployed)",
            };
            outln!("{}: {verb}", args.name);
            if let Some(role) = &outcome.role {
                outln!("  role:          {} ({})", role.arn, role_summary(role));
            }
            outln!("  state machine: {}", outcome.arn);
            if let Some(revision) = &outcome.revision_id {
                outln!("  revision:      {revision}");
            }
            if let Some(version) = &outcome.version {
                let how = if version.published {
                    "published"
                } else {
                    "reused, revision unchanged"
                };
                outln!("  version:       {} ({how})", version.arn);
            }
            if let Some(alias) = &outcome.alias {
                outln!("  alias:         {} ({})", alias.arn, alias.action);
            }
            if outcome.tags_changed {
                outln!("  tags:          updated");
            }
            exit::OK
        }
        Err(DeployError::InvalidDefinition {
            origin,
            diagnostics,
        }) => {
            errln!("{file}: rejected by {origin}; nothing was deployed");
            for d in &diagnostics {
                errln!("{file}: {d}");
            }
            exit::INVALID
        }
        Err(e @ DeployError::InvalidRoleName { .. }) => {
            errln!("asl deploy: {e}");
            exit::USAGE
        }
        Err(e) => {
            errln!("asl deploy: {e}");
            FAILED
        }
    }
}

/// The role to create, from `--create-role` and `--role-retries`.
fn role_spec(args: &Args) -> Result<Option<RoleSpec>, String> {
    match (&args.create_role, args.role_retries) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err("--role-retries needs --create-role".to_owned()),
        (Some(name), retries) => Ok(Some(RoleSpec::new(name).retry(RoleRetry {
            retries: retries.unwrap_or(RoleRetry::default().retries),
            ..RoleRetry::default()
        }))),
    }
}

/// What happened to the role, in a few words.
fn role_summary(role: &RoleOutcome) -> String {
    let policy = format!("inline policy {} {}", role.policy_name, role.policy);
    match role.action {
        Action::Created => format!("created; {policy}"),
        Action::Updated if role.trust_policy_updated => {
            format!("updated: trust policy replaced; {policy}")
        }
        Action::Updated => format!("updated: {policy}"),
        Action::Unchanged => format!(
            "unchanged: trust policy and inline policy {} already match",
            role.policy_name
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn parse(argv: &[&str]) -> Result<Args, clap::Error> {
        Cli::try_parse_from(std::iter::once("asl-deploy").chain(argv.iter().copied()))
            .map(|c| c.args)
    }

    #[test]
    fn a_role_arn_or_a_role_to_create() {
        let args = parse(&[
            "m.asl.json",
            "--name",
            "M",
            "--role-arn",
            "arn:aws:iam::1:role/r",
        ])
        .unwrap();
        assert_eq!(args.role_arn.as_deref(), Some("arn:aws:iam::1:role/r"));
        assert_eq!(args.create_role, None);

        let args = parse(&["m.asl.json", "--name", "M", "--create-role", "MRole"]).unwrap();
        assert_eq!(args.create_role.as_deref(), Some("MRole"));
        assert_eq!(args.role_arn, None);
        assert_eq!(args.role_retries, None);
        let args = parse(&[
            "m.asl.json",
            "--name",
            "M",
            "--create-role",
            "MRole",
            "--role-retries",
            "0",
        ])
        .unwrap();
        assert_eq!(args.role_retries, Some(0));
        let role = role_spec(&args).unwrap().unwrap();
        assert_eq!((role.name.as_str(), role.retry.retries), ("MRole", 0));
        let args = parse(&["m.asl.json", "--name", "M", "--create-role", "MRole"]).unwrap();
        assert_eq!(
            role_spec(&args).unwrap().unwrap().retry,
            RoleRetry::default()
        );

        // Neither, both, or retries without a role: usage errors.
        assert!(parse(&["m.asl.json", "--name", "M"]).is_err());
        assert!(parse(&[
            "m.asl.json",
            "--name",
            "M",
            "--create-role",
            "R",
            "--role-arn",
            "arn:x",
        ])
        .is_err());
        let args = parse(&[
            "m.asl.json",
            "--name",
            "M",
            "--role-arn",
            "arn:x",
            "--role-retries",
            "2",
        ])
        .unwrap();
        assert_eq!(
            role_spec(&args).unwrap_err(),
            "--role-retries needs --create-role"
        );
        let args = parse(&["m.asl.json", "--name", "M", "--role-arn", "arn:x"]).unwrap();
        assert_eq!(role_spec(&args), Ok(None));
    }

    #[test]
    fn the_role_line_says_what_changed() {
        let mut role = RoleOutcome {
            name: "R".into(),
            arn: "arn:aws:iam::1:role/R".into(),
            action: Action::Created,
            trust_policy_updated: false,
            policy_name: "asl-kit-M".into(),
            policy: asl_deploy::PolicyAction::Created,
            policy_document: None,
            trust_document: serde_json::Value::Null,
            environment: asl_core::integration::AwsEnvironment::new("aws", "us-east-1", "1"),
            warnings: Vec::new(),
        };
        assert_eq!(
            role_summary(&role),
            "created; inline policy asl-kit-M created"
        );
        role.action = Action::Updated;
        role.trust_policy_updated = true;
        role.policy = asl_deploy::PolicyAction::Unchanged;
        assert_eq!(
            role_summary(&role),
            "updated: trust policy replaced; inline policy asl-kit-M unchanged"
        );
        role.trust_policy_updated = false;
        role.policy = asl_deploy::PolicyAction::Updated;
        assert_eq!(
            role_summary(&role),
            "updated: inline policy asl-kit-M updated"
        );
        role.action = Action::Unchanged;
        assert_eq!(
            role_summary(&role),
            "unchanged: trust policy and inline policy asl-kit-M already match"
        );
    }

    #[test]
    fn tags_and_loopback_endpoints() {
        assert_eq!(parse_tag("team=ml"), Ok(("team".into(), "ml".into())));
        assert_eq!(parse_tag("empty="), Ok(("empty".into(), String::new())));
        assert!(parse_tag("=x").is_err());
        assert!(parse_tag("novalue").is_err());
        assert!(is_loopback("http://127.0.0.1:4566"));
        assert!(is_loopback("http://localhost:4566/"));
        assert!(is_loopback("http://[::1]:4566"));
        assert!(!is_loopback("https://states.us-east-1.amazonaws.com"));
        assert!(!is_loopback("http://localhost.example.com"));
    }
}
