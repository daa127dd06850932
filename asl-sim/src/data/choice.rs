//! JSONPath Choice rules.
//!
//! A comparison on a value of the wrong type is false, never an error. A
//! `Variable` (or `…Path` operand) that finds nothing fails the state with
//! `States.Runtime`, except under `IsPresent`.

use super::path::{self, compare_numbers, PathFail};
use super::{parse_timestamp, Scope};
use crate::Failure;
use asl_core::{BoolExpr, Comparator, Comparison};
use serde_json::{Number, Value};
use std::cmp::Ordering;

/// How deeply `And`/`Or`/`Not` may nest (definitions come from JSON, whose
/// parser stops at 128 levels; this bounds rules built in code).
const MAX_RULE_DEPTH: usize = 256;

/// Evaluates a rule.
pub(crate) fn evaluate(rule: &BoolExpr, scope: &Scope<'_>) -> Result<bool, Failure> {
    eval(rule, scope, 0)
}

fn eval(rule: &BoolExpr, scope: &Scope<'_>, depth: usize) -> Result<bool, Failure> {
    if depth > MAX_RULE_DEPTH {
        return Err(Failure::runtime("The Choice rule is nested too deeply."));
    }
    match rule {
        BoolExpr::And(rules) => {
            for r in rules {
                if !eval(&r.expr, scope, depth + 1)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        BoolExpr::Or(rules) => {
            for r in rules {
                if eval(&r.expr, scope, depth + 1)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        BoolExpr::Not(r) => Ok(!eval(&r.expr, scope, depth + 1)?),
        BoolExpr::Compare(c) => compare(c, scope),
    }
}

/// The value at `text`: `Ok(None)` when the path finds nothing.
fn lookup(text: &str, scope: &Scope<'_>) -> Result<Option<Value>, Failure> {
    let parsed = super::parse_path(scope, text)
        .map_err(|e| Failure::runtime(format!("Invalid path '{text}' : {}", e.message())))?;
    match path::select(&parsed, scope) {
        Ok(v) => Ok(Some(v)),
        Err(PathFail::NotFound(_)) => Ok(None),
        Err(PathFail::Fatal(message)) => Err(Failure::runtime(message)),
    }
}

/// The value at `text`, which must exist (AWS's text when it does not:
/// `Invalid path '$.x': The choice state's condition path references an
/// invalid value.`, for a `Variable` and a `…Path` operand alike).
fn required(text: &str, scope: &Scope<'_>) -> Result<Value, Failure> {
    let parsed = super::parse_path(scope, text)
        .map_err(|e| Failure::runtime(format!("Invalid path '{text}' : {}", e.message())))?;
    path::select(&parsed, scope).map_err(|fail| match fail {
        PathFail::Fatal(message) => Failure::runtime(message),
        PathFail::NotFound(_) => Failure::runtime(format!(
            "Invalid path '{text}': The choice state's condition path references an invalid value."
        )),
    })
}

/// Strings compare as Java's `String.compareTo` does: by UTF-16 units.
fn compare_strings(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Which comparison an operator makes.
#[derive(Clone, Copy)]
enum Test {
    Eq,
    Lt,
    Gt,
    Le,
    Ge,
}

impl Test {
    fn holds(self, order: Ordering) -> bool {
        match self {
            Test::Eq => order == Ordering::Equal,
            Test::Lt => order == Ordering::Less,
            Test::Gt => order == Ordering::Greater,
            Test::Le => order != Ordering::Greater,
            Test::Ge => order != Ordering::Less,
        }
    }
}

/// The family of a comparison operator.
#[derive(Clone, Copy)]
enum Family {
    String,
    Numeric,
    Boolean,
    Timestamp,
}

fn ordered(family: Family, test: Test, left: &Value, right: &Value) -> bool {
    let order = match (family, left, right) {
        (Family::String, Value::String(a), Value::String(b)) => Some(compare_strings(a, b)),
        (Family::Numeric, Value::Number(a), Value::Number(b)) => compare_numbers(a, b),
        (Family::Boolean, Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        (Family::Timestamp, Value::String(a), Value::String(b)) => {
            match (parse_timestamp(a), parse_timestamp(b)) {
                (Some(x), Some(y)) => Some(x.cmp(&y)),
                _ => None,
            }
        }
        _ => None,
    };
    order.is_some_and(|o| test.holds(o))
}

/// `*` matches any run of characters (also none); `\*` is a literal `*`
/// and `\\` a literal `\`; the whole string must match.
pub(crate) fn string_matches(pattern: &str, s: &str) -> bool {
    // The pattern as literal pieces between stars.
    let mut pieces: Vec<String> = vec![String::new()];
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    if let Some(last) = pieces.last_mut() {
                        last.push(next);
                    }
                }
            }
            '*' => pieces.push(String::new()),
            other => {
                if let Some(last) = pieces.last_mut() {
                    last.push(other);
                }
            }
        }
    }
    let Some((first, rest)) = pieces.split_first() else {
        return s.is_empty();
    };
    let Some(mut remaining) = s.strip_prefix(first.as_str()) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return remaining.is_empty(); // no star at all
    };
    for piece in middle {
        match remaining.find(piece.as_str()) {
            Some(at) => remaining = remaining.get(at + piece.len()..).unwrap_or(""),
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last.as_str())
}

fn literal_number(n: &Number) -> Value {
    Value::Number(n.clone())
}

/// The `match` over a Choice comparator: per family (its literal operand
/// converted by the expression given), each operator and its `…Path` form
/// with the test they apply; then the other arms, as written.
macro_rules! comparisons {
    ($op:expr, $literal:ident, $by_path:ident;
        $($family:ident($x:ident => $operand:expr) {
            $($lit:ident, $path:ident: $test:ident;)*
        })*
    | $($rest:tt)*) => {
        match $op {
            $($(
                Comparator::$lit($x) => $literal(Family::$family, Test::$test, $operand),
                Comparator::$path(p) => $by_path(Family::$family, Test::$test, p.as_str()),
            )*)*
            $($rest)*
        }
    };
}

fn compare(c: &Comparison, scope: &Scope<'_>) -> Result<bool, Failure> {
    use Comparator as C;
    let variable = c.variable.as_str();
    let value = lookup(variable, scope)?;
    if let C::IsPresent(expected) = c.operator {
        return Ok(value.is_some() == expected);
    }
    let Some(value) = value else {
        // Let `required` write AWS's message for the missing value.
        return required(variable, scope).map(|_| false);
    };
    let literal =
        |family: Family, test: Test, right: Value| Ok(ordered(family, test, &value, &right));
    let by_path = |family: Family, test: Test, path: &str| -> Result<bool, Failure> {
        let right = required(path, scope)?;
        Ok(ordered(family, test, &value, &right))
    };
    comparisons!(&c.operator, literal, by_path;
        String(s => Value::String(s.clone())) {
            StringEquals, StringEqualsPath: Eq;
            StringLessThan, StringLessThanPath: Lt;
            StringGreaterThan, StringGreaterThanPath: Gt;
            StringLessThanEquals, StringLessThanEqualsPath: Le;
            StringGreaterThanEquals, StringGreaterThanEqualsPath: Ge;
        }
        Numeric(n => literal_number(n)) {
            NumericEquals, NumericEqualsPath: Eq;
            NumericLessThan, NumericLessThanPath: Lt;
            NumericGreaterThan, NumericGreaterThanPath: Gt;
            NumericLessThanEquals, NumericLessThanEqualsPath: Le;
            NumericGreaterThanEquals, NumericGreaterThanEqualsPath: Ge;
        }
        Boolean(b => Value::Bool(*b)) {
            BooleanEquals, BooleanEqualsPath: Eq;
        }
        Timestamp(s => Value::String(s.clone())) {
            TimestampEquals, TimestampEqualsPath: Eq;
            TimestampLessThan, TimestampLessThanPath: Lt;
            TimestampGreaterThan, TimestampGreaterThanPath: Gt;
            TimestampLessThanEquals, TimestampLessThanEqualsPath: Le;
            TimestampGreaterThanEquals, TimestampGreaterThanEqualsPath: Ge;
        }
    |
        C::StringMatches(pattern) => Ok(value.as_str().is_some_and(|s| string_matches(pattern, s))),
        C::IsNull(expected) => Ok(value.is_null() == *expected),
        C::IsPresent(expected) => Ok(*expected),
        C::IsNumeric(expected) => Ok(value.is_number() == *expected),
        C::IsString(expected) => Ok(value.is_string() == *expected),
        C::IsBoolean(expected) => Ok(value.is_boolean() == *expected),
        C::IsTimestamp(expected) => {
            let is = value.as_str().is_some_and(|s| parse_timestamp(s).is_some());
            Ok(is == *expected)
        }
    )
}
