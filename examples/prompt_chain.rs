//! The main job: a three-step Amazon Bedrock prompt chain. Each step's output
//! feeds the next prompt. Prints the machine's ASL JSON and its diagram.
//!
//! `cargo run --example prompt_chain`

use asl_kit::core::{Catcher, Chain, Fail, Pass, PayloadTemplate, ReferencePath, Retrier, Task};
use serde_json::json;

const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";

/// One InvokeModel step: the prompt is built with `States.Format` from the
/// previous step's text at `input`, and the generated text lands at `output`.
fn step(prompt: &str, input: &str, output: &str) -> Task {
    Task::builder()
        .resource("arn:aws:states:::bedrock:invokeModel")
        .parameters(PayloadTemplate::from(json!({
            "ModelId": MODEL,
            "Body": {
                "anthropic_version": "bedrock-2023-05-31",
                "max_tokens": 512,
                "messages": [{
                    "role": "user",
                    "content": [{"type": "text", "text.$": format!("States.Format('{prompt}', {input})")}]
                }]
            }
        })))
        .result_selector(PayloadTemplate::from(json!({"text.$": "$.Body.content[0].text"})))
        .result_path(ReferencePath::new(output))
        .retry(vec![Retrier::builder()
            .error_equals(["Bedrock.ThrottlingException"])
            .interval_seconds(1)
            .max_attempts(2)
            .backoff_rate(2.0)
            .build()])
        .catch(vec![Catcher::builder()
            .error_equals(["States.ALL"])
            .next("HandleFailure")
            .result_path(ReferencePath::new("$.error"))
            .build()])
        .build()
}

fn main() {
    let machine = Chain::start(
        "Outline",
        step("Write a short outline about {}.", "$.topic", "$.outline"),
    )
    .next(
        "Draft",
        step(
            "Expand this outline into a draft: {}",
            "$.outline.text",
            "$.draft",
        ),
    )
    .next(
        "Polish",
        step("Polish this draft: {}", "$.draft.text", "$.final"),
    )
    .with_state(
        "HandleFailure",
        Pass::builder()
            .parameters(PayloadTemplate::from(json!({"error.$": "$.error"})))
            .transition(asl_kit::core::Transition::next("Failed"))
            .build(),
    )
    .with_state(
        "Failed",
        Fail::builder()
            .error(asl_kit::core::FailError::Error("PromptChainFailed".into()))
            .build(),
    )
    .into_machine();

    println!("## Amazon States Language\n");
    println!("{}", machine.to_string_pretty());
    println!("\n## Diagram (Mermaid)\n");
    print!("{}", asl_kit::core::diagram::mermaid(&machine));
}
