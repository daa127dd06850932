//! The main job: a three-step Amazon Bedrock prompt chain, built with the
//! typed Bedrock API. Each step's output feeds the next prompt. Prints the
//! machine's ASL JSON, its least-privilege IAM policy and its diagram.
//!
//! `cargo run --example prompt_chain`

use asl_kit::bedrock::{Bedrock, ClaudeMessages, Field, InvokeModel, Message, ModelFamily};
use asl_kit::core::iam::policy_for;
use asl_kit::core::integration::AwsEnvironment;
use asl_kit::core::{
    Catcher, Chain, Fail, FailError, InvalidMachine, Pass, PayloadTemplate, QueryLanguage,
    ReferencePath, Retrier, StateMachine, Task, Transition,
};
use serde_json::json;

const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";

/// One step: asks the model with a prompt built by `States.Format` from the
/// text at `input`, keeps only the generated text, and stores it at `output`.
fn step(prompt: &str, input: &str, output: &str) -> Task {
    let invoke = InvokeModel::builder()
        .model_id(MODEL)
        .input(ClaudeMessages::new(
            512,
            vec![Message::user(Field::path(format!(
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
        .next("HandleFailure")
        .result_path(ReferencePath::new("$.error"))
        .build()]);
    task
}

/// The prompt chain: Outline, then Draft from the outline, then Polish.
/// `build()` runs the validator.
pub fn prompt_chain() -> Result<StateMachine, InvalidMachine> {
    let mut machine = Chain::start(
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
            .transition(Transition::next("Failed"))
            .build(),
    )
    .with_state(
        "Failed",
        Fail::builder()
            .error(FailError::Error("PromptChainFailed".into()))
            .build(),
    )
    .build()?;
    machine.comment = Some("A three-step Amazon Bedrock prompt chain".into());
    Ok(machine)
}

fn main() -> std::process::ExitCode {
    let machine = match prompt_chain() {
        Ok(m) => m,
        Err(invalid) => {
            eprintln!("{invalid}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let env = AwsEnvironment {
        partition: "aws".into(),
        region: "us-east-2".into(),
        account: "123456789012".into(),
    };
    let policy = policy_for(&machine, &env, &[&Bedrock::default()]);

    println!("## Amazon States Language\n");
    println!("{}", machine.to_string_pretty());
    println!(
        "\n## IAM policy for the execution role ({} / {})\n",
        env.region, env.account
    );
    println!("{}", asl_kit::core::to_string_pretty(&policy));
    println!("\n## Diagram (Mermaid)\n");
    print!("{}", asl_kit::core::diagram::mermaid(&machine));
    std::process::ExitCode::SUCCESS
}
