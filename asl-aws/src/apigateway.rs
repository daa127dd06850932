//! Amazon API Gateway: `apigateway:invoke` (request-response,
//! `.waitForTaskToken`). Only `"AuthType": "IAM_ROLE"` signs the request
//! with the execution role: then `execute-api:Invoke` on
//! `arn:P:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/PATH`, each part a
//! `*` when only known at run time; the API id and region come from the
//! `ApiEndpoint` (`API.execute-api.REGION.amazonaws.com`). Without IAM
//! authorization the role needs nothing.

use crate::grant::{Call, Out};
use crate::request::Field;

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "invoke" {
        return false;
    }
    let p = &call.params;
    match p.str("AuthType") {
        Field::Known(a) if a == "IAM_ROLE" => {}
        Field::Unknown => out.review(
            "'AuthType' is only known at run time: execute-api:Invoke is granted in case it is IAM_ROLE",
        ),
        _ => return true,
    }
    let (api, region) = match p.str("ApiEndpoint").known() {
        Some(endpoint) => endpoint_parts(endpoint),
        None => ("*".to_string(), None),
    };
    let region = region.unwrap_or_else(|| out.env.region.clone());
    let part = |f: Field| f.known().map_or_else(|| "*".to_string(), str::to_string);
    let stage = part(p.str("Stage"));
    let method = part(p.str("Method"));
    let path = match p.str("Path") {
        Field::Known(s) => s.trim_start_matches('/').to_string(),
        Field::Absent => String::new(),
        Field::Unknown => "*".to_string(),
    };
    let arn = format!(
        "arn:{}:execute-api:{region}:{}:{api}/{stage}/{method}/{path}",
        out.env.partition, out.env.account
    );
    out.allow("InvokeApi", &["execute-api:Invoke"], vec![arn]);
    true
}

/// The API id and region of `ID.execute-api.REGION.amazonaws.com`; `*` and
/// no region for a custom domain.
fn endpoint_parts(endpoint: &str) -> (String, Option<String>) {
    let host = endpoint
        .trim_start_matches("https://")
        .split('/')
        .next()
        .unwrap_or_default();
    let mut labels = host.split('.');
    match (labels.next(), labels.next(), labels.next()) {
        (Some(id), Some("execute-api"), Some(region)) if !id.is_empty() => {
            (id.to_string(), Some(region.to_string()))
        }
        _ => ("*".to_string(), None),
    }
}
