//! The typed `bedrock:invokeModel` Task.

use crate::arn;
use crate::family::{BodyFor, Family, Model};
use crate::integration::{INVOKE_MODEL_SID, MAX_BODY_BYTES};
use asl_model::iam::Statement;
use asl_model::integration::{
    query_language_of, AwsEnvironment, Literal, Problems, Request, RequestWriter, TaskContext,
    TypedTask,
};
use asl_model::{arn as aws, codes, is_substitution, Diagnostic, Dynamic, Path};
use asl_model::{QueryLanguage, Task};
use serde_json::{Map, Value};
use std::fmt;
use typed_builder::TypedBuilder;

/// Setters of optional fields, `name(field: Type)`, each taking the value
/// as it is (`as_is`) or anything that converts into it (`into`).
macro_rules! optional_setters {
    ($($(#[$doc:meta])* $name:ident($field:ident: $ty:ty) $conv:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, $field: optional_setters!(@arg $conv $ty)) -> Self {
                self.$field = Some(optional_setters!(@value $conv $field));
                self
            }
        )*
    };
    (@arg as_is $ty:ty) => { $ty };
    (@arg into $ty:ty) => { impl Into<$ty> };
    (@value as_is $field:ident) => { $field };
    (@value into $field:ident) => { $field.into() };
}

/// The model a Task invokes (`ModelId`).
///
/// `From<&str>` classifies a literal: an ARN is used as given, an id with an
/// inference-profile region prefix (`us.`, `eu.`, `apac.`, `global.`, …) is
/// an inference profile, a whole `${Name}` a template substitution, anything
/// else a foundation model id.
///
/// The IAM statement follows the variant: the exact foundation-model,
/// inference-profile (with its destination models) or given ARN for a
/// literal, the documented wildcard ("full access": any foundation or
/// provisioned model) for a path, an expression, a substitution or a literal
/// holding `${…}`.
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
    /// A `${Name}` template substitution, replaced before the definition
    /// reaches Step Functions.
    Substitution(String),
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
            ModelId::Path(_) | ModelId::Jsonata(_) | ModelId::Substitution(_) => None,
        }
    }

    /// The field as a [`Dynamic`], as it is written.
    pub fn field(&self) -> Dynamic<String> {
        match self {
            ModelId::Foundation(s) | ModelId::InferenceProfile(s) | ModelId::Arn(s) => {
                Dynamic::Value(s.clone())
            }
            ModelId::Path(p) => Dynamic::path(p.as_str()),
            ModelId::Jsonata(e) => Dynamic::jsonata(e),
            ModelId::Substitution(s) => Dynamic::Substitution(s.clone()),
        }
    }

    /// The model id a `ModelId` field holds, as read from a Task.
    ///
    /// ```
    /// use asl_bedrock::{Dynamic, ModelId};
    /// assert_eq!(ModelId::from_dynamic(Dynamic::path("$.model")), ModelId::path("$.model"));
    /// assert_eq!(ModelId::from_dynamic(Dynamic::from("${Model}")), ModelId::Substitution("${Model}".into()));
    /// ```
    pub fn from_dynamic(field: Dynamic<String>) -> Self {
        match field {
            Dynamic::Value(s) => ModelId::from(s),
            Dynamic::Path(p) => ModelId::Path(p.to_string()),
            Dynamic::Jsonata(j) => ModelId::Jsonata(j.to_string()),
            Dynamic::Substitution(s) => ModelId::Substitution(s),
        }
    }

    /// The resources `bedrock:InvokeModel` needs for this model.
    fn resources(&self, env: &AwsEnvironment) -> Vec<String> {
        let wildcard = |s: &str| s.contains("${");
        match self {
            ModelId::Foundation(id) if !wildcard(id) => vec![arn::foundation_model(env, id)],
            ModelId::InferenceProfile(id) if !wildcard(id) => {
                let (first, base) = if aws::is_arn(id) {
                    (
                        id.clone(),
                        arn::bedrock_id(id).and_then(arn::strip_profile_prefix),
                    )
                } else {
                    (
                        arn::bedrock(env, "inference-profile", id),
                        arn::strip_profile_prefix(id),
                    )
                };
                let mut r = vec![first];
                if let Some(base) = base {
                    // The profile routes to the base model in several regions.
                    r.push(format!(
                        "arn:{}:bedrock:*::foundation-model/{base}",
                        env.partition
                    ));
                }
                r
            }
            ModelId::Arn(id) if !wildcard(id) => vec![id.clone()],
            _ => any_model(env),
        }
    }
}

/// Whether `id` can name a model for `InvokeModel`: 1 to 2,048 characters
/// of the alphabet Bedrock's `modelId` pattern uses (ids, inference
/// profiles and ARNs alike).
fn is_model_identifier(id: &str) -> bool {
    (1..=2048).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':' | b'/'))
}

/// AWS's "full access" form for a model known only at run time: any
/// foundation model and any provisioned model of the account.
pub(crate) fn any_model(env: &AwsEnvironment) -> Vec<String> {
    vec![
        arn::foundation_model(env, "*"),
        arn::bedrock(env, "provisioned-model", "*"),
    ]
}

impl From<&str> for ModelId {
    fn from(s: &str) -> Self {
        if is_substitution(s) {
            ModelId::Substitution(s.to_string())
        } else if s.starts_with("arn:") {
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
///
/// Read from a Task, it keeps what the definition says: a literal that does
/// not start with `s3://` (reported by the validator), a whole object given
/// at run time (`"Input.$": "$.input"`, see [`S3Uri::is_whole_object`]) and
/// other members of the object, written back as given.
#[derive(Debug, Clone, PartialEq)]
pub struct S3Uri {
    uri: Dynamic<String>,
    whole: bool,
    extra: Map<String, Value>,
}

/// The object shape named in messages.
pub(crate) const S3_SHAPE: &str = "{\"S3Uri\": \"s3://bucket/key\"}";

impl S3Uri {
    /// A literal URI; it must start with `s3://` and name a bucket.
    pub fn new(uri: impl Into<String>) -> Result<Self, InvalidS3Uri> {
        let uri = uri.into();
        match uri.strip_prefix("s3://") {
            Some(rest) if !rest.is_empty() && !rest.starts_with('/') => {
                Ok(S3Uri::of(Dynamic::Value(uri)))
            }
            _ => Err(InvalidS3Uri(uri)),
        }
    }

    /// A URI taken from a JSONPath at run time (`"S3Uri.$"`).
    pub fn path(path: impl Into<String>) -> Self {
        S3Uri::of(Dynamic::path(path.into()))
    }

    /// A URI computed by a JSONata expression.
    pub fn jsonata(expression: impl Into<String>) -> Self {
        S3Uri::of(Dynamic::jsonata(expression.into()))
    }

    /// The field: the `S3Uri` value, or, when
    /// [`is_whole_object`](S3Uri::is_whole_object), the run-time value of
    /// the whole object.
    pub fn field(&self) -> &Dynamic<String> {
        &self.uri
    }

    /// Whether the whole `{"S3Uri": …}` object is given at run time
    /// (`"Input.$": "$.input"`, `"Input": "{% … %}"`), not only the URI.
    pub fn is_whole_object(&self) -> bool {
        self.whole
    }

    fn of(uri: Dynamic<String>) -> Self {
        S3Uri {
            uri,
            whole: false,
            extra: Map::new(),
        }
    }

    /// Writes the object under `key`.
    pub(crate) fn write(&self, w: &mut RequestWriter, key: &str) {
        if self.whole {
            w.put(key, &self.uri);
            return;
        }
        let mut object = RequestWriter::new(w.query_language());
        object.put("S3Uri", &self.uri);
        object.extend(&self.extra);
        w.insert(key, object.into_value());
    }

    /// Reads the members of a `{"S3Uri": …}` object.
    pub(crate) fn read_in(n: &mut Request<'_>) -> S3Uri {
        let uri = n.required::<String>("S3Uri");
        if let Some(s) = uri.static_str() {
            if !s.starts_with("s3://") {
                let message = format!("'{}.S3Uri' must start with 's3://', got '{s}'", n.name());
                n.error("/S3Uri", message);
            }
        }
        let extra = n.rest();
        S3Uri {
            uri,
            whole: false,
            extra,
        }
    }

    /// The object as [`Request::object`] read it.
    pub(crate) fn from_read(object: Dynamic<S3Uri>) -> S3Uri {
        let whole = |uri: Dynamic<String>| S3Uri {
            uri,
            whole: true,
            extra: Map::new(),
        };
        match object {
            Dynamic::Value(u) => u,
            Dynamic::Path(p) => whole(Dynamic::Path(p)),
            Dynamic::Jsonata(j) => whole(Dynamic::Jsonata(j)),
            Dynamic::Substitution(s) => whole(Dynamic::Substitution(s)),
        }
    }

    /// A URI read from a validator entry, unchecked (AWS checks it).
    pub(crate) fn unchecked(uri: Dynamic<String>) -> Self {
        S3Uri::of(uri)
    }

    /// A stand-in for a required object that could not be read.
    pub(crate) fn stand_in() -> Self {
        S3Uri::of(Dynamic::Path(Path::new("$")))
    }

    /// The S3 object ARN(s) the URI names; any object when it is only
    /// known at run time.
    pub(crate) fn resource(&self, env: &AwsEnvironment) -> String {
        match self.uri.static_str() {
            Some(uri) if !self.whole => {
                aws::s3_object(env, uri).unwrap_or_else(|| aws::any_s3(env))
            }
            _ => aws::any_s3(env),
        }
    }

    fn is_jsonata(&self) -> bool {
        self.uri.is_jsonata()
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

impl Literal for GuardrailVersion {
    fn from_json(value: &Value) -> Result<Self, String> {
        let Some(v) = value.as_str() else {
            return Err("must be a string".to_string());
        };
        let invalid = || format!("must be \"DRAFT\" or a version number 1..99999999, got '{v}'");
        if v == "DRAFT" {
            return Ok(GuardrailVersion::DRAFT);
        }
        if !is_guardrail_version(v) {
            return Err(invalid());
        }
        v.parse::<u32>()
            .ok()
            .and_then(GuardrailVersion::number)
            .ok_or_else(invalid)
    }
}

/// Whether `v` is a valid `GuardrailVersion`: `DRAFT` or `1`..`99999999`.
///
/// ```
/// use asl_bedrock::is_guardrail_version;
/// assert!(is_guardrail_version("DRAFT"));
/// assert!(is_guardrail_version("12"));
/// assert!(!is_guardrail_version("0"));
/// assert!(!is_guardrail_version("123456789"));
/// ```
pub fn is_guardrail_version(v: &str) -> bool {
    v == "DRAFT"
        || (!v.is_empty()
            && v.len() <= 8
            && !v.starts_with('0')
            && v.bytes().all(|b| b.is_ascii_digit()))
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
    /// `ENABLED_FULL`: the full guardrail trace.
    EnabledFull,
}

impl serde::Serialize for Trace {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Trace::Enabled => "ENABLED",
            Trace::Disabled => "DISABLED",
            Trace::EnabledFull => "ENABLED_FULL",
        })
    }
}

impl Literal for Trace {
    fn from_json(value: &Value) -> Result<Self, String> {
        match value.as_str() {
            Some("ENABLED") => Ok(Trace::Enabled),
            Some("DISABLED") => Ok(Trace::Disabled),
            Some("ENABLED_FULL") => Ok(Trace::EnabledFull),
            Some(t) => Err(format!("must be ENABLED or DISABLED, got '{t}'")),
            None => Err("must be a string".to_string()),
        }
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
    /// Any other request field, written as given after the others (the
    /// Bedrock API's `PerformanceConfigLatency` or `ServiceTier`, which the
    /// Step Functions integration does not document).
    #[builder(default)]
    pub other: Map<String, Value>,
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

    optional_setters! {
        /// Sets `Output.S3Uri`.
        with_output(output: S3Uri) as_is;
        /// Sets `ContentType`.
        with_content_type(content_type: Dynamic<String>) into;
        /// Sets `Accept`.
        with_accept(accept: Dynamic<String>) into;
        /// Sets `GuardrailIdentifier` and `GuardrailVersion`.
        with_guardrail(guardrail: Guardrail) as_is;
        /// Sets `Trace`.
        with_trace(trace: Dynamic<Trace>) into;
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
            || matches!(&self.input, ModelInput::S3(u) if u.is_jsonata())
            || self.output.as_ref().is_some_and(S3Uri::is_jsonata)
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
        self.writer(ql).into_value()
    }

    fn writer(&self, ql: QueryLanguage) -> RequestWriter {
        let mut w = RequestWriter::new(ql);
        w.put("ModelId", &self.model_id.field());
        match &self.input {
            ModelInput::Body(b) => w.template("Body", b),
            ModelInput::S3(u) => u.write(&mut w, "Input"),
        }
        if let Some(o) = &self.output {
            o.write(&mut w, "Output");
        }
        w.put_opt("ContentType", self.content_type.as_ref());
        w.put_opt("Accept", self.accept.as_ref());
        if let Some(g) = &self.guardrail {
            w.put("GuardrailIdentifier", &g.identifier);
            w.put("GuardrailVersion", &g.version);
        }
        w.put_opt("Trace", self.trace.as_ref());
        w.extend(&self.other);
        w
    }

    /// Everything the validator reports about this request once it is a
    /// Task (pointers relative to the Task, `/Parameters/Body`); empty when
    /// it is valid.
    ///
    /// ```
    /// use asl_bedrock::InvokeModel;
    /// use serde_json::json;
    /// let big = InvokeModel::builder()
    ///     .model_id("amazon.titan-text-express-v1")
    ///     .input(json!({"inputText": "x".repeat(300 * 1024)}))
    ///     .build();
    /// assert_eq!(big.problems()[0].location, "/Parameters/Body");
    /// ```
    pub fn problems(&self) -> Vec<Diagnostic> {
        TypedTask::problems(self)
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
        let resource = format!("arn:{}:states:::bedrock:invokeModel", self.partition);
        self.writer(ql).into_task(resource)
    }
}

/// The length of `v` written as compact JSON (what `serde_json::to_string`
/// would return), counted without building the text.
fn json_len(v: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(0);
    serde_json::to_writer(&mut n, v).map_or(0, |()| n.0)
}

/// `bedrock:invokeModel`: read from a Task's request, validated, and the
/// statements it needs: `bedrock:InvokeModel` on the model
/// ([`ModelId`] says which ARN), `s3:GetObject` on `Input`,
/// `s3:PutObject` on `Output`, `bedrock:ApplyGuardrail` on the guardrail.
///
/// ```
/// use asl_bedrock::{InvokeModel, ModelId};
/// use asl_core::Task;
/// use serde_json::json;
/// let task = Task::builder()
///     .resource("arn:aws:states:::bedrock:invokeModel")
///     .parameters(json!({"ModelId.$": "$.model", "Body": {"inputText.$": "$.prompt"}}))
///     .build();
/// let invoke = InvokeModel::try_from(&task).unwrap();
/// assert_eq!(invoke.model_id, ModelId::path("$.model"));
/// assert_eq!(Task::from(invoke), task);
///
/// let typo = Task::builder()
///     .resource("arn:aws:states:::bedrock:invokeModel")
///     .parameters(json!({"ModelId": "m", "Body": {}, "Acept": "*/*"}))
///     .build();
/// assert_eq!(
///     InvokeModel::try_from(&typo).unwrap_err()[0].to_string(),
///     "ERROR INVALID_INTEGRATION_PARAMETERS at /Parameters/Acept: field 'Acept' is not a parameter of bedrock:invokeModel; did you mean 'Accept'?"
/// );
/// ```
impl TypedTask for InvokeModel {
    const NAME: &'static str = "bedrock:invokeModel";
    const RESOURCES: &'static [&'static str] = &["bedrock:invokeModel"];

    fn read(r: &mut Request<'_>) -> Self {
        let f = r.name().to_string();
        let model_id = ModelId::from_dynamic(r.required::<String>("ModelId"));
        let (has_body, has_input) = (r.contains("Body"), r.contains("Input"));
        if has_body && has_input {
            r.error(
                "/Input",
                format!("'{f}.Body' and '{f}.Input' exclude each other: give the request inline in 'Body' or in S3 with 'Input', not both"),
            );
        } else if !has_body && !has_input {
            r.error(
                "",
                format!("bedrock:invokeModel requires '{f}.Body' or '{f}.Input'"),
            );
        }
        let body = r.optional::<Value>("Body");
        let input = r.object("Input", S3_SHAPE, S3Uri::read_in);
        let input = match (body, input) {
            (Some(b), _) => ModelInput::Body(b),
            (None, Some(u)) => ModelInput::S3(S3Uri::from_read(u)),
            (None, None) => ModelInput::Body(Dynamic::Path(Path::new("$"))),
        };
        let output = r
            .object("Output", S3_SHAPE, S3Uri::read_in)
            .map(S3Uri::from_read);
        let content_type = r.optional("ContentType");
        let accept = r.optional("Accept");
        let identifier = r.optional::<String>("GuardrailIdentifier");
        let version = r.optional::<GuardrailVersion>("GuardrailVersion");
        match (
            r.contains("GuardrailIdentifier"),
            r.contains("GuardrailVersion"),
        ) {
            (true, false) => r.error(
                "/GuardrailIdentifier",
                format!("'{f}.GuardrailIdentifier' needs '{f}.GuardrailVersion'"),
            ),
            (false, true) => r.error(
                "/GuardrailVersion",
                format!("'{f}.GuardrailVersion' needs '{f}.GuardrailIdentifier'"),
            ),
            _ => {}
        }
        let guardrail = identifier
            .zip(version)
            .map(|(identifier, version)| Guardrail {
                identifier,
                version,
            });
        let trace = r.optional("Trace");
        // In the Bedrock InvokeModel API, not in the Step Functions page.
        r.undocumented("PerformanceConfigLatency");
        r.undocumented("ServiceTier");
        InvokeModel {
            model_id,
            input,
            output,
            content_type,
            accept,
            guardrail,
            trace,
            other: r.rest(),
            partition: r.partition().to_string(),
        }
    }

    fn into_task(self, ql: QueryLanguage) -> Task {
        InvokeModel::into_task(self, ql)
    }

    fn validate(&self, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut p = Problems::new(cx, out);
        let f = p.field();
        if let Some(id) = self.model_id.as_static().filter(|id| !id.contains("${")) {
            if !is_model_identifier(id) {
                p.warning(
                    "/ModelId",
                    format!("'{f}.ModelId' is the literal {id:?}, which is not a model id, an inference profile id or an ARN (Bedrock accepts letters, digits and '.', '-', '_', ':', '/'): the call would fail at run time; to compute the model, use a path or a JSONata expression"),
                );
            }
        }
        if let ModelInput::Body(Dynamic::Value(v)) = &self.input {
            if v.as_str().is_some_and(|s| s.contains("${")) {
                return;
            }
            if let (Some(family), Some(body)) = (self.family(), v.as_object()) {
                let missing: Vec<&str> = family
                    .required_body_fields()
                    .iter()
                    .copied()
                    .filter(|k| !body.contains_key(*k) && !body.contains_key(&format!("{k}.$")))
                    .collect();
                if !missing.is_empty() {
                    p.warning(
                        "/Body",
                        format!(
                            "'{f}.Body' has no {}, which {family:?} models require: Bedrock would reject the request at run time (the typed bodies, such as asl_bedrock::ClaudeMessages, always write them)",
                            missing.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(" or "),
                        ),
                    );
                }
            }
            let size = json_len(v);
            if size > MAX_BODY_BYTES {
                p.error_with(
                    codes::LIMIT_EXCEEDED,
                    "/Body",
                    format!("'{f}.Body' is {size} bytes, over the 256 KiB limit: put the request in S3 and use 'Input'"),
                );
            }
        }
    }

    fn statements(&self, _: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
        invoke_statements(
            self.model_id.resources(env),
            match &self.input {
                ModelInput::S3(u) => Some(u.resource(env)),
                ModelInput::Body(_) => None,
            },
            self.output.as_ref().map(|u| u.resource(env)),
            self.guardrail
                .as_ref()
                .map(|g| match g.identifier.static_str() {
                    Some(id) if aws::is_arn(id) => id.to_string(),
                    Some(id) => arn::bedrock(env, "guardrail", id),
                    None => arn::bedrock(env, "guardrail", "*"),
                }),
        )
    }

    fn opaque_statements(_: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
        invoke_statements(
            any_model(env),
            Some(aws::any_s3(env)),
            Some(aws::any_s3(env)),
            Some(arn::bedrock(env, "guardrail", "*")),
        )
    }
}

fn invoke_statements(
    models: Vec<String>,
    input: Option<String>,
    output: Option<String>,
    guardrail: Option<String>,
) -> Vec<Statement> {
    let mut out = vec![Statement::allow(
        INVOKE_MODEL_SID,
        ["bedrock:InvokeModel"],
        models,
    )];
    for (action, resource) in [
        ("s3:GetObject", input),
        ("s3:PutObject", output),
        ("bedrock:ApplyGuardrail", guardrail),
    ] {
        if let Some(r) = resource {
            out.push(Statement::allow(INVOKE_MODEL_SID, [action], [r]));
        }
    }
    out
}

impl TryFrom<&Task> for InvokeModel {
    type Error = Vec<Diagnostic>;

    /// Reads a `bedrock:invokeModel` Task (in the query language it
    /// declares or implies); the errors, with pointers relative to the Task.
    fn try_from(task: &Task) -> Result<Self, Self::Error> {
        InvokeModel::try_from_task(task, query_language_of(task))
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
