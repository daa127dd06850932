//! [`Bedrock`]: the service integration for the three Bedrock resources, a
//! thin adapter over the typed tasks ([`InvokeModel`],
//! [`CreateModelCustomizationJob`]), which own their reading, validation and
//! IAM statements.

use crate::arn;
use crate::{CreateModelCustomizationJob, InvokeModel, RequestResponse, RunJob};
use asl_model::iam::Statement;
use asl_model::integration::{AwsEnvironment, Integration, TaskContext, TypedIntegration};
use asl_model::{Diagnostic, ResourceKind, Task};

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

/// The typed tasks of Bedrock's optimized integration.
type BedrockTasks = (
    InvokeModel,
    CreateModelCustomizationJob<RequestResponse>,
    CreateModelCustomizationJob<RunJob>,
);

/// Every `bedrock:*` resource: the three typed tasks, the rest unsupported.
const TASKS: TypedIntegration<BedrockTasks> = TypedIntegration::new("bedrock", "Bedrock")
    .owns_service()
    .example_parameter("ModelId");

/// The Amazon Bedrock optimized integration: validates the parameters of
/// `bedrock:invokeModel` and `bedrock:createModelCustomizationJob[.sync]`
/// Tasks and derives the least-privilege IAM statements they need, by
/// reading each Task into its typed request ([`InvokeModel`],
/// [`CreateModelCustomizationJob`]) and asking it. Any other `bedrock:`
/// resource is reported as unsupported.
///
/// It is built into asl-core's registry (`Registry::builtin`), so
/// `asl_core::iam::policy_for`, validation with default options, the
/// `asl` command and the macros use it without being told.
///
/// ```
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
///
/// For the broader wildcard on run-time models, put a configured instance
/// in a registry of your own:
///
/// ```
/// use asl_bedrock::Bedrock;
/// use asl_core::integration::Registry;
/// let registry = Registry::empty().with(Bedrock { broad_dynamic_models: true });
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
        TASKS.name()
    }

    fn handles(&self, task: &Task) -> bool {
        TASKS.handles(task)
    }

    fn validate(&self, task: &Task, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        TASKS.validate(task, cx, out);
    }

    fn statements(
        &self,
        task: &Task,
        cx: &TaskContext<'_>,
        env: &AwsEnvironment,
    ) -> Vec<Statement> {
        let mut out = TASKS.statements(task, cx, env);
        if self.broad_dynamic_models {
            // The run-time model's statement (the "full access" form).
            let any = arn::foundation_model(env, "*");
            for s in &mut out {
                if s.action == ["bedrock:InvokeModel"] && s.resource.contains(&any) {
                    for kind in [
                        "inference-profile",
                        "application-inference-profile",
                        "custom-model-deployment",
                        "imported-model",
                    ] {
                        s.resource.push(arn::bedrock(env, kind, "*"));
                    }
                }
            }
        }
        out
    }
}
