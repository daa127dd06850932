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
    SnsPublish: "sns:publish" + [".waitForTaskToken"] {
        required { message: Value = "Message" }
        optional {
            topic_arn: String = "TopicArn",
            target_arn: String = "TargetArn": "a mobile endpoint",
            phone_number: String = "PhoneNumber": "an SMS",
            subject: String = "Subject",
            message_structure: String = "MessageStructure": "`json`",
            message_attributes: Value = "MessageAttributes",
            ..fifo,
        }
        check(r, v) {
            let given = v.topic_arn.is_some() || v.target_arn.is_some() || v.phone_number.is_some();
            require_one(r, &["TopicArn", "TargetArn", "PhoneNumber"], given);
        }
    }
}

impl SnsPublish {
    /// Where the published message's id is in the result: `$.MessageId`.
    ///
    /// ```
    /// assert_eq!(asl_aws::SnsPublish::MESSAGE_ID, "$.MessageId");
    /// ```
    pub const MESSAGE_ID: &'static str = "$.MessageId";
}
