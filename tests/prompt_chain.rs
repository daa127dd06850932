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
        [
            "Outline",
            "Draft",
            "Polish",
            "Save",
            "HandleFailure",
            "Failed"
        ]
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
            }, {
                "Effect": "Allow",
                "Sid": "PutItem1",
                "Action": ["dynamodb:PutItem"],
                "Resource": ["arn:aws:dynamodb:us-east-2:123456789012:table/PromptChainResults"]
            }]
        })
    );
}

/// A Claude Messages response with this text, as Bedrock returns it to the Task.
fn claude(text: &str) -> serde_json::Value {
    json!({"Body": {"type": "message", "role": "assistant",
        "content": [{"type": "text", "text": text}], "stop_reason": "end_turn"},
        "ContentType": "application/json"})
}

/// The main job, run in the simulator with mocked model responses: each
/// prompt is built from the previous step's text, and the final text is
/// what DynamoDB is asked to store.
#[test]
fn prompt_chain_runs_with_mocked_models() {
    use asl_kit::sim::{Mock, Mocks, Simulator, Status};
    let machine = example::prompt_chain().expect("the prompt chain is valid");
    let mocks = Mocks::new()
        .state("Outline", Mock::value(claude("1. states 2. retries")))
        .state(
            "Draft",
            Mock::value(claude("A draft about states and retries.")),
        )
        .state("Polish", Mock::value(claude("A polished text.")))
        .state("Save", Mock::value(json!({})));
    let run = Simulator::new(&machine)
        .mocks(mocks)
        .run(json!({"topic": "state machines"}));
    assert_eq!(
        run.status,
        Status::Succeeded,
        "{:?} {:?}",
        run.error,
        run.cause
    );
    assert_eq!(run.visited_states(), ["Outline", "Draft", "Polish", "Save"]);
    let draft = run.task_parameters("Draft");
    assert_eq!(
        draft[0]["Body"]["messages"][0]["content"],
        "Expand this outline into a draft: 1. states 2. retries"
    );
    assert_eq!(
        run.task_parameters("Save"),
        [json!({"TableName": example::TABLE,
                "Item": {"topic": {"S": "state machines"}, "text": {"S": "A polished text."}}})]
    );
    let output = run.output.expect("an output");
    assert_eq!(output["final"], json!({"text": "A polished text."}));
}

/// A throttled model is retried; a model error is caught and ends in Failed.
#[test]
fn prompt_chain_retries_throttling_and_catches_errors() {
    use asl_kit::sim::{Mock, Mocks, Simulator, Status};
    let machine = example::prompt_chain().expect("the prompt chain is valid");
    let mocks = Mocks::new()
        .state_sequence(
            "Outline",
            [
                Mock::error("Bedrock.ThrottlingException", "slow down"),
                Mock::value(claude("outline")),
            ],
        )
        .state(
            "Draft",
            Mock::error("Bedrock.ValidationException", "bad prompt"),
        );
    let run = Simulator::new(&machine)
        .mocks(mocks)
        .run(json!({"topic": "t"}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("PromptChainFailed"));
    assert_eq!(
        run.visited_states(),
        ["Outline", "Draft", "HandleFailure", "Failed"]
    );
}
