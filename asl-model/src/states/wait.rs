//! The Wait state.

#[allow(unused_imports)]
use super::{QueryLanguage, Transition};
#[allow(unused_imports)]
use crate::{
    Assign, Catcher, Dynamic, Path, PayloadTemplate, ReferencePath, Retrier, UnknownFields,
};
use schemars::JsonSchema;
use serde::Serialize;
#[allow(unused_imports)]
use serde_json::Value;
use typed_builder::TypedBuilder;

/// A Wait state: pauses for a number of seconds or until a timestamp.
///
/// ```
/// use asl_core::{Wait, WaitDuration, Transition};
/// let wait = Wait::builder().duration(WaitDuration::seconds(30)).transition(Transition::next("Poll")).build();
/// assert_eq!(serde_json::to_value(&wait).unwrap()["Seconds"], 30);
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Wait {
    /// `Comment`: free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// `QueryLanguage`: overrides the machine's query language for this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub query_language: Option<QueryLanguage>,
    /// `Seconds`, `Timestamp`, `SecondsPath` or `TimestampPath`: exactly one.
    #[serde(flatten)]
    #[builder(setter(into))]
    pub duration: WaitDuration,
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub input_path: Option<Option<Path>>,
    /// `OutputPath` (JSONPath): selects the part of the output to pass on; `null` means `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub output_path: Option<Option<Path>>,
    /// `Output` (JSONata): the state's output.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub output: Option<Value>,
    /// `Assign`: variables to set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub assign: Option<Assign>,
    /// `Next` or `End` (default `End`).
    #[serde(flatten)]
    #[builder(default, setter(into))]
    pub transition: Transition,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

/// How long a [`Wait`] state waits: exactly one of the four timing fields.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum WaitDuration {
    /// `Seconds`: a non-negative integer, or JSONata.
    #[serde(rename = "Seconds")]
    Seconds(Dynamic<u64>),
    /// `Timestamp`: an RFC 3339 timestamp (`2026-01-01T00:00:00Z`), or JSONata.
    #[serde(rename = "Timestamp")]
    Timestamp(Dynamic<String>),
    /// `SecondsPath` (JSONPath): a reference path to an integer.
    #[serde(rename = "SecondsPath")]
    SecondsPath(ReferencePath),
    /// `TimestampPath` (JSONPath): a reference path to a timestamp.
    #[serde(rename = "TimestampPath")]
    TimestampPath(ReferencePath),
}

impl WaitDuration {
    /// A fixed number of seconds.
    pub fn seconds(s: u64) -> Self {
        WaitDuration::Seconds(Dynamic::Value(s))
    }

    /// A fixed RFC 3339 timestamp.
    pub fn timestamp(t: impl Into<String>) -> Self {
        WaitDuration::Timestamp(Dynamic::Value(t.into()))
    }
}
