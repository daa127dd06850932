//! The seam through which service integrations plug in.
//!
//! An integration recognizes its Task states, checks their requests and
//! says which IAM statements the execution role needs: that is the
//! [`Integration`] trait, which asl-core's registry (`Registry`, `register`)
//! asks for every Task. Most integrations do not implement it by hand: they
//! write one typed request per API ([`TypedTask`]) and let
//! [`TypedIntegration`] be the `Integration`.
//!
//! # Writing an integration
//!
//! One crate (or module) per service, with one type per API it supports:
//!
//! 1. **The typed request**: a struct with one field per request parameter,
//!    [`Dynamic<T>`](crate::Dynamic) for values that may be given at run
//!    time (`"Key.$"` paths, `{% %}` expressions, `${Name}` substitutions),
//!    and a map of other fields, so that nothing read is dropped.
//! 2. **[`TypedTask`]**: [`read`](TypedTask::read) it from a [`Request`]
//!    (the shared reader: literals, paths, expressions, substitutions,
//!    nested objects, missing and unknown keys, all with JSON pointers),
//!    write it back with [`RequestWriter`] in [`into_task`](TypedTask::into_task),
//!    check what its types cannot hold in [`validate`](TypedTask::validate),
//!    and derive its least-privilege [`statements`](TypedTask::statements)
//!    from the typed values (the [`arn`](crate::arn) helpers build the ARNs).
//! 3. **The integration**: `TypedIntegration<(ApiA, ApiB)>`, one line; and one
//!    line in asl-core's `Registry::builtin` for a built-in integration, or one
//!    `register(..)` call for your own.
//!
//! ```
//! use asl_model::iam::Statement;
//! use asl_model::integration::{
//!     AwsEnvironment, Problems, Request, RequestWriter, TaskContext, TypedIntegration, TypedTask,
//! };
//! use asl_model::{arn, Diagnostic, Dynamic, QueryLanguage, Task};
//! use serde_json::{Map, Value};
//!
//! /// `arn:aws:states:::sns:publish`: publish a message to a topic.
//! #[derive(Debug, Clone, PartialEq)]
//! pub struct Publish {
//!     pub topic_arn: Dynamic<String>,
//!     pub message: Dynamic<Value>,
//!     pub subject: Option<Dynamic<String>>,
//!     /// Any other parameter, written back as given.
//!     pub other: Map<String, Value>,
//! }
//!
//! impl TypedTask for Publish {
//!     const NAME: &'static str = "sns:publish";
//!     const RESOURCES: &'static [&'static str] = &["sns:publish"];
//!
//!     fn read(r: &mut Request<'_>) -> Self {
//!         r.allow(&["MessageAttributes", "MessageStructure"]); // parameters kept in `other`
//!         Publish {
//!             topic_arn: r.required("TopicArn"),
//!             message: r.required("Message"),
//!             subject: r.optional("Subject"),
//!             other: r.rest(), // reports unknown keys ("did you mean …?")
//!         }
//!     }
//!
//!     fn into_task(self, ql: QueryLanguage) -> Task {
//!         let mut w = RequestWriter::new(ql);
//!         w.put("TopicArn", &self.topic_arn);
//!         w.put("Message", &self.message);
//!         w.put_opt("Subject", self.subject.as_ref());
//!         w.extend(&self.other);
//!         w.into_task("arn:aws:states:::sns:publish")
//!     }
//!
//!     fn validate(&self, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
//!         let mut p = Problems::new(cx, out);
//!         if let Some(s) = self.subject.as_ref().and_then(Dynamic::static_str) {
//!             if s.chars().count() > 100 {
//!                 let f = p.field();
//!                 p.error("/Subject", format!("'{f}.Subject' is at most 100 characters"));
//!             }
//!         }
//!     }
//!
//!     fn statements(&self, _: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
//!         // Least privilege: the topic itself when it is known, any topic otherwise.
//!         let topic = match self.topic_arn.static_str() {
//!             Some(t) => t.to_string(),
//!             None => arn::regional(env, "sns", "*"),
//!         };
//!         vec![Statement::allow("Publish", ["sns:Publish"], [topic])]
//!     }
//! }
//!
//! impl TryFrom<&Task> for Publish {
//!     type Error = Vec<Diagnostic>;
//!     fn try_from(task: &Task) -> Result<Self, Self::Error> {
//!         Publish::try_from_task(task, asl_model::integration::query_language_of(task))
//!     }
//! }
//!
//! /// The integration: every typed task of the service, in one tuple.
//! pub const SNS: TypedIntegration<(Publish,)> = TypedIntegration::new("sns", "SNS");
//!
//! // Registered once, it is consulted by validation, IAM generation, build
//! // scripts, the `asl` command and the macros:
//! asl_core::integration::register(SNS);
//! let report = asl_core::validate_str(
//!     r#"{"StartAt": "Tell", "States": {"Tell": {"Type": "Task",
//!         "Resource": "arn:aws:states:::sns:publish",
//!         "Parameters": {"TopicArn": "arn:aws:sns:us-east-2:123456789012:alerts", "Mesage": "hi"},
//!         "End": true}}}"#,
//!     &asl_core::Options::default(),
//! );
//! let found: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
//! assert_eq!(found, [
//!     "ERROR INVALID_INTEGRATION_PARAMETERS at /States/Tell/Parameters: sns:publish requires 'Parameters.Message'",
//!     "ERROR INVALID_INTEGRATION_PARAMETERS at /States/Tell/Parameters/Mesage: field 'Mesage' is not a parameter of sns:publish; did you mean 'Message'?",
//! ]);
//!
//! // The typed request reads back what it writes.
//! let publish = Publish {
//!     topic_arn: Dynamic::path("$.topic"),
//!     message: Dynamic::Value("hi".into()),
//!     subject: None,
//!     other: Map::new(),
//! };
//! let task = publish.clone().into_task(QueryLanguage::JsonPath);
//! assert_eq!(Publish::try_from(&task), Ok(publish));
//! ```

use crate::iam::Statement;
use crate::pointer;
use crate::{
    codes, is_substitution, Diagnostic, Dynamic, Jsonata, Path, QueryLanguage, ResourceKind,
    Severity, Task,
};
use serde::Serialize;
use serde_json::{Map, Value};
use std::marker::PhantomData;

/// What an integration is told about the Task it looks at.
#[derive(Debug, Clone)]
pub struct TaskContext<'a> {
    /// The state's name.
    pub name: &'a str,
    /// JSON pointer of the state (`/States/Name`, or deeper when nested).
    pub pointer: &'a str,
    /// The query language in force for the state.
    pub query_language: QueryLanguage,
    /// `STANDARD` or `EXPRESS`, when known.
    pub machine_type: Option<crate::MachineType>,
}

impl<'a> TaskContext<'a> {
    /// The context of a Task on its own: no name, pointers relative to the
    /// Task (`/Parameters/…`), the query language it declares or implies
    /// ([`query_language_of`]).
    pub fn of_task(task: &Task) -> TaskContext<'static> {
        TaskContext {
            name: "",
            pointer: "",
            query_language: query_language_of(task),
            machine_type: None,
        }
    }

    /// `Parameters` (JSONPath) or `Arguments` (JSONata): where the request is.
    pub fn request_field(&self) -> &'static str {
        request_field(self.query_language)
    }

    /// The JSON pointer of the request (`/States/Name/Parameters`).
    pub fn request_pointer(&self) -> String {
        format!("{}/{}", self.pointer, self.request_field())
    }
}

/// Where the execution role's policy is generated for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsEnvironment {
    /// `aws`, `aws-cn` or `aws-us-gov`.
    pub partition: String,
    /// The region, e.g. `us-east-2`.
    pub region: String,
    /// The 12-digit account id.
    pub account: String,
}

impl AwsEnvironment {
    /// An environment.
    ///
    /// ```
    /// let env = asl_model::integration::AwsEnvironment::new("aws", "us-east-2", "123456789012");
    /// assert_eq!(env.region, "us-east-2");
    /// ```
    pub fn new(
        partition: impl Into<String>,
        region: impl Into<String>,
        account: impl Into<String>,
    ) -> Self {
        AwsEnvironment {
            partition: partition.into(),
            region: region.into(),
            account: account.into(),
        }
    }
}

/// A service integration: recognizes its Task states, checks their
/// parameters, and says which IAM statements the execution role needs.
///
/// Implementations live outside asl-core (asl-core knows nothing about
/// Bedrock); asl-core's registry lists them. Integrations made of typed
/// requests get this trait from [`TypedIntegration`]; implement it by hand
/// only for something that is not one typed request per API.
pub trait Integration: Send + Sync {
    /// A short name for messages (`"bedrock"`).
    fn name(&self) -> &'static str;

    /// Whether this integration handles the Task (usually by its `Resource`).
    /// An integration that handles a Task is authoritative for it: asl-core's
    /// own catalogue of optimized integrations is not consulted.
    fn handles(&self, task: &Task) -> bool;

    /// Checks the Task's parameters; pushes what it finds. Locations are
    /// JSON pointers under `cx.pointer`.
    fn validate(&self, task: &Task, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>);

    /// The IAM statements this Task needs. The caller numbers `Sid`s per
    /// prefix and removes duplicates.
    fn statements(&self, task: &Task, cx: &TaskContext<'_>, env: &AwsEnvironment)
        -> Vec<Statement>;

    /// Whether this integration gives the IAM permissions of `task`
    /// ([`permissions`](Integration::permissions)); by default, the Tasks it
    /// [`handles`](Integration::handles). An integration that only derives
    /// permissions (and leaves validation to asl-core) answers `false` to
    /// `handles` and `true` here.
    fn grants(&self, task: &Task) -> bool {
        self.handles(task)
    }

    /// The IAM statements this Task needs and warnings about what they do
    /// not cover; by default the [`statements`](Integration::statements)
    /// and no warning.
    fn permissions(
        &self,
        task: &Task,
        cx: &TaskContext<'_>,
        env: &AwsEnvironment,
    ) -> crate::iam::Permissions {
        crate::iam::Permissions::from(self.statements(task, cx, env))
    }
}

/// Writes [`Integration::statements`] for an integration whose IAM is given
/// by [`permissions`](Integration::permissions): the statements of
/// `$by.permissions(task, cx, env)`, without its warnings. `$by` is the
/// integration whose permissions those are: the implementing type's own
/// value (a unit struct), or another one, for a family that leaves its IAM
/// to another integration.
///
/// ```
/// use asl_model::iam::{Permissions, Statement};
/// use asl_model::integration::{AwsEnvironment, Integration, TaskContext};
/// use asl_model::{Diagnostic, Task};
/// struct Grants;
/// impl Integration for Grants {
///     fn name(&self) -> &'static str { "grants" }
///     fn handles(&self, _task: &Task) -> bool { false }
///     fn validate(&self, _task: &Task, _cx: &TaskContext<'_>, _out: &mut Vec<Diagnostic>) {}
///     asl_model::statements_from_permissions!(Grants);
///     fn permissions(&self, _task: &Task, _cx: &TaskContext<'_>, _env: &AwsEnvironment) -> Permissions {
///         let mut p = Permissions::from(vec![Statement::allow("Publish", ["sns:Publish"], ["*"])]);
///         p.warnings.push(Diagnostic::warning("IAM_REVIEW", "/", "review"));
///         p
///     }
/// }
/// let task = Task::builder().resource("arn:aws:states:::sns:publish").build();
/// let env = AwsEnvironment::new("aws", "us-east-1", "123456789012");
/// let found = Grants.statements(&task, &TaskContext::of_task(&task), &env);
/// assert_eq!(found[0].action, ["sns:Publish"]);
/// ```
#[macro_export]
macro_rules! statements_from_permissions {
    ($by:expr) => {
        fn statements(
            &self,
            task: &$crate::Task,
            cx: &$crate::integration::TaskContext<'_>,
            env: &$crate::integration::AwsEnvironment,
        ) -> ::std::vec::Vec<$crate::iam::Statement> {
            $crate::integration::Integration::permissions(&$by, task, cx, env).statements
        }
    };
}

// ------------------------------------------------------------ typed tasks

/// A typed request of one service API: it owns its reading from a Task, its
/// rendering to a Task, its validation and its IAM statements.
///
/// See the [module documentation](self) for a complete example, and
/// [`TypedIntegration`] to turn typed tasks into an [`Integration`].
pub trait TypedTask: Sized {
    /// The API as messages name it, `service:action` (`"bedrock:invokeModel"`).
    const NAME: &'static str;

    /// The resources this type reads: `service:action` plus the integration
    /// pattern (`"bedrock:createModelCustomizationJob.sync"`), without the
    /// `arn:<partition>:states:::` prefix.
    const RESOURCES: &'static [&'static str];

    /// Reads the request. Ask `request` for each parameter
    /// ([`required`](Request::required), [`optional`](Request::optional),
    /// [`object`](Request::object), …); it reports what is missing, of the
    /// wrong type or unknown, and stands in for a required value it could not
    /// read (with a run-time placeholder that no rule checks), so that the
    /// other fields still get validated. A request with errors is never
    /// asked for [`statements`](TypedTask::statements), and
    /// [`try_from_task`](TypedTask::try_from_task) returns the errors.
    fn read(request: &mut Request<'_>) -> Self;

    /// The Task: `Parameters` for JSONPath, `Arguments` and
    /// `"QueryLanguage": "JSONata"` for JSONata ([`RequestWriter::into_task`]).
    fn into_task(self, ql: QueryLanguage) -> Task;

    /// What the types cannot rule out: formats, ranges, sizes. Report with
    /// [`Problems`], at pointers under the request (`cx.request_pointer()`);
    /// check only values known while the definition is written
    /// ([`Dynamic::static_str`], [`Dynamic::as_value`]). Nothing by default.
    fn validate(&self, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        let _ = (cx, out);
    }

    /// The IAM statements the execution role needs for this request: exact
    /// resources for static values, wildcards only for values known at run
    /// time. Each statement's `Sid` is a prefix (`"InvokeModel"`); the
    /// policy generator numbers them.
    fn statements(&self, cx: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement>;

    /// The statements for a Task whose whole request is a run-time value
    /// (`"Arguments": "{% … %}"`): any value of any parameter is possible.
    /// None by default.
    fn opaque_statements(cx: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
        let _ = (cx, env);
        Vec::new()
    }

    /// Whether `task`'s resource is one of [`RESOURCES`](TypedTask::RESOURCES)
    /// (any partition).
    fn handles(task: &Task) -> bool {
        match task.resource.kind() {
            ResourceKind::Integration {
                service,
                action,
                pattern,
                ..
            } => Self::RESOURCES
                .iter()
                .any(|r| is_resource_name(r, service, action, pattern)),
            _ => false,
        }
    }

    /// Reads `task` (its request in `ql`) as this type: the errors, with
    /// pointers relative to the Task (`/Parameters/ModelId`), when it cannot.
    /// Warnings alone do not fail. Use it for `impl TryFrom<&Task>`, with
    /// [`query_language_of`].
    fn try_from_task(task: &Task, ql: QueryLanguage) -> Result<Self, Vec<Diagnostic>> {
        let cx = TaskContext {
            name: "",
            pointer: "",
            query_language: ql,
            machine_type: None,
        };
        if !Self::handles(task) {
            return Err(vec![Diagnostic::error(
                codes::INVALID_RESOURCE,
                "/Resource",
                format!(
                    "'Resource' {} is not {}",
                    task.resource,
                    join_or(Self::RESOURCES)
                ),
            )]);
        }
        let field = request_field(ql);
        match RequestValue::of(task, ql) {
            RequestValue::Object(_) => {}
            RequestValue::Opaque => {
                return Err(vec![Diagnostic::error(
                    codes::INVALID_INTEGRATION_PARAMETERS,
                    format!("/{field}"),
                    format!(
                        "'{field}' is only known at run time; a typed {} needs its fields",
                        Self::NAME
                    ),
                )])
            }
            RequestValue::Missing | RequestValue::Invalid => {
                return Err(vec![missing_request(&cx, Self::NAME, None)]);
            }
        }
        let mut r = Request::new(Self::NAME, task, cx.pointer, ql);
        let value = Self::read(&mut r);
        let failed = r.has_errors();
        let diagnostics = r.into_diagnostics();
        if failed {
            Err(diagnostics)
        } else {
            Ok(value)
        }
    }

    /// Everything the validator reports about this request once it is a
    /// Task (as `TypedIntegration` does: reading, then
    /// [`validate`](TypedTask::validate)), with pointers relative to the
    /// Task; empty when it is valid.
    fn problems(&self) -> Vec<Diagnostic>
    where
        Self: Clone,
    {
        let task = self.clone().into_task(QueryLanguage::JsonPath);
        let cx = TaskContext::of_task(&task);
        let mut out = Vec::new();
        validate_one::<Self>(&task, &cx, Self::NAME, None, &mut out);
        out
    }
}

/// Whether `name` is `{service}:{action}{pattern}`, compared piece by
/// piece (no string is built).
fn is_resource_name(name: &str, service: &str, action: &str, pattern: &str) -> bool {
    name.strip_prefix(service)
        .and_then(|r| r.strip_prefix(':'))
        .and_then(|r| r.strip_prefix(action))
        == Some(pattern)
}

/// `Parameters` for JSONPath, `Arguments` for JSONata.
pub fn request_field(ql: QueryLanguage) -> &'static str {
    match ql {
        QueryLanguage::JsonPath => "Parameters",
        QueryLanguage::Jsonata => "Arguments",
    }
}

/// The query language of a Task on its own: the one it declares, else
/// JSONata when it has `Arguments` and no `Parameters`, else JSONPath.
pub fn query_language_of(task: &Task) -> QueryLanguage {
    match task.query_language {
        Some(ql) => ql,
        None if task.arguments.is_some() && task.parameters.is_none() => QueryLanguage::Jsonata,
        None => QueryLanguage::JsonPath,
    }
}

/// A Task's request as written.
enum RequestValue<'a> {
    /// No `Parameters` / `Arguments`.
    Missing,
    /// An object of request fields.
    Object(&'a Map<String, Value>),
    /// A string: the whole request is a run-time value (or a broken one,
    /// which the core rules report).
    Opaque,
    /// Anything else.
    Invalid,
}

impl<'a> RequestValue<'a> {
    fn of(task: &'a Task, ql: QueryLanguage) -> Self {
        let value = match ql {
            QueryLanguage::Jsonata => task.arguments.as_ref(),
            QueryLanguage::JsonPath => task.parameters.as_ref().map(|p| p.as_value()),
        };
        match value {
            None => RequestValue::Missing,
            Some(Value::Object(m)) => RequestValue::Object(m),
            Some(Value::String(_)) => RequestValue::Opaque,
            Some(_) => RequestValue::Invalid,
        }
    }
}

fn missing_request(cx: &TaskContext<'_>, title: &str, example: Option<&str>) -> Diagnostic {
    let field = cx.request_field();
    let eg = example.map_or_else(String::new, |k| format!(" (e.g. '{k}')"));
    Diagnostic::error(
        codes::INVALID_INTEGRATION_PARAMETERS,
        cx.pointer,
        format!("a {title} Task needs '{field}' with the request fields{eg}"),
    )
}

/// `A`, `A or B`, `A, B or C`.
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

// ------------------------------------------------------------ the reader

/// A literal type a request field can hold: how it is read from JSON.
///
/// Implemented for `String`, `bool`, `u64`, `i64`, `f64`,
/// [`serde_json::Number`], `Vec<String>`, JSON objects and [`Value`] (any
/// JSON); implement it for your own enums and checked strings, so that
/// reading reports a bad literal where it is.
pub trait Literal: Sized {
    /// The value, or what is wrong with it, completing the sentence
    /// `'Parameters.Key' …` (`"must be a string"`).
    fn from_json(value: &Value) -> Result<Self, String>;
}

/// `Literal` for the types read with one of [`Value`]'s accessors: the
/// accessor, and what a value it does not read is not.
macro_rules! literals {
    ($($t:ty => $read:expr, $what:literal;)*) => {$(
        impl Literal for $t {
            fn from_json(value: &Value) -> Result<Self, String> {
                $read(value).ok_or_else(|| $what.to_owned())
            }
        }
    )*};
}

literals! {
    String => |v: &Value| v.as_str().map(str::to_owned), "must be a string";
    bool => Value::as_bool, "must be a boolean";
    u64 => Value::as_u64, "must be a non-negative integer";
    i64 => Value::as_i64, "must be an integer";
    f64 => Value::as_f64, "must be a number";
    serde_json::Number => |v: &Value| v.as_number().cloned(), "must be a number";
    Map<String, Value> => |v: &Value| v.as_object().cloned(), "must be an object";
}

impl Literal for Vec<String> {
    fn from_json(value: &Value) -> Result<Self, String> {
        let err = || "must be an array of strings".to_owned();
        value
            .as_array()
            .ok_or_else(err)?
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(err))
            .collect()
    }
}

impl Literal for Value {
    fn from_json(value: &Value) -> Result<Self, String> {
        Ok(value.clone())
    }
}

/// The request of a Task (`Parameters` or `Arguments`, in the query
/// language in force), being read into a [`TypedTask`]: one object, or an
/// object nested in it.
///
/// Each parameter is read as a [`Dynamic<T>`]: a literal `T`
/// (`"Key": value`), a JSONPath (`"Key.$": "$.path"`, JSONPath states
/// only), a JSONata expression (`"Key": "{% … %}"`, JSONata states only) or
/// a `${Name}` substitution. A literal that is not a `T` is reported where
/// it is; so are missing required parameters, and, by [`rest`](Request::rest),
/// every key no read asked about (an error in the request, a warning in a
/// nested object), with the nearest known key as a suggestion. Keys ending
/// in `.$` in a JSONata state are left to asl-core, which reports them.
///
/// ```
/// use asl_model::integration::Request;
/// use asl_model::{Dynamic, QueryLanguage, Task};
/// use serde_json::json;
/// let task = Task::builder()
///     .resource("arn:aws:states:::example:call")
///     .parameters(json!({"Name": "a", "Count.$": "$.n", "Size": "big", "Colour": 1}))
///     .build();
/// let mut r = Request::new("example:call", &task, "/States/T", QueryLanguage::JsonPath);
/// assert_eq!(r.required::<String>("Name"), Dynamic::Value("a".to_string()));
/// assert_eq!(r.optional::<u64>("Count"), Some(Dynamic::path("$.n")));
/// assert_eq!(r.optional::<u64>("Size"), None);
/// assert_eq!(r.optional::<bool>("Missing"), None);
/// let other = r.rest();
/// assert!(other.contains_key("Colour"));
/// let found: Vec<String> = r.into_diagnostics().iter().map(ToString::to_string).collect();
/// assert_eq!(found, [
///     "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Size: 'Parameters.Size' must be a non-negative integer",
///     "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Colour: field 'Colour' is not a parameter of example:call; its parameters are Name, Count, Size, Missing",
/// ]);
/// ```
#[derive(Debug)]
pub struct Request<'a> {
    api: &'static str,
    task: &'a Task,
    ql: QueryLanguage,
    object: Option<&'a Map<String, Value>>,
    pointer: String,
    name: String,
    nested: bool,
    known: Vec<String>,
    consumed: Vec<String>,
    unknown: Severity,
    diagnostics: Vec<Diagnostic>,
    failed: bool,
    finished: bool,
}

impl<'a> Request<'a> {
    /// The request of `task` (the Task at `pointer`) in `ql`, read as the
    /// API `api` (`"bedrock:invokeModel"`, for messages). A request that is
    /// not an object reads as an empty one.
    pub fn new(api: &'static str, task: &'a Task, pointer: &str, ql: QueryLanguage) -> Self {
        let field = request_field(ql);
        let object = match RequestValue::of(task, ql) {
            RequestValue::Object(m) => Some(m),
            _ => None,
        };
        Request {
            api,
            task,
            ql,
            object,
            pointer: format!("{pointer}/{field}"),
            name: field.to_owned(),
            nested: false,
            known: Vec::new(),
            consumed: Vec::new(),
            unknown: Severity::Error,
            diagnostics: Vec::new(),
            failed: false,
            finished: false,
        }
    }

    /// The API being read (`"bedrock:invokeModel"`).
    pub fn api(&self) -> &'static str {
        self.api
    }

    /// The Task.
    pub fn task(&self) -> &'a Task {
        self.task
    }

    /// The query language in force.
    pub fn query_language(&self) -> QueryLanguage {
        self.ql
    }

    /// The object as messages name it: `Parameters`, `Arguments`, or
    /// `Parameters.Input` for a nested one.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The JSON pointer of the object.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The partition of the Task's resource ARN (`aws` when it has none).
    pub fn partition(&self) -> &'a str {
        match self.task.resource.kind() {
            ResourceKind::Integration { partition, .. } => partition,
            _ => "aws",
        }
    }

    /// Whether `key` is given, in any form (`Key` or, in JSONPath, `Key.$`).
    pub fn contains(&self, key: &str) -> bool {
        // `lookup(o, key).is_some()`, without reading the value.
        self.object.is_some_and(|o| {
            o.contains_key(key) || (self.ql == QueryLanguage::JsonPath && dollar(o, key).is_some())
        })
    }

    /// `key` of `object` (this object, or one nested in it) as this query
    /// language reads it: `Key.$` is a path in JSONPath, `{% %}` an
    /// expression in JSONata, a whole `${Name}` string a substitution, and
    /// anything else the literal. `None` when absent.
    pub fn lookup<'v>(
        &self,
        object: &'v Map<String, Value>,
        key: &str,
    ) -> Option<Dynamic<&'v Value>> {
        if let Some(v) = object.get(key) {
            return Some(match v {
                Value::String(s) if self.ql == QueryLanguage::Jsonata => {
                    match Jsonata::parse(s.as_str()) {
                        Some(j) => Dynamic::Jsonata(j),
                        None if is_substitution(s) => Dynamic::Substitution(s.clone()),
                        None => Dynamic::Value(v),
                    }
                }
                Value::String(s) if is_substitution(s) => Dynamic::Substitution(s.clone()),
                _ => Dynamic::Value(v),
            });
        }
        if self.ql == QueryLanguage::JsonPath {
            if let Some(v) = dollar(object, key) {
                let path = match v {
                    Value::String(s) => Path::new(s.as_str()),
                    // Not a path: asl-core's path rules report it.
                    other => Path::new(other.to_string()),
                };
                return Some(Dynamic::Path(path));
            }
        }
        None
    }

    /// `key` as written (see [`lookup`](Request::lookup)), without reading it:
    /// the key counts as known, and the entry stays for
    /// [`rest`](Request::rest) unless you [`consume`](Request::consume) it.
    /// For parameters whose shape the typed request models only in part.
    pub fn raw(&mut self, key: &str) -> Option<Dynamic<&'a Value>> {
        self.know(key);
        let object = self.object?;
        self.lookup(object, key)
    }

    /// Marks `key` (and `key.$`) as read: [`rest`](Request::rest) leaves it out.
    pub fn consume(&mut self, key: &str) {
        self.know(key);
        if !self.consumed.iter().any(|k| k == key) {
            self.consumed.push(key.to_owned());
        }
    }

    /// Keys that are parameters of the API but not fields of the typed
    /// request: [`rest`](Request::rest) returns them without a report.
    pub fn allow(&mut self, keys: &[&str]) {
        for k in keys {
            self.know(k);
        }
    }

    /// A key the service's own API has but the Step Functions integration
    /// does not document: when given, a warning says Step Functions may
    /// reject it, and [`rest`](Request::rest) keeps it.
    pub fn undocumented(&mut self, key: &str) {
        self.know(key);
        if self.contains(key) {
            let at = self.at(key);
            self.diagnostics.push(Diagnostic::warning(
                codes::INVALID_INTEGRATION_PARAMETERS,
                at,
                format!(
                    "field '{key}' is not a documented parameter of {}; Step Functions may reject it",
                    self.api
                ),
            ));
        }
    }

    /// How [`rest`](Request::rest) reports unknown keys: an error in the
    /// request itself, a warning in nested objects, unless changed here.
    pub fn unknown_keys(&mut self, severity: Severity) {
        self.unknown = severity;
    }

    /// A required parameter. When it is missing (`"{api} requires
    /// 'Parameters.Key'"`, or `"'Parameters.Input' needs 'Key'"` in a nested
    /// object) or not a `T`, the problem is reported and a run-time
    /// placeholder (the path `$`) stands in for it.
    pub fn required<T: Literal>(&mut self, key: &str) -> Dynamic<T> {
        if !self.contains(key) {
            self.know(key);
            self.missing(key);
        }
        self.optional(key)
            .unwrap_or_else(|| Dynamic::Path(Path::new("$")))
    }

    /// An optional parameter; a literal that is not a `T` is reported (and
    /// read as absent).
    pub fn optional<T: Literal>(&mut self, key: &str) -> Option<Dynamic<T>> {
        match self.read::<T>(key)? {
            Ok(v) => Some(v),
            Err(message) => {
                let at = format!("/{}", pointer::escape(key));
                let name = format!("'{}.{key}' {message}", self.name);
                self.error(&at, name);
                None
            }
        }
    }

    /// An optional parameter whose literal, when it is not a `T`, is not
    /// reported: it stays for [`rest`](Request::rest), as written.
    pub fn optional_or_keep<T: Literal>(&mut self, key: &str) -> Option<Dynamic<T>> {
        match self.read::<T>(key)? {
            Ok(v) => Some(v),
            Err(_) => {
                self.consumed.retain(|k| k != key);
                None
            }
        }
    }

    /// A parameter holding an object, read by `read` with a [`Request`] on
    /// that object (pointers and names follow: `Parameters.Input.S3Uri`).
    /// `None` when absent or not an object (reported: "must be an object
    /// `shape`"); a run-time form (`Key.$`, `{% %}`, a string holding
    /// `${…}`) is returned as it is, without calling `read`. Unknown keys
    /// of the nested object are reported as warnings after `read`.
    pub fn object<R>(
        &mut self,
        key: &str,
        shape: &str,
        read: impl FnOnce(&mut Request<'a>) -> R,
    ) -> Option<Dynamic<R>> {
        let raw = self.raw(key)?;
        self.consume(key);
        match raw {
            Dynamic::Value(Value::Object(object)) => {
                let mut child = Request {
                    api: self.api,
                    task: self.task,
                    ql: self.ql,
                    object: Some(object),
                    pointer: self.at(key),
                    name: format!("{}.{key}", self.name),
                    nested: true,
                    known: Vec::new(),
                    consumed: Vec::new(),
                    unknown: Severity::Warning,
                    diagnostics: Vec::new(),
                    failed: false,
                    finished: false,
                };
                let value = read(&mut child);
                if !child.finished {
                    child.rest();
                }
                self.failed |= child.failed;
                self.diagnostics.append(&mut child.diagnostics);
                Some(Dynamic::Value(value))
            }
            Dynamic::Value(Value::String(s)) if s.contains("${") => {
                Some(Dynamic::Substitution(s.clone()))
            }
            Dynamic::Value(_) => {
                let shape = if shape.is_empty() {
                    String::new()
                } else {
                    format!(" {shape}")
                };
                let message = format!("'{}.{key}' must be an object{shape}", self.name);
                let at = format!("/{}", pointer::escape(key));
                self.error(&at, message);
                None
            }
            Dynamic::Path(p) => Some(Dynamic::Path(p)),
            Dynamic::Jsonata(j) => Some(Dynamic::Jsonata(j)),
            Dynamic::Substitution(s) => Some(Dynamic::Substitution(s)),
        }
    }

    /// Like [`object`](Request::object), and reported as missing when absent.
    pub fn required_object<R>(
        &mut self,
        key: &str,
        shape: &str,
        read: impl FnOnce(&mut Request<'a>) -> R,
    ) -> Option<Dynamic<R>> {
        if !self.contains(key) {
            self.know(key);
            self.missing(key);
        }
        self.object(key, shape, read)
    }

    /// Reports an error (`INVALID_INTEGRATION_PARAMETERS`) at `at`, a
    /// pointer relative to this object (`""`, `"/Input"`); the request then
    /// has errors.
    pub fn error(&mut self, at: &str, message: impl Into<String>) {
        let location = format!("{}{at}", self.pointer);
        self.push(Diagnostic::error(
            codes::INVALID_INTEGRATION_PARAMETERS,
            location,
            message,
        ));
    }

    /// Reports a warning (`INVALID_INTEGRATION_PARAMETERS`) at `at`.
    pub fn warning(&mut self, at: &str, message: impl Into<String>) {
        let location = format!("{}{at}", self.pointer);
        self.push(Diagnostic::warning(
            codes::INVALID_INTEGRATION_PARAMETERS,
            location,
            message,
        ));
    }

    /// Reports any diagnostic (an error makes the request fail).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.failed |= diagnostic.is_error();
        self.diagnostics.push(diagnostic);
    }

    /// Every entry not read (nor consumed) yet, as written, for the typed
    /// request's map of other fields; those no read asked about are
    /// reported as unknown ("field 'Mesage' is not a parameter of
    /// sns:publish; did you mean 'Message'?"). Called for nested objects
    /// after their `read`, when they do not call it themselves.
    pub fn rest(&mut self) -> Map<String, Value> {
        self.finished = true;
        let mut out = Map::new();
        let Some(object) = self.object else {
            return out;
        };
        for (key, value) in object {
            let base = key.strip_suffix(".$").unwrap_or(key);
            let dollar = base.len() != key.len();
            if self.consumed.iter().any(|k| k == base) {
                continue;
            }
            let known = self.known.iter().any(|k| k == base);
            if dollar && known && self.ql == QueryLanguage::Jsonata {
                // asl-core reports `.$` keys in JSONata states.
                out.insert(key.clone(), value.clone());
                continue;
            }
            if !known {
                let at = format!("/{}", pointer::escape(key));
                let message = self.unknown_message(key, base, dollar);
                match self.unknown {
                    Severity::Error => self.error(&at, message),
                    Severity::Warning => self.warning(&at, message),
                }
            }
            out.insert(key.clone(), value.clone());
        }
        out
    }

    /// Whether an error was reported.
    pub fn has_errors(&self) -> bool {
        self.failed
    }

    /// What was reported, in order.
    pub fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        if !self.finished {
            self.rest();
        }
        self.diagnostics
    }

    fn know(&mut self, key: &str) {
        if !self.known.iter().any(|k| k == key) {
            self.known.push(key.to_owned());
        }
    }

    fn at(&self, key: &str) -> String {
        format!("{}/{}", self.pointer, pointer::escape(key))
    }

    fn missing(&mut self, key: &str) {
        let message = if self.nested {
            format!("'{}' needs '{key}'", self.name)
        } else {
            format!("{} requires '{}.{key}'", self.api, self.name)
        };
        self.error("", message);
    }

    /// Reads and consumes `key`: `None` when absent, `Err` with what is
    /// wrong with a literal that is not a `T`.
    fn read<T: Literal>(&mut self, key: &str) -> Option<Result<Dynamic<T>, String>> {
        let raw = self.raw(key)?;
        self.consume(key);
        Some(match raw {
            Dynamic::Value(v) => match T::from_json(v) {
                Ok(t) => Ok(Dynamic::Value(t)),
                // A literal holding `${…}` is only known at deploy time.
                Err(_) if v.as_str().is_some_and(|s| s.contains("${")) => Ok(
                    Dynamic::Substitution(v.as_str().unwrap_or_default().to_owned()),
                ),
                Err(e) => Err(e),
            },
            Dynamic::Path(p) => Ok(Dynamic::Path(p)),
            Dynamic::Jsonata(j) => Ok(Dynamic::Jsonata(j)),
            Dynamic::Substitution(s) => Ok(Dynamic::Substitution(s)),
        })
    }

    fn unknown_message(&self, key: &str, base: &str, dollar: bool) -> String {
        let what = if self.nested {
            format!("a member of '{}'", self.name)
        } else {
            format!("a parameter of {}", self.api)
        };
        let hint = match suggest(base, self.known.iter().map(String::as_str)) {
            Some(s) if dollar => format!("did you mean '{s}.$'?"),
            Some(s) => format!("did you mean '{s}'?"),
            None if self.known.is_empty() => "it takes none".to_owned(),
            None if self.nested => format!("its members are {}", self.known.join(", ")),
            None => format!("its parameters are {}", self.known.join(", ")),
        };
        format!("field '{key}' is not {what}; {hint}")
    }
}

/// `object["{key}.$"]`, found without building the key (request objects
/// are small; keys are unique, so the entry found is the one `get` finds).
fn dollar<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    object
        .iter()
        .find_map(|(k, v)| (k.strip_suffix(".$") == Some(key)).then_some(v))
}

/// The candidate closest to `word`: the same but for case, or at most one
/// edit away (two for words of five characters or more). `None` when no
/// candidate is that close.
///
/// ```
/// use asl_model::integration::suggest;
/// assert_eq!(suggest("Mesage", ["Message", "Subject"]), Some("Message"));
/// assert_eq!(suggest("modelid", ["ModelId"]), Some("ModelId"));
/// assert_eq!(suggest("Colour", ["Message", "Subject"]), None);
/// ```
pub fn suggest<'k>(word: &str, candidates: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let limit = if word.chars().count() >= 5 { 2 } else { 1 };
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            let d = if c.eq_ignore_ascii_case(word) {
                0
            } else {
                edit_distance(&word.to_lowercase(), &c.to_lowercase())
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The Levenshtein distance between two strings, by characters (two rows,
/// no indexing).
///
/// ```
/// assert_eq!(asl_model::integration::edit_distance("ResultPth", "ResultPath"), 1);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute =
                previous.get(j).copied().unwrap_or(usize::MAX / 2) + usize::from(ca != *cb);
            let delete = previous.get(j + 1).copied().unwrap_or(usize::MAX / 2) + 1;
            let insert = current.last().copied().unwrap_or(usize::MAX / 2) + 1;
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

// ------------------------------------------------------------ reporting

/// Reports the problems a [`TypedTask::validate`] finds, at pointers under
/// the Task's request (`/States/T/Parameters/…`), with code
/// `INVALID_INTEGRATION_PARAMETERS` unless told otherwise.
#[derive(Debug)]
pub struct Problems<'o> {
    pointer: String,
    field: &'static str,
    out: &'o mut Vec<Diagnostic>,
}

impl<'o> Problems<'o> {
    /// Problems of the Task `cx` describes, pushed to `out`.
    pub fn new(cx: &TaskContext<'_>, out: &'o mut Vec<Diagnostic>) -> Self {
        Problems {
            pointer: cx.request_pointer(),
            field: cx.request_field(),
            out,
        }
    }

    /// `Parameters` or `Arguments`, for messages (`'Parameters.JobName' …`).
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// An error at `at`, relative to the request (`"/JobName"`).
    pub fn error(&mut self, at: &str, message: impl Into<String>) {
        self.error_with(codes::INVALID_INTEGRATION_PARAMETERS, at, message);
    }

    /// An error with another code (`LIMIT_EXCEEDED`, …).
    pub fn error_with(&mut self, code: &'static str, at: &str, message: impl Into<String>) {
        self.out.push(Diagnostic::error(
            code,
            format!("{}{at}", self.pointer),
            message,
        ));
    }

    /// A warning at `at`.
    pub fn warning(&mut self, at: &str, message: impl Into<String>) {
        self.out.push(Diagnostic::warning(
            codes::INVALID_INTEGRATION_PARAMETERS,
            format!("{}{at}", self.pointer),
            message,
        ));
    }
}

// ------------------------------------------------------------ the writer

/// Writes a typed request as a Task's `Parameters` (JSONPath) or
/// `Arguments` (JSONata), each [`Dynamic`] in the form the query language
/// wants.
///
/// ```
/// use asl_model::integration::RequestWriter;
/// use asl_model::{Dynamic, QueryLanguage};
/// use serde_json::json;
/// let id: Dynamic<String> = Dynamic::path("$.id");
/// let mut w = RequestWriter::new(QueryLanguage::JsonPath);
/// w.put("Id", &id);
/// w.put("Count", &Dynamic::Value(3u64));
/// assert_eq!(w.into_value(), json!({"Id.$": "$.id", "Count": 3}));
/// let mut w = RequestWriter::new(QueryLanguage::Jsonata);
/// w.put("Id", &id);
/// assert_eq!(w.into_value(), json!({"Id": "{% $states.input.id %}"}));
/// ```
#[derive(Debug, Clone)]
pub struct RequestWriter {
    ql: QueryLanguage,
    map: Map<String, Value>,
}

impl RequestWriter {
    /// An empty request in `ql`.
    pub fn new(ql: QueryLanguage) -> Self {
        RequestWriter {
            ql,
            map: Map::new(),
        }
    }

    /// The query language written.
    pub fn query_language(&self) -> QueryLanguage {
        self.ql
    }

    /// Writes `key`: a literal as it is, a path as `key.$` (JSONPath) or
    /// translated to `{% $states.input… %}` (JSONata), an expression or a
    /// substitution as its string.
    pub fn put<T: Serialize>(&mut self, key: &str, value: &Dynamic<T>) {
        match (value, self.ql) {
            (Dynamic::Value(v), _) => {
                let v = serde_json::to_value(v).unwrap_or(Value::Null);
                self.map.insert(key.to_owned(), v);
            }
            (Dynamic::Path(p), QueryLanguage::JsonPath) => {
                self.map
                    .insert(format!("{key}.$"), Value::String(p.to_string()));
            }
            (Dynamic::Path(p), QueryLanguage::Jsonata) => {
                self.map
                    .insert(key.to_owned(), Value::String(path_to_jsonata(p.as_str())));
            }
            (Dynamic::Jsonata(e), _) => {
                self.map
                    .insert(key.to_owned(), Value::String(e.to_string()));
            }
            (Dynamic::Substitution(s), _) => {
                self.map.insert(key.to_owned(), Value::String(s.clone()));
            }
        }
    }

    /// Writes `key` when there is a value.
    pub fn put_opt<T: Serialize>(&mut self, key: &str, value: Option<&Dynamic<T>>) {
        if let Some(v) = value {
            self.put(key, v);
        }
    }

    /// Writes a payload-template literal (`key.$` fields inside): as it is
    /// in JSONPath, with its paths translated in JSONata
    /// ([`template_to_jsonata`]); other forms as [`put`](RequestWriter::put).
    pub fn template(&mut self, key: &str, value: &Dynamic<Value>) {
        match value {
            Dynamic::Value(v) if self.ql == QueryLanguage::Jsonata => {
                self.map.insert(key.to_owned(), template_to_jsonata(v));
            }
            other => self.put(key, other),
        }
    }

    /// Writes a JSON value as it is (already in the query language's form).
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        self.map.insert(key.into(), value);
    }

    /// Writes other fields as given; a key already written keeps its place
    /// and takes the new value.
    pub fn extend(&mut self, other: &Map<String, Value>) {
        for (k, v) in other {
            self.map.insert(k.clone(), v.clone());
        }
    }

    /// The request object.
    pub fn into_map(self) -> Map<String, Value> {
        self.map
    }

    /// The request object, as a value.
    pub fn into_value(self) -> Value {
        Value::Object(self.map)
    }

    /// A Task calling `resource` with this request: `Parameters` in
    /// JSONPath; `Arguments` and `"QueryLanguage": "JSONata"` in JSONata (so
    /// the Task is right in a JSONPath machine too).
    pub fn into_task(self, resource: impl Into<String>) -> Task {
        let ql = self.ql;
        let request = self.into_value();
        match ql {
            QueryLanguage::JsonPath => Task::builder()
                .resource(resource.into())
                .parameters(request)
                .build(),
            QueryLanguage::Jsonata => Task::builder()
                .resource(resource.into())
                .query_language(QueryLanguage::Jsonata)
                .arguments(request)
                .build(),
        }
    }
}

/// A JSONPath as the equivalent JSONata expression (`$.a.b` becomes
/// `{% $states.input.a.b %}`, `$$.X` becomes `{% $states.context.X %}`).
///
/// ```
/// assert_eq!(asl_model::integration::path_to_jsonata("$$.Execution.Id"), "{% $states.context.Execution.Id %}");
/// ```
pub fn path_to_jsonata(path: &str) -> String {
    let t = path.trim();
    let body = if let Some(rest) = t.strip_prefix("$$") {
        format!("$states.context{rest}")
    } else if let Some(rest) = t.strip_prefix('$') {
        format!("$states.input{rest}")
    } else {
        t.to_string()
    };
    format!("{{% {body} %}}")
}

/// A JSONPath payload template rewritten for JSONata: every `key.$: path`
/// becomes `key: "{% … %}"` (paths translated by [`path_to_jsonata`]);
/// other `.$` values (intrinsic calls) are kept as written.
///
/// ```
/// use serde_json::json;
/// assert_eq!(
///     asl_model::integration::template_to_jsonata(&json!({"a.$": "$.x", "b": [{"c.$": "$$.Map.Item.Value"}]})),
///     json!({"a": "{% $states.input.x %}", "b": [{"c": "{% $states.context.Map.Item.Value %}"}]})
/// );
/// ```
pub fn template_to_jsonata(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, child) in m {
                match (k.strip_suffix(".$"), child) {
                    (Some(key), Value::String(p)) if p.starts_with('$') => {
                        out.insert(key.to_string(), Value::String(path_to_jsonata(p)));
                    }
                    _ => {
                        out.insert(k.clone(), template_to_jsonata(child));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(template_to_jsonata).collect()),
        other => other.clone(),
    }
}

// ------------------------------------------------------------ the adapter

/// Typed tasks as one [`Integration`]: `TypedIntegration<(A, B, C)>`
/// handles every Task whose resource one of `A`, `B`, `C` reads
/// ([`TypedTask::RESOURCES`]), and for each Task:
///
/// - **validation**: a missing request ("a Bedrock Task needs 'Parameters'
///   …"); the `.sync` patterns in EXPRESS machines; then the typed task's
///   [`read`](TypedTask::read) (missing, mistyped and unknown parameters)
///   and [`validate`](TypedTask::validate); the diagnostics in the order of
///   the request's keys, as the validator reports them;
/// - **IAM**: the typed task's [`statements`](TypedTask::statements) when
///   the request reads without errors, its
///   [`opaque_statements`](TypedTask::opaque_statements) when the whole
///   request is a run-time value, nothing otherwise.
///
/// With [`owns_service`](TypedIntegration::owns_service) it also handles the
/// service's other resources, reporting them as unsupported
/// (`INVALID_RESOURCE`): for integrations that cover every API Step
/// Functions offers for the service.
///
/// ```
/// # use asl_model::integration::*;
/// # use asl_model::{iam::Statement, QueryLanguage, Task};
/// # #[derive(Clone)] struct Ping;
/// # impl TypedTask for Ping {
/// #     const NAME: &'static str = "example:ping";
/// #     const RESOURCES: &'static [&'static str] = &["example:ping"];
/// #     fn read(r: &mut Request<'_>) -> Self { r.rest(); Ping }
/// #     fn into_task(self, ql: QueryLanguage) -> Task { RequestWriter::new(ql).into_task("arn:aws:states:::example:ping") }
/// #     fn statements(&self, _: &TaskContext<'_>, _: &AwsEnvironment) -> Vec<Statement> { vec![Statement::allow("Ping", ["example:Ping"], ["*"])] }
/// # }
/// let example: TypedIntegration<(Ping,)> = TypedIntegration::new("example", "Example").owns_service();
/// let other = Task::builder().resource("arn:aws:states:::example:pong").build();
/// assert!(example.handles(&other));
/// let cx = TaskContext::of_task(&other);
/// let mut out = Vec::new();
/// example.validate(&other, &cx, &mut out);
/// assert_eq!(out[0].message, "'Resource' arn:aws:states:::example:pong is not a Example integration Step Functions supports: use example:ping");
/// ```
pub struct TypedIntegration<S> {
    name: &'static str,
    title: &'static str,
    example: Option<&'static str>,
    owns_service: bool,
    tasks: PhantomData<fn() -> S>,
}

impl<S> TypedIntegration<S> {
    /// The integration of service `name` (the prefix of its resources,
    /// `arn:<partition>:states:::name:…`), called `title` in messages
    /// ("a `title` Task needs 'Parameters' …").
    pub const fn new(name: &'static str, title: &'static str) -> Self {
        TypedIntegration {
            name,
            title,
            example: None,
            owns_service: false,
            tasks: PhantomData,
        }
    }

    /// Also handle the service's other resources, as unsupported.
    pub const fn owns_service(self) -> Self {
        TypedIntegration {
            owns_service: true,
            ..self
        }
    }

    /// A parameter to name in the message about a missing request
    /// ("… the request fields (e.g. 'ModelId')").
    pub const fn example_parameter(self, key: &'static str) -> Self {
        TypedIntegration {
            example: Some(key),
            ..self
        }
    }

    fn service_of(&self, task: &Task) -> bool {
        matches!(task.resource.kind(), ResourceKind::Integration { service, .. } if service == self.name)
    }
}

impl<S> Clone for TypedIntegration<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for TypedIntegration<S> {}

impl<S> std::fmt::Debug for TypedIntegration<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypedIntegration")
            .field("name", &self.name)
            .field("owns_service", &self.owns_service)
            .finish()
    }
}

impl<S: TaskSet> Integration for TypedIntegration<S> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn handles(&self, task: &Task) -> bool {
        S::member(task).is_some() || (self.owns_service && self.service_of(task))
    }

    fn validate(&self, task: &Task, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(member) = S::member(task) {
            (member.validate)(task, cx, self.title, self.example, out);
            return;
        }
        let mut resources = Vec::new();
        S::resources(&mut resources);
        out.push(Diagnostic::error(
            codes::INVALID_RESOURCE,
            format!("{}/Resource", cx.pointer),
            format!(
                "'Resource' {} is not a {} integration Step Functions supports: use {}",
                task.resource,
                self.title,
                join_or(&resources)
            ),
        ));
    }

    fn statements(
        &self,
        task: &Task,
        cx: &TaskContext<'_>,
        env: &AwsEnvironment,
    ) -> Vec<Statement> {
        S::member(task)
            .map(|member| (member.statements)(task, cx, env))
            .unwrap_or_default()
    }
}

/// The typed tasks of a [`TypedIntegration`]: one [`TypedTask`], or a tuple
/// of up to eight. Implemented here; not meant to be implemented elsewhere.
pub trait TaskSet: 'static {
    /// Every resource of the set, in order.
    #[doc(hidden)]
    fn resources(out: &mut Vec<&'static str>);
    /// The member that reads `task` (the first, in order), if any.
    #[doc(hidden)]
    fn member(task: &Task) -> Option<Member>;
}

/// What the member of a [`TaskSet`] that reads a Task does with it: its
/// validation and its IAM statements.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Member {
    validate: fn(&Task, &TaskContext<'_>, &str, Option<&str>, &mut Vec<Diagnostic>),
    statements: fn(&Task, &TaskContext<'_>, &AwsEnvironment) -> Vec<Statement>,
}

impl<T: TypedTask + 'static> TaskSet for T {
    fn resources(out: &mut Vec<&'static str>) {
        out.extend_from_slice(T::RESOURCES);
    }

    fn member(task: &Task) -> Option<Member> {
        T::handles(task).then_some(Member {
            validate: validate_one::<T>,
            statements: statements_one::<T>,
        })
    }
}

macro_rules! task_sets {
    ($($t:ident),+) => {
        impl<$($t: TaskSet),+> TaskSet for ($($t,)+) {
            fn resources(out: &mut Vec<&'static str>) {
                $($t::resources(out);)+
            }

            fn member(task: &Task) -> Option<Member> {
                None $(.or_else(|| $t::member(task)))+
            }
        }
    };
}

task_sets!(A);
task_sets!(A, B);
task_sets!(A, B, C);
task_sets!(A, B, C, D);
task_sets!(A, B, C, D, E);
task_sets!(A, B, C, D, E, F);
task_sets!(A, B, C, D, E, F, G);
task_sets!(A, B, C, D, E, F, G, H);

/// Validation of one Task by the typed task `T` (see [`TypedIntegration`]).
fn validate_one<T: TypedTask>(
    task: &Task,
    cx: &TaskContext<'_>,
    title: &str,
    example: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let start = out.len();
    let request = RequestValue::of(task, cx.query_language);
    if matches!(request, RequestValue::Missing | RequestValue::Invalid) {
        out.push(missing_request(cx, title, example));
        return;
    }
    if let ResourceKind::Integration { pattern, .. } = task.resource.kind() {
        if pattern.starts_with(".sync") && cx.machine_type == Some(crate::MachineType::Express) {
            out.push(Diagnostic::error(
                codes::EXPRESS_UNSUPPORTED,
                format!("{}/Resource", cx.pointer),
                format!(
                    "EXPRESS state machines do not support the '{pattern}' pattern of {}",
                    T::NAME
                ),
            ));
        }
    }
    let RequestValue::Object(object) = request else {
        // The whole request is a run-time value: nothing to check here.
        return;
    };
    let mut r = Request::new(T::NAME, task, cx.pointer, cx.query_language);
    let value = T::read(&mut r);
    out.extend(r.into_diagnostics());
    value.validate(cx, out);
    if let Some(found) = out.get_mut(start..) {
        in_request_order(found, &cx.request_pointer(), object);
    }
}

/// IAM statements of one Task by the typed task `T`.
fn statements_one<T: TypedTask>(
    task: &Task,
    cx: &TaskContext<'_>,
    env: &AwsEnvironment,
) -> Vec<Statement> {
    match RequestValue::of(task, cx.query_language) {
        RequestValue::Object(_) => {
            let mut r = Request::new(T::NAME, task, cx.pointer, cx.query_language);
            let value = T::read(&mut r);
            r.rest();
            if r.has_errors() {
                Vec::new()
            } else {
                value.statements(cx, env)
            }
        }
        RequestValue::Opaque => T::opaque_statements(cx, env),
        RequestValue::Missing | RequestValue::Invalid => Vec::new(),
    }
}

/// Sorts (stably) diagnostics by the position of their location in the
/// request: locations at or outside the request first, then by key order.
fn in_request_order(found: &mut [Diagnostic], base: &str, request: &Map<String, Value>) {
    let mut keyed: Vec<(Vec<usize>, Diagnostic)> = found
        .iter()
        .map(|d| (rank(&d.location, base, request), d.clone()))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    for (slot, (_, d)) in found.iter_mut().zip(keyed) {
        *slot = d;
    }
}

fn rank(location: &str, base: &str, request: &Map<String, Value>) -> Vec<usize> {
    let Some(rest) = location.strip_prefix(base) else {
        return Vec::new();
    };
    if !rest.starts_with('/') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut object = Some(request);
    let mut array: Option<&Vec<Value>> = None;
    for token in pointer::tokens(rest) {
        let (index, next) = match (object, array) {
            (Some(m), _) => match m.iter().position(|(k, _)| *k == token) {
                Some(i) => (Some(i), m.get(&token)),
                None => (None, None),
            },
            (None, Some(items)) => match token.parse::<usize>() {
                Ok(i) => (Some(i), items.get(i)),
                Err(_) => (None, None),
            },
            (None, None) => (None, None),
        };
        let Some(i) = index else {
            out.push(usize::MAX);
            break;
        };
        out.push(i);
        object = next.and_then(Value::as_object);
        array = next.and_then(Value::as_array);
    }
    out
}
