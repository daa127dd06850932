//! AWS Lambda: `lambda:invoke` (request-response, `.waitForTaskToken`).

use super::typed_task;
use serde_json::Value;

typed_task! {
    /// A typed `lambda:invoke` request. `function_name` is required
    /// (leaving it out does not compile). The function's answer is at
    /// [`LambdaInvoke::PAYLOAD`] of the result.
    ///
    /// ```
    /// use asl_aws::LambdaInvoke;
    /// use asl_core::integration::TypedTask;
    /// use asl_core::{Dynamic, QueryLanguage, Task};
    /// use serde_json::json;
    /// let task: Task = LambdaInvoke::builder()
    ///     .function_name("arn:aws:lambda:us-east-1:123456789012:function:work:$LATEST")
    ///     .payload(Dynamic::path("$"))
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::lambda:invoke");
    /// assert_eq!(task.parameters.as_ref().map(|p| p.0.clone()), Some(json!({
    ///     "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:work:$LATEST",
    ///     "Payload.$": "$"
    /// })));
    /// let back = LambdaInvoke::try_from(&task).unwrap();
    /// assert_eq!(back.payload, Some(Dynamic::path("$")));
    /// assert_eq!(LambdaInvoke::PAYLOAD, "$.Payload");
    /// ```
    LambdaInvoke: "lambda:invoke" + [".waitForTaskToken"] {
        required {
            function_name: String = "FunctionName": "a name, `name:alias`, a partial or a full ARN",
        }
        optional {
            payload: Value = "Payload": "the function's input (a payload template)",
            invocation_type: String = "InvocationType": "`RequestResponse`, `Event` or `DryRun`",
            qualifier: String = "Qualifier": "a version or alias",
            client_context: String = "ClientContext": "base64 JSON for the function's context",
            log_type: String = "LogType": "`None` or `Tail`",
        }
        check(r, v) {
            for (key, value, allowed) in [
                ("InvocationType", &v.invocation_type, &["RequestResponse", "Event", "DryRun"][..]),
                ("LogType", &v.log_type, &["None", "Tail"][..]),
            ] {
                if let Some(s) = value.as_ref().and_then(asl_model::Dynamic::static_str) {
                    if !allowed.contains(&s) {
                        let field = asl_model::integration::request_field(r.query_language());
                        r.error(&format!("/{key}"), format!("'{field}.{key}' must be one of {}, found '{s}'", allowed.join(", ")));
                    }
                }
            }
        }
    }
}

impl LambdaInvoke {
    /// Where the function's answer is in the Task's result: `$.Payload`
    /// (use it as `OutputPath` or in a `ResultSelector`).
    pub const PAYLOAD: &'static str = "$.Payload";

    /// [`LambdaInvoke::PAYLOAD`].
    ///
    /// ```
    /// assert_eq!(asl_aws::LambdaInvoke::payload_path(), "$.Payload");
    /// ```
    pub fn payload_path() -> &'static str {
        Self::PAYLOAD
    }
}
