//! Every typed task, the same checks: a round trip in both query languages,
//! the error for its missing required parameter, a did-you-mean for a typo,
//! and its statements (the `Aws` integration's).

use asl_aws::*;
use asl_core::integration::{AwsEnvironment, TaskContext, TypedTask};
use asl_core::{QueryLanguage, Task};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

fn env() -> AwsEnvironment {
    AwsEnvironment::new("aws", "us-east-1", "123456789012")
}

/// Reads `params` at `resource` as `T`, writes it back in both query
/// languages, and returns its statements' first action.
fn round_trip<T>(resource: &str, params: Value) -> Result<Option<String>, Vec<asl_core::Diagnostic>>
where
    T: TypedTask
        + Clone
        + PartialEq
        + std::fmt::Debug
        + for<'a> TryFrom<&'a Task, Error = Vec<asl_core::Diagnostic>>,
{
    let task = Task::builder()
        .resource(resource)
        .parameters(params)
        .build();
    let typed = T::try_from(&task)?;
    assert_eq!(typed.clone().into_task(QueryLanguage::JsonPath), task);
    let jsonata = typed.clone().into_task(QueryLanguage::Jsonata);
    assert_eq!(jsonata.query_language, Some(QueryLanguage::Jsonata));
    assert!(jsonata.arguments.is_some() && jsonata.parameters.is_none());
    // Paths become JSONata expressions: reading the JSONata Task back writes it again.
    assert_eq!(
        T::try_from(&jsonata)?.into_task(QueryLanguage::Jsonata),
        jsonata
    );
    let cx = TaskContext::of_task(&task);
    Ok(typed
        .statements(&cx, &env())
        .first()
        .and_then(|s| s.action.first().cloned()))
}

fn errors<T>(resource: &str, params: Value) -> Vec<String>
where
    T: TypedTask + for<'a> TryFrom<&'a Task, Error = Vec<asl_core::Diagnostic>> + std::fmt::Debug,
{
    let task = Task::builder()
        .resource(resource)
        .parameters(params)
        .build();
    match T::try_from(&task) {
        Ok(_) => Vec::new(),
        Err(found) => found.iter().map(|d| d.message.clone()).collect(),
    }
}

/// Each row: a type, a resource and parameters, then either the action the
/// statements start with (the parameters read as the type and written back
/// in both query languages: [`round_trip`]) or the messages reading them
/// reports ([`errors`]).
macro_rules! cases {
    () => {};
    ($t:ty: $resource:expr, $params:tt => [$($message:literal),+ $(,)?]; $($rest:tt)*) => {
        assert_eq!(errors::<$t>($resource, json!($params)), [$($message),+]);
        cases!($($rest)*);
    };
    ($t:ty: $resource:expr, $params:tt => $action:literal; $($rest:tt)*) => {
        assert_eq!(
            round_trip::<$t>($resource, json!($params)),
            Ok(Some($action.into())),
            "{}",
            stringify!($t)
        );
        cases!($($rest)*);
    };
}

#[test]
fn lambda() {
    let r = "arn:aws:states:::lambda:invoke";
    cases! {
        LambdaInvoke: r, {"FunctionName": "f", "Payload": {"a.$": "$.a"}, "InvocationType": "Event"} => "lambda:InvokeFunction";
        LambdaInvoke: r, {} => ["lambda:invoke requires 'Parameters.FunctionName'"];
    }
}

#[test]
fn sns_and_sqs() {
    cases! {
        SnsPublish: "arn:aws:states:::sns:publish.waitForTaskToken",
            {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message": {"token.$": "$$.Task.Token"}, "Subject": "s"} => "sns:Publish";
        SnsPublish: "arn:aws:states:::sns:publish.waitForTaskToken", {"TopicArn": "t", "Mesage": "m"} => [
            "sns:publish requires 'Parameters.Message'",
            "field 'Mesage' is not a parameter of sns:publish; did you mean 'Message'?",
        ];
        SqsSendMessage: "arn:aws:states:::sqs:sendMessage",
            {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody.$": "$", "DelaySeconds": 5} => "sqs:SendMessage";
        SqsSendMessage: "arn:aws:states:::sqs:sendMessage", {"QueueUrl": "q", "MessageBdy": "m"} => [
            "sqs:sendMessage requires 'Parameters.MessageBody'",
            "field 'MessageBdy' is not a parameter of sqs:sendMessage; did you mean 'MessageBody'?",
        ];
    }
}

#[test]
fn dynamodb() {
    let key = json!({"id": {"S.$": "$.id"}});
    cases! {
        GetItem: "arn:aws:states:::dynamodb:getItem", {"TableName": "T", "Key": key, "ConsistentRead": true} => "dynamodb:GetItem";
        PutItem: "arn:aws:states:::dynamodb:putItem", {"TableName": "T", "Item": key} => "dynamodb:PutItem";
        UpdateItem: "arn:aws:states:::dynamodb:updateItem", {"TableName": "T", "Key": key, "UpdateExpression": "SET a = :a", "ExpressionAttributeValues": {":a": {"N": "1"}}} => "dynamodb:UpdateItem";
        DeleteItem: "arn:aws:states:::dynamodb:deleteItem", {"TableName": "T", "Key": key} => "dynamodb:DeleteItem";
        PutItem: "arn:aws:states:::dynamodb:putItem", {"TableName": "T", "Items": {}} => [
            "dynamodb:putItem requires 'Parameters.Item'",
            "field 'Items' is not a parameter of dynamodb:putItem; did you mean 'Item'?",
        ];
        UpdateItem: "arn:aws:states:::dynamodb:updateItem", {"Key": {}} => ["dynamodb:updateItem requires 'Parameters.TableName'"];
    }
}

#[test]
fn events_and_states() {
    let r = "arn:aws:states:::events:putEvents";
    cases! {
        PutEvents: r, {"Entries": [{"Detail": {"a.$": "$"}, "DetailType": "t", "Source": "s"}]} => "events:PutEvents";
    }
    assert_eq!(errors::<PutEvents>(r, json!({"Entry": []})).len(), 2);
    for r in [
        "arn:aws:states:::states:startExecution",
        "arn:aws:states:::states:startExecution.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::states:startExecution.waitForTaskToken",
    ] {
        assert_eq!(
            round_trip::<StartExecution>(
                r,
                json!({"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:c", "Input": {"a": 1}})
            ),
            Ok(Some("states:StartExecution".into()))
        );
    }
    cases! {
        StartExecution: "arn:aws:states:::states:startExecution.sync", {"Input": {}} => ["states:startExecution requires 'Parameters.StateMachineArn'"];
    }
}

#[test]
fn http_and_api_gateway() {
    let r = "arn:aws:states:::http:invoke";
    let http = json!({"ApiEndpoint": "https://x", "Method": "POST", "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1"}, "RequestBody": {"a.$": "$"}});
    // asl-core adds the HTTP Task's IAM (it needs the whole machine).
    assert_eq!(round_trip::<HttpInvoke>(r, http), Ok(None));
    cases! {
        HttpInvoke: r, {"ApiEndpoint": "https://x", "Methd": "GET", "Authentication": {"ConnectionArn": "c"}} => [
            "http:invoke requires 'Parameters.Method'",
            "field 'Methd' is not a parameter of http:invoke; did you mean 'Method'?",
        ];
        ApiGatewayInvoke: "arn:aws:states:::apigateway:invoke",
            {"ApiEndpoint": "a.execute-api.us-east-1.amazonaws.com", "Method": "GET", "Stage": "prod", "AuthType": "IAM_ROLE"} => "execute-api:Invoke";
        ApiGatewayInvoke: "arn:aws:states:::apigateway:invoke", {"Method": "GET"} => ["apigateway:invoke requires 'Parameters.ApiEndpoint'"];
    }
}

#[test]
fn job_services() {
    cases! {
        EcsRunTask: "arn:aws:states:::ecs:runTask.sync", {"TaskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/d:1", "Cluster": "c", "LaunchType": "FARGATE"} => "ecs:RunTask";
        GlueStartJobRun: "arn:aws:states:::glue:startJobRun.sync", {"JobName": "j", "Arguments": {"--day.$": "$.day"}} => "glue:StartJobRun";
        BatchSubmitJob: "arn:aws:states:::batch:submitJob.sync", {"JobName": "n", "JobDefinition": "d", "JobQueue": "q"} => "batch:SubmitJob";
        AthenaStartQueryExecution: "arn:aws:states:::athena:startQueryExecution.sync", {"QueryString": "SELECT 1", "WorkGroup": "primary"} => "athena:startQueryExecution";
        CodeBuildStartBuild: "arn:aws:states:::codebuild:startBuild.sync", {"ProjectName": "p", "BuildspecOverride": "b"} => "codebuild:StartBuild";
        BatchSubmitJob: "arn:aws:states:::batch:submitJob.sync", {"JobName": "n", "JobDefinition": "d"} => ["batch:submitJob requires 'Parameters.JobQueue'"];
        CodeBuildStartBuild: "arn:aws:states:::codebuild:startBuild.sync", {"ProjectNme": "p"} => [
            "codebuild:startBuild requires 'Parameters.ProjectName'",
            "field 'ProjectNme' is not a parameter of codebuild:startBuild; did you mean 'ProjectName'?",
        ];
    }
    // A pattern the API does not have is not this type's.
    assert!(EcsRunTask::try_from(
        &Task::builder()
            .resource("arn:aws:states:::ecs:runTask.sync:2")
            .build()
    )
    .is_err());
}

#[test]
fn aws_sdk() {
    cases! {
        AwsSdk: "arn:aws:states:::aws-sdk:s3:getObject", {"Bucket": "b", "Key.$": "$.k"} => "s3:GetObject";
    }
}
