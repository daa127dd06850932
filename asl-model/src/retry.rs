//! Error handling: `Retry` and `Catch` (§6 of the reference).

use crate::vocabulary::kinds::*;
use crate::{Assign, ReferencePath};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Number, Value};
use typed_builder::TypedBuilder;

/// The wildcard error name: matches any error but `States.DataLimitExceeded`
/// and `States.Runtime`. It must stand alone in the last retrier or catcher.
pub const STATES_ALL: &str = "States.ALL";

crate::asl_object! {
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
pub struct Retrier {
    /// `ErrorEquals`: the error names this retrier handles (at least one).
    error_equals: Vec<String> = req("ErrorEquals", Names)
        builder(setter(transform = |errors: impl IntoIterator<Item = impl Into<String>>| errors.into_iter().map(Into::into).collect())),
    /// `IntervalSeconds`: seconds before the first retry (default 1).
    interval_seconds: Option<u64> = opt("IntervalSeconds", Int<0>) builder(default, setter(strip_option)),
    /// `MaxAttempts`: retries at most (default 3; 0 never retries).
    max_attempts: Option<u64> = opt("MaxAttempts", Int<0>) builder(default, setter(strip_option)),
    /// `BackoffRate`: the interval multiplier (default 2.0, at least 1.0).
    backoff_rate: Option<Number> = opt("BackoffRate", Num)
        builder(default, setter(transform = |rate: f64| Number::from_f64(rate))),
    /// `MaxDelaySeconds`: caps the interval (1 to 31,622,400).
    max_delay_seconds: Option<u64> = opt("MaxDelaySeconds", Int<1>) builder(default, setter(strip_option)),
    /// `JitterStrategy`: `FULL` or `NONE` (default).
    jitter_strategy: Option<JitterStrategy> = opt("JitterStrategy", Closed<JitterStrategy>),
    /// `Comment`.
    comment: Option<String> = opt("Comment", Text),
}
}

crate::closed_enum! {
/// `Retrier.JitterStrategy`.
pub enum JitterStrategy {
    /// `FULL`: a random delay between 0 and the computed interval.
    Full = "FULL",
    /// `NONE`: the computed interval.
    None = "NONE",
}
}

crate::asl_object! {
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
pub struct Catcher {
    /// `ErrorEquals`: the error names this catcher handles (at least one).
    error_equals: Vec<String> = req("ErrorEquals", Names)
        builder(setter(transform = |errors: impl IntoIterator<Item = impl Into<String>>| errors.into_iter().map(Into::into).collect())),
    /// `Next`: the state to go to.
    next: String = req("Next", StateName),
    /// `ResultPath` (JSONPath): where the error output goes; `null` discards it.
    result_path: Option<Option<ReferencePath>> = opt("ResultPath", NullableRefPath, JsonPath),
    /// `Output` (JSONata): the output, usually from `$states.errorOutput`.
    output: Option<Value> = opt("Output", AnyJson, Jsonata),
    /// `Assign`: variables to set.
    assign: Option<Assign> = opt("Assign", Variables),
    /// `Comment`.
    comment: Option<String> = opt("Comment", Text),
}
}
