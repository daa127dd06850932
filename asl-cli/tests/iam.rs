//! `asl iam`: the policy of a valid definition, refusal for an invalid one.

#![allow(clippy::expect_used)] // helpers outside #[test] functions

mod common;

use common::{asl, temp_file};
use pretty_assertions::assert_eq;
use serde_json::json;

/// `asl iam FILE` for us-east-2 and account 123456789012, with the
/// definition written to `name`: exit code, stdout, stderr.
fn iam(name: &str, definition: &str) -> (i32, String, String) {
    let f = temp_file(name, definition);
    let path = f.to_str().expect("UTF-8 temp path");
    asl(&[
        "iam",
        path,
        "--region",
        "us-east-2",
        "--account",
        "123456789012",
    ])
}

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
