//! What a service answers first when a Task waits for it (`.sync`,
//! `.waitForTaskToken`): AWS records that answer as the `output` of the
//! `TaskSubmitted` event, while the mock's `Return` is the final result. A
//! mock-config has no place for it, so the simulator makes the answer the
//! API gives, from the request it sent.
//!
//! Known calls get their API's response fields, and, where Step Functions
//! calls the service through the AWS SDK for Java (as AWS's recorded
//! histories show for Amazon SQS and Step Functions), the SDK's
//! `SdkHttpMetadata` and `SdkResponseMetadata`, with the headers of the JSON
//! response, whose `Content-Length` is that of the body the service would
//! send. Other calls get `{}`.
//!
//! ⚠ The shapes follow the services' API references; which SDK metadata AWS
//! adds for services other than SQS and Step Functions is not documented.

use crate::data;
use crate::Rng;
use md5::{Digest, Md5};
use serde_json::{json, Map, Value};

/// What the request's service answers when it accepts the call.
/// `resource_type` and `action` are as in the history (`sqs`,
/// `sendMessage.waitForTaskToken`); `now_ms` is the virtual clock.
pub(crate) fn response(
    resource_type: &str,
    action: &str,
    params: &Value,
    now_ms: i64,
    rng: &mut Rng,
) -> Value {
    let api = action.split('.').next().unwrap_or(action);
    match (resource_type, api) {
        ("sqs", "sendMessage") => {
            let body = text_of(params.get("MessageBody"));
            let digest = Md5::digest(body.as_bytes());
            let md5: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            let id = data::uuid_v4(rng);
            // The service sends exactly these fields; the SDK adds its metadata.
            let mut out = json!({"MD5OfMessageBody": md5, "MessageId": id});
            let wire = out.clone();
            with_sdk_metadata(&mut out, &wire, "application/x-amz-json-1.0", now_ms, rng);
            out
        }
        ("states", "startExecution") => {
            let machine = params
                .get("StateMachineArn")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let name = match params.get("Name").and_then(Value::as_str) {
                Some(n) => n.to_owned(),
                None => data::uuid_v4(rng),
            };
            let arn = format!(
                "{}:{name}",
                machine.replacen(":stateMachine:", ":execution:", 1)
            );
            // The JSON 1.0 protocol sends a timestamp as epoch seconds.
            let wire = format!(
                "{{\"executionArn\":{},\"startDate\":{}}}",
                Value::String(arn.clone()),
                java_epoch_seconds(now_ms)
            );
            let mut out = json!({"ExecutionArn": arn, "StartDate": now_ms});
            with_sdk_metadata_text(
                &mut out,
                wire.len(),
                "application/x-amz-json-1.0",
                now_ms,
                rng,
            );
            out
        }
        ("sns", "publish") => json!({"MessageId": data::uuid_v4(rng)}),
        ("events", "putEvents") => {
            let n = params
                .get("Entries")
                .and_then(Value::as_array)
                .map_or(1, Vec::len);
            let entries: Vec<Value> = (0..n)
                .map(|_| json!({"EventId": data::uuid_v4(rng)}))
                .collect();
            json!({"Entries": entries, "FailedEntryCount": 0})
        }
        ("glue", "startJobRun") => json!({"JobRunId": format!("jr_{}", hex64(rng))}),
        ("athena", "startQueryExecution") => json!({"QueryExecutionId": data::uuid_v4(rng)}),
        ("batch", "submitJob") => {
            let name = params.get("JobName").cloned().unwrap_or(Value::Null);
            let id = data::uuid_v4(rng);
            json!({
                "JobArn": format!("arn:aws:batch:{}:{}:job/{id}", crate::engine::REGION, crate::engine::ACCOUNT),
                "JobId": id,
                "JobName": name,
            })
        }
        _ => json!({}),
    }
}

/// The text a request field is sent as: a string as it is, anything else
/// as compact JSON (Step Functions serializes an object `MessageBody`).
fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(other) => serde_json::to_string(other).unwrap_or_default(),
        None => String::new(),
    }
}

fn hex64(rng: &mut Rng) -> String {
    format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64())
}

/// Adds the SDK's metadata for a JSON response `wire` (its compact text is
/// what the service sends).
fn with_sdk_metadata(
    out: &mut Value,
    wire: &Value,
    content_type: &str,
    now_ms: i64,
    rng: &mut Rng,
) {
    let len = serde_json::to_string(wire).map_or(0, |s| s.len());
    with_sdk_metadata_text(out, len, content_type, now_ms, rng);
}

/// Adds `SdkHttpMetadata` (the response's headers and status) and
/// `SdkResponseMetadata` (its request id) for a body of `len` bytes.
fn with_sdk_metadata_text(
    out: &mut Value,
    len: usize,
    content_type: &str,
    now_ms: i64,
    rng: &mut Rng,
) {
    let request_id = data::uuid_v4(rng);
    let date = http_date(now_ms);
    let len = len.to_string();
    let mut all = Map::new();
    all.insert("x-amzn-RequestId".into(), json!([request_id]));
    all.insert("connection".into(), json!(["keep-alive"]));
    all.insert("Content-Length".into(), json!([len]));
    all.insert("Date".into(), json!([date]));
    all.insert("Content-Type".into(), json!([content_type]));
    let headers = json!({
        "connection": "keep-alive",
        "Content-Length": len,
        "Content-Type": content_type,
        "Date": date,
        "x-amzn-RequestId": request_id,
    });
    if let Some(m) = out.as_object_mut() {
        m.insert(
            "SdkHttpMetadata".into(),
            json!({"AllHttpHeaders": all, "HttpHeaders": headers, "HttpStatusCode": 200}),
        );
        m.insert(
            "SdkResponseMetadata".into(),
            json!({"RequestId": request_id}),
        );
    }
}

/// Epoch seconds as Java's `Double.toString` writes them for a time after
/// 2001 (`1.733208059288E9`), the form AWS's JSON protocols send.
fn java_epoch_seconds(ms: i64) -> String {
    let digits = ms.max(0).to_string();
    // ms has 13 digits from 2001 to 2286: seconds are d.dddddddddddd E9.
    let (first, rest) = digits.split_at(1.min(digits.len()));
    let rest = rest.trim_end_matches('0');
    let exponent = digits.len().saturating_sub(4);
    if rest.is_empty() {
        format!("{first}.0E{exponent}")
    } else {
        format!("{first}.{rest}E{exponent}")
    }
}

/// An HTTP `Date` header (RFC 7231's IMF-fixdate): `Thu, 03 Dec 2026 06:40:59 GMT`.
pub(crate) fn http_date(ms: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let c = crate::history::Civil::at(ms);
    let weekday = usize::try_from(c.days.rem_euclid(7)).unwrap_or(0);
    let month = usize::try_from(c.month - 1).unwrap_or(0);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS.get(weekday).unwrap_or(&"Thu"),
        c.day,
        MONTHS.get(month).unwrap_or(&"Jan"),
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqs_send_message_answers_the_body_digest_and_an_id() {
        let mut rng = Rng::new(7);
        let params = json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q", "MessageBody": {"Message": "HelloWorld", "TaskToken": "t"}});
        let r = response(
            "sqs",
            "sendMessage.waitForTaskToken",
            &params,
            1_733_208_059_288,
            &mut rng,
        );
        let body = r#"{"Message":"HelloWorld","TaskToken":"t"}"#;
        let expected: String = Md5::digest(body.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(r["MD5OfMessageBody"], expected.as_str());
        assert_eq!(r["MessageId"].as_str().map(str::len), Some(36));
        // {"MD5OfMessageBody":"<32 hex>","MessageId":"<36>"} is 106 bytes.
        assert_eq!(r["SdkHttpMetadata"]["HttpHeaders"]["Content-Length"], "106");
        assert_eq!(r["SdkHttpMetadata"]["HttpStatusCode"], 200);
        assert_eq!(
            r["SdkHttpMetadata"]["HttpHeaders"]["x-amzn-RequestId"],
            r["SdkResponseMetadata"]["RequestId"]
        );
        assert_eq!(
            r["SdkHttpMetadata"]["HttpHeaders"]["Date"],
            "Tue, 03 Dec 2024 06:40:59 GMT"
        );
    }

    #[test]
    fn md5_of_a_string_body_is_of_its_text() {
        let mut rng = Rng::new(1);
        let r = response(
            "sqs",
            "sendMessage",
            &json!({"MessageBody": "abc"}),
            0,
            &mut rng,
        );
        assert_eq!(r["MD5OfMessageBody"], "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn start_execution_answers_the_child_execution_arn() {
        let mut rng = Rng::new(1);
        let params = json!({"StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Child", "Name": "run-1"});
        let r = response(
            "states",
            "startExecution.sync:2",
            &params,
            1_733_208_059_288,
            &mut rng,
        );
        assert_eq!(
            r["ExecutionArn"],
            "arn:aws:states:us-east-1:111111111111:execution:Child:run-1"
        );
        assert_eq!(r["StartDate"], 1_733_208_059_288_i64);
        let wire = r#"{"executionArn":"arn:aws:states:us-east-1:111111111111:execution:Child:run-1","startDate":1.733208059288E9}"#;
        assert_eq!(
            r["SdkHttpMetadata"]["HttpHeaders"]["Content-Length"],
            wire.len().to_string().as_str()
        );
    }

    #[test]
    fn epoch_seconds_are_written_as_java_doubles() {
        assert_eq!(java_epoch_seconds(1_733_208_059_288), "1.733208059288E9");
        assert_eq!(java_epoch_seconds(1_733_208_059_000), "1.733208059E9");
        assert_eq!(java_epoch_seconds(2_000_000_000_000), "2.0E9");
    }

    #[test]
    fn http_dates_name_the_weekday() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(951_782_400_000), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn an_unknown_call_answers_an_empty_object() {
        let mut rng = Rng::new(1);
        assert_eq!(
            response("ecs", "runTask.sync", &json!({}), 0, &mut rng),
            json!({})
        );
    }
}
