//! AWS's own warnings about literals that look like paths (JSONPath states):
//! `NO_PATH` (a path written in a field that is not a `…Path` field) and
//! `PASS_RESULT_IS_STATIC` (a path in a Pass state's `Result`). Each such
//! value is used as a literal string, which is rarely what the author meant.
//! The third, `NO_DOLLAR` (a path-like template value under a key without
//! `.$`), is reported by the payload-template walk of the `paths` rules.

use super::paths::looks_like_path;
use crate::StateRef;
use crate::{
    codes, BoolExpr, Condition, Diagnostic, Dynamic, FailCause, FailError, QueryLanguage, State,
};
use serde_json::Value;

pub(super) fn check(states: &[StateRef<'_>], out: &mut Vec<Diagnostic>) {
    for s in states {
        if s.query_language != QueryLanguage::JsonPath {
            continue;
        }
        let p = s.pointer.as_str();
        match s.state {
            State::Pass(x) => {
                if let Some(result) = &x.result {
                    static_result(out, result, &format!("{p}/Result"));
                }
            }
            State::Fail(f) => {
                if let Some(FailError::Error(Dynamic::Value(e))) = &f.error {
                    if looks_like_path(e) {
                        no_path(out, &format!("{p}/Error"), "Error", "ErrorPath");
                    }
                }
                if let Some(FailCause::Cause(Dynamic::Value(c))) = &f.cause {
                    if looks_like_path(c) {
                        no_path(out, &format!("{p}/Cause"), "Cause", "CausePath");
                    }
                }
            }
            State::Choice(c) => {
                for (i, rule) in c.choices.iter().enumerate() {
                    if let Condition::JsonPath(e) = &rule.condition {
                        choice_rule(out, e, &super::walk::item(p, "Choices", i));
                    }
                }
            }
            _ => {}
        }
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
fn choice_rule(out: &mut Vec<Diagnostic>, e: &BoolExpr, at: &str) {
    super::walk::rules(e, at, |at, e| {
        if let BoolExpr::Compare(c) = e {
            if c.operator.string_operand().is_some_and(looks_like_path) {
                let op = c.operator.name();
                no_path(out, &format!("{at}/{op}"), op, &format!("{op}Path"));
            }
        }
    });
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
    super::walk::values(result, at, "", |node| {
        if node.key.is_some_and(|k| k.ends_with(".$")) {
            warn(out, node.pointer);
        }
        true
    });
}
