//! [`Json`]: the parsed JSON value the reader consumes.
//!
//! Unlike `serde_json::Value`, an object keeps every member in document
//! order, repeated keys included, so that the reader sees the document as
//! written. Both conversions use an explicit stack: a deeply nested value
//! never overflows ours.

use serde_json::{Map, Number, Value};

/// A parsed JSON value. Objects keep every member in document order, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object: its members in document order, repeated keys included.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Into serde_json's value; for a repeated key the LAST occurrence wins.
    ///
    /// ```
    /// use asl_core::json::Json;
    /// let j = Json::Object(vec![
    ///     ("a".into(), Json::Bool(true)),
    ///     ("b".into(), Json::Null),
    ///     ("a".into(), Json::Bool(false)),
    /// ]);
    /// assert_eq!(j.into_value(), serde_json::json!({"a": false, "b": null}));
    /// ```
    pub fn into_value(self) -> Value {
        enum Up {
            Array(Vec<Value>, std::vec::IntoIter<Json>),
            Object(
                Map<String, Value>,
                std::vec::IntoIter<(String, Json)>,
                Option<String>,
            ),
        }
        let mut stack: Vec<Up> = Vec::new();
        let mut next = self;
        loop {
            let mut done = match next {
                Json::Null => Some(Value::Null),
                Json::Bool(b) => Some(Value::Bool(b)),
                Json::Number(n) => Some(Value::Number(n)),
                Json::String(s) => Some(Value::String(s)),
                Json::Array(items) => {
                    stack.push(Up::Array(
                        Vec::with_capacity(items.len()),
                        items.into_iter(),
                    ));
                    None
                }
                Json::Object(members) => {
                    stack.push(Up::Object(
                        Map::with_capacity(members.len()),
                        members.into_iter(),
                        None,
                    ));
                    None
                }
            };
            // Hand each finished value to its parent; find the next child.
            loop {
                match stack.last_mut() {
                    None => return done.unwrap_or(Value::Null),
                    Some(Up::Array(out, rest)) => {
                        if let Some(d) = done.take() {
                            out.push(d);
                        }
                        if let Some(child) = rest.next() {
                            next = child;
                            break;
                        }
                    }
                    Some(Up::Object(out, rest, key)) => {
                        if let (Some(d), Some(k)) = (done.take(), key.take()) {
                            // `insert` keeps the first position and the last value.
                            out.insert(k, d);
                        }
                        if let Some((k, child)) = rest.next() {
                            *key = Some(k);
                            next = child;
                            break;
                        }
                    }
                }
                done = match stack.pop() {
                    Some(Up::Array(out, _)) => Some(Value::Array(out)),
                    Some(Up::Object(out, _, _)) => Some(Value::Object(out)),
                    None => None,
                };
            }
        }
    }

    /// From serde_json's value (member order kept).
    ///
    /// ```
    /// use asl_core::json::Json;
    /// let v = serde_json::json!({"b": [1, "x"], "a": null});
    /// let j = Json::from_value(v.clone());
    /// assert!(matches!(&j, Json::Object(m) if m.first().is_some_and(|(k, _)| k == "b")));
    /// assert_eq!(j.into_value(), v);
    /// ```
    pub fn from_value(v: Value) -> Json {
        enum Up {
            Array(Vec<Json>, std::vec::IntoIter<Value>),
            Object(
                Vec<(String, Json)>,
                serde_json::map::IntoIter,
                Option<String>,
            ),
        }
        let mut stack: Vec<Up> = Vec::new();
        let mut next = v;
        loop {
            let leaf = match next {
                Value::Null => Some(Json::Null),
                Value::Bool(b) => Some(Json::Bool(b)),
                Value::Number(n) => Some(Json::Number(n)),
                Value::String(s) => Some(Json::String(s)),
                Value::Array(items) => {
                    stack.push(Up::Array(
                        Vec::with_capacity(items.len()),
                        items.into_iter(),
                    ));
                    None
                }
                Value::Object(members) => {
                    stack.push(Up::Object(
                        Vec::with_capacity(members.len()),
                        members.into_iter(),
                        None,
                    ));
                    None
                }
            };
            let mut done = leaf;
            loop {
                match stack.last_mut() {
                    None => return done.unwrap_or(Json::Null),
                    Some(Up::Array(out, rest)) => {
                        if let Some(d) = done.take() {
                            out.push(d);
                        }
                        if let Some(child) = rest.next() {
                            next = child;
                            break;
                        }
                    }
                    Some(Up::Object(out, rest, key)) => {
                        if let (Some(d), Some(k)) = (done.take(), key.take()) {
                            out.push((k, d));
                        }
                        if let Some((k, child)) = rest.next() {
                            *key = Some(k);
                            next = child;
                            break;
                        }
                    }
                }
                done = match stack.pop() {
                    Some(Up::Array(out, _)) => Some(Json::Array(out)),
                    Some(Up::Object(out, _, _)) => Some(Json::Object(out)),
                    None => None,
                };
            }
        }
    }
}
