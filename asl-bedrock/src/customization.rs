//! The typed `bedrock:createModelCustomizationJob[.sync]` Task.

use crate::field::put;
use crate::invoke::S3Uri;
use asl_model::Dynamic;
use asl_model::{PayloadTemplate, QueryLanguage, Task};
use serde_json::{Map, Value};
use std::marker::PhantomData;
use typed_builder::TypedBuilder;

/// How Step Functions calls the API, as a type: [`RequestResponse`] or
/// [`RunJob`] (`.sync`).
pub trait IntegrationPattern {
    /// The resource suffix (`""` or `".sync"`).
    const SUFFIX: &'static str;
}

/// Request-response: the state ends once the job is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RequestResponse;

/// Run a job (`.sync`): the state waits until the job ends. Not available in
/// EXPRESS state machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunJob;

impl IntegrationPattern for RequestResponse {
    const SUFFIX: &'static str = "";
}

impl IntegrationPattern for RunJob {
    const SUFFIX: &'static str = ".sync";
}

/// The patterns whose Task result is the final job description: only
/// [`RunJob`] (`.sync`). The result accessors of
/// [`CreateModelCustomizationJob`] that read the final job
/// ([`status_path`](CreateModelCustomizationJob::status_path),
/// [`output_model_arn_path`](CreateModelCustomizationJob::output_model_arn_path),
/// [`final_job_selector`](CreateModelCustomizationJob::final_job_selector), …)
/// need it; on a request-response job they do not compile.
///
/// ```compile_fail
/// use asl_bedrock::{CreateModelCustomizationJob, RequestResponse, S3Uri};
/// let job = CreateModelCustomizationJob::<RequestResponse>::builder()
///     .job_name("my-job")
///     .custom_model_name("my-model")
///     .role_arn("arn:aws:iam::123456789012:role/myRole")
///     .base_model_identifier("amazon.titan-text-express-v1")
///     .training_data_config(S3Uri::path("$.train"))
///     .output_data_config(S3Uri::path("$.out"))
///     .build();
/// // error: `RequestResponse` does not wait for the customization job …
/// let _ = job.output_model_arn_path();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not wait for the customization job: this item needs `CreateModelCustomizationJob<RunJob>` (`.sync`)",
    label = "only a `.sync` (`RunJob`) Task's result is the final job description",
    note = "a request-response Task's result is only `{{\"JobArn\": …}}`: use `job_arn_path()`, or build a `CreateModelCustomizationJob::<RunJob>`"
)]
pub trait WaitsForJob: IntegrationPattern {}

impl WaitsForJob for RunJob {}

/// Whether `s` is a valid `JobName`: 1–63 characters matching
/// `[a-zA-Z0-9](-*[a-zA-Z0-9\+\-\.])*`.
///
/// ```
/// use asl_bedrock::is_job_name;
/// assert!(is_job_name("my-job.v1+2"));
/// assert!(!is_job_name("-job"));
/// assert!(!is_job_name("my job"));
/// assert!(!is_job_name(&"j".repeat(64)));
/// ```
pub fn is_job_name(s: &str) -> bool {
    let mut chars = s.chars();
    s.len() <= 63
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether `s` is a valid `CustomModelName`: 1–63 characters matching
/// `([0-9a-zA-Z][_-]?){1,63}` (letters and digits, each optionally
/// followed by one `_` or `-`).
///
/// ```
/// use asl_bedrock::is_custom_model_name;
/// assert!(is_custom_model_name("my_model-2"));
/// assert!(!is_custom_model_name("my__model"));
/// assert!(!is_custom_model_name("_model"));
/// assert!(!is_custom_model_name("my.model"));
/// ```
pub fn is_custom_model_name(s: &str) -> bool {
    let mut previous_alnum = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            previous_alnum = true;
        } else if matches!(c, '_' | '-') && previous_alnum {
            previous_alnum = false;
        } else {
            return false;
        }
    }
    !s.is_empty() && s.len() <= 63
}

/// Whether `s` is a valid `ClientRequestToken`: 1–256 characters matching
/// `[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?`.
///
/// ```
/// use asl_bedrock::is_client_request_token;
/// assert!(is_client_request_token("a1-b2"));
/// assert!(!is_client_request_token("a1-"));
/// assert!(!is_client_request_token("a_b"));
/// ```
pub fn is_client_request_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 256
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `VpcConfig`: the subnets (1–16) and security groups (1–5) of the
/// customization job, each id at most 32 characters.
///
/// ```
/// use asl_bedrock::VpcConfig;
/// let vpc = VpcConfig::new(["subnet-0123"], ["sg-0123"])?;
/// assert_eq!(vpc.subnet_ids(), ["subnet-0123"]);
/// let err = VpcConfig::new(Vec::<String>::new(), ["sg-0123"]).unwrap_err();
/// assert_eq!(err.to_string(), "'VpcConfig.SubnetIds' must hold 1 to 16 ids, got 0");
/// # Ok::<(), asl_bedrock::InvalidVpcConfig>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcConfig {
    subnet_ids: Vec<String>,
    security_group_ids: Vec<String>,
}

impl VpcConfig {
    /// Checks the bounds.
    pub fn new<S: Into<String>, G: Into<String>>(
        subnet_ids: impl IntoIterator<Item = S>,
        security_group_ids: impl IntoIterator<Item = G>,
    ) -> Result<Self, InvalidVpcConfig> {
        let subnet_ids: Vec<String> = subnet_ids.into_iter().map(Into::into).collect();
        let security_group_ids: Vec<String> =
            security_group_ids.into_iter().map(Into::into).collect();
        check_ids("SubnetIds", &subnet_ids, 16)?;
        check_ids("SecurityGroupIds", &security_group_ids, 5)?;
        Ok(VpcConfig {
            subnet_ids,
            security_group_ids,
        })
    }

    /// `SubnetIds`.
    pub fn subnet_ids(&self) -> &[String] {
        &self.subnet_ids
    }

    /// `SecurityGroupIds`.
    pub fn security_group_ids(&self) -> &[String] {
        &self.security_group_ids
    }

    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("SubnetIds".to_string(), self.subnet_ids.clone().into());
        m.insert(
            "SecurityGroupIds".to_string(),
            self.security_group_ids.clone().into(),
        );
        Value::Object(m)
    }
}

fn check_ids(key: &'static str, ids: &[String], max: usize) -> Result<(), InvalidVpcConfig> {
    if ids.is_empty() || ids.len() > max {
        return Err(InvalidVpcConfig::Count {
            key,
            max,
            got: ids.len(),
        });
    }
    match ids.iter().find(|id| id.is_empty() || id.len() > 32) {
        Some(id) => Err(InvalidVpcConfig::Id {
            key,
            id: id.clone(),
        }),
        None => Ok(()),
    }
}

/// A [`VpcConfig`] out of bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidVpcConfig {
    /// Too few or too many ids.
    Count {
        /// `SubnetIds` or `SecurityGroupIds`.
        key: &'static str,
        /// The largest count allowed.
        max: usize,
        /// The count given.
        got: usize,
    },
    /// An empty id or one longer than 32 characters.
    Id {
        /// `SubnetIds` or `SecurityGroupIds`.
        key: &'static str,
        /// The id.
        id: String,
    },
}

impl std::fmt::Display for InvalidVpcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InvalidVpcConfig::Count { key, max, got } => {
                write!(f, "'VpcConfig.{key}' must hold 1 to {max} ids, got {got}")
            }
            InvalidVpcConfig::Id { key, id } => write!(
                f,
                "'VpcConfig.{key}' ids must be 1 to 32 characters, got '{id}'"
            ),
        }
    }
}

impl std::error::Error for InvalidVpcConfig {}

/// A resource tag (`JobTags`, `CustomModelTags`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// `Key`.
    pub key: String,
    /// `Value`.
    pub value: String,
}

impl Tag {
    /// A tag.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Tag {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// A typed `bedrock:createModelCustomizationJob` request; the pattern is
/// the type parameter. `JobName`, `CustomModelName`, `RoleArn`,
/// `BaseModelIdentifier`, `TrainingDataConfig` and `OutputDataConfig` are
/// required: leaving one out does not compile.
///
/// ```
/// use asl_bedrock::{CreateModelCustomizationJob, RunJob, S3Uri};
/// use serde_json::json;
/// let task = CreateModelCustomizationJob::<RunJob>::builder()
///     .job_name("my-job")
///     .custom_model_name("my-model")
///     .role_arn("arn:aws:iam::123456789012:role/myRole")
///     .base_model_identifier("amazon.titan-text-express-v1")
///     .training_data_config(S3Uri::new("s3://bucket/train.jsonl")?)
///     .output_data_config(S3Uri::new("s3://bucket/out/")?)
///     .hyper_parameters(json!({"epochCount": "1"}))
///     .build()
///     .into_task(asl_core::QueryLanguage::JsonPath);
/// assert_eq!(task.resource.as_str(), "arn:aws:states:::bedrock:createModelCustomizationJob.sync");
/// assert_eq!(task.parameters.map(|p| p.0), Some(json!({
///     "JobName": "my-job",
///     "CustomModelName": "my-model",
///     "RoleArn": "arn:aws:iam::123456789012:role/myRole",
///     "BaseModelIdentifier": "amazon.titan-text-express-v1",
///     "TrainingDataConfig": {"S3Uri": "s3://bucket/train.jsonl"},
///     "OutputDataConfig": {"S3Uri": "s3://bucket/out/"},
///     "HyperParameters": {"epochCount": "1"}
/// })));
/// # Ok::<(), asl_bedrock::InvalidS3Uri>(())
/// ```
#[derive(Debug, Clone, PartialEq, TypedBuilder)]
#[builder(doc)]
pub struct CreateModelCustomizationJob<P: IntegrationPattern = RequestResponse> {
    /// `JobName` (required).
    #[builder(setter(into))]
    pub job_name: Dynamic<String>,
    /// `CustomModelName` (required).
    #[builder(setter(into))]
    pub custom_model_name: Dynamic<String>,
    /// `RoleArn`: the role Bedrock assumes (required; the execution role
    /// gets `iam:PassRole` on it).
    #[builder(setter(into))]
    pub role_arn: Dynamic<String>,
    /// `BaseModelIdentifier`: a foundation model id/ARN or a custom model ARN (required).
    #[builder(setter(into))]
    pub base_model_identifier: Dynamic<String>,
    /// `TrainingDataConfig.S3Uri` (required).
    pub training_data_config: S3Uri,
    /// `OutputDataConfig.S3Uri` (required).
    pub output_data_config: S3Uri,
    /// `ValidationDataConfig.Validators` (0 to 10).
    #[builder(default)]
    pub validation_data: Vec<S3Uri>,
    /// `HyperParameters`: model-specific string values.
    #[builder(default, setter(into, strip_option))]
    pub hyper_parameters: Option<Dynamic<Value>>,
    /// `CustomizationType` (`FINE_TUNING`, `CONTINUED_PRE_TRAINING`, …).
    #[builder(default, setter(into, strip_option))]
    pub customization_type: Option<Dynamic<String>>,
    /// `CustomModelKmsKeyId`.
    #[builder(default, setter(into, strip_option))]
    pub custom_model_kms_key_id: Option<Dynamic<String>>,
    /// `ClientRequestToken`.
    #[builder(default, setter(into, strip_option))]
    pub client_request_token: Option<Dynamic<String>>,
    /// `JobTags`.
    #[builder(default)]
    pub job_tags: Vec<Tag>,
    /// `CustomModelTags`.
    #[builder(default)]
    pub custom_model_tags: Vec<Tag>,
    /// `VpcConfig` (typed: 1–16 subnets, 1–5 security groups).
    #[builder(default, setter(strip_option))]
    pub vpc_config: Option<VpcConfig>,
    /// Any other request field (`CustomizationConfig`, …), written as given.
    #[builder(default)]
    pub other: Map<String, Value>,
    /// The partition of the resource ARN (default `aws`).
    #[builder(default = "aws".to_string(), setter(into))]
    pub partition: String,
    #[builder(default, setter(skip))]
    #[doc(hidden)]
    pub pattern: PhantomData<P>,
}

fn tags(tags: &[Tag]) -> Value {
    Value::Array(
        tags.iter()
            .map(|t| {
                let mut m = Map::new();
                m.insert("Key".to_string(), Value::String(t.key.clone()));
                m.insert("Value".to_string(), Value::String(t.value.clone()));
                Value::Object(m)
            })
            .collect(),
    )
}

impl<P: IntegrationPattern> CreateModelCustomizationJob<P> {
    fn uses_jsonata(&self) -> bool {
        [
            &self.job_name,
            &self.custom_model_name,
            &self.role_arn,
            &self.base_model_identifier,
            self.training_data_config.field(),
            self.output_data_config.field(),
        ]
        .into_iter()
        .any(Dynamic::is_jsonata)
            || self.validation_data.iter().any(|v| v.field().is_jsonata())
            || self
                .hyper_parameters
                .as_ref()
                .is_some_and(Dynamic::is_jsonata)
            || [
                &self.customization_type,
                &self.custom_model_kms_key_id,
                &self.client_request_token,
            ]
            .into_iter()
            .flatten()
            .any(Dynamic::is_jsonata)
    }

    /// The request object in `ql`.
    pub fn request(&self, ql: QueryLanguage) -> Value {
        let mut m = Map::new();
        put(&mut m, "JobName", &self.job_name, ql);
        put(&mut m, "CustomModelName", &self.custom_model_name, ql);
        put(&mut m, "RoleArn", &self.role_arn, ql);
        put(
            &mut m,
            "BaseModelIdentifier",
            &self.base_model_identifier,
            ql,
        );
        m.insert(
            "TrainingDataConfig".to_string(),
            self.training_data_config.object(ql),
        );
        if !self.validation_data.is_empty() {
            let validators = self.validation_data.iter().map(|v| v.object(ql)).collect();
            let mut vc = Map::new();
            vc.insert("Validators".to_string(), Value::Array(validators));
            m.insert("ValidationDataConfig".to_string(), Value::Object(vc));
        }
        m.insert(
            "OutputDataConfig".to_string(),
            self.output_data_config.object(ql),
        );
        if let Some(h) = &self.hyper_parameters {
            put(&mut m, "HyperParameters", h, ql);
        }
        if let Some(c) = &self.customization_type {
            put(&mut m, "CustomizationType", c, ql);
        }
        if let Some(k) = &self.custom_model_kms_key_id {
            put(&mut m, "CustomModelKmsKeyId", k, ql);
        }
        if let Some(t) = &self.client_request_token {
            put(&mut m, "ClientRequestToken", t, ql);
        }
        if let Some(v) = &self.vpc_config {
            m.insert("VpcConfig".to_string(), v.to_json());
        }
        if !self.job_tags.is_empty() {
            m.insert("JobTags".to_string(), tags(&self.job_tags));
        }
        if !self.custom_model_tags.is_empty() {
            m.insert("CustomModelTags".to_string(), tags(&self.custom_model_tags));
        }
        for (k, v) in &self.other {
            m.insert(k.clone(), v.clone());
        }
        Value::Object(m)
    }

    /// The problems [`Bedrock`](crate::Bedrock)'s validator finds in the
    /// Task (format of `JobName`, `CustomModelName`, `RoleArn`,
    /// `ClientRequestToken`, array bounds, …), with pointers relative to
    /// the Task; empty when it is valid. Run-time values are not checked.
    ///
    /// ```
    /// use asl_bedrock::{CreateModelCustomizationJob, RunJob, S3Uri};
    /// let job = CreateModelCustomizationJob::<RunJob>::builder()
    ///     .job_name("my job")
    ///     .custom_model_name("my-model")
    ///     .role_arn("arn:aws:iam::123456789012:role/myRole")
    ///     .base_model_identifier("amazon.titan-text-express-v1")
    ///     .training_data_config(S3Uri::path("$.train"))
    ///     .output_data_config(S3Uri::path("$.out"))
    ///     .build();
    /// assert_eq!(
    ///     job.problems().iter().map(ToString::to_string).collect::<Vec<_>>(),
    ///     ["ERROR INVALID_INTEGRATION_PARAMETERS at /Parameters/JobName: 'Parameters.JobName' must match [a-zA-Z0-9](-*[a-zA-Z0-9+\\-.])* (letters, digits, '+', '-', '.'; starting with a letter or digit), got 'my job'"]
    /// );
    /// ```
    pub fn problems(&self) -> Vec<asl_model::Diagnostic> {
        use asl_model::integration::{Integration, TaskContext};
        let task = self.to_task(QueryLanguage::JsonPath);
        let ql = task.query_language.unwrap_or(QueryLanguage::JsonPath);
        let cx = TaskContext {
            name: "",
            pointer: "",
            query_language: ql,
            machine_type: None,
        };
        let mut out = Vec::new();
        crate::Bedrock::default().validate(&task, &cx, &mut out);
        out
    }

    /// The Task (`Parameters` for JSONPath, `Arguments` and
    /// `"QueryLanguage": "JSONata"` for JSONata; a JSONata field forces
    /// JSONata), with the resource of pattern `P`.
    pub fn into_task(self, ql: QueryLanguage) -> Task {
        self.to_task(ql)
    }

    fn to_task(&self, ql: QueryLanguage) -> Task {
        let ql = if self.uses_jsonata() {
            QueryLanguage::Jsonata
        } else {
            ql
        };
        let request = self.request(ql);
        let resource = format!(
            "arn:{}:states:::bedrock:createModelCustomizationJob{}",
            self.partition,
            P::SUFFIX
        );
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

/// Where things are in the Task result. Both patterns return `JobArn`;
/// the rest is the final job description (`GetModelCustomizationJob`,
/// PascalCase as Step Functions returns it), which only `.sync` Tasks
/// ([`RunJob`]) wait for: these accessors need `P: `[`WaitsForJob`].
///
/// ```
/// use asl_bedrock::{CreateModelCustomizationJob, RunJob, S3Uri};
/// use asl_core::PayloadTemplate;
/// use serde_json::json;
/// let job = CreateModelCustomizationJob::<RunJob>::builder()
///     .job_name("my-job")
///     .custom_model_name("my-model")
///     .role_arn("arn:aws:iam::123456789012:role/myRole")
///     .base_model_identifier("amazon.titan-text-express-v1")
///     .training_data_config(S3Uri::path("$.train"))
///     .output_data_config(S3Uri::path("$.out"))
///     .build();
/// assert_eq!(job.job_arn_path(), "$.JobArn");
/// assert_eq!(job.output_model_arn_path(), "$.OutputModelArn");
/// assert_eq!(job.status_path(), "$.Status");
/// let selector = job.final_job_selector();
/// let mut task = job.into_task(asl_core::QueryLanguage::JsonPath);
/// task.result_selector = Some(selector);
/// assert_eq!(
///     task.result_selector.map(|s| s.0),
///     Some(json!({
///         "JobArn.$": "$.JobArn",
///         "JobName.$": "$.JobName",
///         "Status.$": "$.Status",
///         "OutputModelArn.$": "$.OutputModelArn",
///         "OutputModelName.$": "$.OutputModelName"
///     }))
/// );
/// ```
impl<P: IntegrationPattern> CreateModelCustomizationJob<P> {
    /// `$.JobArn`: the ARN of the created job (both patterns).
    pub fn job_arn_path(&self) -> &'static str {
        "$.JobArn"
    }

    /// `{% $states.result.JobArn %}`.
    pub fn job_arn_jsonata(&self) -> &'static str {
        "{% $states.result.JobArn %}"
    }

    /// `$.Status` of the final job (`Completed` when the state succeeds;
    /// `.sync` only).
    pub fn status_path(&self) -> &'static str
    where
        P: WaitsForJob,
    {
        "$.Status"
    }

    /// `$.OutputModelArn`: the ARN of the custom model the job made
    /// (`.sync` only).
    pub fn output_model_arn_path(&self) -> &'static str
    where
        P: WaitsForJob,
    {
        "$.OutputModelArn"
    }

    /// `$.OutputModelName` (`.sync` only).
    pub fn output_model_name_path(&self) -> &'static str
    where
        P: WaitsForJob,
    {
        "$.OutputModelName"
    }

    /// `{% $states.result.OutputModelArn %}` (`.sync` only).
    pub fn output_model_arn_jsonata(&self) -> &'static str
    where
        P: WaitsForJob,
    {
        "{% $states.result.OutputModelArn %}"
    }

    /// A JSONPath `ResultSelector` keeping the useful part of the final
    /// job: `JobArn`, `JobName`, `Status`, `OutputModelArn`,
    /// `OutputModelName` (`.sync` only).
    pub fn final_job_selector(&self) -> PayloadTemplate
    where
        P: WaitsForJob,
    {
        PayloadTemplate::from(final_job(|k| (format!("{k}.$"), format!("$.{k}"))))
    }

    /// The same selection as a JSONata `Output` (`.sync` only).
    pub fn final_job_output(&self) -> Value
    where
        P: WaitsForJob,
    {
        final_job(|k| (k.to_string(), format!("{{% $states.result.{k} %}}")))
    }
}

fn final_job(entry: impl Fn(&str) -> (String, String)) -> Value {
    let mut m = Map::new();
    for k in [
        "JobArn",
        "JobName",
        "Status",
        "OutputModelArn",
        "OutputModelName",
    ] {
        let (key, value) = entry(k);
        m.insert(key, Value::String(value));
    }
    Value::Object(m)
}

impl<P: IntegrationPattern> From<CreateModelCustomizationJob<P>> for Task {
    fn from(job: CreateModelCustomizationJob<P>) -> Self {
        job.into_task(QueryLanguage::JsonPath)
    }
}

impl<P: IntegrationPattern> From<CreateModelCustomizationJob<P>> for asl_model::State {
    fn from(job: CreateModelCustomizationJob<P>) -> Self {
        asl_model::State::from(Task::from(job))
    }
}
