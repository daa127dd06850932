//! Typed tasks: one typed request per optimized integration API, read from
//! and written to a Task, with its required parameters enforced by its
//! builder at compile time.
//!
//! Each type implements [`TypedTask`](asl_model::integration::TypedTask):
//! reading reports missing, mistyped and unknown parameters (with a
//! did-you-mean), and its IAM statements are the ones this crate's
//! [`Aws`](crate::Aws) integration derives for the Task it writes (one
//! place for every statement). [`AwsTasks`] is the integration registered
//! in asl-core's `Registry::builtin`: it validates these Tasks and leaves
//! their IAM to [`Aws`](crate::Aws).

mod apigateway;
mod dynamodb;
mod events;
mod jobs;
mod lambda;
mod sdk;
mod sns;
mod sqs;
mod states;

pub use apigateway::{ApiGatewayInvoke, HttpInvoke};
pub use dynamodb::{DeleteItem, GetItem, PutItem, UpdateItem};
pub use events::PutEvents;
pub use jobs::{
    AthenaStartQueryExecution, BatchSubmitJob, CodeBuildStartBuild, EcsRunTask, GlueStartJobRun,
};
pub use lambda::LambdaInvoke;
pub use sdk::AwsSdk;
pub use sns::SnsPublish;
pub use sqs::SqsSendMessage;
pub use states::StartExecution;

use crate::{Aws, Pattern};
use asl_model::iam::Statement;
use asl_model::integration::{
    query_language_of, AwsEnvironment, Integration, TaskContext, TypedIntegration,
};
use asl_model::{Diagnostic, QueryLanguage, ResourceKind, Task};
use serde_json::Value;

/// The IAM statements of `task` (written by a typed task), from the one
/// place that knows them: [`Aws`].
pub(crate) fn statements_of(
    task: &Task,
    cx: &TaskContext<'_>,
    env: &AwsEnvironment,
) -> Vec<Statement> {
    let cx = TaskContext {
        query_language: query_language_of(task),
        ..cx.clone()
    };
    Aws.permissions(task, &cx, env).statements
}

/// The pattern of `task`'s resource (request-response when unknown).
pub(crate) fn pattern_of(task: &Task) -> Pattern {
    match task.resource.kind() {
        ResourceKind::Integration { pattern, .. } => {
            Pattern::of(pattern).unwrap_or(Pattern::RequestResponse)
        }
        _ => Pattern::RequestResponse,
    }
}

/// Defines a typed task: the struct (with its typed builder), its
/// `TypedTask` implementation, `TryFrom<&Task>` and `From<_> for Task`.
macro_rules! typed_task {
    (
        $(#[$meta:meta])*
        $name:ident {
            api: $api:literal,
            resources: [$($res:literal),* $(,)?],
            default_pattern: $pattern:expr,
            required { $($(#[$rm:meta])* $rf:ident : $rt:ty = $rk:literal via $rw:ident),* $(,)? }
            optional { $($(#[$om:meta])* $of:ident : $ot:ty = $ok:literal via $ow:ident),* $(,)? }
            $(allow [$($allowed:literal),* $(,)?])?
            $(check($cr:ident, $cv:ident) $check:block)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, typed_builder::TypedBuilder)]
        #[builder(doc)]
        pub struct $name {
            $($(#[$rm])* #[builder(setter(into))] pub $rf: asl_model::Dynamic<$rt>,)*
            $($(#[$om])* #[builder(default, setter(into, strip_option))] pub $of: Option<asl_model::Dynamic<$ot>>,)*
            /// The integration pattern (the resource's suffix).
            #[builder(default = $pattern)]
            pub pattern: $crate::Pattern,
            /// Any other parameter, written back as given.
            #[builder(default)]
            pub other: serde_json::Map<String, serde_json::Value>,
            /// The partition of the resource ARN (default `aws`).
            #[builder(default = "aws".to_string(), setter(into))]
            pub partition: String,
        }

        impl $name {
            /// Whether any field is a JSONata expression (which makes the
            /// Task a JSONata one).
            pub fn uses_jsonata(&self) -> bool {
                false $(|| self.$rf.is_jsonata())* $(|| self.$of.as_ref().is_some_and(asl_model::Dynamic::is_jsonata))*
            }

            /// The request (`Parameters` / `Arguments` content) in `ql`.
            pub fn request(&self, ql: asl_model::QueryLanguage) -> serde_json::Value {
                self.writer(ql).into_value()
            }

            /// The resource ARN: the API and the pattern's suffix.
            pub fn resource(&self) -> String {
                format!("arn:{}:states:::{}{}", self.partition, $api, self.pattern.suffix())
            }

            fn writer(&self, ql: asl_model::QueryLanguage) -> asl_model::integration::RequestWriter {
                let mut w = asl_model::integration::RequestWriter::new(ql);
                $(typed_task!(@write w, $rw, $rk, &self.$rf);)*
                $(if let Some(v) = &self.$of { typed_task!(@write w, $ow, $ok, v); })*
                w.extend(&self.other);
                w
            }
        }

        impl asl_model::integration::TypedTask for $name {
            const NAME: &'static str = $api;
            const RESOURCES: &'static [&'static str] = &[$($res),*];

            fn read(r: &mut asl_model::integration::Request<'_>) -> Self {
                $(let $rf = r.required($rk);)*
                $(let $of = r.optional($ok);)*
                // Parameters kept in `other`, listed after the typed ones.
                $(r.allow(&[$($allowed),*]);)?
                let value = $name {
                    $($rf,)*
                    $($of,)*
                    pattern: $crate::tasks::pattern_of(r.task()),
                    partition: r.partition().to_string(),
                    other: r.rest(),
                };
                $({
                    let $cr = &mut *r;
                    let $cv = &value;
                    $check
                })?
                value
            }

            fn into_task(self, ql: asl_model::QueryLanguage) -> asl_model::Task {
                let ql = if self.uses_jsonata() { asl_model::QueryLanguage::Jsonata } else { ql };
                let resource = self.resource();
                self.writer(ql).into_task(resource)
            }

            fn statements(
                &self,
                cx: &asl_model::integration::TaskContext<'_>,
                env: &asl_model::integration::AwsEnvironment,
            ) -> Vec<asl_model::iam::Statement> {
                let task = asl_model::integration::TypedTask::into_task(self.clone(), cx.query_language);
                $crate::tasks::statements_of(&task, cx, env)
            }
        }

        impl TryFrom<&asl_model::Task> for $name {
            type Error = Vec<asl_model::Diagnostic>;
            fn try_from(task: &asl_model::Task) -> Result<Self, Self::Error> {
                <$name as asl_model::integration::TypedTask>::try_from_task(
                    task,
                    asl_model::integration::query_language_of(task),
                )
            }
        }

        impl From<$name> for asl_model::Task {
            fn from(value: $name) -> asl_model::Task {
                asl_model::integration::TypedTask::into_task(value, asl_model::QueryLanguage::JsonPath)
            }
        }
    };
    (@write $w:ident, put, $k:literal, $v:expr) => { $w.put($k, $v) };
    (@write $w:ident, template, $k:literal, $v:expr) => { $w.template($k, $v) };
}
pub(crate) use typed_task;

/// Reports that none of `keys` was given, when one is required.
pub(crate) fn require_one(r: &mut asl_model::integration::Request<'_>, keys: &[&str], given: bool) {
    if !given {
        let field = asl_model::integration::request_field(r.query_language());
        let names: Vec<String> = keys.iter().map(|k| format!("'{field}.{k}'")).collect();
        let message = format!("{} requires one of {}", r.api(), names.join(", "));
        r.error("", message);
    }
}

const LAMBDA: TypedIntegration<(LambdaInvoke,)> =
    TypedIntegration::new("lambda", "Lambda").example_parameter("FunctionName");
const SNS: TypedIntegration<(SnsPublish,)> =
    TypedIntegration::new("sns", "SNS").example_parameter("Message");
const SQS: TypedIntegration<(SqsSendMessage,)> =
    TypedIntegration::new("sqs", "SQS").example_parameter("QueueUrl");
const DYNAMODB: TypedIntegration<(GetItem, PutItem, UpdateItem, DeleteItem)> =
    TypedIntegration::new("dynamodb", "DynamoDB").example_parameter("TableName");
const EVENTS: TypedIntegration<(PutEvents,)> =
    TypedIntegration::new("events", "EventBridge").example_parameter("Entries");
const STATES: TypedIntegration<(StartExecution,)> =
    TypedIntegration::new("states", "Step Functions").example_parameter("StateMachineArn");
const HTTP: TypedIntegration<(HttpInvoke,)> =
    TypedIntegration::new("http", "HTTP").example_parameter("ApiEndpoint");
const APIGATEWAY: TypedIntegration<(ApiGatewayInvoke,)> =
    TypedIntegration::new("apigateway", "API Gateway").example_parameter("ApiEndpoint");
const ECS: TypedIntegration<(EcsRunTask,)> =
    TypedIntegration::new("ecs", "ECS").example_parameter("TaskDefinition");
const GLUE: TypedIntegration<(GlueStartJobRun,)> =
    TypedIntegration::new("glue", "Glue").example_parameter("JobName");
const BATCH: TypedIntegration<(BatchSubmitJob,)> =
    TypedIntegration::new("batch", "Batch").example_parameter("JobName");
const ATHENA: TypedIntegration<(AthenaStartQueryExecution,)> =
    TypedIntegration::new("athena", "Athena").example_parameter("QueryString");
const CODEBUILD: TypedIntegration<(CodeBuildStartBuild,)> =
    TypedIntegration::new("codebuild", "CodeBuild").example_parameter("ProjectName");

/// Every typed integration of [`AwsTasks`], in order.
static FAMILY: &[&dyn Integration] = &[
    &LAMBDA,
    &SNS,
    &SQS,
    &DYNAMODB,
    &EVENTS,
    &STATES,
    &HTTP,
    &APIGATEWAY,
    &ECS,
    &GLUE,
    &BATCH,
    &ATHENA,
    &CODEBUILD,
];

/// The integration of every typed task of this crate: it validates their
/// Tasks (missing, mistyped and unknown parameters) and leaves their IAM
/// statements to [`Aws`] ([`grants`](Integration::grants) is `false`), so
/// that a policy has each statement once.
///
/// ```
/// use asl_core::integration::Integration;
/// use asl_core::Task;
/// use serde_json::json;
/// let task = Task::builder()
///     .resource("arn:aws:states:::sns:publish")
///     .parameters(json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Mesage": "hi"}))
///     .build();
/// assert!(asl_aws::AwsTasks.handles(&task));
/// assert!(!asl_aws::AwsTasks.grants(&task));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AwsTasks;

impl AwsTasks {
    fn find(task: &Task) -> Option<&'static dyn Integration> {
        FAMILY.iter().copied().find(|i| i.handles(task))
    }
}

impl Integration for AwsTasks {
    fn name(&self) -> &'static str {
        "aws-tasks"
    }

    fn handles(&self, task: &Task) -> bool {
        AwsTasks::find(task).is_some()
    }

    /// Only a request that is an object is read: a Task without one (or
    /// with `null`, `false`, …) is left to asl-core, as Step Functions
    /// accepts the definition (the call fails at run time).
    fn validate(&self, task: &Task, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        let request = match cx.query_language {
            QueryLanguage::JsonPath => task.parameters.as_ref().map(|p| p.as_value()),
            QueryLanguage::Jsonata => task.arguments.as_ref(),
        };
        if !request.is_some_and(Value::is_object) {
            return;
        }
        if let Some(i) = AwsTasks::find(task) {
            i.validate(task, cx, out);
        }
    }

    fn statements(
        &self,
        task: &Task,
        cx: &TaskContext<'_>,
        env: &AwsEnvironment,
    ) -> Vec<Statement> {
        Aws.permissions(task, cx, env).statements
    }

    /// `false`: [`Aws`] grants these Tasks.
    fn grants(&self, _task: &Task) -> bool {
        false
    }
}
