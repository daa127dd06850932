//! Intrinsic function calls such as `States.Format('{}', $.name)`.
//!
//! Intrinsics are only available in JSONPath states, as the value of a
//! payload-template key ending in `.$` (and, for the string-returning ones,
//! in a Fail state's `ErrorPath`/`CausePath`).
//!
//! * [`parse`] checks syntax only and gives the call tree.
//! * [`check`] also checks what can be known without running the call:
//!   known function names, arity, literal argument types and values,
//!   `States.Format` placeholder counts and nesting depth.
//! * [`looks_like_call`] tells a call attempt (`States.X(`) from a path.
//!
//! ```
//! use asl_core::intrinsic::{check, IntrinsicFunction};
//!
//! let call = check("States.Format('Hello {}', States.ArrayGetItem($.names, 0))").unwrap();
//! assert_eq!(call.function, Some(IntrinsicFunction::Format));
//! assert_eq!(call.args.len(), 2);
//!
//! let errors = check("States.Hash($.data, 'SHA1')").unwrap_err();
//! assert_eq!(errors[0].offset(), 20);
//! ```

mod parser;

use std::fmt;

use crate::path::ParsedPath;

/// How deeply intrinsic calls may be nested in one field (AWS limit).
pub const MAX_NESTING_DEPTH: usize = 10;

/// The largest array `States.ArrayRange` may produce.
pub const MAX_ARRAY_RANGE_ITEMS: i128 = 1000;

/// The hash algorithms `States.Hash` accepts.
pub const HASH_ALGORITHMS: [&str; 5] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// The intrinsic functions of the Amazon States Language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum IntrinsicFunction {
    /// `States.Format(template, values…)`: fills `{}` placeholders.
    Format,
    /// `States.StringToJson(string)`: parses escaped JSON text.
    StringToJson,
    /// `States.JsonToString(value)`: serialises a value as JSON text.
    JsonToString,
    /// `States.Array(values…)`: builds an array.
    Array,
    /// `States.ArrayPartition(array, size)`: splits an array into chunks.
    ArrayPartition,
    /// `States.ArrayContains(array, value)`: membership test.
    ArrayContains,
    /// `States.ArrayRange(start, end, step)`: integers from start to end inclusive.
    ArrayRange,
    /// `States.ArrayGetItem(array, index)`: one element.
    ArrayGetItem,
    /// `States.ArrayLength(array)`: number of elements.
    ArrayLength,
    /// `States.ArrayUnique(array)`: removes duplicates.
    ArrayUnique,
    /// `States.Base64Encode(string)`.
    Base64Encode,
    /// `States.Base64Decode(string)`.
    Base64Decode,
    /// `States.Hash(data, algorithm)`: hex digest.
    Hash,
    /// `States.JsonMerge(object, object, deep)`: merges two objects.
    JsonMerge,
    /// `States.MathRandom(start, end[, seed])`: a random integer.
    MathRandom,
    /// `States.MathAdd(a, b)`: integer sum.
    MathAdd,
    /// `States.StringSplit(string, delimiters)`: splits into an array.
    StringSplit,
    /// `States.UUID()`: a version 4 UUID.
    Uuid,
}

/// How many arguments a function takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Arity {
    /// The fewest arguments.
    pub min: usize,
    /// The most arguments, or `None` for no limit.
    pub max: Option<usize>,
}

impl Arity {
    /// Whether `n` arguments are allowed.
    pub fn accepts(self, n: usize) -> bool {
        n >= self.min && self.max.is_none_or(|max| n <= max)
    }
}

impl fmt::Display for Arity {
    /// `"2 arguments"`, `"2 or 3 arguments"`, `"at least 1 argument"`, …
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
        match self.max {
            None => write!(f, "at least {} {}", self.min, plural(self.min)),
            Some(max) if max == self.min => write!(f, "{} {}", max, plural(max)),
            Some(max) if max == self.min + 1 => write!(f, "{} or {} arguments", self.min, max),
            Some(max) => write!(f, "{} to {} arguments", self.min, max),
        }
    }
}

/// The kinds of value the checker can tell apart without running anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Any,
    String,
    Number,
    Boolean,
    Array,
    Object,
}

/// What an argument position expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Param {
    Any,
    String,
    Number,
    Integer,
    PositiveInteger,
    NonNegativeInteger,
    Boolean,
    Array,
    Object,
}

impl Param {
    fn describe(self) -> &'static str {
        match self {
            Param::Any => "a value",
            Param::String => "a string",
            Param::Number => "a number",
            Param::Integer => "an integer",
            Param::PositiveInteger => "a positive integer",
            Param::NonNegativeInteger => "an integer of 0 or more",
            Param::Boolean => "true or false",
            Param::Array => "an array",
            Param::Object => "an object",
        }
    }

    fn accepts(self, kind: Kind) -> bool {
        match (self, kind) {
            (Param::Any, _) | (_, Kind::Any) => true,
            (Param::String, k) => k == Kind::String,
            (
                Param::Number | Param::Integer | Param::PositiveInteger | Param::NonNegativeInteger,
                k,
            ) => k == Kind::Number,
            (Param::Boolean, k) => k == Kind::Boolean,
            (Param::Array, k) => k == Kind::Array,
            (Param::Object, k) => k == Kind::Object,
        }
    }
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Any => "a value",
            Kind::String => "a string",
            Kind::Number => "a number",
            Kind::Boolean => "a boolean",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

impl IntrinsicFunction {
    /// Every function, in the order of the AWS documentation.
    pub const ALL: &'static [IntrinsicFunction] = &[
        IntrinsicFunction::Format,
        IntrinsicFunction::StringToJson,
        IntrinsicFunction::JsonToString,
        IntrinsicFunction::Array,
        IntrinsicFunction::ArrayPartition,
        IntrinsicFunction::ArrayContains,
        IntrinsicFunction::ArrayRange,
        IntrinsicFunction::ArrayGetItem,
        IntrinsicFunction::ArrayLength,
        IntrinsicFunction::ArrayUnique,
        IntrinsicFunction::Base64Encode,
        IntrinsicFunction::Base64Decode,
        IntrinsicFunction::Hash,
        IntrinsicFunction::JsonMerge,
        IntrinsicFunction::MathRandom,
        IntrinsicFunction::MathAdd,
        IntrinsicFunction::StringSplit,
        IntrinsicFunction::Uuid,
    ];

    /// The function with this exact (case-sensitive) name, such as
    /// `"States.Format"`.
    ///
    /// ```
    /// use asl_core::intrinsic::IntrinsicFunction;
    ///
    /// assert_eq!(IntrinsicFunction::from_name("States.UUID"), Some(IntrinsicFunction::Uuid));
    /// assert_eq!(IntrinsicFunction::from_name("States.uuid"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The name as written in a definition, such as `"States.Format"`.
    pub fn name(self) -> &'static str {
        match self {
            IntrinsicFunction::Format => "States.Format",
            IntrinsicFunction::StringToJson => "States.StringToJson",
            IntrinsicFunction::JsonToString => "States.JsonToString",
            IntrinsicFunction::Array => "States.Array",
            IntrinsicFunction::ArrayPartition => "States.ArrayPartition",
            IntrinsicFunction::ArrayContains => "States.ArrayContains",
            IntrinsicFunction::ArrayRange => "States.ArrayRange",
            IntrinsicFunction::ArrayGetItem => "States.ArrayGetItem",
            IntrinsicFunction::ArrayLength => "States.ArrayLength",
            IntrinsicFunction::ArrayUnique => "States.ArrayUnique",
            IntrinsicFunction::Base64Encode => "States.Base64Encode",
            IntrinsicFunction::Base64Decode => "States.Base64Decode",
            IntrinsicFunction::Hash => "States.Hash",
            IntrinsicFunction::JsonMerge => "States.JsonMerge",
            IntrinsicFunction::MathRandom => "States.MathRandom",
            IntrinsicFunction::MathAdd => "States.MathAdd",
            IntrinsicFunction::StringSplit => "States.StringSplit",
            IntrinsicFunction::Uuid => "States.UUID",
        }
    }

    /// How many arguments the function takes.
    ///
    /// ```
    /// use asl_core::intrinsic::IntrinsicFunction;
    ///
    /// let arity = IntrinsicFunction::MathRandom.arity();
    /// assert!(arity.accepts(2) && arity.accepts(3) && !arity.accepts(4));
    /// ```
    pub fn arity(self) -> Arity {
        let (min, max) = match self {
            IntrinsicFunction::Format => (1, None),
            IntrinsicFunction::Array => (0, None),
            IntrinsicFunction::Uuid => (0, Some(0)),
            IntrinsicFunction::StringToJson
            | IntrinsicFunction::JsonToString
            | IntrinsicFunction::ArrayLength
            | IntrinsicFunction::ArrayUnique
            | IntrinsicFunction::Base64Encode
            | IntrinsicFunction::Base64Decode => (1, Some(1)),
            IntrinsicFunction::ArrayPartition
            | IntrinsicFunction::ArrayContains
            | IntrinsicFunction::ArrayGetItem
            | IntrinsicFunction::Hash
            | IntrinsicFunction::MathAdd
            | IntrinsicFunction::StringSplit => (2, Some(2)),
            IntrinsicFunction::ArrayRange | IntrinsicFunction::JsonMerge => (3, Some(3)),
            IntrinsicFunction::MathRandom => (2, Some(3)),
        };
        Arity { min, max }
    }

    /// Whether the function always returns a string. Only these may be used
    /// in a Fail state's `ErrorPath` and `CausePath`: `States.Format`,
    /// `States.JsonToString`, `States.ArrayGetItem`, `States.Base64Encode`,
    /// `States.Base64Decode`, `States.Hash` and `States.UUID`.
    ///
    /// (`States.ArrayGetItem` is included because the AWS language service
    /// accepts it there, although the element it returns may be of any type.)
    pub fn returns_string(self) -> bool {
        matches!(
            self,
            IntrinsicFunction::Format
                | IntrinsicFunction::JsonToString
                | IntrinsicFunction::ArrayGetItem
                | IntrinsicFunction::Base64Encode
                | IntrinsicFunction::Base64Decode
                | IntrinsicFunction::Hash
                | IntrinsicFunction::Uuid
        )
    }

    /// What the function returns, as far as checking arguments goes.
    fn returns(self) -> Kind {
        match self {
            IntrinsicFunction::Format
            | IntrinsicFunction::JsonToString
            | IntrinsicFunction::Base64Encode
            | IntrinsicFunction::Base64Decode
            | IntrinsicFunction::Hash
            | IntrinsicFunction::Uuid => Kind::String,
            IntrinsicFunction::StringToJson | IntrinsicFunction::ArrayGetItem => Kind::Any,
            IntrinsicFunction::Array
            | IntrinsicFunction::ArrayPartition
            | IntrinsicFunction::ArrayRange
            | IntrinsicFunction::ArrayUnique
            | IntrinsicFunction::StringSplit => Kind::Array,
            IntrinsicFunction::ArrayContains => Kind::Boolean,
            IntrinsicFunction::ArrayLength
            | IntrinsicFunction::MathRandom
            | IntrinsicFunction::MathAdd => Kind::Number,
            IntrinsicFunction::JsonMerge => Kind::Object,
        }
    }

    /// What argument `index` (0-based) must be.
    fn param(self, index: usize) -> Param {
        match (self, index) {
            (IntrinsicFunction::Format, 0) => Param::String,
            (IntrinsicFunction::Format | IntrinsicFunction::Array | IntrinsicFunction::Uuid, _) => {
                Param::Any
            }
            (IntrinsicFunction::JsonToString, _) => Param::Any,
            (
                IntrinsicFunction::StringToJson
                | IntrinsicFunction::Base64Encode
                | IntrinsicFunction::Base64Decode
                | IntrinsicFunction::Hash
                | IntrinsicFunction::StringSplit,
                _,
            ) => Param::String,
            (IntrinsicFunction::ArrayPartition, 1) => Param::PositiveInteger,
            (IntrinsicFunction::ArrayGetItem, 1) => Param::NonNegativeInteger,
            (IntrinsicFunction::ArrayContains, 1) => Param::Any,
            (
                IntrinsicFunction::ArrayPartition
                | IntrinsicFunction::ArrayContains
                | IntrinsicFunction::ArrayGetItem
                | IntrinsicFunction::ArrayLength
                | IntrinsicFunction::ArrayUnique,
                _,
            ) => Param::Array,
            (IntrinsicFunction::ArrayRange, _) => Param::Integer,
            (IntrinsicFunction::JsonMerge, 2) => Param::Boolean,
            (IntrinsicFunction::JsonMerge, _) => Param::Object,
            (IntrinsicFunction::MathRandom | IntrinsicFunction::MathAdd, _) => Param::Number,
        }
    }
}

impl fmt::Display for IntrinsicFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An intrinsic function call, as returned by [`parse`] and [`check`].
///
/// Offsets are byte offsets into the parsed string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntrinsicCall {
    /// The function name as written, such as `"States.Format"`.
    pub name: String,
    /// The function the name resolves to, or `None` for an unknown name.
    pub function: Option<IntrinsicFunction>,
    /// The arguments, in order.
    pub args: Vec<Argument>,
    /// Where the function name starts.
    pub offset: usize,
    /// Just after the closing `)`.
    pub end: usize,
}

/// One argument of an [`IntrinsicCall`], with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument {
    /// The argument itself.
    pub value: ArgumentValue,
    /// Where the argument starts.
    pub offset: usize,
    /// Just after the argument.
    pub end: usize,
}

/// What an argument is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgumentValue {
    /// A single-quoted string literal, with its escapes resolved.
    String(String),
    /// A number literal.
    Number(NumberLiteral),
    /// `true` or `false`.
    Boolean(bool),
    /// `null`.
    Null,
    /// A path (`$.x`, `$$.x`, `$var`), held to the general path grammar.
    Path(ParsedPath),
    /// A nested call.
    Call(IntrinsicCall),
}

impl ArgumentValue {
    /// A short description for messages: `a string`, `the number 4`, `null`, …
    fn describe(&self) -> String {
        match self {
            ArgumentValue::String(_) => "a string".to_owned(),
            ArgumentValue::Number(n) => format!("the number {}", n.as_str()),
            ArgumentValue::Boolean(b) => b.to_string(),
            ArgumentValue::Null => "null".to_owned(),
            ArgumentValue::Path(_) => "a path".to_owned(),
            ArgumentValue::Call(c) => format!("a call to {}", c.name),
        }
    }
}

/// A number literal, kept as written (`-1`, `2.5`, `1e3`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumberLiteral(String);

impl NumberLiteral {
    pub(crate) fn new(text: &str) -> Self {
        NumberLiteral(text.to_owned())
    }

    /// The literal as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a float.
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok()
    }

    /// The value, if it is a whole number that fits in an `i64` (`2.0` counts).
    pub fn as_i64(&self) -> Option<i64> {
        if let Ok(i) = self.0.parse::<i64>() {
            return Some(i);
        }
        let f = self.as_f64()?;
        // `i64::MAX as f64` rounds up to 2^63, hence the strict upper bound.
        let in_range = f >= i64::MIN as f64 && f < i64::MAX as f64;
        (f.is_finite() && f.fract() == 0.0 && in_range).then_some(f as i64)
    }
}

/// What kind of problem an [`IntrinsicError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IntrinsicErrorKind {
    /// The text is not a well-formed call (includes bad paths and illegal
    /// string escapes).
    Syntax,
    /// The function name is not one of [`IntrinsicFunction::ALL`].
    UnknownFunction,
    /// Too few or too many arguments.
    Arity,
    /// An argument is a literal (or call) of the wrong type.
    ArgumentType,
    /// An argument has the right type but a value the function rejects.
    ArgumentValue,
    /// `States.Format`'s template has a different number of `{}` than values.
    Placeholders,
    /// Calls are nested more than [`MAX_NESTING_DEPTH`] deep.
    Nesting,
}

/// A problem with an intrinsic function call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntrinsicError {
    kind: IntrinsicErrorKind,
    offset: usize,
    message: String,
}

impl IntrinsicError {
    pub(crate) fn new(kind: IntrinsicErrorKind, offset: usize, message: impl Into<String>) -> Self {
        IntrinsicError {
            kind,
            offset,
            message: message.into(),
        }
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> IntrinsicErrorKind {
        self.kind
    }
}

crate::path::error_at_offset!(IntrinsicError);

/// Whether `expr` starts like a call: a (dotted) identifier directly
/// followed by `(`, as in `States.Format(` or `Foo(`.
///
/// Validators use it to decide whether a bad string deserves an intrinsic
/// error or a path error.
///
/// ```
/// use asl_core::intrinsic::looks_like_call;
///
/// assert!(looks_like_call("States.Xyz($.a)"));
/// assert!(!looks_like_call("$.a"));
/// assert!(!looks_like_call(" States.Format()"));
/// ```
pub fn looks_like_call(expr: &str) -> bool {
    let mut cur = crate::path::cursor::Cursor::new(expr, 0);
    parser::read_name(&mut cur).is_some() && cur.peek() == Some('(')
}

/// Parses an intrinsic call, checking syntax only; unknown function names
/// are accepted (with [`IntrinsicCall::function`] set to `None`).
///
/// ```
/// use asl_core::intrinsic::{parse, ArgumentValue};
///
/// let call = parse("States.Format('it\\'s {}', $.who)").unwrap();
/// assert_eq!(call.args[0].value, ArgumentValue::String("it's {}".into()));
/// assert!(parse("States.Format('\\n')").is_err()); // illegal escape
/// ```
pub fn parse(expr: &str) -> Result<IntrinsicCall, IntrinsicError> {
    parser::Parser::new(expr).parse_expression()
}

/// Parses an intrinsic call and checks everything knowable without running
/// it; returns every problem found, in source order.
///
/// ```
/// use asl_core::intrinsic::{check, IntrinsicErrorKind};
///
/// assert!(check("States.ArrayRange(1, 9, 2)").is_ok());
///
/// let errors = check("States.Format('{} and {}', $.a)").unwrap_err();
/// assert_eq!(errors[0].kind(), IntrinsicErrorKind::Placeholders);
///
/// let errors = check("States.Formatt('x')").unwrap_err();
/// assert!(errors[0].message().contains("did you mean 'States.Format'"));
/// ```
pub fn check(expr: &str) -> Result<IntrinsicCall, Vec<IntrinsicError>> {
    let call = parse(expr).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    check_call(expr, &call, 1, &mut errors);
    if errors.is_empty() {
        Ok(call)
    } else {
        errors.sort_by_key(IntrinsicError::offset);
        Err(errors)
    }
}

fn check_call(src: &str, call: &IntrinsicCall, depth: usize, errors: &mut Vec<IntrinsicError>) {
    if depth == MAX_NESTING_DEPTH + 1 {
        errors.push(IntrinsicError::new(
            IntrinsicErrorKind::Nesting,
            call.offset,
            format!("expected at most {MAX_NESTING_DEPTH} levels of nested intrinsic calls"),
        ));
    }
    for arg in &call.args {
        if let ArgumentValue::Call(inner) = &arg.value {
            check_call(src, inner, depth + 1, errors);
        }
    }
    let Some(function) = call.function else {
        let hint = suggest(&call.name)
            .map(|s| format!("; did you mean '{s}'?"))
            .unwrap_or_default();
        errors.push(IntrinsicError::new(
            IntrinsicErrorKind::UnknownFunction,
            call.offset,
            format!(
                "expected a known intrinsic function, found '{}'{hint}",
                call.name
            ),
        ));
        return;
    };
    let arity = function.arity();
    if !arity.accepts(call.args.len()) {
        errors.push(IntrinsicError::new(
            IntrinsicErrorKind::Arity,
            call.offset,
            format!("expected {arity} for {function}, found {}", call.args.len()),
        ));
    }
    // Arguments beyond the arity have no expected type; the arity error covers them.
    let typed = arity.max.unwrap_or(usize::MAX);
    for (index, arg) in call.args.iter().enumerate().take(typed) {
        check_argument_type(function, index, arg, errors);
    }
    check_values(src, function, call, errors);
}

fn check_argument_type(
    function: IntrinsicFunction,
    index: usize,
    arg: &Argument,
    errors: &mut Vec<IntrinsicError>,
) {
    let param = function.param(index);
    let kind = match &arg.value {
        ArgumentValue::Path(_) => return,
        ArgumentValue::Call(inner) => match inner.function {
            Some(f) => f.returns(),
            None => return,
        },
        ArgumentValue::String(_) => Kind::String,
        ArgumentValue::Number(_) => Kind::Number,
        ArgumentValue::Boolean(_) => Kind::Boolean,
        ArgumentValue::Null => Kind::Any,
    };
    let accepted = match arg.value {
        ArgumentValue::Null => param == Param::Any,
        _ => param.accepts(kind),
    };
    let mut problem = if accepted {
        None
    } else if let ArgumentValue::Call(inner) = &arg.value {
        Some(format!("{} returns {}", inner.name, kind.describe()))
    } else {
        Some(format!("found {}", arg.value.describe()))
    };
    if let (ArgumentValue::Number(n), None) = (&arg.value, &problem) {
        let fits = match param {
            Param::Integer => n.as_i64().is_some(),
            Param::PositiveInteger => n.as_i64().is_some_and(|i| i > 0),
            Param::NonNegativeInteger => n.as_i64().is_some_and(|i| i >= 0),
            _ => true,
        };
        if !fits {
            problem = Some(format!("found {}", arg.value.describe()));
        }
    }
    if let Some(problem) = problem {
        errors.push(IntrinsicError::new(
            IntrinsicErrorKind::ArgumentType,
            arg.offset,
            format!(
                "expected {} as argument {} of {function}, but {problem}",
                param.describe(),
                index + 1
            ),
        ));
    }
}

/// Function-specific checks on literal argument values.
fn check_values(
    src: &str,
    function: IntrinsicFunction,
    call: &IntrinsicCall,
    errors: &mut Vec<IntrinsicError>,
) {
    let literal_int = |index: usize| match call.args.get(index).map(|a| &a.value) {
        Some(ArgumentValue::Number(n)) => n.as_i64(),
        _ => None,
    };
    match function {
        IntrinsicFunction::Format => {
            let Some(template) = call.args.first() else {
                return;
            };
            if !matches!(template.value, ArgumentValue::String(_)) {
                return;
            }
            let source = src.get(template.offset..template.end).unwrap_or("");
            let placeholders = parser::count_placeholders(source);
            let values = call.args.len().saturating_sub(1);
            if placeholders != values {
                errors.push(IntrinsicError::new(
                    IntrinsicErrorKind::Placeholders,
                    template.offset,
                    format!(
                        "expected as many values as '{{}}' placeholders: the template has {placeholders} \
                         but {values} {} given",
                        if values == 1 { "value is" } else { "values are" }
                    ),
                ));
            }
        }
        IntrinsicFunction::Hash => {
            if let Some(arg) = call.args.get(1) {
                if let ArgumentValue::String(algorithm) = &arg.value {
                    if !HASH_ALGORITHMS.contains(&algorithm.as_str()) {
                        errors.push(IntrinsicError::new(
                            IntrinsicErrorKind::ArgumentValue,
                            arg.offset,
                            format!(
                                "expected a hash algorithm ({}), found '{algorithm}'",
                                HASH_ALGORITHMS.join(", ")
                            ),
                        ));
                    }
                }
            }
        }
        IntrinsicFunction::ArrayRange => {
            let step = literal_int(2);
            if let (Some(0), Some(arg)) = (step, call.args.get(2)) {
                errors.push(IntrinsicError::new(
                    IntrinsicErrorKind::ArgumentValue,
                    arg.offset,
                    "expected a non-zero step for States.ArrayRange",
                ));
            }
            if let (Some(start), Some(end), Some(step)) = (literal_int(0), literal_int(1), step) {
                let (start, end, step) = (i128::from(start), i128::from(end), i128::from(step));
                let items = if step != 0 && (end - start).signum() * step.signum() >= 0 {
                    (end - start) / step + 1
                } else {
                    0
                };
                if items > MAX_ARRAY_RANGE_ITEMS {
                    errors.push(IntrinsicError::new(
                        IntrinsicErrorKind::ArgumentValue,
                        call.offset,
                        format!(
                            "expected a range of at most {MAX_ARRAY_RANGE_ITEMS} items, \
                             but States.ArrayRange would produce {items}"
                        ),
                    ));
                }
            }
        }
        _ => {}
    }
}

/// The known function whose name is closest to `name`, if one is close.
fn suggest(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let qualified = if lower.contains('.') {
        lower.clone()
    } else {
        format!("states.{lower}")
    };
    let mut best: Option<(usize, &'static str)> = None;
    for f in IntrinsicFunction::ALL {
        let candidate = f.name().to_ascii_lowercase();
        if candidate == lower || candidate == qualified {
            return Some(f.name());
        }
        if lower.len() > 64 {
            continue;
        }
        let distance = asl_model::integration::edit_distance(&qualified, &candidate);
        if distance <= 3 && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, f.name()));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests;
