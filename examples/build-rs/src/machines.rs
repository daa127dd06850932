//! The state machine definitions, shared by `build.rs` (which writes them to
//! `OUT_DIR`) and `tests/generated.rs` (which generates them again to check
//! that the output is stable). Both include this file with
//! `#[path = "…/src/machines.rs"] mod machines;`; the binary does not, it
//! embeds the generated JSON.

#[path = "../../shared/prompt_chain_steps.rs"]
pub mod steps;

use asl_kit::bedrock::Dynamic;
use asl_kit::core::build_support::Generator;
use asl_kit::core::iam::Statement;
use asl_kit::core::integration::{
    AwsEnvironment, Request, RequestWriter, TaskContext, TypedIntegration, TypedTask,
};
use asl_kit::core::{
    arn, Chain, Choice, ChoiceRule, Comparator, Comparison, Fail, FailError, PayloadTemplate,
    QueryLanguage, ReferencePath, StateMachine, Succeed, Task,
};
use serde_json::json;
use std::path::Path;

use steps::environment;

/// A `Fail` state that fails with the error `error`.
fn fail(error: &str) -> Fail {
    Fail::builder()
        .error(FailError::Error(error.into()))
        .build()
}

/// Outline, then Draft from the outline, then Polish: three Bedrock calls.
///
/// Not validated here: the [`generator`] validates every machine, with the
/// Bedrock rules, and names the machine in each diagnostic.
pub fn prompt_chain() -> StateMachine {
    let mut machine = steps::steps("Failed")
        .with_state("Failed", fail("PromptChainFailed"))
        .into_machine();
    machine.comment = Some("A three-step Amazon Bedrock prompt chain".into());
    machine
}

/// Validate an order with a Lambda function, then charge it when it is in
/// stock.
pub fn order_processing() -> StateMachine {
    let lambda = |function: &str, output: &str| {
        Task::builder()
            .resource("arn:aws:states:::lambda:invoke")
            .parameters(json!({"FunctionName": function, "Payload.$": "$"}))
            .result_selector(PayloadTemplate::from(json!({"result.$": "$.Payload"})))
            .result_path(Some(ReferencePath::new(output)))
            .build()
    };
    let mut machine = Chain::start("ValidateOrder", lambda("validate-order", "$.validation"))
        .next(
            "InStock",
            Choice::builder()
                .choices(vec![ChoiceRule::jsonpath(
                    Comparison::new(
                        "$.validation.result.in_stock",
                        Comparator::BooleanEquals(true),
                    ),
                    "ChargeCard",
                )])
                .default("OutOfStock")
                .build(),
        )
        .with_state(
            "ChargeCard",
            Task::builder()
                .resource("arn:aws:states:::lambda:invoke")
                .parameters(json!({"FunctionName": "charge-card", "Payload.$": "$"}))
                .transition(asl_kit::core::Transition::next("Done"))
                .build(),
        )
        .with_state("Done", Succeed::builder().build())
        .with_state("OutOfStock", fail("OutOfStock"))
        .into_machine();
    machine.comment = Some("Order processing".into());
    machine
}

/// A small integration of this crate's own for `lambda:invoke` tasks
/// (asl-kit has none yet): the typed request, read from each Task by the
/// shared reader (which also reports unknown parameters), and the statement
/// it needs, `lambda:InvokeFunction` on the function it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Invoke {
    /// `FunctionName`: a name, a partial or a full ARN.
    pub function_name: Dynamic<String>,
    /// `Payload`.
    pub payload: Option<Dynamic<serde_json::Value>>,
    /// The other parameters, as written.
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl TypedTask for Invoke {
    const NAME: &'static str = "lambda:invoke";
    const RESOURCES: &'static [&'static str] = &["lambda:invoke"];

    fn read(r: &mut Request<'_>) -> Self {
        r.allow(&["InvocationType", "Qualifier", "ClientContext", "LogType"]);
        Invoke {
            function_name: r.required("FunctionName"),
            payload: r.optional("Payload"),
            other: r.rest(),
        }
    }

    fn into_task(self, ql: QueryLanguage) -> Task {
        let mut w = RequestWriter::new(ql);
        w.put("FunctionName", &self.function_name);
        if let Some(p) = &self.payload {
            w.template("Payload", p);
        }
        w.extend(&self.other);
        w.into_task("arn:aws:states:::lambda:invoke")
    }

    fn statements(&self, _: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
        let function = self.function_name.static_str().unwrap_or("*");
        let arn = if arn::is_arn(function) {
            function.to_string()
        } else {
            arn::regional(env, "lambda", &format!("function:{function}"))
        };
        // The function itself and its versions and aliases.
        vec![Statement::allow(
            "InvokeFunction",
            ["lambda:InvokeFunction"],
            [arn.clone(), format!("{arn}:*")],
        )]
    }
}

/// The integration: one line over the typed task.
pub const LAMBDA: TypedIntegration<(Invoke,)> = TypedIntegration::new("lambda", "Lambda");

/// The generator `build.rs` runs: both machines, this example's Lambda
/// integration on top of the built-in ones (Bedrock's rules and IAM
/// statements are in the registry already) and the environment, writing into
/// `dir`.
pub fn generator(dir: &Path) -> Generator {
    Generator::new(dir)
        .environment(environment())
        .integration(LAMBDA)
        .rerun_if_changed("src/machines.rs")
        .rerun_if_changed("../shared/prompt_chain_steps.rs")
        .machine("prompt_chain", prompt_chain())
        .machine("order_processing", order_processing())
}
