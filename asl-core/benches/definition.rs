//! The ~1 MB definition the `parse` bench and the `profile` example
//! measure (one copy, included by both).

use serde_json::json;

/// A definition of about 1 MB: Task, Choice, Map and Parallel states with
/// payload templates, retriers and catchers.
pub fn big_definition() -> String {
    let mut states = serde_json::Map::new();
    let mut i = 0;
    loop {
        let next = format!("Step{}", i + 1);
        let state = match i % 4 {
            0 => json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::bedrock:invokeModel",
                "Parameters": {
                    "ModelId": "anthropic.claude-3-haiku-20240307-v1:0",
                    "Body": {
                        "anthropic_version": "bedrock-2023-05-31",
                        "max_tokens": 512,
                        "messages": [{"role": "user", "content": [
                            {"type": "text", "text.$": "States.Format('Summarize: {}', $.doc)"}
                        ]}]
                    }
                },
                "ResultSelector": {"text.$": "$.Body.content[0].text"},
                "ResultPath": format!("$.step{i}"),
                "Retry": [{"ErrorEquals": ["Bedrock.ThrottlingException"], "IntervalSeconds": 2,
                           "MaxAttempts": 5, "BackoffRate": 2.0, "JitterStrategy": "FULL"}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "ResultPath": "$.error"}],
                "Next": next
            }),
            1 => json!({
                "Type": "Choice",
                "Choices": [
                    {"And": [{"Variable": "$.n", "NumericGreaterThan": 3},
                             {"Variable": "$.s", "StringMatches": "a*b"}], "Next": next},
                    {"Variable": "$.ok", "BooleanEquals": false, "Next": "Failed"}
                ],
                "Default": next
            }),
            2 => json!({
                "Type": "Map",
                "ItemsPath": "$.items",
                "MaxConcurrency": 10,
                "ItemSelector": {"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                "ItemProcessor": {"StartAt": format!("Inner{i}"), "States": {
                    format!("Inner{i}"): {"Type": "Pass", "Parameters": {"x.$": "$.item"}, "End": true}
                }},
                "ResultPath": null,
                "Next": next
            }),
            _ => json!({
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": format!("A{i}"), "States": {format!("A{i}"): {"Type": "Wait", "Seconds": 1, "End": true}}},
                    {"StartAt": format!("B{i}"), "States": {format!("B{i}"): {"Type": "Succeed"}}}
                ],
                "Next": next
            }),
        };
        states.insert(format!("Step{i}"), state);
        i += 1;
        if serde_json::to_string(&states).map_or(0, |s| s.len()) > 1_000_000 {
            break;
        }
    }
    states.insert(format!("Step{i}"), json!({"Type": "Succeed"}));
    states.insert("Failed".into(), json!({"Type": "Fail", "Error": "Failed"}));
    serde_json::to_string_pretty(&json!({"StartAt": "Step0", "States": states})).unwrap_or_default()
}
