//! Transitions, reachability, terminal states and state names (rules A7, B1,
//! B2, C3–C6).

use super::schema;
use crate::graph::scopes;
use crate::StateRef;
use crate::{codes, Diagnostic, State, StateMachine, Transition};
use std::collections::HashMap;

/// The longest state name AWS accepts.
pub(crate) const MAX_NAME: usize = 80;

pub(super) fn check(machine: &StateMachine, states: &[StateRef<'_>], out: &mut Vec<Diagnostic>) {
    for scope in scopes(machine) {
        let base = if scope.pointer == "/" {
            ""
        } else {
            scope.pointer.as_str()
        };
        if scope.states.is_empty() {
            out.push(schema(
                format!("{base}/States"),
                "'States' must contain at least one state",
            ));
        } else if !scope.states.contains_key(scope.start_at) {
            out.push(Diagnostic::error(
                codes::MISSING_TRANSITION_TARGET,
                format!("{base}/StartAt"),
                format!(
                    "'StartAt' names no state in this 'States' object: '{}'",
                    scope.start_at
                ),
            ));
        }
        // Dangling targets. An empty name stands for a transition the
        // parser could not read (reported there); reachability is then
        // unknown, so it is not checked.
        let mut unreadable = false;
        for (name, state) in scope.states {
            // Most states name only states of their scope: nothing to say.
            if target_names(state).all(|t| !t.is_empty() && scope.states.contains_key(t)) {
                continue;
            }
            let sp = scope.state_pointer(name);
            for (suffix, target) in state.targets() {
                if target.is_empty() {
                    unreadable = true;
                    out.push(schema(
                        format!("{sp}{suffix}"),
                        "a transition target must be a state name, not an empty string",
                    ));
                } else if !scope.states.contains_key(target) {
                    let field = if suffix.starts_with("/Catch") {
                        "Catch 'Next'"
                    } else if suffix == "/Default" {
                        "'Default'"
                    } else {
                        "'Next'"
                    };
                    out.push(Diagnostic::error(
                        codes::MISSING_TRANSITION_TARGET,
                        format!("{sp}{suffix}"),
                        format!("missing {field} target: '{target}' is not a state of this scope (transitions cannot leave a Parallel branch or Map processor)"),
                    ));
                }
            }
        }
        if scope.states.is_empty() || unreadable {
            continue;
        }
        // Reachability from StartAt, by the states' indexes in `States`.
        let mut seen = vec![false; scope.states.len()];
        let mut stack: Vec<usize> = scope
            .states
            .get_index_of(scope.start_at)
            .into_iter()
            .collect();
        let reached_any = !stack.is_empty();
        while let Some(n) = stack.pop() {
            match seen.get_mut(n) {
                Some(s) if !*s => *s = true,
                _ => continue,
            }
            if let Some((_, s)) = scope.states.get_index(n) {
                for t in target_names(s) {
                    if let Some(j) = scope.states.get_index_of(t) {
                        if !seen.get(j).copied().unwrap_or(true) {
                            stack.push(j);
                        }
                    }
                }
            }
        }
        if reached_any {
            for (name, reached) in scope.states.keys().zip(&seen) {
                if !reached {
                    out.push(Diagnostic::error(
                        codes::UNREACHABLE_STATE,
                        scope.state_pointer(name),
                        format!("state '{name}' is not reachable: no 'StartAt', 'Next', 'Default' or catcher 'Next' names it"),
                    ));
                }
            }
            let terminal = scope
                .states
                .values()
                .zip(&seen)
                .any(|(s, reached)| *reached && s.is_terminal());
            if !terminal {
                out.push(Diagnostic::error(
                    codes::MISSING_END_STATE,
                    if base.is_empty() { "/" } else { base },
                    "no terminal state is reachable: add a Succeed or Fail state, or 'End': true",
                ));
            }
        }
    }
    // Names: unique across the machine, 1..=80 characters.
    let mut first: HashMap<&str, &str> = HashMap::with_capacity(states.len());
    for s in states {
        let len = s.name.chars().count();
        if len == 0 {
            out.push(Diagnostic::error(
                codes::INVALID_STATE_NAME,
                &s.pointer,
                "a state name must not be empty",
            ));
        } else if len > MAX_NAME {
            out.push(Diagnostic::error(
                codes::INVALID_STATE_NAME,
                &s.pointer,
                format!("state name is {len} characters long; the limit is {MAX_NAME}"),
            ));
        }
        match first.get(s.name) {
            Some(p) => out.push(Diagnostic::error(
                codes::DUPLICATE_STATE_NAME,
                &s.pointer,
                format!(
                    "duplicate state name: '{}' (also at {p}); names must be unique across the whole machine",
                    s.name
                ),
            )),
            None => {
                first.insert(s.name, &s.pointer);
            }
        }
    }
}

/// The names [`State::targets`] lists, in its order, without the pointer
/// suffixes (which only a report needs).
fn target_names(state: &State) -> impl Iterator<Item = &str> {
    let next = match state.transition() {
        Some(Transition::Next(n)) => Some(n.as_str()),
        _ => None,
    };
    let (rules, default) = match state {
        State::Choice(c) => (c.choices.as_slice(), c.default.as_deref()),
        _ => (&[][..], None),
    };
    next.into_iter()
        .chain(rules.iter().map(|r| r.next.as_str()))
        .chain(default)
        .chain(state.catchers().iter().map(|c| c.next.as_str()))
}
