//! Typed `…Path` fields: the value a reference path names, checked the way
//! AWS checks it for the field, with AWS's `States.Runtime` texts.

use super::path::{self, PathFail};
use super::{compact, parse_timestamp, Scope, Timestamp};
use crate::Failure;
use serde_json::Value;

/// The value at `path`; `Ok(None)` when it names nothing.
fn lookup(field: &str, path: &str, scope: &Scope<'_>) -> Result<Option<Value>, Failure> {
    let parsed = super::parse_path(scope, path).map_err(|e| {
        Failure::runtime(format!(
            "The {field} field has an invalid path '{path}': {}",
            e.message()
        ))
    })?;
    match path::select(&parsed, scope) {
        Ok(v) => Ok(Some(v)),
        Err(PathFail::NotFound(_)) => Ok(None),
        Err(PathFail::Fatal(message)) => Err(Failure::runtime(message)),
    }
}

/// A value as AWS prints it after `==`: strings as they are, others as JSON.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => compact(other),
    }
}

/// An integer: a JSON integer, or a string holding one (AWS parses the
/// value's text).
fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Wait `SecondsPath`: a whole number of seconds, 0 or more.
///
/// `The SecondsPath parameter does not reference an input value: $.s`,
/// `… references a negative value: $.s == -1`, `… cannot be parsed as a
/// long value: $.s == 1.5`.
pub(crate) fn wait_seconds_path(path: &str, scope: &Scope<'_>) -> Result<i64, Failure> {
    let Some(v) = lookup("SecondsPath", path, scope)? else {
        return Err(Failure::runtime(format!(
            "The SecondsPath parameter does not reference an input value: {path}"
        )));
    };
    match integer(&v) {
        Some(n) if n < 0 => Err(Failure::runtime(format!(
            "The SecondsPath parameter references a negative value: {path} == {}",
            shown(&v)
        ))),
        Some(n) => Ok(n),
        None => Err(Failure::runtime(format!(
            "The SecondsPath parameter cannot be parsed as a long value: {path} == {}",
            shown(&v)
        ))),
    }
}

/// Wait `TimestampPath`: an ISO-8601 offset date-time string.
///
/// `The TimestampPath parameter does not reference a valid ISO-8601
/// extended offset date-time format string: $.t == <value>`; a missing value
/// is `The TimestampPath parameter does not reference an input value: $.t`.
pub(crate) fn wait_timestamp_path(path: &str, scope: &Scope<'_>) -> Result<Timestamp, Failure> {
    let Some(v) = lookup("TimestampPath", path, scope)? else {
        return Err(Failure::runtime(format!(
            "The TimestampPath parameter does not reference an input value: {path}"
        )));
    };
    v.as_str().and_then(parse_timestamp).ok_or_else(|| {
        Failure::runtime(format!(
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset \
             date-time format string: {path} == {}",
            shown(&v)
        ))
    })
}

fn missing(field: &str, path: &str, scope: &Scope<'_>) -> Failure {
    Failure::runtime(format!(
        "The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{}'",
        compact(scope.input)
    ))
}

/// An integer `…Path` field (`TimeoutSecondsPath`, `HeartbeatSecondsPath`,
/// `MaxConcurrencyPath`, `ToleratedFailureCountPath`, `MaxItemsPath`, …):
/// `The MaxConcurrencyPath field refers to value "NoNumber" which is not a
/// valid integer: $.m`. Range checks are the caller's.
pub(crate) fn integer_path(field: &str, path: &str, scope: &Scope<'_>) -> Result<i64, Failure> {
    let v = lookup(field, path, scope)?.ok_or_else(|| missing(field, path, scope))?;
    integer(&v).ok_or_else(|| {
        Failure::runtime(format!(
            "The {field} field refers to value \"{}\" which is not a valid integer: {path}",
            shown(&v)
        ))
    })
}

/// A number `…Path` field (`ToleratedFailurePercentagePath`):
/// `The ToleratedFailurePercentagePath field refers to value "x" which is
/// not a valid float: $.p`.
pub(crate) fn float_path(field: &str, path: &str, scope: &Scope<'_>) -> Result<f64, Failure> {
    let v = lookup(field, path, scope)?.ok_or_else(|| missing(field, path, scope))?;
    let number = match &v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    number.filter(|f: &f64| f.is_finite()).ok_or_else(|| {
        Failure::runtime(format!(
            "The {field} field refers to value \"{}\" which is not a valid float: {path}",
            shown(&v)
        ))
    })
}
