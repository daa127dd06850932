//! What the typed-task tests share: the environment of the IAM vectors, a
//! policy of one Task, and the Bedrock integration's diagnostics of one Task.
// Each test crate uses its own part of this module.
#![allow(dead_code)]

use asl_bedrock::{Bedrock, S3Uri};
use asl_core::iam::policy_for;
use asl_core::integration::{AwsEnvironment, Integration, TaskContext};
use asl_core::{Chain, Diagnostic, MachineType, QueryLanguage, Task};
use serde_json::Value;

/// us-east-2, account 123456789012, as in the golden vectors.
pub fn env() -> AwsEnvironment {
    AwsEnvironment::new("aws", "us-east-2", "123456789012")
}

/// The policy of a machine that runs `task` alone, as JSON.
pub fn policy(task: Task) -> Value {
    let m = Chain::start("T", task).into_machine();
    serde_json::to_value(policy_for(&m, &env())).unwrap_or(Value::Null)
}

/// An `S3Uri` the test knows to be well formed.
pub fn uri(s: &str) -> S3Uri {
    S3Uri::new(s).unwrap_or_else(|_| S3Uri::path("$.bad"))
}

/// What the Bedrock integration reports on `task`, as the state `T`.
pub fn validate_in(
    task: &Task,
    ql: QueryLanguage,
    machine_type: Option<MachineType>,
) -> Vec<String> {
    let cx = TaskContext {
        name: "T",
        pointer: "/States/T",
        query_language: ql,
        machine_type,
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    Bedrock::default().validate(task, &cx, &mut out);
    out.iter().map(ToString::to_string).collect()
}

/// A Task with this `Resource` and `Parameters`.
pub fn raw(resource: &str, parameters: Value) -> Task {
    Task::builder()
        .resource(resource)
        .parameters(parameters)
        .build()
}
