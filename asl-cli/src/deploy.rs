//! `asl deploy`: validates a definition, then creates or updates the state
//! machine, optionally publishing a version and pointing an alias at it.

use crate::exit;
use asl_cli::Type;
use asl_deploy::{Action, DeployError, DeploySpec, Deployer};
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
    #[arg(long)]
    role_arn: String,
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
/// definition is invalid, 2 on bad usage or an unreadable file, 3 when Step
/// Functions refused or could not be reached.
pub fn run(args: &Args) -> u8 {
    let Some(bytes) = crate::read(&args.file) else {
        return exit::USAGE;
    };
    let Ok(text) = String::from_utf8(bytes) else {
        errln!("{}: not UTF-8", args.file.display());
        return exit::USAGE;
    };
    let mut spec = DeploySpec::from_text(&args.name, text, &args.role_arn)
        .machine_type(args.machine_type.into())
        .tracing(args.tracing);
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
            let verb = match outcome.action {
                Action::Created => "created",
                Action::Updated => "updated",
                Action::Unchanged => "unchanged (definition and configuration already deployed)",
            };
            outln!("{}: {verb}", args.name);
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
        Err(e) => {
            errln!("asl deploy: {e}");
            FAILED
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
