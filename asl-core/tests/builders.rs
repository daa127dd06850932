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
    let branch = Chain::start("A", Pass::builder().build()).into_branch();
    let processor = Chain::start("Item", Pass::builder().build()).into_item_processor();
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
