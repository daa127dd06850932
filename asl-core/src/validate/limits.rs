//! Limits (§9 of the reference) and the state-level rules of Wait and
//! Parallel: definition size, timeouts, Wait durations, non-empty
//! `Branches`.

use super::task::MAX_SECONDS;
use super::{is_rfc3339, schema};
use crate::StateRef;
use crate::{codes, Diagnostic, Dynamic, State, StateMachine, WaitDuration};

/// The longest definition AWS accepts, in characters.
pub const MAX_DEFINITION_CHARS: usize = 1_048_576;

/// Rules on the text itself.
pub(super) fn text(text: &str, out: &mut Vec<Diagnostic>) {
    if text.len() > MAX_DEFINITION_CHARS {
        let n = text.chars().count();
        if n > MAX_DEFINITION_CHARS {
            out.push(Diagnostic::error(
                codes::LIMIT_EXCEEDED,
                "/",
                format!(
                    "the definition is {n} characters long; the limit is {MAX_DEFINITION_CHARS}"
                ),
            ));
        }
    }
}

pub(super) fn check(machine: &StateMachine, states: &[StateRef<'_>], out: &mut Vec<Diagnostic>) {
    if let Some(n) = machine.timeout_seconds {
        if n > MAX_SECONDS {
            out.push(schema(
                "/TimeoutSeconds",
                format!("'TimeoutSeconds' must be at most {MAX_SECONDS}, found {n}"),
            ));
        }
    }
    for s in states {
        let p = s.pointer.as_str();
        match s.state {
            State::Wait(w) => match &w.duration {
                WaitDuration::Seconds(Dynamic::Value(n)) if *n > MAX_SECONDS => {
                    out.push(schema(
                        format!("{p}/Seconds"),
                        format!("'Seconds' must be at most {MAX_SECONDS}, found {n}"),
                    ));
                }
                WaitDuration::Timestamp(Dynamic::Value(t)) if !is_rfc3339(t) => {
                    out.push(schema(
                        format!("{p}/Timestamp"),
                        format!("'Timestamp' must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z (string does not match RFC3339 timestamp), found {t:?}"),
                    ));
                }
                _ => {}
            },
            State::Parallel(x) if x.branches.is_empty() => {
                out.push(schema(
                    format!("{p}/Branches"),
                    "'Branches' must contain at least one branch (value cannot be empty)",
                ));
            }
            _ => {}
        }
    }
}
