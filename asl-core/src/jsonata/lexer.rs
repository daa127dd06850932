//! The tokenizer, modelled on jsonata-js's `tokenizer`.
//!
//! Like jsonata-js it is pulled one token at a time by the parser, which says
//! whether the next token stands in *operand* position (where `/` starts a
//! regular expression) or in *operator* position (where `/` divides).

use super::error::JsonataError;
use super::regex;

/// The operator and punctuation tokens, including the keyword operators
/// `and`, `or` and `in`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Dot,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    At,
    Hash,
    Semicolon,
    Colon,
    Question,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Pipe,
    Eq,
    Lt,
    Gt,
    Caret,
    Amp,
    StarStar,
    DotDot,
    Assign,
    NotEq,
    LtEq,
    GtEq,
    Chain,
    Elvis,
    Coalesce,
    And,
    Or,
    In,
}

impl Op {
    /// The operator as written.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Op::Dot => ".",
            Op::LBracket => "[",
            Op::RBracket => "]",
            Op::LBrace => "{",
            Op::RBrace => "}",
            Op::LParen => "(",
            Op::RParen => ")",
            Op::Comma => ",",
            Op::At => "@",
            Op::Hash => "#",
            Op::Semicolon => ";",
            Op::Colon => ":",
            Op::Question => "?",
            Op::Plus => "+",
            Op::Minus => "-",
            Op::Star => "*",
            Op::Slash => "/",
            Op::Percent => "%",
            Op::Pipe => "|",
            Op::Eq => "=",
            Op::Lt => "<",
            Op::Gt => ">",
            Op::Caret => "^",
            Op::Amp => "&",
            Op::StarStar => "**",
            Op::DotDot => "..",
            Op::Assign => ":=",
            Op::NotEq => "!=",
            Op::LtEq => "<=",
            Op::GtEq => ">=",
            Op::Chain => "~>",
            Op::Elvis => "?:",
            Op::Coalesce => "??",
            Op::And => "and",
            Op::Or => "or",
            Op::In => "in",
        }
    }

    fn single(c: u8) -> Option<Op> {
        Some(match c {
            b'.' => Op::Dot,
            b'[' => Op::LBracket,
            b']' => Op::RBracket,
            b'{' => Op::LBrace,
            b'}' => Op::RBrace,
            b'(' => Op::LParen,
            b')' => Op::RParen,
            b',' => Op::Comma,
            b'@' => Op::At,
            b'#' => Op::Hash,
            b';' => Op::Semicolon,
            b':' => Op::Colon,
            b'?' => Op::Question,
            b'+' => Op::Plus,
            b'-' => Op::Minus,
            b'*' => Op::Star,
            b'/' => Op::Slash,
            b'%' => Op::Percent,
            b'|' => Op::Pipe,
            b'=' => Op::Eq,
            b'<' => Op::Lt,
            b'>' => Op::Gt,
            b'^' => Op::Caret,
            b'&' => Op::Amp,
            _ => return None,
        })
    }

    fn double(a: u8, b: u8) -> Option<Op> {
        Some(match (a, b) {
            (b'.', b'.') => Op::DotDot,
            (b':', b'=') => Op::Assign,
            (b'!', b'=') => Op::NotEq,
            (b'>', b'=') => Op::GtEq,
            (b'<', b'=') => Op::LtEq,
            (b'*', b'*') => Op::StarStar,
            (b'~', b'>') => Op::Chain,
            (b'?', b':') => Op::Elvis,
            (b'?', b'?') => Op::Coalesce,
            _ => return None,
        })
    }
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Op(Op),
    /// A field name, bare or backtick-quoted.
    Name {
        name: String,
        quoted: bool,
    },
    /// `$name`; the name is stored without the `$`.
    Variable(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Regex {
        pattern: String,
        flags: String,
    },
    End,
}

/// A token and the byte range it covers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Token {
    pub(crate) fn is_op(&self, op: Op) -> bool {
        self.tok == Tok::Op(op)
    }
}

/// Whitespace as jsonata-js sees it: space, tab, LF, CR and vertical tab.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B)
}

/// Characters that end a bare name: whitespace and every character that
/// starts an operator (including `!` and `~`).
fn ends_name(c: u8) -> bool {
    is_space(c) || Op::single(c).is_some() || c == b'!' || c == b'~'
}

pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Self { src, pos: 0 }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.src.as_bytes().get(at).copied()
    }

    fn token(&self, tok: Tok, start: usize) -> Token {
        Token {
            tok,
            start,
            end: self.pos,
        }
    }

    /// Reads the next token. `operand` is true where an operand is expected,
    /// which is where a `/` starts a regular expression.
    pub(crate) fn next_token(&mut self, operand: bool) -> Result<Token, JsonataError> {
        loop {
            while self.byte(self.pos).is_some_and(is_space) {
                self.pos += 1;
            }
            if self.byte(self.pos) == Some(b'/') && self.byte(self.pos + 1) == Some(b'*') {
                self.skip_comment()?;
                continue;
            }
            break;
        }
        let start = self.pos;
        let Some(c) = self.byte(start) else {
            return Ok(self.token(Tok::End, start));
        };
        if operand && c == b'/' {
            self.pos += 1;
            return self.regex(start);
        }
        if let Some(op) = self.byte(start + 1).and_then(|d| Op::double(c, d)) {
            self.pos += 2;
            return Ok(self.token(Tok::Op(op), start));
        }
        if let Some(op) = Op::single(c) {
            self.pos += 1;
            return Ok(self.token(Tok::Op(op), start));
        }
        if c == b'!' || c == b'~' {
            let found = if c == b'!' { '!' } else { '~' };
            let hint = if c == b'!' { "'!='" } else { "'~>'" };
            return Err(JsonataError::new(
                start,
                Some("S0204"),
                format!("unknown operator '{found}': expected {hint}"),
            ));
        }
        if c == b'"' || c == b'\'' {
            return self.string(start, c);
        }
        if c.is_ascii_digit() {
            return self.number(start);
        }
        if c == b'`' {
            return self.quoted_name(start);
        }
        self.name(start)
    }

    fn skip_comment(&mut self) -> Result<(), JsonataError> {
        let open = self.pos;
        let body = open + 2;
        match self.src.get(body..).and_then(|rest| rest.find("*/")) {
            Some(found) => {
                self.pos = body + found + 2;
                Ok(())
            }
            None => Err(JsonataError::new(
                open,
                Some("S0106"),
                format!("unterminated comment: expected '*/' to close '/*' at {open}"),
            )),
        }
    }

    fn string(&mut self, start: usize, quote: u8) -> Result<Token, JsonataError> {
        let quote_char = if quote == b'"' { '"' } else { '\'' };
        let mut units: Vec<u16> = Vec::new();
        let mut chars = self.src.get(start + 1..).unwrap_or("").char_indices();
        while let Some((rel, ch)) = chars.next() {
            let at = start + 1 + rel;
            if ch == quote_char {
                self.pos = at + 1;
                let value = String::from_utf16_lossy(&units);
                return Ok(self.token(Tok::Str(value), start));
            }
            if ch != '\\' {
                let mut buf = [0u16; 2];
                units.extend_from_slice(ch.encode_utf16(&mut buf));
                continue;
            }
            let escaped = chars.next().map(|(_, e)| e);
            let unit = match escaped {
                Some('"') => u16::from(b'"'),
                Some('\\') => u16::from(b'\\'),
                Some('/') => u16::from(b'/'),
                Some('b') => 0x08,
                Some('f') => 0x0C,
                Some('n') => 0x0A,
                Some('r') => 0x0D,
                Some('t') => 0x09,
                Some('u') => {
                    let hex = self
                        .src
                        .get(at + 2..at + 6)
                        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                    let Some(value) = hex.and_then(|h| u16::from_str_radix(h, 16).ok()) else {
                        return Err(JsonataError::new(
                            at,
                            Some("S0104"),
                            "invalid escape sequence: expected 4 hex digits after '\\u'",
                        ));
                    };
                    for _ in 0..4 {
                        chars.next();
                    }
                    value
                }
                Some(other) => {
                    return Err(JsonataError::new(
                        at,
                        Some("S0103"),
                        format!(
                            "invalid escape sequence '\\{other}' in string literal: expected one of \
                             \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
                        ),
                    ));
                }
                None => {
                    return Err(JsonataError::new(
                        at,
                        Some("S0103"),
                        "unterminated escape sequence: expected a character after '\\'",
                    ));
                }
            };
            units.push(unit);
        }
        Err(JsonataError::new(
            start,
            Some("S0101"),
            format!("unterminated string literal: expected a closing {quote_char} to match the one at {start}"),
        ))
    }

    /// `(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, as in jsonata-js.
    fn number(&mut self, start: usize) -> Result<Token, JsonataError> {
        let digits = |from: usize| -> usize {
            let mut at = from;
            while self.byte(at).is_some_and(|b| b.is_ascii_digit()) {
                at += 1;
            }
            at
        };
        let mut end = if self.byte(start) == Some(b'0') {
            start + 1
        } else {
            digits(start)
        };
        if self.byte(end) == Some(b'.') && self.byte(end + 1).is_some_and(|b| b.is_ascii_digit()) {
            end = digits(end + 1);
        }
        if matches!(self.byte(end), Some(b'e' | b'E')) {
            let mut exp = end + 1;
            if matches!(self.byte(exp), Some(b'+' | b'-')) {
                exp += 1;
            }
            if self.byte(exp).is_some_and(|b| b.is_ascii_digit()) {
                end = digits(exp);
            }
        }
        let text = self.src.get(start..end).unwrap_or("");
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => {
                self.pos = end;
                Ok(self.token(Tok::Num(value), start))
            }
            _ => Err(JsonataError::new(
                start,
                Some("S0102"),
                format!("number out of range: {text}"),
            )),
        }
    }

    fn quoted_name(&mut self, start: usize) -> Result<Token, JsonataError> {
        let body = start + 1;
        match self.src.get(body..).and_then(|rest| rest.find('`')) {
            Some(len) => {
                let name = self.src.get(body..body + len).unwrap_or("").to_owned();
                self.pos = body + len + 1;
                Ok(self.token(Tok::Name { name, quoted: true }, start))
            }
            None => Err(JsonataError::new(
                start,
                Some("S0105"),
                format!("unterminated quoted name: expected '`' to close the one at {start}"),
            )),
        }
    }

    fn name(&mut self, start: usize) -> Result<Token, JsonataError> {
        let rest = self.src.get(start..).unwrap_or("");
        // Every byte that ends a name is ASCII, so this never splits a character.
        let len = rest.bytes().position(ends_name).unwrap_or(rest.len());
        let text = rest.get(..len).unwrap_or("");
        self.pos = start + len;
        let tok = if let Some(var) = text.strip_prefix('$') {
            Tok::Variable(var.to_owned())
        } else {
            match text {
                "and" => Tok::Op(Op::And),
                "or" => Tok::Op(Op::Or),
                "in" => Tok::Op(Op::In),
                "true" => Tok::Bool(true),
                "false" => Tok::Bool(false),
                "null" => Tok::Null,
                _ => Tok::Name {
                    name: text.to_owned(),
                    quoted: false,
                },
            }
        };
        Ok(self.token(tok, start))
    }

    /// Scans a regular expression literal; `self.pos` is just past the
    /// opening `/`. Like jsonata-js, a `/` closes the literal only outside
    /// (unescaped) brackets and when preceded by an even number of
    /// backslashes.
    fn regex(&mut self, start: usize) -> Result<Token, JsonataError> {
        let bytes = self.src.as_bytes();
        let body = self.pos;
        let mut depth: i64 = 0;
        let mut at = body;
        while let Some(&c) = bytes.get(at) {
            let escaped = at > 0 && bytes.get(at - 1) == Some(&b'\\');
            if c == b'/' && depth == 0 {
                let backslashes = bytes
                    .get(..at)
                    .unwrap_or(&[])
                    .iter()
                    .rev()
                    .take_while(|&&b| b == b'\\')
                    .count();
                if backslashes % 2 == 0 {
                    return self.finish_regex(start, body, at);
                }
            }
            if !escaped {
                match c {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth -= 1,
                    _ => {}
                }
            }
            at += 1;
        }
        Err(JsonataError::new(
            start,
            Some("S0302"),
            format!("unterminated regular expression: expected a closing '/' to match the one at {start}"),
        ))
    }

    fn finish_regex(
        &mut self,
        start: usize,
        body: usize,
        close: usize,
    ) -> Result<Token, JsonataError> {
        let pattern = self.src.get(body..close).unwrap_or("");
        if pattern.is_empty() {
            return Err(JsonataError::new(
                start,
                Some("S0301"),
                "empty regular expression: expected a pattern between the slashes",
            ));
        }
        let mut end = close + 1;
        while matches!(self.byte(end), Some(b'i' | b'm')) {
            end += 1;
        }
        let flags = self.src.get(close + 1..end).unwrap_or("");
        if flags.matches('i').count() > 1 || flags.matches('m').count() > 1 {
            return Err(JsonataError::new(
                close + 1,
                None,
                format!("invalid regular expression flags '{flags}': each flag may appear once"),
            ));
        }
        if let Err(problem) = regex::validate(pattern) {
            return Err(JsonataError::new(
                start,
                None,
                format!("invalid regular expression /{pattern}/: {problem}"),
            ));
        }
        self.pos = end;
        Ok(self.token(
            Tok::Regex {
                pattern: pattern.to_owned(),
                flags: flags.to_owned(),
            },
            start,
        ))
    }
}
