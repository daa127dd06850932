//! The Pass state.

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
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// `QueryLanguage`: overrides the machine's query language for this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub query_language: Option<QueryLanguage>,
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub input_path: Option<Option<Path>>,
    /// `Parameters` (JSONPath): a payload template.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub parameters: Option<PayloadTemplate>,
    /// `Result` (JSONPath): a fixed result.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub result: Option<Value>,
    /// `ResultPath` (JSONPath): where the result goes in the input; `null` discards it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub result_path: Option<Option<ReferencePath>>,
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
