//! Reading JSON text into the model: the entry points, and the root of the
//! document (the states are read by `asl_model::de`).
//!
//! The text is scanned once (`crate::scan`, serde_json's language exactly):
//! the scan gives the tree the reader converts, the keys repeated in one
//! object, and the position of every value, from which each problem gets
//! its line and column. The reader converts by hand so that every problem
//! gets the JSON pointer of the field at fault, and so that it can go on
//! after a problem and report the rest (the validator uses that). Fields
//! the model does not know are kept in `unknown_fields`: nothing is dropped.

use crate::scan::{self, Spans};
use crate::StateMachine;
use asl_model::de::Cx;
use asl_model::json::Json;
use asl_model::{Category, Error};
use serde_json::Value;

/// Parses a definition from JSON text.
///
/// ```
/// let m = asl_core::from_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)?;
/// assert_eq!(m.start_at, "A");
/// # Ok::<(), asl_core::Error>(())
/// ```
pub fn from_str(s: &str) -> Result<StateMachine, Error> {
    let parsed = parse_lenient(s);
    machine_or_first_error(parsed.machine, parsed.errors)
}

/// The machine read, or the first problem found reading it.
fn machine_or_first_error(
    machine: Option<StateMachine>,
    errors: Vec<Error>,
) -> Result<StateMachine, Error> {
    match (machine, errors.into_iter().next()) {
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
    let m = crate::machine::read(&mut cx, Json::from_value(v));
    machine_or_first_error(m, cx.errors)
}

/// The result of [`parse_lenient`]: the model as far as it could be read,
/// and every problem found on the way.
#[derive(Debug)]
pub struct Lenient {
    /// The machine, when the text was JSON with an object at the top. A value
    /// of the wrong kind (`"Items": "_tbd_"`) is kept, in its object's
    /// `unknown_fields`; other values that could not be read are replaced by
    /// defaults (a broken state by an empty `Pass`). Serialize it only when
    /// [`lossless`](Lenient::lossless) holds.
    pub machine: Option<StateMachine>,
    /// Every problem, in document order, each with pointer, line and column.
    pub errors: Vec<Error>,
    /// Whether `machine` holds everything as written, so that serializing it
    /// loses nothing (only values of the wrong kind went wrong, and each is
    /// kept). `true` when there are no errors.
    pub lossless: bool,
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
    read_text(s, |_| {}).0
}

/// [`parse_lenient`], for the validator: `inspect` sees the document
/// before it is read (when the text is JSON), and the positions of the
/// text's values come back with the result.
pub(crate) fn read_text(s: &str, inspect: impl FnOnce(&Json)) -> (Lenient, Option<Spans>) {
    let parsed = match scan::parse(s) {
        Ok(parsed) => parsed,
        Err(e) => {
            let (category, message) = if e.limit {
                (
                    Category::Limit,
                    "the document nests deeper than 128 levels of arrays and objects (recursion limit exceeded)".to_owned(),
                )
            } else {
                (Category::Syntax, e.message)
            };
            let error = Error::new(category, "/".to_owned(), message).at(e.line, e.column);
            let lenient = Lenient {
                machine: None,
                errors: vec![error],
                lossless: false,
            };
            return (lenient, None);
        }
    };
    let scan::Parsed {
        value,
        spans,
        duplicates,
    } = parsed;
    inspect(&value);
    let mut cx = Cx::default();
    for d in duplicates {
        // The earlier values of a repeated key are not in the model.
        cx.mark_lossy();
        let key = crate::pointer::tokens(&d.pointer).pop().unwrap_or_default();
        cx.errors.push(
            Error::new(
                Category::Data,
                d.pointer,
                format!(
                    "duplicate key {key:?}: JSON leaves duplicates undefined and the last one would silently win; rename or remove one"
                ),
            )
            .at(d.at.line, d.at.column),
        );
    }
    let machine = crate::machine::read(&mut cx, value);
    let mut lossless = machine.is_some() && cx.is_lossless();
    if lossless && !cx.errors.is_empty() {
        // Values of the wrong kind were kept: make sure that writing the
        // machine gives back what was read (the error path only).
        lossless = match (&machine, scan::parse(s)) {
            (Some(m), Ok(again)) => m.to_value() == again.value.into_value(),
            _ => false,
        };
    }
    // The positions of the errors that have none, counted in one pass.
    let offsets: Vec<Option<usize>> = cx
        .errors
        .iter()
        .map(|e| match e.line() {
            0 => spans.offset(e.pointer()),
            _ => None,
        })
        .collect();
    let found: Vec<usize> = offsets.iter().flatten().copied().collect();
    let mut positions = spans.positions_at(&found).into_iter();
    let mut errors: Vec<Error> = cx
        .errors
        .into_iter()
        .zip(offsets)
        .map(
            |(e, offset)| match (offset, offset.and_then(|_| positions.next())) {
                (Some(_), Some(p)) => e.at(p.line, p.column),
                _ => e,
            },
        )
        .collect();
    // Document order; errors without a position keep their place at the end.
    errors.sort_by_key(|e| match e.line() {
        0 => (usize::MAX, 0),
        l => (l, e.column()),
    });
    let lenient = Lenient {
        machine,
        errors,
        lossless,
    };
    (lenient, Some(spans))
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
