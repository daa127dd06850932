//! The Choice state and its rules (§3 of the reference: comparison operators
//! and `And`/`Or`/`Not` in JSONPath, `Condition` in JSONata).

use crate::de::Cx;
use crate::json::Json;
use crate::pointer::Loc;
use crate::vocabulary::kinds::*;
use crate::vocabulary::{Language, Member, ValueKind};
use crate::{Assign, Dynamic, Jsonata, Path, ReferencePath, UnknownFields};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Number, Value};
use typed_builder::TypedBuilder;

crate::asl_object! {
/// A Choice state: picks the `Next` state of the first rule that matches, or
/// `Default`.
///
/// ```
/// use asl_core::{Choice, ChoiceRule, Comparator, Comparison};
/// let choice = Choice::builder()
///     .choices(vec![ChoiceRule::jsonpath(
///         Comparison::new("$.status", Comparator::StringEquals("DONE".into())),
///         "Finish",
///     )])
///     .default("Poll")
///     .build();
/// let json = serde_json::to_value(&choice).unwrap();
/// assert_eq!(json["Choices"][0]["StringEquals"], "DONE");
/// assert_eq!(json["Default"], "Poll");
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct Choice {
    ..head,
    /// `Choices`: the rules, tried in order (at least one).
    choices: Vec<ChoiceRule> = req("Choices", List<ChoiceRule>),
    /// `Default`: the state to go to when no rule matches.
    default: Option<String> = opt("Default", StateName),
    /// `InputPath` (JSONPath).
    input_path: Option<Option<Path>> = opt("InputPath", NullablePath, JsonPath),
    /// `OutputPath` (JSONPath).
    output_path: Option<Option<Path>> = opt("OutputPath", NullablePath, JsonPath),
    /// `Output` (JSONata): used when the `Default` branch is taken.
    output: Option<Value> = opt("Output", AnyJson, Jsonata),
    /// `Assign`: used when the `Default` branch is taken.
    assign: Option<Assign> = opt("Assign", Variables),
}
}

crate::asl_object! {
/// A top-level Choice Rule: a condition and the `Next` state to go to when it
/// holds.
///
/// A JSONPath rule with a nested `And` and `Not`, and a JSONata rule with a
/// `Condition`:
///
/// ```
/// use asl_core::{BoolExpr, ChoiceRule, Comparator, Comparison, Jsonata};
/// use serde_json::json;
///
/// // $.status == "DONE" and not ($.retries > 3)
/// let rule = ChoiceRule::jsonpath(
///     BoolExpr::And(vec![
///         Comparison::new("$.status", Comparator::StringEquals("DONE".into())).into(),
///         BoolExpr::Not(Box::new(
///             Comparison::new("$.retries", Comparator::NumericGreaterThan(3.into())).into(),
///         ))
///         .into(),
///     ]),
///     "Finish",
/// );
/// assert_eq!(
///     serde_json::to_value(&rule).unwrap(),
///     json!({
///         "And": [
///             {"Variable": "$.status", "StringEquals": "DONE"},
///             {"Not": {"Variable": "$.retries", "NumericGreaterThan": 3}}
///         ],
///         "Next": "Finish"
///     })
/// );
///
/// let rule = ChoiceRule::jsonata(Jsonata::new("$states.input.count > 10"), "Large");
/// assert_eq!(
///     serde_json::to_value(&rule).unwrap(),
///     json!({"Condition": "{% $states.input.count > 10 %}", "Next": "Large"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct ChoiceRule {
    /// `Comment`.
    comment: Option<String> = opt("Comment", Text),
    /// The condition: JSONPath operators, or a JSONata `Condition`.
    condition: Condition = special,
    /// `Next`: the state to go to when the condition holds.
    next: String = req("Next", StateName),
    /// `Output` (JSONata): the output when this rule matches.
    output: Option<Value> = opt("Output", AnyJson, Jsonata),
    /// `Assign`: variables to set when this rule matches.
    assign: Option<Assign> = opt("Assign", Variables),
}
}

impl ChoiceRule {
    /// A JSONPath rule: `condition` then `next`.
    pub fn jsonpath(condition: impl Into<BoolExpr>, next: impl Into<String>) -> Self {
        ChoiceRule::builder()
            .condition(Condition::JsonPath(condition.into()))
            .next(next)
            .build()
    }

    /// A JSONata rule: `{"Condition": "{% … %}", "Next": …}`.
    pub fn jsonata(condition: Jsonata, next: impl Into<String>) -> Self {
        ChoiceRule::builder()
            .condition(Condition::Jsonata(Dynamic::Jsonata(condition)))
            .next(next)
            .build()
    }
}

/// The condition of a [`ChoiceRule`].
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum Condition {
    /// `Condition` (JSONata): a `{% %}` expression or a boolean literal.
    #[serde(rename = "Condition")]
    Jsonata(Dynamic<bool>),
    /// A JSONPath boolean expression (comparison, `And`, `Or`, `Not`).
    #[serde(untagged)]
    JsonPath(BoolExpr),
}

impl From<BoolExpr> for Condition {
    fn from(e: BoolExpr) -> Self {
        Condition::JsonPath(e)
    }
}

/// A JSONPath boolean expression: one comparison, or `And`/`Or`/`Not` of
/// nested rules.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum BoolExpr {
    /// `And`: every nested rule holds (at least one rule).
    And(Vec<NestedRule>),
    /// `Or`: some nested rule holds (at least one rule).
    Or(Vec<NestedRule>),
    /// `Not`: the nested rule does not hold.
    Not(Box<NestedRule>),
    /// `Variable` with one comparison operator.
    #[serde(untagged)]
    Compare(Comparison),
}

impl BoolExpr {
    /// The operator as written: `And`, `Or`, `Not` or the comparison's.
    ///
    /// ```
    /// use asl_core::{BoolExpr, Comparator, Comparison};
    /// let e = BoolExpr::from(Comparison::new("$.n", Comparator::IsPresent(true)));
    /// assert_eq!(e.operator(), "IsPresent");
    /// ```
    pub fn operator(&self) -> &'static str {
        match self {
            BoolExpr::And(_) => "And",
            BoolExpr::Or(_) => "Or",
            BoolExpr::Not(_) => "Not",
            BoolExpr::Compare(c) => c.operator.name(),
        }
    }

    /// This expression and every rule nested in it, parents first and in
    /// document order, each with its JSON pointer: `base` for this one,
    /// `{base}/And/0`, `{base}/Not`, … below it.
    ///
    /// ```
    /// use asl_core::{BoolExpr, Comparator, Comparison, NestedRule};
    /// let rule = BoolExpr::Not(Box::new(NestedRule::from(BoolExpr::from(Comparison::new(
    ///     "$.done",
    ///     Comparator::BooleanEquals(true),
    /// )))));
    /// let pointers: Vec<String> = rule.walk("/States/C/Choices/0").into_iter().map(|(p, _)| p).collect();
    /// assert_eq!(pointers, ["/States/C/Choices/0", "/States/C/Choices/0/Not"]);
    /// ```
    pub fn walk(&self, base: &str) -> Vec<(String, &BoolExpr)> {
        let mut out = Vec::new();
        let mut stack = vec![(base.to_owned(), self)];
        while let Some((at, e)) = stack.pop() {
            match e {
                BoolExpr::And(rules) | BoolExpr::Or(rules) => {
                    let op = if matches!(e, BoolExpr::And(_)) {
                        "And"
                    } else {
                        "Or"
                    };
                    for (i, r) in rules.iter().enumerate().rev() {
                        stack.push((format!("{at}/{op}/{i}"), &r.expr));
                    }
                }
                BoolExpr::Not(r) => stack.push((format!("{at}/Not"), &r.expr)),
                BoolExpr::Compare(_) => {}
            }
            out.push((at, e));
        }
        out
    }
}

impl From<Comparison> for BoolExpr {
    fn from(c: Comparison) -> Self {
        BoolExpr::Compare(c)
    }
}

/// A rule inside `And`, `Or` or `Not`: like a top-level rule, without `Next`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct NestedRule {
    /// `Comment`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The expression.
    #[serde(flatten)]
    pub expr: BoolExpr,
    /// Fields the model does not know.
    #[serde(flatten)]
    #[schemars(skip)]
    pub unknown_fields: UnknownFields,
}

impl<T: Into<BoolExpr>> From<T> for NestedRule {
    fn from(e: T) -> Self {
        NestedRule {
            comment: None,
            expr: e.into(),
            unknown_fields: UnknownFields::new(),
        }
    }
}

/// `Variable` and one comparison operator.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct Comparison {
    /// `Variable`: the value to test (a Path; `$$` and `$var` allowed).
    pub variable: Path,
    /// The operator and its operand.
    #[serde(flatten)]
    pub operator: Comparator,
}

impl Comparison {
    /// `Variable` compared with `operator`.
    pub fn new(variable: impl Into<Path>, operator: Comparator) -> Self {
        Comparison {
            variable: variable.into(),
            operator,
        }
    }
}

/// A member of a Choice Rule's condition.
const fn member(json: &'static str, kind: ValueKind, language: Language) -> Member {
    Member {
        json,
        variant: None,
        kind,
        language,
    }
}

macro_rules! comparators {
    ($( $(#[$doc:meta])* $name:ident($ty:ty) ),* $(,)?) => {
        /// A comparison operator with its operand. Each `*Path` operator
        /// compares with the value at a reference path instead of a literal.
        #[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
        pub enum Comparator {
            $( $(#[$doc])* $name($ty), )*
        }

        impl Comparator {
            /// Every operator name, as written in ASL.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The operator name as written in ASL.
            pub fn name(&self) -> &'static str {
                match self {
                    $( Comparator::$name(_) => stringify!($name), )*
                }
            }

            /// The members of a Choice Rule's condition: `Condition`
            /// (JSONata), then `Variable`, `And`, `Or`, `Not` and every
            /// operator (JSONPath).
            pub(crate) const CONDITION_MEMBERS: &'static [Member] = &[
                member("Condition", ValueKind::DynamicBoolean, Language::Jsonata),
                member("Variable", ValueKind::Path, Language::JsonPath),
                member("And", ValueKind::Rules, Language::JsonPath),
                member("Or", ValueKind::Rules, Language::JsonPath),
                member("Not", ValueKind::Rules, Language::JsonPath),
                $( member(
                    stringify!($name),
                    ValueKind::Comparison(<$ty as Operand>::KIND),
                    Language::JsonPath,
                ), )*
            ];

            /// Reads the operand of the operator `name`.
            pub(crate) fn read_operand(
                cx: &mut Cx,
                name: &str,
                v: Json,
                loc: Loc<'_>,
            ) -> Option<Comparator> {
                match name {
                    $( stringify!($name) => <$ty as Operand>::read(cx, v, loc).map(Comparator::$name), )*
                    _ => None,
                }
            }
        }
    };
}

comparators! {
    /// `StringEquals`.
    StringEquals(String),
    /// `StringEqualsPath`.
    StringEqualsPath(ReferencePath),
    /// `StringLessThan`.
    StringLessThan(String),
    /// `StringLessThanPath`.
    StringLessThanPath(ReferencePath),
    /// `StringGreaterThan`.
    StringGreaterThan(String),
    /// `StringGreaterThanPath`.
    StringGreaterThanPath(ReferencePath),
    /// `StringLessThanEquals`.
    StringLessThanEquals(String),
    /// `StringLessThanEqualsPath`.
    StringLessThanEqualsPath(ReferencePath),
    /// `StringGreaterThanEquals`.
    StringGreaterThanEquals(String),
    /// `StringGreaterThanEqualsPath`.
    StringGreaterThanEqualsPath(ReferencePath),
    /// `StringMatches`: `*` matches any run of characters; `\\*` is a literal star.
    StringMatches(String),
    /// `NumericEquals`.
    NumericEquals(Number),
    /// `NumericEqualsPath`.
    NumericEqualsPath(ReferencePath),
    /// `NumericLessThan`.
    NumericLessThan(Number),
    /// `NumericLessThanPath`.
    NumericLessThanPath(ReferencePath),
    /// `NumericGreaterThan`.
    NumericGreaterThan(Number),
    /// `NumericGreaterThanPath`.
    NumericGreaterThanPath(ReferencePath),
    /// `NumericLessThanEquals`.
    NumericLessThanEquals(Number),
    /// `NumericLessThanEqualsPath`.
    NumericLessThanEqualsPath(ReferencePath),
    /// `NumericGreaterThanEquals`.
    NumericGreaterThanEquals(Number),
    /// `NumericGreaterThanEqualsPath`.
    NumericGreaterThanEqualsPath(ReferencePath),
    /// `BooleanEquals`.
    BooleanEquals(bool),
    /// `BooleanEqualsPath`.
    BooleanEqualsPath(ReferencePath),
    /// `TimestampEquals`: an RFC 3339 timestamp.
    TimestampEquals(String),
    /// `TimestampEqualsPath`.
    TimestampEqualsPath(ReferencePath),
    /// `TimestampLessThan`.
    TimestampLessThan(String),
    /// `TimestampLessThanPath`.
    TimestampLessThanPath(ReferencePath),
    /// `TimestampGreaterThan`.
    TimestampGreaterThan(String),
    /// `TimestampGreaterThanPath`.
    TimestampGreaterThanPath(ReferencePath),
    /// `TimestampLessThanEquals`.
    TimestampLessThanEquals(String),
    /// `TimestampLessThanEqualsPath`.
    TimestampLessThanEqualsPath(ReferencePath),
    /// `TimestampGreaterThanEquals`.
    TimestampGreaterThanEquals(String),
    /// `TimestampGreaterThanEqualsPath`.
    TimestampGreaterThanEqualsPath(ReferencePath),
    /// `IsNull`.
    IsNull(bool),
    /// `IsPresent`.
    IsPresent(bool),
    /// `IsNumeric`.
    IsNumeric(bool),
    /// `IsString`.
    IsString(bool),
    /// `IsBoolean`.
    IsBoolean(bool),
    /// `IsTimestamp`.
    IsTimestamp(bool),
}

impl Comparator {
    /// The reference path of a `…Path` operator (`StringEqualsPath`,
    /// `NumericLessThanPath`, …); `None` for the literal ones.
    ///
    /// ```
    /// use asl_core::Comparator;
    /// let c = Comparator::NumericLessThanPath("$.limit".into());
    /// assert_eq!(c.path_operand().map(|p| p.as_str()), Some("$.limit"));
    /// assert!(Comparator::NumericLessThan(3.into()).path_operand().is_none());
    /// ```
    pub fn path_operand(&self) -> Option<&ReferencePath> {
        use Comparator as C;
        match self {
            C::StringEqualsPath(p)
            | C::StringLessThanPath(p)
            | C::StringGreaterThanPath(p)
            | C::StringLessThanEqualsPath(p)
            | C::StringGreaterThanEqualsPath(p)
            | C::NumericEqualsPath(p)
            | C::NumericLessThanPath(p)
            | C::NumericGreaterThanPath(p)
            | C::NumericLessThanEqualsPath(p)
            | C::NumericGreaterThanEqualsPath(p)
            | C::BooleanEqualsPath(p)
            | C::TimestampEqualsPath(p)
            | C::TimestampLessThanPath(p)
            | C::TimestampGreaterThanPath(p)
            | C::TimestampLessThanEqualsPath(p)
            | C::TimestampGreaterThanEqualsPath(p) => Some(p),
            _ => None,
        }
    }

    /// The literal string of a `String…` or `Timestamp…` operator that has a
    /// `…Path` twin (`StringMatches` has none); `None` for the others.
    ///
    /// ```
    /// use asl_core::Comparator;
    /// assert_eq!(Comparator::TimestampEquals("2024-01-01T00:00:00Z".into()).string_operand(), Some("2024-01-01T00:00:00Z"));
    /// assert_eq!(Comparator::StringMatches("a*".into()).string_operand(), None);
    /// ```
    pub fn string_operand(&self) -> Option<&str> {
        use Comparator as C;
        match self {
            C::StringEquals(s)
            | C::StringLessThan(s)
            | C::StringGreaterThan(s)
            | C::StringLessThanEquals(s)
            | C::StringGreaterThanEquals(s)
            | C::TimestampEquals(s)
            | C::TimestampLessThan(s)
            | C::TimestampGreaterThan(s)
            | C::TimestampLessThanEquals(s)
            | C::TimestampGreaterThanEquals(s) => Some(s),
            _ => None,
        }
    }
}
