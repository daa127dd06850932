//! Walking a machine: its scopes (the root, each Parallel branch, each Map
//! processor) and every state in them, with JSON pointers.

use crate::pointer::escape;
use crate::{QueryLanguage, State, StateMachine, States};

/// One `States` object with its `StartAt`.
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    /// JSON pointer of the object that holds `StartAt` and `States` (`/` for the root).
    pub pointer: String,
    /// `StartAt`.
    pub start_at: &'a str,
    /// `States`.
    pub states: &'a States,
    /// The query language in force for states that do not set their own.
    pub query_language: QueryLanguage,
    /// How many Parallel/Map states enclose this scope (0 for the root).
    pub depth: usize,
}

/// A state found by [`StateMachine::walk`].
#[derive(Debug, Clone)]
pub struct StateRef<'a> {
    /// The state's name.
    pub name: &'a str,
    /// JSON pointer of the state (`/States/Name` at the top level).
    pub pointer: String,
    /// The state.
    pub state: &'a State,
    /// The query language in force for the state.
    pub query_language: QueryLanguage,
    /// How many Parallel/Map states enclose it.
    pub depth: usize,
}

impl Scope<'_> {
    /// Pointer of a state in this scope.
    pub fn state_pointer(&self, name: &str) -> String {
        let base = if self.pointer == "/" {
            ""
        } else {
            self.pointer.as_str()
        };
        state_pointer(base, name)
    }
}

/// Every scope of a machine, the root first, then nested ones in document order.
pub fn scopes(machine: &StateMachine) -> Vec<Scope<'_>> {
    let root = Scope {
        pointer: "/".to_owned(),
        start_at: &machine.start_at,
        states: &machine.states,
        query_language: machine.query_language.unwrap_or_default(),
        depth: 0,
    };
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(scope) = stack.pop() {
        let mut children = Vec::new();
        for (name, state) in scope.states {
            if !matches!(state, State::Parallel(_) | State::Map(_)) {
                continue; // no scope inside
            }
            let ql = state.query_language().unwrap_or(scope.query_language);
            let sp = scope.state_pointer(name);
            for (pointer, start_at, states, own_ql) in nested(state, &sp) {
                children.push(Scope {
                    pointer,
                    start_at,
                    states,
                    query_language: own_ql.unwrap_or(ql),
                    depth: scope.depth + 1,
                });
            }
        }
        out.push(scope);
        stack.extend(children.into_iter().rev());
    }
    out
}

/// A scope directly inside a state: the pointer of its `StartAt`/`States`
/// object, `StartAt`, `States`, and its own `QueryLanguage`.
pub(crate) type Nested<'a> = (String, &'a str, &'a States, Option<QueryLanguage>);

/// The scopes directly inside one state.
pub(crate) fn nested<'a>(state: &'a State, pointer: &str) -> Vec<Nested<'a>> {
    match state {
        State::Parallel(p) => p
            .branches
            .iter()
            .enumerate()
            .map(|(i, b)| {
                (
                    branch_pointer(pointer, i),
                    b.start_at.as_str(),
                    &b.states,
                    b.query_language,
                )
            })
            .collect(),
        State::Map(m) => {
            let p = m.processor.processor();
            vec![(
                format!("{pointer}/{}", m.processor.field_name()),
                p.start_at.as_str(),
                &p.states,
                p.query_language,
            )]
        }
        _ => Vec::new(),
    }
}

/// `{pointer}/Branches/{i}`, built without `format!`.
fn branch_pointer(pointer: &str, i: usize) -> String {
    use std::fmt::Write;
    let mut p = String::with_capacity(pointer.len() + "/Branches/".len() + 4);
    p.push_str(pointer);
    p.push_str("/Branches/");
    let _ = write!(p, "{i}");
    p
}

/// `{base}/States/{name}`, the name escaped, built without `format!`.
fn state_pointer(base: &str, name: &str) -> String {
    let name = escape(name);
    let mut p = String::with_capacity(base.len() + "/States/".len() + name.len());
    p.push_str(base);
    p.push_str("/States/");
    p.push_str(&name);
    p
}

/// Every state of a machine, nested ones included, in document order: each
/// state is followed by the states nested in it.
pub fn walk(machine: &StateMachine) -> impl Iterator<Item = StateRef<'_>> {
    states(machine).into_iter()
}

/// [`walk`], as a vector (the validator walks once and shares it).
pub(crate) fn states(machine: &StateMachine) -> Vec<StateRef<'_>> {
    let mut out = Vec::new();
    // Pre-order depth-first with an explicit stack, so deep nesting cannot
    // overflow ours.
    let mut stack = Vec::new();
    push_states(
        &mut stack,
        &machine.states,
        "",
        machine.query_language.unwrap_or_default(),
        0,
    );
    while let Some(item) = stack.pop() {
        let children = nested(item.state, &item.pointer);
        let ql = item.query_language;
        let depth = item.depth;
        for (pointer, _, states, own) in children.into_iter().rev() {
            push_states(&mut stack, states, &pointer, own.unwrap_or(ql), depth + 1);
        }
        out.push(item);
    }
    out
}

fn push_states<'a>(
    stack: &mut Vec<StateRef<'a>>,
    states: &'a States,
    base: &str,
    ql: QueryLanguage,
    depth: usize,
) {
    for (name, state) in states.iter().rev() {
        stack.push(StateRef {
            name,
            pointer: state_pointer(base, name),
            state,
            query_language: state.query_language().unwrap_or(ql),
            depth,
        });
    }
}
