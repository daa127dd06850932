//! IAM policy documents for a state machine's execution role.

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

/// Deduplicates, merges and numbers statements as asl-core's `iam::policy_for`
/// does.
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
