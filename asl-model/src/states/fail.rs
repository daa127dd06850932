//! The Fail state.

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

/// A Fail state: ends the execution (or branch, or iteration) with an error.
///
/// ```
/// use asl_core::{Fail, FailError, FailCause};
/// let fail = Fail::builder()
///     .error(FailError::Error("Order.Invalid".into()))
///     .cause(FailCause::CausePath(asl_core::Path::new("$.reason")))
///     .build();
/// let json = serde_json::to_value(&fail).unwrap();
/// assert_eq!(json["Error"], "Order.Invalid");
/// assert_eq!(json["CausePath"], "$.reason");
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Fail {
    /// `Comment`: free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// `QueryLanguage`: overrides the machine's query language for this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub query_language: Option<QueryLanguage>,
    /// `Error` or `ErrorPath`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub error: Option<FailError>,
    /// `Cause` or `CausePath`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub cause: Option<FailCause>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

/// The error name of a [`Fail`] state.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum FailError {
    /// `Error`: a name, or JSONata.
    #[serde(rename = "Error")]
    Error(Dynamic<String>),
    /// `ErrorPath` (JSONPath): a reference path or string-returning intrinsic.
    #[serde(rename = "ErrorPath")]
    ErrorPath(Path),
}

/// The cause of a [`Fail`] state.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum FailCause {
    /// `Cause`: text, or JSONata.
    #[serde(rename = "Cause")]
    Cause(Dynamic<String>),
    /// `CausePath` (JSONPath): a reference path or string-returning intrinsic.
    #[serde(rename = "CausePath")]
    CausePath(Path),
}
