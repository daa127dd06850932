//! The Succeed state.

use crate::vocabulary::kinds::*;
use crate::Path;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use typed_builder::TypedBuilder;

crate::asl_object! {
/// A Succeed state: ends the execution (or branch, or iteration) successfully.
///
/// ```
/// let done = asl_core::Succeed::builder().comment("all good").build();
/// assert_eq!(done.comment.as_deref(), Some("all good"));
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct Succeed {
    ..head,
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    input_path: Option<Option<Path>> = opt("InputPath", NullablePath, JsonPath),
    /// `OutputPath` (JSONPath): selects the part of the output to pass on; `null` means `{}`.
    output_path: Option<Option<Path>> = opt("OutputPath", NullablePath, JsonPath),
    /// `Output` (JSONata): the state's output.
    output: Option<Value> = opt("Output", AnyJson, Jsonata),
}
}
