//! The Pass state.

use super::Transition;
use crate::vocabulary::kinds::*;
use crate::{Path, PayloadTemplate, ReferencePath};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use typed_builder::TypedBuilder;

crate::asl_object! {
/// A Pass state: passes its input to its output, optionally injecting a
/// fixed `Result` or reshaping data.
///
/// ```
/// use asl_core::{Pass, Transition};
/// use serde_json::json;
/// let pass = Pass::builder().result(json!({"ok": true})).result_path(asl_core::ReferencePath::new("$.status")).build();
/// assert_eq!(pass.transition, Transition::End);
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct Pass {
    ..head,
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    input_path: Option<Option<Path>> = opt("InputPath", NullablePath, JsonPath),
    /// `Parameters` (JSONPath): a payload template.
    parameters: Option<PayloadTemplate> = opt("Parameters", Template, JsonPath),
    /// `Result` (JSONPath): a fixed result.
    result: Option<Value> = opt("Result", AnyJson, JsonPath),
    /// `ResultPath` (JSONPath): where the result goes in the input; `null` discards it.
    result_path: Option<Option<ReferencePath>> = opt("ResultPath", NullableRefPath, JsonPath),
    ..output,
    /// `Next` or `End` (default `End`).
    transition: Transition = special builder(default, setter(into)),
}
}
