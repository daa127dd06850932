//! # asl-bedrock
//!
//! Amazon Bedrock tasks for AWS Step Functions, on top of [asl-core](https://docs.rs/asl-core) (and, underneath, asl-model):
//!
//! | what | items |
//! |---|---|
//! | the integration (validation + IAM) | [`Bedrock`] (built into asl-core's registry: `asl_core::iam::policy_for`, validation and the `asl` command use it), [`BedrockApi`] |
//! | typed tasks read back from a Task | `InvokeModel::try_from(&task)`, `CreateModelCustomizationJob::<RunJob>::try_from(&task)` (errors: the diagnostics, pointers relative to the Task); each implements [`TypedTask`](asl_model::integration::TypedTask) |
//! | typed `bedrock:invokeModel` | [`InvokeModel`], [`ModelId`], [`ModelInput`] (`Body` *or* `Input`), [`S3Uri`], [`Guardrail`], [`Trace`] |
//! | body checked against the model family at compile time | [`InvokeModel::typed`], [`family::Model`]`<F>`, the ids in [`models`] (`models::anthropic::CLAUDE_3_HAIKU`, …), [`family::BodyFor`], [`family::Prompt`] |
//! | typed `bedrock:createModelCustomizationJob[.sync]` | [`CreateModelCustomizationJob`]`<`[`RequestResponse`]` \| `[`RunJob`]`>`, [`VpcConfig`], `.sync`-only result accessors ([`WaitsForJob`]), [`is_job_name`], [`is_custom_model_name`], [`is_client_request_token`] |
//! | static or run-time values | [`Dynamic`] (literal, JSONPath `.$`, JSONata `{% %}`, `${Name}` substitution) |
//! | model request bodies | [`ModelFamily`], [`ClaudeMessages`], [`TitanText`], [`TitanEmbeddings`], [`NovaMessages`], [`PromptBody`] |
//! | ARNs | [`arn`] (Bedrock's; S3, IAM and KMS ARNs are asl-model's `arn`, re-exported as `asl_core::arn`) |
//!
//! The typed builders make the Bedrock rules compile-time facts: `ModelId`
//! is required, `Body` and `Input` are one enum, the guardrail identifier
//! and version travel together, and a customization job without one of its
//! six required fields does not build. With [`InvokeModel::typed`] a body
//! of another family than the model's does not compile, and the final-job
//! accessors of a customization job (`status_path`, `output_model_arn_path`,
//! …) exist on the `.sync` ([`RunJob`]) form only.
//!
//! Each typed task owns its parts: its rendering ([`InvokeModel::into_task`]),
//! its reading from a Task (`TryFrom<&Task>`, through asl-model's shared
//! request reader), its validation and its IAM statements, computed from the
//! typed request: a [`ModelId::Foundation`] gets its exact foundation-model
//! ARN, a [`ModelId::Path`], [`ModelId::Jsonata`] or
//! [`ModelId::Substitution`] the documented wildcard. [`Bedrock`] is the
//! thin [`Integration`](asl_model::integration::Integration) over them (a
//! [`TypedIntegration`](asl_model::integration::TypedIntegration)); it also
//! reports request keys the API does not have ("field 'Acept' is not a
//! parameter of bedrock:invokeModel; did you mean 'Accept'?").
//!
//! ```
//! use asl_bedrock::{Bedrock, Dynamic, InvokeModel, PromptBody};
//! use asl_core::iam::policy_for;
//! use asl_core::integration::AwsEnvironment;
//! use asl_core::Chain;
//!
//! let invoke = InvokeModel::builder()
//!     .model_id("cohere.command-text-v14")
//!     .input(PromptBody::cohere_command(Dynamic::path("$.prompt_one")).max_tokens(250))
//!     .build();
//! let machine = Chain::start("Invoke", invoke).into_machine();
//!
//! let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
//! let policy = policy_for(&machine, &env);
//! assert_eq!(policy.statement.len(), 1);
//! assert_eq!(policy.statement[0].sid, "InvokeModel1");
//! assert_eq!(
//!     policy.statement[0].resource,
//!     ["arn:aws:bedrock:us-east-2::foundation-model/cohere.command-text-v14"]
//! );
//! ```

pub mod arn;
mod customization;
pub mod family;
mod integration;
mod invoke;
pub mod models;

pub use asl_model::Dynamic;
pub use customization::{
    is_client_request_token, is_custom_model_name, is_job_name, CreateModelCustomizationJob,
    IntegrationPattern, InvalidVpcConfig, RequestResponse, RunJob, Tag, VpcConfig, WaitsForJob,
};
pub use integration::{Bedrock, BedrockApi, CUSTOMIZATION_SID, INVOKE_MODEL_SID, MAX_BODY_BYTES};
pub use invoke::{
    is_guardrail_version, Guardrail, GuardrailVersion, InvalidS3Uri, InvokeModel, ModelId,
    ModelInput, S3Uri, Trace,
};
pub use models::{
    ClaudeMessages, Message, ModelBody, ModelFamily, NovaMessages, PromptBody, Role,
    TitanEmbeddings, TitanText,
};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
