//! The Parallel state and its branches.

use super::Transition;
use crate::vocabulary::kinds::*;
use crate::States;
use schemars::JsonSchema;
use serde::Serialize;
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
pub struct Parallel {
    ..head,
    /// `Branches`: the sub-machines to run (at least one).
    branches: Vec<Branch> = req("Branches", List<Branch>),
    ..data_flow,
    ..errors,
    /// `Next` or `End` (default `End`).
    transition: Transition = special builder(default, setter(into)),
}
}

crate::asl_object! {
/// One branch of a [`Parallel`] state: a sub-machine with its own `StartAt`
/// and `States`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct Branch {
    ..head,
    /// `StartAt`: the first state.
    start_at: String = req("StartAt", StateName),
    /// `States`: the branch states, in order.
    states: States = req("States", StatesMap),
}
}
