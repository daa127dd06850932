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
