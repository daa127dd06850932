//! IAM policy documents for a state machine's execution role.

use crate::integration::{AwsEnvironment, Integration, TaskContext};
use crate::{OrJsonata, RoleArn, State, StateMachine};
use serde::Serialize;

/// An IAM policy document (`{"Version": "2012-10-17", "Statement": [...]}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyDocument {
    /// Always `2012-10-17`.
    pub version: &'static str,
    /// The statements, in a stable order.
    pub statement: Vec<Statement>,
}

impl PolicyDocument {
    /// A document with these statements.
    pub fn new(statement: Vec<Statement>) -> Self {
        PolicyDocument {
            version: "2012-10-17",
            statement,
        }
    }
}

/// One `Allow` (or `Deny`) statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// `Allow` or `Deny`.
    #[serde(rename = "Effect")]
    pub effect: Effect,
    /// The statement id, e.g. `InvokeModel1`.
    #[serde(rename = "Sid", skip_serializing_if = "String::is_empty")]
    pub sid: String,
    /// Actions, e.g. `bedrock:InvokeModel`.
    #[serde(rename = "Action")]
    pub action: Vec<String>,
    /// Resource ARNs (wildcards only where a value is known at run time only).
    #[serde(rename = "Resource")]
    pub resource: Vec<String>,
    /// An optional `Condition` block.
    #[serde(rename = "Condition", skip_serializing_if = "Option::is_none")]
    pub condition: Option<serde_json::Value>,
}

/// `Effect` of a [`Statement`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Effect {
    /// `Allow`.
    Allow,
    /// `Deny`.
    Deny,
}

impl Statement {
    /// An `Allow` statement with a `Sid` prefix (the generator appends the
    /// number), its actions and its resources.
    ///
    /// ```
    /// use asl_core::iam::{Effect, Statement};
    /// let s = Statement::allow("InvokeModel", ["bedrock:InvokeModel"], ["arn:aws:bedrock:us-east-2::foundation-model/m"]);
    /// assert_eq!(s.effect, Effect::Allow);
    /// assert_eq!(s.sid, "InvokeModel");
    /// ```
    pub fn allow<A, R>(
        sid: impl Into<String>,
        action: impl IntoIterator<Item = A>,
        resource: impl IntoIterator<Item = R>,
    ) -> Self
    where
        A: Into<String>,
        R: Into<String>,
    {
        Statement {
            effect: Effect::Allow,
            sid: sid.into(),
            action: action.into_iter().map(Into::into).collect(),
            resource: resource.into_iter().map(Into::into).collect(),
            condition: None,
        }
    }

    /// The statement a policy holds when the machine needs no permission at
    /// all: `Deny` `*` on `*`, Sid `DenyAll`. IAM does not accept a policy
    /// without statements, and AWS's console (and the Serverless plugin) emit
    /// this explicit deny in that case; it grants nothing.
    ///
    /// ```
    /// use asl_core::iam::{Effect, Statement};
    /// let s = Statement::deny_all();
    /// assert_eq!((s.effect, s.action.as_slice(), s.resource.as_slice()), (Effect::Deny, &["*".to_string()][..], &["*".to_string()][..]));
    /// ```
    pub fn deny_all() -> Self {
        Statement {
            effect: Effect::Deny,
            sid: "DenyAll".to_string(),
            action: vec!["*".to_string()],
            resource: vec!["*".to_string()],
            condition: None,
        }
    }
}

/// The execution-role policy a state machine needs, least privilege.
///
/// Walks every Task state (nested ones in Parallel branches and Map
/// processors included, in document order), asks the first integration that
/// [`handles`](Integration::handles) it for its statements, then:
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
/// use asl_core::iam::{policy_for, Effect};
/// use asl_core::integration::AwsEnvironment;
/// use asl_core::{Chain, Succeed};
/// let machine = Chain::start("Done", Succeed::builder().build()).into_machine();
/// let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// let policy = policy_for(&machine, &env, &[]);
/// assert_eq!(policy.statement.len(), 1);
/// assert_eq!(policy.statement.first().map(|s| s.effect), Some(Effect::Deny));
/// ```
pub fn policy_for(
    machine: &StateMachine,
    env: &AwsEnvironment,
    integrations: &[&dyn Integration],
) -> PolicyDocument {
    let mut raw = Vec::new();
    for item in machine.walk() {
        let State::Task(task) = item.state else {
            continue;
        };
        if let Some(role) = task.credentials.as_ref().and_then(|c| c.role_arn.as_ref()) {
            let arn = match role {
                RoleArn::Value(OrJsonata::Value(arn)) if !arn.contains("${") => arn.clone(),
                _ => format!("arn:{}:iam::{}:role/*", env.partition, env.account),
            };
            raw.push(Statement::allow("AssumeRole", ["sts:AssumeRole"], [arn]));
        }
        let Some(integration) = integrations.iter().find(|i| i.handles(task)) else {
            continue;
        };
        let cx = TaskContext {
            name: item.name,
            pointer: &item.pointer,
            query_language: item.query_language,
            machine_type: None,
        };
        raw.extend(integration.statements(task, &cx, env));
    }
    PolicyDocument::new(finish(raw))
}

/// Deduplicates, merges and numbers statements as [`policy_for`] does.
///
/// ```
/// use asl_core::iam::{consolidate, Statement};
/// let a = Statement::allow("InvokeModel", ["bedrock:InvokeModel"], ["arn:a"]);
/// let b = Statement::allow("InvokeModel", ["bedrock:InvokeModel"], ["arn:b"]);
/// let out = consolidate(vec![a.clone(), a, b]);
/// assert_eq!(out.len(), 1);
/// assert_eq!(out.first().map(|s| s.sid.as_str()), Some("InvokeModel1"));
/// assert_eq!(out.first().map(|s| s.resource.len()), Some(2));
/// ```
pub fn consolidate(statements: Vec<Statement>) -> Vec<Statement> {
    let mut merged: Vec<Statement> = Vec::new();
    for s in statements {
        if merged.contains(&s) {
            continue;
        }
        let same = merged
            .iter_mut()
            .find(|m| m.effect == s.effect && m.action == s.action && m.condition == s.condition);
        match same {
            Some(m) => {
                for r in s.resource {
                    if !m.resource.contains(&r) {
                        m.resource.push(r);
                    }
                }
            }
            None => merged.push(s),
        }
    }
    let mut counters: Vec<(String, usize)> = Vec::new();
    for s in &mut merged {
        if s.sid.is_empty() {
            continue;
        }
        let n = match counters.iter_mut().find(|(p, _)| *p == s.sid) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                counters.push((s.sid.clone(), 1));
                1
            }
        };
        s.sid = format!("{}{n}", s.sid);
    }
    merged
}

fn finish(raw: Vec<Statement>) -> Vec<Statement> {
    let out = consolidate(raw);
    if out.is_empty() {
        vec![Statement::deny_all()]
    } else {
        out
    }
}
