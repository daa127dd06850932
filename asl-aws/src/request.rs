//! Reading a Task's request (`Parameters` or `Arguments`) for IAM: each
//! value is a literal known while the definition is written, or a value
//! known at run time only (a `Key.$` path, a `{% %}` expression, a string
//! holding a `${Name}` substitution, or a whole request given as one
//! expression).

use asl_model::{QueryLanguage, Task};
use serde_json::{Map, Value};

/// One value of the request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Val<'a> {
    /// Not given.
    Absent,
    /// A literal.
    Static(&'a Value),
    /// Known at run time only.
    Dynamic,
}

/// A string parameter, as IAM generation needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field {
    /// Not given.
    Absent,
    /// A literal string.
    Known(String),
    /// Known at run time only (or not a string).
    Unknown,
}

impl Field {
    /// The literal, if there is one.
    pub(crate) fn known(&self) -> Option<&str> {
        match self {
            Field::Known(s) => Some(s),
            _ => None,
        }
    }

    /// `known(literal)` for a literal, `any` otherwise (absent or dynamic).
    pub(crate) fn or_any(&self, known: impl FnOnce(&str) -> String, any: String) -> String {
        self.known().map_or(any, known)
    }
}

/// An object of the request (the request itself, or one nested in it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params<'a> {
    map: Option<&'a Map<String, Value>>,
    ql: QueryLanguage,
    /// The whole object is a run-time value: every member is dynamic.
    opaque: bool,
}

impl<'a> Params<'a> {
    /// The request of `task`, in the query language `ql` in force.
    pub(crate) fn of(task: &'a Task, ql: QueryLanguage) -> Self {
        let value = match ql {
            QueryLanguage::Jsonata => task.arguments.as_ref(),
            QueryLanguage::JsonPath => task.parameters.as_ref().map(|p| p.as_value()),
        };
        Params::from_value(value, ql)
    }

    /// A nested object: `None` is an empty request.
    pub(crate) fn from_value(value: Option<&'a Value>, ql: QueryLanguage) -> Self {
        match value {
            Some(Value::Object(m)) => Params {
                map: Some(m),
                ql,
                opaque: false,
            },
            Some(Value::String(_)) => Params {
                map: None,
                ql,
                opaque: true,
            },
            _ => Params {
                map: None,
                ql,
                opaque: false,
            },
        }
    }

    /// Whether the whole object is a run-time value.
    pub(crate) fn is_opaque(&self) -> bool {
        self.opaque
    }

    /// `key` as written.
    pub(crate) fn value(&self, key: &str) -> Val<'a> {
        if self.opaque {
            return Val::Dynamic;
        }
        let Some(map) = self.map else {
            return Val::Absent;
        };
        if let Some(v) = map.get(key) {
            return classify(v, self.ql);
        }
        if self.ql == QueryLanguage::JsonPath && map.contains_key(&format!("{key}.$")) {
            return Val::Dynamic;
        }
        Val::Absent
    }

    /// `key` as a string parameter.
    pub(crate) fn str(&self, key: &str) -> Field {
        match self.value(key) {
            Val::Absent => Field::Absent,
            Val::Static(Value::String(s)) => Field::Known(s.clone()),
            Val::Static(_) | Val::Dynamic => Field::Unknown,
        }
    }

    /// `key` as a nested object (dynamic when it is a run-time value, empty
    /// when absent or not an object).
    pub(crate) fn obj(&self, key: &str) -> Params<'a> {
        match self.value(key) {
            Val::Static(v) => Params::from_value(Some(v), self.ql),
            Val::Dynamic => Params {
                map: None,
                ql: self.ql,
                opaque: true,
            },
            Val::Absent => Params::from_value(None, self.ql),
        }
    }

    /// The elements of an array `key`: `None` when the array is a run-time
    /// value (or not an array), empty when absent.
    pub(crate) fn items(&self, key: &str) -> Option<Vec<Val<'a>>> {
        match self.value(key) {
            Val::Absent => Some(Vec::new()),
            Val::Static(Value::Array(items)) => {
                Some(items.iter().map(|v| classify(v, self.ql)).collect())
            }
            Val::Static(_) | Val::Dynamic => None,
        }
    }

    /// The objects of an array `key` (a run-time element is an opaque
    /// object); `None` when the array itself is a run-time value.
    pub(crate) fn objects(&self, key: &str) -> Option<Vec<Params<'a>>> {
        let ql = self.ql;
        self.items(key).map(|items| {
            items
                .into_iter()
                .map(|v| match v {
                    Val::Static(v) => Params::from_value(Some(v), ql),
                    _ => Params {
                        map: None,
                        ql,
                        opaque: true,
                    },
                })
                .collect()
        })
    }

    /// The strings of an array `key`, each a [`Field`]; `None` when the
    /// array is a run-time value.
    pub(crate) fn strs(&self, key: &str) -> Option<Vec<Field>> {
        self.items(key).map(|items| {
            items
                .into_iter()
                .map(|v| match v {
                    Val::Static(Value::String(s)) => Field::Known(s.clone()),
                    Val::Absent => Field::Absent,
                    _ => Field::Unknown,
                })
                .collect()
        })
    }
}

/// A literal, or a run-time value: a `{% %}` string in JSONata, or any
/// string holding a `${…}` substitution.
fn classify(v: &Value, ql: QueryLanguage) -> Val<'_> {
    match v {
        Value::String(s) if s.contains("${") => Val::Dynamic,
        Value::String(s) if ql == QueryLanguage::Jsonata && is_expression(s) => Val::Dynamic,
        other => Val::Static(other),
    }
}

fn is_expression(s: &str) -> bool {
    let t = s.trim();
    t.starts_with("{%") && t.ends_with("%}")
}
