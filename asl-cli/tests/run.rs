//! `asl run`: the JSON and text outputs, exit codes, mock-config files,
//! YAML definitions, and a closed pipe.

#![allow(clippy::expect_used, clippy::panic)] // test helpers

mod common;

use common::{asl, closed_stdout, temp_file};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};
use std::path::Path;

const MACHINE: &str = r#"{"StartAt": "Call", "States": {
  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
           "Parameters": {"FunctionName": "f", "Payload.$": "$"},
           "OutputPath": "$.Payload", "Next": "Done"},
  "Done": {"Type": "Succeed"}}}"#;

const MOCKS: &str = r#"{"StateMachines": {"M": {"TestCases": {"Happy": {"Call": "Ok"}, "Sad": {"Call": "Err"}}}},
  "MockedResponses": {
    "Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"greeting": "hi"}}}},
    "Err": {"0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "down"}}}}}"#;

/// `asl run DEF MORE… --format json`: exit code and the execution.
fn json_run(def: &Path, more: &[&str]) -> (i32, Value) {
    let mut args = vec!["run", def.to_str().expect("path")];
    args.extend_from_slice(more);
    args.extend(["--format", "json"]);
    let (code, out, err) = asl(&args);
    let v = serde_json::from_str(&out).unwrap_or_else(|_| panic!("not JSON: {out} {err}"));
    (code, v)
}

/// [`json_run`] of [`MACHINE`] with the test case `case` of [`MOCKS`] (the
/// files are named after `tag`).
fn mocked_run(tag: &str, case: &str, more: &[&str]) -> (i32, Value) {
    let def = temp_file(&format!("run-{tag}.asl.json"), MACHINE);
    let mocks = temp_file(&format!("run-{tag}-mocks.json"), MOCKS);
    let mut args = more.to_vec();
    args.extend(["--mock-config", mocks.to_str().expect("path")]);
    args.extend(["--test-case", case]);
    json_run(&def, &args)
}

#[test]
fn json_output_of_a_mocked_run() {
    let (code, v) = mocked_run("call", "Happy", &["--input", r#"{"name": "x"}"#]);
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
    let (code, v) = mocked_run("call2", "Sad", &[]);
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
fn text_output_nests_concurrent_branches_under_their_state() {
    // The branches' events interleave; each state's lines stay together,
    // under the Parallel, whose output follows them.
    let def = temp_file(
        "run-parallel.asl.json",
        r#"{"StartAt": "P", "States": {
          "P": {"Type": "Parallel", "Next": "Z", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": 2, "End": true}}}]},
          "Z": {"Type": "Succeed"}}}"#,
    );
    let (code, out, _) = asl(&["run", def.to_str().expect("path")]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "P (Parallel)\n  input:  {}\n  A (Pass)\n    input:  {}\n    output: 1\n  B (Pass)\n    input:  {}\n    output: 2\n  output: [1,2]\nZ (Succeed)\n  input:  [1,2]\n  output: [1,2]\nSUCCEEDED: [1,2]\n"
    );
}

#[test]
fn yaml_definitions_and_input_files() {
    let def = temp_file(
        "run.asl.yaml",
        "StartAt: A\nStates:\n  A:\n    Type: Pass\n    InputPath: $.k\n    End: true\n",
    );
    let input = temp_file("run-input.json", r#"{"k": [1, 2]}"#);
    let (code, v) = json_run(&def, &["--input-file", input.to_str().expect("path")]);
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
    let def = temp_file(
        "run-pipe.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
    );
    let (code, err) = closed_stdout(&["run", def.to_str().expect("path"), "--format", "json"]);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(code, 0);
}

#[test]
fn unmocked_tasks_fail_unless_allowed() {
    let def = temp_file("run-unmocked.asl.json", MACHINE);
    let input = ["--input", r#"{"Payload": 3}"#];
    let (code, v) = json_run(&def, &input);
    assert_eq!(code, 1);
    assert_eq!(v["error"], "States.Runtime");
    let (code, v) = json_run(&def, &[&input[..], &["--unmocked", "echo"]].concat());
    assert_eq!(code, 0);
    assert_eq!(v["output"], json!({"Payload": 3}));
}
