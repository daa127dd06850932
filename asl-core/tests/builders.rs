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
