//! Every optimized service in its patterns, static and dynamic: the
//! statements the developer guide's "IAM policies for calling …" templates
//! give (written here from the guide, not read from a corpus).

mod common;

use common::{grants, pairs};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

const RULE: &[&str] = &["events:PutTargets", "events:PutRule", "events:DescribeRule"];

/// `(resource, parameters, expected (action, resource) pairs)`.
type Case = (&'static str, Value, Vec<(&'static str, String)>);

fn on(actions: &[&'static str], resource: &str) -> Vec<(&'static str, String)> {
    actions.iter().map(|a| (*a, resource.to_string())).collect()
}

fn rule(name: &str) -> Vec<(&'static str, String)> {
    on(
        RULE,
        &format!("arn:aws:events:us-east-1:123456789012:rule/{name}"),
    )
}

fn check(cases: Vec<Case>) {
    for (resource, parameters, expected) in cases {
        let want: Vec<(&str, &str)> = expected.iter().map(|(a, r)| (*a, r.as_str())).collect();
        assert_eq!(
            grants(resource, parameters.clone()),
            pairs(&want),
            "{resource} {parameters}"
        );
    }
}

#[test]
fn lambda_sns_sqs_and_dynamodb() {
    let f = "arn:aws:lambda:us-east-1:123456789012:function:";
    check(vec![
        (
            "lambda:invoke",
            json!({"FunctionName": "fn"}),
            on(&["lambda:InvokeFunction"], &format!("{f}fn")),
        ),
        (
            "lambda:invoke.waitForTaskToken",
            json!({"FunctionName": "fn:prod", "Payload": {"t.$": "$$.Task.Token"}}),
            on(&["lambda:InvokeFunction"], &format!("{f}fn:prod")),
        ),
        (
            "lambda:invoke",
            json!({"FunctionName": "111122223333:function:other"}),
            on(
                &["lambda:InvokeFunction"],
                "arn:aws:lambda:us-east-1:111122223333:function:other",
            ),
        ),
        (
            "lambda:invoke",
            json!({"FunctionName.$": "$.fn"}),
            on(&["lambda:InvokeFunction"], &format!("{f}*")),
        ),
        (
            "sns:publish",
            json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message": "m"}),
            on(&["sns:Publish"], "arn:aws:sns:us-east-1:123456789012:t"),
        ),
        (
            "sns:publish",
            json!({"PhoneNumber": "+15555550100", "Message": "m"}),
            on(&["sns:Publish"], "*"),
        ),
        (
            "sns:publish.waitForTaskToken",
            json!({"TopicArn.$": "$.t", "Message": "m"}),
            on(&["sns:Publish"], "*"),
        ),
        (
            "sqs:sendMessage",
            json!({"QueueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/q", "MessageBody": "m"}),
            on(&["sqs:SendMessage"], "arn:aws:sqs:eu-west-1:123456789012:q"),
        ),
        (
            "sqs:sendMessage.waitForTaskToken",
            json!({"QueueUrl.$": "$.q", "MessageBody": "m"}),
            on(&["sqs:SendMessage"], "*"),
        ),
        (
            "dynamodb:putItem",
            json!({"TableName": "t", "Item": {}}),
            on(
                &["dynamodb:PutItem"],
                "arn:aws:dynamodb:us-east-1:123456789012:table/t",
            ),
        ),
        (
            "dynamodb:getItem",
            json!({"TableName.$": "$.t", "Key": {}}),
            on(&["dynamodb:GetItem"], "*"),
        ),
    ]);
}

#[test]
fn events_and_step_functions() {
    let sm = "arn:aws:states:us-east-1:123456789012:stateMachine:child";
    let executions = "arn:aws:states:us-east-1:123456789012:execution:child:*";
    let mut sync = on(&["states:StartExecution"], sm);
    sync.extend(on(
        &["states:DescribeExecution", "states:StopExecution"],
        executions,
    ));
    sync.extend(rule("StepFunctionsGetEventsForStepFunctionsExecutionRule"));
    check(vec![
        (
            "events:putEvents",
            json!({"Entries": [{"Detail": {}, "DetailType": "d", "Source": "s"}]}),
            on(
                &["events:PutEvents"],
                "arn:aws:events:us-east-1:123456789012:event-bus/default",
            ),
        ),
        (
            "events:putEvents.waitForTaskToken",
            json!({"Entries": [{"EventBusName.$": "$.bus"}]}),
            on(&["events:PutEvents"], "arn:aws:events:*:*:event-bus/*"),
        ),
        (
            "states:startExecution",
            json!({"StateMachineArn": sm}),
            on(&["states:StartExecution"], sm),
        ),
        (
            "states:startExecution.waitForTaskToken",
            json!({"StateMachineArn": sm}),
            on(&["states:StartExecution"], sm),
        ),
        (
            "states:startExecution.sync",
            json!({"StateMachineArn": sm}),
            sync.clone(),
        ),
        (
            "states:startExecution.sync:2",
            json!({"StateMachineArn": sm}),
            sync,
        ),
        (
            "states:startExecution.sync",
            json!({"StateMachineArn.$": "$.sm"}),
            {
                let mut v = on(
                    &["states:StartExecution"],
                    "arn:aws:states:us-east-1:123456789012:stateMachine:*",
                );
                v.extend(on(
                    &["states:DescribeExecution", "states:StopExecution"],
                    "arn:aws:states:us-east-1:123456789012:execution:*",
                ));
                v.extend(rule("StepFunctionsGetEventsForStepFunctionsExecutionRule"));
                v
            },
        ),
    ]);
}

#[test]
fn ecs_batch_glue_and_databrew() {
    let td = "arn:aws:ecs:us-east-1:123456789012:task-definition/app:3";
    let mut ecs_sync = on(&["ecs:RunTask"], td);
    ecs_sync.extend(on(&["ecs:StopTask", "ecs:DescribeTasks"], "*"));
    ecs_sync.extend(rule("StepFunctionsGetEventsForECSTaskRule"));
    let mut batch_sync = on(
        &[
            "batch:SubmitJob",
            "batch:DescribeJobs",
            "batch:TerminateJob",
        ],
        "*",
    );
    batch_sync.extend(rule("StepFunctionsGetEventsForBatchJobsRule"));
    check(vec![
        (
            "ecs:runTask",
            json!({"TaskDefinition": "app:3"}),
            on(&["ecs:RunTask"], td),
        ),
        (
            "ecs:runTask",
            json!({"TaskDefinition": "app"}),
            on(
                &["ecs:RunTask"],
                "arn:aws:ecs:us-east-1:123456789012:task-definition/app:*",
            ),
        ),
        ("ecs:runTask.sync", json!({"TaskDefinition": td}), ecs_sync),
        (
            "ecs:runTask.waitForTaskToken",
            json!({"TaskDefinition.$": "$.td"}),
            on(&["ecs:RunTask"], "*"),
        ),
        (
            "batch:submitJob",
            json!({"JobName": "j", "JobQueue": "q", "JobDefinition": "d"}),
            on(&["batch:SubmitJob"], "*"),
        ),
        (
            "batch:submitJob.sync",
            json!({"JobName": "j", "JobQueue": "q", "JobDefinition": "d"}),
            batch_sync,
        ),
        (
            "glue:startJobRun",
            json!({"JobName": "j"}),
            on(&["glue:StartJobRun"], "*"),
        ),
        (
            "glue:startJobRun.sync",
            json!({"JobName": "j"}),
            on(
                &[
                    "glue:StartJobRun",
                    "glue:GetJobRun",
                    "glue:GetJobRuns",
                    "glue:BatchStopJobRun",
                ],
                "*",
            ),
        ),
        (
            "databrew:startJobRun.sync",
            json!({"Name": "j"}),
            on(
                &[
                    "databrew:startJobRun",
                    "databrew:listJobRuns",
                    "databrew:stopJobRun",
                ],
                "arn:aws:databrew:us-east-1:123456789012:job/*",
            ),
        ),
    ]);
}

#[test]
fn athena_and_codebuild() {
    let project = "arn:aws:codebuild:us-east-1:123456789012:project/p";
    let mut build_sync = on(
        &[
            "codebuild:StartBuild",
            "codebuild:StopBuild",
            "codebuild:BatchGetBuilds",
        ],
        project,
    );
    build_sync.extend(rule("StepFunctionsGetEventForCodeBuildStartBuildRule"));
    let wg = "arn:aws:athena:us-east-1:123456789012:workgroup/*";
    let results = {
        let mut v = on(&["athena:getQueryResults"], wg);
        v.extend(on(&["s3:GetObject"], "arn:aws:s3:::*"));
        v
    };
    check(vec![
        (
            "athena:getQueryResults",
            json!({"QueryExecutionId.$": "$.id"}),
            results,
        ),
        (
            "athena:stopQueryExecution",
            json!({"QueryExecutionId": "q"}),
            on(&["athena:stopQueryExecution"], wg),
        ),
        (
            "codebuild:startBuild.sync",
            json!({"ProjectName": "p"}),
            build_sync,
        ),
        (
            "codebuild:startBuildBatch",
            json!({"ProjectName.$": "$.p"}),
            on(
                &["codebuild:StartBuildBatch"],
                "arn:aws:codebuild:us-east-1:123456789012:project/*",
            ),
        ),
        (
            "codebuild:startBuildBatch.sync",
            json!({"ProjectName": "p"}),
            {
                let mut v = on(
                    &[
                        "codebuild:StartBuildBatch",
                        "codebuild:StopBuildBatch",
                        "codebuild:BatchGetBuildBatches",
                    ],
                    project,
                );
                v.extend(rule("StepFunctionsGetEventForCodeBuildStartBuildBatchRule"));
                v
            },
        ),
        // The first APIs' dynamic template names any account, as the guide's.
        (
            "codebuild:startBuild",
            json!({"ProjectName.$": "$.p"}),
            on(
                &["codebuild:StartBuild"],
                "arn:aws:codebuild:us-east-1:*:project/*",
            ),
        ),
        (
            "codebuild:stopBuild",
            json!({"Id": "arn:aws:codebuild:us-east-1:123456789012:build/p:1234"}),
            on(&["codebuild:StopBuild"], project),
        ),
        (
            "codebuild:batchDeleteBuilds",
            json!({"Ids": ["p:1", "p:2", "q:3"]}),
            {
                let mut v = on(&["codebuild:BatchDeleteBuilds"], project);
                v.extend(on(
                    &["codebuild:BatchDeleteBuilds"],
                    "arn:aws:codebuild:us-east-1:123456789012:project/q",
                ));
                v
            },
        ),
        (
            "codebuild:batchGetReports",
            json!({"ReportArns": ["arn:aws:codebuild:us-east-1:123456789012:report/g:1"]}),
            on(
                &["codebuild:BatchGetReports"],
                "arn:aws:codebuild:us-east-1:123456789012:report-group/g",
            ),
        ),
    ]);
    // startQueryExecution: the workgroup (primary by default) and the data it reads.
    let g = grants(
        "athena:startQueryExecution",
        json!({"QueryString": "SELECT 1"}),
    );
    assert!(g.contains(&(
        "athena:startQueryExecution".into(),
        "arn:aws:athena:us-east-1:123456789012:workgroup/primary".into()
    )));
    assert!(g.contains(&("lakeformation:GetDataAccess".into(), "*".into())));
    assert!(
        !g.iter().any(|(a, _)| a == "athena:stopQueryExecution"),
        "{g:?}"
    );
}

#[test]
fn eks_and_emr() {
    let cluster = "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-1";
    check(vec![
        (
            "eks:deleteCluster.sync",
            json!({"Name": "c"}),
            on(
                &["eks:DeleteCluster", "eks:DescribeCluster"],
                "arn:aws:eks:us-east-1:123456789012:cluster/c",
            ),
        ),
        (
            "eks:deleteNodegroup.sync",
            json!({"ClusterName": "c", "NodegroupName": "n"}),
            on(
                &["eks:DeleteNodegroup", "eks:DescribeNodegroup"],
                "arn:aws:eks:us-east-1:123456789012:nodegroup/c/n/*",
            ),
        ),
        (
            "elasticmapreduce:addStep.sync",
            json!({"ClusterId": "j-1", "Step": {}}),
            on(
                &[
                    "elasticmapreduce:AddJobFlowSteps",
                    "elasticmapreduce:DescribeStep",
                    "elasticmapreduce:CancelSteps",
                ],
                cluster,
            ),
        ),
        // Request-response: the API's own action; polling is for .sync.
        (
            "elasticmapreduce:addStep",
            json!({"ClusterId": "j-1", "Step": {}}),
            on(&["elasticmapreduce:AddJobFlowSteps"], cluster),
        ),
        (
            "eks:deleteNodegroup",
            json!({"ClusterName": "c", "NodegroupName.$": "$.n"}),
            on(
                &["eks:DeleteNodegroup"],
                "arn:aws:eks:us-east-1:123456789012:nodegroup/c/*",
            ),
        ),
        (
            "elasticmapreduce:cancelStep",
            json!({"ClusterId.$": "$.c", "StepId": "s"}),
            on(
                &["elasticmapreduce:CancelSteps"],
                "arn:aws:elasticmapreduce:*:*:cluster/*",
            ),
        ),
        (
            "elasticmapreduce:terminateCluster.sync",
            json!({"ClusterId": "j-1"}),
            on(
                &[
                    "elasticmapreduce:TerminateJobFlows",
                    "elasticmapreduce:DescribeCluster",
                ],
                cluster,
            ),
        ),
        (
            "elasticmapreduce:modifyInstanceFleetByName",
            json!({"ClusterId.$": "$.c", "InstanceFleetName": "f", "InstanceFleet": {}}),
            on(
                &[
                    "elasticmapreduce:ModifyInstanceFleet",
                    "elasticmapreduce:ListInstanceFleets",
                ],
                "arn:aws:elasticmapreduce:*:*:cluster/*",
            ),
        ),
        (
            "elasticmapreduce:createCluster.sync",
            json!({"Name": "c", "ServiceRole": "EMR_DefaultRole", "JobFlowRole": "EMR_EC2_DefaultRole"}),
            {
                let mut v = on(
                    &[
                        "elasticmapreduce:RunJobFlow",
                        "elasticmapreduce:DescribeCluster",
                        "elasticmapreduce:TerminateJobFlows",
                    ],
                    "*",
                );
                v.extend(on(
                    &["iam:PassRole"],
                    "arn:aws:iam::123456789012:role/EMR_DefaultRole",
                ));
                v.extend(on(
                    &["iam:PassRole"],
                    "arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole",
                ));
                v
            },
        ),
    ]);
}

#[test]
fn emr_on_eks_and_emr_serverless() {
    let vc = "arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/vc";
    let app = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/a";
    check(vec![
        (
            "emr-containers:deleteVirtualCluster.sync",
            json!({"Id": "vc"}),
            on(
                &[
                    "emr-containers:DeleteVirtualCluster",
                    "emr-containers:DescribeVirtualCluster",
                ],
                vc,
            ),
        ),
        (
            "emr-containers:deleteVirtualCluster",
            json!({"Id": "vc"}),
            on(&["emr-containers:DeleteVirtualCluster"], vc),
        ),
        (
            "emr-serverless:startApplication.sync",
            json!({"ApplicationId": "a"}),
            {
                let mut v = on(
                    &[
                        "emr-serverless:StartApplication",
                        "emr-serverless:GetApplication",
                        "emr-serverless:StopApplication",
                    ],
                    app,
                );
                v.extend(rule(
                    "StepFunctionsGetEventsForEMRServerlessApplicationRule",
                ));
                v
            },
        ),
        (
            "emr-serverless:startJobRun.sync",
            json!({"ApplicationId": "a", "ExecutionRoleArn": "arn:aws:iam::123456789012:role/r", "JobDriver": {}}),
            {
                let mut v = on(&["emr-serverless:StartJobRun"], app);
                v.extend(on(&["iam:PassRole"], "arn:aws:iam::123456789012:role/r"));
                v.extend(on(
                    &["emr-serverless:GetJobRun", "emr-serverless:CancelJobRun"],
                    &format!("{app}/jobruns/*"),
                ));
                v.extend(rule("StepFunctionsGetEventsForEMRServerlessJobRule"));
                v
            },
        ),
        (
            "emr-serverless:cancelJobRun",
            json!({"ApplicationId": "a", "JobRunId.$": "$.r"}),
            on(
                &["emr-serverless:CancelJobRun"],
                &format!("{app}/jobruns/*"),
            ),
        ),
    ]);
}

#[test]
fn sagemaker_mediaconvert_and_api_gateway() {
    let role = "arn:aws:iam::123456789012:role/r";
    check(vec![
        (
            "sagemaker:createProcessingJob.sync",
            json!({"ProcessingJobName": "p", "RoleArn": role}),
            {
                let mut v = on(
                    &[
                        "sagemaker:CreateProcessingJob",
                        "sagemaker:DescribeProcessingJob",
                        "sagemaker:StopProcessingJob",
                    ],
                    "arn:aws:sagemaker:us-east-1:123456789012:processing-job/p*",
                );
                v.extend(on(&["sagemaker:ListTags", "sagemaker:AddTags"], "*"));
                v.extend(on(&["iam:PassRole"], role));
                v.extend(rule("StepFunctionsGetEventsForSageMakerProcessingJobsRule"));
                v
            },
        ),
        (
            "sagemaker:createEndpoint",
            json!({"EndpointName": "e", "EndpointConfigName": "c"}),
            on(
                &["sagemaker:CreateEndpoint"],
                "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e",
            ),
        ),
        (
            "sagemaker:createModel",
            json!({"ModelName.$": "$.m", "ExecutionRoleArn": role}),
            {
                let mut v = on(
                    &["sagemaker:CreateModel"],
                    "arn:aws:sagemaker:us-east-1:123456789012:model/*",
                );
                v.extend(on(&["iam:PassRole"], role));
                v
            },
        ),
        (
            "mediaconvert:createJob",
            json!({"Role": role, "Settings": {}}),
            {
                let mut v: Vec<(&str, String)> = ["queues/*", "jobTemplates/*", "presets/*"]
                    .iter()
                    .map(|r| {
                        (
                            "mediaconvert:CreateJob",
                            format!("arn:aws:mediaconvert:us-east-1:123456789012:{r}"),
                        )
                    })
                    .collect();
                v.extend(on(&["iam:PassRole"], role));
                v
            },
        ),
        (
            "apigateway:invoke",
            json!({"ApiEndpoint": "abc.execute-api.eu-west-1.amazonaws.com", "Method": "GET", "Stage": "prod", "Path": "/pets", "AuthType": "IAM_ROLE"}),
            on(
                &["execute-api:Invoke"],
                "arn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET/pets",
            ),
        ),
        (
            "apigateway:invoke.waitForTaskToken",
            json!({"ApiEndpoint": "abc.execute-api.eu-west-1.amazonaws.com", "Method.$": "$.m", "Stage": "prod", "Path": "pets", "AuthType": "IAM_ROLE"}),
            on(
                &["execute-api:Invoke"],
                "arn:aws:execute-api:eu-west-1:123456789012:abc/prod/*/pets",
            ),
        ),
        // Without IAM authorization the role needs nothing.
        (
            "apigateway:invoke",
            json!({"ApiEndpoint": "abc.execute-api.eu-west-1.amazonaws.com", "Method": "GET"}),
            vec![],
        ),
    ]);
}

#[test]
fn jsonata_expressions_and_substitutions_are_dynamic() {
    // `{% %}` in Arguments, and `${Name}` anywhere, widen like a path.
    let definition = json!({"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {
        "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
        "Arguments": {"TableName": "{% $states.input.t %}", "Key": {}}, "End": true}}})
    .to_string();
    let g = common::generated(&definition, &Default::default());
    assert_eq!(g.policy.statement[0].resource, ["*"]);
    let g = grants(
        "sns:publish",
        json!({"TopicArn": "${TopicArn}", "Message": "m"}),
    );
    assert_eq!(g, pairs(&[("sns:Publish", "*")]));
}
