//! Unknown fields, fields that exclude each other, the field sets of the
//! two query languages (rules A3, A6, B4, K5), and run-time paths where a
//! field takes a literal. Every rule reads the vocabulary
//! ([`crate::vocabulary`]): which fields an object has, their groups and
//! their query languages.

use super::schema;
use crate::pointer::escape;
use crate::vocabulary::{AslObject, Form, Language, Member, ObjectSpec, Seen, Shape, ValueKind};
use crate::StateRef;
use crate::{
    codes, BoolExpr, Choice, Condition, Diagnostic, QueryLanguage, State, StateMachine,
    UnknownFields,
};

const JSONPATH_IN_JSONATA: &str =
    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";

/// Reports every unknown field of an object at `base`: a conflict when it
/// belongs to a group of the object (the member kept is the one `present`,
/// or none), "not supported" otherwise.
fn unknown(
    out: &mut Vec<Diagnostic>,
    base: &str,
    spec: &ObjectSpec,
    fields: &UnknownFields,
    present: &[&str],
) {
    for key in fields.keys() {
        // `key.$` fields of such objects are payload-template fields,
        // checked with the paths.
        if spec.template_keys && key.ends_with(".$") && spec.field(key).is_none() {
            continue;
        }
        let loc = format!("{base}/{}", escape(key));
        let member = spec
            .slots
            .iter()
            .filter(|s| matches!(s.shape, Shape::OneOf(_)))
            .find(|s| s.members.iter().any(|m| m.json == key.as_str()));
        // A field of this object kept here because its value has the wrong
        // kind: the reader reported it already.
        let wrong_kind = spec.field(key).is_some()
            && member.is_none_or(|s| !s.members.iter().any(|m| present.contains(&m.json)));
        if wrong_kind {
            continue;
        }
        let kept = spec
            .slots
            .iter()
            .filter(|s| matches!(s.shape, Shape::OneOf(_)))
            .find(|s| s.members.iter().any(|m| m.json == key.as_str()))
            .map(|s| {
                s.members
                    .iter()
                    .map(|m| m.json)
                    .find(|j| present.contains(j))
                    .unwrap_or("")
            });
        match kept {
            Some(kept) if kept != key.as_str() => out.push(schema(
                loc,
                format!("'{kept}' and '{key}' exclude each other; keep one"),
            )),
            _ => {
                let hint = asl_model::integration::suggest(key, spec.fields().map(|f| f.json))
                    .map(|near| format!("; did you mean '{near}'?"))
                    .unwrap_or_default();
                out.push(schema(loc, format!("field '{key}' is not supported{hint}")));
            }
        }
    }
}

pub(super) fn check(machine: &StateMachine, states: &[StateRef<'_>], out: &mut Vec<Diagnostic>) {
    unknown(out, "", machine.spec(), &machine.unknown_fields, &[]);
    let root_jsonata = machine.query_language == Some(QueryLanguage::Jsonata);
    for s in states {
        let p = s.pointer.as_str();
        let state = s.state;
        if root_jsonata && state.query_language() == Some(QueryLanguage::JsonPath) {
            out.push(schema(p, JSONPATH_IN_JSONATA));
        }
        let mut values = Vec::new();
        objects(out, &mut values, p, state.object(), s.query_language);
        match state {
            State::Parallel(x) if root_jsonata => {
                for (i, b) in x.branches.iter().enumerate() {
                    if b.query_language == Some(QueryLanguage::JsonPath) {
                        out.push(schema(format!("{p}/Branches/{i}"), JSONPATH_IN_JSONATA));
                    }
                }
            }
            State::Map(m)
                if root_jsonata
                    && m.processor.processor().query_language == Some(QueryLanguage::JsonPath) =>
            {
                let pp = format!("{p}/{}", m.processor.field_name());
                out.push(schema(pp, JSONPATH_IN_JSONATA));
            }
            State::Choice(c) => choice(out, p, c),
            _ => {}
        }
        out.extend(values);
    }
}

/// The field rules on a state and the objects in it (not its nested
/// states): unknown fields into `out`, value rules into `values`.
fn objects<'a>(
    out: &mut Vec<Diagnostic>,
    values: &mut Vec<Diagnostic>,
    base: &str,
    root: &'a dyn AslObject,
    ql: QueryLanguage,
) {
    // The pointer grows in place: a pending object keeps the length of its
    // parent's pointer and its step from there (the member, and the index
    // in a list), and the walk is depth-first, so the parent's pointer is
    // still in the buffer when the object is taken.
    type Pending<'a> = (
        usize,
        Option<(&'static str, Option<usize>)>,
        &'a dyn AslObject,
    );
    let mut pointer = base.to_owned();
    let mut stack: Vec<Pending<'a>> = vec![(base.len(), None, root)];
    let mut present: Vec<&'static str> = Vec::new();
    let mut nested: Vec<Pending<'a>> = Vec::new();
    while let Some((len, step, object)) = stack.pop() {
        pointer.truncate(len);
        if let Some((json, index)) = step {
            pointer.push('/');
            pointer.push_str(&escape(json));
            if let Some(i) = index {
                use std::fmt::Write;
                let _ = write!(pointer, "/{i}");
            }
        }
        let at = pointer.as_str();
        let spec = object.spec();
        present.clear();
        object.visit(&mut |seen| match seen {
            Seen::Value { member, form } => {
                present.push(member.json);
                value(values, at, spec, member, form, ql);
            }
            Seen::Object {
                member,
                index,
                object,
            } => {
                present.push(member.json);
                nested.push((at.len(), Some((member.json, index)), object));
            }
        });
        // A Choice Rule's operators exclude each other: see `choice`.
        if spec.name != "ChoiceRule" {
            unknown(out, at, spec, object.unknown_fields(), &present);
        }
        stack.extend(nested.drain(..).rev());
    }
}

/// The rules on one value present: a field of the other query language
/// (by the field's language, or by its JSONata expression), and a run-time
/// path in a field that takes a literal.
fn value(
    out: &mut Vec<Diagnostic>,
    at: &str,
    spec: &ObjectSpec,
    field: &Member,
    form: Form,
    ql: QueryLanguage,
) {
    let json = field.json;
    let loc = || format!("{at}/{}", escape(json));
    if form == Form::Path && field.kind.is_dynamic() {
        // The group's member for a value read from the input.
        let twin = spec
            .slot(json)
            .filter(|s| matches!(s.shape, Shape::OneOf(_)))
            .and_then(|s| {
                let named = |suffix: &str| {
                    s.members
                        .iter()
                        .find(|m| m.json.strip_suffix(suffix) == Some(json))
                };
                named("Path")
                    .or_else(|| named(".$"))
                    .or_else(|| s.members.iter().find(|m| m.kind.is_path()))
            });
        let message = match twin {
            Some(t) => format!(
                "'{json}' takes a literal or a JSONata expression, not a JSONPath (Dynamic::Path); use '{}' to read the value from the input",
                t.json
            ),
            None => format!(
                "'{json}' takes a literal or a JSONata expression, not a JSONPath (Dynamic::Path)"
            ),
        };
        out.push(schema(loc(), message));
    }
    let (only, name) = match field.language {
        Language::Both => return,
        Language::JsonataWhenExpression if form != Form::Jsonata => return,
        Language::JsonataWhenExpression => (QueryLanguage::Jsonata, format!("a JSONata '{json}'")),
        Language::JsonPath => (QueryLanguage::JsonPath, display(field)),
        Language::Jsonata => (QueryLanguage::Jsonata, display(field)),
    };
    if only == ql {
        return;
    }
    let message = match ql {
        QueryLanguage::Jsonata => format!(
            "'{name}' is not supported in a JSONata state; use 'Arguments', 'Output', 'Assign' and {{% %}} expressions"
        ),
        QueryLanguage::JsonPath => format!(
            "{} is not supported in a JSONPath state; set 'QueryLanguage' to 'JSONata' to use it",
            if name.starts_with("a ") {
                name.clone()
            } else {
                format!("'{name}'")
            }
        ),
    };
    out.push(Diagnostic::error(
        codes::QUERY_LANGUAGE_MISMATCH,
        loc(),
        message,
    ));
}

/// How the query-language messages name a field.
fn display(field: &Member) -> String {
    match field.kind {
        ValueKind::Rules | ValueKind::Comparison(_) => "comparison operators".to_owned(),
        _ => field.json.to_owned(),
    }
}

/// The unknown fields of Choice Rules: in a JSONPath rule, a second
/// operator excludes the first.
fn choice(out: &mut Vec<Diagnostic>, p: &str, c: &Choice) {
    // Top-level rules, then nested ones, with an explicit stack.
    let mut stack: Vec<(String, &BoolExpr, &UnknownFields)> = Vec::new();
    for (i, rule) in c.choices.iter().enumerate() {
        // A rule with no unknown field, at any depth, has nothing to report.
        let rp = || super::walk::item(p, "Choices", i);
        match &rule.condition {
            Condition::Jsonata(_) if !rule.unknown_fields.is_empty() => {
                unknown(out, &rp(), rule.spec(), &rule.unknown_fields, &[]);
            }
            Condition::Jsonata(_) => {}
            Condition::JsonPath(e) if !rule.unknown_fields.is_empty() || nested_unknown(e) => {
                stack.push((rp(), e, &rule.unknown_fields));
            }
            Condition::JsonPath(_) => {}
        }
    }
    while let Some((rp, expr, fields)) = stack.pop() {
        let op = expr.operator();
        for key in fields.keys() {
            let loc = format!("{rp}/{}", escape(key));
            if is_operator(key) {
                out.push(schema(
                    loc,
                    format!("a choice rule can only have one comparison operator: '{op}' and '{key}' exclude each other"),
                ));
            } else {
                out.push(schema(loc, format!("field '{key}' is not supported")));
            }
        }
        let nested: Vec<(String, &crate::NestedRule)> = match expr {
            BoolExpr::And(v) | BoolExpr::Or(v) => v
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("{rp}/{op}/{i}"), r))
                .collect(),
            BoolExpr::Not(r) => vec![(format!("{rp}/Not"), r.as_ref())],
            BoolExpr::Compare(_) => Vec::new(),
        };
        for (np, r) in nested.into_iter().rev() {
            stack.push((np, &r.expr, &r.unknown_fields));
        }
    }
}

/// Whether a rule nested in `e`, at any depth, has unknown fields.
fn nested_unknown(e: &BoolExpr) -> bool {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        let nested: &[crate::NestedRule] = match e {
            BoolExpr::And(v) | BoolExpr::Or(v) => v,
            BoolExpr::Not(r) => std::slice::from_ref(r.as_ref()),
            BoolExpr::Compare(_) => &[],
        };
        for r in nested {
            if !r.unknown_fields.is_empty() {
                return true;
            }
            stack.push(&r.expr);
        }
    }
    false
}

fn is_operator(k: &str) -> bool {
    matches!(k, "And" | "Or" | "Not") || crate::Comparator::NAMES.contains(&k)
}
