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
use crate::jsonata::Expr;
use crate::path::PathRoot;
use crate::pointer::escape;
use crate::{codes, Diagnostic, QueryLanguage, State, StateMachine, States};
use std::collections::HashMap;

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

/// One scope: who encloses it, and what it assigns.
struct Scope {
    parent: Option<usize>,
    /// A distributed Map's processor: nothing outside is visible.
    isolated: bool,
    /// Variable name → pointer of the first `Assign` key that defines it.
    assigned: HashMap<String, String>,
}

/// What the `paths` and `expressions` rules found for the `variables`
/// rules in one state: each variable read `(name, location)`, and (JSONata)
/// each `$states.result` / `$states.errorOutput` member read `(member,
/// location)`.
#[derive(Default)]
pub(super) struct Reads {
    pub(super) vars: Vec<(String, String)>,
    pub(super) members: Vec<(&'static str, String)>,
}

impl Reads {
    pub(super) fn is_empty(&self) -> bool {
        self.vars.is_empty() && self.members.is_empty()
    }
}

/// [`Reads`] by state (by the state's address: the walks of the rule
/// families meet the same `State` values).
pub(super) type ByState = HashMap<*const State, Reads>;

/// A variable read: the name, where it is written, and the reading scope.
struct Read {
    name: String,
    location: String,
    scope: usize,
}

/// `paths` and `expressions` are the variables the paths of each JSONPath
/// state and the `{% %}` expressions of each JSONata state read, as the
/// `paths` and `expressions` rules found them.
pub(super) fn check(
    machine: &StateMachine,
    mut paths: ByState,
    mut expressions: ByState,
    out: &mut Vec<Diagnostic>,
) {
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
            // The state's pointer, built when something needs it.
            let pointer = std::cell::OnceCell::new();
            let p = || {
                pointer
                    .get_or_init(|| format!("{base}/States/{}", escape(name)))
                    .as_str()
            };
            let ql = state.query_language().unwrap_or(inherited);
            let assigns = state.assigns();
            if let (Some(sc), false) = (scopes.get_mut(scope), assigns.is_empty()) {
                assignments(out, sc, p(), assigns);
            }
            let key = std::ptr::from_ref(state);
            let found = match ql {
                QueryLanguage::JsonPath => paths.remove(&key).unwrap_or_default().vars,
                QueryLanguage::Jsonata => {
                    let reads = expressions.remove(&key).unwrap_or_default();
                    for (member, at) in reads.members {
                        states_member(out, state, p(), member, &at);
                    }
                    reads.vars
                }
            };
            reads.extend(found.into_iter().map(|(name, location)| Read {
                name,
                location,
                scope,
            }));
            // A distributed Map's child workflows see no outer variables.
            let isolated =
                matches!(state, State::Map(m) if m.processor.processor().is_distributed());
            if !matches!(state, State::Parallel(_) | State::Map(_)) {
                continue; // no scope inside
            }
            for (pointer, _, states, own) in crate::graph::nested(state, p()) {
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

/// Checks a `$states.result` or `$states.errorOutput` read (`member` is
/// `result` or `errorOutput`): `result` exists in the `Output` and `Assign`
/// of a Task, Parallel or Map state, `errorOutput` in a catcher's (§8.2).
fn states_member(out: &mut Vec<Diagnostic>, state: &State, p: &str, member: &str, location: &str) {
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
}

/// Records the names a state's `Assign` objects define (the state's own,
/// its Choice rules' and its catchers'), checking each name.
fn assignments(
    out: &mut Vec<Diagnostic>,
    scope: &mut Scope,
    p: &str,
    assigns: Vec<(String, &crate::Assign)>,
) {
    for (suffix, assign) in assigns {
        let loc = format!("{p}{suffix}");
        let Some(map) = assign.vars() else {
            out.push(super::schema(
                loc.as_str(),
                format!(
                    "expected an object, found {}",
                    asl_model::de::describe(&asl_model::json::Json::from_value(
                        assign.as_value().clone()
                    ))
                ),
            ));
            continue;
        };
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

/// The variables a `{% %}` expression (without its delimiters) reads, and
/// its `$states.result` / `$states.errorOutput` members (which exist only in
/// some fields), each with `at`.
pub(super) fn jsonata_reads(ast: &Expr, expr: &str, at: &str, reads: &mut Reads) {
    let (found, members) = (&mut reads.vars, &mut reads.members);
    for r in ast.variables() {
        if r.locally_bound {
            continue;
        }
        if r.name == "states" {
            let after = expr.get(r.span.end..).unwrap_or_default();
            for member in ["result", "errorOutput"] {
                let rest = after.strip_prefix('.').and_then(|a| a.strip_prefix(member));
                if rest.is_some_and(|x| !x.starts_with(|c: char| c.is_alphanumeric() || c == '_')) {
                    members.push((member, at.to_owned()));
                }
            }
            continue;
        }
        let builtin = JSONATA_FUNCTIONS.contains(&r.name);
        if !builtin && !matches!(r.name, "" | "$") {
            found.push((r.name.to_owned(), at.to_owned()));
        }
    }
}

/// Whether a JSONPath-mode path or intrinsic call may read a variable:
/// every variable is written `$` and a name's first character, so a string
/// without one reads none ([`jsonpath_reads`] would find nothing).
pub(super) fn may_read(s: &str) -> bool {
    s.match_indices('$').any(|(i, _)| {
        s.get(i + 1..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c == '_' || c.is_alphabetic())
    })
}

/// The variables a JSONPath-mode path or intrinsic call reads.
pub(super) fn jsonpath_reads(s: &str, at: &str, found: &mut Vec<(String, String)>) {
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
