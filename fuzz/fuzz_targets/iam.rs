//! IAM generation on parsed machines, with the Bedrock integration: never a
//! panic, never an empty policy, and no `{% %}` or `$.` placeholder leaks
//! into a resource ARN. The typed Bedrock tasks read every Task back
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
    assert!(!policy.statement.is_empty(), "empty policy");
    for s in &policy.statement {
        for r in &s.resource {
            assert!(!r.contains("{%") && !r.contains("$."), "placeholder leaked into {r}");
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
