//! Walks that build no `String` per step: the pointer of what they visit
//! lives in one buffer, extended and truncated in place, and a rule copies it
//! only when it reports or keeps something there.

use crate::BoolExpr;
use serde_json::{Map, Value};
use std::fmt::Write;

/// One value met by [`values`]: its pointer (borrowed from the walk's
/// buffer), its key when its parent is an object, that parent (to look at
/// sibling keys), and the value.
pub(super) struct At<'p, 'a> {
    pub pointer: &'p str,
    pub key: Option<&'a str>,
    pub parent: Option<&'a Map<String, Value>>,
    pub value: &'a Value,
}

/// How a pending value is reached from its parent.
pub(super) enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// Extends `pointer` by `step`.
pub(super) fn push_step(pointer: &mut String, step: &Step<'_>) {
    match step {
        Step::Root => {}
        Step::Key(k) => {
            pointer.push('/');
            pointer.push_str(&crate::pointer::escape(k));
        }
        Step::Index(i) => {
            let _ = write!(pointer, "/{i}");
        }
    }
}

/// Visits every value nested in `root` (not `root` itself), as
/// [`crate::walk`] does and in its order: a value's children are visited,
/// then each child for which `visit` returned `true` is descended into, in
/// document order. An explicit stack keeps deep values from overflowing ours.
///
/// `root` is at `{base}{suffix}`.
pub(super) fn values<'a>(
    root: &'a Value,
    base: &str,
    suffix: &str,
    visit: impl FnMut(&At<'_, 'a>) -> bool,
) {
    let mut pointer = String::with_capacity(base.len() + suffix.len() + 32);
    pointer.push_str(base);
    pointer.push_str(suffix);
    let mut w = Walker {
        stack: vec![(pointer.len(), Step::Root, root)],
        pointer,
        visit,
    };
    w.run();
}

/// [`values`] on an object held as a map (an `Assign`), without building a
/// `Value` around it.
pub(super) fn members<'a>(
    map: &'a Map<String, Value>,
    base: &str,
    visit: impl FnMut(&At<'_, 'a>) -> bool,
) {
    let mut w = Walker {
        pointer: String::from(base),
        stack: Vec::new(),
        visit,
    };
    w.members(map);
    w.run();
}

/// The state of [`values`]: the pointer buffer and the values still to
/// descend into, each with the length of its parent's pointer (still in the
/// buffer when the value is taken: the walk is depth-first).
struct Walker<'a, F> {
    pointer: String,
    stack: Vec<(usize, Step<'a>, &'a Value)>,
    visit: F,
}

impl<'a, F: FnMut(&At<'_, 'a>) -> bool> Walker<'a, F> {
    fn run(&mut self) {
        while let Some((len, step, v)) = self.stack.pop() {
            self.pointer.truncate(len);
            push_step(&mut self.pointer, &step);
            match v {
                Value::Object(map) => self.members(map),
                Value::Array(items) => {
                    let (own, mark) = (self.pointer.len(), self.stack.len());
                    for (i, child) in items.iter().enumerate() {
                        self.child(own, Step::Index(i), None, child);
                    }
                    self.pending_in_order(own, mark);
                }
                _ => {}
            }
        }
    }

    /// Visits the members of the object whose pointer is in the buffer.
    fn members(&mut self, map: &'a Map<String, Value>) {
        let (own, mark) = (self.pointer.len(), self.stack.len());
        for (k, child) in map {
            self.child(own, Step::Key(k), Some(map), child);
        }
        self.pending_in_order(own, mark);
    }

    /// Visits one child of the value whose pointer is `own` bytes long.
    fn child(
        &mut self,
        own: usize,
        step: Step<'a>,
        parent: Option<&'a Map<String, Value>>,
        value: &'a Value,
    ) {
        self.pointer.truncate(own);
        push_step(&mut self.pointer, &step);
        let key = match step {
            Step::Key(k) => Some(k),
            _ => None,
        };
        let at = At {
            pointer: &self.pointer,
            key,
            parent,
            value,
        };
        if (self.visit)(&at) && matches!(value, Value::Object(_) | Value::Array(_)) {
            self.stack.push((own, step, value));
        }
    }

    /// Restores the buffer to the parent's pointer and puts the children
    /// pushed since `mark` in the order they are to be taken.
    fn pending_in_order(&mut self, own: usize, mark: usize) {
        self.pointer.truncate(own);
        if let Some(pending) = self.stack.get_mut(mark..) {
            pending.reverse();
        }
    }
}

/// A step from a rule to a nested one: `/And/i`, `/Or/i` or `/Not`.
type RuleStep = Option<(&'static str, Option<usize>)>;

/// A Choice rule's expression and the rules nested in it, pre-order, each
/// with its pointer, as [`BoolExpr::walk`] lists them.
pub(super) fn rules(e: &BoolExpr, base: &str, mut visit: impl FnMut(&str, &BoolExpr)) {
    let mut pointer = String::from(base);
    // (length of the parent's pointer, the step from it, the rule).
    let mut stack: Vec<(usize, RuleStep, &BoolExpr)> = vec![(base.len(), None, e)];
    while let Some((len, step, e)) = stack.pop() {
        pointer.truncate(len);
        if let Some((op, index)) = step {
            pointer.push('/');
            pointer.push_str(op);
            if let Some(i) = index {
                let _ = write!(pointer, "/{i}");
            }
        }
        let own = pointer.len();
        match e {
            BoolExpr::And(rules) | BoolExpr::Or(rules) => {
                for (i, r) in rules.iter().enumerate().rev() {
                    stack.push((own, Some((e.operator(), Some(i))), &r.expr));
                }
            }
            BoolExpr::Not(r) => stack.push((own, Some(("Not", None)), &r.expr)),
            BoolExpr::Compare(_) => {}
        }
        visit(&pointer, e);
    }
}

/// `{p}/{field}/{i}` (`/States/C/Choices/0`), built without `format!`.
pub(super) fn item(p: &str, field: &str, i: usize) -> String {
    let mut s = String::with_capacity(p.len() + field.len() + 6);
    s.push_str(p);
    s.push('/');
    s.push_str(field);
    let _ = write!(s, "/{i}");
    s
}
