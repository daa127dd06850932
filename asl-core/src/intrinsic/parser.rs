//! Syntax of intrinsic function calls: `Name(arg, ...)`.

use super::{
    Argument, ArgumentValue, IntrinsicCall, IntrinsicError, IntrinsicErrorKind, IntrinsicFunction,
    NumberLiteral,
};
use crate::path::cursor::Cursor;

/// How deeply calls may nest before the parser gives up. The semantic limit
/// ([`super::MAX_NESTING_DEPTH`]) is lower and reported by `check`.
pub(crate) const MAX_PARSE_DEPTH: usize = 64;

/// The characters a string literal may escape with `\`.
const ESCAPABLE: [char; 4] = ['\'', '{', '}', '\\'];

fn syntax(offset: usize, message: impl Into<String>) -> IntrinsicError {
    IntrinsicError::new(IntrinsicErrorKind::Syntax, offset, message)
}

/// Reads `Ident(.Ident)*` and returns it, or `None` (consuming nothing)
/// when no identifier starts here.
pub(crate) fn read_name<'a>(cur: &mut Cursor<'a>) -> Option<&'a str> {
    let start = cur.pos();
    if !cur.peek().is_some_and(is_ident_start) {
        return None;
    }
    loop {
        while cur.peek().is_some_and(is_ident_continue) {
            cur.bump();
        }
        if cur.peek() == Some('.') && cur.peek_second().is_some_and(is_ident_start) {
            cur.bump();
        } else {
            break;
        }
    }
    Some(cur.since(start))
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_ident_continue(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

pub(crate) struct Parser<'a> {
    cur: Cursor<'a>,
    src: &'a str,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Parser {
            cur: Cursor::new(src, 0),
            src,
        }
    }

    /// A whole expression: one call, then only whitespace.
    pub(crate) fn parse_expression(&mut self) -> Result<IntrinsicCall, IntrinsicError> {
        let call = self.parse_call(1)?;
        self.cur.skip_ws();
        if let Some(c) = self.cur.peek() {
            return Err(syntax(
                self.cur.pos(),
                format!("expected the end of the expression after ')', found {c:?}"),
            ));
        }
        Ok(call)
    }

    fn parse_call(&mut self, depth: usize) -> Result<IntrinsicCall, IntrinsicError> {
        let start = self.cur.pos();
        let Some(name) = read_name(&mut self.cur) else {
            return Err(syntax(
                start,
                "expected an intrinsic function name such as 'States.Format'",
            ));
        };
        if !self.cur.eat('(') {
            return Err(syntax(
                self.cur.pos(),
                format!("expected '(' after '{name}'"),
            ));
        }
        if depth > MAX_PARSE_DEPTH {
            return Err(syntax(
                start,
                format!("expected at most {MAX_PARSE_DEPTH} levels of nested intrinsic calls"),
            ));
        }
        let mut args = Vec::new();
        self.cur.skip_ws();
        if !self.cur.eat(')') {
            loop {
                args.push(self.parse_argument(depth)?);
                self.cur.skip_ws();
                if self.cur.eat(')') {
                    break;
                }
                if !self.cur.eat(',') {
                    return Err(syntax(
                        self.cur.pos(),
                        "expected ',' or ')' after an argument",
                    ));
                }
                self.cur.skip_ws();
            }
        }
        Ok(IntrinsicCall {
            name: name.to_owned(),
            function: IntrinsicFunction::from_name(name),
            args,
            offset: start,
            end: self.cur.pos(),
        })
    }

    fn parse_argument(&mut self, depth: usize) -> Result<Argument, IntrinsicError> {
        let start = self.cur.pos();
        let value = match self.cur.peek() {
            Some('\'') => ArgumentValue::String(self.parse_string()?),
            Some('"') => {
                return Err(syntax(start, "expected a single-quoted string: string literals use '...'"));
            }
            Some('$') => {
                let (path, end) = crate::path::parse_embedded(self.src, start)
                    .map_err(|e| syntax(e.offset(), e.message()))?;
                self.cur.reset(end);
                ArgumentValue::Path(path)
            }
            Some(c) if c == '-' || c.is_ascii_digit() => match self.cur.number() {
                Ok(text) => ArgumentValue::Number(NumberLiteral::new(text)),
                Err((at, message)) => return Err(syntax(at, message)),
            },
            Some(c) if is_ident_start(c) => {
                let name = read_name(&mut self.cur).unwrap_or_default();
                match name {
                    _ if self.cur.peek() == Some('(') => {
                        self.cur.reset(start);
                        ArgumentValue::Call(self.parse_call(depth + 1)?)
                    }
                    "true" => ArgumentValue::Boolean(true),
                    "false" => ArgumentValue::Boolean(false),
                    "null" => ArgumentValue::Null,
                    _ => {
                        return Err(syntax(
                            start,
                            format!("expected an argument, found '{name}': quote strings as '{name}'"),
                        ))
                    }
                }
            }
            Some(')') | Some(',') => return Err(syntax(start, "expected an argument")),
            None => return Err(syntax(start, "expected an argument or ')'")),
            Some(_) => {
                return Err(syntax(
                    start,
                    "expected an argument: a 'string', a number, true, false, null, a path or an intrinsic call",
                ))
            }
        };
        Ok(Argument {
            value,
            offset: start,
            end: self.cur.pos(),
        })
    }

    /// A single-quoted literal; only `\'`, `\{`, `\}` and `\\` are escapes.
    fn parse_string(&mut self) -> Result<String, IntrinsicError> {
        let start = self.cur.pos();
        self.cur.bump();
        let mut value = String::new();
        loop {
            let at = self.cur.pos();
            match self.cur.bump() {
                None => return Err(syntax(start, "expected a closing ' to end this string")),
                Some('\'') => return Ok(value),
                Some('\\') => match self.cur.bump() {
                    Some(c) if ESCAPABLE.contains(&c) => value.push(c),
                    Some(c) => {
                        return Err(syntax(
                            at,
                            format!(
                                "expected one of the escapes \\' \\{{ \\}} \\\\ in a string, found '\\{}'",
                                if c.is_control() {
                                    c.escape_debug().to_string()
                                } else {
                                    c.to_string()
                                }
                            ),
                        ))
                    }
                    None => return Err(syntax(start, "expected a closing ' to end this string")),
                },
                Some(c) => value.push(c),
            }
        }
    }
}

/// Counts the `{}` placeholders in the source text of a string literal
/// (quotes included); escaped braces do not count.
pub(crate) fn count_placeholders(literal_source: &str) -> usize {
    let mut count = 0;
    let mut chars = literal_source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                count += 1;
            }
            _ => {}
        }
    }
    count
}
