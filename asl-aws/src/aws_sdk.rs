//! AWS SDK integrations, `aws-sdk:SERVICE:action`: the IAM prefix of the
//! SDK service ([`iam_prefix`]), the IAM actions of the API ([`iam_actions`]:
//! its name in PascalCase, except where IAM names it otherwise), and the
//! resources the request names where they can be read from static
//! parameters: S3 `Bucket`/`Key`, DynamoDB `TableName`, SQS `QueueUrl`, SNS
//! `TopicArn`, Lambda `FunctionName`, Secrets Manager `SecretId`, Step
//! Functions `StateMachineArn`/`ExecutionArn`, KMS `KeyId`, SSM `Name`, and
//! one naming parameter of a few more services (Glue `JobName`, ECS
//! `Cluster`, CloudWatch Logs `LogGroupName`, IAM `RoleName`, …).
//! Anything else is `*`, with a warning to narrow it.

use crate::grant::{Call, Out};
use crate::request::{Field, Params};
use asl_model::arn;

/// SDK service names whose IAM prefix differs (the rest are the same).
const PREFIXES: &[(&str, &str)] = &[
    ("sfn", "states"),
    ("cloudwatchlogs", "logs"),
    ("eventbridge", "events"),
    ("elasticloadbalancingv2", "elasticloadbalancing"),
    ("applicationautoscaling", "application-autoscaling"),
    ("emrcontainers", "emr-containers"),
    ("emrserverless", "emr-serverless"),
    ("emr", "elasticmapreduce"),
    ("cognitoidentityprovider", "cognito-idp"),
    ("cognitoidentity", "cognito-identity"),
    ("dynamodbstreams", "dynamodb"),
    ("bedrockruntime", "bedrock"),
    ("bedrockagent", "bedrock"),
    ("bedrockagentruntime", "bedrock"),
    ("sagemakerruntime", "sagemaker"),
    ("apigatewaymanagementapi", "execute-api"),
    ("apigatewayv2", "apigateway"),
    ("efs", "elasticfilesystem"),
    ("redshiftdata", "redshift-data"),
    ("rdsdata", "rds-data"),
    ("opensearch", "es"),
    ("elasticsearch", "es"),
    ("iotdata", "iot"),
    ("sesv2", "ses"),
    ("s3control", "s3"),
    ("ssmincidents", "ssm-incidents"),
    ("costexplorer", "ce"),
    ("kinesisanalyticsv2", "kinesisanalytics"),
    ("lexruntimev2", "lex"),
    ("lexmodelsv2", "lex"),
    ("timestreamwrite", "timestream"),
    ("timestreamquery", "timestream"),
    ("databasemigration", "dms"),
    ("codestarconnections", "codestar-connections"),
    ("mwaa", "airflow"),
    ("ssoadmin", "sso"),
    ("resourcegroupstaggingapi", "tag"),
    ("neptunedata", "neptune-db"),
    ("docdbelastic", "docdb-elastic"),
    ("acmpca", "acm-pca"),
    ("accessanalyzer", "access-analyzer"),
    ("amp", "aps"),
    ("location", "geo"),
    ("pinpoint", "mobiletargeting"),
    ("directory", "ds"),
    ("docdb", "rds"),
    ("neptune", "rds"),
    ("mediapackagevod", "mediapackage-vod"),
    ("cloudhsmv2", "cloudhsm"),
    ("opensearchserverless", "aoss"),
    ("sagemakerfeaturestoreruntime", "sagemaker"),
    ("bedrockagentcore", "bedrock-agentcore"),
];

/// APIs whose IAM actions are not their own name.
const ACTIONS: &[(&str, &str, &[&str])] = &[
    ("s3", "listObjectsV2", &["ListBucket"]),
    ("s3", "listObjects", &["ListBucket"]),
    ("s3", "listObjectVersions", &["ListBucketVersions"]),
    ("s3", "listBuckets", &["ListAllMyBuckets"]),
    ("s3", "headObject", &["GetObject"]),
    ("s3", "headBucket", &["ListBucket"]),
    ("s3", "copyObject", &["GetObject", "PutObject"]),
    ("s3", "deleteObjects", &["DeleteObject"]),
    ("s3", "createMultipartUpload", &["PutObject"]),
    ("s3", "uploadPart", &["PutObject"]),
    ("s3", "completeMultipartUpload", &["PutObject"]),
    ("lambda", "invoke", &["InvokeFunction"]),
    ("sqs", "sendMessageBatch", &["SendMessage"]),
    ("sqs", "deleteMessageBatch", &["DeleteMessage"]),
    (
        "sqs",
        "changeMessageVisibilityBatch",
        &["ChangeMessageVisibility"],
    ),
    ("sns", "publishBatch", &["Publish"]),
    ("dynamodb", "transactGetItems", &["GetItem"]),
    (
        "dynamodb",
        "transactWriteItems",
        &["PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"],
    ),
    ("bedrockruntime", "converse", &["InvokeModel"]),
    (
        "bedrockruntime",
        "converseStream",
        &["InvokeModelWithResponseStream"],
    ),
    (
        "apigatewaymanagementapi",
        "postToConnection",
        &["ManageConnections"],
    ),
    (
        "apigatewaymanagementapi",
        "getConnection",
        &["ManageConnections"],
    ),
    (
        "apigatewaymanagementapi",
        "deleteConnection",
        &["ManageConnections"],
    ),
];

/// The IAM prefix of an SDK service (`sfn` is `states`, `cloudwatchlogs`
/// is `logs`, …; most are the same).
///
/// ```
/// assert_eq!(asl_aws::iam_prefix("sfn"), "states");
/// assert_eq!(asl_aws::iam_prefix("s3"), "s3");
/// ```
pub fn iam_prefix(service: &str) -> &str {
    PREFIXES
        .iter()
        .find(|(s, _)| *s == service)
        .map_or(service, |(_, p)| p)
}

/// The IAM actions an SDK call needs: `prefix:Action` for its name in
/// PascalCase, or the actions IAM names for it.
///
/// ```
/// assert_eq!(asl_aws::iam_actions("s3", "listObjectsV2"), ["s3:ListBucket"]);
/// assert_eq!(asl_aws::iam_actions("sfn", "describeExecution"), ["states:DescribeExecution"]);
/// ```
pub fn iam_actions(service: &str, action: &str) -> Vec<String> {
    let prefix = iam_prefix(service);
    match ACTIONS
        .iter()
        .find(|(s, a, _)| *s == service && *a == action)
    {
        Some((_, _, names)) => names.iter().map(|n| format!("{prefix}:{n}")).collect(),
        None => vec![format!("{prefix}:{}", crate::pascal(action))],
    }
}

pub(crate) fn grant(service: &str, call: &Call<'_>, out: &mut Out<'_>) {
    let actions = iam_actions(service, call.action);
    let refs: Vec<&str> = actions.iter().map(String::as_str).collect();
    let p = &call.params;
    let resources = match service {
        "s3" => s3(call.action, p, out),
        "dynamodb" => dynamodb(p, out),
        "sqs" => known(out, &p.str("QueueUrl"), |o, u| {
            crate::sqs::queue_arn(&o.env.partition, &o.env.region, u)
        })
        .or_else(|| {
            Some(vec![out.regional("sqs", "*")]).filter(|_| p.str("QueueUrl") != Field::Absent)
        }),
        "sns" => known(out, &p.str("TopicArn"), |_, t| Some(t.to_string())).or_else(|| {
            Some(vec![out.regional("sns", "*")]).filter(|_| p.str("TopicArn") != Field::Absent)
        }),
        "lambda" => given(p.str("FunctionName"), |f| {
            crate::lambda::function_arn(out, f)
        }),
        "secretsmanager" => given(p.str("SecretId"), |f| {
            out.arn_or(
                f,
                |s| out.regional("secretsmanager", &format!("secret:{s}-??????")),
                out.regional("secretsmanager", "secret:*"),
            )
        }),
        "sfn" => sfn(p, out),
        "kms" => given(p.str("KeyId"), |f| {
            f.or_any(|k| arn::kms_key(out.env, k), arn::kms_key(out.env, "*"))
        }),
        "ssm" => given(p.str("Name"), |f| {
            out.arn_or(
                f,
                |n| out.regional("ssm", &format!("parameter/{}", n.trim_start_matches('/'))),
                out.regional("ssm", "parameter/*"),
            )
        }),
        _ => named(service, p, out),
    };
    match resources {
        Some(r) => out.allow("AwsSdk", &refs, r),
        None => {
            out.allow("AwsSdk", &refs, vec!["*".to_string()]);
            if !(service == "s3" && call.action == "listBuckets") {
                out.review(format!(
                    "aws-sdk:{service}:{}: the resources are not known from the request, so {} is granted on '*'; narrow it to the resources the call uses, if the API has resource-level permissions",
                    call.action,
                    actions.join(", ")
                ));
            }
        }
    }
}

/// Resources named by one parameter: SDK service, parameter, ARN with
/// `{p}` (partition), `{r}` (region), `{a}` (account) and `{}` (the value,
/// `*` when it is only known at run time).
#[rustfmt::skip]
const NAMED: &[(&str, &str, &str)] = &[
    ("glue", "JobName", "arn:{p}:glue:{r}:{a}:job/{}"),
    ("glue", "CrawlerName", "arn:{p}:glue:{r}:{a}:crawler/{}"),
    ("athena", "WorkGroup", "arn:{p}:athena:{r}:{a}:workgroup/{}"),
    ("codebuild", "ProjectName", "arn:{p}:codebuild:{r}:{a}:project/{}"),
    ("ecs", "Cluster", "arn:{p}:ecs:{r}:{a}:cluster/{}"),
    ("ecr", "RepositoryName", "arn:{p}:ecr:{r}:{a}:repository/{}"),
    ("eventbridge", "EventBusName", "arn:{p}:events:{r}:{a}:event-bus/{}"),
    ("cloudwatchlogs", "LogGroupName", "arn:{p}:logs:{r}:{a}:log-group:{}:*"),
    ("kinesis", "StreamName", "arn:{p}:kinesis:{r}:{a}:stream/{}"),
    ("firehose", "DeliveryStreamName", "arn:{p}:firehose:{r}:{a}:deliverystream/{}"),
    ("iam", "RoleName", "arn:{p}:iam::{a}:role/{}"),
    ("iam", "UserName", "arn:{p}:iam::{a}:user/{}"),
    ("rds", "DBInstanceIdentifier", "arn:{p}:rds:{r}:{a}:db:{}"),
    ("rds", "DBClusterIdentifier", "arn:{p}:rds:{r}:{a}:cluster:{}"),
    ("sagemaker", "EndpointName", "arn:{p}:sagemaker:{r}:{a}:endpoint/{}"),
    ("sagemakerruntime", "EndpointName", "arn:{p}:sagemaker:{r}:{a}:endpoint/{}"),
    ("bedrockruntime", "ModelId", "arn:{p}:bedrock:{r}::foundation-model/{}"),
    ("eks", "Name", "arn:{p}:eks:{r}:{a}:cluster/{}"),
    ("emr", "ClusterId", "arn:{p}:elasticmapreduce:{r}:{a}:cluster/{}"),
];

/// The resource of the first [`NAMED`] parameter of `service` the request gives.
fn named(service: &str, p: &Params<'_>, out: &Out<'_>) -> Option<Vec<String>> {
    NAMED
        .iter()
        .filter(|(s, _, _)| *s == service)
        .find_map(|(_, key, template)| {
            given(p.str(key), |f| {
                let fill = |v: &str| {
                    template
                        .replace("{p}", &out.env.partition)
                        .replace("{r}", &out.env.region)
                        .replace("{a}", &out.env.account)
                        .replace("{}", v)
                };
                out.arn_or(f, fill, fill("*"))
            })
        })
}

/// The resource of a parameter that is given (literal or dynamic).
fn given(field: Field, arn: impl FnOnce(&Field) -> String) -> Option<Vec<String>> {
    (field != Field::Absent).then(|| vec![arn(&field)])
}

fn known(
    out: &Out<'_>,
    field: &Field,
    arn: impl FnOnce(&Out<'_>, &str) -> Option<String>,
) -> Option<Vec<String>> {
    field.known().and_then(|v| arn(out, v)).map(|a| vec![a])
}

/// S3: an object (`bucket/key`, `bucket/*` for a dynamic key) for object
/// APIs, the bucket for the others; `arn:P:s3:::*` for a dynamic bucket.
fn s3(action: &str, p: &Params<'_>, out: &Out<'_>) -> Option<Vec<String>> {
    if action == "listBuckets" {
        return None;
    }
    let lower = action.to_ascii_lowercase();
    let object = (lower.contains("object") && !lower.starts_with("listobject"))
        || lower.contains("multipart")
        || lower.contains("uploadpart");
    let bucket = match p.str("Bucket") {
        Field::Absent => return None,
        Field::Known(b) => b,
        Field::Unknown => return Some(vec![arn::any_s3(out.env)]),
    };
    let mut out_arns = Vec::new();
    if object {
        let key = match (p.str("Key"), action) {
            (Field::Known(k), _) => k,
            (_, _) => "*".to_string(),
        };
        out_arns.push(arn::global(out.env, "s3", &format!("{bucket}/{key}")));
        if action == "copyObject" {
            let source = p
                .str("CopySource")
                .known()
                .map(|s| s.trim_start_matches('/').to_string())
                .unwrap_or_else(|| "*".to_string());
            out_arns.push(arn::global(out.env, "s3", &source));
        }
    } else {
        out_arns.push(arn::global(out.env, "s3", &bucket));
    }
    Some(out_arns)
}

/// DynamoDB: the `TableName` (with its `IndexName`), or the tables of
/// `RequestItems`; `table/*` when dynamic.
fn dynamodb(p: &Params<'_>, out: &Out<'_>) -> Option<Vec<String>> {
    let any = out.regional("dynamodb", "table/*");
    let table = |t: &str| {
        if arn::is_arn(t) {
            t.to_string()
        } else {
            out.regional("dynamodb", &format!("table/{t}"))
        }
    };
    match p.str("TableName") {
        Field::Known(t) => {
            let mut arns = vec![table(&t)];
            match p.str("IndexName") {
                Field::Known(i) => arns = vec![format!("{}/index/{i}", table(&t))],
                Field::Unknown => arns.push(format!("{}/index/*", table(&t))),
                Field::Absent => {}
            }
            return Some(arns);
        }
        Field::Unknown => return Some(vec![any]),
        Field::Absent => {}
    }
    match p.value("RequestItems") {
        crate::request::Val::Static(serde_json::Value::Object(m)) => {
            let tables: Vec<String> = m
                .keys()
                .map(|k| {
                    k.strip_suffix(".$")
                        .map_or_else(|| table(k), |_| any.clone())
                })
                .collect();
            Some(tables)
        }
        crate::request::Val::Dynamic => Some(vec![any]),
        _ => None,
    }
}

/// Step Functions: the `StateMachineArn`, or the `ExecutionArn`.
fn sfn(p: &Params<'_>, out: &Out<'_>) -> Option<Vec<String>> {
    for (key, any) in [
        ("StateMachineArn", "stateMachine:*"),
        ("ExecutionArn", "execution:*"),
        ("ActivityArn", "activity:*"),
    ] {
        match p.str(key) {
            Field::Known(a) => return Some(vec![a]),
            Field::Unknown => return Some(vec![out.regional("states", any)]),
            Field::Absent => {}
        }
    }
    None
}
