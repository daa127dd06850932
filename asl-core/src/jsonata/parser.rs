//! A Pratt (top-down operator precedence) parser that follows jsonata-js's
//! `parser.js`: the same binding powers, the same places where a `/` is read
//! as a regular expression, and the same compile-time checks.

use super::ast::{BinaryOp, Expr, Param, SortTerm, Span};
use super::error::JsonataError;
use super::lexer::{Lexer, Op, Tok, Token};
use super::signature;

/// The deepest nesting accepted, counted both as parser recursion and as the
/// height of the tree (so long operator chains such as `1+1+…+1` count too).
pub(crate) const MAX_DEPTH: usize = 1000;

/// The result of the parsing functions. A successful call leaves what it
/// parsed on [`Parser::out`] instead of returning it, which keeps the stack
/// frames on the recursion path small even in unoptimized builds.
type Step = Result<(), JsonataError>;

/// How an expected token is described when it is missing.
#[derive(Clone, Copy)]
enum Want {
    /// A closing bracket matching the opener at the given offset.
    Close(&'static str, usize),
    /// A token that must follow something.
    After(&'static str),
}

/// The left binding power of a token: how tightly it grabs the expression
/// to its left. Tokens that cannot continue an expression have 0.
fn lbp(tok: &Tok) -> u8 {
    let Tok::Op(op) = tok else { return 0 };
    match op {
        Op::LBracket | Op::LParen | Op::At | Op::Hash => 80,
        Op::Dot => 75,
        Op::LBrace => 70,
        Op::Star | Op::Slash | Op::Percent => 60,
        Op::Plus | Op::Minus | Op::Amp => 50,
        Op::Eq
        | Op::Lt
        | Op::Gt
        | Op::NotEq
        | Op::LtEq
        | Op::GtEq
        | Op::Caret
        | Op::Chain
        | Op::Elvis
        | Op::Coalesce
        | Op::In => 40,
        Op::And => 30,
        Op::Or => 25,
        Op::Question => 20,
        Op::Assign => 10,
        _ => 0,
    }
}

fn binary_op(op: Op) -> Option<BinaryOp> {
    Some(match op {
        Op::Plus => BinaryOp::Add,
        Op::Minus => BinaryOp::Subtract,
        Op::Star => BinaryOp::Multiply,
        Op::Slash => BinaryOp::Divide,
        Op::Percent => BinaryOp::Modulo,
        Op::Eq => BinaryOp::Equal,
        Op::NotEq => BinaryOp::NotEqual,
        Op::Lt => BinaryOp::Less,
        Op::LtEq => BinaryOp::LessEqual,
        Op::Gt => BinaryOp::Greater,
        Op::GtEq => BinaryOp::GreaterEqual,
        Op::Amp => BinaryOp::Concat,
        Op::And => BinaryOp::And,
        Op::Or => BinaryOp::Or,
        Op::In => BinaryOp::In,
        Op::Chain => BinaryOp::Apply,
        Op::Coalesce => BinaryOp::Coalesce,
        Op::Elvis => BinaryOp::Default,
        _ => return None,
    })
}

/// Looks through the keep-array marker, as jsonata-js's type checks do
/// (it only sets a flag on the node).
fn unwrap_keep_array(expr: &Expr) -> &Expr {
    match expr {
        Expr::KeepArray { operand, .. } => operand,
        other => other,
    }
}

/// Marks the innermost step of a predicate chain with `[]`, as jsonata-js
/// does: in `a[0][]` the marker applies to `a`.
fn mark_keep_array(mut expr: Expr) -> Expr {
    let mut slot = &mut expr;
    while let Expr::Filter { lhs, .. } = slot {
        slot = lhs;
    }
    if !matches!(slot, Expr::KeepArray { .. }) {
        let span = slot.span();
        let inner = std::mem::replace(slot, Expr::Null { span });
        *slot = Expr::KeepArray {
            operand: Box::new(inner),
            span,
        };
    }
    expr
}

pub(crate) struct Parser<'a> {
    src: &'a str,
    lexer: Lexer<'a>,
    /// The current token (jsonata-js's `node`).
    node: Token,
    /// The token consumed by the last [`Parser::advance`]. Kept here rather
    /// than returned so that the recursive functions carry no tokens.
    prev: Token,
    /// Current recursion depth of `expression`.
    depth: usize,
    /// Parsed operands, each with the height of its tree. Every successful
    /// `expression` call pushes exactly one entry; the `finish_*` functions
    /// pop the parts of a node and push the node.
    out: Vec<(Expr, usize)>,
}

impl<'a> Parser<'a> {
    /// Parses a whole expression (without the post-parse checks).
    pub(crate) fn parse(src: &'a str) -> Result<Expr, JsonataError> {
        let mut lexer = Lexer::new(src);
        let node = lexer.next_token(true)?;
        let mut parser = Parser {
            src,
            lexer,
            node,
            prev: Token {
                tok: Tok::End,
                start: 0,
                end: 0,
            },
            depth: 0,
            out: Vec::new(),
        };
        parser.expression(0)?;
        if parser.node.tok != Tok::End {
            let found = parser.describe(&parser.node);
            return Err(JsonataError::new(
                parser.node.start,
                Some("S0201"),
                format!("unexpected {found}: expected an operator or the end of the expression"),
            ));
        }
        Ok(parser.pop().0)
    }

    // ------------------------------------------------------------ tokens

    fn at(&self, op: Op) -> bool {
        self.node.is_op(op)
    }

    /// Moves to the next token; the current one becomes [`Parser::prev`].
    /// `operator_next` says whether the next token stands where an operator
    /// may follow (so `/` divides) rather than where an operand starts (so
    /// `/` opens a regular expression).
    fn advance(&mut self, operator_next: bool) -> Step {
        let next = self.lexer.next_token(!operator_next)?;
        self.prev = std::mem::replace(&mut self.node, next);
        Ok(())
    }

    fn prev_span(&self) -> Span {
        Span::new(self.prev.start, self.prev.end)
    }

    /// Like [`Parser::advance`], but first checks that the current token is
    /// `op`; returns the span of that token.
    fn expect(&mut self, op: Op, operator_next: bool, want: Want) -> Result<Span, JsonataError> {
        if !self.at(op) {
            return Err(self.missing(op, want));
        }
        self.advance(operator_next)?;
        Ok(self.prev_span())
    }

    fn missing(&self, op: Op, want: Want) -> JsonataError {
        let found = self.describe(&self.node);
        let what = match want {
            Want::Close(open, at) => format!("to close '{open}' at {at}"),
            Want::After(thing) => format!("after {thing}"),
        };
        let code = if self.node.tok == Tok::End {
            "S0203"
        } else {
            "S0202"
        };
        JsonataError::new(
            self.node.start,
            Some(code),
            format!("expected '{}' {what}, found {found}", op.as_str()),
        )
    }

    /// How a token is named in messages.
    fn describe(&self, token: &Token) -> String {
        if token.tok == Tok::End {
            return "end of expression".to_owned();
        }
        let text = self.src.get(token.start..token.end).unwrap_or("");
        let mut shown: String = text.chars().take(32).collect();
        if shown.len() < text.len() {
            shown.push('…');
        }
        format!("'{shown}'")
    }

    fn too_deep(&self, at: usize) -> JsonataError {
        JsonataError::new(
            at,
            None,
            format!("expression nested too deeply: at most {MAX_DEPTH} levels are supported"),
        )
    }

    fn not_an_operand(&self, token: &Token) -> JsonataError {
        let found = self.describe(token);
        let hint = if token.is_op(Op::Question) && self.at(Op::LParen) {
            " (JSONPath filters such as [?(@.x > 1)] are not JSONata; write [x > 1])"
        } else {
            ""
        };
        JsonataError::new(
            token.start,
            Some("S0211"),
            format!("expected an operand, found {found}{hint}"),
        )
    }

    // ------------------------------------------------------------ output stack

    fn push(&mut self, expr: Expr, height: usize) {
        self.out.push((expr, height));
    }

    /// The last parsed operand. The stack is never empty where this is
    /// called; a placeholder is returned rather than panicking if it were.
    fn pop(&mut self) -> (Expr, usize) {
        self.out.pop().unwrap_or((
            Expr::Null {
                span: Span::default(),
            },
            0,
        ))
    }

    /// The last `n` parsed operands, in order, and their greatest height.
    fn pop_n(&mut self, n: usize) -> (Vec<Expr>, usize) {
        let at = self.out.len().saturating_sub(n);
        let items = self.out.split_off(at);
        let height = items.iter().map(|(_, h)| *h).max().unwrap_or(0);
        (items.into_iter().map(|(e, _)| e).collect(), height)
    }

    fn top(&self) -> Option<&Expr> {
        self.out.last().map(|(e, _)| e)
    }

    fn top_height(&self) -> usize {
        self.out.last().map_or(0, |(_, h)| *h)
    }

    // ------------------------------------------------------------ Pratt core

    /// Pratt's `expression(rbp)`: an operand, then every operator that binds
    /// more tightly than `rbp`. Pushes the result onto `out`. (After an
    /// error the parser is abandoned, so `depth` is not restored then.)
    fn expression(&mut self, rbp: u8) -> Step {
        if self.depth >= MAX_DEPTH {
            return Err(self.too_deep(self.node.start));
        }
        self.depth += 1;
        self.advance(true)?;
        self.nud()?;
        while rbp < lbp(&self.node.tok) {
            self.advance(false)?;
            let at = self.prev.start;
            self.led()?;
            if self.top_height() > MAX_DEPTH {
                return Err(self.too_deep(at));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// An operand, or a prefix operator and its operand ([`Parser::prev`]).
    fn nud(&mut self) -> Step {
        let span = self.prev_span();
        match self.prev.tok {
            Tok::Op(Op::Minus) => self.negate(span),
            Tok::Op(Op::LParen) => self.block(span),
            Tok::Op(Op::LBracket) => self.array(span),
            Tok::Op(Op::LBrace) => self.object(span),
            Tok::Op(Op::Pipe) => self.transform(span),
            _ => self.leaf(),
        }
    }

    /// An infix or postfix operator ([`Parser::prev`]) applied to the
    /// operand on top of `out`.
    fn led(&mut self) -> Step {
        let span = self.prev_span();
        let Tok::Op(op) = self.prev.tok else {
            return Err(self.not_an_operand(&self.prev));
        };
        match op {
            Op::LParen => self.call(span),
            Op::LBracket => self.filter(span),
            Op::LBrace => self.group(span),
            Op::Caret => self.sort(),
            Op::Assign => self.bind(),
            Op::At | Op::Hash => self.focus_or_index(op),
            Op::Question => self.condition(),
            _ => self.binary(op, span),
        }
    }

    // ------------------------------------------------------------ operands

    /// Operands without sub-expressions ([`Parser::prev`]).
    fn leaf(&mut self) -> Step {
        let span = self.prev_span();
        let tok = std::mem::replace(&mut self.prev.tok, Tok::End);
        let expr = match tok {
            Tok::Num(value) => Expr::Number { value, span },
            Tok::Str(value) => Expr::String { value, span },
            Tok::Bool(value) => Expr::Bool { value, span },
            Tok::Null => Expr::Null { span },
            Tok::Name { name, quoted } => Expr::Name { name, quoted, span },
            Tok::Variable(name) => Expr::Variable { name, span },
            Tok::Regex { pattern, flags } => Expr::Regex {
                pattern,
                flags,
                span,
            },
            Tok::Op(Op::Star) => Expr::Wildcard { span },
            Tok::Op(Op::StarStar) => Expr::Descendants { span },
            Tok::Op(Op::Percent) => Expr::Parent { span },
            Tok::Op(op @ (Op::And | Op::Or | Op::In)) => Expr::Name {
                name: op.as_str().to_owned(),
                quoted: false,
                span,
            },
            Tok::End => {
                return Err(JsonataError::new(
                    span.start,
                    Some("S0207"),
                    "unexpected end of expression: expected an operand",
                ));
            }
            tok @ Tok::Op(_) => {
                let token = Token {
                    tok,
                    start: span.start,
                    end: span.end,
                };
                return Err(self.not_an_operand(&token));
            }
        };
        self.push(expr, 1);
        Ok(())
    }

    /// `-operand`
    fn negate(&mut self, minus: Span) -> Step {
        self.expression(70)?;
        self.finish_negate(minus);
        Ok(())
    }

    fn finish_negate(&mut self, minus: Span) {
        let (operand, height) = self.pop();
        let span = minus.to(operand.span());
        self.push(
            Expr::Negate {
                operand: Box::new(operand),
                span,
            },
            height + 1,
        );
    }

    /// `( expr; expr; … )`: a trailing `;` is allowed, as is `()`.
    fn block(&mut self, open: Span) -> Step {
        let mut count = 0;
        while !self.at(Op::RParen) {
            self.expression(0)?;
            count += 1;
            if !self.at(Op::Semicolon) {
                break;
            }
            self.advance(false)?;
        }
        let close = self.expect(Op::RParen, true, Want::Close("(", open.start))?;
        self.finish_block(count, open.to(close));
        Ok(())
    }

    fn finish_block(&mut self, count: usize, span: Span) {
        let (exprs, height) = self.pop_n(count);
        self.push(Expr::Block { exprs, span }, height + 1);
    }

    /// `[ item, from..to, … ]`
    fn array(&mut self, open: Span) -> Step {
        let count = self.list_until(Op::RBracket, |p| {
            p.expression(0)?;
            if p.at(Op::DotDot) {
                p.advance(false)?;
                p.expression(0)?;
                p.finish_range();
            }
            Ok(())
        })?;
        let close = self.expect(Op::RBracket, true, Want::Close("[", open.start))?;
        self.finish_array(count, open.to(close));
        Ok(())
    }

    fn finish_array(&mut self, count: usize, span: Span) {
        let (items, height) = self.pop_n(count);
        self.push(Expr::Array { items, span }, height + 1);
    }

    fn finish_range(&mut self) {
        let (end, h2) = self.pop();
        let (start, h1) = self.pop();
        let span = start.span().to(end.span());
        self.push(
            Expr::Range {
                start: Box::new(start),
                end: Box::new(end),
                span,
            },
            h1.max(h2) + 1,
        );
    }

    /// Items separated by commas, none when the next token is `close`
    /// (which is left for the caller); returns how many.
    fn list_until(
        &mut self,
        close: Op,
        item: impl FnMut(&mut Self) -> Step,
    ) -> Result<usize, JsonataError> {
        if self.at(close) {
            Ok(0)
        } else {
            self.separated(item)
        }
    }

    /// One or more items separated by commas; returns how many.
    fn separated(&mut self, mut item: impl FnMut(&mut Self) -> Step) -> Result<usize, JsonataError> {
        let mut count = 0;
        loop {
            item(self)?;
            count += 1;
            if !self.at(Op::Comma) {
                return Ok(count);
            }
            self.advance(false)?;
        }
    }

    /// `{key: value, …}`
    fn object(&mut self, open: Span) -> Step {
        let (count, close) = self.pairs(open.start)?;
        self.finish_object(count, open.to(close));
        Ok(())
    }

    fn finish_object(&mut self, count: usize, span: Span) {
        let (pairs, height) = self.pop_pairs(count);
        self.push(Expr::Object { pairs, span }, height + 1);
    }

    /// The `key: value, …}` part of object constructors and group-by; the
    /// `{` at `open` has been consumed. Pushes keys and values; returns the
    /// number of pairs and the span of the closing `}`.
    fn pairs(&mut self, open: usize) -> Result<(usize, Span), JsonataError> {
        let count = self.list_until(Op::RBrace, |p| {
            p.expression(0)?;
            p.expect(Op::Colon, false, Want::After("an object key"))?;
            p.expression(0)
        })?;
        let close = self.expect(Op::RBrace, true, Want::Close("{", open))?;
        Ok((count, close))
    }

    fn pop_pairs(&mut self, count: usize) -> (Vec<(Expr, Expr)>, usize) {
        let (flat, height) = self.pop_n(count * 2);
        let mut pairs = Vec::with_capacity(count);
        let mut items = flat.into_iter();
        while let (Some(key), Some(value)) = (items.next(), items.next()) {
            pairs.push((key, value));
        }
        (pairs, height)
    }

    /// `| pattern | update [, delete] |`
    fn transform(&mut self, open: Span) -> Step {
        self.expression(0)?;
        self.expect(Op::Pipe, false, Want::After("the transform pattern"))?;
        self.expression(0)?;
        let mut count = 2;
        if self.at(Op::Comma) {
            self.advance(false)?;
            self.expression(0)?;
            count = 3;
        }
        let close = self.expect(Op::Pipe, false, Want::Close("|", open.start))?;
        self.finish_transform(count, open.to(close));
        Ok(())
    }

    fn finish_transform(&mut self, count: usize, span: Span) {
        let (parts, height) = self.pop_n(count);
        let mut parts = parts.into_iter().map(Box::new);
        if let (Some(pattern), Some(update)) = (parts.next(), parts.next()) {
            let delete = parts.next();
            let expr = Expr::Transform {
                pattern,
                update,
                delete,
                span,
            };
            self.push(expr, height + 1);
        }
    }

    // ------------------------------------------------------------ operators

    /// `lhs op rhs`, including the path operator `.`.
    fn binary(&mut self, op: Op, span: Span) -> Step {
        let kind = binary_op(op);
        if op != Op::Dot && kind.is_none() {
            let token = Token {
                tok: Tok::Op(op),
                start: span.start,
                end: span.end,
            };
            return Err(self.not_an_operand(&token));
        }
        // `??` and `?:` take everything to their right, as in jsonata-js.
        let rbp = if matches!(op, Op::Coalesce | Op::Elvis) {
            0
        } else {
            lbp(&Tok::Op(op))
        };
        self.expression(rbp)?;
        self.finish_binary(kind);
        Ok(())
    }

    /// Pops two operands and pushes `lhs op rhs`; `None` is the path operator.
    fn finish_binary(&mut self, op: Option<BinaryOp>) {
        let (rhs, h2) = self.pop();
        let (lhs, h1) = self.pop();
        let span = lhs.span().to(rhs.span());
        let (lhs, rhs) = (Box::new(lhs), Box::new(rhs));
        let expr = match op {
            Some(op) => Expr::Binary { op, lhs, rhs, span },
            None => Expr::Path { lhs, rhs, span },
        };
        self.push(expr, h1.max(h2) + 1);
    }

    /// `lhs[predicate]`, or `lhs[]`.
    fn filter(&mut self, open: Span) -> Step {
        if self.at(Op::RBracket) {
            // `[]`: keep singleton arrays. jsonata-js reads the next token in
            // operand position here.
            self.advance(false)?;
            self.finish_keep_array();
            return Ok(());
        }
        self.expression(0)?;
        let close = self.expect(Op::RBracket, true, Want::Close("[", open.start))?;
        self.finish_filter(close);
        Ok(())
    }

    fn finish_keep_array(&mut self) {
        let (left, height) = self.pop();
        self.push(mark_keep_array(left), height + 1);
    }

    fn finish_filter(&mut self, close: Span) {
        let (predicate, h2) = self.pop();
        let (lhs, h1) = self.pop();
        let span = lhs.span().to(close);
        self.push(
            Expr::Filter {
                lhs: Box::new(lhs),
                predicate: Box::new(predicate),
                span,
            },
            h1.max(h2) + 1,
        );
    }

    /// `lhs{key: value, …}`
    fn group(&mut self, open: Span) -> Step {
        let (count, close) = self.pairs(open.start)?;
        self.finish_group(count, close);
        Ok(())
    }

    fn finish_group(&mut self, count: usize, close: Span) {
        let (pairs, h2) = self.pop_pairs(count);
        let (lhs, h1) = self.pop();
        let span = lhs.span().to(close);
        self.push(
            Expr::Group {
                lhs: Box::new(lhs),
                pairs,
                span,
            },
            h1.max(h2) + 1,
        );
    }

    /// `lhs^( [<|>] term, … )`
    fn sort(&mut self) -> Step {
        let open = self.expect(Op::LParen, false, Want::After("'^'"))?;
        let mut descending = Vec::new();
        self.separated(|p| {
            if p.at(Op::Lt) {
                p.advance(false)?;
                descending.push(false);
            } else if p.at(Op::Gt) {
                p.advance(false)?;
                descending.push(true);
            } else {
                descending.push(false);
            }
            p.expression(0)
        })?;
        let close = self.expect(Op::RParen, false, Want::Close("(", open.start))?;
        self.finish_sort(descending, close);
        Ok(())
    }

    fn finish_sort(&mut self, descending: Vec<bool>, close: Span) {
        let (keys, h2) = self.pop_n(descending.len());
        let (lhs, h1) = self.pop();
        let terms = descending
            .into_iter()
            .zip(keys)
            .map(|(descending, expr)| SortTerm { descending, expr })
            .collect();
        let span = lhs.span().to(close);
        self.push(
            Expr::Sort {
                lhs: Box::new(lhs),
                terms,
                span,
            },
            h1.max(h2) + 1,
        );
    }

    /// `$name := value`
    fn bind(&mut self) -> Step {
        self.check_bind_target()?;
        self.expression(9)?;
        self.finish_bind();
        Ok(())
    }

    fn check_bind_target(&self) -> Step {
        if let Some(Expr::Variable { .. }) = self.top().map(unwrap_keep_array) {
            return Ok(());
        }
        Err(JsonataError::new(
            self.top().map_or(0, Expr::offset),
            Some("S0212"),
            "expected a variable such as $x on the left of ':='",
        ))
    }

    fn finish_bind(&mut self) {
        let (value, h2) = self.pop();
        let (target, h1) = self.pop();
        let Expr::Variable {
            name,
            span: name_span,
        } = unwrap_keep_array(&target)
        else {
            return;
        };
        let span = target.span().to(value.span());
        self.push(
            Expr::Bind {
                name: name.clone(),
                name_span: *name_span,
                value: Box::new(value),
                span,
            },
            h1.max(h2) + 1,
        );
    }

    /// `lhs@$name` or `lhs#$name`
    fn focus_or_index(&mut self, op: Op) -> Step {
        self.expression(80)?;
        self.finish_focus_or_index(op)
    }

    fn finish_focus_or_index(&mut self, op: Op) -> Step {
        let (rhs, _) = self.pop();
        let Expr::Variable {
            name,
            span: name_span,
        } = rhs
        else {
            return Err(JsonataError::new(
                rhs.offset(),
                Some("S0214"),
                format!("expected a variable such as $x after '{}'", op.as_str()),
            ));
        };
        let (lhs, height) = self.pop();
        let span = lhs.span().to(name_span);
        let lhs = Box::new(lhs);
        let expr = if op == Op::At {
            Expr::Focus {
                lhs,
                name,
                name_span,
                span,
            }
        } else {
            Expr::Index {
                lhs,
                name,
                name_span,
                span,
            }
        };
        self.push(expr, height + 1);
        Ok(())
    }

    /// `condition ? then [: otherwise]`
    fn condition(&mut self) -> Step {
        self.expression(0)?;
        let mut count = 2;
        if self.at(Op::Colon) {
            self.advance(false)?;
            self.expression(0)?;
            count = 3;
        }
        self.finish_condition(count);
        Ok(())
    }

    fn finish_condition(&mut self, count: usize) {
        let (parts, height) = self.pop_n(count);
        let mut parts = parts.into_iter().map(Box::new);
        if let (Some(condition), Some(then)) = (parts.next(), parts.next()) {
            let otherwise = parts.next();
            let end = otherwise.as_deref().map_or(then.span(), Expr::span);
            let expr = Expr::Condition {
                span: condition.span().to(end),
                condition,
                then,
                otherwise,
            };
            self.push(expr, height + 1);
        }
    }

    /// A call `callee(args)`, which is a lambda definition when the callee is
    /// the name `function` or `λ`.
    fn call(&mut self, open: Span) -> Step {
        let (count, close) = self.arguments(open)?;
        if self.is_lambda_keyword(count) {
            return self.lambda(count);
        }
        self.finish_call(count, close);
        Ok(())
    }

    /// Whether the callee below the `count` arguments on `out` is the name
    /// `function` or `λ` (possibly marked `[]`).
    fn is_lambda_keyword(&self, count: usize) -> bool {
        let callee = self
            .out
            .len()
            .checked_sub(count + 1)
            .and_then(|at| self.out.get(at));
        matches!(
            callee.map(|(e, _)| unwrap_keep_array(e)),
            Some(Expr::Name { name, .. }) if name == "function" || name == "λ"
        )
    }

    fn finish_call(&mut self, count: usize, close: Span) {
        let (args, h2) = self.pop_n(count);
        let (callee, h1) = self.pop();
        let span = callee.span().to(close);
        self.push(
            Expr::Call {
                callee: Box::new(callee),
                args,
                span,
            },
            h1.max(h2) + 1,
        );
    }

    /// The arguments of a call up to and including `)`; `?` placeholders
    /// are allowed. Pushes the arguments; returns their number and the span
    /// of the `)`.
    fn arguments(&mut self, open: Span) -> Result<(usize, Span), JsonataError> {
        let count = self.list_until(Op::RParen, |p| {
            if p.at(Op::Question) {
                p.advance(false)?;
                let span = p.prev_span();
                p.push(Expr::Placeholder { span }, 1);
                Ok(())
            } else {
                p.expression(0)
            }
        })?;
        let close = self.expect(Op::RParen, true, Want::Close("(", open.start))?;
        Ok((count, close))
    }

    /// The rest of a lambda definition after its parameter list:
    /// `<signature> { body }`. The `count` parameters and the `function`
    /// keyword are on top of `out`.
    fn lambda(&mut self, count: usize) -> Step {
        let (params, keyword) = self.lambda_params(count)?;
        let signature = if self.at(Op::Lt) {
            Some(self.signature()?)
        } else {
            None
        };
        let brace = self.expect(Op::LBrace, false, Want::After("the function parameters"))?;
        self.expression(0)?;
        let close = self.expect(Op::RBrace, false, Want::Close("{", brace.start))?;
        self.finish_lambda(params, signature, keyword.to(close));
        Ok(())
    }

    fn finish_lambda(&mut self, params: Vec<Param>, signature: Option<(String, Span)>, span: Span) {
        let (body, height) = self.pop();
        self.push(
            Expr::Lambda {
                params,
                signature,
                body: Box::new(body),
                span,
            },
            height + 1,
        );
    }

    /// Pops the parameters (which must be variables) and the keyword of a
    /// lambda definition.
    fn lambda_params(&mut self, count: usize) -> Result<(Vec<Param>, Span), JsonataError> {
        let (args, _) = self.pop_n(count);
        let mut params = Vec::with_capacity(args.len());
        for (index, arg) in args.iter().enumerate() {
            let Expr::Variable { name, span } = unwrap_keep_array(arg) else {
                return Err(JsonataError::new(
                    arg.offset(),
                    Some("S0208"),
                    format!(
                        "parameter {} of a function definition must be a variable such as $x",
                        index + 1
                    ),
                ));
            };
            params.push(Param {
                name: name.clone(),
                span: *span,
            });
        }
        let keyword = self.pop().0.span();
        Ok((params, keyword))
    }

    /// A lambda signature `<…>`. Like jsonata-js, the signature is read as
    /// tokens and their values are joined back into text.
    fn signature(&mut self) -> Result<(String, Span), JsonataError> {
        let start = self.node.start;
        let mut depth = 1usize;
        let mut text = String::from("<");
        while depth > 0 && !self.at(Op::LBrace) && self.node.tok != Tok::End {
            self.advance(false)?;
            if self.at(Op::Gt) {
                depth -= 1;
            } else if self.at(Op::Lt) {
                depth += 1;
            }
            push_token_value(&mut text, &self.node.tok);
        }
        let close = self.expect(Op::Gt, false, Want::Close("<", start))?;
        if let Err(problem) = signature::validate(&text) {
            return Err(JsonataError::new(start, problem.code, problem.message));
        }
        let source = self.src.get(start..close.end).unwrap_or(&text).to_owned();
        Ok((source, Span::new(start, close.end)))
    }
}

/// Appends a token's value the way JavaScript would stringify it, which is
/// how jsonata-js rebuilds a signature from its tokens.
fn push_token_value(text: &mut String, tok: &Tok) {
    match tok {
        Tok::Op(op) => text.push_str(op.as_str()),
        Tok::Name { name, .. } | Tok::Variable(name) | Tok::Str(name) => text.push_str(name),
        Tok::Num(value) => {
            // Only the characters that mean something in a signature matter:
            // JavaScript writes 1e21 and above as `1e+21` and tiny numbers as
            // `1e-7`.
            if *value >= 1e21 {
                text.push_str("1e+21");
            } else if *value != 0.0 && *value < 1e-6 {
                text.push_str("1e-7");
            } else {
                text.push_str(&value.to_string());
            }
        }
        Tok::Bool(value) => text.push_str(if *value { "true" } else { "false" }),
        Tok::Null => text.push_str("null"),
        Tok::Regex { pattern, flags } => {
            text.push('/');
            text.push_str(pattern);
            text.push_str("/g");
            if flags.contains('i') {
                text.push('i');
            }
            if flags.contains('m') {
                text.push('m');
            }
        }
        Tok::End => text.push_str("(end)"),
    }
}
