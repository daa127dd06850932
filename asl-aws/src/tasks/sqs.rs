//! Amazon SQS: `sqs:sendMessage` (request-response, `.waitForTaskToken`).

use super::typed_task;
use serde_json::Value;

typed_task! {
    /// A typed `sqs:sendMessage` request. `queue_url` and `message_body`
    /// are required (leaving one out does not compile).
    ///
    /// ```
    /// use asl_aws::SqsSendMessage;
    /// use asl_core::{Dynamic, Task};
    /// use serde_json::json;
    /// let task: Task = SqsSendMessage::builder()
    ///     .queue_url("https://sqs.us-east-1.amazonaws.com/123456789012/jobs")
    ///     .message_body(Dynamic::path("$.job"))
    ///     .build()
    ///     .into();
    /// assert_eq!(task.parameters.as_ref().map(|p| p.0.clone()), Some(json!({
    ///     "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
    ///     "MessageBody.$": "$.job"
    /// })));
    /// ```
    SqsSendMessage: "sqs:sendMessage" + [".waitForTaskToken"] {
        required { queue_url: String = "QueueUrl", message_body: Value = "MessageBody" }
        optional {
            delay_seconds: u64 = "DelaySeconds",
            message_attributes: Value = "MessageAttributes",
            message_system_attributes: Value = "MessageSystemAttributes",
            ..fifo,
        }
    }
}

impl SqsSendMessage {
    /// Where the sent message's id is in the result: `$.MessageId`.
    ///
    /// ```
    /// assert_eq!(asl_aws::SqsSendMessage::MESSAGE_ID, "$.MessageId");
    /// ```
    pub const MESSAGE_ID: &'static str = "$.MessageId";
}
