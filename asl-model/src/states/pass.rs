//! The Pass state.

use super::{QueryLanguage, Transition};
use crate::vocabulary::kinds::*;
use crate::{Assign, Path, PayloadTemplate, ReferencePath};
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
#[serde(rename_all = "PascalCase")]
pub struct Pass {
    /// `Comment`: free text.
    comment: Option<String> = opt("Comment", Text),
    /// `QueryLanguage`: overrides the machine's query language for this state.
    query_language: Option<QueryLanguage> = opt("QueryLanguage", QueryLang),
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    input_path: Option<Option<Path>> = opt("InputPath", NullablePath, JsonPath),
    /// `Parameters` (JSONPath): a payload template.
    parameters: Option<PayloadTemplate> = opt("Parameters", Template, JsonPath),
    /// `Result` (JSONPath): a fixed result.
    result: Option<Value> = opt("Result", AnyJson, JsonPath),
    /// `ResultPath` (JSONPath): where the result goes in the input; `null` discards it.
    result_path: Option<Option<ReferencePath>> = opt("ResultPath", NullableRefPath, JsonPath),
    /// `OutputPath` (JSONPath): selects the part of the output to pass on; `null` means `{}`.
    output_path: Option<Option<Path>> = opt("OutputPath", NullablePath, JsonPath),
    /// `Output` (JSONata): the state's output.
    output: Option<Value> = opt("Output", AnyJson, Jsonata),
    /// `Assign`: variables to set.
    assign: Option<Assign> = opt("Assign", Variables),
    /// `Next` or `End` (default `End`).
    transition: Transition = special builder(default, setter(into)),
}
}
