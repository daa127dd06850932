//! Typed tasks: round trips in both query languages, read errors, statements.

use asl_aws::*;
use asl_core::integration::{AwsEnvironment, TaskContext, TypedTask};
use asl_core::{Dynamic, QueryLanguage, Task};
use pretty_assertions::assert_eq;
use serde_json::json;

fn env() -> AwsEnvironment {
    AwsEnvironment::new("aws", "us-east-1", "123456789012")
}

fn messages(task: &Task) -> Vec<String> {
    let mut state = json!({"Type": "Task", "Resource": task.resource.to_string(), "End": true});
    if let (Some(p), Some(m)) = (&task.parameters, state.as_object_mut()) {
        m.insert("Parameters".into(), p.0.clone());
    }
    let machine = json!({"StartAt": "T", "States": {"T": state}});
    asl_core::validate_str(&machine.to_string(), &asl_core::Options::default())
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn task(resource: &str, params: serde_json::Value) -> Task {
    Task::builder()
        .resource(resource)
        .parameters(params)
        .build()
}

#[test]
fn lambda_round_trips_in_both_query_languages() {
    let invoke = LambdaInvoke::builder()
        .function_name("work")
        .payload(json!({"id.$": "$.id"}))
        .qualifier("live")
        .build();
    let t = invoke.clone().into_task(QueryLanguage::JsonPath);
    assert_eq!(
        t.parameters.as_ref().map(|p| p.0.clone()),
        Some(json!({"FunctionName": "work", "Payload": {"id.$": "$.id"}, "Qualifier": "live"}))
    );
    assert_eq!(LambdaInvoke::try_from(&t), Ok(invoke.clone()));
    let j = invoke.clone().into_task(QueryLanguage::Jsonata);
    assert_eq!(
        j.arguments,
        Some(
            json!({"FunctionName": "work", "Payload": {"id": "{% $states.input.id %}"}, "Qualifier": "live"})
        )
    );
    assert_eq!(
        LambdaInvoke::try_from(&j).map(|l| l.function_name),
        Ok(Dynamic::from("work"))
    );
    assert_eq!(LambdaInvoke::PAYLOAD, "$.Payload");
}

#[test]
fn lambda_wait_for_task_token_keeps_its_pattern() {
    let t = task(
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        json!({"FunctionName": "work", "Payload": {"token.$": "$$.Task.Token"}}),
    );
    let l = LambdaInvoke::try_from(&t).unwrap();
    assert_eq!(l.pattern, Pattern::WaitForTaskToken);
    assert_eq!(Task::from(l), t);
}

#[test]
fn lambda_missing_and_unknown_parameters_are_reported() {
    let t = task("arn:aws:states:::lambda:invoke", json!({"Payloads": {}}));
    assert_eq!(
        messages(&t),
        [
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: lambda:invoke requires 'Parameters.FunctionName'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Payloads: field 'Payloads' is not a parameter of lambda:invoke; did you mean 'Payload'?",
        ]
    );
    let bad = task(
        "arn:aws:states:::lambda:invoke",
        json!({"FunctionName": "f", "LogType": "All"}),
    );
    assert_eq!(
        messages(&bad),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/LogType: 'Parameters.LogType' must be one of None, Tail, found 'All'"]
    );
}

#[test]
fn lambda_statements_come_from_the_aws_integration() {
    let l = LambdaInvoke::builder().function_name("work").build();
    let cx = TaskContext::of_task(&Task::from(l.clone()));
    let s = l.statements(&cx, &env());
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].action, ["lambda:InvokeFunction"]);
    assert_eq!(
        s[0].resource,
        ["arn:aws:lambda:us-east-1:123456789012:function:work"]
    );
}

#[test]
fn sns_needs_a_destination_and_suggests_message() {
    let t = task("arn:aws:states:::sns:publish", json!({"Mesage": "hi"}));
    assert_eq!(
        messages(&t),
        [
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: sns:publish requires 'Parameters.Message'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: sns:publish requires one of 'Parameters.TopicArn', 'Parameters.TargetArn', 'Parameters.PhoneNumber'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Mesage: field 'Mesage' is not a parameter of sns:publish; did you mean 'Message'?",
        ]
    );
    let ok = SnsPublish::builder()
        .message(Dynamic::path("$.text"))
        .topic_arn("arn:aws:sns:us-east-1:123456789012:alerts")
        .build();
    let t = ok.clone().into_task(QueryLanguage::Jsonata);
    assert_eq!(
        t.arguments,
        Some(
            json!({"Message": "{% $states.input.text %}", "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts"})
        )
    );
    let s = ok.statements(&TaskContext::of_task(&t), &env());
    assert_eq!(s[0].resource, ["arn:aws:sns:us-east-1:123456789012:alerts"]);
}

#[test]
fn sqs_dynamodb_events_states_round_trip() {
    let sqs = SqsSendMessage::builder()
        .queue_url("https://sqs.us-east-1.amazonaws.com/123456789012/q")
        .message_body(json!("x"))
        .build();
    assert_eq!(SqsSendMessage::try_from(&Task::from(sqs.clone())), Ok(sqs));
    let put = PutItem::builder()
        .table_name("T")
        .item(json!({"id": {"S": "1"}}))
        .build();
    assert_eq!(PutItem::try_from(&Task::from(put.clone())), Ok(put.clone()));
    let s = put.statements(&TaskContext::of_task(&Task::from(put.clone())), &env());
    assert_eq!(s[0].action, ["dynamodb:PutItem"]);
    let ev = PutEvents::builder()
        .entries(json!([{"Source": "a", "DetailType": "b", "Detail": {}}]))
        .build();
    assert_eq!(PutEvents::try_from(&Task::from(ev.clone())), Ok(ev));
    let st = StartExecution::builder()
        .state_machine_arn("arn:aws:states:us-east-1:123456789012:stateMachine:c")
        .pattern(Pattern::Sync)
        .build();
    let t = Task::from(st.clone());
    assert_eq!(
        t.resource.to_string(),
        "arn:aws:states:::states:startExecution.sync"
    );
    assert_eq!(StartExecution::try_from(&t), Ok(st));
}

#[test]
fn dynamodb_and_states_report_missing_required_fields() {
    for (resource, params, message) in [
        ("arn:aws:states:::dynamodb:getItem", json!({"TableName": "T"}), "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: dynamodb:getItem requires 'Parameters.Key'"),
        ("arn:aws:states:::states:startExecution.sync:2", json!({"Input": {}}), "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: states:startExecution requires 'Parameters.StateMachineArn'"),
        ("arn:aws:states:::events:putEvents", json!({"Entries": []}), "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Entries: 'Parameters.Entries' holds 1 to 10 events, found 0"),
    ] {
        assert_eq!(messages(&task(resource, params)), [message]);
    }
}

#[test]
fn a_task_without_request_is_accepted_as_aws_does() {
    let t = Task::builder()
        .resource("arn:aws:states:::lambda:invoke")
        .build();
    assert_eq!(messages(&t), Vec::<String>::new());
}

#[test]
fn http_and_jobs_and_sdk() {
    let t = task(
        "arn:aws:states:::http:invoke",
        json!({"ApiEndpoint": "https://x", "Method": "GET", "Authentication": {}}),
    );
    assert_eq!(
        messages(&t),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Authentication: 'Parameters.Authentication' needs 'ConnectionArn'"]
    );
    let ecs = EcsRunTask::builder().task_definition("d:1").build();
    assert_eq!(
        Task::from(ecs.clone()).resource.to_string(),
        "arn:aws:states:::ecs:runTask.sync"
    );
    assert_eq!(EcsRunTask::try_from(&Task::from(ecs.clone())), Ok(ecs));
    let glue = task(
        "arn:aws:states:::glue:startJobRun.sync",
        json!({"JobNam": "j"}),
    );
    assert_eq!(
        messages(&glue)[1],
        "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/JobNam: field 'JobNam' is not a parameter of glue:startJobRun; did you mean 'JobName'?"
    );
    let sdk = task(
        "arn:aws:states:::aws-sdk:s3:getObject",
        json!({"Bucket": "b", "Key.$": "$.k"}),
    );
    let typed = AwsSdk::try_from(&sdk).unwrap();
    assert_eq!(
        (typed.service.as_str(), typed.action.as_str()),
        ("s3", "getObject")
    );
    assert_eq!(Task::from(typed), sdk);
}
