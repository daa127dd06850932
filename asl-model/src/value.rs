//! Value types shared by many fields: JSONata expressions, values that may be
//! a JSONata expression, JSONPath strings and payload templates.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// A JSONata expression as written in a definition: the whole string,
/// delimiters included (`"{% $states.input.x %}"`).
///
/// A JSON string is a JSONata expression when it starts with `{%` and ends
/// with `%}`; any other string is a literal. Keeping the delimiters makes the
/// round trip exact.
///
/// ```
/// use asl_core::Jsonata;
/// let e = Jsonata::new("$states.input.count + 1");
/// assert_eq!(e.as_str(), "{% $states.input.count + 1 %}");
/// assert_eq!(e.expression(), "$states.input.count + 1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(transparent)]
#[schemars(extend("pattern" = "^\\{%.*%\\}$"))]
pub struct Jsonata(String);

impl Jsonata {
    /// Wraps an expression in `{% … %}`.
    pub fn new(expression: impl AsRef<str>) -> Self {
        Jsonata(format!("{{% {} %}}", expression.as_ref().trim()))
    }

    /// Takes a string that is already delimited, or `None` when it is not a
    /// JSONata expression (see [`Jsonata::is_expression`]).
    pub fn parse(delimited: impl Into<String>) -> Option<Self> {
        let s = delimited.into();
        Self::is_expression(&s).then_some(Jsonata(s))
    }

    /// Whether a string value is a JSONata expression (`{%` … `%}`).
    pub fn is_expression(s: &str) -> bool {
        s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}")
    }

    /// The whole string, delimiters included.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The expression between the delimiters, trimmed.
    pub fn expression(&self) -> &str {
        self.0
            .get(2..self.0.len().saturating_sub(2))
            .unwrap_or_default()
            .trim()
    }
}

impl fmt::Display for Jsonata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

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

/// Whether a string is exactly one `${Name}` template substitution.
///
/// ```
/// assert!(asl_core::is_substitution("${ReminderTimeout}"));
/// assert!(!asl_core::is_substitution("arn:${Partition}:states"));
/// ```
pub fn is_substitution(s: &str) -> bool {
    s.len() > 3
        && s.starts_with("${")
        && s.ends_with('}')
        && !s.get(2..s.len() - 1).unwrap_or("}").contains(['{', '}'])
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

macro_rules! path_newtype {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("Wraps a string as ", $what, " without checking its syntax; ")]
            #[doc = "the validator checks it, and so does every `build()`."]
            pub fn new(s: impl Into<String>) -> Self {
                $name(s.into())
            }

            /// The path as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }
    };
}

path_newtype!(
    /// A JSONPath *Path* (`$.orders[?(@.total > 10)]`, `$$.Execution.Id`,
    /// `$myVariable.field`), as used by `InputPath`, `OutputPath` and Choice
    /// `Variable`. Filters, wildcards and deep scans are allowed.
    ///
    /// ```
    /// let p = asl_core::Path::new("$.detail.items");
    /// assert_eq!(p.as_str(), "$.detail.items");
    /// ```
    Path,
    "a Path"
);

path_newtype!(
    /// A JSONPath *Reference Path*, which names a single node: only `.field`,
    /// `['field']` and `[index]` steps. Used by `ResultPath`, `ItemsPath`,
    /// `SecondsPath`, `TimeoutSecondsPath` and the other `*Path` fields.
    ///
    /// ```
    /// let p = asl_core::ReferencePath::new("$.result");
    /// assert_eq!(p.to_string(), "$.result");
    /// ```
    ReferencePath,
    "a Reference Path"
);

/// A JSONPath-mode payload template: any JSON value in which a key ending in
/// `.$` has a Path or an intrinsic function call as its value
/// (`{"name.$": "$.user.name", "id.$": "States.UUID()"}`). Used by
/// `Parameters`, `ResultSelector`, `ItemSelector` and friends.
///
/// ```
/// use asl_core::PayloadTemplate;
/// use serde_json::json;
/// let t = PayloadTemplate::from(json!({"prompt.$": "$.prompt", "max_tokens": 250}));
/// let dynamic: Vec<_> = t.dynamic_fields().map(|f| f.key.to_string()).collect();
/// assert_eq!(dynamic, ["prompt.$"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct PayloadTemplate(pub Value);

/// One `key.$` field found inside a [`PayloadTemplate`].
#[derive(Debug, Clone, PartialEq)]
pub struct DynamicField<'a> {
    /// JSON pointer of the field, relative to the template's root.
    pub pointer: String,
    /// The key as written, with its `.$` suffix.
    pub key: &'a str,
    /// The value: a Path or intrinsic call when it is a string.
    pub value: &'a Value,
}

impl PayloadTemplate {
    /// The template as a JSON value.
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// Every `key.$` field, at any depth, in document order.
    pub fn dynamic_fields(&self) -> impl Iterator<Item = DynamicField<'_>> {
        let mut out = Vec::new();
        walk(&self.0, "", |node| match node.key {
            Some(key) if key.ends_with(".$") => {
                out.push(DynamicField {
                    pointer: node.pointer.clone(),
                    key,
                    value: node.value,
                });
                false
            }
            _ => true,
        });
        out.into_iter()
    }
}

/// One value met by [`walk`].
#[doc(hidden)]
pub struct Node<'a> {
    /// JSON pointer of the value.
    pub pointer: String,
    /// Its key, when its parent is an object.
    pub key: Option<&'a str>,
    /// Its parent, when that is an object (to look at sibling keys).
    pub parent: Option<&'a serde_json::Map<String, Value>>,
    /// The value.
    pub value: &'a Value,
}

/// Visits every value nested in `root` (not `root` itself), pre-order and
/// in document order; `visit` returns whether to descend into the value.
/// An explicit stack keeps deep values from overflowing ours.
#[doc(hidden)]
pub fn walk<'a>(root: &'a Value, base: &str, mut visit: impl FnMut(&Node<'a>) -> bool) {
    let mut stack = vec![(base.to_owned(), root)];
    while let Some((pointer, v)) = stack.pop() {
        let children: Vec<Node<'a>> = match v {
            Value::Object(map) => map
                .iter()
                .map(|(k, child)| Node {
                    pointer: format!("{pointer}/{}", crate::pointer::escape(k)),
                    key: Some(k.as_str()),
                    parent: Some(map),
                    value: child,
                })
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, child)| Node {
                    pointer: format!("{pointer}/{i}"),
                    key: None,
                    parent: None,
                    value: child,
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut descend = Vec::new();
        for node in children {
            if visit(&node) {
                descend.push((node.pointer, node.value));
            }
        }
        stack.extend(descend.into_iter().rev());
    }
}

impl From<Value> for PayloadTemplate {
    fn from(v: Value) -> Self {
        PayloadTemplate(v)
    }
}

/// Variables assigned by a state's `Assign` field: names to values. In a
/// JSONPath state a name ending in `.$` takes a Path or intrinsic call; in a
/// JSONata state values may hold `{% %}` expressions.
pub type Assign = serde_json::Map<String, Value>;

/// Fields this model does not know, kept so that a round trip loses nothing.
/// The validator reports each one, as AWS does (`SCHEMA_VALIDATION_FAILED`).
pub type UnknownFields = serde_json::Map<String, Value>;
