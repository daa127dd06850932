//! The Wait state.

use super::Transition;
use crate::vocabulary::kinds::*;
use crate::{Dynamic, Path, ReferencePath};
use schemars::JsonSchema;
use serde::Serialize;
use typed_builder::TypedBuilder;

crate::asl_object! {
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
pub struct Wait {
    ..head,
    /// `Seconds`, `Timestamp`, `SecondsPath` or `TimestampPath`: exactly one.
    duration: WaitDuration = one_of_required(crate::de::no_wait_duration),
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    input_path: Option<Option<Path>> = opt("InputPath", NullablePath, JsonPath),
    ..output,
    /// `Next` or `End` (default `End`).
    transition: Transition = special builder(default, setter(into)),
}
}

crate::one_of! {
/// How long a [`Wait`] state waits: exactly one of the four timing fields.
pub enum WaitDuration {
    /// `Seconds`: a non-negative integer, or JSONata.
    Seconds(Dynamic<u64>) = ("Seconds", DynInt<0>, JsonataWhenExpression),
    /// `Timestamp`: an RFC 3339 timestamp (`2026-01-01T00:00:00Z`), or JSONata.
    Timestamp(Dynamic<String>) = ("Timestamp", DynText, JsonataWhenExpression),
    /// `SecondsPath` (JSONPath): a reference path to an integer.
    SecondsPath(ReferencePath) = ("SecondsPath", RefPath, JsonPath),
    /// `TimestampPath` (JSONPath): a reference path to a timestamp.
    TimestampPath(ReferencePath) = ("TimestampPath", RefPath, JsonPath),
}
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
