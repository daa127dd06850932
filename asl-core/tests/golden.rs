//! Golden vector 1 of the Bedrock integration page, built with the generic
//! Task builder (the typed Bedrock task lives in asl-bedrock).

use asl_core::{PayloadTemplate, ReferencePath, Task, Transition};
use pretty_assertions::assert_eq;
use serde_json::json;

#[test]
fn golden_vector_1_with_the_generic_task_builder() {
    // The request and the result selector are written back as given.
    let parameters = json!({
        "ModelId": "cohere.command-text-v14",
        "Body": {
            "prompt.$": "$.prompt_one",
            "max_tokens": 250
        },
        "ContentType": "application/json",
        "Accept": "*/*"
    });
    let result_selector = json!({
        "result_one.$": "$.Body.generations[0].text"
    });
    let task = Task::builder()
        .resource("arn:aws:states:::bedrock:invokeModel")
        .parameters(PayloadTemplate::from(parameters.clone()))
        .result_path(ReferencePath::new("$.result_one"))
        .result_selector(PayloadTemplate::from(result_selector.clone()))
        .transition(Transition::End)
        .build();
    let state = asl_core::State::from(task);

    assert_eq!(
        asl_core::to_value(&state),
        json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Parameters": parameters,
            "ResultPath": "$.result_one",
            "ResultSelector": result_selector,
            "End": true
        })
    );
}

#[test]
fn type_comes_first_and_payload_key_order_is_kept() {
    let task = Task::builder()
        .resource("arn:aws:states:::lambda:invoke")
        .parameters(PayloadTemplate::from(json!({"z": 1, "a": 2, "m.$": "$.m"})))
        .build();
    let text = asl_core::to_string(&asl_core::State::from(task));
    assert_eq!(
        text,
        r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"z":1,"a":2,"m.$":"$.m"},"End":true}"#
    );
}
