//! The rest of the execution role and the honest output: machine-level
//! grants (Lambda ARNs, HTTP Tasks, Distributed Maps, Credentials,
//! activities), AWS SDK integrations, warnings instead of guesses, and
//! never a Deny.

mod common;

use asl_core::iam::{Effect, IamOptions, IAM_INCOMPLETE, IAM_REVIEW, NOTHING_NEEDED};
use common::{generated, grants, pairs, task_machine, tuples};
use pretty_assertions::assert_eq;
use serde_json::json;

fn named() -> IamOptions {
    IamOptions::named("orders")
}

#[test]
fn a_lambda_function_arn_as_resource_is_invoked() {
    let g = generated(
        &task_machine(
            "arn:aws:lambda:us-east-1:123456789012:function:f",
            json!({}),
        ),
        &named(),
    );
    assert_eq!(
        serde_json::to_value(&g.policy).unwrap_or_default()["Statement"],
        json!([{"Effect": "Allow", "Sid": "InvokeFunction1", "Action": ["lambda:InvokeFunction"],
                "Resource": ["arn:aws:lambda:us-east-1:123456789012:function:f"]}])
    );
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
}

#[test]
fn activities_and_passes_need_nothing_and_say_so() {
    let definition = json!({"StartAt": "W", "States": {
        "W": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a", "Next": "P"},
        "P": {"Type": "Pass", "End": true}}}).to_string();
    let g = generated(&definition, &named());
    assert!(g.policy.statement.is_empty());
    assert_eq!(g.message(), Some(NOTHING_NEEDED));
    let text = serde_json::to_string(&g.policy).unwrap_or_default();
    assert_eq!(text, r#"{"Version":"2012-10-17","Statement":[]}"#);
}

#[test]
fn http_task_grants_the_endpoint_the_connection_and_its_secret() {
    let connection = "arn:aws:events:us-east-1:123456789012:connection/c/0000";
    let g = generated(
        &task_machine(
            "http:invoke",
            json!({"ApiEndpoint": "https://api.example.com/v1/items", "Method": "POST",
            "Authentication": {"ConnectionArn": connection}}),
        ),
        &named(),
    );
    let condition = json!({"StringEquals": {"states:HTTPMethod": "POST"},
                           "StringLike": {"states:HTTPEndpoint": "https://api.example.com/*"}})
    .to_string();
    let mut want = vec![
        (
            "states:InvokeHTTPEndpoint".to_string(),
            "arn:aws:states:us-east-1:123456789012:stateMachine:orders".to_string(),
            condition,
        ),
        (
            "events:RetrieveConnectionCredentials".to_string(),
            connection.to_string(),
            String::new(),
        ),
        (
            "secretsmanager:GetSecretValue".to_string(),
            "arn:aws:secretsmanager:*:*:secret:events!connection/*".to_string(),
            String::new(),
        ),
        (
            "secretsmanager:DescribeSecret".to_string(),
            "arn:aws:secretsmanager:*:*:secret:events!connection/*".to_string(),
            String::new(),
        ),
    ];
    want.sort();
    assert_eq!(tuples(&g), want);
    // Without the machine's name: any machine, and a warning that says how to name it.
    let g = generated(
        &task_machine(
            "http:invoke",
            json!({"ApiEndpoint": "https://a.b/c", "Method": "GET"}),
        ),
        &IamOptions::default(),
    );
    assert!(tuples(&g)
        .iter()
        .any(|t| t.1 == "arn:aws:states:us-east-1:123456789012:stateMachine:*"));
    assert!(
        g.warnings
            .iter()
            .any(|w| w.code == IAM_REVIEW && w.message.contains("state_machine_name")),
        "{:?}",
        g.warnings
    );
}

#[test]
fn distributed_map_starts_its_children_and_reads_and_writes_s3() {
    let definition = json!({"StartAt": "M", "States": {"M": {"Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "in", "Prefix": "data/"}},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}},
        "End": true}}}).to_string();
    let g = generated(&definition, &named());
    let prefix = json!({"StringLike": {"s3:prefix": ["data/"]}}).to_string();
    let mut want: Vec<(String, String, String)> = [
        (
            "states:StartExecution",
            "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
            "",
        ),
        (
            "states:DescribeExecution",
            "arn:aws:states:us-east-1:123456789012:execution:orders:*",
            "",
        ),
        ("s3:ListBucket", "arn:aws:s3:::in", prefix.as_str()),
        ("s3:GetObject", "arn:aws:s3:::in/data/*", ""),
        ("s3:PutObject", "arn:aws:s3:::out/runs/*", ""),
        ("s3:GetObject", "arn:aws:s3:::out/runs/*", ""),
        ("s3:ListMultipartUploadParts", "arn:aws:s3:::out/runs/*", ""),
        ("s3:AbortMultipartUpload", "arn:aws:s3:::out/runs/*", ""),
    ]
    .iter()
    .map(|(a, r, c)| (a.to_string(), r.to_string(), c.to_string()))
    .collect();
    want.sort();
    assert_eq!(tuples(&g), want);
    assert!(
        g.warnings
            .iter()
            .any(|w| w.message.contains("kms:GenerateDataKey")),
        "{:?}",
        g.warnings
    );
}

#[test]
fn credentials_assume_the_role_and_warn_that_it_needs_the_task_permissions() {
    let definition = json!({"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage",
        "Credentials": {"RoleArn": "arn:aws:iam::111122223333:role/sender"},
        "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/q", "MessageBody": "m"},
        "End": true}}}).to_string();
    let g = generated(&definition, &named());
    let pairs_found: Vec<(String, String)> =
        tuples(&g).into_iter().map(|(a, r, _)| (a, r)).collect();
    assert_eq!(
        pairs_found,
        pairs(&[
            ("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"),
            ("sts:AssumeRole", "arn:aws:iam::111122223333:role/sender"),
        ])
    );
    let w: Vec<&str> = g.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(w, ["state 'T': its calls run with 'Credentials' as arn:aws:iam::111122223333:role/sender: that role needs the Task's own permissions (listed here too); the execution role needs only sts:AssumeRole on it"]);
}

#[test]
fn what_the_generator_cannot_cover_is_a_warning_never_a_deny() {
    let definition = json!({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::archive:putReport", "Parameters": {}, "Next": "B"},
        "B": {"Type": "Task", "Resource": "${ProcessFunctionArn}", "Next": "C"},
        "C": {"Type": "Task", "Resource": "arn:aws:states:::eks:runJob.sync", "Parameters": {"ClusterName": "c"}, "End": true}}}).to_string();
    let g = generated(&definition, &named());
    assert!(g.policy.statement.iter().all(|s| s.effect == Effect::Allow));
    assert!(g.policy.statement.is_empty(), "{:?}", g.policy);
    assert_eq!(g.message(), None, "warnings: not 'nothing needed'");
    let found: Vec<(&str, &str)> = g
        .warnings
        .iter()
        .map(|w| (w.code, w.location.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (IAM_INCOMPLETE, "/States/A"),
            (IAM_INCOMPLETE, "/States/B"),
            (IAM_INCOMPLETE, "/States/C")
        ]
    );
    assert!(g.warnings[0].message.starts_with(
        "state 'A': no integration knows the permissions of arn:aws:states:::archive:putReport"
    ));
}

/// Each row: an SDK resource and its parameters, and the one statement they
/// grant (its action, on its resource).
macro_rules! sdk_grants {
    ($($resource:literal $params:tt => $action:literal on $on:literal;)*) => {$(
        assert_eq!(grants($resource, json!($params)), pairs(&[($action, $on)]));
    )*};
}

#[test]
fn aws_sdk_integrations_name_their_iam_actions_and_known_resources() {
    sdk_grants! {
        "aws-sdk:s3:getObject" {"Bucket": "b", "Key": "k.json"} => "s3:GetObject" on "arn:aws:s3:::b/k.json";
        "aws-sdk:s3:listObjectsV2" {"Bucket": "b"} => "s3:ListBucket" on "arn:aws:s3:::b";
        "aws-sdk:dynamodb:query" {"TableName": "t", "IndexName": "i"} => "dynamodb:Query" on "arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i";
        "aws-sdk:secretsmanager:getSecretValue" {"SecretId": "db"} => "secretsmanager:GetSecretValue" on "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-??????";
        "aws-sdk:sfn:describeExecution" {"ExecutionArn.$": "$.e"} => "states:DescribeExecution" on "arn:aws:states:us-east-1:123456789012:execution:*";
        "aws-sdk:iam:getRole" {"RoleName": "r"} => "iam:GetRole" on "arn:aws:iam::123456789012:role/r";
        "aws-sdk:cloudwatchlogs:putRetentionPolicy" {"LogGroupName.$": "$.g", "RetentionInDays": 7} => "logs:PutRetentionPolicy" on "arn:aws:logs:us-east-1:123456789012:log-group:*:*";
    }
    // Unknown resources: '*' and a warning to narrow it.
    let g = generated(
        &task_machine("aws-sdk:ec2:describeInstances", json!({})),
        &named(),
    );
    assert_eq!(
        tuples(&g),
        [(
            "ec2:DescribeInstances".to_string(),
            "*".to_string(),
            String::new()
        )]
    );
    assert_eq!(g.warnings.len(), 1);
    assert!(
        g.warnings[0].message.contains("narrow it"),
        "{}",
        g.warnings[0].message
    );
}

#[test]
fn substitutions_given_as_options_resolve_before_the_policy_is_derived() {
    let definition = json!({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "${FnArn}", "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
              "Parameters": {"TableName": "${Table}", "Item": {}}, "End": true}}})
    .to_string();
    // Without values: the table is a run-time value, the Resource a warning.
    let g = generated(&definition, &named());
    assert_eq!(
        tuples(&g),
        [(
            "dynamodb:PutItem".to_string(),
            "*".to_string(),
            String::new()
        )]
    );
    assert_eq!(g.warnings.len(), 1);
    // With them: exact ARNs and no warning.
    let options = named()
        .substitute("FnArn", "arn:aws:lambda:us-east-1:123456789012:function:f")
        .substitute("Table", "orders");
    let g = generated(&definition, &options);
    let mut want = vec![
        (
            "dynamodb:PutItem".to_string(),
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders".to_string(),
            String::new(),
        ),
        (
            "lambda:InvokeFunction".to_string(),
            "arn:aws:lambda:us-east-1:123456789012:function:f".to_string(),
            String::new(),
        ),
    ];
    want.sort();
    assert_eq!(tuples(&g), want);
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
}

#[test]
fn an_s3_inventory_manifest_reads_the_manifest_and_its_data_files() {
    let definition = json!({"StartAt": "M", "States": {"M": {"Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "MANIFEST"},
            "Parameters": {"Bucket": "inv", "Key": "src/cfg/2024-01-01T00-00Z/manifest.json"}},
        "End": true}}})
    .to_string();
    let g = generated(&definition, &named());
    let reads: Vec<String> = tuples(&g)
        .into_iter()
        .filter(|t| t.0 == "s3:GetObject")
        .map(|t| t.1)
        .collect();
    assert_eq!(
        reads,
        [
            "arn:aws:s3:::inv/src/cfg/2024-01-01T00-00Z/manifest.json",
            "arn:aws:s3:::inv/src/cfg/data/*"
        ]
    );
}
