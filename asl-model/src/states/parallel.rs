//! The Parallel state and its branches.

#[allow(unused_imports)]
use super::{QueryLanguage, Transition};
use crate::States;
#[allow(unused_imports)]
use crate::{
    Assign, Catcher, Dynamic, Path, PayloadTemplate, ReferencePath, Retrier, UnknownFields,
};
use schemars::JsonSchema;
use serde::Serialize;
#[allow(unused_imports)]
use serde_json::Value;
use typed_builder::TypedBuilder;

/// A Parallel state: runs every branch on the same input and collects their
/// outputs into an array, in branch order.
///
/// ```
/// use asl_core::{Branch, Parallel, Pass};
/// let branch = Branch::builder().start_at("A").states([("A".to_owned(), Pass::builder().build().into())]).build();
/// let parallel = Parallel::builder().branches(vec![branch.clone(), branch]).build();
/// assert_eq!(parallel.branches.len(), 2);
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Parallel {
    /// `Comment`: free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// `QueryLanguage`: overrides the machine's query language for this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub query_language: Option<QueryLanguage>,
    /// `Branches`: the sub-machines to run (at least one).
    #[builder(setter(into))]
    pub branches: Vec<Branch>,
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub input_path: Option<Option<Path>>,
    /// `Parameters` (JSONPath): a payload template.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub parameters: Option<PayloadTemplate>,
    /// `Arguments` (JSONata): an object or a `{% %}` expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub arguments: Option<Value>,
    /// `ResultSelector` (JSONPath): reshapes the raw result.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub result_selector: Option<PayloadTemplate>,
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
    /// `Retry`: retriers, tried in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub retry: Option<Vec<Retrier>>,
    /// `Catch`: catchers, tried in order once retries are exhausted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub catch: Option<Vec<Catcher>>,
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

/// One branch of a [`Parallel`] state: a sub-machine with its own `StartAt`
/// and `States`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Branch {
    /// `Comment`: free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// `QueryLanguage`: overrides the machine's query language for this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub query_language: Option<QueryLanguage>,
    /// `StartAt`: the first state.
    #[builder(setter(into))]
    pub start_at: String,
    /// `States`: the branch states, in order.
    #[builder(setter(into))]
    pub states: States,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}
