//! Conditions for Choice rules, as functions: one per JSONPath comparison
//! operator, `and` / `or` / `not`, and [`jsonata`] for a JSONata
//! `Condition`. Each returns the model's own types ([`BoolExpr`],
//! [`Condition`]), so they go wherever a condition does: [`ChoiceRule::jsonpath`](crate::ChoiceRule::jsonpath),
//! [`Choices::when`](crate::Choices::when).
//!
//! ```
//! use asl_core::condition::{and, is_present, not, numeric_greater_than, string_equals};
//! use asl_core::ChoiceRule;
//! use serde_json::json;
//!
//! let rule = ChoiceRule::jsonpath(
//!     and([
//!         is_present("$.order", true),
//!         string_equals("$.order.status", "PAID"),
//!         not(numeric_greater_than("$.order.total", 1000)),
//!     ]),
//!     "Ship",
//! );
//! assert_eq!(
//!     serde_json::to_value(&rule).unwrap(),
//!     json!({"And": [
//!         {"Variable": "$.order", "IsPresent": true},
//!         {"Variable": "$.order.status", "StringEquals": "PAID"},
//!         {"Not": {"Variable": "$.order.total", "NumericGreaterThan": 1000}}
//!     ], "Next": "Ship"})
//! );
//! ```
//!
//! Paths are not checked here: `build()` runs the validator, which reports
//! a malformed `Variable` or operand path with its location.

use crate::{BoolExpr, Comparator, Comparison, Condition, Dynamic, Jsonata, NestedRule};
use crate::{Path, ReferencePath};
use serde_json::Number;

macro_rules! operators {
    ($($operand:ident { $( $(#[$doc:meta])* $name:ident => $variant:ident, )* })*) => {$($(
        $(#[$doc])*
        pub fn $name(variable: impl Into<Path>, value: operators!(@ty $operand)) -> BoolExpr {
            BoolExpr::Compare(Comparison::new(
                variable,
                Comparator::$variant(operators!(@value $operand, value)),
            ))
        }
    )*)*};
    (@ty text) => { impl Into<String> };
    (@ty number) => { impl Into<Number> };
    (@ty boolean) => { bool };
    (@ty path) => { impl Into<ReferencePath> };
    (@value text, $v:ident) => { $v.into() };
    (@value number, $v:ident) => { $v.into() };
    (@value boolean, $v:ident) => { $v };
    (@value path, $v:ident) => { $v.into() };
}

operators! {
    text {
        /// `StringEquals`: the string at `variable` equals `value`.
        string_equals => StringEquals,
        /// `StringLessThan`.
        string_less_than => StringLessThan,
        /// `StringGreaterThan`.
        string_greater_than => StringGreaterThan,
        /// `StringLessThanEquals`.
        string_less_than_equals => StringLessThanEquals,
        /// `StringGreaterThanEquals`.
        string_greater_than_equals => StringGreaterThanEquals,
        /// `StringMatches`: a pattern where `*` matches any run of characters
        /// (`\*` and `\\` escape).
        string_matches => StringMatches,
        /// `TimestampEquals`: `value` is an RFC 3339 timestamp.
        timestamp_equals => TimestampEquals,
        /// `TimestampLessThan`.
        timestamp_less_than => TimestampLessThan,
        /// `TimestampGreaterThan`.
        timestamp_greater_than => TimestampGreaterThan,
        /// `TimestampLessThanEquals`.
        timestamp_less_than_equals => TimestampLessThanEquals,
        /// `TimestampGreaterThanEquals`.
        timestamp_greater_than_equals => TimestampGreaterThanEquals,
    }
    number {
        /// `NumericEquals` (an integer here; a float is
        /// `serde_json::Number::from_f64(2.5)`, which refuses NaN and infinities).
        numeric_equals => NumericEquals,
        /// `NumericLessThan`.
        numeric_less_than => NumericLessThan,
        /// `NumericGreaterThan`.
        numeric_greater_than => NumericGreaterThan,
        /// `NumericLessThanEquals`.
        numeric_less_than_equals => NumericLessThanEquals,
        /// `NumericGreaterThanEquals`.
        numeric_greater_than_equals => NumericGreaterThanEquals,
    }
    boolean {
        /// `BooleanEquals`.
        boolean_equals => BooleanEquals,
        /// `IsNull`: whether the value at `variable` is `null` (`value: true`)
        /// or not (`false`).
        is_null => IsNull,
        /// `IsPresent`: whether `variable` exists in the input.
        is_present => IsPresent,
        /// `IsNumeric`.
        is_numeric => IsNumeric,
        /// `IsString`.
        is_string => IsString,
        /// `IsBoolean`.
        is_boolean => IsBoolean,
        /// `IsTimestamp`.
        is_timestamp => IsTimestamp,
    }
    path {
        /// `StringEqualsPath`: compares with the string at another path.
        string_equals_path => StringEqualsPath,
        /// `StringLessThanPath`.
        string_less_than_path => StringLessThanPath,
        /// `StringGreaterThanPath`.
        string_greater_than_path => StringGreaterThanPath,
        /// `StringLessThanEqualsPath`.
        string_less_than_equals_path => StringLessThanEqualsPath,
        /// `StringGreaterThanEqualsPath`.
        string_greater_than_equals_path => StringGreaterThanEqualsPath,
        /// `NumericEqualsPath`.
        numeric_equals_path => NumericEqualsPath,
        /// `NumericLessThanPath`.
        numeric_less_than_path => NumericLessThanPath,
        /// `NumericGreaterThanPath`.
        numeric_greater_than_path => NumericGreaterThanPath,
        /// `NumericLessThanEqualsPath`.
        numeric_less_than_equals_path => NumericLessThanEqualsPath,
        /// `NumericGreaterThanEqualsPath`.
        numeric_greater_than_equals_path => NumericGreaterThanEqualsPath,
        /// `BooleanEqualsPath`.
        boolean_equals_path => BooleanEqualsPath,
        /// `TimestampEqualsPath`.
        timestamp_equals_path => TimestampEqualsPath,
        /// `TimestampLessThanPath`.
        timestamp_less_than_path => TimestampLessThanPath,
        /// `TimestampGreaterThanPath`.
        timestamp_greater_than_path => TimestampGreaterThanPath,
        /// `TimestampLessThanEqualsPath`.
        timestamp_less_than_equals_path => TimestampLessThanEqualsPath,
        /// `TimestampGreaterThanEqualsPath`.
        timestamp_greater_than_equals_path => TimestampGreaterThanEqualsPath,
    }
}

/// `And`: every rule holds. ASL wants at least one rule; `build()` reports
/// an empty list.
pub fn and(rules: impl IntoIterator<Item = BoolExpr>) -> BoolExpr {
    BoolExpr::And(rules.into_iter().map(NestedRule::from).collect())
}

/// `Or`: some rule holds. ASL wants at least one rule; `build()` reports an
/// empty list.
pub fn or(rules: impl IntoIterator<Item = BoolExpr>) -> BoolExpr {
    BoolExpr::Or(rules.into_iter().map(NestedRule::from).collect())
}

/// `Not`: the rule does not hold.
pub fn not(rule: BoolExpr) -> BoolExpr {
    BoolExpr::Not(Box::new(NestedRule::from(rule)))
}

/// A JSONata `Condition`, for a rule of a JSONata state: the expression with
/// or without its `{% %}` delimiters.
///
/// ```
/// use asl_core::{condition, ChoiceRule};
/// let rule = ChoiceRule::builder()
///     .condition(condition::jsonata("$states.input.total > 100"))
///     .next("Review")
///     .build();
/// assert_eq!(
///     serde_json::to_value(&rule).unwrap(),
///     serde_json::json!({"Condition": "{% $states.input.total > 100 %}", "Next": "Review"})
/// );
/// ```
pub fn jsonata(expression: &str) -> Condition {
    let expression = match Jsonata::parse(expression) {
        Some(delimited) => delimited,
        None => Jsonata::new(expression),
    };
    Condition::Jsonata(Dynamic::Jsonata(expression))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;
    use serde_json::json;

    fn json(e: BoolExpr) -> serde_json::Value {
        serde_json::to_value(e).unwrap_or_default()
    }

    #[test]
    fn each_operand_kind_writes_its_operator() {
        assert_eq!(
            json(string_matches("$.name", "log-*")),
            json!({"Variable": "$.name", "StringMatches": "log-*"})
        );
        assert_eq!(
            json(numeric_less_than_equals("$.n", 3)),
            json!({"Variable": "$.n", "NumericLessThanEquals": 3})
        );
        assert_eq!(
            json(is_timestamp("$.at", false)),
            json!({"Variable": "$.at", "IsTimestamp": false})
        );
        assert_eq!(
            json(timestamp_greater_than_path("$.end", "$.start")),
            json!({"Variable": "$.end", "TimestampGreaterThanPath": "$.start"})
        );
        assert_eq!(
            json(or([boolean_equals("$.a", true), is_null("$.b", true)])),
            json!({"Or": [
                {"Variable": "$.a", "BooleanEquals": true},
                {"Variable": "$.b", "IsNull": true}
            ]})
        );
    }

    #[test]
    fn jsonata_keeps_delimiters_once() {
        let delimited = serde_json::to_value(jsonata("{% $x %}")).unwrap_or_default();
        let bare = serde_json::to_value(jsonata("$x")).unwrap_or_default();
        assert_eq!(delimited, bare);
        assert_eq!(delimited, json!({"Condition": "{% $x %}"}));
    }
}
