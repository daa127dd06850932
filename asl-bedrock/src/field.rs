//! Writing [`Dynamic`] request fields into a Task's `Parameters` or
//! `Arguments`.

use asl_model::{Dynamic, QueryLanguage};
use serde::Serialize;
use serde_json::{Map, Value};

/// A JSONPath as the equivalent JSONata expression (`$.a.b` becomes
/// `{% $states.input.a.b %}`, `$$.X` becomes `{% $states.context.X %}`).
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

/// Writes `key` into `out` in the form `ql` wants: a literal as it is,
/// a path as `key.$` (JSONPath) or translated to JSONata, an expression or a
/// substitution as a string.
pub(crate) fn put<T: Serialize>(
    out: &mut Map<String, Value>,
    key: &str,
    f: &Dynamic<T>,
    ql: QueryLanguage,
) {
    match (f, ql) {
        (Dynamic::Value(v), _) => {
            out.insert(
                key.to_string(),
                serde_json::to_value(v).unwrap_or(Value::Null),
            );
        }
        (Dynamic::Path(p), QueryLanguage::JsonPath) => {
            out.insert(format!("{key}.$"), Value::String(p.to_string()));
        }
        (Dynamic::Path(p), QueryLanguage::Jsonata) => {
            out.insert(key.to_string(), Value::String(path_to_jsonata(p.as_str())));
        }
        (Dynamic::Jsonata(e), _) => {
            out.insert(key.to_string(), Value::String(e.to_string()));
        }
        (Dynamic::Substitution(s), _) => {
            out.insert(key.to_string(), Value::String(s.clone()));
        }
    }
}

/// A JSONPath payload template rewritten for JSONata: every `key.$: path`
/// becomes `key: "{% … %}"` (paths translated as in [`put`]); other `.$`
/// values (intrinsic calls) are kept as written.
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
