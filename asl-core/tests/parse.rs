//! Parsing: error locations, leniency, and the lossless round trip of every
//! state type and field.

use asl_core::{Category, State, WaitDuration};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

#[allow(clippy::unwrap_used, clippy::panic)] // a test helper
fn round_trip(doc: Value) {
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let machine = asl_core::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(machine.to_value(), doc);
    // And once more through the pretty printer.
    let again = asl_core::from_str(&machine.to_string_pretty()).unwrap();
    assert_eq!(again, machine);
}

#[test]
fn wrong_typed_field_names_pointer_line_and_column() {
    let text = r#"{
  "StartAt": "Work",
  "States": {
    "Work": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "TimeoutSeconds": "ten",
      "End": true
    }
  }
}"#;
    let err = asl_core::from_str(text).unwrap_err();
    assert_eq!(err.pointer(), "/States/Work/TimeoutSeconds");
    assert_eq!((err.line(), err.column()), (7, 7));
    assert_eq!(err.category(), Category::Data);
    assert_eq!(
        err.message(),
        "expected a positive integer or a JSONata expression, found the string \"ten\""
    );
}

#[test]
fn syntax_errors_have_line_and_column() {
    let err = asl_core::from_str("{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}").unwrap_err();
    assert_eq!(err.category(), Category::Syntax);
    assert_eq!(err.pointer(), "/");
    assert_eq!((err.line(), err.column()), (3, 14));
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    let err = asl_core::from_slice(b"{\"StartAt\": \"\xff\"}").unwrap_err();
    assert_eq!(err.category(), Category::Syntax);
    assert!(err.message().contains("UTF-8"), "{err}");
}

#[test]
fn missing_top_level_fields() {
    let err = asl_core::from_str("{}").unwrap_err();
    assert_eq!(err.pointer(), "/");
    assert_eq!(
        err.message(),
        "these fields are required: [States, StartAt]"
    );
    let err = asl_core::from_str("[]").unwrap_err();
    assert_eq!(err.message(), "definition must be a JSON object");
}

#[test]
fn unknown_state_type() {
    let err = asl_core::from_str(r#"{"StartAt":"A","States":{"A":{"Type":"Sleep","End":true}}}"#)
        .unwrap_err();
    assert_eq!(err.pointer(), "/States/A/Type");
    assert!(err.message().starts_with("the field 'Type' should have one of these values: [Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map]"), "{err}");
}

#[test]
fn lenient_parse_reports_every_problem_and_keeps_going() {
    let r = asl_core::parse_lenient(
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Wait", "Seconds": "soon", "Next": "B"},
            "B": {"Type": "Task", "Resource": 7, "End": true},
            "C": {"Type": "Pass", "Next": "A", "End": true}
        }}"#,
    );
    let found: Vec<_> = r
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.line()))
        .collect();
    assert_eq!(
        found,
        [
            ("/States/A/Seconds".to_owned(), 2),
            ("/States/B/Resource".to_owned(), 3),
            ("/States/C/End".to_owned(), 4)
        ]
    );
    let m = r.machine.unwrap();
    assert_eq!(
        m.states.len(),
        3,
        "every state is still there for graph checks"
    );
}

#[test]
fn unknown_fields_are_kept_not_dropped() {
    let doc = json!({
        "StartAt": "A",
        "Extra": {"x": 1},
        "States": {"A": {"Type": "Pass", "Surprise": [1, 2], "End": true}}
    });
    round_trip(doc.clone());
    let m = asl_core::from_value(doc).unwrap();
    assert_eq!(m.unknown_fields["Extra"], json!({"x": 1}));
    assert_eq!(m.states["A"].unknown_fields()["Surprise"], json!([1, 2]));
}

#[test]
fn conflicting_fields_are_kept_for_the_validator() {
    let doc = json!({"StartAt": "W", "States": {"W": {
        "Type": "Wait", "Seconds": 5, "SecondsPath": "$.s", "End": true}}});
    round_trip(doc.clone());
    let m = asl_core::from_value(doc).unwrap();
    let State::Wait(w) = &m.states["W"] else {
        panic!()
    };
    assert_eq!(w.duration, WaitDuration::seconds(5));
    assert!(w.unknown_fields.contains_key("SecondsPath"));
}

#[test]
fn every_state_type_and_field_round_trips() {
    round_trip(json!({
        "Comment": "all of it",
        "QueryLanguage": "JSONPath",
        "Version": "1.0",
        "TimeoutSeconds": 3600,
        "StartAt": "Task",
        "States": {
            "Task": {
                "Type": "Task", "Comment": "c", "Resource": "arn:aws:states:::lambda:invoke",
                "InputPath": null, "OutputPath": "$.x", "ResultPath": null,
                "Parameters": {"FunctionName": "f", "Payload.$": "$", "n": [1, {"k.$": "$$.Execution.Id"}]},
                "ResultSelector": {"v.$": "$.Payload"},
                "TimeoutSecondsPath": "$.t", "HeartbeatSeconds": 10,
                "Credentials": {"RoleArn.$": "$.role"},
                "Assign": {"counter": 1, "name.$": "$.name"},
                "Retry": [
                    {"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1,
                     "MaxAttempts": 3, "BackoffRate": 2, "MaxDelaySeconds": 20, "JitterStrategy": "FULL",
                     "Comment": "r"},
                    {"ErrorEquals": ["States.ALL"], "BackoffRate": 1.5}
                ],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fail", "ResultPath": "$.error",
                           "Comment": "k", "Assign": {"failed": true}}],
                "Next": "Choice"
            },
            "Choice": {
                "Type": "Choice", "InputPath": "$", "OutputPath": "$",
                "Assign": {"x": 1},
                "Choices": [
                    {"Variable": "$.a", "StringEquals": "x", "Next": "Wait", "Comment": "one"},
                    {"And": [
                        {"Variable": "$.n", "NumericGreaterThanEquals": 1.5},
                        {"Not": {"Variable": "$.b", "BooleanEqualsPath": "$.c"}},
                        {"Or": [{"Variable": "$.t", "TimestampLessThan": "2026-01-01T00:00:00Z"},
                                {"Variable": "$.s", "StringMatches": "log-*.txt"},
                                {"Variable": "$$.Execution.Name", "IsPresent": true}]}
                    ], "Next": "Parallel", "Assign": {"y.$": "$.y"}}
                ],
                "Default": "Fail"
            },
            "Wait": {"Type": "Wait", "TimestampPath": "$.when", "Next": "Pass"},
            "Pass": {"Type": "Pass", "Result": {"ok": true}, "ResultPath": "$.r", "Parameters": {"a.$": "$.a"}, "Next": "Map"},
            "Parallel": {
                "Type": "Parallel", "ResultSelector": {"all.$": "$"},
                "Branches": [
                    {"Comment": "b", "StartAt": "B1", "States": {"B1": {"Type": "Succeed", "OutputPath": null}}},
                    {"StartAt": "B2", "States": {"B2": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('{}', $.c)"}}}
                ],
                "Retry": [{"ErrorEquals": ["States.BranchFailed"]}],
                "Next": "Map"
            },
            "Map": {
                "Type": "Map", "ItemsPath": "$.items", "MaxConcurrencyPath": "$.mc",
                "Parameters": {"item.$": "$$.Map.Item.Value"},
                "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
                "ResultPath": "$.mapped", "Next": "Distributed"
            },
            "Distributed": {
                "Type": "Map", "Label": "batch", "ToleratedFailurePercentage": 2.5,
                "ToleratedFailureCountPath": "$.tfc", "MaxConcurrency": 1000,
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                                     "CSVHeaders": ["a", "b"], "CSVDelimiter": "SEMICOLON", "MaxItemsPath": "$.max"},
                    "Parameters": {"Bucket": "b", "Key.$": "$.key"}
                },
                "ItemBatcher": {"MaxItemsPerBatch": 10, "MaxInputBytesPerBatchPath": "$.bytes", "BatchInput": {"k": 1}},
                "ItemSelector": {"v.$": "$$.Map.Item.Value"},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                 "Parameters": {"Bucket": "out", "Prefix": "p"},
                                 "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}},
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "D", "States": {"D": {"Type": "Succeed"}}
                },
                "End": true
            },
            "Fail": {"Type": "Fail", "Error": "E", "Cause": "C"}
        }
    }));
}

#[test]
fn jsonata_fields_round_trip() {
    round_trip(json!({
        "QueryLanguage": "JSONata",
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
                "Arguments": {"ModelId": "{% $model %}", "Body": {"inputText": "{% $states.input.q %}"}},
                "Output": "{% $states.result.Body %}",
                "Assign": {"model": "{% $states.input.model %}"},
                "TimeoutSeconds": "{% $timeout %}",
                "Credentials": {"RoleArn": "{% $role %}"},
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F", "Output": "{% $states.errorOutput %}"}],
                "Next": "C"
            },
            "C": {"Type": "Choice", "Choices": [
                {"Condition": "{% $states.input.n > 1 %}", "Next": "W", "Output": {"big": true}},
                {"Condition": true, "Next": "M"}
            ]},
            "W": {"Type": "Wait", "Seconds": "{% $states.input.wait %}", "Next": "M"},
            "M": {"Type": "Map", "Items": "{% $states.input.items %}", "MaxConcurrency": "{% 2 %}",
                  "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
                  "ItemProcessor": {"StartAt": "S", "States": {"S": {"Type": "Succeed", "Output": "{% $states.input %}"}}},
                  "End": true},
            "F": {"Type": "Fail", "Error": "{% 'E' %}", "Cause": "{% $string($states.input) %}"}
        }
    }));
}

#[test]
fn substitutions_and_cloudformation_intrinsics_round_trip() {
    round_trip(json!({
        "StartAt": "W",
        "States": {
            "W": {"Type": "Wait", "Seconds": "${ReminderTimeout}", "Next": "T"},
            "T": {"Type": "Task", "Resource": {"Fn::GetAtt": ["Fn", "Arn"]}, "End": true}
        }
    }));
}

#[test]
fn walk_visits_nested_states_in_document_order() {
    let m = asl_core::from_value(json!({
        "StartAt": "P",
        "States": {
            "P": {"Type": "Parallel", "Next": "M", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}},
                {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}
            ]},
            "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}}
        }
    }))
    .unwrap();
    let seen: Vec<_> = m.walk().map(|s| (s.pointer, s.depth)).collect();
    assert_eq!(
        seen,
        [
            ("/States/P".to_owned(), 0),
            ("/States/P/Branches/0/States/A".to_owned(), 1),
            ("/States/P/Branches/1/States/B".to_owned(), 1),
            ("/States/M".to_owned(), 0),
            ("/States/M/ItemProcessor/States/C".to_owned(), 1),
        ]
    );
}

#[test]
fn deserialize_impl_embeds_in_serde_types() {
    #[derive(serde::Deserialize)]
    struct Template {
        definition: asl_core::StateMachine,
    }
    let t: Template = serde_json::from_value(json!({"definition": {
        "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}}))
    .unwrap();
    assert_eq!(t.definition.start_at, "A");
    let err =
        serde_json::from_value::<Template>(json!({"definition": {"StartAt": 1, "States": {}}}))
            .err()
            .unwrap();
    assert!(
        err.to_string().contains("/StartAt: expected a string"),
        "{err}"
    );
}

#[test]
fn duplicate_keys_are_reported_not_silently_dropped() {
    let text = r#"{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Next": "B"},
    "B": {"Type": "Pass", "Parameters": {"x": 1, "x": 2}, "End": true},
    "A": {"Type": "Succeed"}
  }
}"#;
    let r = asl_core::parse_lenient(text);
    let found: Vec<_> = r
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.line(), e.column()))
        .collect();
    assert_eq!(
        found,
        [
            ("/States/B/Parameters/x".to_owned(), 5, 50),
            ("/States/A".to_owned(), 6, 5),
        ]
    );
    assert!(
        r.errors[1].message().starts_with("duplicate key \"A\""),
        "{}",
        r.errors[1]
    );
    assert!(asl_core::from_str(text).is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let err = asl_core::from_str(&deep).unwrap_err();
    assert_eq!(err.category(), Category::Limit);
    assert!(err.message().contains("deeper than 128 levels"), "{err}");
}

/// A sample value of each kind, valid for the reader.
#[allow(clippy::indexing_slicing)] // a test helper
fn sample(kind: &asl_core::vocabulary::ValueKind) -> Value {
    use asl_core::vocabulary::ValueKind as K;
    match kind {
        K::Text | K::DynamicText => json!("text"),
        K::StateName => json!("Pass"),
        K::QueryLanguage => json!("JSONPath"),
        K::Resource => json!("arn:aws:states:::lambda:invoke"),
        K::Path | K::NullablePath => json!("$"),
        K::ReferencePath | K::NullableReferencePath => json!("$.x"),
        K::PayloadTemplate | K::Json | K::Assign => json!({}),
        K::Integer { min } | K::DynamicInteger { min } => json!((*min).max(1)),
        K::Number | K::DynamicNumber => json!(2),
        K::Boolean | K::True | K::DynamicBoolean => json!(true),
        K::ErrorNames | K::Texts => json!(["States.ALL"]),
        K::Enum(e) => json!(e.values[0].0),
        K::Object(spec) => minimal(spec),
        K::List(spec) => json!([minimal(spec)]),
        K::States => json!({"X": {"Type": "Succeed"}}),
        K::DynamicArray => json!([]),
        K::Rules => json!([{"Variable": "$.x", "IsPresent": true}]),
        K::Comparison(operand) => sample(operand),
    }
}

/// An object with its required fields only.
#[allow(clippy::indexing_slicing)] // a test helper
fn minimal(spec: &asl_core::vocabulary::ObjectSpec) -> Value {
    use asl_core::vocabulary::Shape;
    let mut o = serde_json::Map::new();
    for slot in spec.slots.iter().filter(|s| s.required) {
        match slot.shape {
            Shape::Special("Condition") => {
                o.insert("Variable".into(), json!("$.x"));
                o.insert("IsPresent".into(), json!(true));
            }
            _ => {
                let m = &slot.members[0];
                o.insert(m.json.into(), sample(&m.kind));
            }
        }
    }
    Value::Object(o)
}

/// Every field of every object of the vocabulary, written in a machine
/// where that object stands: the reader reads it (no parse error, not an
/// unknown field) and the field rules know it (neither unknown nor in
/// conflict). A field added to a declaration is covered here at once.
#[test]
fn every_field_of_the_vocabulary_is_read_and_known() {
    use asl_core::vocabulary::{self, Described, Shape};
    let template = json!({
        "StartAt": "Task",
        "States": {
            "Task": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/R"},
                "Retry": [{"ErrorEquals": ["States.ALL"]}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Pass"}],
                "Next": "Pass"},
            "Pass": {"Type": "Pass", "Next": "Choice"},
            "Choice": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Wait"}],
                "Default": "Wait"},
            "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Parallel"},
            "Parallel": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
                "Next": "Map"},
            "Map": {"Type": "Map",
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "M", "States": {"M": {"Type": "Succeed"}}},
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}},
                "ItemBatcher": {"MaxItemsPerBatch": 1},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "WriterConfig": {"OutputType": "JSON"}},
                "Next": "Fail"},
            "Fail": {"Type": "Fail"},
            "Succeed": {"Type": "Succeed"}
        }
    });
    let at = |name: &str| -> &'static str {
        match name {
            "StateMachine" => "",
            "Task" => "/States/Task",
            "Credentials" => "/States/Task/Credentials",
            "Retrier" => "/States/Task/Retry/0",
            "Catcher" => "/States/Task/Catch/0",
            "Pass" => "/States/Pass",
            "Choice" => "/States/Choice",
            "ChoiceRule" => "/States/Choice/Choices/0",
            "Wait" => "/States/Wait",
            "Parallel" => "/States/Parallel",
            "Branch" => "/States/Parallel/Branches/0",
            "Map" => "/States/Map",
            "ItemProcessor" => "/States/Map/ItemProcessor",
            "ProcessorConfig" => "/States/Map/ItemProcessor/ProcessorConfig",
            "ItemReader" => "/States/Map/ItemReader",
            "ReaderConfig" => "/States/Map/ItemReader/ReaderConfig",
            "ItemBatcher" => "/States/Map/ItemBatcher",
            "ResultWriter" => "/States/Map/ResultWriter",
            "WriterConfig" => "/States/Map/ResultWriter/WriterConfig",
            "Fail" => "/States/Fail",
            "Succeed" => "/States/Succeed",
            other => panic!("add a place for {other} to this test's template"),
        }
    };
    let objects =
        std::iter::once(asl_core::StateMachine::SPEC).chain(vocabulary::objects().iter().copied());
    let mut checked = 0;
    for spec in objects {
        for field in spec.fields() {
            let mut doc = template.clone();
            let object = doc
                .pointer_mut(at(spec.name))
                .unwrap()
                .as_object_mut()
                .unwrap();
            let slot = spec.slot(field.json).unwrap();
            let value = match (slot.shape, field.json) {
                (Shape::Special("Condition"), "Variable") => json!("$.x"),
                (Shape::Special("Condition"), json) => {
                    object.remove("IsPresent");
                    if matches!(json, "Condition" | "And" | "Or" | "Not") {
                        object.remove("Variable");
                    }
                    match json {
                        "Condition" => json!("{% true %}"),
                        "Not" => json!({"Variable": "$.x", "IsPresent": true}),
                        _ => sample(&field.kind),
                    }
                }
                (Shape::Field, _) => sample(&field.kind),
                _ => {
                    for m in slot.members {
                        object.remove(m.json);
                    }
                    sample(&field.kind)
                }
            };
            object.insert(field.json.to_owned(), value);
            let text = serde_json::to_string_pretty(&doc).unwrap();
            let what = format!("{}.{} ({})", spec.name, field.json, field.rust);
            let read = asl_core::parse_lenient(&text);
            assert!(read.errors.is_empty(), "{what}: {:?}", read.errors);
            let machine = read.machine.unwrap();
            let pointer = format!("{}/{}", at(spec.name), field.json.replace('/', "~1"));
            assert!(
                machine.to_value().pointer(&pointer).is_some(),
                "{what}: not written back"
            );
            let report = asl_core::validate_str(&text, &asl_core::Options::default());
            for d in &report.diagnostics {
                assert!(
                    !(d.location == pointer
                        && (d.message.starts_with("field '")
                            || d.message.contains("exclude each other"))),
                    "{what}: {d}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn json_keeps_members_and_converts_without_recursion() {
    use asl_core::json::Json;
    let v = json!({"b": 1, "a": [true, null, "x", {"c": 2.5}]});
    let j = Json::from_value(v.clone());
    assert!(matches!(&j, Json::Object(m) if m.iter().map(|(k, _)| k.as_str()).eq(["b", "a"])));
    assert_eq!(j.into_value(), v);
    // A repeated key: the last value wins, in the first one's place.
    let dup = Json::Object(vec![
        ("k".into(), Json::Bool(true)),
        ("z".into(), Json::Null),
        ("k".into(), Json::Bool(false)),
    ]);
    assert_eq!(
        serde_json::to_string(&dup.into_value()).unwrap(),
        r#"{"k":false,"z":null}"#
    );
    // Deep values, built and taken apart without recursion.
    let mut deep = Value::Null;
    for _ in 0..200_000 {
        deep = Value::Array(vec![deep]);
    }
    let mut back = Json::from_value(deep).into_value();
    let mut depth = 0;
    while let Value::Array(mut items) = back {
        back = items.pop().unwrap_or(Value::Null);
        depth += 1;
    }
    assert_eq!((depth, back), (200_000, Value::Null));
}

/// Values of the wrong kind (placeholders written while a machine is
/// drafted) are reported and kept: the lenient reader's machine writes the
/// definition back with every value as it was.
#[test]
fn values_of_the_wrong_kind_are_kept_as_written() {
    let docs = [
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "Items": "_tbd_",
            "MaxConcurrency": "lots", "End": true,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}),
        json!({"StartAt": "T", "TimeoutSeconds": "a day", "States": {"T": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": "TBD",
            "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": "three"}], "End": true}}}),
        json!({"StartAt": "W", "QueryLanguage": "XPath", "States": {"W": {"Type": "Wait",
            "Seconds": 3, "Comment": 42, "End": true}}}),
    ];
    for doc in docs {
        let r = asl_core::parse_lenient(&doc.to_string());
        assert!(!r.errors.is_empty(), "{doc}");
        assert!(r.lossless, "{doc}: {:?}", r.errors);
        assert_eq!(r.machine.unwrap().to_value(), doc);
    }
}

/// Where reading lost something as written, the reader says so.
#[test]
fn a_lenient_read_that_loses_a_value_is_not_lossless() {
    let lossy = [
        // A required value of the wrong kind gets a stand-in.
        r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": 5, "End": true}}}"#,
        // A missing required field.
        r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "End": true}}}"#,
        // A repeated key: the first value is gone.
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}, "StartAt": "A"}"#,
        // A required duration of the wrong kind, and a `Next` that is not a name.
        r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "ten", "End": true}}}"#,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": 5}}}"#,
        // An element of a list.
        r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [7], "End": true}}}"#,
    ];
    for text in lossy {
        let r = asl_core::parse_lenient(text);
        assert!(!r.errors.is_empty(), "{text}");
        assert!(!r.lossless, "{text}");
    }
    let fine = asl_core::parse_lenient(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
    );
    assert!(fine.errors.is_empty() && fine.lossless);
}
