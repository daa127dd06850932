//! Writes `asl-core/SERVICES.md`: for every optimized service integration
//! asl-kit covers and every pattern its API supports (request-response,
//! `.sync`, `.sync:2`, `.waitForTaskToken`), plus the HTTP Task, AWS SDK
//! integrations, Distributed Maps, Lambda function ARNs and activities, a
//! one-state machine is built with static parameters (and, for the main
//! services, once more with a dynamic `.$` parameter), its execution-role
//! policy is generated with [`asl_core::iam::generate`], and one Markdown
//! table row shows the actions and resources it got and its warnings,
//! beside what the AWS CDK (`aws-cdk-lib/aws-stepfunctions-tasks`) grants
//! for the same Task.
//!
//! The asl-kit columns are computed; the CDK columns are facts read from
//! the CDK's source (the files are listed in the output's footnotes) and
//! written here by hand. It is a documentation generator, not a test: the
//! output is deterministic, so a change of the generator shows in the diff
//! of the file.
//!
//! ```text
//! cargo run -q -p asl-core --example services_table > asl-core/SERVICES.md
//! ```

use asl_core::iam::{generate, IamOptions, Statement};
use asl_core::integration::AwsEnvironment;
use serde_json::{json, Value};

const PARTITION: &str = "aws";
const REGION: &str = "us-east-1";
const ACCOUNT: &str = "123456789012";
/// The name the machine is generated with (its own ARN, for HTTP Tasks and
/// Distributed Maps).
const MACHINE: &str = "table";

/// One row: the Task (or state) asl-kit is asked about and the CDK facts.
struct Row {
    /// Service and API, as shown.
    api: &'static str,
    /// The pattern, as shown.
    pattern: &'static str,
    /// `static` or `dynamic` (what the request's naming parameter is).
    input: &'static str,
    /// The state.
    state: Value,
    /// The CDK class (with its footnote), or why there is none.
    cdk_class: &'static str,
    /// The CDK's statements for the same Task.
    cdk_grants: &'static str,
    /// asl-kit beside the CDK.
    difference: &'static str,
}

/// A Task state with `Parameters`.
fn task(resource: &str, parameters: Value) -> Value {
    json!({"Type": "Task", "Resource": resource, "Parameters": parameters, "End": true})
}

/// A Task state without `Parameters`.
fn bare_task(resource: &str) -> Value {
    json!({"Type": "Task", "Resource": resource, "End": true})
}

/// `arn:aws:states:::SERVICE:API[PATTERN]`.
fn sfn(api: &str) -> String {
    format!("arn:aws:states:::{api}")
}

/// The suffix of a pattern label.
fn suffix(pattern: &str) -> &'static str {
    match pattern {
        ".sync" => ".sync",
        ".sync:2" => ".sync:2",
        ".waitForTaskToken" => ".waitForTaskToken",
        _ => "",
    }
}

const RR: &str = "request-response";
const SYNC: &str = ".sync";
const SYNC2: &str = ".sync:2";
const WFTT: &str = ".waitForTaskToken";
const NONE: &str = "—";
const STATIC: &str = "static";
const DYNAMIC: &str = "dynamic";

/// A row of a Task on an optimized integration.
#[allow(clippy::too_many_arguments)]
fn optimized(
    api: &'static str,
    action: &str,
    pattern: &'static str,
    input: &'static str,
    parameters: Value,
    cdk_class: &'static str,
    cdk_grants: &'static str,
    difference: &'static str,
) -> Row {
    Row {
        api,
        pattern,
        input,
        state: task(&sfn(&format!("{action}{}", suffix(pattern))), parameters),
        cdk_class,
        cdk_grants,
        difference,
    }
}

/// A naming parameter: a literal, or a `.$` path.
#[derive(Clone, Copy)]
enum Lit {
    Static(&'static str),
    Path(&'static str),
}

impl Lit {
    fn value(self) -> &'static str {
        match self {
            Lit::Static(v) | Lit::Path(v) => v,
        }
    }
}

/// The member name of a naming parameter: `Key`, or `Key.$` for a path.
fn named(key: &str, lit: Lit) -> String {
    match lit {
        Lit::Static(_) => key.to_string(),
        Lit::Path(_) => format!("{key}.$"),
    }
}

fn token() -> Value {
    json!({"TaskToken.$": "$$.Task.Token"})
}

fn rows() -> Vec<Row> {
    let function = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    let topic = "arn:aws:sns:us-east-1:123456789012:alerts";
    let queue = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
    let child = "arn:aws:states:us-east-1:123456789012:stateMachine:child";
    let entries = json!([
        {"Source": "com.example.orders", "DetailType": "OrderPlaced", "Detail.$": "$", "EventBusName": "orders"},
        {"Source": "com.example.orders", "DetailType": "OrderAudited", "Detail.$": "$"}
    ]);
    let ecs = |definition: Lit, overrides: Option<Value>| {
        let mut p = json!({
            "Cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/main",
            "LaunchType": "FARGATE",
        });
        if let Value::Object(m) = &mut p {
            m.insert(
                named("TaskDefinition", definition),
                json!(definition.value()),
            );
            if let Some(o) = overrides {
                m.insert("Overrides".into(), o);
            }
        }
        p
    };
    let ecs_token = json!({"ContainerOverrides": [{"Name": "worker",
        "Environment": [{"Name": "TASK_TOKEN", "Value.$": "$$.Task.Token"}]}]});
    let batch = json!({
        "JobDefinition": "arn:aws:batch:us-east-1:123456789012:job-definition/render:1",
        "JobName": "render",
        "JobQueue": "arn:aws:batch:us-east-1:123456789012:job-queue/main"
    });
    let athena = json!({
        "QueryString": "SELECT * FROM orders",
        "WorkGroup": "analytics",
        "QueryExecutionContext": {"Database": "sales"},
        "ResultConfiguration": {"OutputLocation": "s3://query-results/athena/"}
    });
    let step = json!({"ClusterId": "j-2AXXXXXXGAPLF", "Step": {"Name": "report",
        "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["spark-submit", "s3://code/report.py"]}}});
    let cluster = json!({
        "Name": "nightly",
        "ReleaseLabel": "emr-7.1.0",
        "ServiceRole": "EMR_DefaultRole",
        "JobFlowRole": "EMR_EC2_DefaultRole",
        "Instances": {"KeepJobFlowAliveWhenNoSteps": false,
            "InstanceGroups": [{"InstanceRole": "MASTER", "InstanceCount": 1, "InstanceType": "m5.xlarge"}]}
    });
    let emr_eks = |cluster: Lit| {
        let mut p = json!({
            "Name": "spark-pi",
            "ExecutionRoleArn": "arn:aws:iam::123456789012:role/emr-eks-job",
            "ReleaseLabel": "emr-7.1.0-latest",
            "JobDriver": {"SparkSubmitJobDriver": {"EntryPoint": "s3://code/pi.py"}}
        });
        if let Value::Object(m) = &mut p {
            m.insert(named("VirtualClusterId", cluster), json!(cluster.value()));
        }
        p
    };
    let serverless = json!({
        "ApplicationId": "00fabcdef1234567",
        "ExecutionRoleArn": "arn:aws:iam::123456789012:role/emr-serverless-job",
        "JobDriver": {"SparkSubmit": {"EntryPoint": "s3://code/pi.py"}}
    });
    let eks = json!({
        "ClusterName": "main",
        "CertificateAuthority": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
        "Endpoint": "https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
        "Namespace": "jobs",
        "Job": {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
            "spec": {"template": {"spec": {"restartPolicy": "Never",
                "containers": [{"name": "pi", "image": "perl"}]}}}}
    });
    let eks_call = json!({
        "ClusterName": "main",
        "CertificateAuthority": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
        "Endpoint": "https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
        "Method": "GET",
        "Path": "/api/v1/namespaces/default/pods"
    });
    let training = |name: Lit| {
        let mut p = json!({
            "RoleArn": "arn:aws:iam::123456789012:role/sagemaker-training",
            "AlgorithmSpecification": {"TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/train:latest", "TrainingInputMode": "File"},
            "OutputDataConfig": {"S3OutputPath": "s3://models/out/"},
            "ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 10},
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600}
        });
        if let Value::Object(m) = &mut p {
            m.insert(named("TrainingJobName", name), json!(name.value()));
        }
        p
    };
    let mediaconvert = json!({"Role": "arn:aws:iam::123456789012:role/mediaconvert",
        "Settings": {"Inputs": [{"FileInput": "s3://media/in.mp4"}], "OutputGroups": []}});
    let api = |auth: &str, headers: Option<Value>| {
        let mut p = json!({
            "ApiEndpoint": "abc123defg.execute-api.us-east-1.amazonaws.com",
            "Method": "GET",
            "Stage": "prod",
            "Path": "/orders",
            "AuthType": auth
        });
        if let (Value::Object(m), Some(h)) = (&mut p, headers) {
            m.insert("Headers".into(), h);
        }
        p
    };
    let bedrock = |model: Lit| {
        let mut p = json!({"Body": {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 200,
            "messages": [{"role": "user", "content": [{"type": "text", "text.$": "$.prompt"}]}]}});
        if let Value::Object(m) = &mut p {
            m.insert(named("ModelId", model), json!(model.value()));
        }
        p
    };
    let customization = json!({
        "BaseModelIdentifier": "amazon.titan-text-express-v1",
        "CustomModelName": "support-bot",
        "JobName": "support-bot-ft",
        "RoleArn": "arn:aws:iam::123456789012:role/bedrock-customization",
        "TrainingDataConfig": {"S3Uri": "s3://training/data.jsonl"},
        "OutputDataConfig": {"S3Uri": "s3://training/out/"},
        "HyperParameters": {"epochCount": "1"}
    });

    vec![
        // Lambda
        optimized("Lambda `invoke`", "lambda:invoke", RR, STATIC,
            json!({"FunctionName": function, "Payload.$": "$"}),
            "`LambdaInvoke`[^lambda]", CDK_LAMBDA, DIFF_LAMBDA),
        optimized("Lambda `invoke`", "lambda:invoke", WFTT, STATIC,
            json!({"FunctionName": function, "Payload": token()}),
            "`LambdaInvoke`[^lambda]", CDK_LAMBDA, DIFF_LAMBDA),
        optimized("Lambda `invoke`", "lambda:invoke", RR, DYNAMIC,
            json!({"FunctionName.$": "$.function", "Payload.$": "$"}),
            "`LambdaInvoke`[^lambda]", CDK_CONSTRUCT_ONLY, DIFF_DYNAMIC_LAMBDA),
        Row {
            api: "Lambda function ARN as `Resource`",
            pattern: RR,
            input: STATIC,
            state: bare_task(function),
            cdk_class: "`LambdaInvoke` with `payloadResponseOnly`[^lambda]",
            cdk_grants: CDK_LAMBDA,
            difference: DIFF_LAMBDA,
        },
        // SNS
        optimized("SNS `publish`", "sns:publish", RR, STATIC,
            json!({"TopicArn": topic, "Message.$": "$"}),
            "`SnsPublish`[^sns]", "`sns:Publish` on `topic.topicArn`", DIFF_SAME),
        optimized("SNS `publish`", "sns:publish", WFTT, STATIC,
            json!({"TopicArn": topic, "Message": token()}),
            "`SnsPublish`[^sns]", "`sns:Publish` on `topic.topicArn`", DIFF_SAME),
        optimized("SNS `publish`", "sns:publish", RR, DYNAMIC,
            json!({"TopicArn.$": "$.topic", "Message.$": "$"}),
            "`SnsPublish`[^sns]", CDK_CONSTRUCT_ONLY, DIFF_DYNAMIC_STAR),
        // SQS
        optimized("SQS `sendMessage`", "sqs:sendMessage", RR, STATIC,
            json!({"QueueUrl": queue, "MessageBody.$": "$"}),
            "`SqsSendMessage`[^sqs]", CDK_SQS, DIFF_SQS),
        optimized("SQS `sendMessage`", "sqs:sendMessage", WFTT, STATIC,
            json!({"QueueUrl": queue, "MessageBody": token()}),
            "`SqsSendMessage`[^sqs]", CDK_SQS, DIFF_SQS),
        optimized("SQS `sendMessage`", "sqs:sendMessage", RR, DYNAMIC,
            json!({"QueueUrl.$": "$.queue", "MessageBody.$": "$"}),
            "`SqsSendMessage`[^sqs]", CDK_CONSTRUCT_ONLY, DIFF_DYNAMIC_STAR),
        // DynamoDB
        optimized("DynamoDB `getItem`", "dynamodb:getItem", RR, STATIC,
            json!({"TableName": "orders", "Key": {"id": {"S.$": "$.id"}}}),
            "`DynamoGetItem`[^ddb]", "`dynamodb:GetItem` on `arn:P:dynamodb:R:A:table/NAME`", DIFF_SAME),
        optimized("DynamoDB `getItem`", "dynamodb:getItem", RR, DYNAMIC,
            json!({"TableName.$": "$.table", "Key": {"id": {"S.$": "$.id"}}}),
            "`DynamoGetItem`[^ddb]", CDK_CONSTRUCT_ONLY, DIFF_DYNAMIC_STAR),
        optimized("DynamoDB `putItem`", "dynamodb:putItem", RR, STATIC,
            json!({"TableName": "orders", "Item": {"id": {"S.$": "$.id"}}}),
            "`DynamoPutItem`[^ddb]", "`dynamodb:PutItem` on `arn:P:dynamodb:R:A:table/NAME`", DIFF_SAME),
        optimized("DynamoDB `updateItem`", "dynamodb:updateItem", RR, STATIC,
            json!({"TableName": "orders", "Key": {"id": {"S.$": "$.id"}},
                "UpdateExpression": "SET seen = :t", "ExpressionAttributeValues": {":t": {"BOOL": true}}}),
            "`DynamoUpdateItem`[^ddb]", "`dynamodb:UpdateItem` on `arn:P:dynamodb:R:A:table/NAME`", DIFF_SAME),
        optimized("DynamoDB `deleteItem`", "dynamodb:deleteItem", RR, STATIC,
            json!({"TableName": "orders", "Key": {"id": {"S.$": "$.id"}}}),
            "`DynamoDeleteItem`[^ddb]", "`dynamodb:DeleteItem` on `arn:P:dynamodb:R:A:table/NAME`", DIFF_SAME),
        // EventBridge
        optimized("EventBridge `putEvents`", "events:putEvents", RR, STATIC,
            json!({"Entries": entries}),
            "`EventBridgePutEvents`[^events]", CDK_EVENTS, DIFF_SAME),
        optimized("EventBridge `putEvents`", "events:putEvents", WFTT, STATIC,
            json!({"Entries": [{"Source": "com.example.orders", "DetailType": "OrderPlaced",
                "Detail": {"TaskToken.$": "$$.Task.Token"}, "EventBusName": "orders"}]}),
            "`EventBridgePutEvents`[^events]", CDK_EVENTS, DIFF_SAME),
        optimized("EventBridge `putEvents`", "events:putEvents", RR, DYNAMIC,
            json!({"Entries": [{"Source": "com.example.orders", "DetailType": "OrderPlaced",
                "Detail.$": "$", "EventBusName.$": "$.bus"}]}),
            "`EventBridgePutEvents`[^events]", CDK_CONSTRUCT_ONLY,
            "asl-kit: `event-bus/*` in any region and account (the guide's dynamic template)"),
        // Step Functions
        optimized("Step Functions `startExecution`", "states:startExecution", RR, STATIC,
            json!({"StateMachineArn": child, "Input.$": "$"}),
            "`StepFunctionsStartExecution`[^states]", "`states:StartExecution` on `stateMachine.stateMachineArn`", DIFF_SAME),
        optimized("Step Functions `startExecution`", "states:startExecution", SYNC, STATIC,
            json!({"StateMachineArn": child, "Input.$": "$"}),
            "— (`RUN_JOB` renders `.sync:2`, never `.sync`)[^states]", NONE,
            "asl-kit grants `.sync` as `.sync:2`"),
        optimized("Step Functions `startExecution`", "states:startExecution", SYNC2, STATIC,
            json!({"StateMachineArn": child, "Input.$": "$"}),
            "`StepFunctionsStartExecution` (`RUN_JOB`)[^states]", CDK_STATES_SYNC, DIFF_STATES_SYNC),
        optimized("Step Functions `startExecution`", "states:startExecution", WFTT, STATIC,
            json!({"StateMachineArn": child, "Input": {"token.$": "$$.Task.Token"}}),
            "`StepFunctionsStartExecution`[^states]", "`states:StartExecution` on `stateMachine.stateMachineArn`", DIFF_SAME),
        optimized("Step Functions `startExecution`", "states:startExecution", SYNC2, DYNAMIC,
            json!({"StateMachineArn.$": "$.machine", "Input.$": "$"}),
            "`StepFunctionsStartExecution`[^states]", CDK_CONSTRUCT_ONLY,
            "asl-kit: `stateMachine:*` and `execution:*` of the account"),
        // ECS
        optimized("ECS `runTask`", "ecs:runTask", RR, STATIC, ecs(Lit::Static("worker:3"), None),
            "`EcsRunTask`[^ecs]", CDK_ECS, DIFF_ECS),
        optimized("ECS `runTask`", "ecs:runTask", SYNC, STATIC, ecs(Lit::Static("worker:3"), None),
            "`EcsRunTask` (`RUN_JOB`)[^ecs]", CDK_ECS_SYNC, DIFF_ECS),
        optimized("ECS `runTask`", "ecs:runTask", WFTT, STATIC, ecs(Lit::Static("worker:3"), Some(ecs_token)),
            "`EcsRunTask`[^ecs]", CDK_ECS, DIFF_ECS),
        optimized("ECS `runTask`", "ecs:runTask", SYNC, DYNAMIC, ecs(Lit::Path("$.definition"), None),
            "`EcsRunTask`[^ecs]", "— (`taskDefinition` is a `TaskDefinition` construct)", DIFF_DYNAMIC_STAR),
        // Batch
        optimized("Batch `submitJob`", "batch:submitJob", RR, STATIC, batch.clone(),
            "`BatchSubmitJob`[^batch]", CDK_BATCH, DIFF_BATCH),
        optimized("Batch `submitJob`", "batch:submitJob", SYNC, STATIC, batch,
            "`BatchSubmitJob` (`RUN_JOB`, its default)[^batch]", CDK_BATCH, DIFF_BATCH_SYNC),
        optimized("Batch `submitJob`", "batch:submitJob", SYNC, DYNAMIC,
            json!({"JobDefinition": "arn:aws:batch:us-east-1:123456789012:job-definition/render:1",
                "JobName": "render", "JobQueue.$": "$.queue"}),
            "`BatchSubmitJob`[^batch]",
            "as static, with `batch:SubmitJob` on `*` (queue from a JSONPath)", DIFF_BATCH_SYNC),
        // Glue
        optimized("Glue `startJobRun`", "glue:startJobRun", RR, STATIC, json!({"JobName": "etl"}),
            "`GlueStartJobRun`[^glue]", "`glue:StartJobRun` on `arn:P:glue:R:A:job/NAME`", DIFF_GLUE),
        optimized("Glue `startJobRun`", "glue:startJobRun", SYNC, STATIC, json!({"JobName": "etl"}),
            "`GlueStartJobRun` (`RUN_JOB`)[^glue]",
            "`glue:StartJobRun`, `glue:GetJobRun`, `glue:GetJobRuns`, `glue:BatchStopJobRun` on `arn:P:glue:R:A:job/NAME`",
            DIFF_GLUE),
        // Athena
        optimized("Athena `startQueryExecution`", "athena:startQueryExecution", RR, STATIC, athena.clone(),
            "`AthenaStartQueryExecution`[^athena]", CDK_ATHENA, DIFF_ATHENA),
        optimized("Athena `startQueryExecution`", "athena:startQueryExecution", SYNC, STATIC, athena,
            "`AthenaStartQueryExecution` (`RUN_JOB`)[^athena]", CDK_ATHENA, DIFF_ATHENA_SYNC),
        // CodeBuild
        optimized("CodeBuild `startBuild`", "codebuild:startBuild", RR, STATIC, json!({"ProjectName": "build"}),
            "`CodeBuildStartBuild`[^codebuild]", CDK_CODEBUILD, DIFF_CODEBUILD),
        optimized("CodeBuild `startBuild`", "codebuild:startBuild", SYNC, STATIC, json!({"ProjectName": "build"}),
            "`CodeBuildStartBuild` (`RUN_JOB`)[^codebuild]", CDK_CODEBUILD_SYNC, DIFF_CODEBUILD),
        optimized("CodeBuild `startBuild`", "codebuild:startBuild", SYNC, DYNAMIC, json!({"ProjectName.$": "$.project"}),
            "`CodeBuildStartBuild`[^codebuild]", "— (`project` is a `codebuild.IProject`)",
            "asl-kit: `project/*` in any account (the guide's dynamic template)"),
        // EMR
        optimized("EMR `addStep`", "elasticmapreduce:addStep", RR, STATIC, step.clone(),
            "`EmrAddStep`[^emr-step]", CDK_EMR_STEP, DIFF_EMR_STEP),
        optimized("EMR `addStep`", "elasticmapreduce:addStep", SYNC, STATIC, step,
            "`EmrAddStep` (`RUN_JOB`, its default)[^emr-step]", CDK_EMR_STEP_SYNC, DIFF_EMR_STEP_SYNC),
        optimized("EMR `addStep`", "elasticmapreduce:addStep", SYNC, DYNAMIC,
            json!({"ClusterId.$": "$.cluster", "Step": {"Name": "report",
                "HadoopJarStep": {"Jar": "command-runner.jar", "Args": ["spark-submit", "s3://code/report.py"]}}}),
            "`EmrAddStep`[^emr-step]", "as static (`cluster/*` in any case)",
            "asl-kit broader: `cluster/*` in any region and account (the guide's dynamic template); the CDK's is in its own region and account"),
        optimized("EMR `createCluster`", "elasticmapreduce:createCluster", RR, STATIC, cluster.clone(),
            "`EmrCreateCluster`[^emr-cluster]", CDK_EMR_CLUSTER, DIFF_EMR_CLUSTER),
        optimized("EMR `createCluster`", "elasticmapreduce:createCluster", SYNC, STATIC, cluster,
            "`EmrCreateCluster` (`RUN_JOB`, its default)[^emr-cluster]", CDK_EMR_CLUSTER_SYNC, DIFF_EMR_CLUSTER_SYNC),
        // EMR on EKS
        optimized("EMR on EKS `startJobRun`", "emr-containers:startJobRun", RR, STATIC, emr_eks(Lit::Static("vc0123456789abcdef")),
            "`EmrContainersStartJobRun`[^emr-eks]", CDK_EMR_EKS, DIFF_SAME),
        optimized("EMR on EKS `startJobRun`", "emr-containers:startJobRun", SYNC, STATIC, emr_eks(Lit::Static("vc0123456789abcdef")),
            "`EmrContainersStartJobRun` (`RUN_JOB`, its default)[^emr-eks]", CDK_EMR_EKS_SYNC, DIFF_SAME),
        optimized("EMR on EKS `startJobRun`", "emr-containers:startJobRun", SYNC, DYNAMIC, emr_eks(Lit::Path("$.cluster")),
            "`EmrContainersStartJobRun`[^emr-eks]", CDK_EMR_EKS_DYNAMIC, DIFF_EMR_EKS_DYNAMIC),
        // EMR Serverless
        optimized("EMR Serverless `startJobRun`", "emr-serverless:startJobRun", RR, STATIC, serverless.clone(),
            CDK_NO_CLASS, NONE, DIFF_ONLY_ASL),
        optimized("EMR Serverless `startJobRun`", "emr-serverless:startJobRun", SYNC, STATIC, serverless,
            CDK_NO_CLASS, NONE, DIFF_ONLY_ASL),
        // EKS
        optimized("EKS `runJob`", "eks:runJob", RR, STATIC, eks.clone(),
            CDK_NO_CLASS, NONE, DIFF_ONLY_ASL),
        optimized("EKS `runJob`", "eks:runJob", SYNC, STATIC, eks,
            CDK_NO_CLASS, NONE, DIFF_ONLY_ASL),
        optimized("EKS `call`", "eks:call", RR, STATIC, eks_call,
            "`EksCall`[^eks]", "none (`taskPolicies` unset: \"eks:call is an Http service integration\")",
            "neither grants anything; asl-kit warns that the role needs Kubernetes RBAC in the cluster"),
        // SageMaker
        optimized("SageMaker `createTrainingJob`", "sagemaker:createTrainingJob", RR, STATIC, training(Lit::Static("train")),
            "`SageMakerCreateTrainingJob`[^sagemaker]", CDK_SAGEMAKER, DIFF_SAGEMAKER),
        optimized("SageMaker `createTrainingJob`", "sagemaker:createTrainingJob", SYNC, STATIC, training(Lit::Static("train")),
            "`SageMakerCreateTrainingJob` (`RUN_JOB`)[^sagemaker]", CDK_SAGEMAKER_SYNC, DIFF_SAGEMAKER_SYNC),
        optimized("SageMaker `createTrainingJob`", "sagemaker:createTrainingJob", SYNC, DYNAMIC, training(Lit::Path("$.name")),
            "`SageMakerCreateTrainingJob`[^sagemaker]",
            "as static, with `training-job/*` (name from a JSONPath)", DIFF_SAGEMAKER_SYNC),
        // MediaConvert
        optimized("MediaConvert `createJob`", "mediaconvert:createJob", RR, STATIC, mediaconvert.clone(),
            "`MediaConvertCreateJob`[^mediaconvert]", CDK_MEDIACONVERT, DIFF_MEDIACONVERT),
        optimized("MediaConvert `createJob`", "mediaconvert:createJob", SYNC, STATIC, mediaconvert,
            "`MediaConvertCreateJob` (`RUN_JOB`)[^mediaconvert]", CDK_MEDIACONVERT_SYNC, DIFF_MEDIACONVERT_SYNC),
        // DataBrew
        optimized("DataBrew `startJobRun`", "databrew:startJobRun", RR, STATIC, json!({"Name": "clean"}),
            "`GlueDataBrewStartJobRun`[^databrew]", "`databrew:startJobRun` on `arn:P:databrew:R:A:job/NAME`", DIFF_DATABREW),
        optimized("DataBrew `startJobRun`", "databrew:startJobRun", SYNC, STATIC, json!({"Name": "clean"}),
            "`GlueDataBrewStartJobRun` (`RUN_JOB`)[^databrew]",
            "`databrew:startJobRun`, `databrew:stopJobRun`, `databrew:listJobRuns` on `arn:P:databrew:R:A:job/NAME`",
            DIFF_DATABREW),
        optimized("DataBrew `startJobRun`", "databrew:startJobRun", SYNC, DYNAMIC, json!({"Name.$": "$.job"}),
            "`GlueDataBrewStartJobRun`[^databrew]",
            "as static, on `job/*` (name from a JSONPath)", DIFF_SAME),
        // API Gateway
        optimized("API Gateway `invoke`", "apigateway:invoke", RR, STATIC, api("IAM_ROLE", None),
            "`CallApiGatewayRestApiEndpoint`[^apigw]", CDK_APIGW, DIFF_APIGW),
        optimized("API Gateway `invoke`", "apigateway:invoke", WFTT, STATIC,
            api("IAM_ROLE", Some(json!({"TaskToken.$": "States.Array($$.Task.Token)"}))),
            "`CallApiGatewayRestApiEndpoint`[^apigw]", CDK_APIGW, DIFF_APIGW),
        optimized("API Gateway `invoke` (`NO_AUTH`)", "apigateway:invoke", RR, STATIC, api("NO_AUTH", None),
            "`CallApiGatewayRestApiEndpoint`[^apigw]", CDK_APIGW_NO_AUTH, DIFF_APIGW_NO_AUTH),
        // HTTP
        optimized("HTTP Task `http:invoke`", "http:invoke", RR, STATIC,
            json!({"ApiEndpoint": "https://api.example.com/v1/orders", "Method": "POST",
                "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/example/0a1b2c3d"}}),
            "`HttpInvoke`[^http]", CDK_HTTP, DIFF_HTTP),
        // Bedrock
        optimized("Bedrock `invokeModel`", "bedrock:invokeModel", RR, STATIC,
            bedrock(Lit::Static("anthropic.claude-3-haiku-20240307-v1:0")),
            "`BedrockInvokeModel`[^bedrock]", "`bedrock:InvokeModel` on `model.modelArn`", DIFF_BEDROCK),
        optimized("Bedrock `invokeModel`", "bedrock:invokeModel", RR, DYNAMIC, bedrock(Lit::Path("$.model")),
            "`BedrockInvokeModel`[^bedrock]", "— (`model` is a `bedrock.IModel`)", DIFF_BEDROCK_DYNAMIC),
        optimized("Bedrock `createModelCustomizationJob`", "bedrock:createModelCustomizationJob", RR, STATIC,
            customization.clone(),
            "`BedrockCreateModelCustomizationJob`[^bedrock-ft]", CDK_BEDROCK_FT, DIFF_BEDROCK_FT),
        optimized("Bedrock `createModelCustomizationJob`", "bedrock:createModelCustomizationJob", SYNC, STATIC,
            customization,
            "— (the version read passes no pattern to `integrationResourceArn`)[^bedrock-ft]", NONE, DIFF_ONLY_ASL),
        // AWS SDK
        Row {
            api: "AWS SDK `s3:getObject`",
            pattern: RR,
            input: STATIC,
            state: task(&sfn("aws-sdk:s3:getObject"), json!({"Bucket": "reports", "Key": "daily.csv"})),
            cdk_class: "`CallAwsService`[^sdk]",
            cdk_grants: CDK_SDK,
            difference: DIFF_SDK,
        },
        Row {
            api: "AWS SDK `s3:listBuckets`",
            pattern: RR,
            input: STATIC,
            state: task(&sfn("aws-sdk:s3:listBuckets"), json!({})),
            cdk_class: "`CallAwsService`[^sdk]",
            cdk_grants: CDK_SDK,
            difference: "the CDK's default action `s3:listBuckets` is not an IAM action (its own doc comment: pass `iamAction: 's3:ListAllMyBuckets'`); asl-kit maps it",
        },
        Row {
            api: "AWS SDK `acmpca:issueCertificate`",
            pattern: RR,
            input: STATIC,
            state: task(&sfn("aws-sdk:acmpca:issueCertificate"), json!({
                "CertificateAuthorityArn": "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0a1b2c3d",
                "Csr": "LS0t", "SigningAlgorithm": "SHA256WITHRSA",
                "Validity": {"Type": "DAYS", "Value": 30}})),
            cdk_class: "`CallAwsService`[^sdk]",
            cdk_grants: "`acm-pca:issueCertificate` on `iamResources` (the IAM prefix from its SDK-to-IAM service map[^sdk-map])",
            difference: "same action; asl-kit grants it on `*` with a warning (the CA's ARN is not read from the request), the CDK on the `iamResources` the user gives",
        },
        // Distributed Map
        Row {
            api: "Distributed Map, `ItemReader` `s3:getObject` (JSON), `ResultWriter`",
            pattern: NONE,
            input: STATIC,
            state: json!({
                "Type": "Map",
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "JSON"},
                    "Parameters": {"Bucket": "input", "Key": "items.json"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                    "Parameters": {"Bucket": "output", "Prefix": "runs"}},
                "End": true
            }),
            cdk_class: "`DistributedMap` + `S3JsonItemReader` + `ResultWriter`[^map]",
            cdk_grants: CDK_MAP_GET,
            difference: DIFF_MAP,
        },
        Row {
            api: "Distributed Map, `ItemReader` `s3:listObjectsV2`",
            pattern: NONE,
            input: STATIC,
            state: json!({
                "Type": "Map",
                "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
                    "Parameters": {"Bucket": "input", "Prefix": "data/"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                "End": true
            }),
            cdk_class: "`DistributedMap` + `S3ObjectsItemReader`[^map]",
            cdk_grants: CDK_MAP_LIST,
            difference: DIFF_MAP_LIST,
        },
        // Activities
        Row {
            api: "Activity",
            pattern: NONE,
            input: STATIC,
            state: bare_task("arn:aws:states:us-east-1:123456789012:activity:review"),
            cdk_class: "`StepFunctionsInvokeActivity`[^activity]",
            cdk_grants: "none; with a customer managed KMS key on the activity: `kms:Decrypt`, `kms:GenerateDataKey` on the key, if `kms:EncryptionContext:aws:states:activityArn` is the activity",
            difference: "asl-kit cannot see an activity's encryption (not in the definition) and grants nothing, without a warning",
        },
    ]
}

const CDK_NO_CLASS: &str = "— (no typed class)";
const CDK_CONSTRUCT_ONLY: &str =
    "— (the class takes a construct, so the ARN is never a run-time value)";
const DIFF_SAME: &str = "same";
const DIFF_ONLY_ASL: &str = "asl-kit only";
const DIFF_DYNAMIC_STAR: &str =
    "only asl-kit takes a run-time name: `*`, as the guide's dynamic template";
const DIFF_DYNAMIC_LAMBDA: &str =
    "only asl-kit takes a run-time function: any function of the region and account";

const CDK_LAMBDA: &str = "`lambda:InvokeFunction` on `fn.resourceArnsForGrantInvoke`: a `Function` gives `FUNCTION_ARN` and `FUNCTION_ARN:*`, a `Version`/`Alias` its own ARN; behind the flag `STEPFUNCTIONS_TASKS_LAMBDA_INVOKE_GRANT_ALL_VERSIONS`[^lambda-flag]: `FUNCTION_ARN` and `FUNCTION_ARN` with its last `:…` segment cut and `:*` added (`functionArn.replace(/:[^:]*$/, '')`)";
const DIFF_LAMBDA: &str =
    "asl-kit narrower: the function as named only; the CDK also every version and alias (`:*`)";
const CDK_SQS: &str = "`sqs:SendMessage` on `queue.queueArn`; with a KMS-encrypted queue also `kms:Decrypt`, `kms:GenerateDataKey*` on its key";
const DIFF_SQS: &str =
    "asl-kit cannot see the queue's KMS key (not in the definition) and adds nothing for it";
const CDK_EVENTS: &str = "`events:PutEvents` on each entry's `eventBus.eventBusArn`, or `arn:P:events:R:A:event-bus/default`";
const CDK_STATES_SYNC: &str = "`states:StartExecution` on the machine; `states:DescribeExecution`, `states:StopExecution` on `arn:P:states:R:A:execution:NAME*`; `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on `rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`";
const DIFF_STATES_SYNC: &str = "asl-kit narrower: `execution:NAME:*`, as the guide[^g-states]; the CDK's `execution:NAME*` also matches machines whose names start with NAME";
const CDK_ECS: &str = "`ecs:RunTask` on the task definition ARN (flag `STEPFUNCTIONS_TASKS_FIX_RUN_ECS_TASK_POLICY`) or `FAMILY:*`; `ecs:StopTask`, `ecs:DescribeTasks` on `*` (every pattern); `iam:PassRole` on the task role and execution role";
const CDK_ECS_SYNC: &str = "as request-response, plus `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on `rule/StepFunctionsGetEventsForECSTaskRule`";
const DIFF_ECS: &str = "the CDK knows the task definition's roles and passes them; asl-kit cannot (a warning); asl-kit adds `StopTask`/`DescribeTasks` for `.sync` only";
const CDK_BATCH: &str = "`batch:SubmitJob` on `arn:P:batch:R:A:job-definition/NAME:*` and the job queue ARN (`*` when the queue is a JSONPath); `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on `rule/StepFunctionsGetEventsForBatchJobsRule` in every pattern";
const DIFF_BATCH: &str = "asl-kit broader: `*`, as the guide[^g-batch]; the CDK scopes `SubmitJob` to the job definition and queue";
const DIFF_BATCH_SYNC: &str = "asl-kit broader (`*`, as the guide[^g-batch]) but adds `DescribeJobs`/`TerminateJob`, which the CDK's statements do not have";
const DIFF_GLUE: &str = "asl-kit broader: `*`, as the guide[^g-glue]; the CDK scopes to the job";
const CDK_ATHENA: &str = "`athena:getDataCatalog`, `athena:startQueryExecution`, `athena:getQueryExecution` on `datacatalog/CATALOG` (`AwsDataCatalog`) and `workgroup/WG` (`primary`); `s3:CreateBucket`, `s3:ListBucket`, `s3:GetBucketLocation`, `s3:GetObject` on `*`; `s3:AbortMultipartUpload`, `s3:ListBucketMultipartUploads`, `s3:ListMultipartUploadParts`, `s3:PutObject` on `arn:P:s3:::BUCKET/KEY/*` (`*` without an output location); `lakeformation:GetDataAccess` on `*`; 19 `glue:` actions on `catalog`, `database/DB`, `table/DB/*`, `userDefinedFunction/DB/*` (`DB` = `default` when none); the same for `RUN_JOB`";
const DIFF_ATHENA: &str = "asl-kit broader on Glue (`database/*`, `table/*`), catalogs (`datacatalog/*`) and S3 writes (`arn:P:s3:::*`), all as the guide[^g-athena]; the CDK broader on S3 reads (`*`)";
const DIFF_ATHENA_SYNC: &str =
    "as request-response; asl-kit adds `stopQueryExecution`, `getQueryExecution` for `.sync`, as the guide[^g-athena], and `GetWorkGroup`, `BatchGetQueryExecution`, `GetQueryResults`, `ListQueryExecutions`, which that guide version does not list";
const CDK_CODEBUILD: &str = "`codebuild:StartBuild`, `codebuild:StopBuild`, `codebuild:BatchGetBuilds`, `codebuild:BatchGetReports` on `project.projectArn` (every pattern)";
const CDK_CODEBUILD_SYNC: &str = "as request-response, plus `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on `rule/StepFunctionsGetEventForCodeBuildStartBuildRule`";
const DIFF_CODEBUILD: &str =
    "asl-kit narrower: `StopBuild`/`BatchGetBuilds` for `.sync` only, no `BatchGetReports`";
const CDK_EMR_STEP: &str = "`elasticmapreduce:AddJobFlowSteps`, `elasticmapreduce:DescribeStep`, `elasticmapreduce:CancelSteps` on `arn:P:elasticmapreduce:R:A:cluster/*`";
const CDK_EMR_STEP_SYNC: &str = "as request-response, plus `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on `rule/StepFunctionsGetEventForEMRAddJobFlowStepsRule`";
const DIFF_EMR_STEP: &str = "asl-kit narrower: the cluster of `ClusterId`, not every cluster; no describe/cancel without `.sync`";
const DIFF_EMR_STEP_SYNC: &str = "asl-kit narrower (the cluster); asl-kit has no managed-rule statement, as the guide's template[^g-emr]";
const CDK_EMR_CLUSTER: &str = "`elasticmapreduce:RunJobFlow`, `elasticmapreduce:DescribeCluster`, `elasticmapreduce:TerminateJobFlows`, `elasticmapreduce:AddTags` on `*`; `iam:PassRole` on the service role and the cluster (instance) role, and on the auto-scaling role when there is one; `iam:CreateServiceLinkedRole` on `arn:P:iam::A:role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*` (condition `iam:AWSServiceName`); `elasticmapreduce:AddTags` on `cluster/*` when tagged";
const CDK_EMR_CLUSTER_SYNC: &str = "as request-response, plus `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on `rule/StepFunctionsGetEventForEMRRunJobFlowRule`";
const DIFF_EMR_CLUSTER: &str = "asl-kit has no `AddTags` and no `iam:CreateServiceLinkedRole` for the EMR cleanup role; describe/terminate for `.sync` only";
const DIFF_EMR_CLUSTER_SYNC: &str =
    "asl-kit has no managed-rule statement (as the guide's template[^g-emr]) and no `iam:CreateServiceLinkedRole`";
const CDK_EMR_EKS: &str = "`emr-containers:StartJobRun` on `arn:P:emr-containers:R:A:/virtualclusters/ID` if `emr-containers:ExecutionRoleArn` is the job role";
const CDK_EMR_EKS_SYNC: &str = "as request-response, plus `emr-containers:DescribeJobRun`, `emr-containers:CancelJobRun` on `/virtualclusters/ID/jobruns/*`";
const CDK_EMR_EKS_DYNAMIC: &str =
    "as static, on `/virtualclusters/*` (the `RUN_JOB` statement too)";
const DIFF_EMR_EKS_DYNAMIC: &str = "same resources";
const CDK_SAGEMAKER: &str = "`sagemaker:CreateTrainingJob`, `sagemaker:DescribeTrainingJob`, `sagemaker:StopTrainingJob` on `training-job/NAME*` (every pattern); `sagemaker:ListTags` on `*`; `iam:PassRole` on the role if `iam:PassedToService` is `sagemaker.amazonaws.com`";
const CDK_SAGEMAKER_SYNC: &str = "as request-response, plus `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on `rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule`";
const DIFF_SAGEMAKER: &str =
    "asl-kit adds `sagemaker:AddTags` (as the guide); describe/stop for `.sync` only";
const DIFF_SAGEMAKER_SYNC: &str = "asl-kit adds `sagemaker:AddTags` (as the guide)";
const CDK_MEDIACONVERT: &str = "`iam:PassRole` on `Role` if `iam:PassedToService` is like `mediaconvert.amazonaws.com`; `mediaconvert:CreateJob` on `*`";
const CDK_MEDIACONVERT_SYNC: &str = "as request-response, plus `mediaconvert:GetJob`, `mediaconvert:CancelJob` on `*` and `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on `rule/StepFunctionsGetEventsForMediaConvertJobRule`";
const DIFF_MEDIACONVERT: &str =
    "asl-kit narrower: `CreateJob` on the account's queues, presets and job templates";
const DIFF_MEDIACONVERT_SYNC: &str =
    "asl-kit narrower: `GetJob`/`CancelJob` on jobs tagged by Step Functions only";
const DIFF_DATABREW: &str =
    "asl-kit broader: `job/*`, as the guide[^g-databrew]; the CDK scopes to the job";
const CDK_APIGW: &str = "`execute-api:Invoke` on `api.arnForExecuteApi(method, apiPath, stageName)` unless `authType` is `NO_AUTH`";
const DIFF_APIGW: &str =
    "asl-kit: `API/STAGE/METHOD/PATH` from the request; the CDK's ARN format was not checked";
const CDK_APIGW_NO_AUTH: &str = "none when `authType: NO_AUTH` is given; when `authType` is left out the Task renders `NO_AUTH` but the statement is still added";
const DIFF_APIGW_NO_AUTH: &str = "same when given; the CDK over-grants when `authType` is omitted";
const CDK_HTTP: &str = "`events:RetrieveConnectionCredentials` on `connection.connectionArn`; `secretsmanager:GetSecretValue`, `secretsmanager:DescribeSecret` on `connection.connectionSecretArn`; `states:InvokeHTTPEndpoint` on `*` if `states:HTTPEndpoint` is like the endpoint";
const DIFF_HTTP: &str = "asl-kit narrower on `InvokeHTTPEndpoint` (the machine itself, and the method); broader on the secret (any connection's secret, which the definition does not name)";
const DIFF_BEDROCK: &str = "same; the CDK also grants `s3:GetObject`/`s3:PutObject` for `input`/`output` and `bedrock:ApplyGuardrail` for a guardrail (not in this request)";
const CDK_BEDROCK_FT: &str = "`bedrock:CreateModelCustomizationJob`, `bedrock:TagResource` on `baseModel.modelArn`, `custom-model/*`, `model-customization-job/*`; `iam:PassRole` on the job role (no condition); with `vpcConfig` also `ec2:` network-interface statements";
const DIFF_BEDROCK_FT: &str = "same resources; the CDK adds `bedrock:TagResource`, asl-kit does not (no tags in this request)";
const DIFF_BEDROCK_DYNAMIC: &str = "asl-kit: any foundation model of the region";
const CDK_SDK: &str = "`SERVICE:action` (the action as written, camelCase) on the `iamResources` the user must pass; `iamAction` overrides the action, `additionalIamStatements` adds more";
const DIFF_SDK: &str = "asl-kit derives the object ARN itself; the CDK trusts `iamResources`";
const CDK_MAP_GET: &str = "`states:StartExecution` on the machine; `states:DescribeExecution`, `states:StopExecution` on `STATE_MACHINE_ARN:*` (policy `DistributedMapPolicy`); `s3:GetObject` on `arn:P:s3:::BUCKET/*`; `s3:PutObject`, `s3:GetObject`, `s3:ListMultipartUploadParts`, `s3:AbortMultipartUpload` on `arn:P:s3:::BUCKET/*` (result bucket)";
const DIFF_MAP: &str = "asl-kit narrower on S3 (the key, the prefix) and has no `states:StopExecution`, which the guide's Distributed Map policy lists beside `DescribeExecution`[^g-map]; the CDK's `stateMachine:NAME:*` is not an execution ARN";
const CDK_MAP_LIST: &str = "`DistributedMapPolicy` as above; `s3:ListBucket` on the bucket ARN (`*` for a bucket from a JSONPath); no `s3:GetObject`";
const DIFF_MAP_LIST: &str = "asl-kit adds the prefix condition and `s3:GetObject` under the prefix (the guide's two statements)";

/// The footnotes: id, class, file read in `aws/aws-cdk` and the stored
/// version (commit) read.
const SOURCES: &[(&str, &str, &str)] = &[
    ("lambda", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/lambda/invoke.ts", "15e5f483394af1bf0d55b13db0af2c6ce8b24a20; `resourceArnsForGrantInvoke` in `packages/aws-cdk-lib/aws-lambda/lib/function.ts` (01958140e314e14ba99e1fb0418b11cc62f7f2c9, `Function` and imported functions) and `packages/aws-cdk-lib/aws-lambda/lib/function-base.ts` (00440174b69ea3a008868c1ebb4ba86a94fcf5eb, `QualifiedFunctionBase`)"),
    ("lambda-flag", "a newer `lambda/invoke.ts` found by content (index id 8868506589; the index does not name its repository or commit)", ""),
    ("sns", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/sns/publish.ts", "1717668cdf93deb212a0e0f48de006b8c24c8296"),
    ("sqs", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/sqs/send-message.ts", "02a9c13e93419d66e794efd1e6b705a45b739056"),
    ("ddb", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/dynamodb/get-item.ts, put-item.ts, update-item.ts, delete-item.ts", "08d810d906e8701299fddc060cf97e6963f39c08 (put-item: 02a9c13e93419d66e794efd1e6b705a45b739056)"),
    ("events", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/eventbridge/put-events.ts", "07e5e5b7551d8cc5b105b4c59e165c444bf8850e"),
    ("states", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/stepfunctions/start-execution.ts", "10621b95e50a1f08df2f0c9d4a74c4d9ba7bac10"),
    ("ecs", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/ecs/run-task.ts", "0883740476db52d14d0d81db094c977ef0c711e6"),
    ("batch", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/batch/submit-job.ts", "0d7214c0eecdf65a7e5fa7237aaf611d42b02320 (older stored versions may grant differently: not compared)"),
    ("glue", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/glue/start-job-run.ts", "0dd42535db78e24e33defd05e3320b6aa27ce5bb"),
    ("athena", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/athena/start-query-execution.ts", "09210e3a2ae4f47c2ec41bd3131e84c5f0c43229"),
    ("codebuild", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/codebuild/start-build.ts", "3cdd768ac55c551ec660c5a6be1b00efd56537e4"),
    ("emr-step", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/emr/emr-add-step.ts", "1e54e5d25768be5be2a86f324cb488b7b847385e"),
    ("emr-cluster", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/emr/emr-create-cluster.ts", "0aa21d669fb9100cb06ffe7128ca670eceabab81"),
    ("emr-eks", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/emrcontainers/start-job-run.ts", "05c133acd89d142711eabb83fddec8cadc85c86d"),
    ("eks", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/eks/call.ts", "0bb3d6f5914ef5911d09046f98f69b7ea02e8691"),
    ("sagemaker", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/sagemaker/create-training-job.ts", "03c77ec541668e446178f1f12f6bcb98eea586a4"),
    ("mediaconvert", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/mediaconvert/create-job.ts", "02f944efdbdedc1c7e4f787bd5ce5750b717128d"),
    ("databrew", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/databrew/start-job-run.ts", "42071561564007d62591dcfd42d0e76cb50d2101"),
    ("apigw", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/apigateway/call-rest-api.ts and base.ts", "0cc043cd18a9e75a6106f7392df86fcbd8065a71 and 1095b6f9b4823f0d24c9d31c39035599a26c3eb9"),
    ("http", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/http/invoke.ts", "15f1b5a50869e2ba0be04750b557d470997c1535 and 425c28f458aeb9cffe446cf247426b837e26741f (same statements)"),
    ("bedrock", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/bedrock/invoke-model.ts", "070af9e17a5eddaef37240a287cb29ae445ec2fc"),
    ("bedrock-ft", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/bedrock/create-model-customization-job.ts", "099629d81dc2d0314351bfe2ff838453f7a5a23a (its policy and `_renderTask` part only)"),
    ("sdk", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/aws-sdk/call-aws-service.ts", "045280bb758c7829a777d943ac0f003ec6088496 (prefix map: `sfn`, `cloudwatchlogs`) and 2ec05675159ea0e9e82b62f00daaf5993180dd24 (adds `efs`, `elasticloadbalancingv2`, `mediapackagevod`, `mwaa`)"),
    ("sdk-map", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/private/aws-sdk-iam-service-map.ts", "d7d116ea8db09daf0ab1984dd50e1eee01196e87 (whether `call-aws-service.ts` uses it was not checked)"),
    ("map", "packages/aws-cdk-lib/aws-stepfunctions/lib/state-graph.ts (`DistributedMapPolicy`), states/distributed-map/item-reader.ts, states/distributed-map.ts (`ResultWriter`)", "baaa10f087c7f717bde6571e64f9fca318b6d213, 011113ef54f1799e1082f2f084b2a7498c4b3b69, 17f53fc763eb275cbf4fd2a249bbc90c95e8a8d0"),
    ("activity", "packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/stepfunctions/invoke-activity.ts", "10621b95e50a1f08df2f0c9d4a74c4d9ba7bac10"),
];

/// The AWS developer guide pages the difference notes cite.
const GUIDE: &[(&str, &str)] = &[
    ("g-batch", "AWS Step Functions developer guide, \"AWS Batch\" IAM templates: `awsdocs/aws-step-functions-developer-guide` doc_source/batch-iam.md (version 010fc0ae6db3e8b373187fae2a304ac60ffbe957, an archived copy): \"AWS Batch does not support resource level access control\""),
    ("g-glue", "the same guide, doc_source/glue-iam.md (version 010fc0ae6db3e8b373187fae2a304ac60ffbe957): `Resource: *`"),
    ("g-databrew", "the same guide, doc_source/databrew-iam.md (version 00365d4e175da1980710ade410c3d9dd48a4433a): `job/*` for both patterns"),
    ("g-athena", "the same guide, doc_source/athena-iam.md (version 83ee806279aec2a65c425516f47babaad6c06297)"),
    ("g-emr", "https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html (stored copy of a mirror): `addStep` and `createCluster` templates without an `events:` statement"),
    ("g-states", "https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html: `execution:[[stateMachineName]]:*` for `.sync`"),
    ("g-map", "https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html (stored excerpt): a statement with `states:DescribeExecution` and `states:StopExecution`; its resource was cut off in the excerpt and is not checked"),
];

/// `R` and `A` for the region and account in ARNs (the legend says so).
fn compact(s: &str) -> String {
    s.replace(&format!(":{REGION}:{ACCOUNT}:"), ":R:A:")
        .replace(&format!("::{ACCOUNT}:"), "::A:")
        .replace(&format!(":{REGION}::"), ":R::")
        .replace(&format!(":{ACCOUNT}:"), ":A:")
}

/// A table cell: no `|`, no line break.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn statement(s: &Statement) -> String {
    let code = |v: &[String]| {
        v.iter()
            .map(|a| format!("`{}`", compact(a)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = format!("{} on {}", code(&s.action), code(&s.resource));
    if let Some(c) = &s.condition {
        out.push_str(&format!(" if `{}`", compact(&c.to_string())));
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let env = AwsEnvironment::new(PARTITION, REGION, ACCOUNT);
    let options = IamOptions::named(MACHINE);
    let rows = rows();
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str("| # | Service / API | Pattern | Input | asl-kit: actions on resources | asl-kit warnings | AWS CDK: class | AWS CDK: statements | Difference |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|\n");
    for (n, row) in rows.iter().enumerate() {
        let machine = asl_core::from_value(json!({"StartAt": "S", "States": {"S": row.state}}))?;
        let mut problems: Vec<String> = asl_core::validate(&machine, &asl_core::Options::default())
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("**invalid** `{}`: {}", d.code, d.message))
            .collect();
        let generated = generate(&machine, &env, &options);
        let grants = generated
            .policy
            .statement
            .iter()
            .map(statement)
            .collect::<Vec<_>>();
        problems.extend(generated.warnings.iter().map(|w| {
            let message = w.message.strip_prefix("state 'S': ").unwrap_or(&w.message);
            format!("`{}` {}", w.code, compact(message))
        }));
        let grants = if grants.is_empty() {
            "none".to_string()
        } else {
            grants.join("<br>")
        };
        let problems = if problems.is_empty() {
            "—".to_string()
        } else {
            problems.join("<br>")
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            n + 1,
            cell(row.api),
            cell(row.pattern),
            row.input,
            cell(&grants),
            cell(&problems),
            cell(row.cdk_class),
            cell(row.cdk_grants),
            cell(row.difference),
        ));
    }
    out.push_str(FOOTER);
    out.push('\n');
    for (id, path, commit) in SOURCES {
        if commit.is_empty() {
            out.push_str(&format!("[^{id}]: {path}\n"));
        } else {
            out.push_str(&format!(
                "[^{id}]: `aws/aws-cdk` {path} (version {commit})\n"
            ));
        }
    }
    for (id, text) in GUIDE {
        out.push_str(&format!("[^{id}]: {text}\n"));
    }
    print!("{out}");
    Ok(())
}

const HEADER: &str = r#"# IAM statements by service and integration pattern

Generated by `cargo run -q -p asl-core --example services_table > asl-core/SERVICES.md`
(`asl-core/examples/services_table.rs`); do not edit by hand.

Each row is a one-state machine named `table` in account `123456789012`,
region `us-east-1`, partition `aws`, with the request shown in the
example's source: **static** parameters, or (rows marked *dynamic*) the
naming parameter as a `.$` path. The asl-kit columns are what
`asl_core::iam::generate` returns for it (statements after merging; warnings
without the `state 'S':` prefix). In ARNs, `R` stands for the region and `A`
for the account; in the CDK columns `P` is the partition and `NAME`, `ID`,
`BUCKET`… the names the construct is given.

The CDK columns ("AWS CDK (`aws-cdk-lib/aws-stepfunctions-tasks`)") are what
the class's `taskPolicies` (and, for Distributed Maps, the state machine's
policy) hold, read from the CDK source files in the footnotes (one stored
version each: a later CDK release may differ). "not checked" means the
source was not read; nothing there is guessed. Where a difference note says
"as the guide", its footnote (`g-…`) names the AWS Step Functions developer
guide page it was checked against.

"#;

const FOOTER: &str = r#"
## Coverage beside the CDK

asl-kit generates statements for these, for which the CDK has no typed task
class (checked against the file list of
`packages/aws-cdk-lib/aws-stepfunctions-tasks/lib/`): EMR Serverless (all six
APIs); EKS `createCluster`, `deleteCluster`, `createNodegroup`,
`deleteNodegroup`, `createFargateProfile`, `deleteFargateProfile` and `runJob`
(the CDK has `EksCall` only); CodeBuild `stopBuild`, `batchDeleteBuilds`,
`batchGetReports`, `stopBuildBatch`, `retryBuildBatch`, `deleteBuildBatch`
(the CDK has `startBuild` and `startBuildBatch`); SageMaker
`createProcessingJob`, `createHyperParameterTuningJob`, `createLabelingJob`;
SNS `TargetArn` / SMS `PhoneNumber` targets (`SnsPublish` takes a topic);
dynamic (`.$`) function, topic, queue, table, bus and state machine names
(the CDK classes take constructs); `.sync` (not `:2`) for
`startExecution`; AWS SDK resources derived from the request (the CDK needs
`iamResources`).

The CDK's task directory also has these files, for which there is no row
here; only their names were read (class names and statements not checked):
`eventbridge-scheduler/create-schedule.ts` and `glue/start-crawler-run.ts`
(asl-kit: AWS SDK integrations only), `evaluate-expression.ts` and
`lambda/call-aws-service-cross-region.ts` (no asl-kit counterpart checked),
`dynamodb/transact-write-items.ts`, `dynamodb/describe-export.ts` and
`dynamodb/describe-import.ts` (asl-kit grants `describeExport` and
`describeImport`, which its validator marks uncertain), and, for APIs asl-kit
covers: `athena/get-query-execution.ts`, `athena/get-query-results.ts`,
`athena/stop-query-execution.ts`, `codebuild/start-build-batch.ts`,
`emr/emr-cancel-step.ts`, `emr/emr-modify-instance-fleet-by-name.ts`,
`emr/emr-modify-instance-group-by-name.ts`,
`emr/emr-set-cluster-termination-protection.ts`,
`emr/emr-terminate-cluster.ts`, `emrcontainers/create-virtual-cluster.ts`,
`emrcontainers/delete-virtual-cluster.ts`, `sagemaker/create-endpoint.ts`,
`sagemaker/create-endpoint-config.ts`, `sagemaker/create-model.ts`,
`sagemaker/create-transform-job.ts`, `sagemaker/update-endpoint.ts`,
`apigateway/call-http-api.ts`.

## Sources
"#;
