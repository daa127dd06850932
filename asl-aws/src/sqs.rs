//! Amazon SQS: `sqs:sendMessage` (request-response, `.waitForTaskToken`):
//! `sqs:SendMessage` on the queue the `QueueUrl` names
//! (`https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`), `*` when dynamic.

use crate::grant::{Call, Out};

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "sendMessage" {
        return false;
    }
    let queue = call
        .params
        .str("QueueUrl")
        .known()
        .and_then(|url| queue_arn(&out.env.partition, &out.env.region, url))
        .unwrap_or_else(|| "*".to_string());
    out.allow("SendMessage", &["sqs:SendMessage"], vec![queue]);
    true
}

/// The queue ARN of a queue URL (`https://sqs.us-east-1.amazonaws.com/123456789012/q`,
/// the legacy `https://us-east-1.queue.amazonaws.com/…`, or an ARN as given).
pub(crate) fn queue_arn(partition: &str, region: &str, url: &str) -> Option<String> {
    if url.starts_with("arn:") {
        return Some(url.to_string());
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let mut parts = rest.split('/');
    let host = parts.next()?;
    let account = parts.next()?;
    let name = parts.next()?;
    if account.is_empty() || name.is_empty() || account.contains(['{', '$']) {
        return None;
    }
    let region = host
        .strip_prefix("sqs.")
        .and_then(|h| h.split('.').next())
        .or_else(|| host.split_once(".queue.").map(|(r, _)| r))
        .filter(|r| !r.is_empty() && *r != "amazonaws")
        .unwrap_or(region);
    Some(format!("arn:{partition}:sqs:{region}:{account}:{name}"))
}
