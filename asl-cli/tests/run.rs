//! `asl run`: the JSON and text outputs, exit codes, mock-config files,
//! YAML definitions, and a closed pipe.

#![allow(clippy::expect_used, clippy::panic)] // test helpers

mod common;

use common::{asl, temp_file};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

const MACHINE: &str = r#"{"StartAt": "Call", "States": {
  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
           "Parameters": {"FunctionName": "f", "Payload.$": "$"},
           "OutputPath": "$.Payload", "Next": "Done"},
  "Done": {"Type": "Succeed"}}}"#;

const MOCKS: &str = r#"{"StateMachines": {"M": {"TestCases": {"Happy": {"Call": "Ok"}, "Sad": {"Call": "Err"}}}},
  "MockedResponses": {
    "Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"greeting": "hi"}}}},
    "Err": {"0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "down"}}}}}"#;

fn json_run(args: &[&str]) -> (i32, Value) {
    let (code, out, err) = asl(args);
    let v = serde_json::from_str(&out).unwrap_or_else(|_| panic!("not JSON: {out} {err}"));
    (code, v)
}

#[test]
fn json_output_of_a_mocked_run() {
    let def = temp_file("run-call.asl.json", MACHINE);
    let mocks = temp_file("run-mocks.json", MOCKS);
    let (code, v) = json_run(&[
        "run",
        def.to_str().expect("path"),
        "--input",
        r#"{"name": "x"}"#,
        "--mock-config",
        mocks.to_str().expect("path"),
        "--test-case",
        "Happy",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["status"], "SUCCEEDED");
    assert_eq!(v["output"], json!({"greeting": "hi"}));
    assert_eq!(v["error"], Value::Null);
    let types: Vec<&str> = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert_eq!(
        types,
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "SucceedStateEntered",
            "SucceedStateExited",
            "ExecutionSucceeded"
        ]
    );
    assert_eq!(
        v["events"][2]["taskScheduledEventDetails"]["parameters"],
        r#"{"FunctionName":"f","Payload":{"name":"x"}}"#
    );
}

#[test]
fn a_failed_execution_exits_1() {
    let def = temp_file("run-call2.asl.json", MACHINE);
    let mocks = temp_file("run-mocks2.json", MOCKS);
    let (code, v) = json_run(&[
        "run",
        def.to_str().expect("path"),
        "--mock-config",
        mocks.to_str().expect("path"),
        "--test-case",
        "Sad",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(v["status"], "FAILED");
    assert_eq!(v["error"], "Lambda.ServiceException");
    assert_eq!(v["cause"], "down");
    assert_eq!(v["output"], Value::Null);
}

#[test]
fn text_output_lists_the_states() {
    let def = temp_file(
        "run-pass.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}}"#,
    );
    let (code, out, _) = asl(&["run", def.to_str().expect("path")]);
    assert_eq!(code, 0);
    assert_eq!(out, "A (Pass)\n  input:  {}\n  output: 1\nSUCCEEDED: 1\n");
}

#[test]
fn yaml_definitions_and_input_files() {
    let def = temp_file(
        "run.asl.yaml",
        "StartAt: A\nStates:\n  A:\n    Type: Pass\n    InputPath: $.k\n    End: true\n",
    );
    let input = temp_file("run-input.json", r#"{"k": [1, 2]}"#);
    let (code, v) = json_run(&[
        "run",
        def.to_str().expect("path"),
        "--input-file",
        input.to_str().expect("path"),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["output"], json!([1, 2]));
    assert_eq!(
        v["events"][0]["executionStartedEventDetails"]["input"],
        r#"{"k": [1, 2]}"#
    );
}

#[test]
fn usage_and_invalid_definitions() {
    let def = temp_file(
        "run-ok.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
    );
    let (code, _, err) = asl(&["run", def.to_str().expect("path"), "--input", "{nope"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = asl(&["run", "/no/such/file.asl.json"]);
    assert_eq!(code, 2);
    let (code, _, _) = asl(&[
        "run",
        def.to_str().expect("path"),
        "--mock-config",
        "/no/such/mocks.json",
    ]);
    assert_eq!(code, 2);
    let broken = temp_file(
        "run-broken.asl.json",
        r#"{"StartAt": "Nowhere", "States": {"A": {"Type": "Succeed"}}}"#,
    );
    let (code, _, err) = asl(&["run", broken.to_str().expect("path")]);
    assert_eq!(code, 1);
    assert!(err.contains("not running an invalid definition"), "{err}");
    let (code, _, _) = asl(&["run", def.to_str().expect("path"), "--type", "EXPRESS"]);
    assert_eq!(code, 0);
}

#[test]
fn a_closed_pipe_does_not_panic() {
    use std::process::{Command, Stdio};
    let def = temp_file(
        "run-pipe.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(["run", def.to_str().expect("path"), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run asl");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn unmocked_tasks_fail_unless_allowed() {
    let def = temp_file("run-unmocked.asl.json", MACHINE);
    let path = def.to_str().expect("path");
    let (code, v) = json_run(&[
        "run",
        path,
        "--input",
        r#"{"Payload": 3}"#,
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(v["error"], "States.Runtime");
    let (code, v) = json_run(&[
        "run",
        path,
        "--input",
        r#"{"Payload": 3}"#,
        "--unmocked",
        "echo",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["output"], json!({"Payload": 3}));
}
