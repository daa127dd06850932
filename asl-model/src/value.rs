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
///
/// ASL requires an object. Like [`Path`], an `Assign` made in Rust holds what
/// it was given unchecked, so a builder's setter takes a `json!` literal as
/// well as a map; the validator (and so every `build()`) reports anything but
/// an object, at the field. The JSON reader only accepts an object.
///
/// ```
/// use asl_core::{Assign, Pass};
/// use serde_json::json;
///
/// let pass = Pass::builder().assign(json!({"count": 1, "seen.$": "$.id"})).build();
/// let assign: &Assign = pass.assign.as_ref().unwrap();
/// assert_eq!(assign.get("count"), Some(&json!(1)));
/// assert_eq!(assign.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["count", "seen.$"]);
///
/// // Not an object: representable, and a located error of `build()`.
/// let pass = Pass::builder().assign(json!([1, 2])).build();
/// assert!(pass.assign.as_ref().unwrap().vars().is_none());
/// let err = asl_core::StateMachine::builder()
///     .start_at("A")
///     .states([("A".to_owned(), pass.into())])
///     .build()
///     .unwrap_err();
/// let found: Vec<_> = err.errors().map(|d| (d.code, d.location.as_str())).collect();
/// assert_eq!(found, [("SCHEMA_VALIDATION_FAILED", "/States/A/Assign")]);
/// assert_eq!(err.errors().next().unwrap().message, "expected an object, found an array");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Assign(#[schemars(with = "serde_json::Map<String, Value>")] Value);

impl Assign {
    /// The variables, names to values; `None` when what was given is not an
    /// object (an invalid `Assign`, which the validator reports).
    pub fn vars(&self) -> Option<&serde_json::Map<String, Value>> {
        self.0.as_object()
    }

    /// The variables, mutably; `None` when this is not an object.
    pub fn vars_mut(&mut self) -> Option<&mut serde_json::Map<String, Value>> {
        self.0.as_object_mut()
    }

    /// The value as given (an object when valid).
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The value assigned to `name` (a key as written, `.$` included).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.vars().and_then(|m| m.get(name))
    }

    /// The names and values in document order (none when not an object).
    pub fn iter(&self) -> serde_json::map::Iter<'_> {
        static EMPTY: std::sync::OnceLock<serde_json::Map<String, Value>> =
            std::sync::OnceLock::new();
        match self.vars() {
            Some(m) => m.iter(),
            None => EMPTY.get_or_init(serde_json::Map::new).iter(),
        }
    }

    /// The names as written, in document order (none when not an object).
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.iter().map(|(k, _)| k)
    }

    /// How many variables (0 when not an object).
    pub fn len(&self) -> usize {
        self.vars().map_or(0, serde_json::Map::len)
    }

    /// Whether no variable is assigned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<serde_json::Map<String, Value>> for Assign {
    fn from(m: serde_json::Map<String, Value>) -> Self {
        Assign(Value::Object(m))
    }
}

impl From<Value> for Assign {
    fn from(v: Value) -> Self {
        Assign(v)
    }
}

impl FromIterator<(String, Value)> for Assign {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Assign(Value::Object(iter.into_iter().collect()))
    }
}

impl<'a> IntoIterator for &'a Assign {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Fields this model does not know, kept so that a round trip loses nothing.
/// The validator reports each one, as AWS does (`SCHEMA_VALIDATION_FAILED`).
pub type UnknownFields = serde_json::Map<String, Value>;

/// `null`, for the fields ASL lets be `null` (`InputPath`, `OutputPath`:
/// `{}` goes on; `ResultPath`: the result is discarded).
///
/// ```
/// use asl_core::{Null, Pass};
/// let pass = Pass::builder().result_path(Null).output_path("$.kept").build();
/// let json = serde_json::to_value(&pass).unwrap();
/// assert_eq!(json["ResultPath"], serde_json::Value::Null);
/// assert_eq!(json["OutputPath"], "$.kept");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Null;

/// What the builders' setters of a nullable path field take: a path (a
/// string, or the path type) or [`Null`].
///
/// ```
/// use asl_core::{Null, OrNull, ReferencePath};
/// assert_eq!(OrNull::<ReferencePath>::from("$.r").0, Some(ReferencePath::new("$.r")));
/// assert_eq!(OrNull::<ReferencePath>::from(Null).0, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrNull<T>(pub Option<T>);

impl<T> From<Null> for OrNull<T> {
    fn from(_: Null) -> Self {
        OrNull(None)
    }
}

impl<T> From<Option<T>> for OrNull<T> {
    fn from(v: Option<T>) -> Self {
        OrNull(v)
    }
}

macro_rules! or_null_paths {
    ($($path:ty),*) => {$(
        impl From<$path> for OrNull<$path> {
            fn from(p: $path) -> Self {
                OrNull(Some(p))
            }
        }
        impl From<&str> for OrNull<$path> {
            fn from(p: &str) -> Self {
                OrNull(Some(<$path>::new(p)))
            }
        }
        impl From<String> for OrNull<$path> {
            fn from(p: String) -> Self {
                OrNull(Some(<$path>::new(p)))
            }
        }
    )*};
}
or_null_paths!(Path, ReferencePath);
