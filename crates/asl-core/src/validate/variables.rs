//! Workflow variables (rules M1–M2, asl-reference §8.3): the names `Assign`
//! defines, and which variables each state can read.
//!
//! Scopes: the top level, each Parallel branch and each Map processor. A
//! state reads the variables assigned in its own scope and in the scopes
//! around it, except that a distributed Map's child workflows start with no
//! variables at all. The reference marks the scope facts and the naming
//! rule as uncertain (⚠), so those are warnings; the reserved name `states`
//! is an error.

use crate::intrinsic::{ArgumentValue, IntrinsicCall};
use crate::path::PathRoot;
use crate::pointer::escape;
use crate::{codes, Diagnostic, Jsonata, QueryLanguage, State, StateMachine, States};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;

/// JSONata 2.0.6's function library and the functions Step Functions adds
/// (`$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`). A bare
/// `$string` passed as an argument is a function, not a variable.
const JSONATA_FUNCTIONS: &[&str] = &[
    "abs",
    "append",
    "assert",
    "average",
    "base64decode",
    "base64encode",
    "boolean",
    "ceil",
    "contains",
    "count",
    "decodeUrl",
    "decodeUrlComponent",
    "distinct",
    "each",
    "encodeUrl",
    "encodeUrlComponent",
    "error",
    "eval",
    "exists",
    "filter",
    "floor",
    "formatBase",
    "formatInteger",
    "formatNumber",
    "fromMillis",
    "hash",
    "join",
    "keys",
    "length",
    "lookup",
    "lowercase",
    "map",
    "match",
    "max",
    "merge",
    "millis",
    "min",
    "not",
    "now",
    "number",
    "pad",
    "parse",
    "parseInteger",
    "partition",
    "power",
    "random",
    "range",
    "reduce",
    "replace",
    "reverse",
    "round",
    "shuffle",
    "sift",
    "single",
    "sort",
    "split",
    "spread",
    "sqrt",
    "string",
    "substring",
    "substringAfter",
    "substringBefore",
    "sum",
    "toMillis",
    "trim",
    "type",
    "uppercase",
    "uuid",
    "zip",
];

/// JSONPath-mode fields (outside payload templates) that hold a path.
const PATH_FIELDS: &[&str] = &[
    "InputPath",
    "OutputPath",
    "ItemsPath",
    "SecondsPath",
    "TimestampPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
    "ErrorPath",
    "CausePath",
    "Variable",
    "MaxItemsPath",
    "MaxItemsPerBatchPath",
    "MaxInputBytesPerBatchPath",
];

/// Fields whose value is a payload template (or a literal, for `Result`):
/// inside them only `key.$` values are paths.
const TEMPLATES: &[&str] = &[
    "Parameters",
    "ResultSelector",
    "ItemSelector",
    "Arguments",
    "Assign",
    "Output",
    "BatchInput",
    "Credentials",
    "Result",
];

/// One scope: who encloses it, and what it assigns.
struct Scope {
    parent: Option<usize>,
    /// A distributed Map's processor: nothing outside is visible.
    isolated: bool,
    /// Variable name → pointer of the first `Assign` key that defines it.
    assigned: HashMap<String, String>,
}

/// A variable read: the name, where it is written, and the reading scope.
struct Read {
    name: String,
    location: String,
    scope: usize,
}

/// `doc` is the machine as JSON (`machine.to_value()`).
pub(super) fn check(machine: &StateMachine, doc: &Value, out: &mut Vec<Diagnostic>) {
    let mut scopes = vec![Scope {
        parent: None,
        isolated: false,
        assigned: HashMap::new(),
    }];
    let mut reads = Vec::new();
    let root_ql = machine.query_language.unwrap_or_default();
    let mut stack: Vec<(&States, String, usize, QueryLanguage)> =
        vec![(&machine.states, String::new(), 0, root_ql)];
    while let Some((states, base, scope, inherited)) = stack.pop() {
        for (name, state) in states {
            let p = format!("{base}/States/{}", escape(name));
            let ql = state.query_language().unwrap_or(inherited);
            let Some(value) = doc.pointer(&p) else {
                continue;
            };
            if let Some(sc) = scopes.get_mut(scope) {
                assignments(out, sc, &p, value);
            }
            let mut found = Vec::new();
            let mut pointer = p.clone();
            collect_reads(value, &mut pointer, ql, false, true, &mut found);
            found.retain(|(name, location)| !states_member(out, state, &p, name, location));
            reads.extend(found.into_iter().map(|(name, location)| Read {
                name,
                location,
                scope,
            }));
            for (pointer, isolated, states, own) in nested(state, &p) {
                scopes.push(Scope {
                    parent: Some(scope),
                    isolated,
                    assigned: HashMap::new(),
                });
                stack.push((states, pointer, scopes.len() - 1, own.unwrap_or(ql)));
            }
        }
    }
    for r in &reads {
        resolve(out, &scopes, r);
    }
    shadowing(out, &scopes);
}

/// Checks a `$states.result` / `$states.errorOutput` read (`name` is
/// `states.result` or `states.errorOutput`; anything else is not such a read
/// and gives `false`): `result` exists in the `Output` and `Assign` of a
/// Task, Parallel or Map state, `errorOutput` in a catcher's (§8.2).
fn states_member(
    out: &mut Vec<Diagnostic>,
    state: &State,
    p: &str,
    name: &str,
    location: &str,
) -> bool {
    let Some(member) = name.strip_prefix("states.") else {
        return false;
    };
    let relative = location.get(p.len()..).unwrap_or_default();
    let mut segments = relative.split('/').skip(1);
    let first = segments.next().unwrap_or_default();
    let output_or_assign = |field: &str| matches!(field, "Output" | "Assign");
    let (allowed, where_) = if member == "result" {
        (
            output_or_assign(first)
                && matches!(state, State::Task(_) | State::Parallel(_) | State::Map(_)),
            "the 'Output' and 'Assign' of a Task, Parallel or Map state",
        )
    } else {
        let in_catcher = first == "Catch"
            && segments.next().is_some()
            && segments.next().is_some_and(output_or_assign);
        (in_catcher, "a catcher's 'Output' and 'Assign'")
    };
    if !allowed {
        out.push(Diagnostic::warning(
            codes::VARIABLE_SCOPE,
            location,
            format!("'$states.{member}' is only available in {where_}; here it is undefined"),
        ));
    }
    true
}

/// The scopes directly inside a state: pointer, isolated, states, own query language.
fn nested<'a>(state: &'a State, p: &str) -> Vec<(String, bool, &'a States, Option<QueryLanguage>)> {
    match state {
        State::Parallel(x) => x
            .branches
            .iter()
            .enumerate()
            .map(|(i, b)| {
                (
                    format!("{p}/Branches/{i}"),
                    false,
                    &b.states,
                    b.query_language,
                )
            })
            .collect(),
        State::Map(m) => {
            let proc = m.processor.processor();
            vec![(
                format!("{p}/{}", m.processor.field_name()),
                proc.is_distributed(),
                &proc.states,
                proc.query_language,
            )]
        }
        _ => Vec::new(),
    }
}

/// Records the names a state's `Assign` objects define (the state's own,
/// its Choice rules' and its catchers'), checking each name.
fn assignments(out: &mut Vec<Diagnostic>, scope: &mut Scope, p: &str, state: &Value) {
    let mut objects = Vec::new();
    if let Some(a) = state.get("Assign") {
        objects.push((format!("{p}/Assign"), a));
    }
    for list in ["Choices", "Catch"] {
        if let Some(Value::Array(items)) = state.get(list) {
            for (i, item) in items.iter().enumerate() {
                if let Some(a) = item.get("Assign") {
                    objects.push((format!("{p}/{list}/{i}/Assign"), a));
                }
            }
        }
    }
    for (loc, a) in objects {
        let Value::Object(map) = a else { continue };
        for key in map.keys() {
            let name = key.strip_suffix(".$").unwrap_or(key);
            let at = format!("{loc}/{}", escape(key));
            if name == "states" {
                out.push(super::schema(
                    at.as_str(),
                    "'states' is a reserved variable name",
                ));
            } else if !is_identifier(name) {
                out.push(Diagnostic::warning(
                    codes::INVALID_VARIABLE,
                    at.as_str(),
                    format!("{name:?} is not a valid variable name: it must start with a letter or '_' and go on with letters, digits or '_'"),
                ));
            }
            scope.assigned.entry(name.to_owned()).or_insert(at);
        }
    }
}

/// Unicode identifier rules, approximated with `char::is_alphabetic` (for
/// ID_Start) and `char::is_alphanumeric` (for ID_Continue), plus `_`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// Collects the variables a state value reads, with their pointers. The
/// nested scopes (`Branches`, `ItemProcessor`, `Iterator`) are left to
/// their own states, and `Comment`s are never evaluated.
fn collect_reads(
    v: &Value,
    p: &mut String,
    ql: QueryLanguage,
    in_template: bool,
    top: bool,
    found: &mut Vec<(String, String)>,
) {
    // `p` is the pointer of `v`, grown and truncated in place as the walk
    // goes down and back up: no pointer is allocated unless a read is found.
    let len = p.len();
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if k == "Comment"
                    || (top && matches!(k.as_str(), "Branches" | "ItemProcessor" | "Iterator"))
                {
                    continue;
                }
                p.push('/');
                p.push_str(&escape(k));
                if let (QueryLanguage::JsonPath, Value::String(s)) = (ql, x) {
                    let is_path = k.ends_with(".$")
                        || (!in_template
                            && (PATH_FIELDS.contains(&k.as_str())
                                || (k.ends_with("Path") && k != "ResultPath")));
                    if is_path {
                        jsonpath_reads(s, p, found);
                    }
                } else {
                    let template = in_template || TEMPLATES.contains(&k.as_str());
                    collect_reads(x, p, ql, template, false, found);
                }
                p.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let _ = write!(p, "/{i}");
                collect_reads(x, p, ql, in_template, false, found);
                p.truncate(len);
            }
        }
        Value::String(s) if ql == QueryLanguage::Jsonata && Jsonata::is_expression(s) => {
            let Some(expr) = crate::jsonata::strip_delimiters(s) else {
                return;
            };
            let Ok(ast) = crate::jsonata::parse(expr) else {
                return; // reported by the JSONata rules
            };
            for r in ast.variables() {
                if r.locally_bound {
                    continue;
                }
                if r.name == "states" {
                    // `$states.result` and `$states.errorOutput` exist only in
                    // some fields; recorded under their dotted name.
                    let after = expr.get(r.span.end..).unwrap_or_default();
                    for member in ["result", "errorOutput"] {
                        let rest = after.strip_prefix('.').and_then(|a| a.strip_prefix(member));
                        if rest.is_some_and(|x| {
                            !x.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                        }) {
                            found.push((format!("states.{member}"), p.clone()));
                        }
                    }
                    continue;
                }
                let builtin = JSONATA_FUNCTIONS.contains(&r.name);
                if !builtin && !matches!(r.name, "" | "$") {
                    found.push((r.name.to_owned(), p.clone()));
                }
            }
        }
        _ => {}
    }
}

/// The variables a JSONPath-mode path or intrinsic call reads.
fn jsonpath_reads(s: &str, at: &str, found: &mut Vec<(String, String)>) {
    if crate::intrinsic::looks_like_call(s) {
        if let Ok(call) = crate::intrinsic::parse(s) {
            call_reads(&call, at, found);
        }
    } else if let Ok(path) = crate::path::parse(s) {
        if let PathRoot::Variable(name) = path.root() {
            found.push((name.clone(), at.to_owned()));
        }
    }
}

fn call_reads(call: &IntrinsicCall, at: &str, found: &mut Vec<(String, String)>) {
    for arg in &call.args {
        match &arg.value {
            ArgumentValue::Path(path) => {
                if let PathRoot::Variable(name) = path.root() {
                    found.push((name.clone(), at.to_owned()));
                }
            }
            ArgumentValue::Call(inner) => call_reads(inner, at, found),
            _ => {}
        }
    }
}

/// Warns when no visible scope assigns the variable read.
fn resolve(out: &mut Vec<Diagnostic>, scopes: &[Scope], r: &Read) {
    let mut current = Some(r.scope);
    let mut crossed = false;
    while let Some(i) = current {
        let Some(scope) = scopes.get(i) else { break };
        if scope.assigned.contains_key(&r.name) {
            if crossed {
                out.push(Diagnostic::warning(
                    codes::VARIABLE_SCOPE,
                    r.location.as_str(),
                    format!("'${}' is assigned outside this distributed Map, whose child workflows cannot read outer variables; pass the value in 'ItemSelector'", r.name),
                ));
            }
            return;
        }
        crossed |= scope.isolated;
        current = scope.parent;
    }
    out.push(Diagnostic::warning(
        codes::VARIABLE_SCOPE,
        r.location.as_str(),
        format!(
            "no 'Assign' of this scope or an enclosing one defines '${}'; reading it fails at run time",
            r.name
        ),
    ));
}

/// Warns when a nested scope assigns a name an enclosing scope already
/// assigns (AWS rejects it, per the reference ⚠).
fn shadowing(out: &mut Vec<Diagnostic>, scopes: &[Scope]) {
    for scope in scopes {
        let mut names: Vec<(&String, &String)> = scope.assigned.iter().collect();
        names.sort_by(|a, b| a.1.cmp(b.1));
        for (name, at) in names {
            let mut current = if scope.isolated { None } else { scope.parent };
            while let Some(i) = current {
                let Some(enclosing) = scopes.get(i) else {
                    break;
                };
                if let Some(outer) = enclosing.assigned.get(name) {
                    out.push(Diagnostic::warning(
                        codes::VARIABLE_SCOPE,
                        at.as_str(),
                        format!("'{name}' is already a variable of an enclosing scope (assigned at {outer}); a nested scope may not define it again"),
                    ));
                    break;
                }
                current = if enclosing.isolated {
                    None
                } else {
                    enclosing.parent
                };
            }
        }
    }
}
