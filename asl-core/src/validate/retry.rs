//! `Retry` and `Catch` (rules E1–E3).

use super::schema;
use crate::StateRef;
use crate::{Diagnostic, STATES_ALL};

/// The largest `MaxDelaySeconds`.
const MAX_DELAY: u64 = 31_622_400;
/// The largest `IntervalSeconds` and `MaxAttempts`.
const MAX_COUNT: u64 = 99_999_999;

pub(super) fn check(states: &[StateRef<'_>], out: &mut Vec<Diagnostic>) {
    for s in states {
        let p = s.pointer.as_str();
        let retriers = s.state.retriers();
        for (i, r) in retriers.iter().enumerate() {
            let rp = handler(
                out,
                p,
                ("Retry", "retrier"),
                (i, retriers.len()),
                &r.error_equals,
            );
            if let Some(n) = r.interval_seconds {
                if n == 0 || n > MAX_COUNT {
                    out.push(schema(
                        format!("{rp}/IntervalSeconds"),
                        format!("'IntervalSeconds' must be from 1 to {MAX_COUNT}, found {n}"),
                    ));
                }
            }
            if let Some(n) = r.max_attempts {
                if n > MAX_COUNT {
                    out.push(schema(
                        format!("{rp}/MaxAttempts"),
                        format!("'MaxAttempts' must be from 0 to {MAX_COUNT}, found {n}"),
                    ));
                }
            }
            if let Some(b) = &r.backoff_rate {
                if b.as_f64().is_some_and(|f| f < 1.0) {
                    out.push(schema(
                        format!("{rp}/BackoffRate"),
                        format!("'BackoffRate' must be at least 1.0, found {b}"),
                    ));
                }
            }
            if let Some(n) = r.max_delay_seconds {
                if n == 0 || n > MAX_DELAY {
                    out.push(schema(
                        format!("{rp}/MaxDelaySeconds"),
                        format!("'MaxDelaySeconds' must be from 1 to {MAX_DELAY}, found {n}"),
                    ));
                }
            }
        }
        let catchers = s.state.catchers();
        for (i, c) in catchers.iter().enumerate() {
            handler(
                out,
                p,
                ("Catch", "catcher"),
                (i, catchers.len()),
                &c.error_equals,
            );
        }
    }
}

/// The pointer of the `i`th of `len` retriers or catchers (`field` and
/// `what` name which) of the state at `p`, after checking its `ErrorEquals`.
fn handler(
    out: &mut Vec<Diagnostic>,
    p: &str,
    (field, what): (&str, &str),
    (i, len): (usize, usize),
    names: &[String],
) -> String {
    let at = super::walk::item(p, field, i);
    errors(out, &at, names, i + 1 == len, what);
    at
}

/// `ErrorEquals`: non-empty; `States.ALL` alone and in the last element.
fn errors(out: &mut Vec<Diagnostic>, p: &str, names: &[String], last: bool, what: &str) {
    let loc = || format!("{p}/ErrorEquals");
    if names.is_empty() {
        out.push(schema(
            loc(),
            "'ErrorEquals' must contain at least one error name",
        ));
    }
    if let Some(j) = names.iter().position(|n| n == STATES_ALL) {
        if names.len() > 1 {
            out.push(schema(
                format!("{}/{j}", loc()),
                "'States.ALL' must appear alone in 'ErrorEquals'",
            ));
        }
        if !last {
            out.push(schema(
                format!("{}/{j}", loc()),
                format!("a {what} whose 'ErrorEquals' holds 'States.ALL' must be the last one"),
            ));
        }
    }
}
