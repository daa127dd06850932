//! The typed `bedrock:createModelCustomizationJob[.sync]` Task.

use crate::field::{put, Field};
use crate::invoke::S3Uri;
use asl_core::{QueryLanguage, Task};
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
    pub job_name: Field<String>,
    /// `CustomModelName` (required).
    #[builder(setter(into))]
    pub custom_model_name: Field<String>,
    /// `RoleArn`: the role Bedrock assumes (required; the execution role
    /// gets `iam:PassRole` on it).
    #[builder(setter(into))]
    pub role_arn: Field<String>,
    /// `BaseModelIdentifier`: a foundation model id/ARN or a custom model ARN (required).
    #[builder(setter(into))]
    pub base_model_identifier: Field<String>,
    /// `TrainingDataConfig.S3Uri` (required).
    pub training_data_config: S3Uri,
    /// `OutputDataConfig.S3Uri` (required).
    pub output_data_config: S3Uri,
    /// `ValidationDataConfig.Validators` (0 to 10).
    #[builder(default)]
    pub validation_data: Vec<S3Uri>,
    /// `HyperParameters`: model-specific string values.
    #[builder(default, setter(into, strip_option))]
    pub hyper_parameters: Option<Field<Value>>,
    /// `CustomizationType` (`FINE_TUNING`, `CONTINUED_PRE_TRAINING`, …).
    #[builder(default, setter(into, strip_option))]
    pub customization_type: Option<Field<String>>,
    /// `CustomModelKmsKeyId`.
    #[builder(default, setter(into, strip_option))]
    pub custom_model_kms_key_id: Option<Field<String>>,
    /// `ClientRequestToken`.
    #[builder(default, setter(into, strip_option))]
    pub client_request_token: Option<Field<String>>,
    /// `JobTags`.
    #[builder(default)]
    pub job_tags: Vec<Tag>,
    /// `CustomModelTags`.
    #[builder(default)]
    pub custom_model_tags: Vec<Tag>,
    /// Any other request field (`VpcConfig`, `CustomizationConfig`, …), written as given.
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
        .any(Field::is_jsonata)
            || self.validation_data.iter().any(|v| v.field().is_jsonata())
            || self
                .hyper_parameters
                .as_ref()
                .is_some_and(Field::is_jsonata)
            || [
                &self.customization_type,
                &self.custom_model_kms_key_id,
                &self.client_request_token,
            ]
            .into_iter()
            .flatten()
            .any(Field::is_jsonata)
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

    /// The Task (`Parameters` for JSONPath, `Arguments` and
    /// `"QueryLanguage": "JSONata"` for JSONata; a JSONata field forces
    /// JSONata), with the resource of pattern `P`.
    pub fn into_task(self, ql: QueryLanguage) -> Task {
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

impl<P: IntegrationPattern> From<CreateModelCustomizationJob<P>> for Task {
    fn from(job: CreateModelCustomizationJob<P>) -> Self {
        job.into_task(QueryLanguage::JsonPath)
    }
}

impl<P: IntegrationPattern> From<CreateModelCustomizationJob<P>> for asl_core::State {
    fn from(job: CreateModelCustomizationJob<P>) -> Self {
        asl_core::State::from(Task::from(job))
    }
}
