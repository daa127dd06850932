//! The typed `bedrock:createModelCustomizationJob[.sync]` Task.

use crate::arn;
use crate::integration::CUSTOMIZATION_SID;
use crate::invoke::{S3Uri, S3_SHAPE};
use asl_model::iam::Statement;
use asl_model::integration::{
    query_language_of, AwsEnvironment, Problems, Request, RequestWriter, TaskContext, TypedTask,
};
use asl_model::{arn as aws, Diagnostic, Dynamic};
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
    /// `TrainingDataConfig.S3Uri` (required). Read from a Task whose
    /// `TrainingDataConfig` has no `S3Uri` (an `InvocationLogsConfig`, for
    /// distillation), the object is kept as written in [`other`](Self::other),
    /// which then takes this field's place, and this field is the
    /// placeholder `S3Uri::path("$")`.
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
    /// Any other request field (`CustomizationConfig`, …), written as given;
    /// a key that is also a typed field replaces it in place. Reading a Task
    /// keeps here what the typed fields cannot hold as written: run-time or
    /// empty tags, a run-time `VpcConfig` or `ValidationDataConfig`, a
    /// `CustomizationType` or `CustomModelKmsKeyId` that is not a string.
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
        self.writer(ql).into_value()
    }

    fn writer(&self, ql: QueryLanguage) -> RequestWriter {
        let mut w = RequestWriter::new(ql);
        w.put("JobName", &self.job_name);
        w.put("CustomModelName", &self.custom_model_name);
        w.put("RoleArn", &self.role_arn);
        w.put("BaseModelIdentifier", &self.base_model_identifier);
        self.training_data_config
            .write(&mut w, "TrainingDataConfig");
        if !self.validation_data.is_empty() {
            let validators = self
                .validation_data
                .iter()
                .map(|v| {
                    let mut item = RequestWriter::new(ql);
                    v.write(&mut item, "S3Uri");
                    item.into_map().remove("S3Uri").unwrap_or(Value::Null)
                })
                .collect();
            let mut vc = Map::new();
            vc.insert("Validators".to_string(), Value::Array(validators));
            w.insert("ValidationDataConfig", Value::Object(vc));
        }
        self.output_data_config.write(&mut w, "OutputDataConfig");
        if let Some(h) = &self.hyper_parameters {
            w.put("HyperParameters", h);
        }
        w.put_opt("CustomizationType", self.customization_type.as_ref());
        w.put_opt("CustomModelKmsKeyId", self.custom_model_kms_key_id.as_ref());
        w.put_opt("ClientRequestToken", self.client_request_token.as_ref());
        if let Some(v) = &self.vpc_config {
            w.insert("VpcConfig", v.to_json());
        }
        if !self.job_tags.is_empty() {
            w.insert("JobTags", tags(&self.job_tags));
        }
        if !self.custom_model_tags.is_empty() {
            w.insert("CustomModelTags", tags(&self.custom_model_tags));
        }
        w.extend(&self.other);
        w
    }

    /// The problems the validator finds in the Task (format of `JobName`,
    /// `CustomModelName`, `RoleArn`, `ClientRequestToken`, array bounds, …),
    /// with pointers relative to the Task; empty when it is valid. Run-time
    /// values are not checked.
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
    pub fn problems(&self) -> Vec<Diagnostic>
    where
        Self: TypedTask + Clone,
    {
        TypedTask::problems(self)
    }

    /// The Task (`Parameters` for JSONPath, `Arguments` and
    /// `"QueryLanguage": "JSONata"` for JSONata; a JSONata field forces
    /// JSONata), with the resource of pattern `P`.
    pub fn into_task(self, ql: QueryLanguage) -> Task {
        let ql = if self.uses_jsonata() {
            QueryLanguage::Jsonata
        } else {
            ql
        };
        let resource = format!(
            "arn:{}:states:::bedrock:createModelCustomizationJob{}",
            self.partition,
            P::SUFFIX
        );
        self.writer(ql).into_task(resource)
    }

    /// Whether a tag list is given, typed or in [`other`](Self::other).
    fn has_tags(&self) -> bool {
        !self.job_tags.is_empty()
            || !self.custom_model_tags.is_empty()
            || [
                "JobTags",
                "JobTags.$",
                "CustomModelTags",
                "CustomModelTags.$",
            ]
            .iter()
            .any(|k| self.other.contains_key(*k))
    }

    /// The rules the types do not hold: name and token formats, the role
    /// ARN, list bounds.
    fn check(&self, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut p = Problems::new(cx, out);
        let f = p.field();
        for (key, value) in [
            ("JobName", &self.job_name),
            ("CustomModelName", &self.custom_model_name),
        ] {
            let Some(s) = value.static_str() else {
                continue;
            };
            let at = format!("/{key}");
            if s.is_empty() || s.chars().count() > 63 {
                p.error(&at, format!("'{f}.{key}' must be 1 to 63 characters"));
            } else if key == "JobName" && !is_job_name(s) {
                p.error(&at, format!("'{f}.JobName' must match [a-zA-Z0-9](-*[a-zA-Z0-9+\\-.])* (letters, digits, '+', '-', '.'; starting with a letter or digit), got '{s}'"));
            } else if key == "CustomModelName" && !is_custom_model_name(s) {
                p.error(&at, format!("'{f}.CustomModelName' must match ([0-9a-zA-Z][_-]?){{1,63}} (letters and digits, each followed by at most one '_' or '-'), got '{s}'"));
            }
        }
        if let Some(t) = self
            .client_request_token
            .as_ref()
            .and_then(Dynamic::static_str)
        {
            if !is_client_request_token(t) {
                p.error(
                    "/ClientRequestToken",
                    format!("'{f}.ClientRequestToken' must be 1 to 256 letters, digits and '-', starting and ending with a letter or digit, got '{t}'"),
                );
            }
        }
        if let Some(role) = self.role_arn.static_str() {
            if !(role.starts_with("arn:") && role.contains(":iam::") && role.contains(":role/")) {
                p.error(
                    "/RoleArn",
                    format!("'{f}.RoleArn' must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME), got '{role}'"),
                );
            }
        }
        if self.validation_data.len() > 10 {
            p.error(
                "/ValidationDataConfig/Validators",
                format!("'{f}.ValidationDataConfig.Validators' holds at most 10 entries"),
            );
        }
        for (key, list) in [
            ("JobTags", &self.job_tags),
            ("CustomModelTags", &self.custom_model_tags),
        ] {
            if list.len() > 200 {
                p.error(
                    &format!("/{key}"),
                    format!("'{f}.{key}' holds at most 200 tags"),
                );
            }
        }
    }

    fn job_statements(&self, env: &AwsEnvironment) -> Vec<Statement> {
        let kms = match &self.custom_model_kms_key_id {
            Some(k) => Some(k.static_str()),
            None if self.other.contains_key("CustomModelKmsKeyId") => Some(None),
            None => None,
        };
        job_statements(
            env,
            P::SUFFIX == ".sync",
            self.base_model_identifier.static_str(),
            self.has_tags(),
            self.role_arn.static_str(),
            kms,
        )
    }
}

/// The statements of a customization job: `bedrock:CreateModelCustomizationJob`
/// on the base model (unless a custom model of this account), any custom
/// model and any job of the account, with `bedrock:TagResource` when tags
/// are given; `Get`/`Stop` on the jobs for `.sync`; `iam:PassRole` on the
/// role; the KMS actions on the key.
fn job_statements(
    env: &AwsEnvironment,
    sync: bool,
    base: Option<&str>,
    tagged: bool,
    role: Option<&str>,
    kms: Option<Option<&str>>,
) -> Vec<Statement> {
    let jobs = arn::bedrock(env, "model-customization-job", "*");
    let mut resources = vec![match base {
        Some(id) if aws::is_arn(id) => id.to_string(),
        Some(id) => arn::foundation_model(env, id),
        None => arn::foundation_model(env, "*"),
    }];
    // A custom-model base in this account is covered by `custom-model/*`.
    let own_custom = format!(
        "arn:{}:bedrock:{}:{}:custom-model/",
        env.partition, env.region, env.account
    );
    resources.retain(|r| !r.starts_with(&own_custom));
    resources.push(arn::bedrock(env, "custom-model", "*"));
    resources.push(jobs.clone());
    let mut actions = vec!["bedrock:CreateModelCustomizationJob"];
    if tagged {
        actions.push("bedrock:TagResource");
    }
    let mut out = vec![Statement::allow(CUSTOMIZATION_SID, actions, resources)];
    if sync {
        out.push(Statement::allow(
            CUSTOMIZATION_SID,
            [
                "bedrock:GetModelCustomizationJob",
                "bedrock:StopModelCustomizationJob",
            ],
            [jobs],
        ));
    }
    let role = role.map_or_else(|| aws::any_role(env), str::to_string);
    out.push(Statement::allow(
        CUSTOMIZATION_SID,
        ["iam:PassRole"],
        [role],
    ));
    if let Some(key) = kms {
        out.push(Statement::allow(
            CUSTOMIZATION_SID,
            [
                "kms:Decrypt",
                "kms:GenerateDataKey",
                "kms:DescribeKey",
                "kms:CreateGrant",
            ],
            [aws::kms_key(env, key.unwrap_or("*"))],
        ));
    }
    out
}

/// Reads a customization job (both patterns).
fn read_job<P: IntegrationPattern>(r: &mut Request<'_>) -> CreateModelCustomizationJob<P> {
    r.allow(&["CustomizationConfig"]);
    let job_name = r.required::<String>("JobName");
    let custom_model_name = r.required::<String>("CustomModelName");
    let role_arn = r.required::<String>("RoleArn");
    let base_model_identifier = r.required::<String>("BaseModelIdentifier");
    let training_data_config = match r.raw("TrainingDataConfig") {
        // No `S3Uri` (an `InvocationLogsConfig`): kept as written in `other`.
        Some(Dynamic::Value(Value::Object(o))) if r.lookup(o, "S3Uri").is_none() => {
            S3Uri::stand_in()
        }
        _ => r
            .required_object("TrainingDataConfig", S3_SHAPE, |n| {
                n.allow(&["InvocationLogsConfig"]);
                S3Uri::read_in(n)
            })
            .map_or_else(S3Uri::stand_in, S3Uri::from_read),
    };
    let output_data_config = r
        .required_object("OutputDataConfig", S3_SHAPE, S3Uri::read_in)
        .map_or_else(S3Uri::stand_in, S3Uri::from_read);
    let validation_data = validators(r);
    let hyper_parameters = r.optional::<Value>("HyperParameters");
    let customization_type = r.optional_or_keep::<String>("CustomizationType");
    let custom_model_kms_key_id = r.optional_or_keep::<String>("CustomModelKmsKeyId");
    let client_request_token = r.optional::<String>("ClientRequestToken");
    let job_tags = read_tags(r, "JobTags");
    let custom_model_tags = read_tags(r, "CustomModelTags");
    let vpc_config = read_vpc(r);
    CreateModelCustomizationJob {
        job_name,
        custom_model_name,
        role_arn,
        base_model_identifier,
        training_data_config,
        output_data_config,
        validation_data,
        hyper_parameters,
        customization_type,
        custom_model_kms_key_id,
        client_request_token,
        job_tags,
        custom_model_tags,
        vpc_config,
        other: r.rest(),
        partition: r.partition().to_string(),
        pattern: PhantomData,
    }
}

/// A string holding `${…}`: only known at deploy time.
fn deploy_time(v: &Value) -> bool {
    v.as_str().is_some_and(|s| s.contains("${"))
}

/// `ValidationDataConfig.Validators`, when it is a non-empty list of
/// `{"S3Uri": …}` objects; anything else stays for `other`, unchecked but
/// for the count.
fn validators(r: &mut Request<'_>) -> Vec<S3Uri> {
    let Some(Dynamic::Value(v)) = r.raw("ValidationDataConfig") else {
        return Vec::new();
    };
    let Some(config) = v.as_object() else {
        return Vec::new();
    };
    let Some(Dynamic::Value(Value::Array(items))) = r.lookup(config, "Validators") else {
        return Vec::new();
    };
    let uris: Option<Vec<S3Uri>> = items
        .iter()
        .map(|item| {
            let item = item.as_object().filter(|o| o.len() == 1)?;
            match r.lookup(item, "S3Uri")? {
                Dynamic::Value(Value::String(s)) => Some(Dynamic::Value(s.clone())),
                Dynamic::Value(_) => None,
                Dynamic::Path(p) => Some(Dynamic::Path(p)),
                Dynamic::Jsonata(j) => Some(Dynamic::Jsonata(j)),
                Dynamic::Substitution(s) => Some(Dynamic::Substitution(s)),
            }
            .map(S3Uri::unchecked)
        })
        .collect();
    match uris {
        Some(uris) if !uris.is_empty() && config.len() == 1 => {
            r.consume("ValidationDataConfig");
            uris
        }
        _ => {
            if items.len() > 10 {
                let f = r.name().to_string();
                r.error(
                    "/ValidationDataConfig/Validators",
                    format!("'{f}.ValidationDataConfig.Validators' holds at most 10 entries"),
                );
            }
            Vec::new()
        }
    }
}

/// A tag list of literal `{"Key": …, "Value": …}` strings; anything else
/// (a run-time list or member, an empty list) stays for `other`.
fn read_tags(r: &mut Request<'_>, key: &str) -> Vec<Tag> {
    let Some(Dynamic::Value(Value::Array(items))) = r.raw(key) else {
        return Vec::new();
    };
    let tags: Option<Vec<Tag>> = items
        .iter()
        .map(|item| {
            let item = item.as_object().filter(|o| o.len() == 2)?;
            let k = item.get("Key")?.as_str()?;
            let v = item.get("Value")?.as_str()?;
            Some(Tag::new(k, v))
        })
        .collect();
    match tags {
        Some(tags) if !tags.is_empty() => {
            r.consume(key);
            tags
        }
        _ => {
            if items.len() > 200 {
                let f = r.name().to_string();
                r.error(
                    &format!("/{key}"),
                    format!("'{f}.{key}' holds at most 200 tags"),
                );
            }
            Vec::new()
        }
    }
}

/// `VpcConfig`: its two lists are required and bounded; a config the typed
/// [`VpcConfig`] cannot hold as written (run-time values, other members, ids
/// over 32 characters) stays for `other`.
fn read_vpc(r: &mut Request<'_>) -> Option<VpcConfig> {
    let Some(Dynamic::Value(v)) = r.raw("VpcConfig") else {
        return None;
    };
    if deploy_time(v) {
        return None;
    }
    let f = r.name().to_string();
    let Some(config) = v.as_object() else {
        r.error(
            "/VpcConfig",
            format!("'{f}.VpcConfig' must be an object {{\"SubnetIds\": [..], \"SecurityGroupIds\": [..]}}"),
        );
        return None;
    };
    let mut lists: Vec<Vec<String>> = Vec::new();
    for (key, max) in [("SubnetIds", 16), ("SecurityGroupIds", 5)] {
        match r.lookup(config, key) {
            None => r.error("/VpcConfig", format!("'{f}.VpcConfig' needs '{key}'")),
            Some(Dynamic::Value(Value::Array(items))) if items.is_empty() || items.len() > max => r
                .error(
                    &format!("/VpcConfig/{key}"),
                    format!(
                        "'{f}.VpcConfig.{key}' must hold 1 to {max} ids, got {}",
                        items.len()
                    ),
                ),
            Some(Dynamic::Value(Value::Array(items))) => {
                let ids: Option<Vec<String>> = items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string))
                    .collect();
                lists.extend(ids);
            }
            Some(Dynamic::Value(v)) if !deploy_time(v) => r.error(
                &format!("/VpcConfig/{key}"),
                format!("'{f}.VpcConfig.{key}' must be an array of ids"),
            ),
            Some(_) => {}
        }
    }
    let [subnets, groups] = <[Vec<String>; 2]>::try_from(lists).ok()?;
    if config.len() != 2 {
        return None;
    }
    let vpc = VpcConfig::new(subnets, groups).ok()?;
    r.consume("VpcConfig");
    Some(vpc)
}

macro_rules! job_task {
    ($pattern:ty, $resource:literal) => {
        /// A `bedrock:createModelCustomizationJob` Task of this pattern:
        /// read, validated, and its statements (see
        /// [`CreateModelCustomizationJob`]).
        impl TypedTask for CreateModelCustomizationJob<$pattern> {
            const NAME: &'static str = "bedrock:createModelCustomizationJob";
            const RESOURCES: &'static [&'static str] = &[$resource];

            fn read(r: &mut Request<'_>) -> Self {
                read_job(r)
            }

            fn into_task(self, ql: QueryLanguage) -> Task {
                CreateModelCustomizationJob::into_task(self, ql)
            }

            fn validate(&self, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
                self.check(cx, out);
            }

            fn statements(&self, _: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
                self.job_statements(env)
            }

            fn opaque_statements(_: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
                job_statements(
                    env,
                    <$pattern as IntegrationPattern>::SUFFIX == ".sync",
                    None,
                    true,
                    None,
                    Some(None),
                )
            }
        }

        impl TryFrom<&Task> for CreateModelCustomizationJob<$pattern> {
            type Error = Vec<Diagnostic>;

            /// Reads a Task of this pattern (in the query language it
            /// declares or implies); the errors, with pointers relative to
            /// the Task.
            fn try_from(task: &Task) -> Result<Self, Self::Error> {
                Self::try_from_task(task, query_language_of(task))
            }
        }
    };
}

job_task!(RequestResponse, "bedrock:createModelCustomizationJob");
job_task!(RunJob, "bedrock:createModelCustomizationJob.sync");

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
