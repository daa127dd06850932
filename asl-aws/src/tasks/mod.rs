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
    query_language_of, AwsEnvironment, Integration, RequestWriter, TaskContext, TypedIntegration,
};
use asl_model::{Diagnostic, Dynamic, QueryLanguage, ResourceKind, Task};
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

/// How a typed field is written into the request: a JSON value as a
/// payload template (its `.$` keys kept), a literal as it is.
pub(crate) trait Field: Sized {
    /// Writes `value` at `key`.
    fn write(w: &mut RequestWriter, key: &str, value: &Dynamic<Self>);
}

impl Field for Value {
    fn write(w: &mut RequestWriter, key: &str, value: &Dynamic<Self>) {
        w.template(key, value);
    }
}

/// Literal fields, written with [`RequestWriter::put`].
macro_rules! literal_fields {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn write(w: &mut RequestWriter, key: &str, value: &Dynamic<Self>) {
                w.put(key, value);
            }
        }
    )*};
}
literal_fields!(String, bool, u64);

/// The groups of fields several typed tasks share, each written once: a
/// task's `required { … }` or `optional { … }` names one with `..group`,
/// and its fields stand there, in this order (which is the request's).
/// `task_fields! { group (callback) [rest] (more) }` hands the group's
/// fields and `rest` back to `typed_task!` (as asl-model's `state_fields!`).
macro_rules! task_fields {
    (@give ($($cb:tt)*) [$($rest:tt)*] ($($more:tt)*) $($fields:tt)*) => {
        $crate::tasks::typed_task! { $($cb)* [$($fields)* $($rest)*] $($more)* }
    };
    // DynamoDB: the table and the item's key.
    (table_key $($x:tt)*) => { $crate::tasks::task_fields! { @give $($x)*
        table_name: String = "TableName",
        key: Value = "Key",
    } };
    // DynamoDB: a conditional write and what it returns.
    (conditional_write $($x:tt)*) => { $crate::tasks::task_fields! { @give $($x)*
        condition_expression: String = "ConditionExpression",
        expression_attribute_names: Value = "ExpressionAttributeNames",
        expression_attribute_values: Value = "ExpressionAttributeValues",
        return_values: String = "ReturnValues",
    } };
    // HTTP and API Gateway: where the call goes.
    (endpoint $($x:tt)*) => { $crate::tasks::task_fields! { @give $($x)*
        api_endpoint: String = "ApiEndpoint",
        method: String = "Method": "`GET`, `POST`, …",
    } };
    // HTTP and API Gateway: the call's query and body.
    (query_body $($x:tt)*) => { $crate::tasks::task_fields! { @give $($x)*
        query_parameters: Value = "QueryParameters",
        request_body: Value = "RequestBody",
    } };
    // SNS and SQS: a FIFO message's ids.
    (fifo $($x:tt)*) => { $crate::tasks::task_fields! { @give $($x)*
        message_deduplication_id: String = "MessageDeduplicationId": "FIFO topics and queues",
        message_group_id: String = "MessageGroupId": "FIFO topics and queues",
    } };
}
pub(crate) use task_fields;

/// Defines a typed task: the struct (with its typed builder), its
/// `TypedTask` implementation, `TryFrom<&Task>` and `From<_> for Task`.
///
/// `Name: "service:action" + [".sync", …], default Sync { required { … }
/// optional { … } allow LIST, …; check(r, v) { … } }`: the resources are the
/// API and the API with each suffix; the default pattern is request-response
/// unless given. A field is `name: Type = "Key"` or `name: Type = "Key":
/// "what it is"` (its doc line), or a group, `..group` (`task_fields!`).
/// `Value` fields are payload templates; the others literals.
macro_rules! typed_task {
    // Gathers the required fields, then the optional ones, expanding groups.
    (@req $head:tt $done:tt [] $opt:tt) => { $crate::tasks::typed_task! { @opt $head $done [] $opt } };
    (@req $head:tt $done:tt [.. $group:ident $(, $($rest:tt)*)?] $opt:tt) => {
        $crate::tasks::task_fields! { $group (@req $head $done) [$($($rest)*)?] ($opt) }
    };
    (@req $head:tt [$($done:tt)*] [$(#[$m:meta])* $f:ident : $t:ty = $k:literal $(: $d:literal)? $(, $($rest:tt)*)?] $opt:tt) => {
        $crate::tasks::typed_task! { @req $head [$($done)* {[$(#[$m])*] $f $t, $k [$($d)?]}] [$($($rest)*)?] $opt }
    };
    (@opt $head:tt $req:tt $done:tt []) => { $crate::tasks::typed_task! { @emit $head $req $done } };
    (@opt $head:tt $req:tt $done:tt [.. $group:ident $(, $($rest:tt)*)?]) => {
        $crate::tasks::task_fields! { $group (@opt $head $req $done) [$($($rest)*)?] () }
    };
    (@opt $head:tt $req:tt [$($done:tt)*] [$(#[$m:meta])* $f:ident : $t:ty = $k:literal $(: $d:literal)? $(, $($rest:tt)*)?]) => {
        $crate::tasks::typed_task! { @opt $head $req [$($done)* {[$(#[$m])*] $f $t, $k [$($d)?]}] [$($($rest)*)?] }
    };
    (@pattern) => { $crate::Pattern::RequestResponse };
    (@pattern $p:ident) => { $crate::Pattern::$p };
    (
        @emit [
            $(#[$meta:meta])*
            $name:ident: $api:literal $(+ [$($suffix:literal),* $(,)?])? $(, default $pattern:ident)? {
                $(allow $($allowed:expr),+;)?
                $(check($cr:ident, $cv:ident) $check:block)?
            }
        ]
        [$({[$(#[$rm:meta])*] $rf:ident $rt:ty, $rk:literal [$($rd:literal)?]})*]
        [$({[$(#[$om:meta])*] $of:ident $ot:ty, $ok:literal [$($od:literal)?]})*]
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, typed_builder::TypedBuilder)]
        #[builder(doc)]
        pub struct $name {
            $(
                #[doc = concat!("`", $rk, "` (required)", $(": ", $rd,)? ".")]
                $(#[$rm])*
                #[builder(setter(into))] pub $rf: asl_model::Dynamic<$rt>,
            )*
            $(
                #[doc = concat!("`", $ok, "`", $(": ", $od,)? ".")]
                $(#[$om])*
                #[builder(default, setter(into, strip_option))] pub $of: Option<asl_model::Dynamic<$ot>>,
            )*
            /// The integration pattern (the resource's suffix).
            #[builder(default = $crate::tasks::typed_task!(@pattern $($pattern)?))]
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
                $(<$rt as $crate::tasks::Field>::write(&mut w, $rk, &self.$rf);)*
                $(if let Some(v) = &self.$of { <$ot as $crate::tasks::Field>::write(&mut w, $ok, v); })*
                w.extend(&self.other);
                w
            }
        }

        impl $name {
            /// This typed task's entry in [`typed_tasks`](crate::typed_tasks).
            pub const SPEC: $crate::tasks::TypedTaskSpec = $crate::tasks::TypedTaskSpec {
                name: stringify!($name),
                api: $api,
                resources: <$name as asl_model::integration::TypedTask>::RESOURCES,
                fields: &[
                    $($crate::tasks::RequestFieldSpec { key: $rk, rust: stringify!($rf), ty: stringify!($rt), required: true },)*
                    $($crate::tasks::RequestFieldSpec { key: $ok, rust: stringify!($of), ty: stringify!($ot), required: false },)*
                ],
            };
        }

        impl asl_model::integration::TypedTask for $name {
            const NAME: &'static str = $api;
            const RESOURCES: &'static [&'static str] = &[$api $($(, concat!($api, $suffix))*)?];

            fn read(r: &mut asl_model::integration::Request<'_>) -> Self {
                $(let $rf = r.required($rk);)*
                $(let $of = r.optional($ok);)*
                // Parameters kept in `other`, listed after the typed ones.
                $($(r.allow($allowed);)+)?
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
    // The entry: a declaration.
    (
        $(#[$meta:meta])*
        $name:ident: $api:literal $(+ $suffixes:tt)? $(, default $pattern:ident)? {
            required { $($req:tt)* }
            optional { $($opt:tt)* }
            $($tail:tt)*
        }
    ) => {
        $crate::tasks::typed_task! { @req [
            $(#[$meta])*
            $name: $api $(+ $suffixes)? $(, default $pattern)? { $($tail)* }
        ] [] [$($req)*] [$($opt)*] }
    };
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

/// Declares [`FAMILY`] and [`TYPED_TASKS`]: each typed integration (its
/// service, title and example parameter) and the tasks it reads, in order.
macro_rules! family {
    ($(($($t:ident),+ $(,)?) = $service:literal, $title:literal, $example:literal;)*) => {
        /// Every typed integration of [`AwsTasks`], in order.
        static FAMILY: &[&dyn Integration] = &[$(
            &TypedIntegration::<($($t,)+)>::new($service, $title).example_parameter($example),
        )*];

        /// Every typed task of [`FAMILY`], in order.
        static TYPED_TASKS: &[TypedTaskSpec] = &[$($($t::SPEC,)+)*];
    };
}

family! {
    (LambdaInvoke,) = "lambda", "Lambda", "FunctionName";
    (SnsPublish,) = "sns", "SNS", "Message";
    (SqsSendMessage,) = "sqs", "SQS", "QueueUrl";
    (GetItem, PutItem, UpdateItem, DeleteItem) = "dynamodb", "DynamoDB", "TableName";
    (PutEvents,) = "events", "EventBridge", "Entries";
    (StartExecution,) = "states", "Step Functions", "StateMachineArn";
    (HttpInvoke,) = "http", "HTTP", "ApiEndpoint";
    (ApiGatewayInvoke,) = "apigateway", "API Gateway", "ApiEndpoint";
    (EcsRunTask,) = "ecs", "ECS", "TaskDefinition";
    (GlueStartJobRun,) = "glue", "Glue", "JobName";
    (BatchSubmitJob,) = "batch", "Batch", "JobName";
    (AthenaStartQueryExecution,) = "athena", "Athena", "QueryString";
    (CodeBuildStartBuild,) = "codebuild", "CodeBuild", "ProjectName";
}

/// One typed field of a typed task's request, as [`typed_tasks`] lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestFieldSpec {
    /// The request key (`"FunctionName"`; in JSONPath also `"FunctionName.$"`).
    pub key: &'static str,
    /// The struct field and builder setter (`"function_name"`).
    pub rust: &'static str,
    /// The type of its literal: `"String"`, `"u64"`, `"bool"` or `"Value"`
    /// (any JSON, written as a payload template).
    pub ty: &'static str,
    /// Whether the builder requires it.
    pub required: bool,
}

/// A typed task of this crate, as [`typed_tasks`] lists it: what a tool
/// (the `state_machine!` macro) needs to write one without a list of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypedTaskSpec {
    /// The Rust type (`"SnsPublish"`).
    pub name: &'static str,
    /// The API, `service:action` (`"sns:publish"`), as messages name it.
    pub api: &'static str,
    /// The resources it reads: the API, then the API with each pattern's
    /// suffix (`"sns:publish.waitForTaskToken"`).
    pub resources: &'static [&'static str],
    /// Its typed fields, the required ones first, in the request's order;
    /// any other parameter goes to its `other` map.
    pub fields: &'static [RequestFieldSpec],
}

impl TypedTaskSpec {
    /// The service (`"sns"`).
    pub fn service(&self) -> &'static str {
        self.api.split(':').next().unwrap_or(self.api)
    }

    /// The API action in PascalCase (`"Publish"` for `sns:publish`).
    pub fn action(&self) -> String {
        crate::pascal(self.api.split(':').nth(1).unwrap_or_default())
    }

    /// The integration patterns the task allows, request-response first.
    ///
    /// ```
    /// use asl_aws::{Pattern, StartExecution};
    /// assert_eq!(
    ///     StartExecution::SPEC.patterns().collect::<Vec<_>>(),
    ///     [Pattern::RequestResponse, Pattern::Sync, Pattern::Sync2, Pattern::WaitForTaskToken]
    /// );
    /// ```
    pub fn patterns(&self) -> impl Iterator<Item = Pattern> + '_ {
        self.resources
            .iter()
            .filter_map(|r| r.strip_prefix(self.api).and_then(Pattern::of))
    }

    /// Whether the task allows `pattern`.
    pub fn allows(&self, pattern: Pattern) -> bool {
        self.patterns().any(|p| p == pattern)
    }

    /// The typed field of `key` (`"FunctionName"`), if any.
    pub fn field(&self, key: &str) -> Option<&'static RequestFieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Every typed task of this crate ([`AwsSdk`] aside), in the order
/// [`AwsTasks`] tries them.
///
/// ```
/// let publish = asl_aws::typed_tasks().iter().find(|t| t.api == "sns:publish").unwrap();
/// assert_eq!((publish.service(), publish.action().as_str()), ("sns", "Publish"));
/// assert_eq!(publish.name, "SnsPublish");
/// assert!(publish.field("Message").is_some_and(|f| f.required && f.ty == "Value"));
/// ```
pub fn typed_tasks() -> &'static [TypedTaskSpec] {
    TYPED_TASKS
}

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

    asl_model::statements_from_permissions!(Aws);

    /// `false`: [`Aws`] grants these Tasks.
    fn grants(&self, _task: &Task) -> bool {
        false
    }
}
