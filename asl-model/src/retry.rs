//! Error handling: `Retry` and `Catch` (§6 of the reference).

use crate::{Assign, ReferencePath, UnknownFields};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Number, Value};
use typed_builder::TypedBuilder;

/// The wildcard error name: matches any error but `States.DataLimitExceeded`
/// and `States.Runtime`. It must stand alone in the last retrier or catcher.
pub const STATES_ALL: &str = "States.ALL";

/// One element of `Retry`: which errors to retry, and how.
///
/// ```
/// use asl_core::{JitterStrategy, Retrier};
/// use serde_json::json;
///
/// let r = Retrier::builder()
///     .error_equals(["Bedrock.ThrottlingException", "States.Timeout"])
///     .interval_seconds(2)
///     .max_attempts(5)
///     .backoff_rate(2.0)
///     .max_delay_seconds(60)
///     .jitter_strategy(JitterStrategy::Full)
///     .build();
/// assert_eq!(
///     serde_json::to_value(&r).unwrap(),
///     json!({
///         "ErrorEquals": ["Bedrock.ThrottlingException", "States.Timeout"],
///         "IntervalSeconds": 2,
///         "MaxAttempts": 5,
///         "BackoffRate": 2.0,
///         "MaxDelaySeconds": 60,
///         "JitterStrategy": "FULL"
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Retrier {
    /// `ErrorEquals`: the error names this retrier handles (at least one).
    #[builder(setter(transform = |errors: impl IntoIterator<Item = impl Into<String>>| errors.into_iter().map(Into::into).collect()))]
    pub error_equals: Vec<String>,
    /// `IntervalSeconds`: seconds before the first retry (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(strip_option))]
    pub interval_seconds: Option<u64>,
    /// `MaxAttempts`: retries at most (default 3; 0 never retries).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(strip_option))]
    pub max_attempts: Option<u64>,
    /// `BackoffRate`: the interval multiplier (default 2.0, at least 1.0).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(transform = |rate: f64| Number::from_f64(rate)))]
    pub backoff_rate: Option<Number>,
    /// `MaxDelaySeconds`: caps the interval (1 to 31,622,400).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(strip_option))]
    pub max_delay_seconds: Option<u64>,
    /// `JitterStrategy`: `FULL` or `NONE` (default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub jitter_strategy: Option<JitterStrategy>,
    /// `Comment`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

/// `Retrier.JitterStrategy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum JitterStrategy {
    /// `FULL`: a random delay between 0 and the computed interval.
    #[serde(rename = "FULL")]
    Full,
    /// `NONE`: the computed interval.
    #[serde(rename = "NONE")]
    None,
}

/// One element of `Catch`: which errors to catch, and where to go.
///
/// ```
/// use asl_core::{Catcher, ReferencePath, STATES_ALL};
/// use serde_json::json;
///
/// let c = Catcher::builder()
///     .error_equals([STATES_ALL])
///     .next("HandleFailure")
///     .result_path(ReferencePath::new("$.error"))
///     .comment("keep the input, add the error")
///     .build();
/// assert_eq!(
///     serde_json::to_value(&c).unwrap(),
///     json!({
///         "ErrorEquals": ["States.ALL"],
///         "Next": "HandleFailure",
///         "ResultPath": "$.error",
///         "Comment": "keep the input, add the error"
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Catcher {
    /// `ErrorEquals`: the error names this catcher handles (at least one).
    #[builder(setter(transform = |errors: impl IntoIterator<Item = impl Into<String>>| errors.into_iter().map(Into::into).collect()))]
    pub error_equals: Vec<String>,
    /// `Next`: the state to go to.
    #[builder(setter(into))]
    pub next: String,
    /// `ResultPath` (JSONPath): where the error output goes; `null` discards it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub result_path: Option<Option<ReferencePath>>,
    /// `Output` (JSONata): the output, usually from `$states.errorOutput`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub output: Option<Value>,
    /// `Assign`: variables to set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub assign: Option<Assign>,
    /// `Comment`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}
