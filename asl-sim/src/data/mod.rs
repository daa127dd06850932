//! JSONPath-mode data flow: paths, payload templates, intrinsic functions,
//! ResultPath and Choice rules, evaluated over `serde_json::Value`.
//!
//! OWNER: the JSONPath helper. The interpreter calls only the functions
//! below; their signatures are the contract (change them only by agreement).
#![allow(dead_code, unused_variables)] // until the interpreter calls them

use crate::Failure;
use asl_core::BoolExpr;
use serde_json::Value;

/// The variables in scope (`$name` → value).
pub(crate) type Variables = serde_json::Map<String, Value>;

/// What a JSONPath expression can read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'a> {
    /// `$`: the value the expression is applied to (the state's effective
    /// input, or the result for ResultSelector and JSONPath `Assign`).
    pub input: &'a Value,
    /// `$$`: the context object.
    pub context: &'a Value,
    /// `$name`: the variables in scope.
    pub variables: &'a Variables,
}

/// `InputPath` / `OutputPath` (`field` names which, for AWS's cause text):
/// `None` (absent) → the input unchanged, `Some(None)` (`null`) → `{}`,
/// `Some(Some(path))` → what the path selects.
pub(crate) fn apply_path(
    field: &'static str,
    path: Option<Option<&str>>,
    scope: &Scope<'_>,
) -> Result<Value, Failure> {
    Err(Failure::runtime("apply_path: not implemented"))
}

/// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`,
/// JSONPath `Assign`, `Credentials`): `.$` keys resolved (paths, `$$`,
/// variables, intrinsic functions), other values copied.
pub(crate) fn payload_template(template: &Value, scope: &Scope<'_>) -> Result<Value, Failure> {
    Err(Failure::runtime("payload_template: not implemented"))
}

/// `ResultPath`: `None` (absent, i.e. `$`) → the result, `Some(None)`
/// (`null`) → `raw_input`, `Some(Some(path))` → `raw_input` with `result`
/// written at the path (`States.ResultPathMatchFailure` when it cannot be).
pub(crate) fn result_path(
    path: Option<Option<&str>>,
    raw_input: &Value,
    result: Value,
) -> Result<Value, Failure> {
    Err(Failure::runtime("result_path: not implemented"))
}

/// A `…Path` field read as one value (`ItemsPath`, `SecondsPath`,
/// `TimestampPath`, `ErrorPath`, `CausePath`, `TimeoutSecondsPath`,
/// `HeartbeatSecondsPath`, `MaxConcurrencyPath`, `ToleratedFailure…Path`;
/// `ErrorPath`/`CausePath` may be intrinsic functions). `field` is the field
/// name, for AWS's cause text.
pub(crate) fn read_path(field: &'static str, path: &str, scope: &Scope<'_>) -> Result<Value, Failure> {
    Err(Failure::runtime("read_path: not implemented"))
}

/// A JSONPath Choice rule's boolean expression, with AWS's semantics for
/// type mismatches and missing variables.
pub(crate) fn choice_rule(rule: &BoolExpr, scope: &Scope<'_>) -> Result<bool, Failure> {
    Err(Failure::runtime("choice_rule: not implemented"))
}
