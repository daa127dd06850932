//! The checks jsonata-js makes after parsing, while it rewrites the tree
//! into location paths (`processAST` in `parser.js`):
//!
//! - a number or `true`/`false`/`null` cannot be a path step (S0213);
//! - a predicate cannot follow a group-by on the same step (S0209), and a
//!   step has at most one group-by (S0210);
//! - `@$v` must come before the step's predicates (S0215) and cannot follow
//!   an order-by (S0216);
//! - every parent operator `%` must resolve to an enclosing step (S0217).
//!
//! The rewrite itself is not needed, so this module replays only the parts
//! that decide those errors: which processed nodes are paths, which steps
//! carry a group, predicates or a focus binding, and the "slots" through
//! which `%` looks for its ancestor step.

use std::cell::RefCell;
use std::rc::Rc;

use super::ast::{BinaryOp, Expr, SortTerm};
use super::error::JsonataError;

/// jsonata-js's `seekingParent` arrays: shared and mutated in place, so they
/// are shared here too. Each entry is an index into [`Checker::levels`].
type Slots = Rc<RefCell<Vec<usize>>>;

fn slots(ids: Vec<usize>) -> Slots {
    Rc::new(RefCell::new(ids))
}

/// The processed node types that matter to the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Path,
    Name,
    Wildcard,
    Parent,
    Block,
    Str,
    Number,
    /// `true`, `false` or `null`.
    Value,
    Sort,
    Other,
}

/// A node of the processed tree, reduced to what the checks read.
struct Node {
    kind: Kind,
    offset: usize,
    /// Path steps (for [`Kind::Path`]).
    steps: Vec<Node>,
    /// The last expression of a block (for [`Kind::Block`]).
    last: Option<Box<Node>>,
    group: bool,
    /// Has predicates or stages.
    filtered: bool,
    focus: bool,
    seeking: Option<Slots>,
    /// The slot of a parent operator (for [`Kind::Parent`]).
    slot: usize,
}

impl Node {
    fn new(kind: Kind, offset: usize) -> Self {
        Node {
            kind,
            offset,
            steps: Vec::new(),
            last: None,
            group: false,
            filtered: false,
            focus: false,
            seeking: None,
            slot: 0,
        }
    }

    fn path_of(step: Node) -> Node {
        let mut path = Node::new(Kind::Path, step.offset);
        path.steps.push(step);
        path
    }

    /// Runs `f` on the last step of a path, or on the node itself.
    fn with_step<R>(&mut self, f: impl FnOnce(&mut Node) -> R) -> R {
        if self.kind == Kind::Path {
            if let Some(last) = self.steps.last_mut() {
                return f(last);
            }
        }
        f(self)
    }

    /// `pushAncestry(this, value)`.
    fn push_ancestry(&mut self, value: &Node) {
        if value.seeking.is_none() && value.kind != Kind::Parent {
            return;
        }
        let list = value.seeking.clone().unwrap_or_else(|| slots(Vec::new()));
        if value.kind == Kind::Parent {
            list.borrow_mut().push(value.slot);
        }
        match &self.seeking {
            None => self.seeking = Some(list),
            Some(own) => {
                let items: Vec<usize> = list.borrow().clone();
                own.borrow_mut().extend(items);
            }
        }
    }
}

/// Runs the post-parse checks on a parsed expression.
pub(crate) fn check(expr: &Expr) -> Result<(), JsonataError> {
    let mut checker = Checker {
        levels: Vec::new(),
        out: Vec::new(),
    };
    checker.process(expr)?;
    let root = checker.pop(expr.offset());
    if root.kind == Kind::Parent || root.seeking.is_some() {
        return Err(parent_error(root.offset));
    }
    Ok(())
}

fn parent_error(offset: usize) -> JsonataError {
    JsonataError::new(
        offset,
        Some("S0217"),
        "the parent operator '%' has no enclosing step to refer to here",
    )
}

struct Checker {
    /// How many steps up each parent slot still has to climb.
    levels: Vec<i64>,
    /// Processed nodes: [`Checker::process`] pushes its result here rather
    /// than returning it, which keeps the recursion's stack frames small.
    out: Vec<Node>,
}

impl Checker {
    /// The node pushed by the last `process`; never missing in practice.
    fn pop(&mut self, offset: usize) -> Node {
        self.out
            .pop()
            .unwrap_or_else(|| Node::new(Kind::Other, offset))
    }

    fn level(&self, id: usize) -> i64 {
        self.levels.get(id).copied().unwrap_or(0)
    }

    fn adjust(&mut self, id: usize, by: i64) {
        if let Some(level) = self.levels.get_mut(id) {
            *level += by;
        }
    }

    /// `processAST(expr)`, reduced to what the checks need; pushes the
    /// processed node onto `out`. Each kind of node is handled by its own
    /// function, and this one only dispatches, so that the recursion uses
    /// little stack per level even in unoptimized builds.
    fn process(&mut self, expr: &Expr) -> Result<(), JsonataError> {
        let offset = expr.offset();
        match expr {
            Expr::Path { lhs, rhs, .. } => self.path(lhs, rhs),
            Expr::Filter { lhs, predicate, .. } => self.filter(lhs, predicate),
            Expr::Group { lhs, pairs, .. } => self.group(lhs, pairs),
            Expr::Sort { lhs, terms, .. } => self.sort(lhs, terms),
            Expr::Focus { lhs, .. } => self.focus(lhs),
            Expr::Index { lhs, .. } => self.index(lhs),
            Expr::Negate { operand, .. } => self.negate(operand, offset),
            Expr::KeepArray { operand, .. } => self.process(operand),
            Expr::Binary {
                op: BinaryOp::Apply,
                lhs,
                rhs,
                ..
            } => self.unrelated(&[lhs, rhs], offset),
            // `??` and `?:` become conditions in jsonata-js whose test and
            // `then` branch are both the left side; processing it once gives
            // the same errors and the same parent slots.
            Expr::Binary { lhs, rhs, .. }
            | Expr::Range {
                start: lhs,
                end: rhs,
                ..
            } => self.combined(&[lhs, rhs], offset),
            Expr::Bind { value, .. } => self.combined(&[value], offset),
            Expr::Array { items, .. } => self.combined_list(items, offset),
            Expr::Object { pairs, .. } => self.combined_pairs(pairs, offset),
            Expr::Condition {
                condition,
                then,
                otherwise,
                ..
            } => match otherwise {
                Some(otherwise) => self.combined(&[condition, then, otherwise], offset),
                None => self.combined(&[condition, then], offset),
            },
            Expr::Call { callee, args, .. } => self.call(callee, args, offset),
            Expr::Lambda { body, .. } => self.unrelated(&[body], offset),
            Expr::Transform {
                pattern,
                update,
                delete,
                ..
            } => match delete {
                Some(delete) => self.unrelated(&[pattern, update, delete], offset),
                None => self.unrelated(&[pattern, update], offset),
            },
            Expr::Block { exprs, .. } => self.block(exprs, offset),
            Expr::Name { .. } => self.leaf(Kind::Name, offset),
            Expr::Parent { .. } => self.parent(offset),
            Expr::String { .. } => self.leaf(Kind::Str, offset),
            Expr::Number { .. } => self.leaf(Kind::Number, offset),
            Expr::Bool { .. } | Expr::Null { .. } => self.leaf(Kind::Value, offset),
            Expr::Wildcard { .. } => self.leaf(Kind::Wildcard, offset),
            Expr::Descendants { .. }
            | Expr::Variable { .. }
            | Expr::Regex { .. }
            | Expr::Placeholder { .. } => self.leaf(Kind::Other, offset),
        }
    }

    /// A node without parts; a name becomes a one-step path.
    fn leaf(&mut self, kind: Kind, offset: usize) -> Result<(), JsonataError> {
        let node = Node::new(kind, offset);
        self.out.push(if kind == Kind::Name {
            Node::path_of(node)
        } else {
            node
        });
        Ok(())
    }

    /// `%`: a new parent slot that has to climb one step.
    fn parent(&mut self, offset: usize) -> Result<(), JsonataError> {
        let mut node = Node::new(Kind::Parent, offset);
        node.slot = self.levels.len();
        self.levels.push(1);
        self.out.push(node);
        Ok(())
    }

    fn combined_list(&mut self, items: &[Expr], offset: usize) -> Result<(), JsonataError> {
        let count = self.process_all(items)?;
        self.finish_combined(count, offset);
        Ok(())
    }

    fn combined_pairs(
        &mut self,
        pairs: &[(Expr, Expr)],
        offset: usize,
    ) -> Result<(), JsonataError> {
        let count = self.process_all(pairs.iter().flat_map(|(k, v)| [k, v]))?;
        self.finish_combined(count, offset);
        Ok(())
    }

    /// A node whose parts may hold parent operators that it passes on
    /// (operators, constructors, conditions, bindings).
    fn combined(&mut self, parts: &[&Expr], offset: usize) -> Result<(), JsonataError> {
        let count = self.process_all(parts.iter().copied())?;
        self.finish_combined(count, offset);
        Ok(())
    }

    /// Processes `parts` in order; how many there were.
    fn process_all<'e>(
        &mut self,
        parts: impl IntoIterator<Item = &'e Expr>,
    ) -> Result<usize, JsonataError> {
        let mut count = 0;
        for part in parts {
            self.process(part)?;
            count += 1;
        }
        Ok(count)
    }

    /// Pops `count` processed parts and pushes a node that inherits their
    /// parent slots.
    fn finish_combined(&mut self, count: usize, offset: usize) {
        let parts = self.out.split_off(self.out.len().saturating_sub(count));
        let mut result = Node::new(Kind::Other, offset);
        for part in &parts {
            result.push_ancestry(part);
        }
        self.out.push(result);
    }

    /// A call: the arguments pass parent operators on, the callee does not.
    fn call(&mut self, callee: &Expr, args: &[Expr], offset: usize) -> Result<(), JsonataError> {
        let count = self.process_all(args)?;
        self.process(callee)?;
        self.out.pop();
        self.finish_combined(count, offset);
        Ok(())
    }

    /// A node whose parts are checked on their own (lambda bodies, `~>`
    /// operands, transforms).
    fn unrelated(&mut self, parts: &[&Expr], offset: usize) -> Result<(), JsonataError> {
        for part in parts {
            self.process(part)?;
            self.out.pop();
        }
        self.out.push(Node::new(Kind::Other, offset));
        Ok(())
    }

    /// `lhs.rhs`: flattens into a path and resolves parent operators.
    fn path(&mut self, lhs: &Expr, rhs: &Expr) -> Result<(), JsonataError> {
        self.process(lhs)?;
        self.process(rhs)?;
        self.finish_path(lhs.offset())
    }

    fn finish_path(&mut self, offset: usize) -> Result<(), JsonataError> {
        let rest = self.pop(offset);
        let lstep = self.pop(offset);
        let mut result = if lstep.kind == Kind::Path {
            lstep
        } else {
            let parent = (lstep.kind == Kind::Parent).then_some(lstep.slot);
            let mut path = Node::path_of(lstep);
            if let Some(slot) = parent {
                path.seeking = Some(slots(vec![slot]));
            }
            path
        };
        if rest.kind == Kind::Path {
            result.steps.extend(rest.steps);
        } else {
            result.steps.push(rest);
        }
        for step in &mut result.steps {
            match step.kind {
                Kind::Number | Kind::Value => {
                    return Err(JsonataError::new(
                        step.offset,
                        Some("S0213"),
                        "a number, true, false or null cannot be a step in a path; \
                         quote a field name with backticks",
                    ));
                }
                Kind::Str => step.kind = Kind::Name,
                _ => {}
            }
        }
        self.resolve_ancestry(&mut result)?;
        self.out.push(result);
        Ok(())
    }

    /// `lhs[predicate]`
    fn filter(&mut self, lhs: &Expr, predicate: &Expr) -> Result<(), JsonataError> {
        self.process(lhs)?;
        self.start_filter(lhs)?;
        self.process(predicate)?;
        self.finish_filter(lhs.offset())
    }

    /// Marks the step on top of `out` as filtered; a grouped step cannot be.
    fn start_filter(&mut self, lhs: &Expr) -> Result<(), JsonataError> {
        let grouped = self.out.last_mut().is_some_and(|result| {
            result.with_step(|step| {
                step.filtered = true;
                step.group
            })
        });
        if grouped {
            return Err(JsonataError::new(
                lhs.span().end,
                Some("S0209"),
                "a predicate cannot follow a grouping expression in a step",
            ));
        }
        Ok(())
    }

    /// Resolves the predicate's parent slots against the filtered step.
    fn finish_filter(&mut self, offset: usize) -> Result<(), JsonataError> {
        let predicate = self.pop(offset);
        let mut result = self.pop(offset);
        if let Some(list) = &predicate.seeking {
            let ids: Vec<usize> = list.borrow().clone();
            result.with_step(|step| -> Result<(), JsonataError> {
                for id in ids {
                    if self.level(id) == 1 {
                        self.seek_parent(step, id)?;
                    } else {
                        self.adjust(id, -1);
                    }
                }
                step.push_ancestry(&predicate);
                Ok(())
            })?;
        }
        self.out.push(result);
        Ok(())
    }

    /// `lhs{key: value, …}`
    fn group(&mut self, lhs: &Expr, pairs: &[(Expr, Expr)]) -> Result<(), JsonataError> {
        self.process(lhs)?;
        self.start_group(lhs)?;
        for (key, value) in pairs {
            self.process(key)?;
            self.out.pop();
            self.process(value)?;
            self.out.pop();
        }
        if let Some(result) = self.out.last_mut() {
            result.group = true;
        }
        Ok(())
    }

    /// A step can have only one group-by.
    fn start_group(&self, lhs: &Expr) -> Result<(), JsonataError> {
        if self.out.last().is_some_and(|result| result.group) {
            return Err(JsonataError::new(
                lhs.span().end,
                Some("S0210"),
                "each step can have only one grouping expression",
            ));
        }
        Ok(())
    }

    /// `lhs^(terms…)`: appends a sort step.
    fn sort(&mut self, lhs: &Expr, terms: &[SortTerm]) -> Result<(), JsonataError> {
        self.process(lhs)?;
        let count = self.process_all(terms.iter().map(|t| &t.expr))?;
        self.finish_sort(count, lhs.span().end)
    }

    fn finish_sort(&mut self, count: usize, offset: usize) -> Result<(), JsonataError> {
        let keys = self.out.split_off(self.out.len().saturating_sub(count));
        let mut result = self.pop(offset);
        if result.kind != Kind::Path {
            result = Node::path_of(result);
        }
        let mut sort = Node::new(Kind::Sort, offset);
        for key in &keys {
            sort.push_ancestry(key);
        }
        result.steps.push(sort);
        self.resolve_ancestry(&mut result)?;
        self.out.push(result);
        Ok(())
    }

    /// `lhs@$v`
    fn focus(&mut self, lhs: &Expr) -> Result<(), JsonataError> {
        self.process(lhs)?;
        self.finish_focus(lhs)
    }

    fn finish_focus(&mut self, lhs: &Expr) -> Result<(), JsonataError> {
        let Some(result) = self.out.last_mut() else {
            return Ok(());
        };
        let (filtered, sorted) = result.with_step(|step| (step.filtered, step.kind == Kind::Sort));
        if filtered {
            return Err(JsonataError::new(
                lhs.span().end,
                Some("S0215"),
                "a context variable binding '@' must come before any predicates on a step",
            ));
        }
        if sorted {
            return Err(JsonataError::new(
                lhs.span().end,
                Some("S0216"),
                "a context variable binding '@' must come before the order-by '^' on a step",
            ));
        }
        result.with_step(|step| step.focus = true);
        Ok(())
    }

    /// `lhs#$i`
    fn index(&mut self, lhs: &Expr) -> Result<(), JsonataError> {
        self.process(lhs)?;
        if let Some(result) = self.out.last_mut() {
            if result.kind != Kind::Path {
                let step = std::mem::replace(result, Node::new(Kind::Path, 0));
                *result = Node::path_of(step);
            }
        }
        Ok(())
    }

    /// `-operand`; jsonata-js folds `-1` into a number literal.
    fn negate(&mut self, operand: &Expr, offset: usize) -> Result<(), JsonataError> {
        self.process(operand)?;
        self.finish_negate(offset);
        Ok(())
    }

    fn finish_negate(&mut self, offset: usize) {
        let operand = self.pop(offset);
        if operand.kind == Kind::Number {
            self.out.push(operand);
            return;
        }
        let mut result = Node::new(Kind::Other, offset);
        result.push_ancestry(&operand);
        self.out.push(result);
    }

    /// `(a; b; …)`: remembers the last expression for parent lookups.
    fn block(&mut self, exprs: &[Expr], offset: usize) -> Result<(), JsonataError> {
        let count = self.process_all(exprs)?;
        self.finish_block(count, offset);
        Ok(())
    }

    fn finish_block(&mut self, count: usize, offset: usize) {
        let parts = self.out.split_off(self.out.len().saturating_sub(count));
        let mut result = Node::new(Kind::Block, offset);
        for part in parts {
            result.push_ancestry(&part);
            result.last = Some(Box::new(part));
        }
        self.out.push(result);
    }

    /// `resolveAncestry(path)`: walks the parent slots of the last step back
    /// through the earlier steps; what cannot be resolved is handed up.
    fn resolve_ancestry(&mut self, path: &mut Node) -> Result<(), JsonataError> {
        let count = path.steps.len();
        let Some(last) = path.steps.last() else {
            return Ok(());
        };
        let list = last.seeking.clone().unwrap_or_else(|| slots(Vec::new()));
        if last.kind == Kind::Parent {
            list.borrow_mut().push(last.slot);
        }
        let mut n = 0;
        loop {
            let Some(id) = list.borrow().get(n).copied() else {
                break;
            };
            n += 1;
            // Index of the step to look at next; `None` once past the first.
            let mut index = count.checked_sub(2);
            while self.level(id) > 0 {
                let Some(mut at) = index else {
                    match &path.seeking {
                        Some(own) => own.borrow_mut().push(id),
                        None => path.seeking = Some(slots(vec![id])),
                    }
                    break;
                };
                index = at.checked_sub(1);
                // Contiguous steps that bind the focus are skipped together.
                while let Some(prev) = index {
                    let both_focus = path.steps.get(at).is_some_and(|s| s.focus)
                        && path.steps.get(prev).is_some_and(|s| s.focus);
                    if !both_focus {
                        break;
                    }
                    at = prev;
                    index = prev.checked_sub(1);
                }
                if let Some(step) = path.steps.get(at) {
                    self.seek_parent(step, id)?;
                }
            }
        }
        Ok(())
    }

    /// `seekParent(node, slot)`: moves a parent slot up through `node`.
    fn seek_parent(&mut self, node: &Node, id: usize) -> Result<(), JsonataError> {
        match node.kind {
            Kind::Name | Kind::Wildcard => self.adjust(id, -1),
            Kind::Parent => self.adjust(id, 1),
            Kind::Block => {
                if let Some(last) = &node.last {
                    self.seek_parent(last, id)?;
                }
            }
            Kind::Path => {
                let mut index = node.steps.len();
                while let Some(at) = index.checked_sub(1) {
                    if let Some(step) = node.steps.get(at) {
                        self.seek_parent(step, id)?;
                    }
                    index = at;
                    if self.level(id) <= 0 {
                        break;
                    }
                }
            }
            Kind::Str | Kind::Number | Kind::Value | Kind::Sort | Kind::Other => {
                return Err(parent_error(node.offset));
            }
        }
        Ok(())
    }
}
