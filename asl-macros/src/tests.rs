//! Expansion snapshots and no-panic checks, on `proc_macro2` tokens.
//!
//! Snapshots live in `tests/expand/<name>.expanded.rs` (the expansion,
//! formatted by rustfmt when it is installed); regenerate them with
//! `ASL_SNAPSHOTS=overwrite cargo test -p asl-macros`. Never hand-edit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proc_macro2::TokenStream;
use quote::quote;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The expansion as a formatted Rust file.
fn pretty(tokens: &TokenStream) -> String {
    let source = format!("fn main() {{\n    let _machine = {tokens};\n}}\n");
    let child = Command::new("rustfmt")
        .args([
            "--edition",
            "2021",
            "--emit",
            "stdout",
            "--config",
            "max_width=160",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return source;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(source.as_bytes());
    }
    match child.wait_with_output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => source,
    }
}

fn snapshot(name: &str, input: TokenStream) {
    let actual = pretty(&crate::state_machine_impl(input));
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expand")
        .join(format!("{name}.expanded.rs"));
    if std::env::var_os("ASL_SNAPSHOTS").is_some_and(|v| v == "overwrite") || !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert!(
        expected == actual,
        "expansion of {name} changed; run with ASL_SNAPSHOTS=overwrite to accept:\n{actual}"
    );
}

#[test]
fn expands_a_linear_machine() {
    snapshot(
        "linear",
        quote! {
            Comment: "hello",
            StartAt: Hello,
            States: {
                Hello: Pass { Result: { "greeting": "hi", "n": [1, -2, 1.5, null] }, ResultPath: "$.out", Next: Done },
                Done: Succeed {},
            }
        },
    );
}

#[test]
fn expands_a_bedrock_task_with_retry_and_catch() {
    snapshot(
        "bedrock",
        quote! {
            StartAt: Ask,
            States: {
                Ask: bedrock::InvokeModel {
                    ModelId: (MODEL),
                    Body: { "prompt.$": "$.topic", "max_tokens": 250 },
                    ResultPath: "$.answer",
                    Retry: [{ ErrorEquals: ["Bedrock.ThrottlingException"], MaxAttempts: 2, BackoffRate: 2 }],
                    Catch: [{ ErrorEquals: ["States.ALL"], Next: Failed }],
                    Next: Done,
                },
                Done: Succeed {},
                Failed: Fail { Error: "AskFailed" },
            }
        },
    );
}

#[test]
fn expands_typed_aws_tasks() {
    snapshot(
        "aws",
        quote! {
            StartAt: Work,
            States: {
                Work: lambda::Invoke {
                    FunctionName: (FUNCTION),
                    Payload: { "x.$": "$.x" },
                    ResultPath: "$.work",
                    Next: Ask,
                },
                Ask: sns::Publish.waitForTaskToken {
                    TopicArn: "arn:aws:sns:us-east-1:123456789012:approvals",
                    "Message.$": "$$.Task.Token",
                    Next: Fetch,
                },
                Fetch: aws_sdk::s3::GetObject { Bucket: "reports", "Key.$": "$.key", End: true },
            }
        },
    );
}

#[test]
fn expands_choice_rules() {
    snapshot(
        "choice",
        quote! {
            StartAt: Route,
            States: {
                Route: Choice {
                    Choices: [
                        { Not: { Variable: "$.n", NumericLessThan: 0 }, Next: Done },
                        { Or: [{ Variable: "$.s", StringEquals: "x" }, { Variable: "$.b", BooleanEqualsPath: "$.c" }], Next: Done },
                    ],
                    Default: Done,
                },
                Done: Succeed {},
            }
        },
    );
}

#[test]
fn expands_a_distributed_map() {
    snapshot(
        "distributed_map",
        quote! {
            StartAt: Each,
            States: {
                Each: Map {
                    ItemReader: {
                        Resource: "arn:aws:states:::s3:getObject",
                        Parameters: { "Bucket": "b", "Key": "k.csv" },
                        ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "GIVEN", CSVHeaders: ["a"], CSVDelimiter: "TAB", MaxItems: 10 },
                    },
                    ItemBatcher: { MaxItemsPerBatch: 5, MaxInputBytesPerBatchPath: "$.bytes", BatchInput: { "k": 1 } },
                    ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { "Bucket": "o" }, WriterConfig: { OutputType: "JSON", Transformation: "FLATTEN" } },
                    ToleratedFailurePercentage: 2.5,
                    ToleratedFailureCountPath: "$.count",
                    ItemProcessor: {
                        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
                        StartAt: W,
                        States: { W: Task { Resource: "arn:aws:states:::lambda:invoke", Credentials: { "RoleArn.$": "$.role" }, End: true } },
                    },
                    End: true,
                },
            }
        },
    );
}

#[test]
fn expands_bedrock_customization_and_guardrails() {
    snapshot(
        "bedrock_customization",
        quote! {
            StartAt: Ask,
            States: {
                Ask: bedrock::InvokeModel {
                    ModelId: "amazon.titan-text-express-v1",
                    Body: { "inputText": "hi" },
                    ModelOutput: { S3Uri: "s3://b/out.json" },
                    GuardrailIdentifier: "gr",
                    GuardrailVersion: "DRAFT",
                    Trace: "DISABLED",
                    Next: Train,
                },
                Train: bedrock::CreateModelCustomizationJob.sync {
                    JobName: "j",
                    CustomModelName: "m",
                    RoleArn: "arn:aws:iam::123456789012:role/R",
                    BaseModelIdentifier: "amazon.titan-text-express-v1",
                    TrainingDataConfig: { S3Uri: "s3://b/train.jsonl" },
                    OutputDataConfig: { "S3Uri.$": "$.out" },
                    JobTags: [{ Key: "k", Value: "v" }],
                    ResultPath: "$.job",
                    End: true,
                },
            }
        },
    );
}

#[test]
fn expands_errors_to_compile_errors_and_a_stub() {
    snapshot(
        "errors",
        quote! {
            StartAt: A,
            States: { A: Pass { Next: Nowhere } }
        },
    );
}

/// Every prefix of a valid input (a truncated or half-typed macro call)
/// expands to something (errors or code) without panicking.
#[test]
fn never_panics_on_truncated_input() {
    let full = quote! {
        QueryLanguage: "JSONPath",
        StartAt: A,
        States: {
            A: bedrock::InvokeModel { ModelId: "amazon.titan-text-express-v1", Body: { "inputText": "hi" }, Next: B },
            B: Choice { Choices: [{ And: [{ Variable: "$.x", NumericEquals: -1 }], Next: C }], Default: C },
            C: Parallel { Branches: [{ StartAt: D, States: { D: Pass { End: true } } }], Next: E },
            E: Map { ItemsPath: "$.i", ItemProcessor: { StartAt: F, States: { F: Succeed {} } }, Next: G },
            G: Wait { Seconds: (5), Next: L },
            L: states::StartExecution.sync:2 { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:c", "Input.$": "$", Next: M },
            M: aws_sdk::s3::GetObject { Bucket: "b", Key: (key), ResultPath: null, Next: N },
            N: sqs::SendMessage.waitForTaskToken { QueueUrl: "https://sqs.us-east-1.amazonaws.com/1/q", MessageBody: { "t.$": "$$.Task.Token" }, DelaySeconds: 1, Next: I },
            H: Fail { Error: "E", Cause: (String::new()) },
            I: bedrock::CreateModelCustomizationJob.sync {
                JobName: "j", CustomModelName: "m", RoleArn: "arn:aws:iam::123456789012:role/R",
                BaseModelIdentifier: "amazon.titan-text-express-v1",
                TrainingDataConfig: { S3Uri: "s3://b/t" }, OutputDataConfig: { "S3Uri.$": "$.o" },
                JobTags: [{ Key: "k", Value: "v" }], Credentials: { RoleArn: "arn:aws:iam::123456789012:role/C" }, Next: J,
            },
            J: Map {
                ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW", MaxItems: 1 } },
                ItemBatcher: { MaxItemsPerBatch: 2 }, ResultWriter: { WriterConfig: { OutputType: "JSON" } },
                ToleratedFailurePercentage: 1.5,
                ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: K, States: { K: Succeed {} } },
                Next: H,
            },
        }
    };
    let text = full.to_string();
    // Cut at every token boundary of the flattened text.
    let mut cuts: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    cuts.push(text.len());
    for cut in cuts {
        let prefix = text.get(..cut).unwrap_or_default();
        if let Ok(tokens) = prefix.parse::<TokenStream>() {
            let _ = crate::state_machine_impl(tokens);
        }
    }
    // The full input expands without errors.
    let out = crate::state_machine_impl(full).to_string();
    assert!(!out.contains("compile_error"), "{out}");
}

/// Odd values in every position give errors, not panics.
#[test]
fn never_panics_on_odd_values() {
    let values: Vec<TokenStream> = vec![
        quote!(null),
        quote!(true),
        quote!(-0.0),
        quote!(18446744073709551615),
        quote!(-9223372036854775808),
        quote!(1e308),
        quote!("{% %}"),
        quote!("${X}"),
        quote!([]),
        quote!({}),
        quote!((1 + 1)),
        quote!(Pass {}),
        quote!(bedrock::InvokeModel {}),
        quote!(bedrock::CreateModelCustomizationJob.sync {}),
        quote!(Unknown::Type {}),
        quote!(lambda::Invoke {}),
        quote!(sns::Publish.sync {}),
        quote!(aws_sdk::s3::GetObject {}),
        quote!({ S3Uri: "s3://b/k" }),
        quote!([{ Key: "k", Value: 1 }]),
    ];
    let keys = [
        "StartAt",
        "Next",
        "End",
        "Default",
        "Choices",
        "Branches",
        "ItemProcessor",
        "Retry",
        "Catch",
        "TimeoutSeconds",
        "Seconds",
        "Timestamp",
        "Parameters",
        "ResultPath",
        "QueryLanguage",
        "ModelId",
        "Body",
        "Input",
        "Items",
        "MaxConcurrency",
        "Credentials",
        "ItemReader",
        "ItemBatcher",
        "ResultWriter",
        "ToleratedFailurePercentage",
        "ToleratedFailureCount",
        "ModelOutput",
        "GuardrailIdentifier",
        "GuardrailVersion",
        "Trace",
        "JobName",
        "TrainingDataConfig",
        "ValidationDataConfig",
        "HyperParameters",
        "JobTags",
        "FunctionName",
        "Payload",
        "DelaySeconds",
        "ConsistentRead",
        "Arguments",
    ];
    for v in &values {
        for k in keys {
            let k = proc_macro2::Ident::new(k, proc_macro2::Span::call_site());
            for ty in ["Task", "Pass", "Choice", "Wait", "Map", "Parallel", "Fail"] {
                let ty = proc_macro2::Ident::new(ty, proc_macro2::Span::call_site());
                let _ = crate::state_machine_impl(quote! {
                    StartAt: A,
                    States: { A: #ty { #k: #v, End: true } }
                });
            }
            let _ = crate::state_machine_impl(quote! {
                StartAt: A,
                States: { A: bedrock::InvokeModel { ModelId: "m", #k: #v, End: true } }
            });
            let _ = crate::state_machine_impl(quote! {
                StartAt: A,
                States: { A: bedrock::CreateModelCustomizationJob.sync { JobName: "j", #k: #v, End: true } }
            });
            let _ = crate::state_machine_impl(quote! {
                StartAt: A,
                States: {
                    A: lambda::Invoke { FunctionName: "f", #k: #v, Next: B },
                    B: glue::StartJobRun.sync { JobName: "j", #k: #v, Next: C },
                    C: aws_sdk::s3::GetObject { #k: #v, End: true },
                }
            });
            let _ = crate::state_machine_impl(quote! {
                StartAt: A,
                States: { A: Map {
                    ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { #k: #v } },
                    ItemBatcher: { #k: #v },
                    ResultWriter: { WriterConfig: { #k: #v } },
                    ItemProcessor: { StartAt: B, States: { B: Task { Resource: "r", Credentials: { #k: #v }, End: true } } },
                    End: true,
                } }
            });
            let _ = crate::state_machine_impl(quote!(#k: #v));
        }
    }
}

/// A DSL value of each kind.
fn sample(kind: &asl_core::vocabulary::ValueKind) -> String {
    use asl_core::vocabulary::ValueKind as K;
    match kind {
        K::Text | K::DynamicText => "\"text\"".to_owned(),
        K::StateName => "B".to_owned(),
        K::QueryLanguage => "\"JSONPath\"".to_owned(),
        K::Resource => "\"arn:aws:states:::lambda:invoke\"".to_owned(),
        K::Path | K::NullablePath => "\"$\"".to_owned(),
        K::ReferencePath | K::NullableReferencePath => "\"$.x\"".to_owned(),
        K::PayloadTemplate | K::Json | K::Assign => "{}".to_owned(),
        K::Integer { .. } | K::DynamicInteger { .. } => "1".to_owned(),
        K::Number | K::DynamicNumber => "2".to_owned(),
        K::Boolean | K::True | K::DynamicBoolean => "true".to_owned(),
        K::ErrorNames | K::Texts => "[\"States.ALL\"]".to_owned(),
        K::Enum(e) => format!("{:?}", e.values[0].0),
        K::Object(spec) => format!("{{ {} }}", minimal(spec)),
        K::List(spec) => format!("[{{ {} }}]", minimal(spec)),
        K::States => "{ X: Succeed {} }".to_owned(),
        K::DynamicArray => "[]".to_owned(),
        K::Rules => "[{ Variable: \"$.x\", IsPresent: true }]".to_owned(),
        K::Comparison(operand) => sample(operand),
    }
}

/// The required fields of an object, as DSL fields.
fn minimal(spec: &asl_core::vocabulary::ObjectSpec) -> String {
    use asl_core::vocabulary::Shape;
    let mut out = Vec::new();
    for slot in spec.slots.iter().filter(|s| s.required) {
        match slot.shape {
            Shape::Special("Transition") => {}
            Shape::Special("Condition") => {
                out.push("Variable: \"$.x\", IsPresent: true".to_owned())
            }
            _ => out.push(format!(
                "{:?}: {}",
                slot.members[0].json,
                sample(&slot.members[0].kind)
            )),
        }
    }
    out.join(", ")
}

/// The macro's key table is the vocabulary: every field of every object
/// expands to its builder call, without an error.
#[test]
fn every_field_of_the_vocabulary_expands() {
    use asl_core::vocabulary::{self, Described, Shape};
    let objects =
        std::iter::once(asl_core::StateMachine::SPEC).chain(vocabulary::objects().iter().copied());
    let mut checked = 0;
    for spec in objects {
        for field in spec.fields() {
            let slot = spec.slot(field.json).unwrap();
            let mut fields: Vec<String> = spec
                .slots
                .iter()
                .filter(|s| s.required && !std::ptr::eq(*s, slot))
                .filter_map(|s| match s.shape {
                    Shape::Special("Condition") => {
                        Some("Variable: \"$.x\", IsPresent: true".to_owned())
                    }
                    Shape::Special(_) => None,
                    _ => Some(format!(
                        "{:?}: {}",
                        s.members[0].json,
                        sample(&s.members[0].kind)
                    )),
                })
                .collect();
            let value = match (slot.shape, field.json) {
                (Shape::Special("Condition"), "Variable") => {
                    fields.push("IsPresent: true".to_owned());
                    sample(&field.kind)
                }
                (Shape::Special("Condition"), "Not") => {
                    "{ Variable: \"$.x\", IsPresent: true }".to_owned()
                }
                (Shape::Special("Condition"), "Condition" | "And" | "Or") => sample(&field.kind),
                (Shape::Special("Condition"), _) => {
                    fields.push("Variable: \"$.x\"".to_owned());
                    sample(&field.kind)
                }
                _ => sample(&field.kind),
            };
            fields.push(format!("{:?}: {value}", field.json));
            let body: crate::parse::Body = syn::parse_str(&fields.join(", ")).unwrap();
            let mut ex = crate::expand::Expander::default();
            let calls = ex.object_calls(spec, &body.0);
            let what = format!("{}.{}", spec.name, field.json);
            let errors: Vec<String> = ex.errors.iter().map(ToString::to_string).collect();
            assert!(errors.is_empty(), "{what}: {errors:?}");
            assert!(calls.contains(field.rust), "{what}: {calls}");
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn every_typed_aws_task_and_pattern_expands() {
    let mut names = Vec::new();
    let mut checked = 0;
    for spec in asl_aws::typed_tasks() {
        let name = crate::typed::dsl_name(spec);
        assert!(!names.contains(&name), "{name} twice");
        names.push(name.clone());
        // Every typed field is a request parameter, not a Task field.
        let fields: Vec<String> = spec
            .fields
            .iter()
            .inspect(|f| assert!(crate::typed::is_request_key(f.key), "{name}: {}", f.key))
            .map(|f| format!("{}: (value)", f.key))
            .collect();
        for pattern in spec.patterns() {
            let input = format!(
                "StartAt: A, States: {{ A: {name}{} {{ {}, End: true }} }}",
                pattern.suffix(),
                fields.join(", ")
            );
            let tokens: TokenStream = input.parse().unwrap();
            let out = crate::state_machine_impl(tokens).to_string();
            assert!(!out.contains("compile_error"), "{input}: {out}");
            let ty = format!("aws :: {} :: builder ()", spec.name);
            assert!(out.contains(&ty), "{input}: {out}");
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked}");
}
