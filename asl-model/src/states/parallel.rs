//! The Parallel state and its branches.

use super::{QueryLanguage, Transition};
use crate::vocabulary::kinds::*;
use crate::{Assign, Catcher, Path, PayloadTemplate, ReferencePath, Retrier, States};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use typed_builder::TypedBuilder;

crate::asl_object! {
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
    comment: Option<String> = opt("Comment", Text),
    /// `QueryLanguage`: overrides the machine's query language for this state.
    query_language: Option<QueryLanguage> = opt("QueryLanguage", QueryLang),
    /// `Branches`: the sub-machines to run (at least one).
    branches: Vec<Branch> = req("Branches", List<Branch>),
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    input_path: Option<Option<Path>> = opt("InputPath", NullablePath, JsonPath),
    /// `Parameters` (JSONPath): a payload template.
    parameters: Option<PayloadTemplate> = opt("Parameters", Template, JsonPath),
    /// `Arguments` (JSONata): an object or a `{% %}` expression.
    arguments: Option<Value> = opt("Arguments", AnyJson, Jsonata),
    /// `ResultSelector` (JSONPath): reshapes the raw result.
    result_selector: Option<PayloadTemplate> = opt("ResultSelector", Template, JsonPath),
    /// `ResultPath` (JSONPath): where the result goes in the input; `null` discards it.
    result_path: Option<Option<ReferencePath>> = opt("ResultPath", NullableRefPath, JsonPath),
    /// `OutputPath` (JSONPath): selects the part of the output to pass on; `null` means `{}`.
    output_path: Option<Option<Path>> = opt("OutputPath", NullablePath, JsonPath),
    /// `Output` (JSONata): the state's output.
    output: Option<Value> = opt("Output", AnyJson, Jsonata),
    /// `Assign`: variables to set.
    assign: Option<Assign> = opt("Assign", Variables),
    /// `Retry`: retriers, tried in order.
    retry: Option<Vec<Retrier>> = opt("Retry", List<Retrier>),
    /// `Catch`: catchers, tried in order once retries are exhausted.
    catch: Option<Vec<Catcher>> = opt("Catch", List<Catcher>),
    /// `Next` or `End` (default `End`).
    transition: Transition = special builder(default, setter(into)),
}
}

crate::asl_object! {
/// One branch of a [`Parallel`] state: a sub-machine with its own `StartAt`
/// and `States`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Branch {
    /// `Comment`: free text.
    comment: Option<String> = opt("Comment", Text),
    /// `QueryLanguage`: overrides the machine's query language for this state.
    query_language: Option<QueryLanguage> = opt("QueryLanguage", QueryLang),
    /// `StartAt`: the first state.
    start_at: String = req("StartAt", StateName),
    /// `States`: the branch states, in order.
    states: States = req("States", StatesMap),
}
}
