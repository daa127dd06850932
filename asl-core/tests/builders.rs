//! Typed builders and the chain helper.

use asl_core::*;
use pretty_assertions::assert_eq;
use serde_json::json;

#[test]
fn chain_links_next_and_leaves_the_last_state_terminal() {
    let machine = Chain::start(
        "Fetch",
        Task::builder()
            .resource("arn:aws:states:::lambda:invoke")
            .retry(vec![Retrier::builder()
                .error_equals(["States.TaskFailed"])
                .build()])
            .catch(vec![Catcher::builder()
                .error_equals([STATES_ALL])
                .next("Oops")
                .build()])
            .build(),
    )
    .next(
        "Check",
        Choice::builder()
            .choices(vec![ChoiceRule::jsonpath(
                Comparison::new("$.ok", Comparator::BooleanEquals(true)),
                "Done",
            )])
            .default("Oops")
            .build(),
    )
    .with_state("Done", Succeed::builder().build())
    .with_state(
        "Oops",
        Fail::builder()
            .error(FailError::Error("Failed".into()))
            .build(),
    )
    .into_machine();

    assert_eq!(
        machine.to_value(),
        json!({
            "StartAt": "Fetch",
            "States": {
                "Fetch": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Retry": [{"ErrorEquals": ["States.TaskFailed"]}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Oops"}],
                    "Next": "Check"
                },
                "Check": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}],
                    "Default": "Oops"
                },
                "Done": {"Type": "Succeed"},
                "Oops": {"Type": "Fail", "Error": "Failed"}
            }
        })
    );
}

#[test]
fn jsonata_values_in_builders() {
    let wait = Wait::builder()
        .query_language(QueryLanguage::Jsonata)
        .duration(WaitDuration::Seconds(
            Jsonata::new("$states.input.delay").into(),
        ))
        .build();
    assert_eq!(
        to_value(&State::from(wait)),
        json!({"Type": "Wait", "QueryLanguage": "JSONata", "Seconds": "{% $states.input.delay %}", "End": true})
    );
}

#[test]
fn parallel_and_map_from_chains() {
    let branch = Chain::start("A", Pass::builder().build())
        .into_branch()
        .unwrap();
    let processor = Chain::start("Item", Pass::builder().build())
        .into_item_processor()
        .unwrap();
    let machine = Chain::start("Both", Parallel::builder().branches(vec![branch]).build())
        .next(
            "Each",
            Map::builder()
                .processor(processor)
                .items(Items::ItemsPath("$.items".into()))
                .build(),
        )
        .into_machine();
    let json = machine.to_value();
    assert_eq!(json["States"]["Both"]["Branches"][0]["StartAt"], "A");
    assert_eq!(json["States"]["Both"]["Next"], "Each");
    assert_eq!(
        json["States"]["Each"]["ItemProcessor"]["States"]["Item"]["End"],
        true
    );
}

#[test]
fn schema_describes_every_state_type() {
    let schema = asl_core::schema::state_machine().to_string();
    for ty in [
        "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
    ] {
        assert!(
            schema.contains(&format!("\"const\":\"{ty}\"")),
            "{ty} missing from the schema"
        );
    }
}

#[test]
fn missing_required_builder_fields_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

/// A run-time path (`Dynamic::Path`) in a field that takes a literal or a
/// JSONata expression is an error that names the field to use instead.
#[test]
fn a_path_where_a_literal_belongs_names_the_path_field() {
    let machine = |state: State| {
        StateMachine::builder()
            .start_at("A")
            .states([("A".to_owned(), state)])
            .build()
            .unwrap_err()
    };
    let task = Task::builder()
        .resource("arn:aws:states:::lambda:invoke")
        .timeout(Timeout::Seconds(Dynamic::path("$.timeout")))
        .credentials(
            Credentials::builder()
                .role_arn(RoleArn::Value(Dynamic::path("$.role")))
                .build(),
        )
        .build();
    let err = machine(task.into());
    let found: Vec<(&str, &str, &str)> = err
        .errors()
        .map(|d| (d.code, d.location.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "SCHEMA_VALIDATION_FAILED",
                "/States/A/TimeoutSeconds",
                "'TimeoutSeconds' takes a literal or a JSONata expression, not a JSONPath (Dynamic::Path); use 'TimeoutSecondsPath' to read the value from the input"
            ),
            (
                "SCHEMA_VALIDATION_FAILED",
                "/States/A/Credentials/RoleArn",
                "'RoleArn' takes a literal or a JSONata expression, not a JSONPath (Dynamic::Path); use 'RoleArn.$' to read the value from the input"
            ),
        ]
    );

    let wait = Wait::builder()
        .duration(WaitDuration::Timestamp(Dynamic::path("$.at")))
        .build();
    let err = machine(wait.into());
    let d = err.errors().next().unwrap();
    assert_eq!(d.location, "/States/A/Timestamp");
    assert!(
        d.message
            .ends_with("use 'TimestampPath' to read the value from the input"),
        "{d}"
    );

    let choice = Choice::builder()
        .choices(vec![ChoiceRule::builder()
            .condition(Condition::Jsonata(Dynamic::path("$.ok")))
            .next("B")
            .build()])
        .query_language(QueryLanguage::Jsonata)
        .build();
    let err = StateMachine::builder()
        .start_at("A")
        .states([
            ("A".to_owned(), choice.into()),
            ("B".to_owned(), Succeed::builder().build().into()),
        ])
        .build()
        .unwrap_err();
    let d = err
        .errors()
        .find(|d| d.location == "/States/A/Choices/0/Condition")
        .unwrap();
    assert_eq!(
        d.message,
        "'Condition' takes a literal or a JSONata expression, not a JSONPath (Dynamic::Path)"
    );
}

/// The codes and locations of a build's diagnostics.
fn found(built: Result<StateMachine, InvalidMachine>) -> Vec<(&'static str, String)> {
    match built {
        Ok(_) => Vec::new(),
        Err(e) => e
            .diagnostics()
            .iter()
            .map(|d| (d.code, d.location.clone()))
            .collect(),
    }
}

#[test]
fn a_name_given_twice_is_an_error_not_a_replacement() {
    let built = Chain::start("Start", Pass::builder().build())
        .next("Done", Succeed::builder().build())
        .with_state("Done", Fail::builder().build());
    assert_eq!(
        built.states()["Done"].type_name(),
        "Succeed",
        "the first state is kept"
    );
    let err = built.clone().build().unwrap_err();
    assert_eq!(
        err.diagnostics()[0].message,
        "the state name 'Done' is given twice: the chain keeps the first (Succeed state) and leaves out the second (Fail state); give one of them another name"
    );
    assert_eq!(
        found(built.build()),
        [("DUPLICATE_STATE_NAME", "/States/Done".to_owned())]
    );
    // The same through a branch: into_branch refuses.
    let branch = Chain::start("A", Pass::builder().build())
        .next("A", Pass::builder().build())
        .into_branch()
        .unwrap_err();
    assert_eq!(branch.diagnostics().len(), 1);
    assert!(branch
        .to_string()
        .contains("DUPLICATE_STATE_NAME at /States/A"));
}

#[test]
fn chain_sets_comment_query_language_and_timeout() {
    let machine = Chain::start("A", Pass::builder().build())
        .comment("One step")
        .query_language(QueryLanguage::Jsonata)
        .timeout_seconds(60)
        .build()
        .unwrap();
    assert_eq!(
        machine.to_value(),
        json!({"Comment": "One step", "QueryLanguage": "JSONata", "StartAt": "A",
               "TimeoutSeconds": 60, "States": {"A": {"Type": "Pass", "End": true}}})
    );
}

/// A fragment with a retry loop and a nested Parallel: every name and every
/// transition in it, nested ones included, gets the prefix.
fn fragment() -> Chain {
    let inner = Branch::builder()
        .start_at("Work")
        .states([("Work".to_owned(), Pass::builder().build().into())])
        .build();
    Chain::start(
        "Call",
        Task::builder()
            .resource("arn:aws:states:::lambda:invoke")
            .catch(vec![Catcher::builder()
                .error_equals([STATES_ALL])
                .next("Recover")
                .build()])
            .build(),
    )
    .next("Fan", Parallel::builder().branches(vec![inner]).build())
    .with_state(
        "Recover",
        Pass::builder().transition(Transition::next("Fan")).build(),
    )
}

#[test]
fn fragments_are_reused_with_a_prefix_and_clashes_are_reported() {
    let machine = Chain::start("Begin", Pass::builder().build())
        .then(fragment().prefixed("A."))
        .then(fragment().prefixed("B."))
        .next("End", Succeed::builder().build())
        .build()
        .unwrap();
    let json = machine.to_value();
    let names: Vec<&str> = machine.states.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "Begin",
            "A.Call",
            "A.Fan",
            "A.Recover",
            "B.Call",
            "B.Fan",
            "B.Recover",
            "End"
        ]
    );
    assert_eq!(json["States"]["Begin"]["Next"], "A.Call");
    assert_eq!(json["States"]["A.Call"]["Catch"][0]["Next"], "A.Recover");
    assert_eq!(json["States"]["A.Recover"]["Next"], "A.Fan");
    assert_eq!(json["States"]["A.Fan"]["Next"], "B.Call");
    assert_eq!(json["States"]["A.Fan"]["Branches"][0]["StartAt"], "A.Work");
    assert!(json["States"]["A.Fan"]["Branches"][0]["States"]["A.Work"].is_object());
    assert_eq!(json["States"]["B.Fan"]["Next"], "End");

    // Without prefixes, the second copy clashes with the first, by name, and
    // the validator still runs on what was kept.
    let clash = Chain::start("Begin", Pass::builder().build())
        .then(fragment())
        .then(fragment());
    assert_eq!(
        found(clash.build()),
        [
            ("DUPLICATE_STATE_NAME", "/States/Call".to_owned()),
            ("DUPLICATE_STATE_NAME", "/States/Fan".to_owned()),
            ("DUPLICATE_STATE_NAME", "/States/Recover".to_owned()),
            // What is left loops: the first Fan now goes back to Call.
            ("MISSING_END_STATE", "/".to_owned()),
        ]
    );
}

#[test]
fn choice_branches_join_afterwards() {
    use asl_core::condition::{and, is_present, jsonata, numeric_less_than, string_equals};
    let machine = Chain::start("Classify", Pass::builder().build())
        .choice(
            "Route",
            Choices::new()
                .when(
                    and([is_present("$.size", true), numeric_less_than("$.size", 10)]),
                    Chain::start("Small", Pass::builder().build())
                        .next("Wrap", Pass::builder().build()),
                )
                .when(
                    string_equals("$.kind", "gift"),
                    Chain::start("Gift", Pass::builder().build()),
                )
                .when(
                    string_equals("$.kind", "void"),
                    Chain::start("Reject", Fail::builder().build()),
                )
                .otherwise(Chain::start("Large", Pass::builder().build())),
        )
        .next("Ship", Succeed::builder().build())
        .build()
        .unwrap();
    let json = machine.to_value();
    assert_eq!(
        json["States"]["Route"],
        json!({"Type": "Choice", "Choices": [
            {"And": [{"Variable": "$.size", "IsPresent": true},
                     {"Variable": "$.size", "NumericLessThan": 10}], "Next": "Small"},
            {"Variable": "$.kind", "StringEquals": "gift", "Next": "Gift"},
            {"Variable": "$.kind", "StringEquals": "void", "Next": "Reject"}
        ], "Default": "Large"})
    );
    // Every branch that can go on joins at Ship; the Fail branch ends.
    for end in ["Wrap", "Gift", "Large"] {
        assert_eq!(json["States"][end]["Next"], "Ship", "{end}");
    }
    assert_eq!(json["States"]["Small"]["Next"], "Wrap");
    assert!(json["States"]["Reject"].get("Next").is_none());

    // A JSONata Choice: the same shape with JSONata conditions.
    let machine = Chain::start("Route", Pass::builder().build())
        .choice(
            "Pick",
            Choices::new().when(
                jsonata("$states.input.n > 1"),
                Chain::start("Many", Pass::builder().build()),
            ),
        )
        .query_language(QueryLanguage::Jsonata)
        .into_machine();
    assert_eq!(
        machine.to_value()["States"]["Pick"]["Choices"][0],
        json!({"Condition": "{% $states.input.n > 1 %}", "Next": "Many"})
    );
}

#[test]
fn build_runs_the_integration_rules_and_check_returns_the_warnings() {
    // A raw bedrock:invokeModel Task: the registry's Bedrock rules run in
    // build(), as in validate_str.
    let raw = |parameters: serde_json::Value| {
        Chain::start(
            "Ask",
            Task::builder()
                .resource("arn:aws:states:::bedrock:invokeModel")
                .parameters(parameters)
                .build(),
        )
    };
    let no_model = raw(json!({"Body": {"inputText": "hi"}})).build();
    assert_eq!(
        found(no_model),
        [(
            "INVALID_INTEGRATION_PARAMETERS",
            "/States/Ask/Parameters".to_owned()
        )]
    );
    let both = raw(json!({"ModelId": "amazon.titan-text-express-v1",
                          "Body": {"inputText": "hi"}, "Input": {"S3Uri": "s3://b/k"}}))
    .build();
    assert_eq!(
        found(both),
        [(
            "INVALID_INTEGRATION_PARAMETERS",
            "/States/Ask/Parameters/Input".to_owned()
        )]
    );
    // Warnings do not fail the build; check() returns them with the machine.
    let built = raw(json!({"ModelId": "amazon.titan-text-express-v1", "Body": {"prompt": "hi"}}))
        .check()
        .unwrap();
    assert_eq!(
        built
            .warnings
            .iter()
            .map(|w| (w.code, w.location.as_str()))
            .collect::<Vec<_>>(),
        [(
            "INVALID_INTEGRATION_PARAMETERS",
            "/States/Ask/Parameters/Body"
        )]
    );
    assert_eq!(built.machine.start_at, "Ask");
}

#[test]
fn setters_take_the_common_literal_forms() {
    let task = Task::builder()
        .resource("arn:aws:states:::lambda:invoke")
        .input_path("$.order")
        .result_path("$.r")
        .output_path(Null)
        .build();
    assert_eq!(
        to_value(&State::from(task)),
        json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "InputPath": "$.order", "ResultPath": "$.r", "OutputPath": null, "End": true})
    );
    let discard = Pass::builder().result_path(Null).build();
    assert_eq!(to_value(&State::from(discard))["ResultPath"], json!(null));
    let typed = Pass::builder()
        .result_path(ReferencePath::new("$.typed"))
        .build();
    assert_eq!(to_value(&State::from(typed))["ResultPath"], "$.typed");
    let fail = Fail::builder().error("Boom").cause("Because").build();
    assert_eq!(
        to_value(&State::from(fail)),
        json!({"Type": "Fail", "Error": "Boom", "Cause": "Because"})
    );
}

/// A typed task made for a JSONata state says so; in a JSONata machine that
/// is redundant, and the builders leave it out.
#[test]
fn a_state_query_language_equal_to_the_machine_one_is_left_out() {
    use asl_core::Chain;
    let task = asl_bedrock::InvokeModel::builder()
        .model_id("amazon.titan-text-express-v1")
        .input(json!({"inputText": "{% $states.input.prompt %}"}))
        .build()
        .into_task(QueryLanguage::Jsonata);
    assert_eq!(task.query_language, Some(QueryLanguage::Jsonata));
    let machine = Chain::start("Ask", task.clone())
        .query_language(QueryLanguage::Jsonata)
        .build()
        .unwrap();
    let written = machine.to_value();
    assert_eq!(written["QueryLanguage"], "JSONata");
    assert_eq!(written["States"]["Ask"].get("QueryLanguage"), None);
    // In a JSONPath machine, the state keeps it: it is what makes it JSONata.
    let mixed = Chain::start("Ask", task).build().unwrap();
    assert_eq!(
        mixed.to_value()["States"]["Ask"]["QueryLanguage"],
        "JSONata"
    );
}

/// Path setters take strings; a malformed one is a located error of
/// `build()`, with the grammar's message.
#[test]
fn a_malformed_path_string_is_a_located_build_error() {
    let pass = Pass::builder().result_path("$.r[").build();
    let err = StateMachine::builder()
        .start_at("A")
        .states([("A".to_owned(), pass.into())])
        .build()
        .unwrap_err();
    let found: Vec<_> = err
        .errors()
        .map(|d| (d.code, d.location.as_str()))
        .collect();
    assert_eq!(found, [("INVALID_JSONPATH", "/States/A/ResultPath")]);
}

/// The builder takes a Map's `ItemSelector` as JSON.
#[test]
fn item_selector_takes_json() {
    let processor = ItemProcessor::builder()
        .start_at("P")
        .states([("P".to_owned(), Pass::builder().build().into())])
        .build();
    let map = Map::builder()
        .processor(processor)
        .item_selector(json!({"id.$": "$$.Map.Item.Value.id"}))
        .build();
    assert_eq!(
        to_value(&State::from(map))["ItemSelector"],
        json!({"id.$": "$$.Map.Item.Value.id"})
    );
}
