//! ARNs as IAM policies name them, for the statements of service
//! integrations: any service's ARN in the environment's partition, region
//! and account, S3 objects and buckets from `s3://` URIs, IAM roles and KMS
//! keys. Service-specific forms (Bedrock's foundation models, …) live with
//! their integration.
//!
//! Every helper takes the [`AwsEnvironment`] the policy is generated for;
//! the `any_*` forms are the wildcards for values known at run time only.
//!
//! ```
//! use asl_model::arn;
//! use asl_model::integration::AwsEnvironment;
//! let env = AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
//! assert_eq!(arn::regional(&env, "sns", "alerts"), "arn:aws:sns:us-east-2:123456789012:alerts");
//! assert_eq!(arn::s3_object(&env, "s3://bucket/in/").as_deref(), Some("arn:aws:s3:::bucket/in/*"));
//! assert_eq!(arn::iam_role(&env, "arn:aws:iam::123456789012:role/r"), "arn:aws:iam::123456789012:role/r");
//! assert_eq!(arn::any_role(&env), "arn:aws:iam::123456789012:role/*");
//! ```

use crate::integration::AwsEnvironment;

/// `arn:P:SERVICE:R:A:RESOURCE`: a regional resource of this account (SNS
/// topics, SQS queues, Lambda functions `function:NAME`, …).
///
/// ```
/// # let env = asl_model::integration::AwsEnvironment { partition: "aws-cn".into(), region: "cn-north-1".into(), account: "123456789012".into() };
/// assert_eq!(asl_model::arn::regional(&env, "lambda", "function:f"), "arn:aws-cn:lambda:cn-north-1:123456789012:function:f");
/// ```
pub fn regional(env: &AwsEnvironment, service: &str, resource: &str) -> String {
    format!(
        "arn:{}:{service}:{}:{}:{resource}",
        env.partition, env.region, env.account
    )
}

/// `arn:P:SERVICE:::RESOURCE`: a resource without region and account (S3).
pub fn global(env: &AwsEnvironment, service: &str, resource: &str) -> String {
    format!("arn:{}:{service}:::{resource}", env.partition)
}

/// Whether `s` is already an ARN (`arn:…`), to be used as written.
pub fn is_arn(s: &str) -> bool {
    s.starts_with("arn:")
}

/// The bucket and key of an `s3://bucket/key` URI; `None` when `uri` is not
/// one or names no bucket.
///
/// ```
/// assert_eq!(asl_model::arn::split_s3_uri("s3://b/k/x.json"), Some(("b", "k/x.json")));
/// assert_eq!(asl_model::arn::split_s3_uri("s3://b"), Some(("b", "")));
/// assert_eq!(asl_model::arn::split_s3_uri("https://b/k"), None);
/// ```
pub fn split_s3_uri(uri: &str) -> Option<(&str, &str)> {
    let rest = uri.strip_prefix("s3://")?;
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    (!bucket.is_empty()).then_some((bucket, key))
}

/// The S3 object ARN an `s3://bucket/key` URI names: the object itself, or
/// everything under it when the key is empty or ends with `/` (a prefix).
///
/// ```
/// # let env = asl_model::integration::AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// use asl_model::arn::s3_object;
/// assert_eq!(s3_object(&env, "s3://bucket/in/prompt.json").as_deref(), Some("arn:aws:s3:::bucket/in/prompt.json"));
/// assert_eq!(s3_object(&env, "s3://bucket/out/").as_deref(), Some("arn:aws:s3:::bucket/out/*"));
/// assert_eq!(s3_object(&env, "https://x"), None);
/// ```
pub fn s3_object(env: &AwsEnvironment, uri: &str) -> Option<String> {
    let (bucket, key) = split_s3_uri(uri)?;
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}*")
    } else {
        key.to_string()
    };
    Some(global(env, "s3", &format!("{bucket}/{key}")))
}

/// The ARN of the bucket an `s3://bucket/…` URI is in (for `s3:ListBucket`).
///
/// ```
/// # let env = asl_model::integration::AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// assert_eq!(asl_model::arn::s3_bucket(&env, "s3://bucket/a/b").as_deref(), Some("arn:aws:s3:::bucket"));
/// ```
pub fn s3_bucket(env: &AwsEnvironment, uri: &str) -> Option<String> {
    let (bucket, _) = split_s3_uri(uri)?;
    Some(global(env, "s3", bucket))
}

/// `arn:P:s3:::*`: any object, for a URI known only at run time.
pub fn any_s3(env: &AwsEnvironment) -> String {
    global(env, "s3", "*")
}

/// An IAM role: an ARN as given, otherwise a role name of this account
/// (`arn:P:iam::A:role/NAME`).
///
/// ```
/// # let env = asl_model::integration::AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// assert_eq!(asl_model::arn::iam_role(&env, "myRole"), "arn:aws:iam::123456789012:role/myRole");
/// ```
pub fn iam_role(env: &AwsEnvironment, role: &str) -> String {
    if is_arn(role) {
        role.to_string()
    } else {
        format!("arn:{}:iam::{}:role/{role}", env.partition, env.account)
    }
}

/// `arn:P:iam::A:role/*`: any role of the account, for a role known only at
/// run time.
pub fn any_role(env: &AwsEnvironment) -> String {
    iam_role(env, "*")
}

/// A KMS key ARN for a key id, an alias (`alias/NAME`) or an ARN (as given);
/// `kms_key(env, "*")` is any key of the account and region.
///
/// ```
/// # let env = asl_model::integration::AwsEnvironment { partition: "aws".into(), region: "us-east-2".into(), account: "123456789012".into() };
/// use asl_model::arn::kms_key;
/// assert_eq!(kms_key(&env, "1234abcd"), "arn:aws:kms:us-east-2:123456789012:key/1234abcd");
/// assert_eq!(kms_key(&env, "alias/mine"), "arn:aws:kms:us-east-2:123456789012:alias/mine");
/// ```
pub fn kms_key(env: &AwsEnvironment, key: &str) -> String {
    if is_arn(key) {
        key.to_string()
    } else if key.starts_with("alias/") {
        regional(env, "kms", key)
    } else {
        regional(env, "kms", &format!("key/{key}"))
    }
}
