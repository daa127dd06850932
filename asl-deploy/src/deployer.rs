//! [`Deployer`]: validate, create or update, publish, alias.

use std::collections::BTreeMap;

use aws_sdk_sfn::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_sfn::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sfn::types::{
    CloudWatchLogsLogGroup, LogDestination, LogLevel as SdkLogLevel, LoggingConfiguration,
    RoutingConfigurationListItem, StateMachineType, Tag, TracingConfiguration,
    ValidateStateMachineDefinitionResultCode,
};
use aws_sdk_sfn::Client;

use asl_core::integration::AwsEnvironment;

use crate::role::{self, CurrentRole, PolicyAction, RoleOutcome, RoleRetry, RoleSpec};
use crate::spec::{
    Action, AliasOutcome, DeployOutcome, DeploySpec, LogLevel, Logging, VersionOutcome,
};
use crate::{DefinitionDiagnostic, DeployError, DiagnosticOrigin};

/// The account LocalStack (and other local emulators) put in ARNs.
pub const LOCAL_ACCOUNT: &str = "000000000000";

/// Deploys state machines and runs executions through one Step Functions
/// client, and creates their execution roles through IAM and STS clients.
///
/// Every call goes through the SDK's standard retry (throttling and
/// transient errors are retried before [`DeployError::Throttled`] is
/// returned).
#[derive(Debug, Clone)]
pub struct Deployer {
    client: Client,
    iam: Option<IamClients>,
}

/// What creating an execution role needs besides Step Functions.
#[derive(Debug, Clone)]
struct IamClients {
    iam: aws_sdk_iam::Client,
    sts: aws_sdk_sts::Client,
}

/// What the service has for a state machine, normalised for comparison.
#[derive(Debug, PartialEq, Eq)]
struct Current {
    definition: String,
    role_arn: String,
    machine_type: String,
    logging: (String, bool, Vec<String>),
    /// `None` when the service does not report it (LocalStack 4.9 neither
    /// returns nor updates it): then it is not compared.
    tracing: Option<bool>,
}

impl Deployer {
    /// Wraps a Step Functions client (built from `aws_config` or by hand).
    /// It cannot create roles ([`DeploySpec::create_role`]) until
    /// [`with_iam`](Self::with_iam) gives it IAM and STS clients.
    pub fn new(client: Client) -> Self {
        Deployer { client, iam: None }
    }

    /// Adds the IAM and STS clients that creating an execution role uses.
    ///
    /// ```no_run
    /// # async fn demo() {
    /// let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    /// let deployer = asl_deploy::Deployer::new(asl_deploy::aws_sdk_sfn::Client::new(&config))
    ///     .with_iam(
    ///         asl_deploy::aws_sdk_iam::Client::new(&config),
    ///         asl_deploy::aws_sdk_sts::Client::new(&config),
    ///     );
    /// # let _ = deployer;
    /// # }
    /// ```
    pub fn with_iam(mut self, iam: aws_sdk_iam::Client, sts: aws_sdk_sts::Client) -> Self {
        self.iam = Some(IamClients { iam, sts });
        self
    }

    /// The Step Functions, IAM and STS clients of one configuration.
    ///
    /// ```no_run
    /// # async fn demo() {
    /// let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    /// let deployer = asl_deploy::Deployer::from_config(&config);
    /// # let _ = deployer;
    /// # }
    /// ```
    pub fn from_config(config: &aws_config::SdkConfig) -> Self {
        Deployer::new(Client::new(config)).with_iam(
            aws_sdk_iam::Client::new(config),
            aws_sdk_sts::Client::new(config),
        )
    }

    /// A deployer for a local Step Functions endpoint (LocalStack, Step
    /// Functions Local): region `us-east-1`, static credentials `test`/`test`,
    /// the SDK's standard retry.
    ///
    /// ```
    /// let deployer = asl_deploy::Deployer::local("http://127.0.0.1:4566");
    /// # let _ = deployer;
    /// ```
    ///
    /// Its IAM and STS clients use the same endpoint (LocalStack serves
    /// every service on one port).
    pub fn local(endpoint: &str) -> Self {
        let credentials = Credentials::new("test", "test", None, None, "asl-deploy-local");
        let config = aws_sdk_sfn::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(credentials.clone())
            .endpoint_url(endpoint)
            .build();
        let iam = aws_sdk_iam::Config::builder()
            .behavior_version(aws_sdk_iam::config::BehaviorVersion::latest())
            .region(aws_sdk_iam::config::Region::new("us-east-1"))
            .credentials_provider(credentials.clone())
            .endpoint_url(endpoint)
            .build();
        let sts = aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(credentials)
            .endpoint_url(endpoint)
            .build();
        Deployer::new(Client::from_conf(config)).with_iam(
            aws_sdk_iam::Client::from_conf(iam),
            aws_sdk_sts::Client::from_conf(sts),
        )
    }

    /// A deployer configured from the environment the way the AWS CLI is
    /// (`AWS_REGION`, `AWS_PROFILE`, credentials files, instance roles, …),
    /// optionally talking to another endpoint.
    pub async fn from_env(endpoint: Option<&str>) -> Self {
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
        if let Some(endpoint) = endpoint {
            loader = loader.endpoint_url(endpoint);
        }
        let config = loader.load().await;
        Deployer::from_config(&config)
    }

    /// The underlying client, for calls this crate does not wrap.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The IAM client, when there is one.
    pub fn iam_client(&self) -> Option<&aws_sdk_iam::Client> {
        self.iam.as_ref().map(|c| &c.iam)
    }

    /// Validates `spec`'s definition (locally, then with
    /// `ValidateStateMachineDefinition`), then creates the state machine or
    /// updates it when its definition, role, logging or tracing differ, sets
    /// the tags, and optionally publishes a version and points an alias at it.
    ///
    /// Idempotent: deploying the same spec again sends no update, publishes
    /// no new version and leaves the alias alone ([`Action::Unchanged`]).
    pub async fn deploy(&self, spec: &DeploySpec) -> Result<DeployOutcome, DeployError> {
        let mut warnings = Vec::new();
        if spec.validate_locally {
            warnings.extend(validate_locally(spec)?);
        }
        warnings.extend(self.validate_remotely(spec).await?);

        let role = match &spec.role {
            Some(role) => {
                let machine = machine_of(spec)?;
                Some(self.ensure_role(&spec.name, &machine, role).await?)
            }
            None => None,
        };
        let role_arn = role
            .as_ref()
            .map_or(spec.role_arn.as_str(), |r| r.arn.as_str());
        // A role IAM has just created or re-trusted may be refused for a few
        // seconds: only then are create and update retried.
        let retry = match (&spec.role, &role) {
            (Some(spec_role), Some(done))
                if done.action == Action::Created || done.trust_policy_updated =>
            {
                spec_role.retry
            }
            _ => RoleRetry::none(),
        };

        let existing = self.find_state_machine(&spec.name).await?;
        let wants_version = spec.publish.is_some() || spec.alias.is_some();
        let description = spec.publish.as_ref().and_then(|p| p.description.clone());

        let (action, arn, revision_id, mut version) = match existing {
            None => {
                let request = self
                    .client
                    .create_state_machine()
                    .name(&spec.name)
                    .definition(&spec.definition)
                    .role_arn(role_arn)
                    .r#type(sdk_type(spec))
                    .logging_configuration(sdk_logging(spec.logging.as_ref()))
                    .tracing_configuration(sdk_tracing(spec.tracing))
                    .set_tags(if spec.tags.is_empty() {
                        None
                    } else {
                        Some(sdk_tags(&spec.tags))
                    })
                    .publish(wants_version)
                    .set_version_description(description.clone().filter(|_| wants_version));
                let out =
                    send_while_role_is_new(&retry, "CreateStateMachine", || request.clone().send())
                        .await?;
                let version = out.state_machine_version_arn().map(published);
                let arn = out.state_machine_arn().to_owned();
                let revision = self.describe(&arn).await?.revision_id().map(str::to_owned);
                (Action::Created, arn, revision, version)
            }
            Some(arn) => {
                let described = self.describe(&arn).await?;
                let current = current_of(&described);
                let requested_type = spec.machine_type.as_str();
                if current.machine_type != requested_type {
                    return Err(DeployError::TypeChange {
                        arn,
                        existing: current.machine_type,
                        requested: requested_type.to_owned(),
                    });
                }
                if up_to_date(&current, spec, role_arn) {
                    let revision = described.revision_id().map(str::to_owned);
                    (Action::Unchanged, arn, revision, None)
                } else {
                    let request = self
                        .client
                        .update_state_machine()
                        .state_machine_arn(&arn)
                        .definition(&spec.definition)
                        .role_arn(role_arn)
                        .logging_configuration(sdk_logging(spec.logging.as_ref()))
                        .tracing_configuration(sdk_tracing(spec.tracing))
                        .publish(wants_version)
                        .set_version_description(description.clone().filter(|_| wants_version));
                    let out = send_while_role_is_new(&retry, "UpdateStateMachine", || {
                        request.clone().send()
                    })
                    .await?;
                    let version = out.state_machine_version_arn().map(published);
                    let revision = match out.revision_id() {
                        Some(r) => Some(r.to_owned()),
                        None => self.describe(&arn).await?.revision_id().map(str::to_owned),
                    };
                    (Action::Updated, arn, revision, version)
                }
            }
        };

        let tags_changed = match action {
            Action::Created => !spec.tags.is_empty(),
            Action::Updated | Action::Unchanged => self.apply_tags(&arn, &spec.tags).await?,
        };

        if wants_version && version.is_none() {
            version = Some(
                self.publish_if_new(&arn, revision_id.as_deref(), description)
                    .await?,
            );
        }

        let alias = match (&spec.alias, &version) {
            (Some(alias), Some(version)) => Some(
                self.point_alias(
                    &arn,
                    &alias.name,
                    alias.description.as_deref(),
                    &version.arn,
                )
                .await?,
            ),
            _ => None,
        };

        Ok(DeployOutcome {
            action,
            arn,
            revision_id,
            version,
            alias,
            tags_changed,
            warnings,
            role,
        })
    }

    /// The partition, region and account this deployer works in: the Step
    /// Functions client's region, and the caller's account and partition
    /// (STS `GetCallerIdentity`).
    pub async fn environment(&self) -> Result<AwsEnvironment, DeployError> {
        let clients = self.iam.as_ref().ok_or(DeployError::NoIamClient)?;
        let region = self
            .client
            .config()
            .region()
            .map(|r| r.as_ref().to_owned())
            .unwrap_or_else(|| "us-east-1".to_owned());
        let me = clients
            .sts
            .get_caller_identity()
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("GetCallerIdentity", e))?;
        let partition = me
            .arn()
            .and_then(role::arn_partition)
            .unwrap_or_else(|| role::region_partition(&region))
            .to_owned();
        let account = me.account().unwrap_or_default().to_owned();
        Ok(AwsEnvironment {
            partition,
            region,
            account,
        })
    }

    /// Creates the execution role `role` of the state machine `name`
    /// (`machine`), or brings it up to date: the trust policy of
    /// [`trust_policy`](crate::trust_policy) and the inline policy
    /// [`role_policy_name`](crate::role_policy_name) holding
    /// asl-core's generated policy. Sends nothing when both already match
    /// ([`Action::Unchanged`]). [`deploy`](Self::deploy) calls it for
    /// [`DeploySpec::create_role`].
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let machine = asl_core::from_str(&std::fs::read_to_string("chain.asl.json")?)?;
    /// let deployer = asl_deploy::Deployer::from_env(None).await;
    /// let role = deployer
    ///     .ensure_role("PromptChain", &machine, &asl_deploy::RoleSpec::new("PromptChainRole"))
    ///     .await?;
    /// println!("{} {} (inline policy {})", role.action, role.arn, role.policy);
    /// for w in &role.warnings {
    ///     eprintln!("{w}");
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn ensure_role(
        &self,
        name: &str,
        machine: &asl_core::StateMachine,
        role: &RoleSpec,
    ) -> Result<RoleOutcome, DeployError> {
        if let Some(reason) = role::role_name_problem(&role.name) {
            return Err(DeployError::InvalidRoleName {
                name: role.name.clone(),
                reason,
            });
        }
        let clients = self.iam.as_ref().ok_or(DeployError::NoIamClient)?;
        let env = match &role.environment {
            Some(env) => env.clone(),
            None => self.environment().await?,
        };
        let options = role::generator_options(&role.iam_options, name, &env);
        let generated = asl_core::iam::generate(machine, &env, &options);
        let trust = role::trust_policy(&env);
        let policy =
            (!generated.policy.statement.is_empty()).then(|| asl_core::to_value(&generated.policy));
        let policy_name = role::role_policy_name(name);

        let current = self.current_role(clients, &role.name, &policy_name).await?;
        let plan = role::plan(current.as_ref(), &trust, policy.as_ref());
        let iam = &clients.iam;
        let arn = match current {
            Some(current) => current.arn,
            None => {
                let out = iam
                    .create_role()
                    .role_name(&role.name)
                    .assume_role_policy_document(trust.to_string())
                    .description(role.description.clone().unwrap_or_else(|| {
                        format!(
                            "Execution role of the Step Functions state machine {name} (asl-kit)"
                        )
                    }))
                    .send()
                    .await
                    .map_err(|e| DeployError::from_sdk("CreateRole", e))?;
                out.role().map(|r| r.arn().to_owned()).unwrap_or_else(|| {
                    format!(
                        "arn:{}:iam::{}:role/{}",
                        env.partition, env.account, role.name
                    )
                })
            }
        };
        if plan.update_trust {
            iam.update_assume_role_policy()
                .role_name(&role.name)
                .policy_document(trust.to_string())
                .send()
                .await
                .map_err(|e| DeployError::from_sdk("UpdateAssumeRolePolicy", e))?;
        }
        match (plan.policy, &policy) {
            (PolicyAction::Created | PolicyAction::Updated, Some(document)) => {
                iam.put_role_policy()
                    .role_name(&role.name)
                    .policy_name(&policy_name)
                    .policy_document(document.to_string())
                    .send()
                    .await
                    .map_err(|e| DeployError::from_sdk("PutRolePolicy", e))?;
            }
            (PolicyAction::Deleted, _) => {
                iam.delete_role_policy()
                    .role_name(&role.name)
                    .policy_name(&policy_name)
                    .send()
                    .await
                    .map_err(|e| DeployError::from_sdk("DeleteRolePolicy", e))?;
            }
            _ => {}
        }
        Ok(RoleOutcome {
            name: role.name.clone(),
            arn,
            action: plan.action(),
            trust_policy_updated: plan.update_trust,
            policy_name,
            policy: plan.policy,
            policy_document: policy,
            trust_document: trust,
            environment: env,
            warnings: generated
                .warnings
                .iter()
                .map(DefinitionDiagnostic::from)
                .collect(),
        })
    }

    /// The role `name` and its inline policy `policy_name` as IAM has them;
    /// `None` when there is no such role.
    async fn current_role(
        &self,
        clients: &IamClients,
        name: &str,
        policy_name: &str,
    ) -> Result<Option<CurrentRole>, DeployError> {
        let out = match clients.iam.get_role().role_name(name).send().await {
            Ok(out) => out,
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_no_such_entity_exception()) =>
            {
                return Ok(None)
            }
            Err(e) => return Err(DeployError::from_sdk("GetRole", e)),
        };
        let (arn, trust) = match out.role() {
            Some(r) => (
                r.arn().to_owned(),
                r.assume_role_policy_document()
                    .and_then(role::read_policy_document),
            ),
            None => (String::new(), None),
        };
        let inline = match clients
            .iam
            .get_role_policy()
            .role_name(name)
            .policy_name(policy_name)
            .send()
            .await
        {
            Ok(out) => Some(role::read_policy_document(out.policy_document())),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_no_such_entity_exception()) =>
            {
                None
            }
            Err(e) => return Err(DeployError::from_sdk("GetRolePolicy", e)),
        };
        Ok(Some(CurrentRole { arn, trust, inline }))
    }

    /// Runs `ValidateStateMachineDefinition`; errors become
    /// [`DeployError::InvalidDefinition`], warnings are returned.
    pub async fn validate_remotely(
        &self,
        spec: &DeploySpec,
    ) -> Result<Vec<DefinitionDiagnostic>, DeployError> {
        let out = self
            .client
            .validate_state_machine_definition()
            .definition(&spec.definition)
            .r#type(sdk_type(spec))
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("ValidateStateMachineDefinition", e))?;
        let diagnostics: Vec<DefinitionDiagnostic> = out
            .diagnostics()
            .iter()
            .map(|d| DefinitionDiagnostic {
                severity: d.severity().as_str().to_owned(),
                code: d.code().to_owned(),
                message: d.message().to_owned(),
                location: d.location().map(str::to_owned),
            })
            .collect();
        let failed = *out.result() == ValidateStateMachineDefinitionResultCode::Fail
            || diagnostics.iter().any(DefinitionDiagnostic::is_error);
        if failed {
            return Err(DeployError::InvalidDefinition {
                origin: DiagnosticOrigin::Server,
                diagnostics,
            });
        }
        Ok(diagnostics)
    }

    /// The ARN of the state machine called `name`, if there is one.
    pub async fn find_state_machine(&self, name: &str) -> Result<Option<String>, DeployError> {
        let mut token: Option<String> = None;
        loop {
            let out = self
                .client
                .list_state_machines()
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| DeployError::from_sdk("ListStateMachines", e))?;
            if let Some(found) = out.state_machines().iter().find(|m| m.name() == name) {
                return Ok(Some(found.state_machine_arn().to_owned()));
            }
            match out.next_token() {
                Some(t) if !t.is_empty() => token = Some(t.to_owned()),
                _ => return Ok(None),
            }
        }
    }

    /// Every version ARN of a state machine, newest first.
    pub async fn list_versions(&self, state_machine_arn: &str) -> Result<Vec<String>, DeployError> {
        let mut token: Option<String> = None;
        let mut versions = Vec::new();
        loop {
            let out = self
                .client
                .list_state_machine_versions()
                .state_machine_arn(state_machine_arn)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| DeployError::from_sdk("ListStateMachineVersions", e))?;
            versions.extend(out.state_machine_versions().iter().map(|v| {
                (
                    v.creation_date().as_nanos(),
                    v.state_machine_version_arn().to_owned(),
                )
            }));
            match out.next_token() {
                Some(t) if !t.is_empty() => token = Some(t.to_owned()),
                _ => break,
            }
        }
        // Newest first; the version number breaks ties of the creation date.
        versions.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| version_number(&b.1).cmp(&version_number(&a.1)))
        });
        Ok(versions.into_iter().map(|(_, arn)| arn).collect())
    }

    /// Deletes a state machine (with its versions and aliases, as Step
    /// Functions does).
    pub async fn delete(&self, state_machine_arn: &str) -> Result<(), DeployError> {
        self.client
            .delete_state_machine()
            .state_machine_arn(state_machine_arn)
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("DeleteStateMachine", e))?;
        Ok(())
    }

    async fn describe(
        &self,
        arn: &str,
    ) -> Result<
        aws_sdk_sfn::operation::describe_state_machine::DescribeStateMachineOutput,
        DeployError,
    > {
        self.client
            .describe_state_machine()
            .state_machine_arn(arn)
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("DescribeStateMachine", e))
    }

    /// Adds or changes the tags in `tags`; returns whether anything was sent.
    async fn apply_tags(
        &self,
        arn: &str,
        tags: &BTreeMap<String, String>,
    ) -> Result<bool, DeployError> {
        if tags.is_empty() {
            return Ok(false);
        }
        let out = self
            .client
            .list_tags_for_resource()
            .resource_arn(arn)
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("ListTagsForResource", e))?;
        let current: BTreeMap<&str, &str> = out
            .tags()
            .iter()
            .filter_map(|t| Some((t.key()?, t.value().unwrap_or(""))))
            .collect();
        let missing: BTreeMap<String, String> = tags
            .iter()
            .filter(|(k, v)| current.get(k.as_str()) != Some(&v.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if missing.is_empty() {
            return Ok(false);
        }
        self.client
            .tag_resource()
            .resource_arn(arn)
            .set_tags(Some(sdk_tags(&missing)))
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("TagResource", e))?;
        Ok(true)
    }

    /// Reuses the newest version when it has the current revision (or, when
    /// the service reports no revisions, the same definition and role);
    /// publishes one otherwise.
    async fn publish_if_new(
        &self,
        arn: &str,
        revision_id: Option<&str>,
        description: Option<String>,
    ) -> Result<VersionOutcome, DeployError> {
        if let Some(newest) = self.list_versions(arn).await?.into_iter().next() {
            let version = self.describe(&newest).await?;
            let same = match (revision_id, version.revision_id()) {
                (Some(current), Some(theirs)) => current == theirs,
                _ => {
                    let machine = self.describe(arn).await?;
                    machine.definition() == version.definition()
                        && machine.role_arn() == version.role_arn()
                }
            };
            if same {
                return Ok(VersionOutcome {
                    arn: newest,
                    published: false,
                });
            }
        }
        let out = self
            .client
            .publish_state_machine_version()
            .state_machine_arn(arn)
            .set_revision_id(revision_id.map(str::to_owned))
            .set_description(description)
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("PublishStateMachineVersion", e))?;
        Ok(published(out.state_machine_version_arn()))
    }

    /// Creates the alias `name` routing 100% to `version_arn`, or moves it there.
    async fn point_alias(
        &self,
        arn: &str,
        name: &str,
        description: Option<&str>,
        version_arn: &str,
    ) -> Result<AliasOutcome, DeployError> {
        let routing = RoutingConfigurationListItem::builder()
            .state_machine_version_arn(version_arn)
            .weight(100)
            .build()
            .map_err(|e| DeployError::Sdk {
                operation: "CreateStateMachineAlias",
                code: None,
                message: e.to_string(),
                source: Box::new(e),
            })?;
        let suffix = format!(":{name}");
        let mut token: Option<String> = None;
        let existing = loop {
            let out = self
                .client
                .list_state_machine_aliases()
                .state_machine_arn(arn)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| DeployError::from_sdk("ListStateMachineAliases", e))?;
            if let Some(found) = out
                .state_machine_aliases()
                .iter()
                .find(|a| a.state_machine_alias_arn().ends_with(&suffix))
            {
                break Some(found.state_machine_alias_arn().to_owned());
            }
            match out.next_token() {
                Some(t) if !t.is_empty() => token = Some(t.to_owned()),
                _ => break None,
            }
        };
        match existing {
            None => {
                let out = self
                    .client
                    .create_state_machine_alias()
                    .name(name)
                    .set_description(description.map(str::to_owned))
                    .routing_configuration(routing)
                    .send()
                    .await
                    .map_err(|e| DeployError::from_sdk("CreateStateMachineAlias", e))?;
                Ok(AliasOutcome {
                    arn: out.state_machine_alias_arn().to_owned(),
                    action: Action::Created,
                })
            }
            Some(alias_arn) => {
                let current = self
                    .client
                    .describe_state_machine_alias()
                    .state_machine_alias_arn(&alias_arn)
                    .send()
                    .await
                    .map_err(|e| DeployError::from_sdk("DescribeStateMachineAlias", e))?;
                let routed_here = matches!(
                    current.routing_configuration(),
                    [only] if only.state_machine_version_arn() == version_arn && only.weight() == 100
                );
                let same_description =
                    description.is_none() || current.description() == description;
                if routed_here && same_description {
                    return Ok(AliasOutcome {
                        arn: alias_arn,
                        action: Action::Unchanged,
                    });
                }
                self.client
                    .update_state_machine_alias()
                    .state_machine_alias_arn(&alias_arn)
                    .set_description(description.map(str::to_owned))
                    .routing_configuration(routing)
                    .send()
                    .await
                    .map_err(|e| DeployError::from_sdk("UpdateStateMachineAlias", e))?;
                Ok(AliasOutcome {
                    arn: alias_arn,
                    action: Action::Updated,
                })
            }
        }
    }
}

/// Runs `op` again, after [`RoleRetry::delay`], while it fails because Step
/// Functions does not yet accept a role IAM has just created or changed
/// (and `retry` has retries left).
async fn retry_while_role_is_new<T, F, Fut>(retry: &RoleRetry, mut op: F) -> Result<T, DeployError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, DeployError>>,
{
    let mut attempt = 0;
    loop {
        match op().await {
            Err(e) if attempt < retry.retries && role_not_yet_usable(&e) => {
                tokio::time::sleep(retry.delay(attempt)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Sends the request `send` makes, naming `operation` in its error, and
/// sends it again while Step Functions does not yet accept a new role
/// ([`retry_while_role_is_new`]).
async fn send_while_role_is_new<T, E, R, F, Fut>(
    retry: &RoleRetry,
    operation: &'static str,
    mut send: F,
) -> Result<T, DeployError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, SdkError<E, R>>>,
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    retry_while_role_is_new(retry, || {
        let sent = send();
        async move { sent.await.map_err(|e| DeployError::from_sdk(operation, e)) }
    })
    .await
}

/// The version `arn`, published now (by a create, an update or
/// `PublishStateMachineVersion`).
fn published(arn: &str) -> VersionOutcome {
    VersionOutcome {
        arn: arn.to_owned(),
        published: true,
    }
}

/// Whether Step Functions refused a role it cannot assume (yet): "Neither
/// the global service principal states.amazonaws.com, nor the regional one
/// is authorized to assume the provided role."
fn role_not_yet_usable(err: &DeployError) -> bool {
    match err {
        DeployError::AccessDenied { operation, message } => {
            matches!(*operation, "CreateStateMachine" | "UpdateStateMachine")
                && message.contains("assume")
                && message.contains("role")
        }
        _ => false,
    }
}

/// The model of `spec`'s definition, for the policy generator.
fn machine_of(spec: &DeploySpec) -> Result<asl_core::StateMachine, DeployError> {
    asl_core::from_str(&spec.definition).map_err(|e| DeployError::InvalidDefinition {
        origin: DiagnosticOrigin::Local,
        diagnostics: vec![DefinitionDiagnostic {
            severity: "ERROR".to_owned(),
            code: "SCHEMA_VALIDATION_FAILED".to_owned(),
            message: format!("cannot generate the execution role's policy: {e}"),
            location: None,
        }],
    })
}

/// asl-core's validator, with the registry's integrations: errors stop the
/// deployment, warnings are returned.
fn validate_locally(spec: &DeploySpec) -> Result<Vec<DefinitionDiagnostic>, DeployError> {
    let options = asl_core::Options {
        machine_type: Some(spec.machine_type),
        ..asl_core::Options::default()
    };
    let report = asl_core::validate_str(&spec.definition, &options);
    let mut diagnostics: Vec<DefinitionDiagnostic> = report
        .diagnostics
        .iter()
        .map(DefinitionDiagnostic::from)
        .collect();
    let name = name_problem(&spec.name);
    let ok = report.is_ok() && name.is_none();
    diagnostics.extend(name);
    if ok {
        Ok(diagnostics)
    } else {
        Err(DeployError::InvalidDefinition {
            origin: DiagnosticOrigin::Local,
            diagnostics,
        })
    }
}

/// The longest state machine name AWS accepts.
const MAX_NAME: usize = 80;

/// AWS's rules for a state machine name, with AWS's codes.
fn name_problem(name: &str) -> Option<DefinitionDiagnostic> {
    use asl_core::validate::NameProblem;
    let problem = asl_core::validate::check_name(name, MAX_NAME).err()?;
    let code = match problem {
        NameProblem::Empty => "STATE_MACHINE_NAME_EMPTY",
        NameProblem::TooLong { .. } => "STATE_MACHINE_NAME_TOO_LONG",
        NameProblem::Forbidden(_) => "STATE_MACHINE_NAME_INVALID",
    };
    Some(DefinitionDiagnostic {
        severity: "ERROR".to_owned(),
        code: code.to_owned(),
        message: format!("the state machine name {name:?} {problem}"),
        location: None,
    })
}

fn version_number(arn: &str) -> u64 {
    arn.rsplit(':')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn sdk_type(spec: &DeploySpec) -> StateMachineType {
    StateMachineType::from(spec.machine_type.as_str())
}

fn sdk_logging(logging: Option<&Logging>) -> LoggingConfiguration {
    let default = Logging::default();
    let logging = logging.unwrap_or(&default);
    LoggingConfiguration::builder()
        .level(SdkLogLevel::from(logging.level.as_str()))
        .include_execution_data(logging.include_execution_data)
        .set_destinations(if logging.log_group_arns.is_empty() {
            None
        } else {
            Some(
                logging
                    .log_group_arns
                    .iter()
                    .map(|arn| {
                        LogDestination::builder()
                            .cloud_watch_logs_log_group(
                                CloudWatchLogsLogGroup::builder().log_group_arn(arn).build(),
                            )
                            .build()
                    })
                    .collect(),
            )
        })
        .build()
}

fn sdk_tracing(enabled: bool) -> TracingConfiguration {
    TracingConfiguration::builder().enabled(enabled).build()
}

fn sdk_tags(tags: &BTreeMap<String, String>) -> Vec<Tag> {
    tags.iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

fn normalised_logging(logging: Option<&Logging>) -> (String, bool, Vec<String>) {
    let default = Logging::default();
    let logging = logging.unwrap_or(&default);
    let mut groups = logging.log_group_arns.clone();
    groups.sort();
    (
        logging.level.as_str().to_owned(),
        logging.include_execution_data,
        groups,
    )
}

fn current_of(
    out: &aws_sdk_sfn::operation::describe_state_machine::DescribeStateMachineOutput,
) -> Current {
    let logging = match out.logging_configuration() {
        None => normalised_logging(None),
        Some(l) => {
            let mut groups: Vec<String> = l
                .destinations()
                .iter()
                .filter_map(|d| d.cloud_watch_logs_log_group()?.log_group_arn())
                .map(str::to_owned)
                .collect();
            groups.sort();
            (
                l.level()
                    .map_or(LogLevel::Off.as_str(), |l| l.as_str())
                    .to_owned(),
                l.include_execution_data(),
                groups,
            )
        }
    };
    Current {
        definition: out.definition().to_owned(),
        role_arn: out.role_arn().to_owned(),
        machine_type: out.r#type().as_str().to_owned(),
        logging,
        tracing: out.tracing_configuration().map(|t| t.enabled()),
    }
}

/// Whether the deployed machine already has `spec`'s definition (the same
/// text, or the same JSON value formatted differently: not worth a new
/// revision), role, logging and tracing.
fn up_to_date(current: &Current, spec: &DeploySpec, role_arn: &str) -> bool {
    let same_definition = current.definition == spec.definition
        || match (
            serde_json::from_str::<serde_json::Value>(&current.definition),
            serde_json::from_str::<serde_json::Value>(&spec.definition),
        ) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
    same_definition
        && current.role_arn == role_arn
        && current.machine_type == spec.machine_type.as_str()
        && current.logging == normalised_logging(spec.logging.as_ref())
        && current.tracing.is_none_or(|t| t == spec.tracing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_validation_applies_the_bedrock_rules() {
        let machine = asl_core::from_str(
            r#"{"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
                "Resource": "arn:aws:states:::bedrock:invokeModel",
                "Parameters": {"Body": {"prompt": "hi"}}, "End": true}}}"#,
        )
        .unwrap();
        let spec = DeploySpec::new("M", &machine, "arn:aws:iam::123456789012:role/r");
        match validate_locally(&spec) {
            Err(DeployError::InvalidDefinition {
                origin: DiagnosticOrigin::Local,
                diagnostics,
            }) => {
                let found: Vec<(&str, Option<&str>)> = diagnostics
                    .iter()
                    .map(|d| (d.code.as_str(), d.location.as_deref()))
                    .collect();
                assert_eq!(
                    found,
                    [(
                        "INVALID_INTEGRATION_PARAMETERS",
                        Some("/States/Ask/Parameters")
                    )]
                );
            }
            other => panic!("expected a local InvalidDefinition, got {other:?}"),
        }
    }

    fn denied(operation: &'static str, message: &str) -> DeployError {
        DeployError::AccessDenied {
            operation,
            message: message.to_owned(),
        }
    }

    /// What Step Functions answers while IAM has not propagated a new role.
    const NOT_YET: &str = "Neither the global service principal states.amazonaws.com, \
        nor the regional one is authorized to assume the provided role.";

    #[test]
    fn only_a_refused_role_is_retried() {
        assert!(role_not_yet_usable(&denied("CreateStateMachine", NOT_YET)));
        assert!(role_not_yet_usable(&denied("UpdateStateMachine", NOT_YET)));
        assert!(!role_not_yet_usable(&denied(
            "CreateStateMachine",
            "User is not authorized to perform: states:CreateStateMachine"
        )));
        assert!(!role_not_yet_usable(&denied("CreateRole", NOT_YET)));
        assert!(!role_not_yet_usable(&DeployError::NoIamClient));
    }

    #[tokio::test]
    async fn a_fresh_role_is_retried_a_bounded_number_of_times() {
        use std::cell::Cell;
        let quick = RoleRetry {
            retries: 3,
            first_delay: std::time::Duration::ZERO,
            max_delay: std::time::Duration::ZERO,
        };
        // Refused twice, then accepted.
        let calls = Cell::new(0);
        let result = retry_while_role_is_new(&quick, || {
            calls.set(calls.get() + 1);
            let n = calls.get();
            async move {
                if n < 3 {
                    Err(denied("CreateStateMachine", NOT_YET))
                } else {
                    Ok(n)
                }
            }
        })
        .await;
        assert_eq!(result.unwrap(), 3);
        // Always refused: 1 attempt + 3 retries, then the error.
        calls.set(0);
        let result: Result<(), _> = retry_while_role_is_new(&quick, || {
            calls.set(calls.get() + 1);
            async { Err(denied("CreateStateMachine", NOT_YET)) }
        })
        .await;
        assert!(matches!(result, Err(DeployError::AccessDenied { .. })));
        assert_eq!(calls.get(), 4);
        // Another error: no retry.
        calls.set(0);
        let result: Result<(), _> = retry_while_role_is_new(&quick, || {
            calls.set(calls.get() + 1);
            async { Err(denied("CreateStateMachine", "no")) }
        })
        .await;
        assert!(result.is_err());
        assert_eq!(calls.get(), 1);
        // No retry configured (a role that was already there).
        calls.set(0);
        let result: Result<(), _> = retry_while_role_is_new(&RoleRetry::none(), || {
            calls.set(calls.get() + 1);
            async { Err(denied("CreateStateMachine", NOT_YET)) }
        })
        .await;
        assert!(result.is_err());
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn the_policy_comes_from_the_definition() {
        let spec = DeploySpec::from_text("M", "not json", "");
        assert!(matches!(
            machine_of(&spec),
            Err(DeployError::InvalidDefinition {
                origin: DiagnosticOrigin::Local,
                ..
            })
        ));
    }

    #[test]
    fn state_machine_names_follow_aws_rules() {
        let machine =
            asl_core::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)
                .unwrap();
        let code = |name: &str| {
            let spec = DeploySpec::new(name, &machine, "arn:aws:iam::123456789012:role/r");
            match validate_locally(&spec) {
                Ok(_) => None,
                Err(DeployError::InvalidDefinition { diagnostics, .. }) => {
                    diagnostics.first().map(|d| d.code.clone())
                }
                Err(other) => panic!("{other:?}"),
            }
        };
        assert_eq!(code("Orders-v2_prod"), None);
        assert_eq!(code("").as_deref(), Some("STATE_MACHINE_NAME_EMPTY"));
        assert_eq!(
            code(&"n".repeat(81)).as_deref(),
            Some("STATE_MACHINE_NAME_TOO_LONG")
        );
        assert_eq!(
            code("my machine").as_deref(),
            Some("STATE_MACHINE_NAME_INVALID")
        );
    }
}
