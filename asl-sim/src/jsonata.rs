//! JSONata-mode evaluation: `{% %}` expressions and templates, through a
//! well-kept JSONata engine, with Step Functions' own functions added and
//! the removed ones removed.
//!
//! OWNER: the JSONata helper. The interpreter calls only the functions below;
//! their signatures are the contract (change them only by agreement).
#![allow(dead_code, unused_variables)] // until the interpreter calls them

use crate::{Failure, Rng};
use serde_json::Value;

/// The variables in scope (`$name` → value).
pub(crate) type Variables = serde_json::Map<String, Value>;

/// What an expression can read.
pub(crate) struct Scope<'a> {
    /// `$states`: `{"input", "context"}` plus `"result"` or `"errorOutput"`
    /// where the step has them (execution-semantics §1.4).
    pub states: &'a Value,
    /// `$name`: the variables in scope.
    pub variables: &'a Variables,
    /// The seeded generator behind `$random()` and `$uuid()`.
    pub rng: &'a mut Rng,
}

/// Evaluates one expression (the text between `{%` and `%}`). `Ok(None)`
/// is JSONata's *undefined*. `field` names where the expression sits
/// (`Arguments`, `Output`, `Assign.x`, `Condition`, …), for the
/// `States.QueryEvaluationError` cause text.
pub(crate) fn evaluate(
    expr: &str,
    scope: &mut Scope<'_>,
    field: &str,
) -> Result<Option<Value>, Failure> {
    Err(Failure::runtime("jsonata::evaluate: not implemented"))
}

/// Evaluates a JSONata-mode field value (`Arguments`, `Output`, an `Assign`
/// entry, `Items`, `ItemSelector`, …): a `{% %}` string is evaluated, an
/// object or array is walked and each `{% %}` string in it evaluated, any
/// other value is copied.
pub(crate) fn template(value: &Value, scope: &mut Scope<'_>, field: &str) -> Result<Value, Failure> {
    Err(Failure::runtime("jsonata::template: not implemented"))
}
