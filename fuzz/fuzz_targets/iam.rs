//! IAM generation on parsed machines, with the built-in integrations: never a
//! panic, never a Deny statement, and no expression leaks into a resource
//! ARN: when every value given at run time (a `key.$` path or intrinsic, a
//! `{% %}` string) is replaced by a sentinel expression, the sentinel's name
//! appears in no resource of the policy generated again. The typed Bedrock
//! tasks read every Task back (`TryFrom<&Task>`, the shared request reader)
//! and write it again without a panic either.
#![no_main]

use asl_bedrock::{CreateModelCustomizationJob, InvokeModel, RequestResponse, RunJob};
use asl_core::iam::policy_for;
use asl_core::integration::AwsEnvironment;
use asl_core::{QueryLanguage, State};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(machine) = asl_core::from_slice(data) else {
        return;
    };
    let env = AwsEnvironment {
        partition: "aws".into(),
        region: "us-east-2".into(),
        account: "123456789012".into(),
    };
    let policy = policy_for(&machine, &env);
    assert!(
        policy
            .statement
            .iter()
            .all(|s| s.effect == asl_core::iam::Effect::Allow),
        "a Deny statement"
    );
    if let Some(leak) = leaked(&machine, &env) {
        panic!("a run-time value leaked into {leak}");
    }
    for item in machine.walk() {
        let State::Task(task) = item.state else {
            continue;
        };
        let task: &asl_core::Task = task;
        if let Ok(t) = InvokeModel::try_from(task) {
            let _ = t.into_task(QueryLanguage::JsonPath);
        }
        if let Ok(t) = CreateModelCustomizationJob::<RequestResponse>::try_from(task) {
            let _ = t.into_task(QueryLanguage::Jsonata);
        }
        if let Ok(t) = CreateModelCustomizationJob::<RunJob>::try_from(task) {
            let _ = t.problems();
        }
    }
});

/// The name the sentinel expressions read.
const SENTINEL: &str = "zqxjkvw";

/// A resource naming the sentinel, in the policy of the machine whose
/// run-time values are all replaced by sentinel expressions.
fn leaked(machine: &asl_core::StateMachine, env: &AwsEnvironment) -> Option<String> {
    let mut doc = serde_json::to_value(machine).ok()?;
    if doc.to_string().contains(SENTINEL) {
        return None;
    }
    for item in machine.walk() {
        let jsonata = item.query_language == QueryLanguage::Jsonata;
        if let Some(state) = doc.pointer_mut(&item.pointer) {
            replace(state, jsonata);
        }
    }
    let bytes = serde_json::to_vec(&doc).ok()?;
    let replaced = asl_core::from_slice(&bytes).ok()?;
    policy_for(&replaced, env)
        .statement
        .into_iter()
        .flat_map(|s| s.resource)
        .find(|r| r.contains(SENTINEL))
}

/// Replaces a state's run-time values: in JSONPath every `key.$` value by
/// `$.<sentinel>`, in JSONata every `{% %}` string by `{% $<sentinel> %}`
/// (the states nested in it are replaced on their own, in their language).
fn replace(state: &mut serde_json::Value, jsonata: bool) {
    let serde_json::Value::Object(fields) = state else {
        return;
    };
    let mut stack: Vec<(bool, &mut serde_json::Value)> = fields
        .iter_mut()
        .filter(|(k, _)| !matches!(k.as_str(), "Branches" | "ItemProcessor" | "Iterator"))
        .map(|(k, v)| (k.ends_with(".$"), v))
        .collect();
    while let Some((dynamic, v)) = stack.pop() {
        match v {
            serde_json::Value::String(s) if !jsonata && dynamic => *s = format!("$.{SENTINEL}"),
            serde_json::Value::String(s) if jsonata && s.starts_with("{%") && s.ends_with("%}") => {
                *s = format!("{{% ${SENTINEL} %}}");
            }
            serde_json::Value::Array(items) => stack.extend(items.iter_mut().map(|i| (false, i))),
            serde_json::Value::Object(m) => {
                stack.extend(m.iter_mut().map(|(k, c)| (k.ends_with(".$"), c)));
            }
            _ => {}
        }
    }
}
