//! Amazon SNS: `sns:publish` (request-response, `.waitForTaskToken`).

use super::{require_one, typed_task};
use serde_json::Value;

typed_task! {
    /// A typed `sns:publish` request. `message` is required (leaving it
    /// out does not compile); one of `topic_arn`, `target_arn` and
    /// `phone_number` is required when read.
    ///
    /// ```
    /// use asl_aws::SnsPublish;
    /// use asl_core::integration::TypedTask;
    /// use asl_core::{Dynamic, Task};
    /// use serde_json::json;
    /// let task: Task = SnsPublish::builder()
    ///     .message(json!("done"))
    ///     .topic_arn("arn:aws:sns:us-east-1:123456789012:alerts")
    ///     .build()
    ///     .into();
    /// assert_eq!(task.parameters.as_ref().map(|p| p.0.clone()), Some(json!({
    ///     "Message": "done", "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts"
    /// })));
    /// assert!(SnsPublish::try_from(&task).is_ok());
    /// ```
    SnsPublish {
        api: "sns:publish",
        resources: ["sns:publish", "sns:publish.waitForTaskToken"],
        default_pattern: crate::Pattern::RequestResponse,
        required {
            /// `Message` (required).
            message: Value = "Message" via template,
        }
        optional {
            /// `TopicArn`.
            topic_arn: String = "TopicArn" via put,
            /// `TargetArn`: a mobile endpoint.
            target_arn: String = "TargetArn" via put,
            /// `PhoneNumber`: an SMS.
            phone_number: String = "PhoneNumber" via put,
            /// `Subject`.
            subject: String = "Subject" via put,
            /// `MessageStructure` (`json`).
            message_structure: String = "MessageStructure" via put,
            /// `MessageAttributes`.
            message_attributes: Value = "MessageAttributes" via template,
            /// `MessageDeduplicationId` (FIFO topics).
            message_deduplication_id: String = "MessageDeduplicationId" via put,
            /// `MessageGroupId` (FIFO topics).
            message_group_id: String = "MessageGroupId" via put,
        }
        check(r, v) {
            let given = v.topic_arn.is_some() || v.target_arn.is_some() || v.phone_number.is_some();
            require_one(r, &["TopicArn", "TargetArn", "PhoneNumber"], given);
        }
    }
}
