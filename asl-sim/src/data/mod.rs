//! JSONPath-mode data flow: paths, payload templates, intrinsic functions,
//! ResultPath and Choice rules, evaluated over `serde_json::Value`.
//!
//! OWNER: the JSONPath helper. The interpreter calls only the functions
//! below; their signatures are the contract (change them only by agreement).
//!
//! Every [`Failure`] returned here carries AWS's error name and the *message*
//! part of its cause; the interpreter adds AWS's prefix
//! `An error occurred while executing the state '<State>' (entered at the
//! event id #<n>). ` where AWS writes one: `States.Runtime` has it
//! (recorded), `States.IntrinsicFailure` presumably too; the two user
//! reports of `States.ResultPathMatchFailure` show its cause
//! (`Unable to apply ReferencePath $.x to input "…"`) without it.
//!
//! Entry points beyond the first contract: [`payload_template_with_rng`] and
//! [`read_path_with_rng`] (draw `States.UUID()`/`States.MathRandom` from the
//! execution's generator), the typed `…Path` readers
//! ([`wait_seconds_path`], [`wait_timestamp_path`], [`integer_path`],
//! [`float_path`]), [`parse_timestamp`] for Wait `Timestamp`, and
//! [`uuid_v4`].
#![allow(dead_code)] // until the interpreter calls them

mod choice;
mod fields;
mod intrinsics;
mod path;
mod result_path;
mod template;
mod timestamp;

#[cfg(test)]
mod tests;

use crate::fast_map::FastMap;
use crate::{Failure, Rng};
use asl_core::intrinsic::{IntrinsicCall, IntrinsicError};
use asl_core::path::{ParsedPath, PathError};
use asl_core::BoolExpr;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// Typed `…Path` fields with AWS's texts: Wait `SecondsPath` /
/// `TimestampPath`, integer fields (`TimeoutSecondsPath`,
/// `MaxConcurrencyPath`, …) and `ToleratedFailurePercentagePath`.
#[allow(unused_imports)] // for the interpreter
pub(crate) use fields::{float_path, integer_path, wait_seconds_path, wait_timestamp_path};
/// A version 4 UUID from the execution's generator (as `States.UUID()`).
#[allow(unused_imports)]
pub(crate) use intrinsics::uuid_v4;
/// ISO-8601 offset date-times as AWS reads them (Choice, Wait `Timestamp`).
#[allow(unused_imports)] // `Timestamp` is for the interpreter's Wait state
pub(crate) use timestamp::{parse_timestamp, Timestamp};

/// The variables in scope (`$name` → value).
pub(crate) type Variables = serde_json::Map<String, Value>;

/// The context object (`$$`): a value, or what builds one when a path
/// first reads it (the engine's, so that states that never read `$$` do
/// not pay for it).
pub(crate) trait ContextObject: std::fmt::Debug {
    /// The context object.
    fn get(&self) -> &Value;
}

impl ContextObject for Value {
    fn get(&self) -> &Value {
        self
    }
}

/// What a JSONPath expression can read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'a> {
    /// `$`: the value the expression is applied to (the state's effective
    /// input, or the result for ResultSelector and JSONPath `Assign`).
    pub input: &'a Value,
    /// `$$`: the context object.
    pub context: &'a dyn ContextObject,
    /// `$name`: the variables in scope.
    pub variables: &'a Variables,
    /// The paths and intrinsic calls parsed so far in this run (`None`:
    /// parse each time).
    pub parsed: Option<&'a Parsed>,
}

/// Paths and intrinsic calls already parsed, by their text, for one run:
/// a Map evaluates the same template once per item, and a loop the same
/// state many times.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    paths: RefCell<FastMap<String, Rc<ParsedPath>>>,
    calls: RefCell<FastMap<String, Rc<IntrinsicCall>>>,
}

/// Distinct texts kept per kind (the definition's own are few; texts built
/// at run time are not worth keeping forever).
const PARSED_LIMIT: usize = 4096;

impl Parsed {
    /// `text` as a path (`asl_core::path::parse`), parsed once.
    pub(crate) fn path(&self, text: &str) -> Result<Rc<ParsedPath>, PathError> {
        Self::cached(&self.paths, text, asl_core::path::parse)
    }

    /// `text` as an intrinsic call (`asl_core::intrinsic::parse`), parsed once.
    pub(crate) fn call(&self, text: &str) -> Result<Rc<IntrinsicCall>, IntrinsicError> {
        Self::cached(&self.calls, text, asl_core::intrinsic::parse)
    }

    fn cached<T, E>(
        map: &RefCell<FastMap<String, Rc<T>>>,
        text: &str,
        parse: fn(&str) -> Result<T, E>,
    ) -> Result<Rc<T>, E> {
        if let Some(hit) = map.borrow().get(text) {
            return Ok(Rc::clone(hit));
        }
        let parsed = Rc::new(parse(text)?);
        let mut map = map.borrow_mut();
        if map.len() < PARSED_LIMIT {
            map.insert(text.to_owned(), Rc::clone(&parsed));
        }
        Ok(parsed)
    }
}

/// `text` as a path, through `scope`'s cache when it has one.
pub(crate) fn parse_path(scope: &Scope<'_>, text: &str) -> Result<Rc<ParsedPath>, PathError> {
    match scope.parsed {
        Some(p) => p.path(text),
        None => asl_core::path::parse(text).map(Rc::new),
    }
}

/// `text` as an intrinsic call, through `scope`'s cache when it has one.
pub(crate) fn parse_call(
    scope: &Scope<'_>,
    text: &str,
) -> Result<Rc<IntrinsicCall>, IntrinsicError> {
    match scope.parsed {
        Some(p) => p.call(text),
        None => asl_core::intrinsic::parse(text).map(Rc::new),
    }
}

/// `InputPath` / `OutputPath` (`field` names which, for AWS's cause text):
/// `None` (absent) → the input unchanged, `Some(None)` (`null`) → `{}`,
/// `Some(Some(path))` → what the path selects.
///
/// Failures (`States.Runtime`): `Invalid path '$.x' : No results for path:
/// $['x']`, `Invalid path '$.a.b' : Missing property in path $['a']`, and
/// `Unable to apply Path transformation to null or empty input.` for a `$`
/// path over a `null` input. An indefinite path that matches nothing gives
/// `[]`.
pub(crate) fn apply_path(
    field: &'static str,
    path: Option<Option<&str>>,
    scope: &Scope<'_>,
) -> Result<Value, Failure> {
    let _ = field; // AWS's text names the path, not the field
    match path {
        None => Ok(scope.input.clone()),
        Some(None) => Ok(Value::Object(serde_json::Map::new())),
        Some(Some(text)) => {
            let parsed = parse_path(scope, text).map_err(|e| {
                Failure::runtime(format!("Invalid path '{text}' : {}", e.message()))
            })?;
            path::select(&parsed, scope).map_err(|fail| match fail {
                path::PathFail::Fatal(message) => Failure::runtime(message),
                path::PathFail::NotFound(message) => {
                    Failure::runtime(format!("Invalid path '{text}' : {message}"))
                }
            })
        }
    }
}

/// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`,
/// JSONPath `Assign`, `Credentials`): `.$` keys resolved (paths, `$$`,
/// variables, intrinsic functions), other values copied.
///
/// `States.UUID()` and `States.MathRandom` draw from a generator seeded with
/// 0 here; the interpreter should call [`payload_template_with_rng`] with the
/// execution's generator instead.
pub(crate) fn payload_template(template: &Value, scope: &Scope<'_>) -> Result<Value, Failure> {
    payload_template_with_rng(template, scope, &mut Rng::default())
}

/// [`payload_template`] drawing `States.UUID()` and `States.MathRandom`
/// values from `rng` (the execution's seeded generator).
pub(crate) fn payload_template_with_rng(
    template: &Value,
    scope: &Scope<'_>,
    rng: &mut Rng,
) -> Result<Value, Failure> {
    template::evaluate(template, scope, rng)
}

/// `ResultPath`: `None` (absent, i.e. `$`) → the result, `Some(None)`
/// (`null`) → `raw_input`, `Some(Some(path))` → `raw_input` with `result`
/// written at the path (`States.ResultPathMatchFailure` when it cannot be).
pub(crate) fn result_path(
    path: Option<Option<&str>>,
    raw_input: &Value,
    result: Value,
) -> Result<Value, Failure> {
    match path {
        None => Ok(result),
        Some(None) => Ok(raw_input.clone()),
        Some(Some(text)) => result_path::write(text, raw_input, result),
    }
}

/// A `…Path` field read as one value (`ItemsPath`, `SecondsPath`,
/// `TimestampPath`, `ErrorPath`, `CausePath`, `TimeoutSecondsPath`,
/// `HeartbeatSecondsPath`, `MaxConcurrencyPath`, `ToleratedFailure…Path`;
/// `ErrorPath`/`CausePath` may be intrinsic functions). `field` is the field
/// name, for AWS's cause text: `The JSONPath '$.x' specified for the field
/// 'ErrorPath' could not be found in the input '<json>'`.
///
/// The value is returned as found; checking its type (a string for
/// `ErrorPath`, an integer for `TimeoutSecondsPath`, …) is the caller's.
pub(crate) fn read_path(
    field: &'static str,
    path: &str,
    scope: &Scope<'_>,
) -> Result<Value, Failure> {
    expression(path, field, scope, &mut Rng::default())
}

/// [`read_path`] drawing `States.UUID()` values (in `ErrorPath`/`CausePath`)
/// from `rng`: the value of a `.$` or `…Path` field.
pub(crate) use template::expression;

/// A JSONPath Choice rule's boolean expression, with AWS's semantics for
/// type mismatches (false, never an error) and missing variables
/// (`States.Runtime`, except under `IsPresent`).
pub(crate) fn choice_rule(rule: &BoolExpr, scope: &Scope<'_>) -> Result<bool, Failure> {
    choice::evaluate(rule, scope)
}

/// The name of a value's JSON type, as AWS writes it in causes.
pub(crate) use crate::jsonata::type_name;

/// Compact JSON text, keys in insertion order, as AWS writes values in causes.
fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}
