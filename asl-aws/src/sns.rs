//! Amazon SNS: `sns:publish` (request-response, `.waitForTaskToken`):
//! `sns:Publish` on the `TopicArn` (or `TargetArn`); on `*` when the target
//! is only known at run time or is a phone number (SMS has no ARN).

use crate::grant::{Call, Out};
use crate::request::Field;

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "publish" {
        return false;
    }
    let p = &call.params;
    let target = match (p.str("TopicArn"), p.str("TargetArn")) {
        (Field::Known(t), _) | (Field::Absent, Field::Known(t)) => t,
        _ => "*".to_string(),
    };
    out.allow("Publish", &["sns:Publish"], vec![target]);
    true
}
