//! [`Dynamic`]: a value known when the definition is written, or only at
//! run time.

use crate::{is_substitution, Jsonata, Path};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

/// A value that is known when the definition is written, or only at run
/// time: a literal `T`, a JSONPath, a JSONata expression or a `${Name}`
/// template substitution. One type for every such value, in ASL fields
/// (`TimeoutSeconds`, `MaxConcurrency`, Wait's `Seconds`, …) and in the
/// typed requests of service integrations (`ModelId`, `Body`, …).
///
/// - [`Dynamic::Value`] writes the literal;
/// - [`Dynamic::Path`] is a JSONPath (or an intrinsic function call) read at
///   run time. In a request it is written as `"Key.$": "$.path"` (JSONPath
///   states) or translated to `{% $states.input.path %}` (JSONata states).
///   ASL fields that take a path have a field of their own
///   (`TimeoutSecondsPath`), so there the validator rejects this variant;
/// - [`Dynamic::Jsonata`] writes `"{% expr %}"`;
/// - [`Dynamic::Substitution`] writes `"${Name}"`, replaced before the
///   definition reaches Step Functions (CloudFormation
///   `DefinitionSubstitutions`, SAM, Terraform).
///
/// ```
/// use asl_core::{Dynamic, Jsonata};
/// let fixed: Dynamic<u64> = 30.into();
/// let computed: Dynamic<u64> = Jsonata::new("$states.input.timeout").into();
/// assert_eq!(serde_json::to_string(&fixed).unwrap(), "30");
/// assert_eq!(serde_json::to_string(&computed).unwrap(), "\"{% $states.input.timeout %}\"");
/// assert!(fixed.is_static() && !computed.is_static());
///
/// let model: Dynamic<String> = Dynamic::path("$.model");
/// assert_eq!(model.as_path().map(|p| p.as_str()), Some("$.model"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Dynamic<T> {
    /// A literal value.
    Value(T),
    /// A JSONPath or intrinsic function call, evaluated at run time.
    Path(Path),
    /// A JSONata expression, evaluated at run time.
    Jsonata(Jsonata),
    /// A `${Name}` template substitution standing where a literal belongs,
    /// replaced before the definition reaches Step Functions.
    Substitution(String),
}

impl<T> Dynamic<T> {
    /// A JSONPath (or intrinsic function call) read at run time, e.g. `$.model`.
    pub fn path(path: impl Into<Path>) -> Self {
        Dynamic::Path(path.into())
    }

    /// A JSONata expression, with or without its `{% %}` delimiters.
    ///
    /// ```
    /// use asl_core::Dynamic;
    /// let a = Dynamic::<String>::jsonata("$states.input.id");
    /// let b = Dynamic::<String>::jsonata("{% $states.input.id %}");
    /// assert_eq!(a, b);
    /// ```
    pub fn jsonata(expression: impl AsRef<str>) -> Self {
        let e = expression.as_ref();
        Dynamic::Jsonata(Jsonata::parse(e.trim()).unwrap_or_else(|| Jsonata::new(e)))
    }

    /// Whether the value is a literal, known when the definition is written.
    pub fn is_static(&self) -> bool {
        matches!(self, Dynamic::Value(_))
    }

    /// Whether the value is a JSONata expression.
    pub fn is_jsonata(&self) -> bool {
        matches!(self, Dynamic::Jsonata(_))
    }

    /// The literal, when the value is one.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Dynamic::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The JSONPath, when the value is one.
    pub fn as_path(&self) -> Option<&Path> {
        match self {
            Dynamic::Path(p) => Some(p),
            _ => None,
        }
    }

    /// The JSONata expression, when the value is one.
    pub fn as_jsonata(&self) -> Option<&Jsonata> {
        match self {
            Dynamic::Jsonata(j) => Some(j),
            _ => None,
        }
    }

    /// The literal converted by `f`; the run-time forms are kept.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Dynamic<U> {
        match self {
            Dynamic::Value(v) => Dynamic::Value(f(v)),
            Dynamic::Path(p) => Dynamic::Path(p),
            Dynamic::Jsonata(j) => Dynamic::Jsonata(j),
            Dynamic::Substitution(s) => Dynamic::Substitution(s),
        }
    }
}

impl Dynamic<String> {
    /// The literal string when it is fully known while the definition is
    /// written: a [`Dynamic::Value`] without any `${…}` template substitution
    /// in it (`"arn:${AWS::Partition}:…"` is only known at deploy time).
    /// Validation rules check only such values, and IAM statements scope
    /// their resources to them; anything else gets the rule's run-time
    /// treatment (no check, a wildcard resource).
    ///
    /// ```
    /// use asl_core::Dynamic;
    /// assert_eq!(Dynamic::from("my-job").static_str(), Some("my-job"));
    /// assert_eq!(Dynamic::from("job-${Env}").static_str(), None);
    /// assert_eq!(Dynamic::from("${Name}").static_str(), None);
    /// assert_eq!(Dynamic::<String>::path("$.name").static_str(), None);
    /// ```
    pub fn static_str(&self) -> Option<&str> {
        match self {
            Dynamic::Value(s) if !s.contains("${") => Some(s),
            _ => None,
        }
    }
}

impl<T> From<T> for Dynamic<T> {
    fn from(value: T) -> Self {
        Dynamic::Value(value)
    }
}

impl<T> From<Jsonata> for Dynamic<T>
where
    T: NotJsonata,
{
    fn from(value: Jsonata) -> Self {
        Dynamic::Jsonata(value)
    }
}

impl<T> From<Path> for Dynamic<T>
where
    T: NotJsonata,
{
    fn from(value: Path) -> Self {
        Dynamic::Path(value)
    }
}

impl From<&str> for Dynamic<String> {
    /// A `{% … %}` string becomes an expression, a `${Name}` a substitution;
    /// any other string a literal.
    fn from(value: &str) -> Self {
        match Jsonata::parse(value) {
            Some(j) => Dynamic::Jsonata(j),
            None if is_substitution(value) => Dynamic::Substitution(value.to_owned()),
            None => Dynamic::Value(value.to_owned()),
        }
    }
}

/// Marker for the literal types of [`Dynamic`], so that `From<Jsonata>`,
/// `From<Path>` and `From<T>` do not overlap.
pub trait NotJsonata {}
impl NotJsonata for u64 {}
impl NotJsonata for bool {}
impl NotJsonata for String {}
impl NotJsonata for serde_json::Number {}
impl NotJsonata for Vec<Value> {}
impl NotJsonata for Value {}
