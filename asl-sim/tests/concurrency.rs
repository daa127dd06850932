//! Parallel branches and inline Map iterations run concurrently on the
//! virtual clock: their waits overlap, `MaxConcurrency` bounds how many run
//! at once, and the first failure stops the others where they stand, with
//! the `…StateAborted` / `MapIterationAborted` events AWS logs.

#![allow(clippy::panic)] // helpers: a bad fixture stops the test

use asl_sim::{Execution, Mock, Mocks, Simulator, Status};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

const T0: i64 = 1_700_000_000_000;

fn sim(definition: Value) -> Simulator {
    match Simulator::from_str(&definition.to_string()) {
        Ok(s) => s.start_time_millis(T0),
        Err(e) => panic!("{e}"),
    }
}

fn types(run: &Execution) -> Vec<&str> {
    run.events.iter().map(|e| e.event_type()).collect()
}

/// Seconds from the start to the last event.
fn elapsed_s(run: &Execution) -> i64 {
    run.events
        .last()
        .map_or(0, |e| (e.timestamp().millis() - T0) / 1000)
}

/// Sets a Map state's `MaxConcurrency`, when given.
fn with_max_concurrency(map: &mut Value, max: Option<u64>) {
    if let (Some(n), Some(o)) = (max, map.as_object_mut()) {
        o.insert("MaxConcurrency".into(), json!(n));
    }
}

fn wait_branch(name: &str, seconds: u64) -> Value {
    json!({"StartAt": name, "States": {name: {"Type": "Wait", "Seconds": seconds, "End": true}}})
}

#[test]
fn parallel_waits_overlap() {
    // Two 60 s branches fit in a 90 s execution: they run at the same time.
    let run = sim(
        json!({"StartAt": "P", "TimeoutSeconds": 90, "States": {"P": {
        "Type": "Parallel", "End": true,
        "Branches": [wait_branch("A", 60), wait_branch("B", 60)]}}}),
    )
    .run(json!({}));
    assert_eq!(run.status, Status::Succeeded);
    assert_eq!(run.output, Some(json!([{}, {}])));
    assert_eq!(elapsed_s(&run), 60);
    assert_eq!(
        types(&run),
        [
            "ExecutionStarted",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "WaitStateEntered",
            "WaitStateEntered",
            "WaitStateExited",
            "WaitStateExited",
            "ParallelStateSucceeded",
            "ParallelStateExited",
            "ExecutionSucceeded"
        ]
    );
}

#[test]
fn the_longest_branch_sets_the_parallel_state_duration() {
    let run = sim(json!({"StartAt": "P", "States": {"P": {
        "Type": "Parallel", "End": true,
        "Branches": [wait_branch("A", 5), wait_branch("B", 30), wait_branch("C", 10)]}}}))
    .run(json!({}));
    assert_eq!(run.status, Status::Succeeded);
    assert_eq!(elapsed_s(&run), 30);
    // Events follow the clock: A, then C, then B exit.
    let exits: Vec<&str> = run
        .events
        .iter()
        .filter(|e| e.event_type() == "WaitStateExited")
        .filter_map(|e| e.detail_str("name"))
        .collect();
    assert_eq!(exits, ["A", "C", "B"]);
}

#[test]
fn a_failing_branch_aborts_a_waiting_sibling() {
    let run = sim(json!({"StartAt": "P", "States": {"P": {
        "Type": "Parallel", "End": true,
        "Branches": [
            {"StartAt": "W", "States": {
                "W": {"Type": "Wait", "Seconds": 10, "Next": "After"},
                "After": {"Type": "Pass", "End": true}}},
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Boom", "Cause": "c"}}}]}}}))
    .run(json!({}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("Boom"));
    assert_eq!(
        types(&run),
        [
            "ExecutionStarted",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "WaitStateEntered",
            "FailStateEntered",
            "WaitStateAborted",
            "ParallelStateFailed",
            "ExecutionFailed"
        ]
    );
    // The failure ends the wait: no time passes.
    assert_eq!(elapsed_s(&run), 0);
    // ParallelStateFailed and the aborted Wait follow the failing event.
    let id_of = |ty: &str| run.events.iter().find(|e| e.event_type() == ty);
    let (Some(failed), Some(fail), Some(aborted), Some(wait)) = (
        id_of("ParallelStateFailed"),
        id_of("FailStateEntered"),
        id_of("WaitStateAborted"),
        id_of("WaitStateEntered"),
    ) else {
        panic!("missing events: {:?}", types(&run));
    };
    assert_eq!(failed.previous_event_id(), fail.id());
    assert_eq!(aborted.previous_event_id(), fail.id());
    assert!(wait.id() < aborted.id());
    // Ids stay 1, 2, 3, … in the order of the list.
    let ids: Vec<u64> = run.events.iter().map(|e| e.id()).collect();
    assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>());
}

#[test]
fn a_sibling_still_looping_is_stopped_at_the_failure() {
    // Without the cut, the polling branch would run until the execution's
    // year is over (or its history is full). Either branch may come first.
    let fail = json!({"StartAt": "Check", "States": {
        "Check": {"Type": "Pass", "Next": "F"},
        "F": {"Type": "Fail", "Error": "Boom"}}});
    let poll = json!({"StartAt": "Poll", "States": {
        "Poll": {"Type": "Wait", "Seconds": 60, "Next": "Again"},
        "Again": {"Type": "Choice", "Default": "Poll", "Choices": [
            {"Variable": "$.done", "IsPresent": true, "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}});
    for branches in [json!([fail, poll]), json!([poll, fail])] {
        let run = sim(json!({"StartAt": "P", "States": {"P": {
            "Type": "Parallel", "End": true, "Branches": branches}}}))
        .run(json!({}));
        assert_eq!(run.status, Status::Failed);
        assert_eq!(run.error.as_deref(), Some("Boom"));
        assert_eq!(elapsed_s(&run), 0);
        assert_eq!(
            types(&run)
                .into_iter()
                .filter(|t| t.starts_with("Wait"))
                .collect::<Vec<_>>(),
            ["WaitStateEntered", "WaitStateAborted"]
        );
    }
}

fn lambda_map(max_concurrency: Option<u64>) -> Value {
    let mut map = json!({"Type": "Map", "End": true, "ItemsPath": "$.items",
        "ItemProcessor": {"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": true}}}});
    with_max_concurrency(&mut map, max_concurrency);
    json!({"StartAt": "M", "States": {"M": map}})
}

#[test]
fn a_failing_iteration_aborts_the_running_ones() {
    let mocks = Mocks::new().state_sequence(
        "T",
        [
            Mock::value(json!({"n": 0})),
            Mock::error("Boom", "second call"),
            Mock::value(json!({"n": 2})),
        ],
    );
    let run = sim(lambda_map(None))
        .mocks(mocks)
        .run(json!({"items": [1, 2, 3]}));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.cause.as_deref(), Some("second call"));
    // The answers that came at the same step as the failure, the failing
    // iteration's own events, then each running sibling's iteration and
    // Task, aborted, then the Map; all after the failure.
    let all = types(&run);
    assert_eq!(
        all[all.len() - 11..],
        [
            "TaskSucceeded",
            "TaskFailed",
            "TaskSucceeded",
            "MapIterationFailed",
            "TaskStateAborted",
            "MapIterationAborted",
            "TaskStateAborted",
            "MapIterationAborted",
            "TaskStateAborted",
            "MapStateFailed",
            "ExecutionFailed"
        ]
    );
    let failed = run.events.iter().find(|e| e.event_type() == "TaskFailed");
    let Some(failed) = failed else {
        panic!("no TaskFailed: {all:?}");
    };
    let closing = &run.events[run.events.len() - 8..run.events.len() - 1];
    assert!(
        closing.iter().all(|e| e.previous_event_id() == failed.id()),
        "{:?}",
        closing
            .iter()
            .map(|e| (e.event_type(), e.previous_event_id()))
            .collect::<Vec<_>>()
    );
    // All three iterations started, each called its Lambda once.
    let started: Vec<u64> = run
        .events
        .iter()
        .filter(|e| e.event_type() == "MapIterationStarted")
        .map(|e| e.previous_event_id())
        .collect();
    assert_eq!(started.len(), 3);
    assert!(started.iter().all(|&p| p == started[0]), "{started:?}");
    assert_eq!(run.task_parameters("T").len(), 3);
    let aborted: Vec<Value> = run
        .events
        .iter()
        .filter(|e| e.event_type() == "MapIterationAborted")
        .filter_map(|e| e.details().and_then(|d| d.get("index").cloned()))
        .collect();
    assert_eq!(aborted, [json!(0), json!(2)]);
}

#[test]
fn max_concurrency_bounds_the_iterations_running_at_once() {
    let waits = |max: Option<u64>| {
        let mut map = json!({"Type": "Map", "End": true, "ItemsPath": "$.items",
            "ItemProcessor": {"StartAt": "W", "States": {
                "W": {"Type": "Wait", "Seconds": 10, "End": true}}}});
        with_max_concurrency(&mut map, max);
        let run =
            sim(json!({"StartAt": "M", "States": {"M": map}})).run(json!({"items": [1, 2, 3, 4]}));
        assert_eq!(run.status, Status::Succeeded);
        assert_eq!(run.output, Some(json!([1, 2, 3, 4])));
        elapsed_s(&run)
    };
    assert_eq!(waits(None), 10);
    assert_eq!(waits(Some(0)), 10);
    assert_eq!(waits(Some(2)), 20);
    assert_eq!(waits(Some(3)), 20);
    assert_eq!(waits(Some(1)), 40);
}

#[test]
fn a_sequential_map_stops_at_its_first_failure() {
    let mocks = Mocks::new().state_sequence(
        "T",
        [
            Mock::value(json!(0)),
            Mock::error("Boom", "c"),
            Mock::value(json!(2)),
        ],
    );
    let run = sim(lambda_map(Some(1)))
        .mocks(mocks)
        .run(json!({"items": [1, 2, 3]}));
    assert_eq!(run.status, Status::Failed);
    // Iteration 2 never starts, and nothing is aborted.
    assert_eq!(
        run.events
            .iter()
            .filter(|e| e.event_type() == "MapIterationStarted")
            .count(),
        2
    );
    assert!(!types(&run).contains(&"MapIterationAborted"));
    assert_eq!(run.task_parameters("T").len(), 2);
}

#[test]
fn calls_a_cut_branch_never_made_are_not_recorded_and_keep_their_mocks() {
    // Branch A calls T1 at once and T2 after 30 s; branch B fails after
    // 10 s. The T2 call never happened, so T2's first response is still
    // there for the Catch's retry run through A again.
    let definition = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "Done",
            "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1, "IntervalSeconds": 1}],
            "Branches": [
                {"StartAt": "T1", "States": {
                    "T1": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"FunctionName": "one"}, "Next": "W"},
                    "W": {"Type": "Wait", "Seconds": 30, "Next": "T2"},
                    "T2": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"FunctionName": "two"}, "End": true}}},
                {"StartAt": "W10", "States": {
                    "W10": {"Type": "Wait", "Seconds": 10, "Next": "Check"},
                    "Check": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                              "Parameters": {"FunctionName": "check"}, "End": true}}}]},
        "Done": {"Type": "Succeed"}}});
    let mocks = Mocks::new()
        .state("T1", Mock::value(json!("t1")))
        .state_sequence(
            "T2",
            [Mock::value(json!("first")), Mock::value(json!("second"))],
        )
        .state_sequence(
            "Check",
            [Mock::error("Boom", "not yet"), Mock::value(json!("ok"))],
        );
    let run = sim(definition).mocks(mocks).run(json!({}));
    assert_eq!(run.status, Status::Succeeded);
    // T1 twice (one per attempt), T2 once: the first attempt was cut at
    // 10 s, before its call at 30 s.
    assert_eq!(run.task_parameters("T1").len(), 2);
    assert_eq!(run.task_parameters("T2"), [json!({"FunctionName": "two"})]);
    let outputs: Vec<&str> = run
        .events
        .iter()
        .filter(|e| e.event_type() == "TaskSucceeded")
        .filter_map(|e| e.detail_str("output"))
        .collect();
    assert!(outputs.contains(&"\"first\""), "{outputs:?}");
    assert!(!outputs.contains(&"\"second\""), "{outputs:?}");
    // 10 s to the failure, 1 s of backoff, then the 30 s branch.
    assert_eq!(elapsed_s(&run), 41);
}

#[test]
fn the_history_limit_counts_every_branch() {
    // 30 iterations of ~1,000 events each: none reaches 25,000 alone, the
    // execution does.
    let definition = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "Init", "States": {
            "Init": {"Type": "Pass", "Result": 0, "ResultPath": "$.n", "Next": "Loop"},
            "Loop": {"Type": "Choice", "Default": "Inc", "Choices": [
                {"Variable": "$.n", "NumericGreaterThanEquals": 330, "Next": "Done"}]},
            "Inc": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Loop"},
            "Done": {"Type": "Succeed"}}}}}});
    let items: Vec<Value> = (0..30).map(|_| json!({})).collect();
    let run = sim(definition).run(Value::Array(items));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    assert_eq!(run.events.len(), 25_000);
}

#[test]
fn a_distributed_map_inside_a_branch_beside_a_failing_one() {
    let definition = json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
        "Branches": [
            {"StartAt": "D", "States": {"D": {"Type": "Map", "End": true,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}}}}},
            {"StartAt": "Pause", "States": {
                "Pause": {"Type": "Wait", "Seconds": 1, "Next": "F"},
                "F": {"Type": "Fail", "Error": "Boom"}}}]}}});
    let run = sim(definition).run(json!([1, 2, 3]));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("Boom"));
    assert_eq!(elapsed_s(&run), 1);
    assert!(
        types(&run).contains(&"MapStateAborted"),
        "{:?}",
        types(&run)
    );
}

#[test]
fn distributed_map_children_run_concurrently_too() {
    let elapsed = |max: Option<u64>| {
        let mut map = json!({"Type": "Map", "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}});
        with_max_concurrency(&mut map, max);
        let run = sim(json!({"StartAt": "M", "States": {"M": map}})).run(json!([1, 2, 3, 4]));
        assert_eq!(run.status, Status::Succeeded);
        assert_eq!(run.output, Some(json!([1, 2, 3, 4])));
        elapsed_s(&run)
    };
    assert_eq!(elapsed(None), 10);
    assert_eq!(elapsed(Some(2)), 20);
    assert_eq!(elapsed(Some(1)), 40);
}

#[test]
fn simultaneous_timeouts_are_all_logged_and_abort_their_iterations() {
    // Four iterations, each a Task whose timer fires after 5 s (AWS:
    // timeouts/test_timeouts::test_service_lambda_map_timeout).
    let definition = json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
        "ItemProcessor": {"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5,
                  "Parameters": {"FunctionName": "slow", "Payload.$": "$"}, "End": true}}}}}});
    let run = sim(definition)
        .mocks(Mocks::new().state("T", Mock::timeout()))
        .run(json!([1, 2, 3, 4]));
    assert_eq!(run.status, Status::Failed);
    assert_eq!(run.error.as_deref(), Some("States.Timeout"));
    assert_eq!(elapsed_s(&run), 5);
    let all = types(&run);
    assert_eq!(all.iter().filter(|t| **t == "TaskTimedOut").count(), 4);
    assert_eq!(
        all.iter().filter(|t| **t == "MapIterationFailed").count(),
        1
    );
    assert_eq!(
        all.iter().filter(|t| **t == "MapIterationAborted").count(),
        3
    );
    assert_eq!(all.iter().filter(|t| **t == "TaskStateAborted").count(), 4);
    assert_eq!(
        all[all.len() - 10..],
        [
            "MapIterationFailed",
            "TaskStateAborted",
            "MapIterationAborted",
            "TaskStateAborted",
            "MapIterationAborted",
            "TaskStateAborted",
            "MapIterationAborted",
            "TaskStateAborted",
            "MapStateFailed",
            "ExecutionFailed"
        ]
    );
}
