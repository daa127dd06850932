//! `asl iam`: the policy of a valid definition, refusal for an invalid one.

#![allow(clippy::expect_used)] // helpers outside #[test] functions

mod common;

use common::{asl, temp_file};
use pretty_assertions::assert_eq;
use serde_json::json;

/// `asl iam FILE` for us-east-2 and account 123456789012, with the
/// definition written to `name`: exit code, stdout, stderr.
fn iam(name: &str, definition: &str) -> (i32, String, String) {
    iam_with(name, definition, &[])
}

/// [`iam`] with more arguments.
fn iam_with(name: &str, definition: &str, more: &[&str]) -> (i32, String, String) {
    let f = temp_file(name, definition);
    let path = f.to_str().expect("UTF-8 temp path");
    let mut args = vec![
        "iam",
        path,
        "--region",
        "us-east-2",
        "--account",
        "123456789012",
    ];
    args.extend_from_slice(more);
    asl(&args)
}

/// Lambda by function name, then SNS to a topic from the input.
const LAMBDA_AND_SNS: &str = r#"{"StartAt":"Call","States":{
    "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Parameters":{"FunctionName":"score","Payload.$":"$"},"Next":"Tell"},
    "Tell":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "Parameters":{"TopicArn.$":"$.topic","Message":"done"},"End":true}}}"#;

#[test]
fn prints_the_least_privilege_policy() {
    let (code, out, err) = iam(
        "invoke.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::bedrock:invokeModel",
            "Parameters":{"ModelId":"anthropic.claude-3-haiku-20240307-v1:0","Body":{"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}},"End":true}}}"#,
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let policy: serde_json::Value = serde_json::from_str(&out).expect("JSON policy");
    assert_eq!(
        policy,
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

#[test]
fn refuses_an_invalid_definition() {
    let (code, out, err) = iam(
        "bad.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"#,
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("MISSING_TRANSITION_TARGET at /States/A/Next"),
        "{err}"
    );
    assert!(err.contains("not generating a policy"), "{err}");
}

#[test]
fn a_lambda_and_sns_machine_gets_allow_statements_and_never_a_deny() {
    let (code, out, err) = iam("two.asl.json", LAMBDA_AND_SNS);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("Deny"), "{out}");
    let policy: serde_json::Value = serde_json::from_str(&out).expect("JSON policy");
    let actions: Vec<&str> = policy["Statement"]
        .as_array()
        .expect("statements")
        .iter()
        .flat_map(|s| s["Action"].as_array().into_iter().flatten())
        .filter_map(|a| a.as_str())
        .collect();
    assert!(actions.contains(&"lambda:InvokeFunction"), "{out}");
    assert!(actions.contains(&"sns:Publish"), "{out}");
}

#[test]
fn a_machine_that_needs_nothing_gets_a_message_not_a_fake_statement() {
    let (code, out, err) = iam(
        "pass.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
    );
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(err.ends_with("pass.asl.json: this state machine needs no IAM permissions (no Task calls an AWS service with the execution role); attach no policy to its role\n"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn json_format_gives_the_policy_and_the_warnings_together() {
    // An unknown Resource: a warning naming the state, and no statement for it.
    let definition = r#"{"StartAt":"A","States":{
        "A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"Next":"B"},
        "B":{"Type":"Task","Resource":"${Unknown}","End":true}}}"#;
    let (code, out, err) = iam_with("w.asl.json", definition, &["--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let json: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(json["errors"], json!([]));
    assert!(
        json["policy"]["Statement"]
            .as_array()
            .is_some_and(|s| !s.is_empty()),
        "{out}"
    );
    let warnings = json["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w["location"] == "/States/B" && w["severity"] == "WARNING"),
        "{out}"
    );
    assert_eq!(json["message"], serde_json::Value::Null);
}

#[test]
fn the_state_machine_name_names_its_own_arn() {
    let definition = r#"{"StartAt":"Each","States":{"Each":{"Type":"Map",
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
            "StartAt":"W","States":{"W":{"Type":"Succeed"}}},"End":true}}}"#;
    let (code, out, err) = iam_with(
        "map.asl.json",
        definition,
        &["--state-machine-name", "orders"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("arn:aws:states:us-east-2:123456789012:stateMachine:orders"),
        "{out}"
    );
    let (_, anonymous, warned) = iam("map.asl.json", definition);
    assert!(anonymous.contains("stateMachine:*"), "{anonymous}");
    assert!(warned.contains("WARNING"), "{warned}");
}
