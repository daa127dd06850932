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
    SqsSendMessage {
        api: "sqs:sendMessage",
        resources: ["sqs:sendMessage", "sqs:sendMessage.waitForTaskToken"],
        default_pattern: crate::Pattern::RequestResponse,
        required {
            /// `QueueUrl` (required).
            queue_url: String = "QueueUrl" via put,
            /// `MessageBody` (required).
            message_body: Value = "MessageBody" via template,
        }
        optional {
            /// `DelaySeconds`.
            delay_seconds: u64 = "DelaySeconds" via put,
            /// `MessageAttributes`.
            message_attributes: Value = "MessageAttributes" via template,
            /// `MessageSystemAttributes`.
            message_system_attributes: Value = "MessageSystemAttributes" via template,
            /// `MessageDeduplicationId` (FIFO queues).
            message_deduplication_id: String = "MessageDeduplicationId" via put,
            /// `MessageGroupId` (FIFO queues).
            message_group_id: String = "MessageGroupId" via put,
        }
    }
}
