//! The seam through which service integrations plug in: typed parameters live
//! in their own crates (asl-bedrock for Bedrock), and each contributes
//! validation rules and IAM statements for the Task states it handles.

use crate::iam::Statement;
use crate::{Diagnostic, QueryLanguage, Task};

/// What an integration is told about the Task it looks at.
#[derive(Debug, Clone)]
pub struct TaskContext<'a> {
    /// The state's name.
    pub name: &'a str,
    /// JSON pointer of the state (`/States/Name`, or deeper when nested).
    pub pointer: &'a str,
    /// The query language in force for the state.
    pub query_language: QueryLanguage,
    /// `STANDARD` or `EXPRESS`, when known.
    pub machine_type: Option<crate::MachineType>,
}

/// Where the execution role's policy is generated for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsEnvironment {
    /// `aws`, `aws-cn` or `aws-us-gov`.
    pub partition: String,
    /// The region, e.g. `us-east-2`.
    pub region: String,
    /// The 12-digit account id.
    pub account: String,
}

/// A service integration: recognizes its Task states, checks their
/// parameters, and says which IAM statements the execution role needs.
///
/// Implementations live outside asl-core (asl-core knows nothing about
/// Bedrock); the validator and the IAM generator take a list of them.
pub trait Integration: Send + Sync {
    /// A short name for messages (`"bedrock"`).
    fn name(&self) -> &'static str;

    /// Whether this integration handles the Task (usually by its `Resource`).
    fn handles(&self, task: &Task) -> bool;

    /// Checks the Task's parameters; pushes what it finds. Locations are
    /// JSON pointers under `cx.pointer`.
    fn validate(&self, task: &Task, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>);

    /// The IAM statements this Task needs. The caller numbers `Sid`s per
    /// prefix and removes duplicates.
    fn statements(&self, task: &Task, cx: &TaskContext<'_>, env: &AwsEnvironment)
        -> Vec<Statement>;
}
