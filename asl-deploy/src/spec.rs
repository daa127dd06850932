//! What to deploy ([`DeploySpec`]) and what happened ([`DeployOutcome`]).

use std::collections::BTreeMap;

use asl_core::{MachineType, StateMachine};

use crate::{DefinitionDiagnostic, RoleOutcome, RoleSpec};

/// How much a state machine logs to CloudWatch Logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LogLevel {
    /// Every event.
    All,
    /// Failures and errors.
    Error,
    /// Execution failures only.
    Fatal,
    /// Nothing (the default).
    #[default]
    Off,
}

impl LogLevel {
    /// The value as Step Functions spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::All => "ALL",
            LogLevel::Error => "ERROR",
            LogLevel::Fatal => "FATAL",
            LogLevel::Off => "OFF",
        }
    }
}

/// The `loggingConfiguration` of a state machine.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Logging {
    /// What to log.
    pub level: LogLevel,
    /// Whether input, output and results are logged too.
    pub include_execution_data: bool,
    /// CloudWatch Logs log group ARNs (`arn:aws:logs:…:log-group:NAME:*`);
    /// Step Functions accepts one.
    pub log_group_arns: Vec<String>,
}

/// Publishing a version after the deployment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Publish {
    /// The version's description.
    pub description: Option<String>,
}

/// An alias to create, or move, so that it routes all traffic to the
/// published version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasSpec {
    /// The alias name (`prod`, `live`, …).
    pub name: String,
    /// The alias description.
    pub description: Option<String>,
}

/// Everything [`Deployer::deploy`](crate::Deployer::deploy) needs.
///
/// ```
/// use asl_deploy::{DeploySpec, LogLevel, Logging};
/// let machine = asl_core::from_str(
///     r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
/// )?;
/// let spec = DeploySpec::new("Hello", &machine, "arn:aws:iam::123456789012:role/sfn")
///     .express()
///     .tracing(true)
///     .logging(Logging {
///         level: LogLevel::Error,
///         include_execution_data: false,
///         log_group_arns: vec!["arn:aws:logs:us-east-1:123456789012:log-group:hello:*".into()],
///     })
///     .tag("team", "ml")
///     .publish(Some("first cut"))
///     .alias("live");
/// assert!(spec.definition.contains("\"StartAt\""));
/// # Ok::<(), asl_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploySpec {
    /// The state machine name (unique per account and region; it is how an
    /// existing machine is found).
    pub name: String,
    /// The definition text, sent as it is.
    pub definition: String,
    /// The IAM role the state machine runs as (ignored with
    /// [`role`](Self::role): the created role's ARN is used).
    pub role_arn: String,
    /// STANDARD (the default) or EXPRESS. Cannot change after creation.
    pub machine_type: MachineType,
    /// CloudWatch Logs configuration; `None` means logging off.
    pub logging: Option<Logging>,
    /// Whether X-Ray tracing is on.
    pub tracing: bool,
    /// Tags to set. Existing tags not listed here are left alone.
    pub tags: BTreeMap<String, String>,
    /// Publish a version (reusing the newest one when the revision did not change).
    pub publish: Option<Publish>,
    /// Point an alias at the published version (implies [`publish`](Self::publish)).
    pub alias: Option<AliasSpec>,
    /// Run asl-core's validator before calling AWS (on by default). Its
    /// errors stop the deployment; its warnings end up in
    /// [`DeployOutcome::warnings`].
    pub validate_locally: bool,
    /// An execution role to create or update from the generated policy,
    /// after validation and before the state machine (see
    /// [`create_role`](Self::create_role)).
    pub role: Option<RoleSpec>,
}

impl DeploySpec {
    /// A STANDARD machine with the canonical pretty text of `machine`,
    /// logging and tracing off, no tags, no version.
    pub fn new(
        name: impl Into<String>,
        machine: &StateMachine,
        role_arn: impl Into<String>,
    ) -> Self {
        Self::from_text(name, machine.to_string_pretty(), role_arn)
    }

    /// Like [`new`](Self::new), with the definition text as given (useful to
    /// deploy a file byte for byte, or to let the validators see a broken one).
    pub fn from_text(
        name: impl Into<String>,
        definition: impl Into<String>,
        role_arn: impl Into<String>,
    ) -> Self {
        DeploySpec {
            name: name.into(),
            definition: definition.into(),
            role_arn: role_arn.into(),
            machine_type: MachineType::Standard,
            logging: None,
            tracing: false,
            tags: BTreeMap::new(),
            publish: None,
            alias: None,
            validate_locally: true,
            role: None,
        }
    }

    /// Sets the type.
    pub fn machine_type(mut self, machine_type: MachineType) -> Self {
        self.machine_type = machine_type;
        self
    }

    /// An EXPRESS machine.
    pub fn express(self) -> Self {
        self.machine_type(MachineType::Express)
    }

    /// Sets the logging configuration.
    pub fn logging(mut self, logging: Logging) -> Self {
        self.logging = Some(logging);
        self
    }

    /// Turns X-Ray tracing on or off.
    pub fn tracing(mut self, enabled: bool) -> Self {
        self.tracing = enabled;
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }

    /// Publishes a version with this description.
    pub fn publish(mut self, description: Option<&str>) -> Self {
        self.publish = Some(Publish {
            description: description.map(str::to_owned),
        });
        self
    }

    /// Points the alias `name` at the published version (and publishes one).
    pub fn alias(mut self, name: impl Into<String>) -> Self {
        self.alias = Some(AliasSpec {
            name: name.into(),
            description: None,
        });
        if self.publish.is_none() {
            self.publish = Some(Publish::default());
        }
        self
    }

    /// Creates the execution role `name`, or brings it up to date, and
    /// deploys the machine with it: the trust policy of the Step Functions
    /// developer guide ([`trust_policy`](crate::trust_policy)) and one
    /// inline policy with asl-core's generated policy for this definition
    /// ([`role_policy_name`](crate::role_policy_name)). A redeploy sends
    /// nothing to IAM when both already match. See [`RoleSpec`] for the
    /// environment, substitutions and retry.
    ///
    /// ```
    /// let machine = asl_core::from_str(
    ///     r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
    /// )?;
    /// let spec = asl_deploy::DeploySpec::new("Hello", &machine, "").create_role("HelloRole");
    /// assert_eq!(spec.role.as_ref().map(|r| r.name.as_str()), Some("HelloRole"));
    /// # Ok::<(), asl_core::Error>(())
    /// ```
    pub fn create_role(self, name: impl Into<String>) -> Self {
        self.role(RoleSpec::new(name))
    }

    /// Like [`create_role`](Self::create_role), with every option of [`RoleSpec`].
    pub fn role(mut self, role: RoleSpec) -> Self {
        self.role = Some(role);
        self
    }

    /// Skips (`false`) or runs (`true`, the default) the local validator.
    pub fn validate_locally(mut self, on: bool) -> Self {
        self.validate_locally = on;
        self
    }
}

/// What a deployment did to the state machine (or to an alias).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// It did not exist; it was created.
    Created,
    /// It existed with another definition or configuration; it was updated.
    Updated,
    /// It already matched; nothing was sent.
    Unchanged,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Unchanged => "unchanged",
        })
    }
}

/// The published version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionOutcome {
    /// `arn:aws:states:…:stateMachine:NAME:N`.
    pub arn: String,
    /// Whether it was published now (`false`: the newest version already had
    /// this revision and was reused).
    pub published: bool,
}

/// The alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasOutcome {
    /// `arn:aws:states:…:stateMachine:NAME:ALIAS`.
    pub arn: String,
    /// Created, moved to the version (Updated), or already there (Unchanged).
    pub action: Action,
}

/// What [`Deployer::deploy`](crate::Deployer::deploy) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployOutcome {
    /// Created, Updated or Unchanged.
    pub action: Action,
    /// The state machine's ARN.
    pub arn: String,
    /// The revision now current, when the service reports one.
    pub revision_id: Option<String>,
    /// The version, when one was asked for.
    pub version: Option<VersionOutcome>,
    /// The alias, when one was asked for.
    pub alias: Option<AliasOutcome>,
    /// Whether tags were set (at creation) or added or changed.
    pub tags_changed: bool,
    /// Warnings from both validators (they do not stop a deployment).
    pub warnings: Vec<DefinitionDiagnostic>,
    /// The execution role, when [`DeploySpec::role`] asked for one (its
    /// policy generator's warnings are in [`RoleOutcome::warnings`]).
    pub role: Option<RoleOutcome>,
}

impl DeployOutcome {
    /// The version ARN, when one was published or reused.
    pub fn version_arn(&self) -> Option<&str> {
        self.version.as_ref().map(|v| v.arn.as_str())
    }

    /// The alias ARN, when an alias was asked for.
    pub fn alias_arn(&self) -> Option<&str> {
        self.alias.as_ref().map(|a| a.arn.as_str())
    }
}
