//! # asl-deploy
//!
//! Deploys Amazon States Language state machines to AWS Step Functions (or a
//! local emulator such as LocalStack) and runs executions against them.
//!
//! - [`Deployer::deploy`] validates the definition with asl-core's validator
//!   (and the Bedrock integration's rules) and with
//!   `ValidateStateMachineDefinition`, then creates the state machine
//!   or updates it — only when the definition, role, logging or tracing
//!   changed, so a redeploy creates no new revision or version — sets tags,
//!   publishes a version and points an alias at it.
//! - With [`DeploySpec::create_role`], it first creates the execution role,
//!   or brings it up to date, through IAM: the trust policy of the Step
//!   Functions developer guide ([`trust_policy`]) and an inline policy
//!   holding asl-core's generated policy ([`role_policy_name`]); a redeploy
//!   sends nothing when both match. The generator's warnings come back in
//!   [`RoleOutcome::warnings`].
//! - [`Deployer::run_execution`] starts an execution (optionally a mocked
//!   test case) and waits for it to end; [`Deployer::states_entered`] and
//!   [`Deployer::execution_history`] read its history.
//!
//! ```no_run
//! use asl_deploy::{Action, Deployer, DeploySpec};
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let machine = asl_core::from_str(&std::fs::read_to_string("chain.asl.json")?)?;
//! let deployer = Deployer::from_env(None).await;
//! let spec = DeploySpec::new("PromptChain", &machine, "arn:aws:iam::123456789012:role/sfn")
//!     .publish(Some("nightly"))
//!     .alias("live");
//! let outcome = deployer.deploy(&spec).await?;
//! println!("{} {} (version {:?})", outcome.action, outcome.arn, outcome.version_arn());
//! # let _ = Action::Created;
//! # Ok(())
//! # }
//! ```
//!
//! Errors are one [`DeployError`] enum: invalid definitions carry their
//! diagnostics; access denied and throttling (after the SDK's standard
//! retries) are their own variants.

#![deny(missing_docs)]

mod deployer;
mod error;
mod execution;
mod role;
mod spec;

pub use asl_core::MachineType;
pub use aws_sdk_iam;
pub use aws_sdk_sfn;
pub use aws_sdk_sts;
pub use deployer::{Deployer, LOCAL_ACCOUNT};
pub use error::{DefinitionDiagnostic, DeployError, DiagnosticOrigin};
pub use execution::{ExecutionResult, ExecutionStatus, HistoryEntry};
pub use role::{
    read_policy_document, role_policy_name, trust_policy, PolicyAction, RoleOutcome, RoleRetry,
    RoleSpec, STATES_PRINCIPAL,
};
pub use spec::{
    Action, AliasOutcome, AliasSpec, DeployOutcome, DeploySpec, LogLevel, Logging, Publish,
    VersionOutcome,
};
