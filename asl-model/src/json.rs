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
        rebuild(
            self,
            |j| match j {
                Json::Null => Parts::Leaf(Value::Null),
                Json::Bool(b) => Parts::Leaf(Value::Bool(b)),
                Json::Number(n) => Parts::Leaf(Value::Number(n)),
                Json::String(s) => Parts::Leaf(Value::String(s)),
                Json::Array(items) => Parts::Array(items),
                Json::Object(members) => Parts::Object(members),
            },
            Value::Array,
            // `collect` inserts in order: the first position, the last value.
            |members| Value::Object(members.into_iter().collect::<Map<String, Value>>()),
        )
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
        rebuild(
            v,
            |v| match v {
                Value::Null => Parts::Leaf(Json::Null),
                Value::Bool(b) => Parts::Leaf(Json::Bool(b)),
                Value::Number(n) => Parts::Leaf(Json::Number(n)),
                Value::String(s) => Parts::Leaf(Json::String(s)),
                Value::Array(items) => Parts::Array(items),
                Value::Object(members) => Parts::Object(members.into_iter().collect()),
            },
            Json::Array,
            Json::Object,
        )
    }
}

/// A value taken apart by [`rebuild`]: a finished leaf, or the children of
/// an array or an object, still to convert.
enum Parts<I, O> {
    Leaf(O),
    Array(Vec<I>),
    Object(Vec<(String, I)>),
}

/// Converts a tree bottom-up with an explicit stack: `split` takes each value
/// apart, `array` and `object` put the converted children back together.
fn rebuild<I, O>(
    root: I,
    split: impl Fn(I) -> Parts<I, O>,
    array: impl Fn(Vec<O>) -> O,
    object: impl Fn(Vec<(String, O)>) -> O,
) -> O {
    /// An array or object being rebuilt: what is done, what is left, and
    /// (for an object) the key of the child under way.
    enum Up<I, O> {
        Array(Vec<O>, std::vec::IntoIter<I>),
        Object(Vec<(String, O)>, std::vec::IntoIter<(String, I)>, String),
    }
    let mut stack: Vec<Up<I, O>> = Vec::new();
    let mut next = root;
    loop {
        // Down to the first leaf (or empty container) of `next`.
        let mut done = loop {
            match split(next) {
                Parts::Leaf(o) => break o,
                Parts::Array(items) => {
                    let mut rest = items.into_iter();
                    match rest.next() {
                        Some(child) => {
                            stack.push(Up::Array(Vec::with_capacity(rest.len() + 1), rest));
                            next = child;
                        }
                        None => break array(Vec::new()),
                    }
                }
                Parts::Object(members) => {
                    let mut rest = members.into_iter();
                    match rest.next() {
                        Some((key, child)) => {
                            stack.push(Up::Object(Vec::with_capacity(rest.len() + 1), rest, key));
                            next = child;
                        }
                        None => break object(Vec::new()),
                    }
                }
            }
        };
        // Hand each finished value to its parent; find the next child.
        loop {
            match stack.pop() {
                None => return done,
                Some(Up::Array(mut out, mut rest)) => {
                    out.push(done);
                    match rest.next() {
                        Some(child) => {
                            stack.push(Up::Array(out, rest));
                            next = child;
                            break;
                        }
                        None => done = array(out),
                    }
                }
                Some(Up::Object(mut out, mut rest, key)) => {
                    out.push((key, done));
                    match rest.next() {
                        Some((k, child)) => {
                            stack.push(Up::Object(out, rest, k));
                            next = child;
                            break;
                        }
                        None => done = object(out),
                    }
                }
            }
        }
    }
}
