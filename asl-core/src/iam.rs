//! IAM policy documents for a state machine's execution role: the types
//! (from asl-model, where integrations build statements) and
//! [`policy_for`], which asks the registry's integrations.

pub use asl_model::iam::*;

use crate::integration::{AwsEnvironment, Registry, TaskContext};
use crate::{RoleArn, State, StateMachine};

/// The execution-role policy a state machine needs, least privilege.
///
/// Walks every Task state (nested ones in Parallel branches and Map
/// processors included, in document order), asks every integration of the
/// registry that [`handles`](crate::integration::Integration::handles) it for its statements, then:
///
/// 1. removes exact duplicates (two Tasks calling the same model);
/// 2. merges statements with the same effect, the same actions and the same
///    condition into the first of them, keeping each resource once, in order;
/// 3. numbers the `Sid`s: an integration returns a prefix (`InvokeModel`),
///    and the n-th statement with that prefix becomes `InvokeModel{n}`
///    (`CreateModelCustomizationJob1`, `…2`, `…3`). A statement with an empty
///    `Sid` keeps none.
///
/// A Task's `Credentials.RoleArn` adds `sts:AssumeRole` on that role (Sid
/// prefix `AssumeRole`; any role of the account when the ARN is dynamic).
/// Tasks no integration handles contribute nothing else (their permissions
/// are not this generator's to guess). The result is never empty: when nothing
/// is needed it holds the single [`Statement::deny_all`] statement, because
/// IAM rejects a policy without statements.
///
/// ```
/// use asl_core::iam::Effect;
/// use asl_core::integration::{AwsEnvironment, Registry};
/// use asl_core::{Chain, Succeed};
/// let machine = Chain::start("Done", Succeed::builder().build()).into_machine();
/// let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// let policy = Registry::empty().policy_for(&machine, &env);
/// assert_eq!(policy.statement.len(), 1);
/// assert_eq!(policy.statement.first().map(|s| s.effect), Some(Effect::Deny));
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
        let registry = self;
        let mut raw = Vec::new();
        for item in machine.walk() {
            let State::Task(task) = item.state else {
                continue;
            };
            if let Some(role) = task.credentials.as_ref().and_then(|c| c.role_arn.as_ref()) {
                let arn = match role {
                    RoleArn::Value(d) => d.static_str().map(str::to_owned),
                    _ => None,
                }
                .unwrap_or_else(|| crate::arn::any_role(env));
                raw.push(Statement::allow("AssumeRole", ["sts:AssumeRole"], [arn]));
            }
            let cx = TaskContext {
                name: item.name,
                pointer: &item.pointer,
                query_language: item.query_language,
                machine_type: None,
            };
            raw.extend(registry.statements(task, &cx, env));
        }
        PolicyDocument::new(finish(raw))
    }
}

fn finish(raw: Vec<Statement>) -> Vec<Statement> {
    let out = consolidate(raw);
    if out.is_empty() {
        vec![Statement::deny_all()]
    } else {
        out
    }
}
