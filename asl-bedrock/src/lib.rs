//! # asl-bedrock
//!
//! Amazon Bedrock tasks for AWS Step Functions, on top of [`asl_core`]:
//!
//! | what | items |
//! |---|---|
//! | the integration (validation + IAM) | [`Bedrock`], [`BedrockApi`] — pass `&Bedrock::default()` to [`asl_core::iam::policy_for`] |
//! | typed `bedrock:invokeModel` | [`InvokeModel`], [`ModelId`], [`ModelInput`] (`Body` *or* `Input`), [`S3Uri`], [`Guardrail`], [`Trace`] |
//! | body checked against the model family at compile time | [`InvokeModel::typed`], [`family::Model`]`<F>`, the ids in [`models`] (`models::anthropic::CLAUDE_3_HAIKU`, …), [`family::BodyFor`], [`family::Prompt`] |
//! | typed `bedrock:createModelCustomizationJob[.sync]` | [`CreateModelCustomizationJob`]`<`[`RequestResponse`]` \| `[`RunJob`]`>`, [`VpcConfig`], `.sync`-only result accessors ([`WaitsForJob`]), [`is_job_name`], [`is_custom_model_name`], [`is_client_request_token`] |
//! | static or run-time values | [`Dynamic`] (literal, JSONPath `.$`, JSONata `{% %}`) |
//! | model request bodies | [`ModelFamily`], [`ClaudeMessages`], [`TitanText`], [`TitanEmbeddings`], [`NovaMessages`], [`PromptBody`] |
//! | ARNs | [`arn`] |
//!
//! The typed builders make the Bedrock rules compile-time facts: `ModelId`
//! is required, `Body` and `Input` are one enum, the guardrail identifier
//! and version travel together, and a customization job without one of its
//! six required fields does not build. With [`InvokeModel::typed`] a body
//! of another family than the model's does not compile, and the final-job
//! accessors of a customization job (`status_path`, `output_model_arn_path`,
//! …) exist on the `.sync` ([`RunJob`]) form only.
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
