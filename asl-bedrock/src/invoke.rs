//! The typed `bedrock:invokeModel` Task.

use crate::family::{BodyFor, Family, Model};
use crate::field::{put, template_to_jsonata};
use asl_model::Dynamic;
use asl_model::{QueryLanguage, Task};
use serde_json::{Map, Value};
use std::fmt;
use typed_builder::TypedBuilder;

/// The model a Task invokes (`ModelId`).
///
/// `From<&str>` classifies a literal: an ARN is used as given, an id with an
/// inference-profile region prefix (`us.`, `eu.`, `apac.`, `global.`, …) is
/// an inference profile, anything else a foundation model id.
///
/// ```
/// use asl_bedrock::ModelId;
/// assert_eq!(ModelId::from("cohere.command-text-v14"), ModelId::Foundation("cohere.command-text-v14".into()));
/// assert!(matches!(ModelId::from("us.amazon.nova-lite-v1:0"), ModelId::InferenceProfile(_)));
/// assert!(matches!(ModelId::from("arn:aws:bedrock:us-east-2:123456789012:provisioned-model/c2oi931ulksx"), ModelId::Arn(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelId {
    /// A foundation model id, e.g. `amazon.titan-text-express-v1`.
    Foundation(String),
    /// An inference profile id (`us.anthropic.claude-3-haiku-20240307-v1:0`) or ARN.
    InferenceProfile(String),
    /// The ARN of a provisioned, custom, imported or foundation model (or of
    /// a prompt / prompt router).
    Arn(String),
    /// A JSONPath giving the id at run time (`"ModelId.$"`).
    Path(String),
    /// A JSONata expression giving the id at run time.
    Jsonata(String),
}

impl ModelId {
    /// A JSONPath, e.g. `$.model`.
    pub fn path(path: impl Into<String>) -> Self {
        ModelId::Path(path.into())
    }

    /// A JSONata expression, with or without `{% %}`.
    pub fn jsonata(expression: impl Into<String>) -> Self {
        ModelId::Jsonata(expression.into())
    }

    /// The literal id or ARN, when static.
    pub fn as_static(&self) -> Option<&str> {
        match self {
            ModelId::Foundation(s) | ModelId::InferenceProfile(s) | ModelId::Arn(s) => Some(s),
            ModelId::Path(_) | ModelId::Jsonata(_) => None,
        }
    }

    fn field(&self) -> Dynamic<String> {
        match self {
            ModelId::Foundation(s) | ModelId::InferenceProfile(s) | ModelId::Arn(s) => {
                Dynamic::Value(s.clone())
            }
            ModelId::Path(p) => Dynamic::path(p.as_str()),
            ModelId::Jsonata(e) => Dynamic::jsonata(e),
        }
    }
}

impl From<&str> for ModelId {
    fn from(s: &str) -> Self {
        if s.starts_with("arn:") {
            if crate::arn::bedrock_kind(s) == Some("inference-profile") {
                ModelId::InferenceProfile(s.to_string())
            } else {
                ModelId::Arn(s.to_string())
            }
        } else if crate::arn::strip_profile_prefix(s).is_some() {
            ModelId::InferenceProfile(s.to_string())
        } else {
            ModelId::Foundation(s.to_string())
        }
    }
}

impl From<String> for ModelId {
    fn from(s: String) -> Self {
        ModelId::from(s.as_str())
    }
}

/// An `S3Uri` (`s3://bucket/key`), checked when it is a literal.
///
/// ```
/// use asl_bedrock::S3Uri;
/// assert!(S3Uri::new("s3://bucket/prompt.json").is_ok());
/// let err = S3Uri::new("https://bucket/prompt.json").unwrap_err();
/// assert_eq!(err.to_string(), "'S3Uri' must start with 's3://', got 'https://bucket/prompt.json'");
/// let dynamic = S3Uri::path("$.input_uri");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct S3Uri(Dynamic<String>);

impl S3Uri {
    /// A literal URI; it must start with `s3://` and name a bucket.
    pub fn new(uri: impl Into<String>) -> Result<Self, InvalidS3Uri> {
        let uri = uri.into();
        match uri.strip_prefix("s3://") {
            Some(rest) if !rest.is_empty() && !rest.starts_with('/') => {
                Ok(S3Uri(Dynamic::Value(uri)))
            }
            _ => Err(InvalidS3Uri(uri)),
        }
    }

    /// A URI taken from a JSONPath at run time (`"S3Uri.$"`).
    pub fn path(path: impl Into<String>) -> Self {
        S3Uri(Dynamic::path(path.into()))
    }

    /// A URI computed by a JSONata expression.
    pub fn jsonata(expression: impl Into<String>) -> Self {
        S3Uri(Dynamic::jsonata(expression.into()))
    }

    /// The field.
    pub fn field(&self) -> &Dynamic<String> {
        &self.0
    }

    pub(crate) fn object(&self, ql: QueryLanguage) -> Value {
        let mut m = Map::new();
        put(&mut m, "S3Uri", &self.0, ql);
        Value::Object(m)
    }
}

impl TryFrom<&str> for S3Uri {
    type Error = InvalidS3Uri;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        S3Uri::new(s)
    }
}

/// A literal `S3Uri` that does not start with `s3://bucket`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidS3Uri(pub String);

impl fmt::Display for InvalidS3Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'S3Uri' must start with 's3://', got '{}'", self.0)
    }
}

impl std::error::Error for InvalidS3Uri {}

/// Where the request comes from: inline (`Body`) or from S3 (`Input`).
/// One enum, so a Task can never carry both.
///
/// ```
/// use asl_bedrock::{ModelInput, S3Uri};
/// use serde_json::json;
/// let inline = ModelInput::from(json!({"inputText.$": "$.prompt"}));
/// let from_s3 = ModelInput::S3(S3Uri::new("s3://bucket/request.json")?);
/// # Ok::<(), asl_bedrock::InvalidS3Uri>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ModelInput {
    /// `Body`: the model-specific request, inline (≤ 256 KiB). A literal
    /// object may hold `key.$` fields (JSONPath; rewritten to `{% %}` when
    /// the Task is a JSONata one) or `{% %}` strings (JSONata).
    Body(Dynamic<Value>),
    /// `Input.S3Uri`: the request is read from S3.
    S3(S3Uri),
}

impl From<Value> for ModelInput {
    fn from(v: Value) -> Self {
        ModelInput::Body(Dynamic::Value(v))
    }
}

impl From<S3Uri> for ModelInput {
    fn from(u: S3Uri) -> Self {
        ModelInput::S3(u)
    }
}

/// A `GuardrailVersion`: `DRAFT` or a version number 1..=99999999.
///
/// ```
/// use asl_bedrock::GuardrailVersion;
/// assert!(GuardrailVersion::number(3).is_some());
/// assert!(GuardrailVersion::number(0).is_none());
/// assert_eq!(GuardrailVersion::DRAFT.to_string(), "DRAFT");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuardrailVersion(Option<u32>);

impl GuardrailVersion {
    /// The working draft.
    pub const DRAFT: GuardrailVersion = GuardrailVersion(None);

    /// A published version; `None` outside 1..=99999999.
    pub fn number(n: u32) -> Option<Self> {
        (1..=99_999_999)
            .contains(&n)
            .then_some(GuardrailVersion(Some(n)))
    }
}

impl fmt::Display for GuardrailVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(n) => write!(f, "{n}"),
            None => f.write_str("DRAFT"),
        }
    }
}

impl serde::Serialize for GuardrailVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `GuardrailIdentifier` and `GuardrailVersion`, which go together.
///
/// ```
/// use asl_bedrock::{Dynamic, Guardrail, GuardrailVersion};
/// let g = Guardrail::new("abc123", GuardrailVersion::DRAFT);
/// assert_eq!(g.identifier, Dynamic::Value("abc123".to_string()));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Guardrail {
    /// `GuardrailIdentifier`: a guardrail id or ARN.
    pub identifier: Dynamic<String>,
    /// `GuardrailVersion`.
    pub version: Dynamic<GuardrailVersion>,
}

impl Guardrail {
    /// A guardrail with a literal version.
    pub fn new(identifier: impl Into<Dynamic<String>>, version: GuardrailVersion) -> Self {
        Guardrail {
            identifier: identifier.into(),
            version: Dynamic::Value(version),
        }
    }
}

/// `Trace`: whether Bedrock traces the guardrail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trace {
    /// `ENABLED`.
    Enabled,
    /// `DISABLED`.
    Disabled,
}

impl serde::Serialize for Trace {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Trace::Enabled => "ENABLED",
            Trace::Disabled => "DISABLED",
        })
    }
}

/// A typed `bedrock:invokeModel` request. `model_id` and `input` are
/// required (leaving one out does not compile), and `input` is a
/// [`ModelInput`], so `Body` and `Input` cannot both be given.
///
/// Convert with [`InvokeModel::into_task`] (or `Task::from`, JSONPath).
///
/// ```
/// use asl_bedrock::InvokeModel;
/// use asl_core::{QueryLanguage, Task};
/// use serde_json::json;
///
/// let task: Task = InvokeModel::builder()
///     .model_id("cohere.command-text-v14")
///     .input(json!({"prompt.$": "$.prompt_one", "max_tokens": 250}))
///     .content_type("application/json")
///     .accept("*/*")
///     .build()
///     .into();
/// assert_eq!(
///     task.parameters.map(|p| p.0),
///     Some(json!({
///         "ModelId": "cohere.command-text-v14",
///         "Body": {"prompt.$": "$.prompt_one", "max_tokens": 250},
///         "ContentType": "application/json",
///         "Accept": "*/*"
///     }))
/// );
/// ```
#[derive(Debug, Clone, PartialEq, TypedBuilder)]
#[builder(doc)]
pub struct InvokeModel {
    /// `ModelId` (required).
    #[builder(setter(into))]
    pub model_id: ModelId,
    /// `Body` or `Input` (required, exactly one).
    #[builder(setter(into))]
    pub input: ModelInput,
    /// `Output.S3Uri`: write the response to S3 instead of the result.
    #[builder(default, setter(strip_option))]
    pub output: Option<S3Uri>,
    /// `ContentType` (default `application/json`).
    #[builder(default, setter(into, strip_option))]
    pub content_type: Option<Dynamic<String>>,
    /// `Accept` (default `application/json`).
    #[builder(default, setter(into, strip_option))]
    pub accept: Option<Dynamic<String>>,
    /// `GuardrailIdentifier` with `GuardrailVersion`.
    #[builder(default, setter(strip_option))]
    pub guardrail: Option<Guardrail>,
    /// `Trace`.
    #[builder(default, setter(into, strip_option))]
    pub trace: Option<Dynamic<Trace>>,
    /// The partition of the resource ARN (default `aws`).
    #[builder(default = "aws".to_string(), setter(into))]
    pub partition: String,
}

impl InvokeModel {
    /// An InvokeModel whose body is checked against the model's family at
    /// compile time: `body` must implement [`BodyFor<F>`] for the family
    /// `F` of `model` (a `Model<F>`, e.g. a constant of
    /// [`crate::models`]). A body of another family does not compile:
    /// "a `ClaudeMessages` body cannot be sent to a `CohereCommand` model".
    ///
    /// Set the optional fields with the `with_*` methods (or the public
    /// fields).
    ///
    /// ```
    /// use asl_bedrock::models::amazon;
    /// use asl_bedrock::{Dynamic, Guardrail, GuardrailVersion, InvokeModel, ModelFamily, TitanText};
    /// use asl_core::QueryLanguage;
    /// use serde_json::json;
    /// let invoke = InvokeModel::typed(amazon::TITAN_TEXT_EXPRESS, TitanText::new(Dynamic::path("$.prompt")))
    ///     .with_guardrail(Guardrail::new("abc123", GuardrailVersion::DRAFT));
    /// assert_eq!(invoke.family(), Some(ModelFamily::TitanText));
    /// assert_eq!(invoke.request(QueryLanguage::JsonPath), json!({
    ///     "ModelId": "amazon.titan-text-express-v1",
    ///     "Body": {"inputText.$": "$.prompt"},
    ///     "GuardrailIdentifier": "abc123",
    ///     "GuardrailVersion": "DRAFT"
    /// }));
    /// ```
    ///
    /// [`BodyFor<F>`]: crate::family::BodyFor
    pub fn typed<F, B>(model: Model<F>, body: B) -> Self
    where
        F: Family,
        B: BodyFor<F>,
    {
        InvokeModel::builder()
            .model_id(model)
            .input(ModelInput::Body(Dynamic::Value(body.body())))
            .build()
    }

    /// Sets `Output.S3Uri`.
    pub fn with_output(mut self, uri: S3Uri) -> Self {
        self.output = Some(uri);
        self
    }

    /// Sets `ContentType`.
    pub fn with_content_type(mut self, content_type: impl Into<Dynamic<String>>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Sets `Accept`.
    pub fn with_accept(mut self, accept: impl Into<Dynamic<String>>) -> Self {
        self.accept = Some(accept.into());
        self
    }

    /// Sets `GuardrailIdentifier` and `GuardrailVersion`.
    pub fn with_guardrail(mut self, guardrail: Guardrail) -> Self {
        self.guardrail = Some(guardrail);
        self
    }

    /// Sets `Trace`.
    pub fn with_trace(mut self, trace: impl Into<Dynamic<Trace>>) -> Self {
        self.trace = Some(trace.into());
        self
    }

    /// Sets the partition of the resource ARN.
    pub fn with_partition(mut self, partition: impl Into<String>) -> Self {
        self.partition = partition.into();
        self
    }

    /// Whether any field is a JSONata expression (which makes the Task a
    /// JSONata one).
    pub fn uses_jsonata(&self) -> bool {
        matches!(self.model_id, ModelId::Jsonata(_))
            || matches!(&self.input, ModelInput::Body(Dynamic::Jsonata(_)))
            || matches!(&self.input, ModelInput::S3(u) if u.0.is_jsonata())
            || self.output.as_ref().is_some_and(|u| u.0.is_jsonata())
            || self.content_type.as_ref().is_some_and(Dynamic::is_jsonata)
            || self.accept.as_ref().is_some_and(Dynamic::is_jsonata)
            || self
                .guardrail
                .as_ref()
                .is_some_and(|g| g.identifier.is_jsonata() || g.version.is_jsonata())
            || self.trace.as_ref().is_some_and(Dynamic::is_jsonata)
    }

    /// The model family, when the `ModelId` is static and known; its
    /// [`text_path`](crate::ModelFamily::text_path) is where the answer is.
    ///
    /// ```
    /// use asl_bedrock::{InvokeModel, ModelFamily};
    /// use serde_json::json;
    /// let invoke = InvokeModel::builder()
    ///     .model_id("cohere.command-text-v14")
    ///     .input(json!({"prompt": "Hi"}))
    ///     .build();
    /// assert_eq!(invoke.family().map(ModelFamily::text_path), Some("$.Body.generations[0].text"));
    /// ```
    pub fn family(&self) -> Option<crate::ModelFamily> {
        self.model_id.as_static().and_then(crate::ModelFamily::of)
    }

    /// The request object (`Parameters` / `Arguments` content) in `ql`.
    pub fn request(&self, ql: QueryLanguage) -> Value {
        let mut m = Map::new();
        put(&mut m, "ModelId", &self.model_id.field(), ql);
        match &self.input {
            ModelInput::Body(Dynamic::Value(b)) if ql == QueryLanguage::Jsonata => {
                m.insert("Body".to_string(), template_to_jsonata(b));
            }
            ModelInput::Body(b) => put(&mut m, "Body", b, ql),
            ModelInput::S3(u) => {
                m.insert("Input".to_string(), u.object(ql));
            }
        }
        if let Some(o) = &self.output {
            m.insert("Output".to_string(), o.object(ql));
        }
        if let Some(c) = &self.content_type {
            put(&mut m, "ContentType", c, ql);
        }
        if let Some(a) = &self.accept {
            put(&mut m, "Accept", a, ql);
        }
        if let Some(g) = &self.guardrail {
            put(&mut m, "GuardrailIdentifier", &g.identifier, ql);
            put(&mut m, "GuardrailVersion", &g.version, ql);
        }
        if let Some(t) = &self.trace {
            put(&mut m, "Trace", t, ql);
        }
        Value::Object(m)
    }

    /// The Task, in `ql`: `Parameters` (with `.$` keys) for JSONPath,
    /// `Arguments` for JSONata. A JSONata field makes the Task JSONata
    /// whatever `ql` says (JSONPath fields are then translated); JSONata
    /// Tasks carry `"QueryLanguage": "JSONata"`, so they are right in a
    /// JSONPath machine too. Set `ResultSelector`, `ResultPath`, `Next`, …
    /// on the returned [`Task`]'s public fields.
    ///
    /// ```
    /// use asl_bedrock::{InvokeModel, ModelId};
    /// use asl_core::QueryLanguage;
    /// use serde_json::json;
    /// let task = InvokeModel::builder()
    ///     .model_id(ModelId::path("$.model"))
    ///     .input(json!({"inputText": "{% $states.input.prompt %}"}))
    ///     .build()
    ///     .into_task(QueryLanguage::Jsonata);
    /// assert_eq!(task.arguments, Some(json!({
    ///     "ModelId": "{% $states.input.model %}",
    ///     "Body": {"inputText": "{% $states.input.prompt %}"}
    /// })));
    /// ```
    pub fn into_task(self, ql: QueryLanguage) -> Task {
        let ql = if self.uses_jsonata() {
            QueryLanguage::Jsonata
        } else {
            ql
        };
        let request = self.request(ql);
        let resource = format!("arn:{}:states:::bedrock:invokeModel", self.partition);
        match ql {
            QueryLanguage::JsonPath => Task::builder()
                .resource(resource)
                .parameters(request)
                .build(),
            QueryLanguage::Jsonata => Task::builder()
                .resource(resource)
                .query_language(QueryLanguage::Jsonata)
                .arguments(request)
                .build(),
        }
    }
}

impl From<InvokeModel> for Task {
    fn from(m: InvokeModel) -> Self {
        m.into_task(QueryLanguage::JsonPath)
    }
}

impl From<InvokeModel> for asl_model::State {
    fn from(m: InvokeModel) -> Self {
        asl_model::State::from(Task::from(m))
    }
}
