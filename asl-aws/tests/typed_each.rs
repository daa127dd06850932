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

#[test]
fn lambda() {
    let r = "arn:aws:states:::lambda:invoke";
    assert_eq!(
        round_trip::<LambdaInvoke>(
            r,
            json!({"FunctionName": "f", "Payload": {"a.$": "$.a"}, "InvocationType": "Event"})
        ),
        Ok(Some("lambda:InvokeFunction".into()))
    );
    assert_eq!(
        errors::<LambdaInvoke>(r, json!({})),
        ["lambda:invoke requires 'Parameters.FunctionName'"]
    );
}

#[test]
fn sns_and_sqs() {
    let r = "arn:aws:states:::sns:publish.waitForTaskToken";
    assert_eq!(
        round_trip::<SnsPublish>(
            r,
            json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message": {"token.$": "$$.Task.Token"}, "Subject": "s"})
        ),
        Ok(Some("sns:Publish".into()))
    );
    assert_eq!(
        errors::<SnsPublish>(r, json!({"TopicArn": "t", "Mesage": "m"})),
        [
            "sns:publish requires 'Parameters.Message'",
            "field 'Mesage' is not a parameter of sns:publish; did you mean 'Message'?"
        ]
    );
    let r = "arn:aws:states:::sqs:sendMessage";
    assert_eq!(
        round_trip::<SqsSendMessage>(
            r,
            json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody.$": "$", "DelaySeconds": 5})
        ),
        Ok(Some("sqs:SendMessage".into()))
    );
    assert_eq!(
        errors::<SqsSendMessage>(r, json!({"QueueUrl": "q", "MessageBdy": "m"})),
        [
            "sqs:sendMessage requires 'Parameters.MessageBody'",
            "field 'MessageBdy' is not a parameter of sqs:sendMessage; did you mean 'MessageBody'?"
        ]
    );
}

#[test]
fn dynamodb() {
    let key = json!({"id": {"S.$": "$.id"}});
    assert_eq!(
        round_trip::<GetItem>(
            "arn:aws:states:::dynamodb:getItem",
            json!({"TableName": "T", "Key": key, "ConsistentRead": true})
        ),
        Ok(Some("dynamodb:GetItem".into()))
    );
    assert_eq!(
        round_trip::<PutItem>(
            "arn:aws:states:::dynamodb:putItem",
            json!({"TableName": "T", "Item": key})
        ),
        Ok(Some("dynamodb:PutItem".into()))
    );
    assert_eq!(
        round_trip::<UpdateItem>(
            "arn:aws:states:::dynamodb:updateItem",
            json!({"TableName": "T", "Key": key, "UpdateExpression": "SET a = :a", "ExpressionAttributeValues": {":a": {"N": "1"}}})
        ),
        Ok(Some("dynamodb:UpdateItem".into()))
    );
    assert_eq!(
        round_trip::<DeleteItem>(
            "arn:aws:states:::dynamodb:deleteItem",
            json!({"TableName": "T", "Key": key})
        ),
        Ok(Some("dynamodb:DeleteItem".into()))
    );
    assert_eq!(
        errors::<PutItem>(
            "arn:aws:states:::dynamodb:putItem",
            json!({"TableName": "T", "Items": {}})
        ),
        [
            "dynamodb:putItem requires 'Parameters.Item'",
            "field 'Items' is not a parameter of dynamodb:putItem; did you mean 'Item'?"
        ]
    );
    assert_eq!(
        errors::<UpdateItem>("arn:aws:states:::dynamodb:updateItem", json!({"Key": {}})),
        ["dynamodb:updateItem requires 'Parameters.TableName'"]
    );
}

#[test]
fn events_and_states() {
    let r = "arn:aws:states:::events:putEvents";
    assert_eq!(
        round_trip::<PutEvents>(
            r,
            json!({"Entries": [{"Detail": {"a.$": "$"}, "DetailType": "t", "Source": "s"}]})
        ),
        Ok(Some("events:PutEvents".into()))
    );
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
    assert_eq!(
        errors::<StartExecution>(
            "arn:aws:states:::states:startExecution.sync",
            json!({"Input": {}})
        ),
        ["states:startExecution requires 'Parameters.StateMachineArn'"]
    );
}

#[test]
fn http_and_api_gateway() {
    let r = "arn:aws:states:::http:invoke";
    let http = json!({"ApiEndpoint": "https://x", "Method": "POST", "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1"}, "RequestBody": {"a.$": "$"}});
    // asl-core adds the HTTP Task's IAM (it needs the whole machine).
    assert_eq!(round_trip::<HttpInvoke>(r, http), Ok(None));
    assert_eq!(
        errors::<HttpInvoke>(
            r,
            json!({"ApiEndpoint": "https://x", "Methd": "GET", "Authentication": {"ConnectionArn": "c"}})
        ),
        [
            "http:invoke requires 'Parameters.Method'",
            "field 'Methd' is not a parameter of http:invoke; did you mean 'Method'?"
        ]
    );
    let r = "arn:aws:states:::apigateway:invoke";
    assert_eq!(
        round_trip::<ApiGatewayInvoke>(
            r,
            json!({"ApiEndpoint": "a.execute-api.us-east-1.amazonaws.com", "Method": "GET", "Stage": "prod", "AuthType": "IAM_ROLE"})
        ),
        Ok(Some("execute-api:Invoke".into()))
    );
    assert_eq!(
        errors::<ApiGatewayInvoke>(r, json!({"Method": "GET"})),
        ["apigateway:invoke requires 'Parameters.ApiEndpoint'"]
    );
}

#[test]
fn job_services() {
    assert_eq!(
        round_trip::<EcsRunTask>(
            "arn:aws:states:::ecs:runTask.sync",
            json!({"TaskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/d:1", "Cluster": "c", "LaunchType": "FARGATE"})
        ),
        Ok(Some("ecs:RunTask".into()))
    );
    assert_eq!(
        round_trip::<GlueStartJobRun>(
            "arn:aws:states:::glue:startJobRun.sync",
            json!({"JobName": "j", "Arguments": {"--day.$": "$.day"}})
        ),
        Ok(Some("glue:StartJobRun".into()))
    );
    assert_eq!(
        round_trip::<BatchSubmitJob>(
            "arn:aws:states:::batch:submitJob.sync",
            json!({"JobName": "n", "JobDefinition": "d", "JobQueue": "q"})
        ),
        Ok(Some("batch:SubmitJob".into()))
    );
    assert_eq!(
        round_trip::<AthenaStartQueryExecution>(
            "arn:aws:states:::athena:startQueryExecution.sync",
            json!({"QueryString": "SELECT 1", "WorkGroup": "primary"})
        ),
        Ok(Some("athena:startQueryExecution".into()))
    );
    assert_eq!(
        round_trip::<CodeBuildStartBuild>(
            "arn:aws:states:::codebuild:startBuild.sync",
            json!({"ProjectName": "p", "BuildspecOverride": "b"})
        ),
        Ok(Some("codebuild:StartBuild".into()))
    );
    assert_eq!(
        errors::<BatchSubmitJob>(
            "arn:aws:states:::batch:submitJob.sync",
            json!({"JobName": "n", "JobDefinition": "d"})
        ),
        ["batch:submitJob requires 'Parameters.JobQueue'"]
    );
    assert_eq!(
        errors::<CodeBuildStartBuild>("arn:aws:states:::codebuild:startBuild.sync", json!({"ProjectNme": "p"})),
        [
            "codebuild:startBuild requires 'Parameters.ProjectName'",
            "field 'ProjectNme' is not a parameter of codebuild:startBuild; did you mean 'ProjectName'?"
        ]
    );
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
    assert_eq!(
        round_trip::<AwsSdk>(
            "arn:aws:states:::aws-sdk:s3:getObject",
            json!({"Bucket": "b", "Key.$": "$.k"})
        ),
        Ok(Some("s3:GetObject".into()))
    );
}
