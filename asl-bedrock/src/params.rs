//! Reading a Task's request (`Parameters` or `Arguments`) field by field,
//! telling static values from run-time ones.

use asl_model::{is_substitution, Jsonata, QueryLanguage, Task};
use serde_json::{Map, Value};

/// One request field as a Task writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Param<'a> {
    /// Not given.
    Absent,
    /// A literal value (may still hold nested `.$` fields when an object).
    Static(&'a Value),
    /// Known at run time only: `Field.$`, a `{% %}` expression or a `${Name}`
    /// substitution.
    Dynamic,
}

impl<'a> Param<'a> {
    /// The literal string, when the field is one.
    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            Param::Static(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// Whether the field is given at all.
    pub(crate) fn is_present(self) -> bool {
        !matches!(self, Param::Absent)
    }
}

/// The request object of a Task, with the name of the ASL field it came from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Request<'a> {
    /// `Parameters` or `Arguments`.
    pub(crate) field: &'static str,
    /// The object; `None` when the field is absent.
    pub(crate) object: Option<&'a Map<String, Value>>,
    /// The whole request is one run-time expression (`"Arguments": "{% … %}"`).
    pub(crate) opaque: bool,
    /// JSONata mode.
    pub(crate) jsonata: bool,
}

impl<'a> Request<'a> {
    /// The request of `task` in `ql`.
    pub(crate) fn of(task: &'a Task, ql: QueryLanguage) -> Self {
        let (field, value) = match ql {
            QueryLanguage::Jsonata => ("Arguments", task.arguments.as_ref()),
            QueryLanguage::JsonPath => {
                ("Parameters", task.parameters.as_ref().map(|p| p.as_value()))
            }
        };
        Request {
            field,
            object: value.and_then(Value::as_object),
            opaque: matches!(value, Some(Value::String(_))),
            jsonata: ql == QueryLanguage::Jsonata,
        }
    }

    /// The field `key` (with `key.$` and `{% %}` understood).
    pub(crate) fn get(&self, key: &str) -> Param<'a> {
        if self.opaque {
            return Param::Dynamic;
        }
        lookup(self.object, key, self.jsonata)
    }
}

/// `key` inside `object` (an object nested in the request).
pub(crate) fn lookup<'a>(
    object: Option<&'a Map<String, Value>>,
    key: &str,
    jsonata: bool,
) -> Param<'a> {
    let Some(object) = object else {
        return Param::Absent;
    };
    if let Some(v) = object.get(key) {
        return classify(v, jsonata);
    }
    if !jsonata && object.contains_key(&format!("{key}.$")) {
        return Param::Dynamic;
    }
    Param::Absent
}

/// `key` inside a nested field that may itself be dynamic.
pub(crate) fn nested<'a>(parent: Param<'a>, key: &str, jsonata: bool) -> Param<'a> {
    match parent {
        Param::Absent => Param::Absent,
        Param::Dynamic => Param::Dynamic,
        Param::Static(v) => lookup(v.as_object(), key, jsonata),
    }
}

fn classify(v: &Value, jsonata: bool) -> Param<'_> {
    match v {
        Value::String(s) if is_substitution(s) || s.contains("${") => Param::Dynamic,
        Value::String(s) if jsonata && Jsonata::is_expression(s) => Param::Dynamic,
        _ => Param::Static(v),
    }
}
