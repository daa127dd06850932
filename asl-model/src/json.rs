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
        rebuild(self, |j| split!(j, Json => Value, |members| members))
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
        rebuild(v, |v| {
            split!(v, Value => Json, |members: Map<String, Value>| members
                .into_iter()
                .collect())
        })
    }
}

/// One level of a `$from` value as [`Parts`] of a `$to` value: the
/// variants have the same names in both types; `$members` turns an object's
/// members into the list [`rebuild`] walks.
macro_rules! split {
    ($v:expr, $from:ident => $to:ident, $members:expr) => {
        match $v {
            $from::Null => Parts::Leaf($to::Null),
            $from::Bool(b) => Parts::Leaf($to::Bool(b)),
            $from::Number(n) => Parts::Leaf($to::Number(n)),
            $from::String(s) => Parts::Leaf($to::String(s)),
            $from::Array(items) => Parts::Array(items),
            $from::Object(members) => Parts::Object($members(members)),
        }
    };
}
use split;

/// A tree [`rebuild`] builds: how its arrays and objects are put together.
/// Members go straight into the object being built (no list of them first).
trait Tree: Sized {
    /// An object under construction.
    type Members;
    /// An empty object with room for `n` members.
    fn members(n: usize) -> Self::Members;
    /// Adds a member in order. For `Value`, `insert` keeps the first
    /// position and the last value of a repeated key.
    fn push(members: &mut Self::Members, key: String, value: Self);
    /// The finished object.
    fn object(members: Self::Members) -> Self;
    /// The finished array.
    fn array(items: Vec<Self>) -> Self;
}

impl Tree for Value {
    type Members = Map<String, Value>;
    fn members(n: usize) -> Self::Members {
        Map::with_capacity(n)
    }
    fn push(members: &mut Self::Members, key: String, value: Self) {
        members.insert(key, value);
    }
    fn object(members: Self::Members) -> Self {
        Value::Object(members)
    }
    fn array(items: Vec<Self>) -> Self {
        Value::Array(items)
    }
}

impl Tree for Json {
    type Members = Vec<(String, Json)>;
    fn members(n: usize) -> Self::Members {
        Vec::with_capacity(n)
    }
    fn push(members: &mut Self::Members, key: String, value: Self) {
        members.push((key, value));
    }
    fn object(members: Self::Members) -> Self {
        Json::Object(members)
    }
    fn array(items: Vec<Self>) -> Self {
        Json::Array(items)
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
/// apart, and [`Tree`] puts the converted children back together.
fn rebuild<I, O: Tree>(root: I, split: impl Fn(I) -> Parts<I, O>) -> O {
    /// An array or object being rebuilt: what is done, what is left, and
    /// (for an object) the key of the child under way.
    enum Up<I, O: Tree> {
        Array(Vec<O>, std::vec::IntoIter<I>),
        Object(O::Members, std::vec::IntoIter<(String, I)>, String),
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
                        None => break O::array(Vec::new()),
                    }
                }
                Parts::Object(members) => {
                    let mut rest = members.into_iter();
                    match rest.next() {
                        Some((key, child)) => {
                            stack.push(Up::Object(O::members(rest.len() + 1), rest, key));
                            next = child;
                        }
                        None => break O::object(O::members(0)),
                    }
                }
            }
        };
        // Hand each finished value to its parent; find the next child.
        loop {
            match stack.last_mut() {
                None => return done,
                Some(Up::Array(out, rest)) => {
                    out.push(done);
                    if let Some(child) = rest.next() {
                        next = child;
                        break;
                    }
                }
                Some(Up::Object(out, rest, key)) => {
                    O::push(out, std::mem::take(key), done);
                    if let Some((k, child)) = rest.next() {
                        *key = k;
                        next = child;
                        break;
                    }
                }
            }
            done = match stack.pop() {
                Some(Up::Array(out, _)) => O::array(out),
                Some(Up::Object(out, _, _)) => O::object(out),
                // Not reached: the stack had a last element above.
                None => O::array(Vec::new()),
            };
        }
    }
}
