//! JSONata states (Arguments, Output, Assign, `$states`), and the AWS Step
//! Functions Local mock-config format.

#![allow(clippy::panic)] // helpers: a bad fixture stops the test

use asl_sim::{Mocks, Simulator, Status};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

fn sim(definition: Value) -> Simulator {
    match Simulator::from_str(&definition.to_string()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

fn mocks(config: Value) -> Mocks {
    match Mocks::from_mock_config(&config.to_string(), None, None) {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn jsonata_task_arguments_output_assign() {
    let run = sim(
        json!({"QueryLanguage": "JSONata", "StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Arguments": {"FunctionName": "f", "Payload": {"n": "{% $states.input.n + 1 %}"}},
              "Assign": {"seen": "{% $states.result.Payload %}"},
              "Output": {"r": "{% $states.result.Payload %}", "in": "{% $states.input.n %}"},
              "Next": "After"},
        "After": {"Type": "Pass", "Output": "{% $seen %}", "End": true}}}),
    )
    .mocks(mocks(json!({
        "StateMachines": {"M": {"TestCases": {"C": {"T": "TOk"}}}},
        "MockedResponses": {"TOk": {"0": {"Return": {"StatusCode": 200, "Payload": 42}}}}})))
    .run(json!({"n": 1}));
    assert_eq!(run.status, Status::Succeeded, "{:?}", run.cause);
    assert_eq!(run.output, Some(json!(42)));
    assert_eq!(
        run.task_parameters("T"),
        [json!({"FunctionName": "f", "Payload": {"n": 2}})]
    );
}

#[test]
fn jsonata_undefined_is_an_evaluation_failure() {
    let run = sim(
        json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
        "P": {"Type": "Pass", "Output": {"x": "{% $nope %}"}, "End": true}}}),
    )
    .run(json!({}));
    assert_eq!(run.error.as_deref(), Some("States.QueryEvaluationError"));
    let types: Vec<&str> = run.events.iter().map(|e| e.event_type()).collect();
    assert_eq!(
        types,
        [
            "ExecutionStarted",
            "PassStateEntered",
            "EvaluationFailed",
            "ExecutionFailed"
        ]
    );
    let failed = run
        .events
        .get(2)
        .and_then(|e| e.details())
        .unwrap_or_default();
    assert_eq!(failed.get("location"), Some(&json!("Output/x")));
    assert_eq!(failed.get("state"), Some(&json!("P")));
}

#[test]
fn jsonata_catch_sees_error_output() {
    let run = sim(
        json!({"QueryLanguage": "JSONata", "StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {},
              "Assign": {"never": 1},
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done",
                         "Assign": {"err": "{% $states.errorOutput.Error %}"}}],
              "End": true},
        "Done": {"Type": "Pass", "Output": {"e": "{% $err %}"}, "End": true}}}),
    )
    .mocks(mocks(json!({
        "StateMachines": {"M": {"TestCases": {"C": {"T": "Bad"}}}},
        "MockedResponses": {"Bad": {"0": {"Throw": {"Error": "Oops", "Cause": "c"}}}}})))
    .run(json!({}));
    assert_eq!(run.output, Some(json!({"e": "Oops"})));
    assert_eq!(run.variables().get("never"), None);
}

#[test]
fn jsonata_choice_condition_and_state_override() {
    let run = sim(json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "QueryLanguage": "JSONata",
              "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "Big",
                           "Output": {"rule": true}}],
              "Default": "Small"},
        "Big": {"Type": "Pass", "End": true},
        "Small": {"Type": "Pass", "Result": "small", "End": true}}}))
    .run(json!({"n": 2}));
    assert_eq!(run.output, Some(json!({"rule": true})));
    assert_eq!(run.visited_states(), ["C", "Big"]);
}

#[test]
fn mock_config_attempt_ranges_feed_retries_in_turn() {
    let run = sim(json!({"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 5, "IntervalSeconds": 1}], "End": true}}}))
    .mocks(mocks(json!({
        "StateMachines": {"M": {"TestCases": {"C": {"T": "Flaky"}}}},
        "MockedResponses": {"Flaky": {
            "0-1": {"Throw": {"Error": "E", "Cause": "x"}},
            "2": {"Return": {"Payload": "ok"}}}}})))
    .run(json!({}));
    assert_eq!(run.output, Some(json!({"Payload": "ok"})));
    assert_eq!(run.task_parameters("T").len(), 3);
}

#[test]
fn mock_config_exhausted_responses_fail() {
    let run = sim(
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}),
    )
    .mocks(mocks(json!({
        "StateMachines": {"M": {"TestCases": {"C": {"T": "Once"}}}},
        "MockedResponses": {"Once": {"0": {"Return": 1}}}})))
    .run(json!([1, 2]));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn mock_config_names_and_errors() {
    let config = json!({
        "StateMachines": {
            "A": {"TestCases": {"One": {"T": "R"}, "Two": {"T": "R"}}},
            "B": {"TestCases": {"Only": {}}}},
        "MockedResponses": {"R": {"0": {"Return": 1}}}})
    .to_string();
    assert!(Mocks::from_mock_config(&config, None, None).is_err());
    assert!(Mocks::from_mock_config(&config, Some("A"), None).is_err());
    assert!(Mocks::from_mock_config(&config, Some("A"), Some("Two")).is_ok());
    assert!(Mocks::from_mock_config(&config, Some("B"), None).is_ok());
    let bad = json!({"StateMachines": {"A": {"TestCases": {"C": {"T": "R"}}}},
                     "MockedResponses": {"R": {"x": {"Return": 1}}}})
    .to_string();
    let e = Mocks::from_mock_config(&bad, None, None)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("mock config: R: bad invocation key \"x\"")
    );
}

#[test]
fn seeded_runs_are_reproducible() {
    let machine = json!({"StartAt": "P", "States": {"P": {"Type": "Pass",
        "Parameters": {"u.$": "States.UUID()"}, "End": true}}});
    let a = sim(machine.clone()).seed(1).run(json!({}));
    let b = sim(machine.clone()).seed(1).run(json!({}));
    let c = sim(machine).seed(2).run(json!({}));
    assert_eq!(a.output, b.output);
    assert_ne!(a.output, c.output);
}
