//! `asl iam`: the policy of a valid definition, refusal for an invalid one.

#![allow(clippy::expect_used)] // helpers outside #[test] functions

use pretty_assertions::assert_eq;
use serde_json::json;
use std::process::Command;

fn asl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(args)
        .output()
        .expect("run asl");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("asl-cli-iam-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn prints_the_least_privilege_policy() {
    let f = temp_file(
        "invoke.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::bedrock:invokeModel",
            "Parameters":{"ModelId":"anthropic.claude-3-haiku-20240307-v1:0","Body":{"prompt":"hi"}},"End":true}}}"#,
    );
    let (code, out, err) = asl(&[
        "iam",
        &f,
        "--region",
        "us-east-2",
        "--account",
        "123456789012",
    ]);
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
    let f = temp_file(
        "bad.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"#,
    );
    let (code, out, err) = asl(&[
        "iam",
        &f,
        "--region",
        "us-east-2",
        "--account",
        "123456789012",
    ]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("MISSING_TRANSITION_TARGET at /States/A/Next"),
        "{err}"
    );
    assert!(err.contains("not generating a policy"), "{err}");
}
