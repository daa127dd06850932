//! Amazon EventBridge: `events:putEvents` (request-response,
//! `.waitForTaskToken`).

use super::typed_task;
use serde_json::Value;

typed_task! {
    /// A typed `events:putEvents` request; `entries` is required (leaving
    /// it out does not compile).
    ///
    /// ```
    /// use asl_aws::PutEvents;
    /// use asl_core::Task;
    /// use serde_json::json;
    /// let task: Task = PutEvents::builder()
    ///     .entries(json!([{"Detail": {"ok": true}, "DetailType": "done", "Source": "app"}]))
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::events:putEvents");
    /// ```
    PutEvents: "events:putEvents" + [".waitForTaskToken"] {
        required { entries: Value = "Entries": "the events" }
        optional { endpoint_id: String = "EndpointId": "a global endpoint" }
        check(r, v) {
            if let Some(Value::Array(items)) = v.entries.as_value() {
                let field = asl_model::integration::request_field(r.query_language());
                if items.is_empty() || items.len() > 10 {
                    r.error("/Entries", format!("'{field}.Entries' holds 1 to 10 events, found {}", items.len()));
                }
            } else if v.entries.as_value().is_some() {
                let field = asl_model::integration::request_field(r.query_language());
                r.error("/Entries", format!("'{field}.Entries' must be an array"));
            }
        }
    }
}
