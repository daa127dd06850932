//! IAM policy documents for a state machine's execution role: the types
//! (from asl-model, where integrations build statements), [`generate`],
//! which gives the policy and warnings about what it leaves out, and
//! [`policy_for`], the policy alone.
//!
//! The generator never writes a `Deny` statement. A Task whose permissions
//! it cannot derive is a warning (code [`IAM_INCOMPLETE`]) naming the state
//! and what to add; a machine that needs no permission gets a policy
//! without statements and [`Generated::message`] says so (IAM rejects a
//! policy without statements: attach none).

pub use asl_model::iam::*;

use crate::integration::{AwsEnvironment, Registry, TaskContext};
use crate::{Diagnostic, Map, QueryLanguage, ResourceKind, RoleArn, State, StateMachine, Task};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// What the definition cannot say about the machine itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IamOptions {
    /// The state machine's name, for the statements on its own ARN (HTTP
    /// Tasks' `states:InvokeHTTPEndpoint`, a Distributed Map's child
    /// executions). Without it they name `stateMachine:*`, with a warning.
    pub state_machine_name: Option<String>,
    /// Values of the definition's `${Name}` template substitutions
    /// (CloudFormation / SAM `DefinitionSubstitutions`, Terraform
    /// `templatefile`), by name: each `${Name}` in a string is replaced
    /// before the policy is derived, so that a `"Resource": "${FunctionArn}"`
    /// or `"TableName": "${Table}"` gets its exact ARN. Names not given stay
    /// run-time values (wildcards and warnings).
    pub substitutions: BTreeMap<String, String>,
}

impl IamOptions {
    /// Options naming the state machine.
    ///
    /// ```
    /// let o = asl_core::iam::IamOptions::named("orders");
    /// assert_eq!(o.state_machine_name.as_deref(), Some("orders"));
    /// ```
    pub fn named(name: impl Into<String>) -> Self {
        IamOptions {
            state_machine_name: Some(name.into()),
            substitutions: BTreeMap::new(),
        }
    }

    /// These options with the value of the substitution `${name}`.
    ///
    /// ```
    /// let o = asl_core::iam::IamOptions::default().substitute("Table", "orders");
    /// assert_eq!(o.substitutions.get("Table").map(String::as_str), Some("orders"));
    /// ```
    #[must_use]
    pub fn substitute(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.substitutions.insert(name.into(), value.into());
        self
    }
}

/// The message for a machine that needs no permission.
pub const NOTHING_NEEDED: &str = "this state machine needs no IAM permissions (no Task calls an AWS service with the execution role); attach no policy to its role";

/// The policy of a machine and what it does not cover.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Generated {
    /// The execution-role policy; no statement when nothing is needed.
    pub policy: PolicyDocument,
    /// What the policy leaves out or grants broadly, one warning per
    /// finding, located at its state ([`IAM_INCOMPLETE`], [`IAM_REVIEW`]).
    pub warnings: Vec<Diagnostic>,
    /// Per state that calls something (Tasks, Distributed Maps), how many
    /// statements it contributed, in document order.
    pub states: Vec<StateGrant>,
}

/// One state's share of a [`Generated`] policy.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StateGrant {
    /// JSON pointer of the state.
    pub pointer: String,
    /// Statements it contributed (before merging).
    pub statements: usize,
    /// Warnings about it.
    pub warnings: usize,
}

impl Generated {
    /// [`NOTHING_NEEDED`] when the policy has no statement (and nothing was
    /// left out), `None` otherwise.
    pub fn message(&self) -> Option<&'static str> {
        (self.policy.statement.is_empty() && self.warnings.is_empty()).then_some(NOTHING_NEEDED)
    }
}

/// The execution-role policy a state machine needs, least privilege, with
/// warnings about what it leaves out; [`Registry::generate`] with
/// [`Registry::global`].
///
/// ```
/// use asl_core::iam::{generate, IamOptions};
/// use asl_core::integration::AwsEnvironment;
/// let machine = asl_core::from_str(r#"{"StartAt": "Wait", "States": {"Wait": {"Type": "Task",
///     "Resource": "arn:aws:states:us-east-1:123456789012:activity:work", "End": true}}}"#).unwrap();
/// let env = AwsEnvironment::new("aws", "us-east-1", "123456789012");
/// let generated = generate(&machine, &env, &IamOptions::default());
/// assert!(generated.policy.statement.is_empty());
/// assert_eq!(generated.message(), Some(asl_core::iam::NOTHING_NEEDED));
/// ```
pub fn generate(machine: &StateMachine, env: &AwsEnvironment, options: &IamOptions) -> Generated {
    Registry::global().generate(machine, env, options)
}

/// The execution-role policy a state machine needs, least privilege
/// ([`generate`] without its warnings, and without a state machine name).
///
/// Walks every state (nested ones in Parallel branches and Map processors
/// included, in document order), asks every integration of the registry
/// that [`grants`](crate::integration::Integration::grants) a Task for its
/// permissions, adds the machine-level ones (Lambda function ARNs as
/// `Resource`, HTTP Tasks, Distributed Maps, `sts:AssumeRole` for Task
/// `Credentials`), then:
///
/// 1. removes exact duplicates (two Tasks calling the same model);
/// 2. merges statements with the same effect, the same actions and the same
///    condition into the first of them, keeping each resource once, in order;
/// 3. numbers the `Sid`s: an integration returns a prefix (`InvokeModel`),
///    and the n-th statement with that prefix becomes `InvokeModel{n}`
///    (`CreateModelCustomizationJob1`, `…2`, `…3`). A statement with an empty
///    `Sid` keeps none.
///
/// When nothing is needed the document has no statement (see
/// [`Generated::message`]); it never holds a `Deny`.
///
/// ```
/// use asl_core::integration::{AwsEnvironment, Registry};
/// use asl_core::{Chain, Succeed};
/// let machine = Chain::start("Done", Succeed::builder().build()).into_machine();
/// let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// let policy = Registry::empty().policy_for(&machine, &env);
/// assert!(policy.statement.is_empty());
/// ```
pub fn policy_for(machine: &StateMachine, env: &AwsEnvironment) -> PolicyDocument {
    Registry::global().policy_for(machine, env)
}

impl Registry {
    /// The execution-role policy of `machine` with this registry's
    /// integrations; [`policy_for`] is this with [`Registry::global`].
    ///
    /// ```
    /// use asl_core::integration::{AwsEnvironment, Registry};
    /// use asl_core::{Chain, Task};
    /// use serde_json::json;
    /// let machine = Chain::start("Ask", Task::builder()
    ///     .resource("arn:aws:states:::bedrock:invokeModel")
    ///     .parameters(json!({"ModelId": "amazon.titan-text-express-v1", "Body": {"inputText": "Hi"}}))
    ///     .build()).into_machine();
    /// let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
    /// let with_bedrock = Registry::builtin().policy_for(&machine, &env);
    /// assert_eq!(with_bedrock.statement[0].action, ["bedrock:InvokeModel"]);
    /// ```
    pub fn policy_for(&self, machine: &StateMachine, env: &AwsEnvironment) -> PolicyDocument {
        self.generate(machine, env, &IamOptions::default()).policy
    }

    /// The policy and its warnings ([`generate`] with this registry).
    pub fn generate(
        &self,
        machine: &StateMachine,
        env: &AwsEnvironment,
        options: &IamOptions,
    ) -> Generated {
        let substituted = substitute(machine, &options.substitutions);
        let machine = substituted.as_ref().unwrap_or(machine);
        let mut raw = Vec::new();
        let mut warnings = Vec::new();
        let mut states = Vec::new();
        let own = Machine::new(env, options);
        for item in machine.walk() {
            let cx = TaskContext {
                name: item.name,
                pointer: &item.pointer,
                query_language: item.query_language,
                machine_type: None,
            };
            let found = match item.state {
                State::Task(task) => self.task(task, &cx, &own),
                State::Map(map) if map.processor.processor().is_distributed() => {
                    distributed_map(map, &cx, &own)
                }
                _ => continue,
            };
            states.push(StateGrant {
                pointer: item.pointer.clone(),
                statements: found.statements.len(),
                warnings: found.warnings.len(),
            });
            raw.extend(found.statements);
            warnings.extend(found.warnings);
        }
        Generated {
            policy: PolicyDocument::new(consolidate(raw)),
            warnings,
            states,
        }
    }

    /// The permissions of one Task from every integration that
    /// [`grants`](crate::integration::Integration::grants) it; `None` when
    /// none does.
    pub fn permissions(
        &self,
        task: &Task,
        cx: &TaskContext<'_>,
        env: &AwsEnvironment,
    ) -> Option<Permissions> {
        let mut found: Option<Permissions> = None;
        for integration in self.iter().filter(|i| i.grants(task)) {
            found
                .get_or_insert_with(Permissions::default)
                .append(integration.permissions(task, cx, env));
        }
        found
    }

    fn task(&self, task: &Task, cx: &TaskContext<'_>, own: &Machine<'_>) -> Permissions {
        let env = own.env;
        let mut p = Permissions::default();
        if let Some(role) = task.credentials.as_ref().and_then(|c| c.role_arn.as_ref()) {
            let arn = match role {
                RoleArn::Value(d) => d.static_str().map(str::to_owned),
                _ => None,
            }
            .unwrap_or_else(|| crate::arn::any_role(env));
            p.statements.push(Statement::allow(
                "AssumeRole",
                ["sts:AssumeRole"],
                [arn.clone()],
            ));
            p.warnings.push(warning(
                IAM_REVIEW,
                cx,
                format!("its calls run with 'Credentials' as {arn}: that role needs the Task's own permissions (listed here too); the execution role needs only sts:AssumeRole on it"),
            ));
        }
        let resource = task.resource.as_str();
        match task.resource.kind() {
            ResourceKind::LambdaFunction { .. } => p.statements.push(Statement::allow(
                "InvokeFunction",
                ["lambda:InvokeFunction"],
                [resource],
            )),
            // Workers poll activities with their own credentials.
            ResourceKind::Activity { .. } => {}
            ResourceKind::Integration {
                service: "http",
                action: "invoke",
                ..
            } => http(task, cx, own, &mut p),
            ResourceKind::Substitution | ResourceKind::CloudFormation => p.warnings.push(warning(
                IAM_INCOMPLETE,
                cx,
                format!(
                    "'Resource' {resource} is resolved at deployment: add the permissions of the service it calls{}",
                    if resource.to_ascii_lowercase().contains("function") || resource.to_ascii_lowercase().contains("lambda") {
                        " (for a Lambda function ARN, lambda:InvokeFunction on it)"
                    } else {
                        ""
                    }
                ),
            )),
            ResourceKind::Integration { .. } | ResourceKind::SdkIntegration { .. } => {
                match self.permissions(task, cx, env) {
                    Some(found) => p.append(found),
                    None => p.warnings.push(warning(
                        IAM_INCOMPLETE,
                        cx,
                        format!("no integration knows the permissions of {resource}: add the IAM actions its API needs"),
                    )),
                }
            }
            ResourceKind::Other => p.warnings.push(warning(
                IAM_INCOMPLETE,
                cx,
                format!("'Resource' {resource} is not a service integration, Lambda function or activity: add the permissions it needs"),
            )),
        }
        p
    }
}

/// The machine with the given `${Name}` substitutions made, as the
/// validator makes them in a definition's text (`None` when there is
/// nothing to replace or the result does not read back).
fn substitute(machine: &StateMachine, values: &BTreeMap<String, String>) -> Option<StateMachine> {
    if values.is_empty() {
        return None;
    }
    let text = crate::to_string(machine);
    let substituted = crate::validate::substitute(&text, values);
    (substituted != text)
        .then(|| crate::from_str(&substituted).ok())
        .flatten()
}

fn warning(code: &'static str, cx: &TaskContext<'_>, message: String) -> Diagnostic {
    Diagnostic::warning(code, cx.pointer, format!("state '{}': {message}", cx.name))
}

/// The machine the policy is for: its environment, its own ARN and its
/// executions' (wildcards, with a warning, when its name is not given).
struct Machine<'a> {
    env: &'a AwsEnvironment,
    machine: String,
    executions: String,
    named: bool,
}

impl<'a> Machine<'a> {
    fn new(env: &'a AwsEnvironment, options: &IamOptions) -> Self {
        let name = options
            .state_machine_name
            .as_deref()
            .filter(|n| !n.is_empty());
        Machine {
            env,
            machine: crate::arn::regional(
                env,
                "states",
                &format!("stateMachine:{}", name.unwrap_or("*")),
            ),
            executions: crate::arn::regional(
                env,
                "states",
                &format!("execution:{}:*", name.unwrap_or("*")),
            ),
            named: name.is_some(),
        }
    }

    fn warn_unnamed(&self, cx: &TaskContext<'_>, p: &mut Permissions) {
        if !self.named {
            p.warnings.push(warning(
                IAM_REVIEW,
                cx,
                "the statement on the state machine itself names any machine of the account (stateMachine:*): pass IamOptions::state_machine_name".to_string(),
            ));
        }
    }
}

/// A string member of a request object: a literal, or `None` when absent
/// or only known at run time (`Key.$`, `{% %}`, `${…}`, a whole request
/// that is one expression).
fn literal<'a>(request: Option<&'a Value>, key: &str, ql: QueryLanguage) -> Lit<'a> {
    let Some(request) = request else {
        return Lit::Absent;
    };
    let Value::Object(m) = request else {
        return Lit::Dynamic;
    };
    match m.get(key) {
        Some(Value::String(s)) if s.contains("${") => Lit::Dynamic,
        Some(Value::String(s))
            if ql == QueryLanguage::Jsonata && crate::Jsonata::parse(s.as_str()).is_some() =>
        {
            Lit::Dynamic
        }
        Some(Value::String(s)) => Lit::Known(s),
        Some(_) => Lit::Dynamic,
        None if m.contains_key(&format!("{key}.$")) => Lit::Dynamic,
        None => Lit::Absent,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lit<'a> {
    Absent,
    Known(&'a str),
    Dynamic,
}

impl<'a> Lit<'a> {
    fn known(self) -> Option<&'a str> {
        match self {
            Lit::Known(s) => Some(s),
            _ => None,
        }
    }
}

/// The HTTP Task: `states:InvokeHTTPEndpoint` on the machine itself, for
/// its method and endpoint (conditions), the connection's credentials and
/// the connection's Secrets Manager secret, as the developer guide lists.
fn http(task: &Task, cx: &TaskContext<'_>, own: &Machine<'_>, p: &mut Permissions) {
    let env = own.env;
    let ql = cx.query_language;
    let request = request_of(ql, task.parameters.as_ref(), task.arguments.as_ref());
    let mut condition = serde_json::Map::new();
    if let Some(method) = literal(request, "Method", ql).known() {
        condition.insert("StringEquals".into(), json!({"states:HTTPMethod": method}));
    }
    if let Some(endpoint) = literal(request, "ApiEndpoint", ql).known() {
        condition.insert(
            "StringLike".into(),
            json!({"states:HTTPEndpoint": endpoint_pattern(endpoint)}),
        );
    }
    let mut invoke = Statement::allow(
        "InvokeHTTPEndpoint",
        ["states:InvokeHTTPEndpoint"],
        [own.machine.clone()],
    );
    if !condition.is_empty() {
        invoke = invoke.with_condition(Value::Object(condition));
    }
    p.statements.push(invoke);
    own.warn_unnamed(cx, p);
    let authentication = request.and_then(|r| match r {
        Value::Object(m) => m.get("Authentication"),
        other => Some(other),
    });
    let connection = literal(authentication, "ConnectionArn", ql)
        .known()
        .map_or_else(
            || crate::arn::regional(env, "events", "connection/*"),
            str::to_owned,
        );
    p.statements.push(Statement::allow(
        "RetrieveConnectionCredentials",
        ["events:RetrieveConnectionCredentials"],
        [connection],
    ));
    p.statements.push(Statement::allow(
        "ConnectionSecret",
        [
            "secretsmanager:GetSecretValue",
            "secretsmanager:DescribeSecret",
        ],
        [format!(
            "arn:{}:secretsmanager:*:*:secret:events!connection/*",
            env.partition
        )],
    ));
}

/// `Parameters` (JSONPath) or `Arguments` (JSONata), as in force.
fn request_of<'a>(
    ql: QueryLanguage,
    parameters: Option<&'a crate::PayloadTemplate>,
    arguments: Option<&'a Value>,
) -> Option<&'a Value> {
    match ql {
        QueryLanguage::Jsonata => arguments,
        QueryLanguage::JsonPath => parameters.map(|t| t.as_value()),
    }
}

/// `https://host/*` for an endpoint on `host`.
fn endpoint_pattern(endpoint: &str) -> String {
    match endpoint.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            format!("{scheme}://{host}/*")
        }
        None => format!("{}*", endpoint.trim_end_matches('*')),
    }
}

/// A Distributed Map: child executions of the machine itself
/// (`states:StartExecution`, `states:DescribeExecution`, as the developer
/// guide's policy for Distributed Map states), what its `ItemReader` reads
/// and what its `ResultWriter` writes.
fn distributed_map(map: &Map, cx: &TaskContext<'_>, own: &Machine<'_>) -> Permissions {
    let env = own.env;
    let mut p = Permissions::default();
    p.statements.push(Statement::allow(
        "StartExecution",
        ["states:StartExecution"],
        [own.machine.clone()],
    ));
    p.statements.push(Statement::allow(
        "DescribeExecution",
        ["states:DescribeExecution"],
        [own.executions.clone()],
    ));
    own.warn_unnamed(cx, &mut p);
    let ql = cx.query_language;
    if let Some(reader) = &map.item_reader {
        let request = request_of(ql, reader.parameters.as_ref(), reader.arguments.as_ref());
        let bucket = literal(request, "Bucket", ql);
        let api = match reader.resource.kind() {
            ResourceKind::Integration { action, .. }
            | ResourceKind::SdkIntegration { action, .. } => action,
            _ => "",
        };
        match api {
            "getObject" => {
                let key = literal(request, "Key", ql).known();
                let mut objects = vec![s3(env, bucket, key.unwrap_or("*"))];
                let manifest = reader
                    .reader_config
                    .as_ref()
                    .and_then(|c| c.input_type.as_deref())
                    == Some("MANIFEST");
                if manifest {
                    // An S3 inventory: `…/CONFIG/DATE/manifest.json` lists
                    // the data files under `…/CONFIG/data/`.
                    match key.and_then(inventory_data) {
                        Some(data) => objects.push(s3(env, bucket, &data)),
                        None => p.warnings.push(warning(
                            IAM_INCOMPLETE,
                            cx,
                            "the manifest's data files are read too: add s3:GetObject on them"
                                .to_string(),
                        )),
                    }
                }
                p.statements
                    .push(Statement::allow("ItemReader", ["s3:GetObject"], objects));
            }
            "listObjectsV2" => {
                // The developer guide's two statements: list the bucket (for
                // the prefix, when known) and read the objects under it.
                let prefix = literal(request, "Prefix", ql);
                let mut list =
                    Statement::allow("ItemReader", ["s3:ListBucket"], [s3(env, bucket, "")]);
                if let Some(prefix) = prefix.known() {
                    list = list.with_condition(json!({"StringLike": {"s3:prefix": [prefix]}}));
                }
                p.statements.push(list);
                let objects = match prefix {
                    Lit::Known(prefix) => format!("{prefix}*"),
                    _ => "*".to_string(),
                };
                p.statements.push(Statement::allow(
                    "ItemReader",
                    ["s3:GetObject"],
                    [s3(env, bucket, &objects)],
                ));
            }
            _ => p.warnings.push(warning(
                IAM_INCOMPLETE,
                cx,
                format!(
                    "'ItemReader.Resource' {}: add the permissions it needs to read the items",
                    reader.resource.as_str()
                ),
            )),
        }
        p.warnings.push(warning(
            IAM_REVIEW,
            cx,
            "if the ItemReader's bucket is encrypted with a KMS key, add kms:Decrypt on that key"
                .to_string(),
        ));
    }
    if let Some(writer) = &map.result_writer {
        let request = request_of(ql, writer.parameters.as_ref(), writer.arguments.as_ref());
        if request.is_some() {
            let bucket = literal(request, "Bucket", ql);
            let key = match literal(request, "Prefix", ql) {
                Lit::Known(prefix) if !prefix.is_empty() => {
                    format!("{}/*", prefix.trim_end_matches('/'))
                }
                _ => "*".to_string(),
            };
            p.statements.push(Statement::allow(
                "ResultWriter",
                [
                    "s3:PutObject",
                    "s3:GetObject",
                    "s3:ListMultipartUploadParts",
                    "s3:AbortMultipartUpload",
                ],
                [s3(env, bucket, &key)],
            ));
            p.warnings.push(warning(IAM_REVIEW, cx, "if the ResultWriter's bucket is encrypted with a KMS key, add kms:Decrypt, kms:Encrypt and kms:GenerateDataKey on that key".to_string()));
        }
    }
    p
}

/// The data files of an S3 inventory whose manifest is `key`
/// (`…/CONFIG/DATE/manifest.json` → `…/CONFIG/data/*`).
fn inventory_data(key: &str) -> Option<String> {
    let (dated, _) = key.rsplit_once('/')?;
    let (config, _) = dated.rsplit_once('/')?;
    Some(format!("{config}/data/*"))
}

/// `arn:P:s3:::bucket[/key]`; any bucket when it is only known at run time.
fn s3(env: &AwsEnvironment, bucket: Lit<'_>, key: &str) -> String {
    match bucket.known() {
        Some(b) if key.is_empty() => crate::arn::global(env, "s3", b),
        Some(b) => crate::arn::global(env, "s3", &format!("{b}/{key}")),
        None => crate::arn::any_s3(env),
    }
}
