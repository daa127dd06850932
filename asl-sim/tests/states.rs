//! Each state type, Retry/Catch, Map and Parallel, variables and the
//! history, on small machines of their own.

#![allow(clippy::panic)] // helpers: a bad fixture stops the test

use asl_sim::{Execution, Failure, Mock, Mocks, Simulator, Status, Unmocked};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

fn sim(definition: Value) -> Simulator {
    match Simulator::from_str(&definition.to_string()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

fn types(run: &Execution) -> Vec<&str> {
    run.events.iter().map(|e| e.event_type()).collect()
}

/// The detail `field` of the first event of type `ty`.
fn detail(run: &Execution, ty: &str, field: &str) -> Option<Value> {
    run.events
        .iter()
        .find(|e| e.event_type() == ty)
        .and_then(|e| e.details())
        .and_then(|d| d.get(field).cloned())
}

/// How many events of type `ty` the history holds.
fn count(run: &Execution, ty: &str) -> usize {
    run.events.iter().filter(|e| e.event_type() == ty).count()
}

#[test]
fn pass_jsonpath_pipeline() {
    let run = sim(json!({"StartAt": "P", "States": {"P": {
        "Type": "Pass",
        "InputPath": "$.in",
        "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)", "fixed": 1},
        "ResultPath": "$.out",
        "OutputPath": "$.out",
        "End": true}}}))
    .run(json!({"in": {"n": 4}}));
    assert_eq!(run.status, Status::Succeeded);
    assert_eq!(run.output, Some(json!({"doubled": 8, "fixed": 1})));
}

#[test]
fn pass_result_and_null_paths() {
    let run = sim(json!({"StartAt": "P", "States": {"P": {
        "Type": "Pass", "Result": {"r": true}, "ResultPath": null, "End": true}}}))
    .run(json!({"keep": 1}));
    assert_eq!(run.output, Some(json!({"keep": 1})));
    let run = sim(json!({"StartAt": "P", "States": {"P": {
        "Type": "Pass", "InputPath": null, "End": true}}}))
    .run(json!({"drop": 1}));
    assert_eq!(run.output, Some(json!({})));
}

#[test]
fn missing_input_path_fails_with_aws_text() {
    let run = sim(json!({"StartAt": "P", "States": {"P": {
        "Type": "Pass", "InputPath": "$.nope", "End": true}}}))
    .run(json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        run.cause.as_deref(),
        Some("An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.nope' : No results for path: $['nope']")
    );
    assert_eq!(
        types(&run),
        ["ExecutionStarted", "PassStateEntered", "ExecutionFailed"]
    );
}

#[test]
fn history_of_a_small_run() {
    let run = sim(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": {"x": 1}, "Assign": {"v.$": "$.x"}, "Next": "B"},
        "B": {"Type": "Succeed"}}}))
    .run(json!({"in": true}));
    let events: Vec<Value> = run
        .events
        .iter()
        .map(|e| {
            let mut v = e.to_value();
            if let Some(o) = v.as_object_mut() {
                o.remove("timestamp");
            }
            v
        })
        .collect();
    let role = "arn:aws:iam::123456789012:role/StepFunctionsRole";
    assert_eq!(
        events,
        vec![
            json!({"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
                   "executionStartedEventDetails": {"input": "{\"in\":true}", "inputDetails": {"truncated": false}, "roleArn": role}}),
            json!({"id": 2, "previousEventId": 0, "type": "PassStateEntered",
                   "stateEnteredEventDetails": {"name": "A", "input": "{\"in\":true}", "inputDetails": {"truncated": false}}}),
            json!({"id": 3, "previousEventId": 2, "type": "PassStateExited",
                   "stateExitedEventDetails": {"name": "A", "output": "{\"x\":1}", "outputDetails": {"truncated": false},
                       "assignedVariables": {"v": "1"}, "assignedVariablesDetails": {"truncated": false}}}),
            json!({"id": 4, "previousEventId": 3, "type": "SucceedStateEntered",
                   "stateEnteredEventDetails": {"name": "B", "input": "{\"x\":1}", "inputDetails": {"truncated": false}}}),
            json!({"id": 5, "previousEventId": 4, "type": "SucceedStateExited",
                   "stateExitedEventDetails": {"name": "B", "output": "{\"x\":1}", "outputDetails": {"truncated": false}}}),
            json!({"id": 6, "previousEventId": 5, "type": "ExecutionSucceeded",
                   "executionSucceededEventDetails": {"output": "{\"x\":1}", "outputDetails": {"truncated": false}}}),
        ]
    );
    assert_eq!(run.variables().get("v"), Some(&json!(1)));
}

#[test]
fn fail_state_with_and_without_fields() {
    let run = sim(json!({"StartAt": "F", "States": {"F": {
        "Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}}}))
    .run(json!({"e": "E1", "c": "because"}));
    assert_eq!(
        (run.error.as_deref(), run.cause.as_deref()),
        (Some("E1"), Some("because"))
    );
    let run = sim(json!({"StartAt": "F", "States": {"F": {"Type": "Fail"}}})).run(json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!((run.error, run.cause), (None, None));
    assert_eq!(
        run.events.last().and_then(|e| e.details()).map(|d| d.len()),
        Some(0)
    );
}

#[test]
fn choice_rules_and_default() {
    let machine = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
            {"And": [{"Variable": "$.s", "IsPresent": true}, {"Variable": "$.s", "StringMatches": "a*"}], "Next": "A"}
        ], "Default": "Other"},
        "Big": {"Type": "Pass", "Result": "big", "End": true},
        "A": {"Type": "Pass", "Result": "a", "End": true},
        "Other": {"Type": "Pass", "Result": "other", "End": true}}});
    let s = sim(machine);
    assert_eq!(s.run(json!({"n": 11})).output, Some(json!("big")));
    assert_eq!(s.run(json!({"n": 1, "s": "abc"})).output, Some(json!("a")));
    assert_eq!(
        s.run(json!({"n": 1, "s": "xyz"})).output,
        Some(json!("other"))
    );
    assert_eq!(
        s.run(json!({"n": 1, "s": "xyz"})).visited_states(),
        ["C", "Other"]
    );
}

#[test]
fn choice_without_match_or_default_fails() {
    let run = sim(json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "D"}]},
        "D": {"Type": "Succeed"}}}))
    .run(json!({"n": 2}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn wait_advances_the_virtual_clock() {
    let run = sim(json!({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 3600, "Next": "T"},
        "T": {"Type": "Wait", "TimestampPath": "$.until", "End": true}}}))
    .start_time_millis(0)
    .run(json!({"until": "1970-01-02T00:00:00Z"}));
    assert_eq!(run.status, Status::Succeeded);
    let last = run.events.last().map(|e| e.timestamp().to_string());
    assert_eq!(last.as_deref(), Some("1970-01-02T00:00:00.000Z"));
}

#[test]
fn wait_seconds_path_errors() {
    let run = sim(json!({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}))
    .run(json!({"s": -1}));
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert!(run
        .cause
        .unwrap_or_default()
        .ends_with("references a negative value: $.s == -1"));
}

fn lambda_task(extra: Value) -> Value {
    let mut task = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": true});
    if let (Some(t), Some(e)) = (task.as_object_mut(), extra.as_object()) {
        t.extend(e.clone());
    }
    json!({"StartAt": "T", "States": {"T": task, "Caught": {"Type": "Pass", "End": true}}})
}

#[test]
fn task_events_and_result_selector() {
    let run = sim(lambda_task(
        json!({"ResultSelector": {"p.$": "$.Payload"}, "ResultPath": "$.r"}),
    ))
    .mocks(Mocks::new().state("T", Mock::value(json!({"StatusCode": 200, "Payload": 7}))))
    .run(json!({"a": 1}));
    assert_eq!(run.output, Some(json!({"a": 1, "r": {"p": 7}})));
    assert_eq!(
        types(&run),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
    let scheduled = run.events.get(2).and_then(|e| e.details());
    assert_eq!(
        scheduled.map(Value::Object),
        Some(
            json!({"resourceType": "lambda", "resource": "invoke", "region": "us-east-1",
                    "parameters": "{\"FunctionName\":\"f\",\"Payload\":{\"a\":1}}"})
        )
    );
}

#[test]
fn lambda_function_arn_events() {
    let run = sim(json!({"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}))
    .mocks(Mocks::new().state("T", Mock::value(json!({"ok": 1}))))
    .run(json!({}));
    assert_eq!(
        types(&run),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
    assert_eq!(run.output, Some(json!({"ok": 1})));
}

#[test]
fn retry_then_catch() {
    let run = sim(lambda_task(json!({
        "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "MaxAttempts": 2, "BackoffRate": 3}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Caught"}]})))
    .mocks(Mocks::new().state("T", Mock::error("Boom", "bad")))
    .start_time_millis(0)
    .run(json!({"a": 1}));
    assert_eq!(run.status, Status::Succeeded);
    assert_eq!(
        run.output,
        Some(json!({"a": 1, "err": {"Error": "Boom", "Cause": "bad"}}))
    );
    assert_eq!(run.task_parameters("T").len(), 3);
    // 2 s then 6 s of backoff on the virtual clock.
    assert_eq!(
        run.events
            .last()
            .map(|e| e.timestamp().to_string())
            .as_deref(),
        Some("1970-01-01T00:00:08.000Z")
    );
    let failed = count(&run, "TaskFailed");
    assert_eq!(failed, 3);
}

#[test]
fn retry_succeeds_on_a_later_attempt_and_sees_retry_count() {
    let run = sim(json!({"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"n.$": "$$.State.RetryCount"},
        "Retry": [{"ErrorEquals": ["States.TaskFailed"]}], "End": true}}}))
    .mocks(Mocks::new().state_sequence(
        "T",
        [
            Mock::error("E", "c"),
            Mock::function(|input| Ok(input.clone())),
        ],
    ))
    .run(json!({}));
    assert_eq!(run.output, Some(json!({"n": 1})));
    assert_eq!(run.task_parameters("T"), [json!({"n": 0}), json!({"n": 1})]);
}

#[test]
fn states_runtime_is_never_caught() {
    let run = sim(lambda_task(json!({
        "OutputPath": "$.missing",
        "Catch": [{"ErrorEquals": ["States.ALL", "States.Runtime"], "Next": "Caught"}]})))
    .mocks(Mocks::new().state("T", Mock::value(json!({}))))
    .run(json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn timeout_mock_and_task_failed_matcher() {
    let run = sim(lambda_task(json!({"TimeoutSeconds": 5,
        "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}]})))
    .mocks(Mocks::new().state("T", Mock::timeout()))
    .run(json!({}));
    // States.TaskFailed does not match States.Timeout.
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Timeout"));
    assert!(types(&run).contains(&"TaskTimedOut"));
    assert_eq!(
        detail(&run, "TaskScheduled", "timeoutInSeconds"),
        Some(json!(5))
    );
}

#[test]
fn unmocked_task_fails_naming_the_state_unless_allowed() {
    let s = sim(lambda_task(json!({})));
    let run = s.run(json!({"x": 1}));
    assert_eq!(run.status, Status::Failed);
    assert!(run.cause.unwrap_or_default().contains("'T'"));
    let run = s
        .mocks(Mocks::new().unmocked(Unmocked::EchoInput))
        .run(json!({"x": 1}));
    assert_eq!(
        run.output,
        Some(json!({"FunctionName": "f", "Payload": {"x": 1}}))
    );
}

#[test]
fn closure_mock_error() {
    let run = sim(lambda_task(json!({})))
        .mocks(Mocks::new().state(
            "T",
            Mock::function(|_| Err(Failure::new("Lambda.ServiceException", "down"))),
        ))
        .run(json!({}));
    assert_eq!(run.error.as_deref(), Some("Lambda.ServiceException"));
    assert_eq!(run.cause.as_deref(), Some("down"));
}

#[test]
fn parallel_outputs_in_branch_order() {
    let run = sim(
        json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
        "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": 2, "End": true}}}
        ]}}}),
    )
    .run(json!({}));
    assert_eq!(run.output, Some(json!([1, 2])));
    // The branches run concurrently: both are entered before either exits
    // (as AWS logs Pass-only branches).
    assert_eq!(
        types(&run),
        [
            "ExecutionStarted",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "PassStateEntered",
            "PassStateEntered",
            "PassStateExited",
            "PassStateExited",
            "ParallelStateSucceeded",
            "ParallelStateExited",
            "ExecutionSucceeded"
        ]
    );
}

#[test]
fn parallel_branch_failure_is_caught() {
    let run = sim(json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "Done",
            "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "X", "Cause": "y"}}}],
            "Catch": [{"ErrorEquals": ["X"], "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}}))
    .run(json!({}));
    assert_eq!(run.output, Some(json!({"Error": "X", "Cause": "y"})));
    assert!(types(&run).contains(&"ParallelStateFailed"));
}

#[test]
fn inline_map_with_item_selector_and_sequential_ids() {
    let run = sim(
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "ItemsPath": "$.items", "MaxConcurrency": 1,
        "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "k.$": "$.k"},
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}),
    )
    .run(json!({"items": ["a", "b"], "k": 9}));
    assert_eq!(
        run.output,
        Some(json!([{"i": 0, "v": "a", "k": 9}, {"i": 1, "v": "b", "k": 9}]))
    );
    assert_eq!(detail(&run, "MapStateStarted", "length"), Some(json!(2)));
    // The second iteration follows the first one's last state event.
    let second = run
        .events
        .iter()
        .filter(|e| e.event_type() == "MapIterationStarted")
        .nth(1)
        .map(|e| e.previous_event_id());
    let first_exit = run
        .events
        .iter()
        .find(|e| e.event_type() == "PassStateExited")
        .map(|e| e.id());
    assert_eq!(second, first_exit);
}

#[test]
fn map_iteration_failure_fails_the_map() {
    let run = sim(json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "F"}], "Default": "P"},
            "P": {"Type": "Pass", "End": true},
            "F": {"Type": "Fail", "Error": "Two"}}}}}}))
    .run(json!([1, 2, 3]));
    assert_eq!(run.error.as_deref(), Some("Two"));
    let t = types(&run);
    assert!(t.contains(&"MapIterationFailed"));
    assert!(t.contains(&"MapStateFailed"));
}

#[test]
fn map_retry_reruns_iterations() {
    let run = sim(
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}],
        "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}),
    )
    .mocks(Mocks::new().state_sequence("T", [Mock::error("E", "c"), Mock::value(json!("ok"))]))
    .run(json!([1]));
    assert_eq!(run.output, Some(json!(["ok"])));
    let starts = count(&run, "MapStateStarted");
    assert_eq!(starts, 2);
}

#[test]
fn distributed_map_children_are_not_in_the_history() {
    let run = sim(
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}),
    )
    .run(json!([1, 2]));
    assert_eq!(run.output, Some(json!([1, 2])));
    assert_eq!(
        types(&run),
        [
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapRunStarted",
            "MapRunSucceeded",
            "MapStateSucceeded",
            "MapStateExited",
            "ExecutionSucceeded"
        ]
    );
}

#[test]
fn distributed_map_tolerated_failures() {
    let machine = |tolerated: u64| {
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ToleratedFailureCount": tolerated,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                "StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "F"}], "Default": "P"},
                    "P": {"Type": "Pass", "End": true},
                    "F": {"Type": "Fail", "Error": "Zero"}}}}}})
    };
    let run = sim(machine(0)).run(json!([0, 1]));
    assert_eq!(
        run.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    let run = sim(machine(1)).run(json!([0, 1]));
    assert_eq!(run.status, Status::Succeeded);
}

#[test]
fn variables_are_scoped_to_iterations() {
    let run = sim(json!({"StartAt": "Set", "States": {
        "Set": {"Type": "Pass", "Assign": {"x": 1}, "Next": "M"},
        "M": {"Type": "Map", "ItemsPath": "$.items", "Next": "Read",
            "ItemProcessor": {"StartAt": "In", "States": {"In": {"Type": "Pass",
                "Assign": {"x": 99}, "Parameters": {"outer.$": "$x"}, "End": true}}}},
        "Read": {"Type": "Pass", "Parameters": {"x.$": "$x", "m.$": "$"}, "End": true}}}))
    .run(json!({"items": [1]}));
    assert_eq!(run.output, Some(json!({"x": 1, "m": [{"outer": 1}]})));
}

#[test]
fn assign_sees_values_from_state_entry() {
    let run = sim(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"n": 1}, "Next": "B"},
        "B": {"Type": "Pass", "Assign": {"n": 2, "old.$": "$n"}, "Next": "C"},
        "C": {"Type": "Pass", "Parameters": {"n.$": "$n", "old.$": "$old"}, "End": true}}}))
    .run(json!({}));
    assert_eq!(run.output, Some(json!({"n": 2, "old": 1})));
}

#[test]
fn context_object_fields() {
    let run = sim(json!({"StartAt": "P", "States": {"P": {"Type": "Pass",
        "Parameters": {"sm.$": "$$.StateMachine.Name", "state.$": "$$.State.Name",
                       "input.$": "$$.Execution.Input", "name.$": "$$.Execution.Name",
                       "id.$": "$$.Execution.Id"}, "End": true}}}))
    .state_machine_name("Orders")
    .execution_name("e1")
    .run(json!({"k": 1}));
    assert_eq!(
        run.output,
        Some(
            json!({"sm": "Orders", "state": "P", "input": {"k": 1}, "name": "e1",
                    "id": "arn:aws:states:us-east-1:123456789012:execution:Orders:e1"})
        )
    );
}

#[test]
fn endless_loop_stops_at_the_history_limit() {
    let run = sim(json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "A"}}}))
    .run(json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.events.len(), 25_000);
    assert_eq!(
        run.cause.as_deref(),
        Some("The execution reached the maximum number of history events (25000).")
    );
}

#[test]
fn oversized_output_fails() {
    let big = "x".repeat(300_000);
    let run = sim(json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}))
        .run(json!({"big": big}));
    assert_eq!(run.error.as_deref(), Some("States.DataLimitExceeded"));
}

#[test]
fn execution_serializes_to_the_cli_shape() {
    let run = sim(json!({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}})).run(json!([1]));
    let v = run.to_json();
    assert_eq!(v["status"], "SUCCEEDED");
    assert_eq!(v["output"], json!([1]));
    assert_eq!(v["error"], Value::Null);
    assert_eq!(v["events"].as_array().map(Vec::len), Some(4));
}

#[test]
fn a_task_failing_in_a_branch_is_aborted_before_the_parallel_fails() {
    let run = sim(
        json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
        "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]}}}),
    )
    .mocks(Mocks::new().state("T", Mock::error("E", "c")))
    .run(json!({}));
    let tail: Vec<(&str, u64, u64)> = run
        .events
        .iter()
        .skip(6)
        .map(|e| (e.event_type(), e.id(), e.previous_event_id()))
        .collect();
    assert_eq!(
        tail,
        [
            ("TaskFailed", 7, 6),
            ("TaskStateAborted", 8, 7),
            ("ParallelStateFailed", 9, 7),
            ("ExecutionFailed", 10, 9)
        ]
    );
}

#[test]
fn express_execution_ids() {
    let run = sim(json!({"StartAt": "P", "States": {"P": {"Type": "Pass",
        "Parameters": {"id.$": "$$.Execution.Id"}, "End": true}}}))
    .execution_type(asl_sim::ExecutionType::Express)
    .execution_name("x")
    .run(json!({}));
    let id = run
        .output
        .and_then(|o| o["id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    assert!(
        id.starts_with("arn:aws:states:us-east-1:123456789012:express:StateMachine:x:"),
        "{id}"
    );
}

#[test]
fn item_reader_csv_from_a_mock() {
    let run = sim(
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "Parameters": {"Bucket": "b", "Key": "k.csv"},
            "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}),
    )
    .mocks(Mocks::new().state("M", Mock::value(json!({"Body": "a,b\n1,\n3,4\n"}))))
    .run(json!({}));
    assert_eq!(run.status, Status::Succeeded, "{:?}", run.cause);
    assert_eq!(
        run.output,
        Some(json!([{"a": "1", "b": ""}, {"a": "3", "b": "4"}]))
    );
    assert_eq!(detail(&run, "MapStateStarted", "length"), Some(json!(0)));
}

#[test]
fn item_reader_csv_quotes_and_given_headers() {
    let run = sim(json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "Parameters": {"Bucket": "b", "Key": "k.csv"},
            "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["x", "y"]}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}))
    .mocks(Mocks::new().state("M", Mock::value(json!({"Body": "\"a,1\",\"say \"\"hi\"\"\"\r\nb,2,extra"}))))
    .run(json!({}));
    assert_eq!(
        run.output,
        Some(json!([{"x": "a,1", "y": "say \"hi\""}, {"x": "b", "y": "2"}]))
    );
}

#[test]
fn executions_time_out_after_a_year_or_five_minutes_for_express() {
    let machine =
        json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 400, "End": true}}});
    assert_eq!(
        sim(machine.clone()).run(json!({})).status,
        Status::Succeeded
    );
    let run = sim(machine)
        .execution_type(asl_sim::ExecutionType::Express)
        .run(json!({}));
    assert_eq!(run.status, Status::TimedOut);
    assert_eq!((run.error, run.cause), (None, None));
    let run = sim(json!({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 40000000, "End": true}}}))
        .run(json!({}));
    assert_eq!(run.status, Status::TimedOut);
    assert_eq!(
        run.events.last().map(|e| e.event_type()),
        Some("ExecutionTimedOut")
    );
}

#[test]
fn a_failure_without_error_or_cause_is_caught_as_nulls() {
    // AWS: a service failure with neither leaves `error` out of TaskFailed
    // and a catcher sees {"Error": null, "Cause": null}
    // (callback/test_callback::test_sqs_failure_in_wait_for_task_tok_no_error_field).
    let run = sim(json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "f"}, "Next": "Caught",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
        "Caught": {"Type": "Pass", "End": true}}}))
    .mocks(Mocks::new().state("T", Mock::error("", "")))
    .run(json!({}));
    assert_eq!(run.status, Status::Succeeded);
    assert_eq!(run.output, Some(json!({"Error": null, "Cause": null})));
    let failed = run.events.iter().find(|e| e.event_type() == "TaskFailed");
    let details = failed.and_then(|e| e.details()).unwrap_or_default();
    assert!(!details.contains_key("error"), "{details:?}");
    assert!(!details.contains_key("cause"), "{details:?}");
}
