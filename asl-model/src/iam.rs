//! IAM policy documents for a state machine's execution role.

use crate::Diagnostic;
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
    /// `Deny` (the generator never writes one; kept for documents read
    /// or built by hand).
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

    /// The same statement with a `Condition` block.
    ///
    /// ```
    /// use asl_core::iam::Statement;
    /// use serde_json::json;
    /// let s = Statement::allow("PassRole", ["iam:PassRole"], ["arn:aws:iam::123456789012:role/r"])
    ///     .with_condition(json!({"StringEquals": {"iam:PassedToService": "eks.amazonaws.com"}}));
    /// assert!(s.condition.is_some());
    /// ```
    #[must_use]
    pub fn with_condition(mut self, condition: serde_json::Value) -> Self {
        self.condition = Some(condition);
        self
    }
}

/// The code of a warning about a permission the generator could not
/// derive: the message names the state and what to add to the role.
pub const IAM_INCOMPLETE: &str = "IAM_INCOMPLETE";

/// The code of a warning about a grant to review: a resource widened to a
/// wildcard because it is only known at run time, or a permission that
/// belongs to another role.
pub const IAM_REVIEW: &str = "IAM_REVIEW";

/// What one Task (or one state) needs from the execution role: its
/// statements, and warnings about what they leave out.
///
/// ```
/// use asl_core::iam::{Permissions, Statement};
/// let p = Permissions::from(vec![Statement::allow("Publish", ["sns:Publish"], ["*"])]);
/// assert_eq!(p.statements.len(), 1);
/// assert!(p.warnings.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Permissions {
    /// The statements (each `Sid` a prefix the generator numbers).
    pub statements: Vec<Statement>,
    /// What the statements do not cover, as warnings ([`IAM_INCOMPLETE`],
    /// [`IAM_REVIEW`]) located at the state.
    pub warnings: Vec<Diagnostic>,
}

impl Permissions {
    /// Adds `other`'s statements and warnings after these.
    pub fn append(&mut self, other: Permissions) {
        self.statements.extend(other.statements);
        self.warnings.extend(other.warnings);
    }
}

impl From<Vec<Statement>> for Permissions {
    fn from(statements: Vec<Statement>) -> Self {
        Permissions {
            statements,
            warnings: Vec::new(),
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
