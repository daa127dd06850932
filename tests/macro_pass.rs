//! `state_machine!` pass cases: each machine is also written with the
//! builders, and the two JSON documents must be equal.

use asl_kit::bedrock::{ClaudeMessages, InvokeModel, Message, ModelId, S3Uri};
use asl_kit::core::{
    BoolExpr, Branch, Catcher, Chain, Choice, ChoiceRule, Comparator, Comparison, Condition,
    Dynamic, ExecutionType, Fail, FailCause, FailError, InvalidMachine, ItemProcessor, Items,
    Jsonata, Map, MaxConcurrency, NestedRule, Parallel, Pass, Path, PayloadTemplate,
    ProcessorConfig, ProcessorField, ProcessorMode, QueryLanguage, ReferencePath, Retrier, State,
    StateMachine, States, Succeed, Task, Timeout, Transition, Wait, WaitDuration,
};
use asl_kit::state_machine;
use pretty_assertions::assert_eq;
use serde_json::json;

type R = Result<(), InvalidMachine>;

const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";

fn states(list: Vec<(&str, State)>) -> States {
    list.into_iter().map(|(n, s)| (n.to_owned(), s)).collect()
}

/// Checks the macro's machine `m` against the one the builders make: these
/// states, starting at `start`, in the query language `ql` when given.
fn same_as_built(
    m: &StateMachine,
    ql: Option<QueryLanguage>,
    start: &str,
    list: Vec<(&str, State)>,
) -> R {
    let expected = match ql {
        Some(ql) => StateMachine::builder()
            .query_language(ql)
            .start_at(start)
            .states(states(list))
            .build()?,
        None => StateMachine::builder()
            .start_at(start)
            .states(states(list))
            .build()?,
    };
    assert_eq!(m.to_value(), expected.to_value());
    same_policy(m, &expected);
    Ok(())
}

/// The IAM policies of two machines, in one environment, are the same.
fn same_policy(a: &StateMachine, b: &StateMachine) {
    use asl_kit::core::iam::policy_for;
    use asl_kit::core::integration::AwsEnvironment;
    let env = AwsEnvironment::new("aws", "us-east-1", "123456789012");
    assert_eq!(
        serde_json::to_value(policy_for(a, &env)).unwrap_or_default(),
        serde_json::to_value(policy_for(b, &env)).unwrap_or_default()
    );
}

/// [`same_as_built`] for Tasks in a row, named `names`: each goes to the
/// next, the last ends, and the machine starts at the first.
fn same_tasks<const N: usize>(
    m: &StateMachine,
    ql: Option<QueryLanguage>,
    names: [&str; N],
    tasks: [Task; N],
) -> R {
    let list = names
        .iter()
        .zip(tasks)
        .enumerate()
        .map(|(i, (name, mut task))| {
            task.transition = match names.get(i + 1) {
                Some(next) => Transition::next(*next),
                None => Transition::End,
            };
            (*name, State::from(task))
        })
        .collect();
    same_as_built(m, ql, names.first().copied().unwrap_or_default(), list)
}

/// A typed task's `other` map of one parameter.
fn other(key: &str, value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    serde_json::Map::from_iter([(key.to_owned(), value)])
}

/// [`same_as_built`] for a machine of one state, `name`.
fn same_as_one(
    m: &StateMachine,
    ql: Option<QueryLanguage>,
    name: &str,
    state: impl Into<State>,
) -> R {
    same_as_built(m, ql, name, vec![(name, state.into())])
}

/// An S3 URI the test knows to be valid.
fn s3(uri: &str) -> S3Uri {
    S3Uri::new(uri).unwrap_or_else(|_| S3Uri::path("$"))
}

/// A distributed `ItemProcessor` of one `Pass` state, `name`.
fn distributed(name: &str, execution: ExecutionType) -> ProcessorField {
    ProcessorField::ItemProcessor(
        ItemProcessor::builder()
            .processor_config(
                ProcessorConfig::builder()
                    .mode(ProcessorMode::Distributed)
                    .execution_type(execution)
                    .build(),
            )
            .start_at(name)
            .states(states(vec![(name, Pass::builder().build().into())]))
            .build(),
    )
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
        .input(s3("s3://bucket/request.json"))
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
        vec![Message::user(Dynamic::path(format!(
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
    same_as_built(
        &m,
        None,
        "Check",
        vec![
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
        ],
    )
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
    same_as_built(
        &m,
        None,
        "Fan",
        vec![
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
                                    .timeout(Timeout::Seconds(Dynamic::Value(30)))
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
                    .max_concurrency(MaxConcurrency::MaxConcurrency(Dynamic::Value(4)))
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
        ],
    )
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
    same_as_built(
        &m,
        Some(QueryLanguage::Jsonata),
        "Ask",
        vec![
            ("Ask", ask.into()),
            (
                "Route",
                Choice::builder()
                    .choices(vec![ChoiceRule::builder()
                        .condition(Condition::Jsonata(Dynamic::Jsonata(
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
        ],
    )
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

#[test]
fn task_credentials() -> R {
    use asl_kit::core::{Credentials, RoleArn};
    let role = "arn:aws:iam::123456789012:role/Cross";
    let m = state_machine! {
        StartAt: Literal,
        States: {
            Literal: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Parameters: { "FunctionName": "f" },
                Credentials: { RoleArn: "arn:aws:iam::123456789012:role/Cross" },
                Next: FromPath,
            },
            FromPath: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Parameters: { "FunctionName": "f" },
                Credentials: { "RoleArn.$": "$.role" },
                Next: Interpolated,
            },
            Interpolated: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Parameters: { "FunctionName": "f" },
                Credentials: { RoleArn: (role) },
                Next: Ask,
            },
            Ask: bedrock::InvokeModel {
                ModelId: (MODEL),
                Body: { "prompt": "hi" },
                Credentials: { RoleArn: "arn:aws:iam::123456789012:role/Cross" },
                End: true,
            },
        }
    }?;
    let lambda = |credentials: Credentials, next: &str| {
        Task::builder()
            .resource("arn:aws:states:::lambda:invoke")
            .parameters(PayloadTemplate::from(json!({"FunctionName": "f"})))
            .credentials(credentials)
            .transition(Transition::next(next))
            .build()
    };
    let mut ask = InvokeModel::builder()
        .model_id(MODEL)
        .input(json!({"prompt": "hi"}))
        .build()
        .into_task(QueryLanguage::JsonPath);
    ask.credentials = Some(Credentials::builder().role_arn(role).build());
    same_as_built(
        &m,
        None,
        "Literal",
        vec![
            (
                "Literal",
                lambda(Credentials::builder().role_arn(role).build(), "FromPath").into(),
            ),
            (
                "FromPath",
                lambda(
                    Credentials::builder()
                        .role_arn(RoleArn::Path(Path::new("$.role")))
                        .build(),
                    "Interpolated",
                )
                .into(),
            ),
            (
                "Interpolated",
                lambda(Credentials::builder().role_arn(role).build(), "Ask").into(),
            ),
            ("Ask", ask.into()),
        ],
    )
}

#[test]
fn distributed_map_fields() -> R {
    use asl_kit::core::{
        CsvDelimiter, CsvHeaderLocation, ItemBatcher, ItemReader, MaxInputBytesPerBatch, MaxItems,
        MaxItemsPerBatch, ReaderConfig, ResultWriter, ToleratedFailureCount,
        ToleratedFailurePercentage, WriterConfig,
    };
    let bucket = "my-bucket";
    let m = state_machine! {
        StartAt: Csv,
        States: {
            Csv: Map {
                ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    Parameters: { "Bucket": (bucket), "Key": "input.csv" },
                    ReaderConfig: {
                        InputType: "CSV",
                        CSVHeaderLocation: "GIVEN",
                        CSVHeaders: ["id", "name"],
                        CSVDelimiter: "SEMICOLON",
                        MaxItems: 100,
                    },
                },
                ItemBatcher: { MaxItemsPerBatch: 10, MaxInputBytesPerBatchPath: "$.bytes", BatchInput: { "run.$": "$.run" } },
                ResultWriter: {
                    Resource: "arn:aws:states:::s3:putObject",
                    Parameters: { "Bucket": "out-bucket", "Prefix": "results" },
                    WriterConfig: { OutputType: "JSONL", Transformation: "COMPACT" },
                },
                ToleratedFailurePercentage: 5.5,
                ToleratedFailureCount: 10,
                Label: "csv",
                ItemProcessor: {
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
                    StartAt: Work,
                    States: { Work: Pass { End: true } },
                },
                Next: Listed,
            },
            Listed: Map {
                ItemReader: {
                    Resource: "arn:aws:states:::s3:listObjectsV2",
                    Parameters: { "Bucket": "b", "Prefix": "p/" },
                    ReaderConfig: { MaxItemsPath: "$.max" },
                },
                ItemBatcher: { MaxItemsPerBatchPath: "$.per", MaxInputBytesPerBatch: 1024 },
                ResultWriter: { WriterConfig: { OutputType: "JSON" } },
                ToleratedFailurePercentagePath: "$.pct",
                ToleratedFailureCountPath: "$.count",
                ItemProcessor: {
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                    StartAt: Work2,
                    States: { Work2: Pass { End: true } },
                },
                End: true,
            },
        }
    }?;
    let csv = Map::builder()
        .item_reader(
            ItemReader::builder()
                .resource("arn:aws:states:::s3:getObject")
                .parameters(PayloadTemplate::from(
                    json!({"Bucket": bucket, "Key": "input.csv"}),
                ))
                .reader_config(
                    ReaderConfig::builder()
                        .input_type("CSV")
                        .csv_header_location(CsvHeaderLocation::Given)
                        .csv_headers(vec!["id".to_owned(), "name".to_owned()])
                        .csv_delimiter(CsvDelimiter::Semicolon)
                        .max_items(MaxItems::MaxItems(Dynamic::Value(100)))
                        .build(),
                )
                .build(),
        )
        .item_batcher(
            ItemBatcher::builder()
                .max_items_per_batch(MaxItemsPerBatch::MaxItemsPerBatch(Dynamic::Value(10)))
                .max_input_bytes_per_batch(MaxInputBytesPerBatch::MaxInputBytesPerBatchPath(
                    ReferencePath::new("$.bytes"),
                ))
                .batch_input(json!({"run.$": "$.run"}))
                .build(),
        )
        .result_writer(
            ResultWriter::builder()
                .resource("arn:aws:states:::s3:putObject")
                .parameters(PayloadTemplate::from(
                    json!({"Bucket": "out-bucket", "Prefix": "results"}),
                ))
                .writer_config(
                    WriterConfig::builder()
                        .output_type("JSONL")
                        .transformation("COMPACT")
                        .build(),
                )
                .build(),
        )
        .tolerated_failure_percentage(ToleratedFailurePercentage::ToleratedFailurePercentage(
            Dynamic::Value(serde_json::Number::from_f64(5.5).unwrap_or(0.into())),
        ))
        .tolerated_failure_count(ToleratedFailureCount::ToleratedFailureCount(
            Dynamic::Value(10),
        ))
        .label("csv")
        .processor(distributed("Work", ExecutionType::Express))
        .transition(Transition::next("Listed"))
        .build();
    let listed = Map::builder()
        .item_reader(
            ItemReader::builder()
                .resource("arn:aws:states:::s3:listObjectsV2")
                .parameters(PayloadTemplate::from(
                    json!({"Bucket": "b", "Prefix": "p/"}),
                ))
                .reader_config(
                    ReaderConfig::builder()
                        .max_items(MaxItems::MaxItemsPath(ReferencePath::new("$.max")))
                        .build(),
                )
                .build(),
        )
        .item_batcher(
            ItemBatcher::builder()
                .max_items_per_batch(MaxItemsPerBatch::MaxItemsPerBatchPath(ReferencePath::new(
                    "$.per",
                )))
                .max_input_bytes_per_batch(MaxInputBytesPerBatch::MaxInputBytesPerBatch(
                    Dynamic::Value(1024),
                ))
                .build(),
        )
        .result_writer(
            ResultWriter::builder()
                .writer_config(WriterConfig::builder().output_type("JSON").build())
                .build(),
        )
        .tolerated_failure_percentage(ToleratedFailurePercentage::ToleratedFailurePercentagePath(
            ReferencePath::new("$.pct"),
        ))
        .tolerated_failure_count(ToleratedFailureCount::ToleratedFailureCountPath(
            ReferencePath::new("$.count"),
        ))
        .processor(distributed("Work2", ExecutionType::Standard))
        .build();
    same_as_built(
        &m,
        None,
        "Csv",
        vec![("Csv", csv.into()), ("Listed", listed.into())],
    )
}

#[test]
fn distributed_map_in_jsonata() -> R {
    use asl_kit::core::{ItemReader, ResultWriter, ToleratedFailureCount};
    let m = state_machine! {
        QueryLanguage: "JSONata",
        StartAt: Each,
        States: {
            Each: Map {
                ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    Arguments: { "Bucket": "{% $states.input.bucket %}", "Key": "k.json" },
                },
                ResultWriter: {
                    Resource: "arn:aws:states:::s3:putObject",
                    Arguments: { "Bucket": "out", "Prefix": "r" },
                },
                ToleratedFailureCount: "{% $states.input.tolerated %}",
                ItemProcessor: {
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                    StartAt: Work,
                    States: { Work: Pass { End: true } },
                },
                End: true,
            },
        }
    }?;
    let map = Map::builder()
        .item_reader(
            ItemReader::builder()
                .resource("arn:aws:states:::s3:getObject")
                .arguments(json!({"Bucket": "{% $states.input.bucket %}", "Key": "k.json"}))
                .build(),
        )
        .result_writer(
            ResultWriter::builder()
                .resource("arn:aws:states:::s3:putObject")
                .arguments(json!({"Bucket": "out", "Prefix": "r"}))
                .build(),
        )
        .tolerated_failure_count(ToleratedFailureCount::ToleratedFailureCount(
            Dynamic::Jsonata(Jsonata::new("$states.input.tolerated")),
        ))
        .processor(distributed("Work", ExecutionType::Standard))
        .build();
    same_as_one(&m, Some(QueryLanguage::Jsonata), "Each", map)
}

#[test]
fn bedrock_model_output_guardrail_and_trace() -> R {
    use asl_kit::bedrock::{Guardrail, GuardrailVersion, Trace};
    let guardrail = "gr-123";
    let m = state_machine! {
        StartAt: Guarded,
        States: {
            Guarded: bedrock::InvokeModel {
                ModelId: (MODEL),
                Body: { "prompt.$": "$.prompt" },
                ModelOutput: { S3Uri: "s3://bucket/response.json" },
                GuardrailIdentifier: "gr-123",
                GuardrailVersion: "DRAFT",
                Trace: "ENABLED",
                Next: Dynamic,
            },
            Dynamic: bedrock::InvokeModel {
                ModelId: (MODEL),
                Input: { "S3Uri.$": "$.request" },
                ModelOutput: { "S3Uri.$": "$.response" },
                "GuardrailIdentifier.$": "$.guardrail",
                GuardrailVersion: "12",
                "Trace.$": "$.trace",
                Next: Interpolated,
            },
            Interpolated: bedrock::InvokeModel {
                ModelId: (MODEL),
                Body: { "prompt": "hi" },
                GuardrailIdentifier: (guardrail),
                GuardrailVersion: (GuardrailVersion::DRAFT),
                Trace: (Trace::Disabled),
                End: true,
            },
        }
    }?;
    let mut guarded = InvokeModel::builder()
        .model_id(MODEL)
        .input(json!({"prompt.$": "$.prompt"}))
        .output(s3("s3://bucket/response.json"))
        .guardrail(Guardrail::new(guardrail, GuardrailVersion::DRAFT))
        .trace(Trace::Enabled)
        .build()
        .into_task(QueryLanguage::JsonPath);
    guarded.transition = Transition::next("Dynamic");
    let mut dynamic = InvokeModel::builder()
        .model_id(MODEL)
        .input(S3Uri::path("$.request"))
        .output(S3Uri::path("$.response"))
        .guardrail(Guardrail {
            identifier: Dynamic::path("$.guardrail"),
            version: Dynamic::Value(
                GuardrailVersion::number(12).unwrap_or(GuardrailVersion::DRAFT),
            ),
        })
        .trace(Dynamic::<Trace>::path("$.trace"))
        .build()
        .into_task(QueryLanguage::JsonPath);
    dynamic.transition = Transition::next("Interpolated");
    let interpolated = InvokeModel::builder()
        .model_id(MODEL)
        .input(json!({"prompt": "hi"}))
        .guardrail(Guardrail::new(guardrail, GuardrailVersion::DRAFT))
        .trace(Trace::Disabled)
        .build()
        .into_task(QueryLanguage::JsonPath);
    same_as_built(
        &m,
        None,
        "Guarded",
        vec![
            ("Guarded", guarded.into()),
            ("Dynamic", dynamic.into()),
            ("Interpolated", interpolated.into()),
        ],
    )?;
    let v = m.to_value();
    assert_eq!(
        v["States"]["Guarded"]["Parameters"]["Output"]["S3Uri"],
        "s3://bucket/response.json"
    );
    assert!(v["States"]["Guarded"].get("Output").is_none());
    Ok(())
}

#[test]
fn bedrock_model_output_in_jsonata_next_to_state_output() -> R {
    let m = state_machine! {
        QueryLanguage: "JSONata",
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: (MODEL),
                Body: { "prompt": "{% $states.input.prompt %}" },
                ModelOutput: { S3Uri: "s3://bucket/response.json" },
                Output: { "S3Uri": "{% $states.result.Body %}" },
                End: true,
            },
        }
    }?;
    let mut ask = InvokeModel::builder()
        .model_id(MODEL)
        .input(json!({"prompt": "{% $states.input.prompt %}"}))
        .output(s3("s3://bucket/response.json"))
        .build()
        .into_task(QueryLanguage::Jsonata);
    ask.output = Some(json!({"S3Uri": "{% $states.result.Body %}"}));
    same_as_one(&m, Some(QueryLanguage::Jsonata), "Ask", ask)
}

#[test]
fn bedrock_model_customization_jobs() -> R {
    use asl_kit::bedrock::{CreateModelCustomizationJob, RequestResponse, RunJob, Tag};
    let role = "arn:aws:iam::123456789012:role/Bedrock";
    let validation = vec![S3Uri::path("$.validation")];
    let m = state_machine! {
        StartAt: Create,
        States: {
            Create: bedrock::CreateModelCustomizationJob {
                JobName: "my-job",
                CustomModelName: "my-model",
                RoleArn: "arn:aws:iam::123456789012:role/Bedrock",
                BaseModelIdentifier: "amazon.titan-text-express-v1",
                TrainingDataConfig: { S3Uri: "s3://bucket/train.jsonl" },
                ValidationDataConfig: { Validators: [{ S3Uri: "s3://bucket/validate.jsonl" }] },
                OutputDataConfig: { S3Uri: "s3://bucket/out/" },
                HyperParameters: { "epochCount": "1", "batchSize": "8" },
                CustomizationType: "FINE_TUNING",
                CustomModelKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc",
                ClientRequestToken: "token-1",
                JobTags: [{ Key: "team", Value: "ml" }],
                CustomModelTags: [{ Key: "stage", Value: "dev" }],
                VpcConfig: { "SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"] },
                ResultPath: "$.job",
                Next: Train,
            },
            Train: bedrock::CreateModelCustomizationJob.sync {
                "JobName.$": "$.job_name",
                CustomModelName: "my-model",
                RoleArn: (role),
                BaseModelIdentifier: "amazon.titan-text-express-v1",
                TrainingDataConfig: { "S3Uri.$": "$.train" },
                ValidationDataConfig: (validation.clone()),
                OutputDataConfig: (S3Uri::path("$.out")),
                "HyperParameters.$": "$.hyper",
                TimeoutSeconds: 3600,
                Catch: [{ ErrorEquals: ["States.ALL"], Next: Failed }],
                End: true,
            },
            Failed: Fail { Error: "TrainingFailed" },
        }
    }?;
    let mut vpc = serde_json::Map::new();
    vpc.insert(
        "VpcConfig".to_owned(),
        json!({"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}),
    );
    let mut create = CreateModelCustomizationJob::<RequestResponse>::builder()
        .job_name("my-job")
        .custom_model_name("my-model")
        .role_arn(role)
        .base_model_identifier("amazon.titan-text-express-v1")
        .training_data_config(s3("s3://bucket/train.jsonl"))
        .output_data_config(s3("s3://bucket/out/"))
        .validation_data(vec![s3("s3://bucket/validate.jsonl")])
        .hyper_parameters(json!({"epochCount": "1", "batchSize": "8"}))
        .customization_type("FINE_TUNING")
        .custom_model_kms_key_id("arn:aws:kms:us-east-1:123456789012:key/abc")
        .client_request_token("token-1")
        .job_tags(vec![Tag::new("team", "ml")])
        .custom_model_tags(vec![Tag::new("stage", "dev")])
        .other(vpc)
        .build()
        .into_task(QueryLanguage::JsonPath);
    create.result_path = Some(Some(ReferencePath::new("$.job")));
    create.transition = Transition::next("Train");
    let mut train = CreateModelCustomizationJob::<RunJob>::builder()
        .job_name(Dynamic::path("$.job_name"))
        .custom_model_name("my-model")
        .role_arn(role)
        .base_model_identifier("amazon.titan-text-express-v1")
        .training_data_config(S3Uri::path("$.train"))
        .output_data_config(S3Uri::path("$.out"))
        .validation_data(validation)
        .hyper_parameters(Dynamic::<serde_json::Value>::path("$.hyper"))
        .build()
        .into_task(QueryLanguage::JsonPath);
    train.timeout = Some(Timeout::from(3600));
    train.catch = Some(vec![Catcher::builder()
        .error_equals(["States.ALL"])
        .next("Failed")
        .build()]);
    same_as_built(
        &m,
        None,
        "Create",
        vec![
            ("Create", create.into()),
            ("Train", train.into()),
            (
                "Failed",
                Fail::builder()
                    .error(FailError::Error("TrainingFailed".into()))
                    .build()
                    .into(),
            ),
        ],
    )?;
    assert_eq!(
        m.to_value()["States"]["Train"]["Resource"],
        "arn:aws:states:::bedrock:createModelCustomizationJob.sync"
    );
    Ok(())
}

#[test]
fn bedrock_model_customization_job_in_jsonata() -> R {
    use asl_kit::bedrock::{CreateModelCustomizationJob, RunJob};
    let m = state_machine! {
        QueryLanguage: "JSONata",
        StartAt: Train,
        States: {
            Train: bedrock::CreateModelCustomizationJob.sync {
                JobName: "{% $states.input.job %}",
                CustomModelName: "my-model",
                RoleArn: "arn:aws:iam::123456789012:role/Bedrock",
                BaseModelIdentifier: "amazon.titan-text-express-v1",
                TrainingDataConfig: { S3Uri: "s3://bucket/train.jsonl" },
                OutputDataConfig: { S3Uri: "{% $states.input.out %}" },
                Output: "{% $states.result.JobArn %}",
                End: true,
            },
        }
    }?;
    let mut train = CreateModelCustomizationJob::<RunJob>::builder()
        .job_name(Dynamic::jsonata("{% $states.input.job %}"))
        .custom_model_name("my-model")
        .role_arn("arn:aws:iam::123456789012:role/Bedrock")
        .base_model_identifier("amazon.titan-text-express-v1")
        .training_data_config(s3("s3://bucket/train.jsonl"))
        .output_data_config(S3Uri::jsonata("{% $states.input.out %}"))
        .build()
        .into_task(QueryLanguage::Jsonata);
    train.output = Some(json!("{% $states.result.JobArn %}"));
    same_as_one(&m, Some(QueryLanguage::Jsonata), "Train", train)
}

#[test]
fn interpolation_in_the_new_fields_passes_the_compile_time_checks() -> R {
    use asl_kit::core::{Credentials, CsvDelimiter, CsvHeaderLocation, WriterConfig};
    let input_type = "CSV";
    let headers = vec!["a".to_owned(), "b".to_owned()];
    let (max_items, per_batch, pct, count) = (50_u64, 4_u64, 12.5_f64, 3_u64);
    let creds = Credentials::builder()
        .role_arn("arn:aws:iam::123456789012:role/R")
        .build();
    let writer = WriterConfig::builder().output_type("JSONL").build();
    let job = String::from("job-1");
    let m = state_machine! {
        StartAt: Each,
        States: {
            Each: Map {
                ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    Parameters: { "Bucket": "b", "Key": "k.csv" },
                    ReaderConfig: {
                        InputType: (input_type),
                        CSVHeaderLocation: (CsvHeaderLocation::Given),
                        CSVHeaders: (headers.clone()),
                        CSVDelimiter: (CsvDelimiter::Pipe),
                        MaxItems: (max_items),
                    },
                },
                ItemBatcher: { MaxItemsPerBatch: (per_batch), BatchInput: { "job": (job.as_str()) } },
                ResultWriter: { Resource: "arn:aws:states:::s3:putObject", WriterConfig: (writer.clone()) },
                ToleratedFailurePercentage: (serde_json::Number::from_f64(pct).unwrap_or(0.into())),
                ToleratedFailureCount: (count),
                ItemProcessor: {
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                    StartAt: Work,
                    States: { Work: Task { Resource: "arn:aws:states:::lambda:invoke", Credentials: (creds.clone()), End: true } },
                },
                Next: Train,
            },
            Train: bedrock::CreateModelCustomizationJob {
                JobName: (job.as_str()),
                CustomModelName: (job.clone()),
                RoleArn: (Dynamic::path("$.role")),
                BaseModelIdentifier: "amazon.titan-text-express-v1",
                TrainingDataConfig: (S3Uri::path("$.train")),
                OutputDataConfig: { S3Uri: (S3Uri::path("$.out")) },
                HyperParameters: (json!({"epochCount": "2"})),
                JobTags: (vec![asl_kit::bedrock::Tag::new("k", "v")]),
                End: true,
            },
        }
    }?;
    let v = m.to_value();
    let each = &v["States"]["Each"];
    assert_eq!(each["ItemReader"]["ReaderConfig"]["InputType"], "CSV");
    assert_eq!(
        each["ItemReader"]["ReaderConfig"]["CSVHeaderLocation"],
        "GIVEN"
    );
    assert_eq!(
        each["ItemReader"]["ReaderConfig"]["CSVHeaders"],
        json!(["a", "b"])
    );
    assert_eq!(each["ItemReader"]["ReaderConfig"]["CSVDelimiter"], "PIPE");
    assert_eq!(each["ItemReader"]["ReaderConfig"]["MaxItems"], 50);
    assert_eq!(each["ItemBatcher"]["MaxItemsPerBatch"], 4);
    assert_eq!(each["ItemBatcher"]["BatchInput"]["job"], "job-1");
    assert_eq!(each["ResultWriter"]["WriterConfig"]["OutputType"], "JSONL");
    assert_eq!(each["ToleratedFailurePercentage"], 12.5);
    assert_eq!(each["ToleratedFailureCount"], 3);
    assert_eq!(
        each["ItemProcessor"]["States"]["Work"]["Credentials"]["RoleArn"],
        "arn:aws:iam::123456789012:role/R"
    );
    let train = &v["States"]["Train"]["Parameters"];
    assert_eq!(train["JobName"], "job-1");
    assert_eq!(train["RoleArn.$"], "$.role");
    assert_eq!(train["TrainingDataConfig"]["S3Uri.$"], "$.train");
    assert_eq!(train["OutputDataConfig"]["S3Uri.$"], "$.out");
    assert_eq!(train["HyperParameters"]["epochCount"], "2");
    assert_eq!(train["JobTags"][0]["Key"], "k");
    Ok(())
}

#[test]
fn typed_aws_tasks_in_jsonpath() -> R {
    use asl_kit::aws::{
        BatchSubmitJob, EcsRunTask, GetItem, GlueStartJobRun, LambdaInvoke, Pattern, SnsPublish,
        SqsSendMessage, StartExecution,
    };
    use asl_kit::core::integration::TypedTask;
    use asl_kit::core::{Heartbeat, PayloadTemplate};
    let m = state_machine! {
        StartAt: Work,
        States: {
            Work: lambda::Invoke {
                FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:work",
                Payload: { "x.$": "$.x", "fixed": 1 },
                ResultSelector: { "out.$": "$.Payload" },
                Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], MaxAttempts: 3 }],
                Next: Ask,
            },
            Ask: sns::Publish.waitForTaskToken {
                TopicArn: "arn:aws:sns:us-east-1:123456789012:approvals",
                Message: { "token.$": "$$.Task.Token", "order.$": "$.order" },
                HeartbeatSeconds: 3600,
                Next: Queue,
            },
            Queue: sqs::SendMessage {
                QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
                "MessageBody.$": "$.job",
                DelaySeconds: 5,
                ResultPath: null,
                Next: Read,
            },
            Read: dynamodb::GetItem {
                TableName: "Orders",
                Key: { "id": { "S.$": "$.id" } },
                ConsistentRead: true,
                AttributesToGet: ["id", "total"],
                ResultPath: "$.item",
                Next: Run,
            },
            Run: ecs::RunTask.sync {
                TaskDefinition: "work:3",
                Cluster: "main",
                Count: 2,
                Next: Child,
            },
            Child: states::StartExecution.sync:2 {
                StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:child",
                Input: { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" },
                Next: Etl,
            },
            Etl: glue::StartJobRun {
                JobName: "etl",
                Arguments: { "--day.$": "$.day" },
                Next: Batch,
            },
            Batch: batch::SubmitJob.sync {
                JobName: "nightly",
                JobDefinition: "arn:aws:batch:us-east-1:123456789012:job-definition/def:1",
                JobQueue: "arn:aws:batch:us-east-1:123456789012:job-queue/q",
                Parameters: { "day.$": "$.day" },
                End: true,
            },
        }
    }?;
    let ql = QueryLanguage::JsonPath;
    let mut work = LambdaInvoke::builder()
        .function_name("arn:aws:lambda:us-east-1:123456789012:function:work")
        .payload(json!({ "x.$": "$.x", "fixed": 1 }))
        .build()
        .into_task(ql);
    work.result_selector = Some(PayloadTemplate::from(json!({ "out.$": "$.Payload" })));
    work.retry = Some(vec![Retrier::builder()
        .error_equals(["Lambda.TooManyRequestsException"])
        .max_attempts(3)
        .build()]);
    let mut ask = SnsPublish::builder()
        .topic_arn("arn:aws:sns:us-east-1:123456789012:approvals")
        .message(json!({ "token.$": "$$.Task.Token", "order.$": "$.order" }))
        .pattern(Pattern::WaitForTaskToken)
        .build()
        .into_task(ql);
    ask.heartbeat = Some(Heartbeat::from(3600));
    let mut queue = SqsSendMessage::builder()
        .queue_url("https://sqs.us-east-1.amazonaws.com/123456789012/jobs")
        .message_body(Dynamic::path("$.job"))
        .delay_seconds(5)
        .build()
        .into_task(ql);
    queue.result_path = Some(None);
    let mut read = GetItem::builder()
        .table_name("Orders")
        .key(json!({ "id": { "S.$": "$.id" } }))
        .consistent_read(true)
        .other(other("AttributesToGet", json!(["id", "total"])))
        .build()
        .into_task(ql);
    read.result_path = Some(Some(ReferencePath::new("$.item")));
    let run = EcsRunTask::builder()
        .task_definition("work:3")
        .cluster("main")
        .other(other("Count", json!(2)))
        .pattern(Pattern::Sync)
        .build()
        .into_task(ql);
    let child = StartExecution::builder()
        .state_machine_arn("arn:aws:states:us-east-1:123456789012:stateMachine:child")
        .input(json!({ "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" }))
        .pattern(Pattern::Sync2)
        .build()
        .into_task(ql);
    let etl = GlueStartJobRun::builder()
        .job_name("etl")
        .arguments(json!({ "--day.$": "$.day" }))
        .pattern(Pattern::RequestResponse)
        .build()
        .into_task(ql);
    let batch = BatchSubmitJob::builder()
        .job_name("nightly")
        .job_definition("arn:aws:batch:us-east-1:123456789012:job-definition/def:1")
        .job_queue("arn:aws:batch:us-east-1:123456789012:job-queue/q")
        .parameters(json!({ "day.$": "$.day" }))
        .build()
        .into_task(ql);
    same_tasks(
        &m,
        None,
        [
            "Work", "Ask", "Queue", "Read", "Run", "Child", "Etl", "Batch",
        ],
        [work, ask, queue, read, run, child, etl, batch],
    )?;
    // The resources: the pattern as the DSL wrote it (none is request-response).
    let v = m.to_value();
    let resources: Vec<&str> = ["Ask", "Run", "Child", "Etl"]
        .iter()
        .map(|s| v["States"][s]["Resource"].as_str().unwrap_or_default())
        .collect();
    let suffixes = [
        "sns:publish.waitForTaskToken",
        "ecs:runTask.sync",
        "states:startExecution.sync:2",
        "glue:startJobRun",
    ];
    assert_eq!(resources, suffixes.map(|r| format!("arn:aws:states:::{r}")));
    Ok(())
}

#[test]
fn typed_aws_tasks_in_jsonata() -> R {
    use asl_kit::aws::{HttpInvoke, LambdaInvoke, PutEvents, PutItem};
    use asl_kit::core::integration::TypedTask;
    let m = state_machine! {
        QueryLanguage: "JSONata",
        StartAt: Work,
        States: {
            Work: lambda::Invoke {
                FunctionName: "{% $states.input.fn %}",
                Payload: { "x": "{% $states.input.x %}" },
                Output: "{% $states.result.Payload %}",
                Assign: { "done": true },
                Next: Save,
            },
            Save: dynamodb::PutItem {
                TableName: "Orders",
                Item: { "id": { "S": "{% $states.input.id %}" } },
                ConditionExpression: "attribute_not_exists(id)",
                ReturnConsumedCapacity: "TOTAL",
                Next: Call,
            },
            Call: http::Invoke {
                ApiEndpoint: "https://api.example.com/orders",
                Method: "POST",
                Authentication: { "ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1" },
                RequestBody: "{% $states.input %}",
                Next: Tell,
            },
            Tell: events::PutEvents {
                Entries: [{ "Detail": { "ok": true }, "DetailType": "done", "Source": "app" }],
                End: true,
            },
        }
    }?;
    let ql = QueryLanguage::Jsonata;
    let mut work = LambdaInvoke::builder()
        .function_name(Dynamic::jsonata("{% $states.input.fn %}"))
        .payload(json!({ "x": "{% $states.input.x %}" }))
        .build()
        .into_task(ql);
    work.output = Some(json!("{% $states.result.Payload %}"));
    work.assign = Some(serde_json::Map::from_iter([("done".to_owned(), json!(true))]).into());
    let save = PutItem::builder()
        .table_name("Orders")
        .item(json!({ "id": { "S": "{% $states.input.id %}" } }))
        .condition_expression("attribute_not_exists(id)")
        .other(other("ReturnConsumedCapacity", json!("TOTAL")))
        .build()
        .into_task(ql);
    let call = HttpInvoke::builder()
        .api_endpoint("https://api.example.com/orders")
        .method("POST")
        .authentication(
            json!({ "ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1" }),
        )
        .request_body(Dynamic::jsonata("{% $states.input %}"))
        .build()
        .into_task(ql);
    let tell = PutEvents::builder()
        .entries(json!([{ "Detail": { "ok": true }, "DetailType": "done", "Source": "app" }]))
        .build()
        .into_task(ql);
    same_tasks(
        &m,
        Some(ql),
        ["Work", "Save", "Call", "Tell"],
        [work, save, call, tell],
    )?;
    assert_eq!(
        m.to_value()["States"]["Work"]["Arguments"]["FunctionName"],
        "{% $states.input.fn %}"
    );
    Ok(())
}

#[test]
fn typed_aws_tasks_with_interpolated_values() -> R {
    use asl_kit::aws::{
        ApiGatewayInvoke, AthenaStartQueryExecution, CodeBuildStartBuild, DeleteItem, Pattern,
        UpdateItem,
    };
    use asl_kit::core::integration::TypedTask;
    let table = String::from("Orders");
    let key = json!({ "id": { "S": "1" } });
    let (stage, retries) = ("prod", 2_u64);
    let m = state_machine! {
        StartAt: Update,
        States: {
            Update: dynamodb::UpdateItem {
                TableName: (table.as_str()),
                Key: (key.clone()),
                UpdateExpression: "SET done = :t",
                ExpressionAttributeValues: { ":t": { "BOOL": (true) } },
                Next: Delete,
            },
            Delete: dynamodb::DeleteItem {
                TableName: (table.clone()),
                "Key.$": "$.key",
                Next: Api,
            },
            Api: apigateway::Invoke.waitForTaskToken {
                ApiEndpoint: "abc123.execute-api.us-east-1.amazonaws.com",
                Method: "GET",
                Stage: (stage),
                Headers: { "TaskToken.$": "$$.Task.Token" },
                AllowNullValues: true,
                Next: Query,
            },
            Query: athena::StartQueryExecution.sync {
                QueryString: "SELECT 1",
                WorkGroup: "primary",
                Next: Build,
            },
            Build: codebuild::StartBuild.sync {
                ProjectName: "site",
                AutoRetryLimitOverride: (retries),
                End: true,
            },
        }
    }?;
    let ql = QueryLanguage::JsonPath;
    let update = UpdateItem::builder()
        .table_name("Orders")
        .key(key.clone())
        .update_expression("SET done = :t")
        .expression_attribute_values(json!({ ":t": { "BOOL": true } }))
        .build()
        .into_task(ql);
    let delete = DeleteItem::builder()
        .table_name("Orders")
        .key(Dynamic::path("$.key"))
        .build()
        .into_task(ql);
    let api = ApiGatewayInvoke::builder()
        .api_endpoint("abc123.execute-api.us-east-1.amazonaws.com")
        .method("GET")
        .stage("prod")
        .headers(json!({ "TaskToken.$": "$$.Task.Token" }))
        .allow_null_values(true)
        .pattern(Pattern::WaitForTaskToken)
        .build()
        .into_task(ql);
    let query = AthenaStartQueryExecution::builder()
        .query_string("SELECT 1")
        .work_group("primary")
        .build()
        .into_task(ql);
    let build = CodeBuildStartBuild::builder()
        .project_name("site")
        .other(other("AutoRetryLimitOverride", json!(2)))
        .build()
        .into_task(ql);
    same_tasks(
        &m,
        None,
        ["Update", "Delete", "Api", "Query", "Build"],
        [update, delete, api, query, build],
    )?;
    Ok(())
}

#[test]
fn aws_sdk_calls() -> R {
    use asl_kit::aws::AwsSdk;
    use asl_kit::core::integration::TypedTask;
    let m = state_machine! {
        StartAt: Fetch,
        States: {
            Fetch: aws_sdk::s3::GetObject {
                Bucket: "reports",
                "Key.$": "$.key",
                ResultSelector: { "body.$": "$.Body" },
                Next: Notify,
            },
            Notify: aws_sdk::sfn::SendTaskSuccess {
                "TaskToken.$": "$.token",
                "Output.$": "States.JsonToString($.result)",
                End: true,
            },
        }
    }?;
    let ql = QueryLanguage::JsonPath;
    let params = |v: serde_json::Value| v.as_object().cloned().unwrap_or_default();
    let mut fetch = AwsSdk::builder()
        .service("s3")
        .action("getObject")
        .parameters(params(json!({ "Bucket": "reports", "Key.$": "$.key" })))
        .build()
        .into_task(ql);
    fetch.result_selector = Some(PayloadTemplate::from(json!({ "body.$": "$.Body" })));
    let notify = AwsSdk::builder()
        .service("sfn")
        .action("sendTaskSuccess")
        .parameters(params(json!({
            "TaskToken.$": "$.token",
            "Output.$": "States.JsonToString($.result)"
        })))
        .build()
        .into_task(ql);
    same_tasks(&m, None, ["Fetch", "Notify"], [fetch, notify])?;
    assert_eq!(
        m.to_value()["States"]["Fetch"]["Resource"],
        "arn:aws:states:::aws-sdk:s3:getObject"
    );
    Ok(())
}

#[test]
fn typed_aws_task_fields_take_substitutions() -> R {
    use asl_kit::aws::SqsSendMessage;
    use asl_kit::core::integration::TypedTask;
    let m = state_machine! {
        StartAt: Queue,
        States: {
            Queue: sqs::SendMessage {
                QueueUrl: "${QueueUrl}",
                MessageBody: "${Body}",
                DelaySeconds: "${Delay}",
                End: true,
            },
        }
    }?;
    let queue = SqsSendMessage::builder()
        .queue_url(Dynamic::Substitution("${QueueUrl}".into()))
        .message_body(Dynamic::Substitution("${Body}".into()))
        .delay_seconds(Dynamic::Substitution("${Delay}".into()))
        .build()
        .into_task(QueryLanguage::JsonPath);
    same_tasks(&m, None, ["Queue"], [queue])
}
