//! The prompt chain's three Bedrock steps, shared by the `prompt_chain`
//! example and the build-rs example's machines: each includes this file with
//! `#[path = "…/shared/prompt_chain_steps.rs"] mod steps;` and adds its own
//! failure handling.

use asl_kit::bedrock::{ClaudeMessages, Dynamic, InvokeModel, Message, ModelFamily};
use asl_kit::core::integration::AwsEnvironment;
use asl_kit::core::{Catcher, Chain, PayloadTemplate, QueryLanguage, ReferencePath, Retrier, Task};
use serde_json::json;

/// The Bedrock model of the prompt chain (static: the policy names it).
pub const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";

/// The account and region the IAM policies are generated for.
pub fn environment() -> AwsEnvironment {
    AwsEnvironment::new("aws", "us-east-2", "123456789012")
}

/// One step: asks the model with a prompt built by `States.Format` from the
/// text at `input`, keeps only the generated text, and stores it at `output`;
/// retries throttling, and sends any other failure to `on_error`, with the
/// error at `$.error`.
fn step(prompt: &str, input: &str, output: &str, on_error: &str) -> Task {
    let invoke = InvokeModel::builder()
        .model_id(MODEL)
        .input(ClaudeMessages::new(
            512,
            vec![Message::user(Dynamic::path(format!(
                "States.Format('{prompt}', {input})"
            )))],
        ))
        .build();
    let text = ModelFamily::of(MODEL).map_or("$.Body", ModelFamily::text_path);

    let mut task = invoke.into_task(QueryLanguage::JsonPath);
    task.result_selector = Some(PayloadTemplate::from(json!({ "text.$": text })));
    task.result_path = Some(Some(ReferencePath::new(output)));
    task.retry = Some(vec![Retrier::builder()
        .error_equals(["Bedrock.ThrottlingException"])
        .interval_seconds(1)
        .max_attempts(2)
        .backoff_rate(2.0)
        .build()]);
    task.catch = Some(vec![Catcher::builder()
        .error_equals(["States.ALL"])
        .next(on_error)
        .result_path(ReferencePath::new("$.error"))
        .build()]);
    task
}

/// Outline, then Draft from the outline, then Polish: three Bedrock calls,
/// each sending its failures to `on_error` (a state the caller adds).
pub fn steps(on_error: &str) -> Chain {
    Chain::start(
        "Outline",
        step(
            "Write a short outline about {}.",
            "$.topic",
            "$.outline",
            on_error,
        ),
    )
    .next(
        "Draft",
        step(
            "Expand this outline into a draft: {}",
            "$.outline.text",
            "$.draft",
            on_error,
        ),
    )
    .next(
        "Polish",
        step("Polish this draft: {}", "$.draft.text", "$.final", on_error),
    )
}
