//! Choice states (rules F1–F3): non-empty `Choices`, non-empty `And`/`Or`,
//! RFC 3339 timestamp operands.

use super::{is_rfc3339, schema};
use crate::StateRef;
use crate::{BoolExpr, Comparator, Condition, Diagnostic, State};

pub(super) fn check(states: &[StateRef<'_>], out: &mut Vec<Diagnostic>) {
    for s in states {
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
            super::walk::rules(e, &super::walk::item(p, "Choices", i), |rp, e| match e {
                BoolExpr::And(v) | BoolExpr::Or(v) if v.is_empty() => {
                    let op = if matches!(e, BoolExpr::And(_)) {
                        "And"
                    } else {
                        "Or"
                    };
                    out.push(schema(
                        format!("{rp}/{op}"),
                        format!("'{op}' must contain at least one rule"),
                    ));
                }
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
                _ => {}
            });
        }
    }
}

/// The literal operand of a `Timestamp…` operator.
fn timestamp(c: &Comparator) -> Option<&str> {
    c.string_operand()
        .filter(|_| c.name().starts_with("Timestamp"))
}
