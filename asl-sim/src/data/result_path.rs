//! `ResultPath`: writing a result into the raw input.

use super::compact;
use crate::Failure;
use asl_core::path::{PathRoot, SegmentKind};
use serde_json::{Map, Value};

/// `States.ResultPathMatchFailure` for `path` over `input`, with AWS's text
/// (`Unable to apply ReferencePath $.x to input "abc"`).
fn mismatch(path: &str, input: &Value) -> Failure {
    Failure::new(
        "States.ResultPathMatchFailure",
        format!(
            "Unable to apply ReferencePath {path} to input {}",
            compact(input)
        ),
    )
}

/// `raw_input` with `result` written at the reference path `path`. Missing
/// fields on the way are created as objects; a step into something that is
/// not an object (for a field) or an array with that index (for an index)
/// cannot be applied.
pub(crate) fn write(path: &str, raw_input: &Value, result: Value) -> Result<Value, Failure> {
    let parsed = asl_core::path::parse(path).map_err(|_| mismatch(path, raw_input))?;
    if parsed.root() != &PathRoot::Input || !parsed.is_reference() {
        return Err(mismatch(path, raw_input));
    }
    let Some((last, init)) = parsed.segments().split_last() else {
        return Ok(result); // `$`
    };
    let mut output = raw_input.clone();
    let mut cur = &mut output;
    for segment in init {
        cur = match (&segment.kind, cur) {
            (SegmentKind::Field { name, .. }, Value::Object(map)) => {
                let slot = map
                    .entry(name.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !slot.is_object() && !slot.is_array() {
                    return Err(mismatch(path, raw_input));
                }
                slot
            }
            (SegmentKind::Index(i), Value::Array(items)) => {
                let Some(slot) = usize::try_from(*i).ok().and_then(|i| items.get_mut(i)) else {
                    return Err(mismatch(path, raw_input));
                };
                slot
            }
            _ => return Err(mismatch(path, raw_input)),
        };
    }
    match (&last.kind, cur) {
        (SegmentKind::Field { name, .. }, Value::Object(map)) => {
            map.insert(name.clone(), result);
        }
        (SegmentKind::Index(i), Value::Array(items)) => {
            let Some(slot) = usize::try_from(*i).ok().and_then(|i| items.get_mut(i)) else {
                return Err(mismatch(path, raw_input));
            };
            *slot = result;
        }
        _ => return Err(mismatch(path, raw_input)),
    }
    Ok(output)
}
