//! The main job's machine: it round-trips, and its IAM policy is exactly the
//! least-privilege one (one exact foundation-model ARN, no wildcard).

#[allow(dead_code)] // the example's `main` is not called here
#[path = "../examples/prompt_chain.rs"]
mod example;

use asl_kit::core::iam::policy_for;
use asl_kit::core::integration::AwsEnvironment;
use pretty_assertions::assert_eq;
use serde_json::json;

#[test]
fn prompt_chain_round_trips() {
    let machine = example::prompt_chain().expect("the prompt chain is valid");
    let back = asl_kit::core::from_str(&machine.to_string_pretty()).expect("parses");
    assert_eq!(back, machine);
    let names: Vec<_> = machine.states.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["Outline", "Draft", "Polish", "HandleFailure", "Failed"]
    );
    assert_eq!(
        machine.to_value()["States"]["Draft"]["Parameters"]["Body"]["messages"][0]["content.$"],
        "States.Format('Expand this outline into a draft: {}', $.outline.text)"
    );
}

#[test]
fn prompt_chain_policy_is_least_privilege() {
    let machine = example::prompt_chain().expect("the prompt chain is valid");
    let env = AwsEnvironment::new("aws", "us-east-2", "123456789012");
    let policy = policy_for(&machine, &env);
    assert_eq!(
        asl_kit::core::to_value(&policy),
        json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Sid": "InvokeModel1",
                "Action": ["bedrock:InvokeModel"],
                "Resource": ["arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"]
            }]
        })
    );
}
