//! [`Field`]: a request field given as a literal, a JSONPath or a JSONata
//! expression.

use asl_core::QueryLanguage;
use serde_json::{Map, Value};

/// A request field's value: a literal known when the definition is written,
/// or a value computed at run time.
///
/// - [`Field::Value`] writes `"Key": literal`;
/// - [`Field::Path`] writes `"Key.$": "$.path"` in JSONPath states; in
///   JSONata states simple paths are translated (`$.a.b` becomes
///   `{% $states.input.a.b %}`, `$$.X` becomes `{% $states.context.X %}`);
/// - [`Field::Jsonata`] writes `"Key": "{% expr %}"` and makes the Task a
///   JSONata one.
///
/// ```
/// use asl_bedrock::Field;
/// let model: Field<String> = "amazon.titan-text-express-v1".into();
/// assert!(model.is_static());
/// assert!(!Field::<String>::path("$.model").is_static());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Field<T> {
    /// A literal.
    Value(T),
    /// A JSONPath (or intrinsic function call), e.g. `$.model`.
    Path(String),
    /// A JSONata expression, without or with its `{% %}` delimiters.
    Jsonata(String),
}

impl<T> Field<T> {
    /// A JSONPath value (`"Key.$": path`).
    pub fn path(path: impl Into<String>) -> Self {
        Field::Path(path.into())
    }

    /// A JSONata value (`"Key": "{% expr %}"`); delimiters are optional.
    pub fn jsonata(expression: impl Into<String>) -> Self {
        Field::Jsonata(expression.into())
    }

    /// Whether the value is a literal.
    pub fn is_static(&self) -> bool {
        matches!(self, Field::Value(_))
    }

    /// Whether the value is a JSONata expression.
    pub fn is_jsonata(&self) -> bool {
        matches!(self, Field::Jsonata(_))
    }
}

impl From<&str> for Field<String> {
    fn from(s: &str) -> Self {
        Field::Value(s.to_string())
    }
}

impl From<String> for Field<String> {
    fn from(s: String) -> Self {
        Field::Value(s)
    }
}

impl From<Value> for Field<Value> {
    fn from(v: Value) -> Self {
        Field::Value(v)
    }
}

/// A literal that can be written into a request.
pub trait ToJson {
    /// The JSON form.
    fn to_json(&self) -> Value;
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

/// `{% expr %}`, adding the delimiters when missing.
pub(crate) fn delimit(expr: &str) -> String {
    let t = expr.trim();
    if t.starts_with("{%") && t.ends_with("%}") {
        t.to_string()
    } else {
        format!("{{% {t} %}}")
    }
}

/// A JSONPath as the equivalent JSONata expression.
pub(crate) fn path_to_jsonata(path: &str) -> String {
    let t = path.trim();
    let body = if let Some(rest) = t.strip_prefix("$$") {
        format!("$states.context{rest}")
    } else if let Some(rest) = t.strip_prefix('$') {
        format!("$states.input{rest}")
    } else {
        t.to_string()
    };
    format!("{{% {body} %}}")
}

/// Writes `key` into `out` in the form `ql` wants.
pub(crate) fn put<T: ToJson>(
    out: &mut Map<String, Value>,
    key: &str,
    f: &Field<T>,
    ql: QueryLanguage,
) {
    match (f, ql) {
        (Field::Value(v), _) => {
            out.insert(key.to_string(), v.to_json());
        }
        (Field::Path(p), QueryLanguage::JsonPath) => {
            out.insert(format!("{key}.$"), Value::String(p.clone()));
        }
        (Field::Path(p), QueryLanguage::Jsonata) => {
            out.insert(key.to_string(), Value::String(path_to_jsonata(p)));
        }
        (Field::Jsonata(e), _) => {
            out.insert(key.to_string(), Value::String(delimit(e)));
        }
    }
}

/// A JSONPath payload template rewritten for JSONata: every `key.$: path`
/// becomes `key: "{% … %}"` (paths translated as in [`Field::Path`]);
/// other `.$` values (intrinsic calls) are kept as written.
pub(crate) fn template_to_jsonata(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, child) in m {
                match (k.strip_suffix(".$"), child) {
                    (Some(key), Value::String(p)) if p.starts_with('$') => {
                        out.insert(key.to_string(), Value::String(path_to_jsonata(p)));
                    }
                    _ => {
                        out.insert(k.clone(), template_to_jsonata(child));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(template_to_jsonata).collect()),
        other => other.clone(),
    }
}
