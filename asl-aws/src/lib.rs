//! Least-privilege IAM statements for AWS Step Functions' optimized
//! service integrations and AWS SDK integrations, following the "IAM
//! policies for calling …" sections of the AWS Step Functions developer
//! guide, for every pattern each API supports (request-response, `.sync`,
//! `.sync:2`, `.waitForTaskToken`).
//!
//! One module per service family owns its statements; [`Aws`] is the
//! [`Integration`] that dispatches to them. It is built into asl-core's
//! registry, so `asl_core::iam::policy_for` and `asl_core::iam::generate`
//! use it without being told. It derives permissions only
//! ([`Integration::grants`]); the parameters of the most used APIs are
//! checked by their [typed tasks](#typed-tasks) ([`AwsTasks`], also built
//! in), the resource names of the others by asl-core's catalogue of
//! optimized integrations.
//!
//! Static values give exact ARNs; a value known at run time only (a `.$`
//! path, a `{% %}` expression, a `${Name}` substitution) widens only the
//! part it fills (`function:*`, `table/*`), or, where the guide's dynamic
//! template is broader, to that template. Where the guide is broader than
//! least privilege (`*` for AWS Batch and Glue, `arn:P:s3:::*` for Athena,
//! `job/*` for DataBrew), the generator follows it.
//!
//! # What each service gets
//!
//! | service (module) | APIs | typed task | `.sync` adds | notes |
//! |---|---|---|---|---|
//! | Lambda (`lambda`) | `invoke` | [`LambdaInvoke`] | — | `lambda:InvokeFunction` on the function (name, `name:alias`, partial or full ARN); `function:*` when dynamic |
//! | SNS, SQS (`sns`, `sqs`) | `publish`, `sendMessage` | [`SnsPublish`], [`SqsSendMessage`] | — | the topic / the queue of `QueueUrl`; `*` when dynamic or an SMS `PhoneNumber` |
//! | DynamoDB (`dynamodb`) | `getItem`, `putItem`, `updateItem`, `deleteItem` | [`GetItem`], [`PutItem`], [`UpdateItem`], [`DeleteItem`] | — | the action of the Task only, on its table; `*` when dynamic |
//! | EventBridge (`events`) | `putEvents` | [`PutEvents`] | — | every entry's bus (`default` when none); `arn:P:events:*:*:event-bus/*` when dynamic |
//! | Step Functions (`states`) | `startExecution` | [`StartExecution`] | `DescribeExecution`, `StopExecution`, managed rule | `.sync:2` as `.sync` |
//! | ECS (`ecs`) | `runTask` | [`EcsRunTask`] | `StopTask`, `DescribeTasks` on `*`, managed rule | `iam:PassRole` for `Overrides` roles; a warning for the task definition's own roles |
//! | Batch, Glue (`batch`, `glue`) | `submitJob`, `startJobRun` | [`BatchSubmitJob`], [`GlueStartJobRun`] | describe/stop actions (Batch: managed rule) | `*`: no resource-level permissions |
//! | Athena (`athena`) | 4 APIs | [`AthenaStartQueryExecution`] | stop/get/list actions | plus S3 on `arn:P:s3:::*`, the Glue catalog and Lake Formation, as the guide |
//! | CodeBuild (`codebuild`) | 8 APIs | [`CodeBuildStartBuild`] (`startBuild`) | stop/batch-get actions, managed rules for `startBuild[Batch]` | the project from `ProjectName` or a build `Id` |
//! | DataBrew (`databrew`) | `startJobRun` | — | `listJobRuns`, `stopJobRun` | `job/*`, as the guide |
//! | EKS (`eks`) | 6 cluster APIs, `runJob`, `call` | — | describe (and delete for creates) | `runJob`/`call`: Kubernetes RBAC, a warning |
//! | EMR (`emr`) | 7 APIs | — | describe/cancel/terminate | no managed rule (the current guide has none) |
//! | EMR on EKS, EMR Serverless (`emr_containers`, `emr_serverless`) | 3 and 6 APIs | — | describe/get/cancel (Serverless: managed rules) | service-linked roles; `ExecutionRoleArn` condition or `iam:PassRole` |
//! | SageMaker (`sagemaker`) | 9 APIs | — | describe/stop, managed rule | jobs: `NAME*`, `ListTags`/`AddTags`, `iam:PassRole` on their role |
//! | MediaConvert (`mediaconvert`) | `createJob` | — | tag-scoped `GetJob`/`CancelJob`, managed rule | `iam:PassRole` on `Role` |
//! | API Gateway (`apigateway`) | `invoke` | [`ApiGatewayInvoke`] | — | `execute-api:Invoke` only with `AuthType: IAM_ROLE` |
//! | AWS SDK (`aws_sdk`) | `aws-sdk:*` | [`AwsSdk`] | — | IAM prefix and action map; resources from known parameters, else `*` and a warning |
//! | HTTP Task (asl-core's IAM) | `http:invoke` | [`HttpInvoke`] | — | the connection's secret and `states:InvokeHTTPEndpoint`, added by asl-core |
//!
//! # Typed tasks
//!
//! The "typed task" column lists the typed requests (`asl_model::integration::TypedTask`):
//! a struct per API with a [typed builder](https://docs.rs/typed-builder)
//! (a required parameter left out does not compile), read back from a Task
//! with `TryFrom<&Task>` (missing, mistyped and unknown parameters, with a
//! did-you-mean) and written with `into_task` in either query language.
//! Their IAM statements are this crate's: a typed task's `statements` are
//! those [`Aws`] gives the Task it writes. [`AwsTasks`] validates their
//! Tasks; asl-core's `Registry::builtin` lists it, so `validate`, the
//! builders' `build()`, `asl check` and `state_machine!` report their
//! parameters. A Task without `Parameters`/`Arguments` is accepted, as
//! Step Functions accepts it; [`AwsSdk`] is typed but not validated here
//! (asl-core checks SDK resources). [`typed_tasks`] lists them (each one's
//! API, resources and typed fields): asl-kit's `state_machine!` reads it
//! to write them as `lambda::Invoke { .. }`, `sns::Publish { .. }`, ….
//!
//! ```
//! use asl_aws::LambdaInvoke;
//! let report = asl_core::validate_str(
//!     r#"{"StartAt": "Go", "States": {"Go": {"Type": "Task",
//!         "Resource": "arn:aws:states:::lambda:invoke",
//!         "Parameters": {"FunctionName": "work", "Paylod.$": "$"}, "End": true}}}"#,
//!     &asl_core::Options::default(),
//! );
//! assert_eq!(
//!     report.diagnostics[0].message,
//!     "field 'Paylod.$' is not a parameter of lambda:invoke; did you mean 'Payload.$'?"
//! );
//! assert_eq!(LambdaInvoke::PAYLOAD, "$.Payload");
//! ```
//!
//! asl-core adds what needs the whole machine: HTTP Tasks, Distributed
//! Maps, Lambda function ARNs as `Resource`, activities (nothing) and
//! `Credentials` (`sts:AssumeRole`).
//!
//! ```
//! use asl_core::iam::policy_for;
//! use asl_core::integration::AwsEnvironment;
//! let machine = asl_core::from_str(r#"{"StartAt": "Tell", "States": {"Tell": {"Type": "Task",
//!     "Resource": "arn:aws:states:::sns:publish",
//!     "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message.$": "$"},
//!     "End": true}}}"#).unwrap();
//! let env = AwsEnvironment::new("aws", "us-east-1", "123456789012");
//! let policy = policy_for(&machine, &env);
//! assert_eq!(policy.statement[0].action, ["sns:Publish"]);
//! assert_eq!(policy.statement[0].resource, ["arn:aws:sns:us-east-1:123456789012:alerts"]);
//! ```

mod apigateway;
mod athena;
mod aws_sdk;
mod batch;
mod codebuild;
mod databrew;
mod dynamodb;
mod ecs;
mod eks;
mod emr;
mod emr_containers;
mod emr_serverless;
mod events;
mod glue;
mod grant;
mod lambda;
mod mediaconvert;
mod request;
mod sagemaker;
mod sns;
mod sqs;
mod states;
mod tasks;

pub use aws_sdk::{iam_actions, iam_prefix};
pub use grant::Pattern;
pub use tasks::{typed_tasks, RequestFieldSpec, TypedTaskSpec};
pub use tasks::{
    ApiGatewayInvoke, AthenaStartQueryExecution, AwsSdk, AwsTasks, BatchSubmitJob,
    CodeBuildStartBuild, DeleteItem, EcsRunTask, GetItem, GlueStartJobRun, HttpInvoke,
    LambdaInvoke, PutEvents, PutItem, SnsPublish, SqsSendMessage, StartExecution, UpdateItem,
};

use asl_model::iam::Permissions;
use asl_model::integration::{AwsEnvironment, Integration, TaskContext};
use asl_model::{Diagnostic, ResourceKind, Task};
use grant::{Call, Out};

/// The statements of one optimized service: `false` for an action it does
/// not know.
type Grant = fn(&Call<'_>, &mut Out<'_>) -> bool;

/// Every optimized service this crate covers (the resource's service
/// prefix), with its module.
const SERVICES: &[(&str, Grant)] = &[
    ("apigateway", apigateway::grant),
    ("athena", athena::grant),
    ("batch", batch::grant),
    ("codebuild", codebuild::grant),
    ("databrew", databrew::grant),
    ("dynamodb", dynamodb::grant),
    ("ecs", ecs::grant),
    ("eks", eks::grant),
    ("elasticmapreduce", emr::grant),
    ("emr-containers", emr_containers::grant),
    ("emr-serverless", emr_serverless::grant),
    ("events", events::grant),
    ("glue", glue::grant),
    ("lambda", lambda::grant),
    ("mediaconvert", mediaconvert::grant),
    ("sagemaker", sagemaker::grant),
    ("sns", sns::grant),
    ("sqs", sqs::grant),
    ("states", states::grant),
];

/// The services [`Aws`] covers, by their resource prefix
/// (`arn:P:states:::PREFIX:action`), besides `aws-sdk`.
///
/// ```
/// assert!(asl_aws::services().any(|s| s == "elasticmapreduce"));
/// ```
pub fn services() -> impl Iterator<Item = &'static str> {
    SERVICES.iter().map(|(s, _)| *s)
}

/// The integration: IAM statements for the Tasks of [`services`] and of
/// `aws-sdk:*`. See the [crate documentation](crate).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Aws;

enum Target<'a> {
    Optimized(Grant, &'a str, Pattern),
    Sdk(&'a str, &'a str),
}

fn target(task: &Task) -> Option<Target<'_>> {
    match task.resource.kind() {
        ResourceKind::Integration {
            service,
            action,
            pattern,
            ..
        } => {
            let grant = SERVICES.iter().find(|(s, _)| *s == service)?.1;
            Some(Target::Optimized(grant, action, Pattern::of(pattern)?))
        }
        ResourceKind::SdkIntegration {
            service, action, ..
        } if !service.is_empty() && !action.is_empty() => Some(Target::Sdk(service, action)),
        _ => None,
    }
}

impl Integration for Aws {
    fn name(&self) -> &'static str {
        "aws"
    }

    /// `false`: validation of these Tasks is asl-core's (its catalogue of
    /// optimized integrations); this integration only [`grants`](Integration::grants).
    fn handles(&self, _task: &Task) -> bool {
        false
    }

    fn validate(&self, _task: &Task, _cx: &TaskContext<'_>, _out: &mut Vec<Diagnostic>) {}

    asl_model::statements_from_permissions!(Aws);

    fn grants(&self, task: &Task) -> bool {
        target(task).is_some()
    }

    fn permissions(&self, task: &Task, cx: &TaskContext<'_>, env: &AwsEnvironment) -> Permissions {
        let mut out = Out::new(env, cx);
        let params = request::Params::of(task, cx.query_language);
        match target(task) {
            Some(Target::Optimized(grant, action, pattern)) => {
                let call = Call {
                    action,
                    pattern,
                    params,
                };
                if !grant(&call, &mut out) {
                    out.incomplete(format!(
                        "no IAM template for '{}': add the permissions its API needs",
                        task.resource
                    ));
                }
            }
            Some(Target::Sdk(service, action)) => {
                let call = Call {
                    action,
                    pattern: Pattern::RequestResponse,
                    params,
                };
                aws_sdk::grant(service, &call, &mut out);
            }
            None => {}
        }
        out.finish()
    }
}

/// `startJobRun` → `StartJobRun`.
pub(crate) fn pascal(action: &str) -> String {
    let mut chars = action.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
