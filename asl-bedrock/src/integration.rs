//! [`Bedrock`]: the service integration for the three Bedrock resources.

use crate::arn;
use crate::customization::{is_client_request_token, is_custom_model_name, is_job_name};
use crate::params::{lookup, nested, Param, Request};
use asl_model::codes;
use asl_model::iam::Statement;
use asl_model::integration::{AwsEnvironment, Integration, TaskContext};
use asl_model::{Diagnostic, MachineType, ResourceKind, Task};
use serde_json::Value;

/// Largest inline `Body` Step Functions passes to InvokeModel (256 KiB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The Sid prefix of InvokeModel statements (`InvokeModel1`, …).
pub const INVOKE_MODEL_SID: &str = "InvokeModel";
/// The Sid prefix of customization-job statements.
pub const CUSTOMIZATION_SID: &str = "CreateModelCustomizationJob";

/// Which Bedrock API a resource ARN calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BedrockApi {
    /// `arn:P:states:::bedrock:invokeModel`.
    InvokeModel,
    /// `arn:P:states:::bedrock:createModelCustomizationJob`.
    CreateModelCustomizationJob,
    /// `arn:P:states:::bedrock:createModelCustomizationJob.sync`.
    CreateModelCustomizationJobSync,
}

impl BedrockApi {
    /// The API a Task's `Resource` names; `None` for anything else
    /// (including unsupported patterns such as `invokeModel.sync`).
    ///
    /// ```
    /// use asl_bedrock::BedrockApi;
    /// use asl_core::Task;
    /// let task = Task::builder().resource("arn:aws:states:::bedrock:invokeModel").build();
    /// assert_eq!(BedrockApi::of(&task), Some(BedrockApi::InvokeModel));
    /// ```
    pub fn of(task: &Task) -> Option<Self> {
        match task.resource.kind() {
            ResourceKind::Integration {
                service: "bedrock",
                action,
                pattern,
                ..
            } => match (action, pattern) {
                ("invokeModel", "") => Some(BedrockApi::InvokeModel),
                ("createModelCustomizationJob", "") => {
                    Some(BedrockApi::CreateModelCustomizationJob)
                }
                ("createModelCustomizationJob", ".sync") => {
                    Some(BedrockApi::CreateModelCustomizationJobSync)
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// The Amazon Bedrock optimized integration: validates the parameters of
/// `bedrock:invokeModel` and `bedrock:createModelCustomizationJob[.sync]`
/// Tasks and derives the least-privilege IAM statements they need.
///
/// ```
/// use asl_bedrock::Bedrock;
/// use asl_core::iam::policy_for;
/// use asl_core::integration::AwsEnvironment;
/// use asl_core::{Chain, Task};
/// use serde_json::json;
///
/// let machine = Chain::start(
///     "Invoke",
///     Task::builder()
///         .resource("arn:aws:states:::bedrock:invokeModel")
///         .parameters(json!({"ModelId": "amazon.titan-text-express-v1", "Body": {"inputText.$": "$.prompt"}}))
///         .build(),
/// )
/// .into_machine();
/// let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// let policy = policy_for(&machine, &env);
/// assert_eq!(
///     serde_json::to_value(&policy).unwrap(),
///     json!({"Version": "2012-10-17", "Statement": [{
///         "Effect": "Allow", "Sid": "InvokeModel1", "Action": ["bedrock:InvokeModel"],
///         "Resource": ["arn:aws:bedrock:us-east-2::foundation-model/amazon.titan-text-express-v1"]}]})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bedrock {
    /// When a `ModelId` is dynamic, also allow inference profiles, custom
    /// model deployments and imported models (off: AWS's "full access"
    /// form covers foundation and provisioned models only).
    pub broad_dynamic_models: bool,
}

impl Integration for Bedrock {
    fn name(&self) -> &'static str {
        "bedrock"
    }

    fn handles(&self, task: &Task) -> bool {
        matches!(
            task.resource.kind(),
            ResourceKind::Integration {
                service: "bedrock",
                ..
            }
        )
    }

    fn validate(&self, task: &Task, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(api) = BedrockApi::of(task) else {
            out.push(Diagnostic::error(
                codes::INVALID_RESOURCE,
                format!("{}/Resource", cx.pointer),
                format!(
                    "'Resource' {} is not a Bedrock integration Step Functions supports: use \
                     bedrock:invokeModel, bedrock:createModelCustomizationJob or \
                     bedrock:createModelCustomizationJob.sync",
                    task.resource
                ),
            ));
            return;
        };
        let req = Request::of(task, cx.query_language);
        let mut v = Validator {
            req,
            base: format!("{}/{}", cx.pointer, req.field),
            out,
        };
        if req.object.is_none() && !req.opaque {
            v.out.push(Diagnostic::error(
                codes::INVALID_INTEGRATION_PARAMETERS,
                cx.pointer,
                format!(
                    "a Bedrock Task needs '{}' with the request fields (e.g. 'ModelId')",
                    req.field
                ),
            ));
            return;
        }
        match api {
            BedrockApi::InvokeModel => v.invoke_model(),
            BedrockApi::CreateModelCustomizationJob => v.customization(),
            BedrockApi::CreateModelCustomizationJobSync => {
                if cx.machine_type == Some(MachineType::Express) {
                    v.out.push(Diagnostic::error(
                        codes::EXPRESS_UNSUPPORTED,
                        format!("{}/Resource", cx.pointer),
                        "EXPRESS state machines do not support the '.sync' pattern of \
                         bedrock:createModelCustomizationJob",
                    ));
                }
                v.customization();
            }
        }
    }

    fn statements(
        &self,
        task: &Task,
        cx: &TaskContext<'_>,
        env: &AwsEnvironment,
    ) -> Vec<Statement> {
        let req = Request::of(task, cx.query_language);
        match BedrockApi::of(task) {
            Some(BedrockApi::InvokeModel) => self.invoke_model_statements(req, env),
            Some(BedrockApi::CreateModelCustomizationJob) => {
                customization_statements(req, env, false)
            }
            Some(BedrockApi::CreateModelCustomizationJobSync) => {
                customization_statements(req, env, true)
            }
            None => Vec::new(),
        }
    }
}

impl Bedrock {
    fn invoke_model_statements(&self, req: Request<'_>, env: &AwsEnvironment) -> Vec<Statement> {
        let mut out = Vec::new();
        let models = match req.get("ModelId") {
            Param::Absent => Vec::new(),
            p => match p.as_str() {
                Some(id) => model_resources(env, id),
                None => {
                    let mut r = vec![
                        arn::foundation_model(env, "*"),
                        arn::bedrock(env, "provisioned-model", "*"),
                    ];
                    if self.broad_dynamic_models {
                        r.push(arn::bedrock(env, "inference-profile", "*"));
                        r.push(arn::bedrock(env, "application-inference-profile", "*"));
                        r.push(arn::bedrock(env, "custom-model-deployment", "*"));
                        r.push(arn::bedrock(env, "imported-model", "*"));
                    }
                    r
                }
            },
        };
        if !models.is_empty() {
            out.push(Statement::allow(
                INVOKE_MODEL_SID,
                ["bedrock:InvokeModel"],
                models,
            ));
        }
        let s3 = |field: &str| -> Option<String> {
            match nested(req.get(field), "S3Uri", req.jsonata) {
                Param::Absent => None,
                p => Some(
                    p.as_str()
                        .and_then(|u| arn::s3_object(env, u))
                        .or_else(|| dynamic_s3(env, p))
                        .unwrap_or_else(|| arn::any_s3(env)),
                ),
            }
        };
        if let Some(r) = s3("Input") {
            out.push(Statement::allow(INVOKE_MODEL_SID, ["s3:GetObject"], [r]));
        }
        if let Some(r) = s3("Output") {
            out.push(Statement::allow(INVOKE_MODEL_SID, ["s3:PutObject"], [r]));
        }
        match req.get("GuardrailIdentifier") {
            Param::Absent => {}
            p => {
                let r = match p.as_str() {
                    Some(id) if id.starts_with("arn:") => id.to_string(),
                    Some(id) => arn::bedrock(env, "guardrail", id),
                    None => arn::bedrock(env, "guardrail", "*"),
                };
                out.push(Statement::allow(
                    INVOKE_MODEL_SID,
                    ["bedrock:ApplyGuardrail"],
                    [r],
                ));
            }
        }
        out
    }
}

/// A dynamic S3 URI gives no bucket we could scope to.
fn dynamic_s3(env: &AwsEnvironment, p: Param<'_>) -> Option<String> {
    match p {
        Param::Static(Value::String(_)) | Param::Dynamic => Some(arn::any_s3(env)),
        _ => None,
    }
}

/// The resources `bedrock:InvokeModel` needs for a static `ModelId`.
fn model_resources(env: &AwsEnvironment, id: &str) -> Vec<String> {
    if id.starts_with("arn:") {
        let mut r = vec![id.to_string()];
        if arn::bedrock_kind(id) == Some("inference-profile") {
            if let Some(base) = arn::bedrock_id(id).and_then(arn::strip_profile_prefix) {
                r.push(format!(
                    "arn:{}:bedrock:*::foundation-model/{base}",
                    env.partition
                ));
            }
        }
        return r;
    }
    match arn::strip_profile_prefix(id) {
        Some(base) => vec![
            arn::bedrock(env, "inference-profile", id),
            format!("arn:{}:bedrock:*::foundation-model/{base}", env.partition),
        ],
        None => vec![arn::foundation_model(env, id)],
    }
}

fn customization_statements(req: Request<'_>, env: &AwsEnvironment, sync: bool) -> Vec<Statement> {
    let custom_models = arn::bedrock(env, "custom-model", "*");
    let jobs = arn::bedrock(env, "model-customization-job", "*");
    let mut resources = match req.get("BaseModelIdentifier") {
        Param::Absent => Vec::new(),
        p => match p.as_str() {
            Some(id) if id.starts_with("arn:") => vec![id.to_string()],
            Some(id) => vec![arn::foundation_model(env, id)],
            None => vec![arn::foundation_model(env, "*")],
        },
    };
    // A custom-model base in this account is covered by `custom-model/*`.
    let own_custom = format!(
        "arn:{}:bedrock:{}:{}:custom-model/",
        env.partition, env.region, env.account
    );
    resources.retain(|r| !r.starts_with(&own_custom));
    resources.push(custom_models);
    resources.push(jobs.clone());
    let mut actions = vec!["bedrock:CreateModelCustomizationJob"];
    if req.get("JobTags").is_present() || req.get("CustomModelTags").is_present() {
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
    match req.get("RoleArn") {
        Param::Absent => {}
        p => {
            let role = p
                .as_str()
                .map_or_else(|| arn::any_role(env), str::to_string);
            out.push(Statement::allow(
                CUSTOMIZATION_SID,
                ["iam:PassRole"],
                [role],
            ));
        }
    }
    match req.get("CustomModelKmsKeyId") {
        Param::Absent => {}
        p => {
            let key = p
                .as_str()
                .map_or_else(|| arn::kms_key(env, "*"), |k| arn::kms_key(env, k));
            out.push(Statement::allow(
                CUSTOMIZATION_SID,
                [
                    "kms:Decrypt",
                    "kms:GenerateDataKey",
                    "kms:DescribeKey",
                    "kms:CreateGrant",
                ],
                [key],
            ));
        }
    }
    out
}

struct Validator<'a, 'o> {
    req: Request<'a>,
    base: String,
    out: &'o mut Vec<Diagnostic>,
}

impl Validator<'_, '_> {
    fn err(&mut self, at: &str, message: String) {
        self.out.push(Diagnostic::error(
            codes::INVALID_INTEGRATION_PARAMETERS,
            format!("{}{at}", self.base),
            message,
        ));
    }

    fn required(&mut self, key: &str, api: &str) {
        if self.req.get(key).is_present() {
            return;
        }
        let f = self.req.field;
        self.out.push(Diagnostic::error(
            codes::INVALID_INTEGRATION_PARAMETERS,
            self.base.clone(),
            format!("{api} requires '{f}.{key}'"),
        ));
    }

    fn string(&mut self, key: &str) {
        if let Param::Static(v) = self.req.get(key) {
            if !v.is_string() {
                let f = self.req.field;
                self.err(&format!("/{key}"), format!("'{f}.{key}' must be a string"));
            }
        }
    }

    fn s3_uri(&mut self, key: &str, required: bool) {
        let f = self.req.field;
        let parent = self.req.get(key);
        match parent {
            Param::Static(v) if !v.is_object() => {
                self.err(
                    &format!("/{key}"),
                    format!("'{f}.{key}' must be an object {{\"S3Uri\": \"s3://bucket/key\"}}"),
                );
                return;
            }
            Param::Absent => return,
            _ => {}
        }
        match nested(parent, "S3Uri", self.req.jsonata) {
            Param::Absent if required => {
                self.err(&format!("/{key}"), format!("'{f}.{key}' needs 'S3Uri'"))
            }
            Param::Static(Value::String(s)) if !s.starts_with("s3://") => self.err(
                &format!("/{key}/S3Uri"),
                format!("'{f}.{key}.S3Uri' must start with 's3://', got '{s}'"),
            ),
            Param::Static(v) if !v.is_string() => self.err(
                &format!("/{key}/S3Uri"),
                format!("'{f}.{key}.S3Uri' must be a string"),
            ),
            _ => {}
        }
    }

    fn invoke_model(&mut self) {
        let f = self.req.field;
        self.required("ModelId", "bedrock:invokeModel");
        self.string("ModelId");
        let body = self.req.get("Body");
        let input = self.req.get("Input");
        match (body.is_present(), input.is_present()) {
            (true, true) => self.err(
                "/Input",
                format!("'{f}.Body' and '{f}.Input' exclude each other: give the request inline in 'Body' or in S3 with 'Input', not both"),
            ),
            (false, false) if !self.req.opaque => self.err(
                "",
                format!("bedrock:invokeModel requires '{f}.Body' or '{f}.Input'"),
            ),
            _ => {}
        }
        if let Param::Static(v) = body {
            let size = serde_json::to_string(v).map_or(0, |s| s.len());
            if size > MAX_BODY_BYTES {
                self.out.push(Diagnostic::error(
                    codes::LIMIT_EXCEEDED,
                    format!("{}/Body", self.base),
                    format!("'{f}.Body' is {size} bytes, over the 256 KiB limit: put the request in S3 and use 'Input'"),
                ));
            }
        }
        self.s3_uri("Input", true);
        self.s3_uri("Output", true);
        for key in [
            "ContentType",
            "Accept",
            "GuardrailIdentifier",
            "GuardrailVersion",
            "Trace",
        ] {
            self.string(key);
        }
        let id = self.req.get("GuardrailIdentifier");
        let version = self.req.get("GuardrailVersion");
        match (id.is_present(), version.is_present()) {
            (true, false) => self.err(
                "/GuardrailIdentifier",
                format!("'{f}.GuardrailIdentifier' needs '{f}.GuardrailVersion'"),
            ),
            (false, true) => self.err(
                "/GuardrailVersion",
                format!("'{f}.GuardrailVersion' needs '{f}.GuardrailIdentifier'"),
            ),
            _ => {}
        }
        if let Some(v) = version.as_str() {
            if !is_guardrail_version(v) {
                self.err(
                    "/GuardrailVersion",
                    format!("'{f}.GuardrailVersion' must be \"DRAFT\" or a version number 1..99999999, got '{v}'"),
                );
            }
        }
        if let Some(t) = self.req.get("Trace").as_str() {
            if !matches!(t, "ENABLED" | "DISABLED" | "ENABLED_FULL") {
                self.err(
                    "/Trace",
                    format!("'{f}.Trace' must be ENABLED or DISABLED, got '{t}'"),
                );
            }
        }
    }

    fn customization(&mut self) {
        let api = "bedrock:createModelCustomizationJob";
        for key in [
            "JobName",
            "CustomModelName",
            "RoleArn",
            "BaseModelIdentifier",
            "TrainingDataConfig",
            "OutputDataConfig",
        ] {
            self.required(key, api);
        }
        for key in [
            "JobName",
            "CustomModelName",
            "RoleArn",
            "BaseModelIdentifier",
        ] {
            self.string(key);
        }
        let f = self.req.field;
        for key in ["JobName", "CustomModelName"] {
            if let Some(s) = self.req.get(key).as_str() {
                if s.is_empty() || s.chars().count() > 63 {
                    self.err(
                        &format!("/{key}"),
                        format!("'{f}.{key}' must be 1 to 63 characters"),
                    );
                } else if key == "JobName" && !is_job_name(s) {
                    self.err(
                        "/JobName",
                        format!("'{f}.JobName' must match [a-zA-Z0-9](-*[a-zA-Z0-9+\\-.])* (letters, digits, '+', '-', '.'; starting with a letter or digit), got '{s}'"),
                    );
                } else if key == "CustomModelName" && !is_custom_model_name(s) {
                    self.err(
                        "/CustomModelName",
                        format!("'{f}.CustomModelName' must match ([0-9a-zA-Z][_-]?){{1,63}} (letters and digits, each followed by at most one '_' or '-'), got '{s}'"),
                    );
                }
            }
        }
        self.string("ClientRequestToken");
        if let Some(t) = self.req.get("ClientRequestToken").as_str() {
            if !is_client_request_token(t) {
                self.err(
                    "/ClientRequestToken",
                    format!("'{f}.ClientRequestToken' must be 1 to 256 letters, digits and '-', starting and ending with a letter or digit, got '{t}'"),
                );
            }
        }
        if let Param::Static(v) = self.req.get("VpcConfig") {
            if !v.is_object() {
                self.err(
                    "/VpcConfig",
                    format!("'{f}.VpcConfig' must be an object {{\"SubnetIds\": [..], \"SecurityGroupIds\": [..]}}"),
                );
            }
            for (key, max) in [("SubnetIds", 16), ("SecurityGroupIds", 5)] {
                match lookup(v.as_object(), key, self.req.jsonata) {
                    Param::Absent if v.is_object() => {
                        self.err("/VpcConfig", format!("'{f}.VpcConfig' needs '{key}'"))
                    }
                    Param::Static(Value::Array(items)) if items.is_empty() || items.len() > max => {
                        self.err(
                            &format!("/VpcConfig/{key}"),
                            format!(
                                "'{f}.VpcConfig.{key}' must hold 1 to {max} ids, got {}",
                                items.len()
                            ),
                        )
                    }
                    Param::Static(Value::Array(_)) | Param::Absent | Param::Dynamic => {}
                    Param::Static(_) => self.err(
                        &format!("/VpcConfig/{key}"),
                        format!("'{f}.VpcConfig.{key}' must be an array of ids"),
                    ),
                }
            }
        }
        if let Some(role) = self.req.get("RoleArn").as_str() {
            if !(role.starts_with("arn:") && role.contains(":iam::") && role.contains(":role/")) {
                self.err(
                    "/RoleArn",
                    format!("'{f}.RoleArn' must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME), got '{role}'"),
                );
            }
        }
        self.s3_uri("OutputDataConfig", true);
        self.s3_uri("TrainingDataConfig", false);
        if let Param::Static(v) = self.req.get("ValidationDataConfig") {
            let validators = lookup(v.as_object(), "Validators", self.req.jsonata);
            if let Param::Static(Value::Array(items)) = validators {
                if items.len() > 10 {
                    self.err(
                        "/ValidationDataConfig/Validators",
                        format!("'{f}.ValidationDataConfig.Validators' holds at most 10 entries"),
                    );
                }
            }
        }
        for key in ["JobTags", "CustomModelTags"] {
            if let Param::Static(Value::Array(items)) = self.req.get(key) {
                if items.len() > 200 {
                    self.err(
                        &format!("/{key}"),
                        format!("'{f}.{key}' holds at most 200 tags"),
                    );
                }
            }
        }
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
