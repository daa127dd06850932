//! Golden vector 1 of the Bedrock integration page, built with the generic
//! Task builder (the typed Bedrock task lives in asl-bedrock).

use asl_core::{PayloadTemplate, ReferencePath, Task, Transition};
use pretty_assertions::assert_eq;
use serde_json::json;

#[test]
fn golden_vector_1_with_the_generic_task_builder() {
    let task = Task::builder()
        .resource("arn:aws:states:::bedrock:invokeModel")
        .parameters(PayloadTemplate::from(json!({
            "ModelId": "cohere.command-text-v14",
            "Body": {
                "prompt.$": "$.prompt_one",
                "max_tokens": 250
            },
            "ContentType": "application/json",
            "Accept": "*/*"
        })))
        .result_path(ReferencePath::new("$.result_one"))
        .result_selector(PayloadTemplate::from(json!({
            "result_one.$": "$.Body.generations[0].text"
        })))
        .transition(Transition::End)
        .build();
    let state = asl_core::State::from(task);

    assert_eq!(
        asl_core::to_value(&state),
        json!({
            "Type": "Task",
            "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Parameters": {
                "ModelId": "cohere.command-text-v14",
                "Body": {
                    "prompt.$": "$.prompt_one",
                    "max_tokens": 250
                },
                "ContentType": "application/json",
                "Accept": "*/*"
            },
            "ResultPath": "$.result_one",
            "ResultSelector": {
                "result_one.$": "$.Body.generations[0].text"
            },
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
