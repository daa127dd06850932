//! `state_machine!` pass cases: each machine is also written with the
//! builders, and the two JSON documents must be equal.

use asl_kit::bedrock::{ClaudeMessages, Field, InvokeModel, Message, ModelId, S3Uri};
use asl_kit::core::{
    BoolExpr, Branch, Catcher, Chain, Choice, ChoiceRule, Comparator, Comparison, Condition, Fail,
    FailCause, FailError, InvalidMachine, ItemProcessor, Items, Jsonata, Map, MaxConcurrency,
    NestedRule, OrJsonata, Parallel, Pass, Path, PayloadTemplate, ProcessorConfig, ProcessorField,
    ProcessorMode, QueryLanguage, ReferencePath, Retrier, State, StateMachine, States, Succeed,
    Task, Timeout, Transition, Wait, WaitDuration,
};
use asl_kit::state_machine;
use pretty_assertions::assert_eq;
use serde_json::json;

type R = Result<(), InvalidMachine>;

const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";

fn states(list: Vec<(&str, State)>) -> States {
    list.into_iter().map(|(n, s)| (n.to_owned(), s)).collect()
}

#[test]
fn prompt_chain_with_bedrock() -> R {
    let topic_key = "prompt.$";
    let macro_machine = state_machine! {
        Comment: "prompt chain",
        StartAt: Outline,
        States: {
            Outline: bedrock::InvokeModel {
                ModelId: (MODEL),
                Body: { "prompt.$": "$.topic", "max_tokens": 250 },
                ResultPath: "$.outline",
                Retry: [{ ErrorEquals: ["Bedrock.ThrottlingException"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2.0 }],
                Catch: [{ ErrorEquals: ["States.ALL"], Next: HandleFailure, ResultPath: "$.error" }],
                Next: Draft,
            },
            Draft: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Input: { S3Uri: "s3://bucket/request.json" },
                TimeoutSeconds: 60,
                Next: Done,
            },
            Done: Succeed {},
            HandleFailure: Fail { Error: "PromptChainFailed", Cause: "a Bedrock call failed" },
        }
    }?;

    let mut outline = InvokeModel::builder()
        .model_id(MODEL)
        .input(json!({ topic_key: "$.topic", "max_tokens": 250 }))
        .build()
        .into_task(QueryLanguage::JsonPath);
    outline.result_path = Some(Some(ReferencePath::new("$.outline")));
    outline.retry = Some(vec![Retrier::builder()
        .error_equals(["Bedrock.ThrottlingException"])
        .interval_seconds(1)
        .max_attempts(2)
        .backoff_rate(2.0)
        .build()]);
    outline.catch = Some(vec![Catcher::builder()
        .error_equals(["States.ALL"])
        .next("HandleFailure")
        .result_path(ReferencePath::new("$.error"))
        .build()]);
    outline.transition = Transition::next("Draft");
    let mut draft = InvokeModel::builder()
        .model_id("amazon.titan-text-express-v1")
        .input(S3Uri::new("s3://bucket/request.json").unwrap_or_else(|_| S3Uri::path("$")))
        .build()
        .into_task(QueryLanguage::JsonPath);
    draft.timeout = Some(Timeout::from(60));
    draft.transition = Transition::next("Done");
    let builder_machine = StateMachine::builder()
        .comment("prompt chain")
        .start_at("Outline")
        .states(states(vec![
            ("Outline", outline.into()),
            ("Draft", draft.into()),
            ("Done", Succeed::builder().build().into()),
            (
                "HandleFailure",
                Fail::builder()
                    .error(FailError::Error("PromptChainFailed".into()))
                    .cause(FailCause::Cause("a Bedrock call failed".into()))
                    .build()
                    .into(),
            ),
        ]))
        .build()?;
    assert_eq!(macro_machine.to_value(), builder_machine.to_value());
    Ok(())
}

#[test]
fn interpolated_typed_bedrock_body() -> R {
    let prompt = String::from("Write a haiku about {}.");
    let body = ClaudeMessages::new(
        256,
        vec![Message::user(Field::path(format!(
            "States.Format('{prompt}', $.topic)"
        )))],
    );
    let m = state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel { ModelId: (ModelId::from(MODEL)), Body: (body.clone()), End: true },
        }
    }?;
    let expected = Chain::start(
        "Ask",
        InvokeModel::builder()
            .model_id(MODEL)
            .input(body)
            .build()
            .into_task(QueryLanguage::JsonPath),
    )
    .build()?;
    assert_eq!(m.to_value(), expected.to_value());
    Ok(())
}

#[test]
fn choice_wait_pass_and_nested_rules() -> R {
    let threshold = 10;
    let m = state_machine! {
        StartAt: Check,
        States: {
            Check: Choice {
                Comment: "route by size",
                Choices: [
                    { Variable: "$.n", NumericGreaterThan: (threshold), Next: Big },
                    { And: [
                        { Variable: "$.n", IsPresent: true },
                        { Not: { Variable: "$.name", StringEquals: "zero" } },
                      ], Next: Small },
                    { Or: [
                        { Variable: "$.ok", BooleanEquals: false },
                        { Variable: "$.x", NumericLessThanPath: "$.y" },
                      ], Next: Small },
                ],
                Default: "Zero",
            },
            Big: Pass { Result: { "size": "big", "n": -1, "f": 1.5, "l": [1, null, true] }, ResultPath: "$.r", Next: Small },
            Small: Wait { Seconds: 5, Next: "Zero" },
            "Zero": Fail { ErrorPath: "$.error", CausePath: "$.cause" },
        }
    }?;
    let expected = StateMachine::builder()
        .start_at("Check")
        .states(states(vec![
            (
                "Check",
                Choice::builder()
                    .comment("route by size")
                    .choices(vec![
                        ChoiceRule::jsonpath(
                            Comparison::new(
                                "$.n",
                                Comparator::NumericGreaterThan(serde_json::Number::from(threshold)),
                            ),
                            "Big",
                        ),
                        ChoiceRule::jsonpath(
                            BoolExpr::And(vec![
                                NestedRule::from(Comparison::new(
                                    "$.n",
                                    Comparator::IsPresent(true),
                                )),
                                NestedRule::from(BoolExpr::Not(Box::new(NestedRule::from(
                                    Comparison::new(
                                        "$.name",
                                        Comparator::StringEquals("zero".into()),
                                    ),
                                )))),
                            ]),
                            "Small",
                        ),
                        ChoiceRule::jsonpath(
                            BoolExpr::Or(vec![
                                NestedRule::from(Comparison::new(
                                    "$.ok",
                                    Comparator::BooleanEquals(false),
                                )),
                                NestedRule::from(Comparison::new(
                                    "$.x",
                                    Comparator::NumericLessThanPath(ReferencePath::new("$.y")),
                                )),
                            ]),
                            "Small",
                        ),
                    ])
                    .default("Zero")
                    .build()
                    .into(),
            ),
            (
                "Big",
                Pass::builder()
                    .result(json!({"size": "big", "n": -1, "f": 1.5, "l": [1, null, true]}))
                    .result_path(ReferencePath::new("$.r"))
                    .transition(Transition::next("Small"))
                    .build()
                    .into(),
            ),
            (
                "Small",
                Wait::builder()
                    .duration(WaitDuration::seconds(5))
                    .transition(Transition::next("Zero"))
                    .build()
                    .into(),
            ),
            (
                "Zero",
                Fail::builder()
                    .error(FailError::ErrorPath(Path::new("$.error")))
                    .cause(FailCause::CausePath(Path::new("$.cause")))
                    .build()
                    .into(),
            ),
        ]))
        .build()?;
    assert_eq!(m.to_value(), expected.to_value());
    Ok(())
}

#[test]
fn parallel_and_map() -> R {
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:work";
    let m = state_machine! {
        StartAt: Fan,
        States: {
            Fan: Parallel {
                Branches: [
                    { StartAt: A, States: { A: Pass { End: true } } },
                    { StartAt: B, States: { B: Task { Resource: (arn), Parameters: { "x.$": "$.x", "k": (arn) }, TimeoutSeconds: 30, End: true } } },
                ],
                ResultPath: "$.fan",
                Next: Each,
            },
            Each: Map {
                ItemsPath: "$.items",
                MaxConcurrency: 4,
                ItemProcessor: {
                    ProcessorConfig: { Mode: "INLINE" },
                    StartAt: Work,
                    States: { Work: Pass { OutputPath: null, End: true } },
                },
                End: true,
            },
        }
    }?;
    let expected = StateMachine::builder()
        .start_at("Fan")
        .states(states(vec![
            (
                "Fan",
                Parallel::builder()
                    .branches(vec![
                        Branch::builder()
                            .start_at("A")
                            .states(states(vec![("A", Pass::builder().build().into())]))
                            .build(),
                        Branch::builder()
                            .start_at("B")
                            .states(states(vec![(
                                "B",
                                Task::builder()
                                    .resource(arn)
                                    .parameters(PayloadTemplate::from(
                                        json!({"x.$": "$.x", "k": arn}),
                                    ))
                                    .timeout(Timeout::Seconds(OrJsonata::Value(30)))
                                    .build()
                                    .into(),
                            )]))
                            .build(),
                    ])
                    .result_path(ReferencePath::new("$.fan"))
                    .transition(Transition::next("Each"))
                    .build()
                    .into(),
            ),
            (
                "Each",
                Map::builder()
                    .items(Items::ItemsPath(ReferencePath::new("$.items")))
                    .max_concurrency(MaxConcurrency::MaxConcurrency(OrJsonata::Value(4)))
                    .processor(ProcessorField::ItemProcessor(
                        ItemProcessor::builder()
                            .processor_config(
                                ProcessorConfig::builder()
                                    .mode(ProcessorMode::Inline)
                                    .build(),
                            )
                            .start_at("Work")
                            .states(states(vec![(
                                "Work",
                                Pass::builder().output_path(None::<Path>).build().into(),
                            )]))
                            .build(),
                    ))
                    .build()
                    .into(),
            ),
        ]))
        .build()?;
    assert_eq!(m.to_value(), expected.to_value());
    Ok(())
}

#[test]
fn jsonata_machine() -> R {
    let m = state_machine! {
        QueryLanguage: "JSONata",
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "{% $states.input.prompt %}" },
                Output: { "text": "{% $states.result.Body.results[0].outputText %}" },
                Next: Route,
            },
            Route: Choice {
                Choices: [{ Condition: "{% $states.input.n > 1 %}", Next: Done }],
                Default: Done,
            },
            Done: Succeed { Output: "{% $states.input %}" },
        }
    }?;
    let mut ask = InvokeModel::builder()
        .model_id("amazon.titan-text-express-v1")
        .input(json!({ "inputText": "{% $states.input.prompt %}" }))
        .build()
        .into_task(QueryLanguage::Jsonata);
    ask.output = Some(json!({ "text": "{% $states.result.Body.results[0].outputText %}" }));
    ask.transition = Transition::next("Route");
    let expected = StateMachine::builder()
        .query_language(QueryLanguage::Jsonata)
        .start_at("Ask")
        .states(states(vec![
            ("Ask", ask.into()),
            (
                "Route",
                Choice::builder()
                    .choices(vec![ChoiceRule::builder()
                        .condition(Condition::Jsonata(OrJsonata::Jsonata(
                            Jsonata::parse("{% $states.input.n > 1 %}")
                                .unwrap_or_else(|| Jsonata::new("$states.input.n > 1")),
                        )))
                        .next("Done")
                        .build()])
                    .default("Done")
                    .build()
                    .into(),
            ),
            (
                "Done",
                Succeed::builder()
                    .output(json!("{% $states.input %}"))
                    .build()
                    .into(),
            ),
        ]))
        .build()?;
    assert_eq!(m.to_value(), expected.to_value());
    Ok(())
}

#[test]
fn interpolated_values_are_checked_by_the_builder_at_run_time() {
    // The path is only known at run time; the validator sees a stand-in at
    // compile time, and the builder's `build()` rejects the real value.
    let bad_path = String::from("not a path");
    let result = state_machine! {
        StartAt: A,
        States: { A: Pass { ResultPath: (bad_path.as_str()), End: true } }
    };
    let err = result.err().map(|e| e.errors().count());
    assert_eq!(err, Some(1));
}

#[test]
fn include_asl_reads_a_definition_file() -> R {
    let m = asl_kit::include_asl!("tests/fixtures/hello.asl.json");
    let expected = Chain::start(
        "Hello",
        Pass::builder()
            .result(json!({"greeting": "hello"}))
            .result_path(ReferencePath::new("$.out"))
            .build(),
    )
    .next("Done", Succeed::builder().build())
    .build()?;
    let mut expected = expected;
    expected.comment = Some("A hello world machine, read by include_asl!".into());
    assert_eq!(m, expected);
    Ok(())
}

#[test]
fn interpolation_in_every_kind_of_field_passes_the_compile_time_checks() -> R {
    let arn = String::from("arn:aws:lambda:us-east-1:123456789012:function:work");
    let (timeout, heartbeat, wait, concurrency) = (60_u64, 10_u64, 5_u64, 2_u64);
    let params = json!({"FunctionName": "f"});
    let error = "Custom.Error";
    let m = state_machine! {
        Comment: (format!("built for {arn}")),
        StartAt: Work,
        States: {
            Work: Task {
                Comment: (arn.clone()),
                Resource: (arn.as_str()),
                InputPath: ("$.input"),
                Parameters: (params.clone()),
                ResultSelector: { "out.$": "$.Payload", "tag": (error) },
                ResultPath: ("$.result"),
                TimeoutSeconds: (timeout),
                HeartbeatSeconds: (heartbeat),
                Retry: [{ ErrorEquals: [(error), "States.Timeout"], MaxAttempts: (3_u64), BackoffRate: (1.5) }],
                Catch: [{ ErrorEquals: ["States.ALL"], Next: Failed, ResultPath: ("$.error") }],
                Next: Pause,
            },
            Pause: Wait { Seconds: (wait), Next: Until },
            Until: Wait { Timestamp: (String::from("2030-01-01T00:00:00Z")), Next: Each },
            Each: Map {
                ItemsPath: ("$.items"),
                MaxConcurrency: (concurrency),
                ItemProcessor: { StartAt: One, States: { One: Pass { Result: (vec![1, 2]), End: true } } },
                Next: Done,
            },
            Done: Succeed {},
            Failed: Fail { Error: (error), Cause: (format!("{error} happened")) },
        }
    }?;
    let v = m.to_value();
    assert_eq!(v["Comment"], format!("built for {arn}"));
    assert_eq!(v["States"]["Work"]["Resource"], arn);
    assert_eq!(v["States"]["Work"]["Parameters"], params);
    assert_eq!(v["States"]["Work"]["ResultSelector"]["tag"], error);
    assert_eq!(v["States"]["Work"]["TimeoutSeconds"], 60);
    assert_eq!(v["States"]["Work"]["Retry"][0]["ErrorEquals"][0], error);
    assert_eq!(v["States"]["Work"]["Retry"][0]["BackoffRate"], 1.5);
    assert_eq!(v["States"]["Pause"]["Seconds"], 5);
    assert_eq!(v["States"]["Until"]["Timestamp"], "2030-01-01T00:00:00Z");
    assert_eq!(v["States"]["Each"]["MaxConcurrency"], 2);
    assert_eq!(
        v["States"]["Each"]["ItemProcessor"]["States"]["One"]["Result"],
        json!([1, 2])
    );
    assert_eq!(v["States"]["Failed"]["Cause"], "Custom.Error happened");
    Ok(())
}
