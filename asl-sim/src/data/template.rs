//! Payload templates: `key.$` fields resolved, everything else copied.

use super::path::{self, PathFail};
use super::{compact, intrinsics, Scope};
use crate::{Failure, Rng};
use asl_core::path::{ParsedPath, PathRoot};
use serde_json::{Map, Value};

/// How deeply a template may nest objects and arrays (serde_json's parser
/// stops at 128 already; this bounds templates built in code).
const MAX_TEMPLATE_DEPTH: usize = 512;

/// Resolves a payload template over `scope`.
pub(crate) fn evaluate(
    template: &Value,
    scope: &Scope<'_>,
    rng: &mut Rng,
) -> Result<Value, Failure> {
    walk(template, scope, rng, 0)
}

fn walk(value: &Value, scope: &Scope<'_>, rng: &mut Rng, depth: usize) -> Result<Value, Failure> {
    if depth > MAX_TEMPLATE_DEPTH {
        return Err(Failure::runtime(
            "The payload template is nested too deeply.",
        ));
    }
    match value {
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, v) in map {
                match (key.strip_suffix(".$"), v) {
                    (Some(name), Value::String(expr)) => {
                        let resolved = expression(expr, key, scope, rng)?;
                        out.insert(name.to_owned(), resolved);
                    }
                    _ => {
                        out.insert(key.clone(), walk(v, scope, rng, depth + 1)?);
                    }
                }
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .map(|v| walk(v, scope, rng, depth + 1))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

/// The value of a `.$` field (or a `…Path` field): a path (`$…`, `$$…`,
/// `$var…`) or an intrinsic function call. `field` is the field as written
/// (`value.$`, `ErrorPath`), for AWS's cause text.
pub(crate) fn expression(
    expr: &str,
    field: &str,
    scope: &Scope<'_>,
    rng: &mut Rng,
) -> Result<Value, Failure> {
    if expr.starts_with('$') {
        let parsed = super::parse_path(scope, expr).map_err(|e| {
            Failure::runtime(format!(
                "The JSONPath '{expr}' specified for the field '{field}' is not valid: {}",
                e.message()
            ))
        })?;
        path_value(&parsed, field, scope)
    } else {
        intrinsics::call(expr, field, scope, rng)
    }
}

/// Applies a path inside a template or an intrinsic argument.
pub(crate) fn path_value(
    parsed: &ParsedPath,
    field: &str,
    scope: &Scope<'_>,
) -> Result<Value, Failure> {
    path::select(parsed, scope).map_err(|fail| match fail {
        PathFail::Fatal(message) => Failure::runtime(message),
        PathFail::NotFound(_) => {
            let doc = match parsed.root() {
                PathRoot::Context => scope.context.get(),
                PathRoot::Variable(name) => scope.variables.get(name).unwrap_or(scope.input),
                _ => scope.input,
            };
            Failure::runtime(format!(
                "The JSONPath '{}' specified for the field '{field}' could not be found in the input '{}'",
                parsed.as_str(),
                compact(doc)
            ))
        }
    })
}
