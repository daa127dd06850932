//! The Succeed state.

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

/// A Succeed state: ends the execution (or branch, or iteration) successfully.
///
/// ```
/// let done = asl_core::Succeed::builder().comment("all good").build();
/// assert_eq!(done.comment.as_deref(), Some("all good"));
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Succeed {
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
    /// `OutputPath` (JSONPath): selects the part of the output to pass on; `null` means `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub output_path: Option<Option<Path>>,
    /// `Output` (JSONata): the state's output.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub output: Option<Value>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}
