//! Reading JSON text into the model: the entry points, and the root of the
//! document (the states are read by `asl_model::de`).
//!
//! The text is parsed by `serde_json` into a `Value`, then converted by hand
//! so that every problem gets the JSON pointer of the field at fault, and so
//! that the converter can go on after a problem and report the rest (the
//! validator uses that). Fields the model does not know are kept in
//! `unknown_fields`: nothing is dropped.

use crate::StateMachine;
use asl_model::de::Cx;
use asl_model::{Category, Error};
use serde_json::{Map as JsonMap, Number, Value};

/// Parses a definition from JSON text.
///
/// ```
/// let m = asl_core::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)?;
/// assert_eq!(m.start_at, "A");
/// # Ok::<(), asl_core::Error>(())
/// ```
pub fn from_str(s: &str) -> Result<StateMachine, Error> {
    let parsed = parse_lenient(s);
    match (parsed.machine, parsed.errors.into_iter().next()) {
        (Some(m), None) => Ok(m),
        (_, Some(e)) => Err(e),
        (None, None) => Err(Error::new(
            Category::Data,
            "/".to_owned(),
            "definition must be a JSON object".to_owned(),
        )),
    }
}

/// Parses a definition from JSON bytes, which must be UTF-8.
pub fn from_slice(b: &[u8]) -> Result<StateMachine, Error> {
    match std::str::from_utf8(b) {
        Ok(s) => from_str(s),
        Err(e) => {
            let at = crate::locate::position(
                std::str::from_utf8(b.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or(""),
                e.valid_up_to(),
            );
            Err(Error::new(
                Category::Syntax,
                "/".to_owned(),
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            )
            .at(at.line, at.column))
        }
    }
}

/// Converts a JSON value into the model. Errors carry a pointer but no line
/// or column.
pub fn from_value(v: Value) -> Result<StateMachine, Error> {
    let mut cx = Cx::default();
    let m = crate::machine::read(&mut cx, v);
    match (m, cx.errors.into_iter().next()) {
        (Some(m), None) => Ok(m),
        (_, Some(e)) => Err(e),
        (None, None) => Err(Error::new(
            Category::Data,
            "/".to_owned(),
            "definition must be a JSON object".to_owned(),
        )),
    }
}

/// The result of [`parse_lenient`]: the model as far as it could be read,
/// and every problem found on the way.
#[derive(Debug)]
pub struct Lenient {
    /// The machine, when the text was JSON with an object at the top. Values
    /// that could not be read are replaced by defaults (a broken state by an
    /// empty `Pass`); do not serialize it when `errors` is not empty.
    pub machine: Option<StateMachine>,
    /// Every problem, in document order, each with pointer, line and column.
    pub errors: Vec<Error>,
}

/// Parses as much as possible and reports every problem, not just the first.
///
/// ```
/// let r = asl_core::parse_lenient(r#"{"StartAt": "A", "States": {
///   "A": {"Type": "Wait", "Seconds": -1, "Next": "B"},
///   "B": {"Type": "Task", "End": true}}}"#);
/// let pointers: Vec<_> = r.errors.iter().map(|e| e.pointer()).collect();
/// assert_eq!(pointers, ["/States/A/Seconds", "/States/B"]);
/// ```
pub fn parse_lenient(s: &str) -> Lenient {
    let duplicates = std::cell::Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(s);
    let parsed = serde::de::DeserializeSeed::deserialize(ValueSeed(&duplicates), &mut de)
        .and_then(|v| de.end().map(|()| v));
    let value: Value = match parsed {
        Ok(v) => v,
        Err(e) => {
            let category = if e.to_string().contains("recursion limit") {
                Category::Limit
            } else {
                Category::Syntax
            };
            let msg = e.to_string();
            // serde_json appends " at line L column C"; keep the message only.
            let mut msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.as_str(), |(m, _)| m)
                .to_owned();
            if category == Category::Limit {
                msg = "the document nests deeper than 128 levels of arrays and objects (recursion limit exceeded)".to_owned();
            }
            return Lenient {
                machine: None,
                errors: vec![Error::new(category, "/".to_owned(), msg).at(e.line(), e.column())],
            };
        }
    };
    let mut cx = Cx::default();
    if duplicates.get() {
        for (pointer, at) in crate::locate::duplicate_keys(s) {
            let key = crate::pointer::tokens(&pointer).pop().unwrap_or_default();
            cx.errors.push(
                Error::new(
                    Category::Data,
                    pointer,
                    format!(
                        "duplicate key {key:?}: JSON leaves duplicates undefined and the last one would silently win; rename or remove one"
                    ),
                )
                .at(at.line, at.column),
            );
        }
    }
    let machine = crate::machine::read(&mut cx, value);
    let found = crate::locate::locate_many(s, cx.errors.iter().map(Error::pointer));
    let mut errors: Vec<Error> = cx
        .errors
        .into_iter()
        .map(|e| match found.get(e.pointer()) {
            Some(p) if e.line() == 0 => e.at(p.line, p.column),
            _ => e,
        })
        .collect();
    // Document order; errors without a position keep their place at the end.
    errors.sort_by_key(|e| match e.line() {
        0 => (usize::MAX, 0),
        l => (l, e.column()),
    });
    Lenient { machine, errors }
}

impl std::str::FromStr for StateMachine {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        from_str(s)
    }
}

impl<'de> serde::Deserialize<'de> for StateMachine {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        from_value(v).map_err(serde::de::Error::custom)
    }
}

/// Builds a `serde_json::Value` exactly as serde_json does, but notices when
/// an object repeats a key (serde_json keeps the last one silently).
struct ValueSeed<'a>(&'a std::cell::Cell<bool>);

impl<'de> serde::de::DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element_seed(ValueSeed(self.0))? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = JsonMap::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(ValueSeed(self.0))?;
            if out.insert(k, v).is_some() {
                self.0.set(true);
            }
        }
        Ok(Value::Object(out))
    }
}
