//! Choice states (rules F1–F3): non-empty `Choices`, non-empty `And`/`Or`,
//! RFC 3339 timestamp operands.

use super::{is_rfc3339, schema};
use crate::{BoolExpr, Comparator, Condition, Diagnostic, State, StateMachine};

pub(super) fn check(machine: &StateMachine, out: &mut Vec<Diagnostic>) {
    for s in machine.walk() {
        let State::Choice(c) = s.state else {
            continue;
        };
        let p = s.pointer.as_str();
        if c.choices.is_empty() {
            out.push(schema(
                format!("{p}/Choices"),
                "'Choices' must contain at least one choice rule",
            ));
        }
        for (i, rule) in c.choices.iter().enumerate() {
            let Condition::JsonPath(e) = &rule.condition else {
                continue;
            };
            let mut stack = vec![(format!("{p}/Choices/{i}"), e)];
            while let Some((rp, e)) = stack.pop() {
                match e {
                    BoolExpr::And(v) | BoolExpr::Or(v) => {
                        let op = if matches!(e, BoolExpr::And(_)) {
                            "And"
                        } else {
                            "Or"
                        };
                        if v.is_empty() {
                            out.push(schema(
                                format!("{rp}/{op}"),
                                format!("'{op}' must contain at least one rule"),
                            ));
                        }
                        for (j, r) in v.iter().enumerate().rev() {
                            stack.push((format!("{rp}/{op}/{j}"), &r.expr));
                        }
                    }
                    BoolExpr::Not(r) => stack.push((format!("{rp}/Not"), &r.expr)),
                    BoolExpr::Compare(c) => {
                        if let Some(ts) = timestamp(&c.operator) {
                            if !is_rfc3339(ts) {
                                let name = c.operator.name();
                                out.push(schema(
                                    format!("{rp}/{name}"),
                                    format!("'{name}' must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, found {ts:?}"),
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
}

fn timestamp(c: &Comparator) -> Option<&str> {
    use Comparator as C;
    match c {
        C::TimestampEquals(s)
        | C::TimestampLessThan(s)
        | C::TimestampGreaterThan(s)
        | C::TimestampLessThanEquals(s)
        | C::TimestampGreaterThanEquals(s) => Some(s),
        _ => None,
    }
}
