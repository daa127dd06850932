//! AWS's own warnings about literals that look like paths (JSONPath states):
//! `NO_DOLLAR` (a payload-template value that looks like a path or an
//! intrinsic call under a key without `.$`), `NO_PATH` (a path written in a
//! field that is not a `…Path` field) and `PASS_RESULT_IS_STATIC` (a path in
//! a Pass state's `Result`). Each such value is used as a literal string,
//! which is rarely what the author meant.

use crate::pointer::escape;
use crate::{codes, Diagnostic, QueryLanguage, State, StateMachine};
use serde_json::Value;
use std::fmt::Write as _;

/// Payload templates of a JSONPath state (and `Assign`, whose values follow
/// the same rules), by where they sit in the state object.
const TEMPLATES: &[&[&str]] = &[
    &["Parameters"],
    &["ResultSelector"],
    &["ItemSelector"],
    &["Assign"],
    &["ItemReader", "Parameters"],
    &["ResultWriter", "Parameters"],
    &["ItemBatcher", "BatchInput"],
];

/// Choice comparison operators whose operand is a literal string (each has
/// a `…Path` twin).
const STRING_OPERATORS: &[&str] = &[
    "StringEquals",
    "StringLessThan",
    "StringGreaterThan",
    "StringLessThanEquals",
    "StringGreaterThanEquals",
    "TimestampEquals",
    "TimestampLessThan",
    "TimestampGreaterThan",
    "TimestampLessThanEquals",
    "TimestampGreaterThanEquals",
];

/// `doc` is the machine as JSON (`machine.to_value()`).
pub(super) fn check(machine: &StateMachine, doc: &Value, out: &mut Vec<Diagnostic>) {
    for s in machine.walk() {
        if s.query_language != QueryLanguage::JsonPath {
            continue;
        }
        let p = s.pointer.as_str();
        let Some(value) = doc.pointer(p) else {
            continue;
        };
        for path in TEMPLATES {
            let template = path.iter().try_fold(value, |x, key| x.get(key));
            if let Some(template) = template {
                let mut at = format!("{p}/{}", path.join("/"));
                no_dollar(out, template, &mut at);
            }
        }
        match s.state {
            State::Pass(_) => {
                if let Some(result) = value.get("Result") {
                    static_result(out, result, &format!("{p}/Result"));
                }
            }
            State::Fail(_) => {
                for (field, twin) in [("Error", "ErrorPath"), ("Cause", "CausePath")] {
                    if let Some(Value::String(x)) = value.get(field) {
                        if looks_like_path(x) {
                            no_path(out, &format!("{p}/{field}"), field, twin);
                        }
                    }
                }
            }
            State::Choice(_) => {
                if let Some(Value::Array(rules)) = value.get("Choices") {
                    for (i, rule) in rules.iter().enumerate() {
                        choice_rule(out, rule, &format!("{p}/Choices/{i}"));
                    }
                }
            }
            _ => {}
        }
    }
}

/// A path (`$`, `$.x`, `$$.x`, `$[0]`) or an intrinsic call (`States.X(…)`).
/// Variables (`$name`) are left out: `$5` or `$USD` are likelier literals.
fn looks_like_path(s: &str) -> bool {
    if s.starts_with("States.") && crate::intrinsic::looks_like_call(s) {
        return true;
    }
    let anchored = matches!(s, "$" | "$$")
        || s.starts_with("$.")
        || s.starts_with("$$.")
        || s.starts_with("$[");
    anchored && crate::path::parse(s).is_ok()
}

/// Walks a template; `at` is its pointer, grown and truncated in place, so
/// that only a warning allocates.
fn no_dollar(out: &mut Vec<Diagnostic>, v: &Value, at: &mut String) {
    let len = at.len();
    match v {
        Value::Object(map) => {
            for (key, x) in map {
                at.push('/');
                at.push_str(&escape(key));
                match x {
                    Value::String(s) if !key.ends_with(".$") && looks_like_path(s) => {
                        out.push(Diagnostic::warning(
                            codes::NO_DOLLAR,
                            at.as_str(),
                            format!("{s:?} looks like a path or an intrinsic function, but the key '{key}' does not end in '.$', so it is passed as a literal string; name the key '{key}.$' to evaluate it"),
                        ));
                    }
                    Value::Object(_) | Value::Array(_) => no_dollar(out, x, at),
                    _ => {}
                }
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                if matches!(x, Value::Object(_) | Value::Array(_)) {
                    let _ = write!(at, "/{i}");
                    no_dollar(out, x, at);
                    at.truncate(len);
                }
            }
        }
        _ => {}
    }
}

fn no_path(out: &mut Vec<Diagnostic>, at: &str, field: &str, twin: &str) {
    out.push(Diagnostic::warning(
        codes::NO_PATH,
        at,
        format!("the value of '{field}' looks like a path, but '{field}' takes a literal; use '{twin}' to read the value from the input"),
    ));
}

/// A Choice rule and its nested rules.
fn choice_rule(out: &mut Vec<Diagnostic>, rule: &Value, at: &str) {
    let Value::Object(map) = rule else { return };
    for (k, v) in map {
        match (k.as_str(), v) {
            ("And" | "Or", Value::Array(rules)) => {
                for (i, r) in rules.iter().enumerate() {
                    choice_rule(out, r, &format!("{at}/{k}/{i}"));
                }
            }
            ("Not", r) => choice_rule(out, r, &format!("{at}/Not")),
            (op, Value::String(s)) if STRING_OPERATORS.contains(&op) && looks_like_path(s) => {
                no_path(
                    out,
                    &format!("{at}/{}", escape(op)),
                    op,
                    &format!("{op}Path"),
                );
            }
            _ => {}
        }
    }
}

/// `Result` is used as written: keys ending in `.$` and path strings stay literal.
fn static_result(out: &mut Vec<Diagnostic>, result: &Value, at: &str) {
    let warn = |out: &mut Vec<Diagnostic>, at: &str| {
        out.push(Diagnostic::warning(
            codes::PASS_RESULT_IS_STATIC,
            at,
            "a Pass state's 'Result' is static: paths and '.$' keys in it are not evaluated; use 'Parameters' to build a value from the input",
        ));
    };
    if let Value::String(s) = result {
        if looks_like_path(s) {
            warn(out, at);
        }
    }
    crate::value::walk(result, at, |node| {
        if node.key.is_some_and(|k| k.ends_with(".$")) {
            warn(out, &node.pointer);
        }
        true
    });
}
