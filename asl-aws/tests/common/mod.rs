//! Shared helpers: the environment, one-Task machines, and policies as
//! sorted (action, resource, condition) tuples.

#![allow(dead_code)]

use asl_core::iam::{generate, Generated, IamOptions};
use asl_core::integration::AwsEnvironment;
use serde_json::Value;

pub const REGION: &str = "us-east-1";
pub const ACCOUNT: &str = "123456789012";

pub fn env() -> AwsEnvironment {
    AwsEnvironment::new("aws", REGION, ACCOUNT)
}

/// A machine of one Task state `T`: `resource` (`sns:publish` is
/// `arn:aws:states:::sns:publish`) with `Parameters`.
pub fn task_machine(resource: &str, parameters: Value) -> String {
    let resource = if resource.starts_with("arn:") {
        resource.to_string()
    } else {
        format!("arn:aws:states:::{resource}")
    };
    serde_json::json!({"StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": resource, "Parameters": parameters, "End": true}}})
    .to_string()
}

/// The generated policy of a definition (a test definition that does not
/// parse fails the test).
#[allow(clippy::panic)]
pub fn generated(definition: &str, options: &IamOptions) -> Generated {
    let machine = asl_core::from_str(definition).unwrap_or_else(|e| panic!("{e}"));
    generate(&machine, &env(), options)
}

/// Every (action, resource) pair the policy grants, with its condition
/// (`""` for none), sorted.
pub fn tuples(g: &Generated) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for s in &g.policy.statement {
        let condition = s
            .condition
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        for a in &s.action {
            for r in &s.resource {
                out.push((a.clone(), r.clone(), condition.clone()));
            }
        }
    }
    out.sort();
    out
}

/// The grants of a one-Task machine, without conditions.
pub fn grants(resource: &str, parameters: Value) -> Vec<(String, String)> {
    let g = generated(&task_machine(resource, parameters), &IamOptions::default());
    tuples(&g).into_iter().map(|(a, r, _)| (a, r)).collect()
}

/// `[(action, resource)]` as owned, sorted pairs.
pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = expected
        .iter()
        .map(|(a, r)| (a.to_string(), r.to_string()))
        .collect();
    out.sort();
    out
}
