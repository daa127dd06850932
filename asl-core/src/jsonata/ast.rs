//! The syntax tree produced by [`parse`](super::parse), and helpers that list
//! the variables and functions an expression uses.

/// A byte range `start..end` in the parsed expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The smallest span covering both `self` and `other`.
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Binary operators (the path operator `.` has its own node, [`Expr::Path`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BinaryOp {
    /// `+`
    Add,
    /// `-`
    Subtract,
    /// `*`
    Multiply,
    /// `/`
    Divide,
    /// `%`
    Modulo,
    /// `=`
    Equal,
    /// `!=`
    NotEqual,
    /// `<`
    Less,
    /// `<=`
    LessEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterEqual,
    /// `&` (string concatenation)
    Concat,
    /// `and`
    And,
    /// `or`
    Or,
    /// `in` (array membership)
    In,
    /// `~>` (function application: `x ~> $f(y)` calls `$f(x, y)`)
    Apply,
    /// `??` (coalescing: the left side unless it does not exist; JSONata 2.1)
    Coalesce,
    /// `?:` (default: the left side unless it is falsy; JSONata 2.1)
    Default,
}

impl BinaryOp {
    /// The operator as written in JSONata.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Modulo => "%",
            BinaryOp::Equal => "=",
            BinaryOp::NotEqual => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEqual => ">=",
            BinaryOp::Concat => "&",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::In => "in",
            BinaryOp::Apply => "~>",
            BinaryOp::Coalesce => "??",
            BinaryOp::Default => "?:",
        }
    }
}

/// One term of an order-by clause `^(<a, >b)`.
#[derive(Debug, Clone, PartialEq)]
pub struct SortTerm {
    /// `true` for `>` (descending); `false` for `<` or no marker.
    pub descending: bool,
    /// The sort key.
    pub expr: Expr,
}

/// A lambda parameter (`$x` in `function($x) { … }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The name without the `$`.
    pub name: String,
    /// Where `$name` is written.
    pub span: Span,
}

/// A JSONata expression.
///
/// Every node carries the [`Span`] of source text it was parsed from. Field
/// names, variable names and strings are stored decoded (backticks, `$` and
/// quotes removed; escapes resolved).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Expr {
    /// A number literal such as `1`, `2.5` or `1e3`.
    Number {
        /// The value.
        value: f64,
        /// Source span.
        span: Span,
    },
    /// A string literal, in single or double quotes.
    String {
        /// The decoded value.
        value: String,
        /// Source span, including the quotes.
        span: Span,
    },
    /// `true` or `false`.
    Bool {
        /// The value.
        value: bool,
        /// Source span.
        span: Span,
    },
    /// `null`.
    Null {
        /// Source span.
        span: Span,
    },
    /// A field name: `Account`, `` `Product Name` ``, or a keyword operator
    /// (`and`, `or`, `in`) used as a name.
    Name {
        /// The name without backticks.
        name: String,
        /// Whether it was written in backticks.
        quoted: bool,
        /// Source span.
        span: Span,
    },
    /// A variable reference `$name`. The context item `$` has the name `""`
    /// and the root `$$` has the name `"$"`.
    Variable {
        /// The name without the leading `$`.
        name: String,
        /// Source span, including the `$`.
        span: Span,
    },
    /// A regular expression literal `/pattern/flags`.
    Regex {
        /// The text between the slashes.
        pattern: String,
        /// The flags (`i`, `m`).
        flags: String,
        /// Source span.
        span: Span,
    },
    /// The wildcard `*`.
    Wildcard {
        /// Source span.
        span: Span,
    },
    /// The descendants wildcard `**`.
    Descendants {
        /// Source span.
        span: Span,
    },
    /// The parent operator `%`.
    Parent {
        /// Source span.
        span: Span,
    },
    /// The `?` placeholder of a partial application such as `$f(?, 2)`.
    Placeholder {
        /// Source span.
        span: Span,
    },
    /// Unary minus.
    Negate {
        /// The negated expression.
        operand: Box<Expr>,
        /// Source span.
        span: Span,
    },
    /// A binary operator.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
        /// Source span.
        span: Span,
    },
    /// The path (map) operator: `lhs.rhs`.
    Path {
        /// The step before the dot.
        lhs: Box<Expr>,
        /// The step after the dot.
        rhs: Box<Expr>,
        /// Source span.
        span: Span,
    },
    /// A range `start..end`, only found as an item of an [`Expr::Array`].
    Range {
        /// Lower bound.
        start: Box<Expr>,
        /// Upper bound.
        end: Box<Expr>,
        /// Source span.
        span: Span,
    },
    /// The conditional `condition ? then : otherwise`.
    Condition {
        /// The test.
        condition: Box<Expr>,
        /// Evaluated when the test is true.
        then: Box<Expr>,
        /// Evaluated when the test is false, if given.
        otherwise: Option<Box<Expr>>,
        /// Source span.
        span: Span,
    },
    /// A variable binding `$name := value`.
    Bind {
        /// The bound name without the `$`.
        name: String,
        /// Where `$name` is written.
        name_span: Span,
        /// The bound value.
        value: Box<Expr>,
        /// Source span.
        span: Span,
    },
    /// A predicate (filter or index): `lhs[predicate]`.
    Filter {
        /// The filtered expression.
        lhs: Box<Expr>,
        /// The predicate.
        predicate: Box<Expr>,
        /// Source span.
        span: Span,
    },
    /// The keep-array marker `[]`. As in jsonata-js it wraps the step it
    /// applies to: in `a[0][]` it wraps `a`, not `a[0]`.
    KeepArray {
        /// The step whose singleton results stay arrays.
        operand: Box<Expr>,
        /// Source span of the operand.
        span: Span,
    },
    /// Grouping: `lhs{key: value, …}`.
    Group {
        /// The grouped expression.
        lhs: Box<Expr>,
        /// The key/value pairs.
        pairs: Vec<(Expr, Expr)>,
        /// Source span.
        span: Span,
    },
    /// Context variable binding: `lhs@$name`.
    Focus {
        /// The step being bound.
        lhs: Box<Expr>,
        /// The variable name without the `$`.
        name: String,
        /// Where `$name` is written.
        name_span: Span,
        /// Source span.
        span: Span,
    },
    /// Positional variable binding: `lhs#$name`.
    Index {
        /// The step being counted.
        lhs: Box<Expr>,
        /// The variable name without the `$`.
        name: String,
        /// Where `$name` is written.
        name_span: Span,
        /// Source span.
        span: Span,
    },
    /// Order-by: `lhs^(term, …)`.
    Sort {
        /// The sorted expression.
        lhs: Box<Expr>,
        /// The sort terms.
        terms: Vec<SortTerm>,
        /// Source span.
        span: Span,
    },
    /// An array constructor `[a, b, 1..5]`.
    Array {
        /// The items (ranges appear as [`Expr::Range`]).
        items: Vec<Expr>,
        /// Source span.
        span: Span,
    },
    /// An object constructor `{key: value, …}`.
    Object {
        /// The key/value pairs.
        pairs: Vec<(Expr, Expr)>,
        /// Source span.
        span: Span,
    },
    /// A block `(expr; expr; …)`.
    Block {
        /// The expressions, in order.
        exprs: Vec<Expr>,
        /// Source span.
        span: Span,
    },
    /// A function call `callee(args…)`; a partial application when an
    /// argument is an [`Expr::Placeholder`].
    Call {
        /// The function: usually a [`Expr::Variable`] such as `$sum`.
        callee: Box<Expr>,
        /// The arguments.
        args: Vec<Expr>,
        /// Source span.
        span: Span,
    },
    /// A lambda `function($x, $y)<signature> { body }` (or `λ(…)`).
    Lambda {
        /// The parameters.
        params: Vec<Param>,
        /// The signature text including `<` and `>`, if given.
        signature: Option<(String, Span)>,
        /// The body.
        body: Box<Expr>,
        /// Source span.
        span: Span,
    },
    /// The transform operator `| pattern | update, delete |`.
    Transform {
        /// Which objects to change.
        pattern: Box<Expr>,
        /// The object merged into each match.
        update: Box<Expr>,
        /// The fields to remove, if given.
        delete: Option<Box<Expr>>,
        /// Source span.
        span: Span,
    },
}

/// A variable read found by [`Expr::variables`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariableRef<'a> {
    /// The name without the `$` (`""` for `$`, `"$"` for `$$`).
    pub name: &'a str,
    /// Where `$name` is written.
    pub span: Span,
    /// Whether the expression itself binds the name around this use: a
    /// parameter of an enclosing lambda, or a `$name := …`, `@$name` or
    /// `#$name` in an enclosing block, lambda body or the whole expression.
    /// The check is lexical and lenient: a binding anywhere in the enclosing
    /// block counts, even after the use.
    pub locally_bound: bool,
}

/// A call of a named function found by [`Expr::function_calls`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionCall<'a> {
    /// The function name without the `$` (`"sum"` for `$sum(…)`).
    pub name: &'a str,
    /// Where `$name` is written.
    pub span: Span,
    /// The number of arguments written (placeholders included), or `None`
    /// for a bare function on the right of `~>` (`x ~> $uppercase`).
    pub args: Option<usize>,
    /// Whether some argument is a `?` placeholder (partial application).
    pub partial: bool,
    /// Whether the name is bound inside the expression (see
    /// [`VariableRef::locally_bound`]), i.e. a user-defined function.
    pub locally_bound: bool,
}

impl Expr {
    /// The source span of this node.
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            Expr::Number { span, .. }
            | Expr::String { span, .. }
            | Expr::Bool { span, .. }
            | Expr::Null { span }
            | Expr::Name { span, .. }
            | Expr::Variable { span, .. }
            | Expr::Regex { span, .. }
            | Expr::Wildcard { span }
            | Expr::Descendants { span }
            | Expr::Parent { span }
            | Expr::Placeholder { span }
            | Expr::Negate { span, .. }
            | Expr::Binary { span, .. }
            | Expr::Path { span, .. }
            | Expr::Range { span, .. }
            | Expr::Condition { span, .. }
            | Expr::Bind { span, .. }
            | Expr::Filter { span, .. }
            | Expr::KeepArray { span, .. }
            | Expr::Group { span, .. }
            | Expr::Focus { span, .. }
            | Expr::Index { span, .. }
            | Expr::Sort { span, .. }
            | Expr::Array { span, .. }
            | Expr::Object { span, .. }
            | Expr::Block { span, .. }
            | Expr::Call { span, .. }
            | Expr::Lambda { span, .. }
            | Expr::Transform { span, .. } => *span,
        }
    }

    /// The byte offset where this node starts.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.span().start
    }

    /// The direct children of this node, in source order.
    #[must_use]
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Number { .. }
            | Expr::String { .. }
            | Expr::Bool { .. }
            | Expr::Null { .. }
            | Expr::Name { .. }
            | Expr::Variable { .. }
            | Expr::Regex { .. }
            | Expr::Wildcard { .. }
            | Expr::Descendants { .. }
            | Expr::Parent { .. }
            | Expr::Placeholder { .. } => Vec::new(),
            Expr::Negate { operand, .. } | Expr::KeepArray { operand, .. } => vec![operand],
            Expr::Binary { lhs, rhs, .. } | Expr::Path { lhs, rhs, .. } => vec![lhs, rhs],
            Expr::Range { start, end, .. } => vec![start, end],
            Expr::Condition {
                condition,
                then,
                otherwise,
                ..
            } => then_rest(vec![condition, then], otherwise.as_deref()),
            Expr::Bind { value, .. } => vec![value],
            Expr::Filter { lhs, predicate, .. } => vec![lhs, predicate],
            Expr::Focus { lhs, .. } | Expr::Index { lhs, .. } => vec![lhs],
            Expr::Group { lhs, pairs, .. } => {
                then_rest(vec![lhs], pairs.iter().flat_map(|(k, v)| [k, v]))
            }
            Expr::Sort { lhs, terms, .. } => then_rest(vec![lhs], terms.iter().map(|t| &t.expr)),
            Expr::Array { items, .. } => items.iter().collect(),
            Expr::Object { pairs, .. } => pairs.iter().flat_map(|(k, v)| [k, v]).collect(),
            Expr::Block { exprs, .. } => exprs.iter().collect(),
            Expr::Call { callee, args, .. } => then_rest(vec![callee], args),
            Expr::Lambda { body, .. } => vec![body],
            Expr::Transform {
                pattern,
                update,
                delete,
                ..
            } => then_rest(vec![pattern, update], delete.as_deref()),
        }
    }

    /// Calls `visit` on this node and every node below it, parents before
    /// children, in source order. Uses an explicit stack, so any depth is fine.
    pub fn walk<'a>(&'a self, mut visit: impl FnMut(&'a Expr)) {
        let mut stack: Vec<&'a Expr> = vec![self];
        while let Some(node) = stack.pop() {
            visit(node);
            stack.extend(node.children().into_iter().rev());
        }
    }

    /// Every variable read (`$name`, `$`, `$$`) in source order, except
    /// functions being called (`$f` in `$f(x)` and in `x ~> $f`; see
    /// [`Expr::function_calls`]).
    /// Binding sites (lambda parameters, the left side of `:=`, `@$v`,
    /// `#$i`) are not reads and are not listed.
    ///
    /// ```
    /// let expr = asl_core::jsonata::parse("$sum($states.input.items) + $x").unwrap();
    /// let names: Vec<&str> = expr.variables().iter().map(|v| v.name).collect();
    /// assert_eq!(names, ["states", "x"]);
    /// ```
    #[must_use]
    pub fn variables(&self) -> Vec<VariableRef<'_>> {
        let mut out = Vec::new();
        scoped_walk(self, |node, scopes| {
            let Expr::Variable { name, span } = node else {
                return;
            };
            out.push(VariableRef {
                name,
                span: *span,
                locally_bound: is_bound(scopes, name),
            });
        });
        out.sort_by_key(|v| v.span.start);
        out
    }

    /// Every call of a function named by a variable, in source order:
    /// `$sum(x)`, partial applications `$substring(?, 0, 2)`, and bare
    /// functions applied with `~>` (`x ~> $uppercase`). Calls of other
    /// expressions (`$obj.f()`, `(function($x){$x})(1)`) are not listed; the
    /// variables inside them are in [`Expr::variables`].
    ///
    /// ```
    /// let expr = asl_core::jsonata::parse("$join($map(a, $string), ', ') ~> $trim").unwrap();
    /// let names: Vec<&str> = expr.function_calls().iter().map(|c| c.name).collect();
    /// assert_eq!(names, ["join", "map", "trim"]);
    /// ```
    #[must_use]
    pub fn function_calls(&self) -> Vec<FunctionCall<'_>> {
        let mut out = Vec::new();
        scoped_walk(self, |node, scopes| match node {
            Expr::Call { callee, args, .. } => {
                if let Expr::Variable { name, span } = callee.as_ref() {
                    out.push(FunctionCall {
                        name,
                        span: *span,
                        args: Some(args.len()),
                        partial: args.iter().any(|a| matches!(a, Expr::Placeholder { .. })),
                        locally_bound: is_bound(scopes, name),
                    });
                }
            }
            Expr::Binary {
                op: BinaryOp::Apply,
                rhs,
                ..
            } => {
                if let Expr::Variable { name, span } = rhs.as_ref() {
                    out.push(FunctionCall {
                        name,
                        span: *span,
                        args: None,
                        partial: false,
                        locally_bound: is_bound(scopes, name),
                    });
                }
            }
            _ => {}
        });
        out.sort_by_key(|c| c.span.start);
        out
    }
}

fn is_bound(scopes: &[Vec<&str>], name: &str) -> bool {
    scopes.iter().any(|scope| scope.contains(&name))
}

/// The names an expression binds in the scope that encloses it: `:=`
/// targets, `@$v` and `#$i`, not looking inside nested blocks and lambdas
/// (they open scopes of their own).
fn scope_bindings(root: &Expr) -> Vec<&str> {
    let mut names = Vec::new();
    let mut stack: Vec<&Expr> = root.children();
    if !matches!(root, Expr::Block { .. } | Expr::Lambda { .. }) {
        stack = vec![root];
    }
    while let Some(node) = stack.pop() {
        match node {
            Expr::Bind { name, .. } | Expr::Focus { name, .. } | Expr::Index { name, .. } => {
                names.push(name.as_str());
            }
            Expr::Block { .. } | Expr::Lambda { .. } => continue,
            _ => {}
        }
        stack.extend(node.children());
    }
    names
}

enum Step<'a> {
    Visit(&'a Expr),
    Leave,
}

/// Walks `root` in source order, calling `visit` with each node and the
/// names bound by the enclosing scopes. Variables used as callees of calls
/// are handed over as part of their call, not visited on their own.
fn scoped_walk<'a>(root: &'a Expr, mut visit: impl FnMut(&'a Expr, &[Vec<&'a str>])) {
    let mut scopes: Vec<Vec<&'a str>> = vec![scope_bindings(root)];
    let mut stack = vec![Step::Visit(root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave => {
                scopes.pop();
                continue;
            }
            Step::Visit(node) => node,
        };
        visit(node, &scopes);
        let opens_scope =
            !std::ptr::eq(node, root) && matches!(node, Expr::Block { .. } | Expr::Lambda { .. });
        if let Expr::Lambda { params, .. } = node {
            let mut names: Vec<&'a str> = params.iter().map(|p| p.name.as_str()).collect();
            names.extend(scope_bindings(node));
            scopes.push(names);
            stack.push(Step::Leave);
        } else if opens_scope {
            scopes.push(scope_bindings(node));
            stack.push(Step::Leave);
        }
        let children = match node {
            Expr::Call { callee, args, .. } if matches!(callee.as_ref(), Expr::Variable { .. }) => {
                args.iter().collect()
            }
            Expr::Binary {
                op: BinaryOp::Apply,
                lhs,
                rhs,
                ..
            } if matches!(rhs.as_ref(), Expr::Variable { .. }) => vec![lhs.as_ref()],
            _ => node.children(),
        };
        stack.extend(children.into_iter().rev().map(Step::Visit));
    }
}

/// The children `first` (in order), then those of `rest`.
fn then_rest<'a>(
    mut first: Vec<&'a Expr>,
    rest: impl IntoIterator<Item = &'a Expr>,
) -> Vec<&'a Expr> {
    first.extend(rest);
    first
}
