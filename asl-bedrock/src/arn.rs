//! ARNs of Bedrock resources, as IAM policies name them. The generic ones
//! (S3 objects, IAM roles, KMS keys, any service's ARN) are asl-model's
//! [`asl_model::arn`], shared by every integration; [`s3_object`] is
//! re-exported from there.

use asl_model::integration::AwsEnvironment;

/// Region prefixes of cross-region (system-defined) inference profile ids,
/// e.g. `us.anthropic.claude-3-5-sonnet-20240620-v1:0`.
pub const INFERENCE_PROFILE_PREFIXES: &[&str] = &[
    "us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca.", "de.", "ap.",
];

/// The base model id of an inference profile id, without its region prefix;
/// `None` when `id` has no such prefix.
///
/// ```
/// use asl_bedrock::arn::strip_profile_prefix;
/// assert_eq!(strip_profile_prefix("us.amazon.nova-lite-v1:0"), Some("amazon.nova-lite-v1:0"));
/// assert_eq!(strip_profile_prefix("amazon.nova-lite-v1:0"), None);
/// ```
pub fn strip_profile_prefix(id: &str) -> Option<&str> {
    INFERENCE_PROFILE_PREFIXES
        .iter()
        .find_map(|p| id.strip_prefix(p))
        .filter(|rest| rest.contains('.'))
}

/// `arn:P:bedrock:R::foundation-model/ID` (foundation models have no account).
///
/// ```
/// use asl_bedrock::arn::foundation_model;
/// use asl_core::integration::AwsEnvironment;
/// let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// assert_eq!(foundation_model(&env, "amazon.titan-text-express-v1"),
///            "arn:aws:bedrock:us-east-2::foundation-model/amazon.titan-text-express-v1");
/// ```
pub fn foundation_model(env: &AwsEnvironment, id: &str) -> String {
    format!(
        "arn:{}:bedrock:{}::foundation-model/{id}",
        env.partition, env.region
    )
}

/// `arn:P:bedrock:R:A:KIND/ID` for the account-scoped Bedrock resources
/// (`provisioned-model`, `custom-model`, `model-customization-job`,
/// `inference-profile`, `guardrail`, …).
///
/// ```
/// use asl_bedrock::arn::bedrock;
/// use asl_core::integration::AwsEnvironment;
/// let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// assert_eq!(bedrock(&env, "custom-model", "*"), "arn:aws:bedrock:us-east-2:123456789012:custom-model/*");
/// ```
pub fn bedrock(env: &AwsEnvironment, kind: &str, id: &str) -> String {
    format!(
        "arn:{}:bedrock:{}:{}:{kind}/{id}",
        env.partition, env.region, env.account
    )
}

/// The resource type of a Bedrock ARN (`provisioned-model`, `inference-profile`, …).
///
/// ```
/// use asl_bedrock::arn::bedrock_kind;
/// assert_eq!(bedrock_kind("arn:aws:bedrock:us-east-2:123456789012:provisioned-model/c2oi931ulksx"), Some("provisioned-model"));
/// assert_eq!(bedrock_kind("cohere.command-text-v14"), None);
/// ```
pub fn bedrock_kind(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(_), Some("bedrock"), Some(_), Some(_), Some(rest)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    rest.split_once('/').map(|(kind, _)| kind)
}

/// The resource id after `kind/` in a Bedrock ARN.
pub(crate) fn bedrock_id(arn: &str) -> Option<&str> {
    arn.splitn(6, ':').nth(5)?.split_once('/').map(|(_, id)| id)
}

pub use asl_model::arn::s3_object;
