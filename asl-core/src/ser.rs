//! Writing the model as JSON.
//!
//! Field order is fixed by the model (`Type` first, then the fields in the
//! order of the ASL reference, `Next`/`End` last); state order and payload key
//! order are kept as they were. Serializing the model cannot fail: every map
//! key is a string and every number is finite.

use serde::Serialize;
use serde_json::Value;

/// Compact JSON.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    // Cannot fail for the model's types (string keys, finite numbers).
    serde_json::to_string(value).unwrap_or_default()
}

/// Pretty JSON, indented by two spaces, with a final newline omitted.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The JSON value.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
