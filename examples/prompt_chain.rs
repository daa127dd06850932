//! The main job: a three-step Amazon Bedrock prompt chain, built with the
//! typed Bedrock API, that saves the final text to DynamoDB (a typed
//! `dynamodb:putItem` task). Each step's output feeds the next prompt.
//! Prints the machine's ASL JSON, its least-privilege IAM policy and its
//! diagram. `tests/prompt_chain.rs` runs it in the simulator with mocked
//! model responses.
//!
//! `cargo run --example prompt_chain`
//!
//! With `--deploy` (and the `deploy` feature) it also deploys the machine to
//! the local Step Functions server (`scripts/localstack/start.sh`; endpoint
//! from `ASL_ENDPOINT`, default `http://127.0.0.1:4566`), runs one execution
//! against the mocked Bedrock responses and prints its result:
//!
//! `cargo run --example prompt_chain --features deploy -- --deploy`

#[path = "shared/prompt_chain_steps.rs"]
mod steps;

use asl_kit::aws::PutItem;
use asl_kit::core::iam::policy_for;
use asl_kit::core::{
    Fail, FailError, InvalidMachine, Pass, PayloadTemplate, StateMachine, Task, Transition,
};
use serde_json::json;

/// The DynamoDB table the final text is written to.
pub const TABLE: &str = "PromptChainResults";

/// Saves the topic and the polished text; the state's output stays its input.
fn save() -> Task {
    let mut task: Task = PutItem::builder()
        .table_name(TABLE)
        .item(json!({"topic": {"S.$": "$.topic"}, "text": {"S.$": "$.final.text"}}))
        .build()
        .into();
    task.result_path = Some(None);
    task
}

/// The prompt chain: Outline, then Draft from the outline, then Polish,
/// then Save. `build()` runs the validator.
pub fn prompt_chain() -> Result<StateMachine, InvalidMachine> {
    let mut machine = steps::steps("HandleFailure")
        .next("Save", save())
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
    machine.comment = Some("A three-step Amazon Bedrock prompt chain, saved to DynamoDB".into());
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
    let env = steps::environment();
    let policy = policy_for(&machine, &env);

    println!("## Amazon States Language\n");
    println!("{}", machine.to_string_pretty());
    println!(
        "\n## IAM policy for the execution role ({} / {})\n",
        env.region, env.account
    );
    println!("{}", asl_kit::core::to_string_pretty(&policy));
    println!("\n## Diagram (Mermaid)\n");
    print!("{}", asl_kit::core::diagram::mermaid(&machine));

    if std::env::args().any(|a| a == "--deploy") {
        return deploy(&machine);
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(not(feature = "deploy"))]
fn deploy(_: &StateMachine) -> std::process::ExitCode {
    eprintln!("--deploy needs the `deploy` feature: cargo run --example prompt_chain --features deploy -- --deploy");
    std::process::ExitCode::from(2)
}

/// Deploys to the local server and runs the mocked `HappyPath` test case.
#[cfg(feature = "deploy")]
fn deploy(machine: &StateMachine) -> std::process::ExitCode {
    use asl_kit::deploy::{DeploySpec, Deployer};
    let endpoint =
        std::env::var("ASL_ENDPOINT").unwrap_or_else(|_| "http://127.0.0.1:4566".to_owned());
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start a runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let deployer = Deployer::local(&endpoint);
        let spec = DeploySpec::new(
            "PromptChain",
            machine,
            "arn:aws:iam::000000000000:role/StepFunctionsRole",
        );
        let outcome = deployer.deploy(&spec).await?;
        println!(
            "\n## Deployed to {endpoint}\n\n{:?} {}",
            outcome.action, outcome.arn
        );
        let input = json!({"topic": "state machines in Rust"});
        deployer
            .run_execution(
                &outcome.arn,
                &input,
                Some("HappyPath"),
                std::time::Duration::from_secs(60),
            )
            .await
    });
    match result {
        Ok(run) => {
            println!("\n## Execution (mocked Bedrock, test case HappyPath)\n");
            println!("status: {}", run.status.as_str());
            if let Some(output) = run.output {
                println!("{}", asl_kit::core::to_string_pretty(&output));
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "deploy failed: {e}\n(start the local server with scripts/localstack/start.sh)"
            );
            std::process::ExitCode::FAILURE
        }
    }
}
