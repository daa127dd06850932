//! A syntax checker and parser for the JSONata expressions of Step Functions.
//!
//! In a JSONata state, a JSON string whose whole value is `{% <expr> %}` is
//! a JSONata expression; any other string is a literal.
//! [`strip_delimiters`] tells the two apart, [`check`] reports whether the
//! expression compiles, and [`parse`] returns its syntax tree ([`Expr`]),
//! which lists the variables ([`Expr::variables`]) and functions
//! ([`Expr::function_calls`]) it uses.
//!
//! The grammar is JSONata's as implemented by jsonata-js, the reference
//! implementation (checked against jsonata-js 2.2, including the `??` and
//! `?:` operators of JSONata 2.1): an expression is accepted exactly when
//! `jsonata(expr)` compiles. That includes the checks jsonata-js makes after
//! parsing (a number is not a path step, `%` needs an enclosing step, …), the
//! validity of regular expression literals as JavaScript `RegExp`s, and
//! lambda signatures. A few details that follow from this:
//!
//! - `/` starts a regular expression where jsonata-js's tokenizer expects an
//!   operand, and divides elsewhere. Right after a prefix `(`, `[`, `{` or `-`
//!   jsonata-js's tokenizer is in operator mode, so `(/a/)` and `[/a/]` are
//!   errors; `$match(s, /a/)` and `s ~> /a/` are fine.
//! - Inside a regular expression literal, brackets must balance for the
//!   closing `/` to be found: `/a{/` and `/]/` are unterminated.
//! - String escapes are JSON's: `'it\'s'` is an error; write `"it's"`.
//! - `?:` and `??` are single tokens.
//! - JSONPath syntax is not JSONata: `$.x` parses (the context `$`, then the
//!   field `x`), but a JSONPath filter such as `$.a[?(@.b < 1)]` does not.
//! - Regular expressions follow ECMAScript 2025, so group modifiers
//!   (`(?i:…)`) and a capture name repeated in different alternatives are
//!   accepted, although engines older than Node.js 24 reject them.
//!
//! Offsets in errors and spans are byte offsets into the expression passed
//! in (for a `{% … %}` string, the text returned by [`strip_delimiters`]).
//!
//! Nesting is limited to [`MAX_DEPTH`] levels, so no input can overflow the
//! stack (even an unoptimized build on a 2 MiB thread stack); no input makes
//! the parser panic.

mod ast;
mod error;
mod lexer;
mod parser;
mod post;
mod regex;
mod signature;

#[cfg(test)]
mod tests;

pub use ast::{BinaryOp, Expr, FunctionCall, Param, SortTerm, Span, VariableRef};
pub use error::JsonataError;

/// The deepest nesting [`parse`] accepts. Deeper expressions are rejected
/// with an error rather than risking a stack overflow. The count covers both
/// brackets (`((((1))))`) and operator chains (`1+1+…+1`).
pub const MAX_DEPTH: usize = parser::MAX_DEPTH;

/// Splits a `{% … %}` string into the expression inside, or returns `None`
/// when the string is a plain literal.
///
/// As in Step Functions, the whole string must be the expression: it starts
/// with `{%` and ends with `%}`, with nothing before or after. Whitespace
/// inside the delimiters is allowed but not required (asl-validator, unlike
/// Step Functions, also demands a space after `{%` and before `%}`), and it is
/// kept in the returned text, so offsets into that text are the string's
/// offsets minus 2.
///
/// ```
/// use asl_core::jsonata::strip_delimiters;
///
/// assert_eq!(strip_delimiters("{% $states.input.id %}"), Some(" $states.input.id "));
/// assert_eq!(strip_delimiters("{%1+2%}"), Some("1+2"));
/// assert_eq!(strip_delimiters("plain text"), None);
/// assert_eq!(strip_delimiters(" {% 1 %}"), None);
/// assert_eq!(strip_delimiters("{% 1 %"), None);
/// ```
#[must_use]
pub fn strip_delimiters(s: &str) -> Option<&str> {
    // One rule for what is an expression: `Jsonata::is_expression`.
    if !crate::Jsonata::is_expression(s) {
        return None;
    }
    s.get(2..s.len() - 2)
}

/// Parses a JSONata expression (the text inside `{% … %}`) into its syntax
/// tree.
///
/// # Errors
///
/// Returns the first syntax error, as jsonata-js would report it when
/// compiling the expression (see [`JsonataError::code`]), or an error when
/// the expression is nested deeper than [`MAX_DEPTH`].
///
/// ```
/// use asl_core::jsonata::{parse, Expr};
///
/// let expr = parse("$states.input.items[price > 10].name").unwrap();
/// assert!(matches!(expr, Expr::Path { .. }));
///
/// let err = parse("$sum($states.input.items").unwrap_err();
/// assert_eq!(err.message(), "expected ')' to close '(' at 4, found end of expression");
/// assert_eq!(err.offset(), 24);
/// ```
pub fn parse(expr: &str) -> Result<Expr, JsonataError> {
    let tree = parser::Parser::parse(expr)?;
    post::check(&tree)?;
    Ok(tree)
}

/// Checks that a JSONata expression (the text inside `{% … %}`) compiles.
///
/// # Errors
///
/// The same as [`parse`].
///
/// ```
/// use asl_core::jsonata::check;
///
/// assert!(check("$states.input.a + 1").is_ok());
/// assert!(check("$uppercase($states.input.name) & '!'").is_ok());
///
/// let err = check("10 + * 2").unwrap_err(); // `*` is the wildcard here
/// assert_eq!(err.offset(), 7);
/// assert_eq!(err.code(), Some("S0201"));
/// assert_eq!(
///     err.to_string(),
///     "unexpected '2': expected an operator or the end of the expression (at offset 7)"
/// );
/// ```
pub fn check(expr: &str) -> Result<(), JsonataError> {
    parse(expr).map(|_| ())
}
