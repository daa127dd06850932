//! IAM generation on parsed machines, with the built-in integrations: never a
//! panic, never a Deny statement, and no expression leaks into a resource
//! ARN: the text of a value given at run time (a `key.$` path in
//! `Parameters`, a `{% %}` string in `Arguments`) never appears in one (a
//! literal is the resource it names, whatever it looks like). The typed Bedrock tasks read every Task back
//! (`TryFrom<&Task>`, the shared request reader) and write it again without
//! a panic either.
#![no_main]

use asl_bedrock::{CreateModelCustomizationJob, InvokeModel, RequestResponse, RunJob};
use asl_core::iam::policy_for;
use asl_core::integration::AwsEnvironment;
use asl_core::{QueryLanguage, State};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(machine) = asl_core::from_slice(data) else { return };
    let env = AwsEnvironment {
        partition: "aws".into(),
        region: "us-east-2".into(),
        account: "123456789012".into(),
    };
    let policy = policy_for(&machine, &env);
    assert!(
        policy.statement.iter().all(|s| s.effect == asl_core::iam::Effect::Allow),
        "a Deny statement"
    );
    let (mut dynamic, mut literal) = (Vec::new(), Vec::new());
    for item in machine.walk() {
        if let State::Task(task) = item.state {
            if let Some(p) = &task.parameters {
                expressions(&p.0, false, &mut dynamic, &mut literal);
            }
            if let Some(a) = &task.arguments {
                expressions(a, true, &mut dynamic, &mut literal);
            }
        }
    }
    // A text some Task also gives as a literal may name that literal's
    // resource (`"ModelId": "m"` in one state, `"Model.$": "m"` in another).
    // A text holding `*` may be a piece of the wildcard ARN a dynamic
    // value is widened to (`arn:aws:s3:::*`), not the value itself.
    dynamic.retain(|e| !literal.contains(e) && !e.contains('*'));
    for s in &policy.statement {
        for r in &s.resource {
            if let Some(e) = dynamic.iter().find(|e| r.contains(e.as_str())) {
                panic!("the run-time value {e:?} leaked into {r}");
            }
        }
    }
    for item in machine.walk() {
        let State::Task(task) = item.state else { continue };
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

/// The run-time values of a request: the strings under `key.$` keys
/// (JSONPath) or in `{% %}` (JSONata), of 3 characters or more (shorter
/// ones, like `$`, are parts of any ARN); the other strings go to `literals`.
fn expressions(
    v: &serde_json::Value,
    jsonata: bool,
    out: &mut Vec<String>,
    literals: &mut Vec<String>,
) {
    let mut stack = vec![(false, v)];
    while let Some((dynamic, v)) = stack.pop() {
        match v {
            serde_json::Value::String(s) if s.len() >= 3 => {
                let expression = if jsonata {
                    s.starts_with("{%") && s.ends_with("%}")
                } else {
                    dynamic
                };
                if expression {
                    out.push(s.clone());
                } else {
                    literals.push(s.clone());
                }
            }
            serde_json::Value::Array(items) => stack.extend(items.iter().map(|i| (dynamic, i))),
            serde_json::Value::Object(m) => {
                stack.extend(m.iter().map(|(k, c)| (k.ends_with(".$"), c)));
            }
            _ => {}
        }
    }
}
