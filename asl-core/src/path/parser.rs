//! The recursive-descent JSONPath parser behind [`crate::path::parse`] and
//! [`crate::path::check`].
//!
//! One parser serves every context: the [`Grammar`] decides which steps are
//! allowed, so a forbidden step is reported where it is written.

use super::cursor::{is_ws, Cursor};
use super::{
    CompareOp, FieldNotation, FilterExpr, FilterOperand, ParsedPath, PathError, PathRoot, Segment,
    SegmentKind,
};

/// How deeply parentheses may nest inside one filter expression.
const MAX_FILTER_DEPTH: usize = 32;

/// The path functions (Jayway) accepted at the end of a general path.
const PATH_FUNCTIONS: &[&str] = &[
    "min", "max", "avg", "stddev", "length", "sum", "keys", "first", "last",
];

/// Which JSONPath dialect the parser accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grammar {
    /// Full Jayway-style paths.
    Path,
    /// Single-node paths: `.name`, `['name']` and `[index]` steps only.
    Reference,
    /// Reference paths rooted at `$` (no `$$`, no variables).
    Result,
}

/// Parses one path starting at `pos` in `src`.
pub(crate) struct Parser<'a> {
    cur: Cursor<'a>,
    grammar: Grammar,
}

impl<'a> Parser<'a> {
    /// A parser reading `src` from byte `pos`.
    pub(crate) fn new(src: &'a str, pos: usize, grammar: Grammar) -> Self {
        Parser {
            cur: Cursor::new(src, pos),
            grammar,
        }
    }

    /// The byte offset just after what has been parsed so far.
    pub(crate) fn pos(&self) -> usize {
        self.cur.pos()
    }

    /// Fails unless only whitespace is left.
    pub(crate) fn expect_end(&mut self) -> Result<(), PathError> {
        self.cur.skip_ws();
        match self.cur.peek() {
            None => Ok(()),
            Some(c) => Err(self.error_here(format!(
                "expected '.', '[' or the end of the path, found {c:?}"
            ))),
        }
    }

    fn error_here(&self, message: impl Into<String>) -> PathError {
        PathError::new(self.cur.pos(), message)
    }

    /// Parses a root and as many steps as follow it; stops at the first
    /// character that cannot continue a path.
    pub(crate) fn parse_path(&mut self) -> Result<ParsedPath, PathError> {
        let start = self.cur.pos();
        let root = self.parse_root()?;
        let mut segments = Vec::new();
        loop {
            match self.cur.peek() {
                Some('.') => self.parse_dot(&mut segments)?,
                Some('[') => segments.push(self.parse_bracket()?),
                _ => break,
            }
            let ends_with_function = segments
                .last()
                .is_some_and(|s| matches!(s.kind, SegmentKind::Function(_)));
            if ends_with_function && matches!(self.cur.peek(), Some('.' | '[')) {
                return Err(self.error_here(
                    "expected the end of the path after a path function such as 'length()'",
                ));
            }
        }
        Ok(ParsedPath {
            root,
            segments,
            offset: start,
            text: self.cur.since(start).to_owned(),
        })
    }

    fn parse_root(&mut self) -> Result<PathRoot, PathError> {
        let start = self.cur.pos();
        if !self.cur.eat('$') {
            return Err(self.error_here("expected '$' at the start of a path"));
        }
        if self.cur.eat('$') {
            if self.grammar == Grammar::Result {
                return Err(PathError::new(
                    start,
                    "expected '$': a result path cannot write to the context object '$$'",
                ));
            }
            return Ok(PathRoot::Context);
        }
        if self.cur.peek().is_some_and(is_variable_start) {
            let name_start = self.cur.pos();
            while self.cur.peek().is_some_and(is_variable_continue) {
                self.cur.bump();
            }
            if self.grammar == Grammar::Result {
                return Err(PathError::new(
                    start,
                    "expected '$': a result path cannot write to a variable",
                ));
            }
            return Ok(PathRoot::Variable(self.cur.since(name_start).to_owned()));
        }
        Ok(PathRoot::Input)
    }

    fn not_in_reference(&self, offset: usize, what: &str) -> Result<(), PathError> {
        if self.grammar == Grammar::Path {
            Ok(())
        } else {
            Err(PathError::new(
                offset,
                format!(
                    "expected a field name or an index: {what} are not allowed in a reference path"
                ),
            ))
        }
    }

    /// `.name`, `.*`, `.name()`, `.[...]`, `..name`, `..*` or `..[...]`.
    fn parse_dot(&mut self, segments: &mut Vec<Segment>) -> Result<(), PathError> {
        let start = self.cur.pos();
        self.cur.bump();
        if self.cur.peek() == Some('.') {
            self.cur.bump();
            self.not_in_reference(start, "recursive descents '..'")?;
            segments.push(Segment {
                offset: start,
                kind: SegmentKind::RecursiveDescent,
            });
            if self.cur.peek() == Some('[') {
                segments.push(self.parse_bracket()?);
                return Ok(());
            }
            let name_start = self.cur.pos();
            let segment =
                self.parse_dot_name(name_start, "expected a field name, '*' or '[' after '..'")?;
            segments.push(segment);
            return Ok(());
        }
        if self.cur.peek() == Some('[') {
            // Jayway accepts a dot before a bracket step: `$.[0]`, `$.['a']`.
            segments.push(self.parse_bracket()?);
            return Ok(());
        }
        segments.push(self.parse_dot_name(start, "expected a field name after '.'")?);
        Ok(())
    }

    /// The name (or `*`) after `.` or `..`; the segment gets `offset`.
    fn parse_dot_name(&mut self, offset: usize, if_empty: &str) -> Result<Segment, PathError> {
        let start = self.cur.pos();
        if self.cur.peek() == Some('*')
            && self
                .cur
                .peek_second()
                .is_none_or(|c| is_name_stop(c, false))
        {
            self.cur.bump();
            self.not_in_reference(start, "wildcards '*'")?;
            return Ok(Segment {
                offset,
                kind: SegmentKind::Wildcard,
            });
        }
        let name = self.read_name(false)?;
        if self.cur.pos() == start {
            return Err(self.error_here(if_empty));
        }
        if self.cur.peek() != Some('(') {
            return Ok(Segment {
                offset,
                kind: SegmentKind::Field {
                    name,
                    notation: FieldNotation::Dot,
                },
            });
        }
        self.not_in_reference(start, "functions such as 'length()'")?;
        self.cur.bump();
        self.cur.skip_ws();
        if !self.cur.eat(')') {
            return Err(self.error_here("expected ')': path functions take no arguments"));
        }
        if !PATH_FUNCTIONS.contains(&name.as_str()) {
            return Err(PathError::new(
                start,
                format!(
                    "expected a path function ({}), found '{name}()'",
                    PATH_FUNCTIONS.join("(), ") + "()"
                ),
            ));
        }
        Ok(Segment {
            offset,
            kind: SegmentKind::Function(name),
        })
    }

    /// Reads a dot-notation name, resolving `\x` escapes.
    fn read_name(&mut self, in_filter: bool) -> Result<String, PathError> {
        let mut name = String::new();
        while let Some(c) = self.cur.peek() {
            if c == '\\' {
                let at = self.cur.pos();
                self.cur.bump();
                match self.cur.bump() {
                    Some(escaped) => name.push(escaped),
                    None => {
                        return Err(PathError::new(at, "expected a character after '\\'"));
                    }
                }
                continue;
            }
            if is_name_stop(c, in_filter) {
                break;
            }
            if self.grammar != Grammar::Path && matches!(c, '@' | ':' | '?' | '*') {
                return Err(self.error_here(format!(
                    "expected a field name: '{c}' is not allowed in a reference path name; \
                     escape it as '\\{c}' or use bracket notation"
                )));
            }
            name.push(c);
            self.cur.bump();
        }
        Ok(name)
    }

    /// A `[...]` step.
    fn parse_bracket(&mut self) -> Result<Segment, PathError> {
        let start = self.cur.pos();
        self.cur.bump();
        self.cur.skip_ws();
        let kind = match self.cur.peek() {
            Some('*') => {
                self.not_in_reference(start, "wildcards '*'")?;
                self.cur.bump();
                SegmentKind::Wildcard
            }
            Some('?') => {
                self.not_in_reference(start, "filters '[?(...)]'")?;
                self.cur.bump();
                self.cur.skip_ws();
                if !self.cur.eat('(') {
                    return Err(self.error_here("expected '(' after '?'"));
                }
                let filter = self.parse_or(0)?;
                self.cur.skip_ws();
                if !self.cur.eat(')') {
                    return Err(self.error_here("expected ')' to close the filter"));
                }
                SegmentKind::Filter(filter)
            }
            Some('(') => {
                self.not_in_reference(start, "script expressions '[(...)]'")?;
                self.parse_script()?
            }
            Some('\'' | '"') => self.parse_bracket_names(start)?,
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => self.parse_indexes(start)?,
            _ => {
                return Err(self.error_here(
                    "expected a quoted name, an index, a slice, '*' or a filter '?(...)' after '['",
                ))
            }
        };
        self.cur.skip_ws();
        if !self.cur.eat(']') {
            return Err(self.error_here("expected ']'"));
        }
        Ok(Segment {
            offset: start,
            kind,
        })
    }

    /// `'a'` or `'a', 'b'` inside brackets.
    fn parse_bracket_names(&mut self, start: usize) -> Result<SegmentKind, PathError> {
        let mut names = vec![self.parse_quoted()?];
        loop {
            self.cur.skip_ws();
            if !self.cur.eat(',') {
                break;
            }
            self.cur.skip_ws();
            if !matches!(self.cur.peek(), Some('\'' | '"')) {
                return Err(self.error_here("expected a quoted name after ','"));
            }
            names.push(self.parse_quoted()?);
        }
        if names.len() == 1 {
            let name = names.pop().unwrap_or_default();
            return Ok(SegmentKind::Field {
                name,
                notation: FieldNotation::Bracket,
            });
        }
        self.not_in_reference(start, "unions '[a,b]'")?;
        Ok(SegmentKind::FieldUnion(names))
    }

    /// `[1]`, `[-1]`, `[1,2]`, `[1:2]`, `[1:]`, `[:2]`.
    fn parse_indexes(&mut self, start: usize) -> Result<SegmentKind, PathError> {
        let first_at = self.cur.pos();
        let first = if self.cur.peek() == Some(':') {
            None
        } else {
            Some(self.parse_int()?)
        };
        self.cur.skip_ws();
        if self.cur.eat(':') {
            self.not_in_reference(start, "slices '[a:b]'")?;
            self.cur.skip_ws();
            let end = if self
                .cur
                .peek()
                .is_some_and(|c| c == '-' || c.is_ascii_digit())
            {
                Some(self.parse_int()?)
            } else {
                None
            };
            if first.is_none() && end.is_none() {
                return Err(self.error_here("expected a slice bound"));
            }
            return Ok(SegmentKind::Slice { start: first, end });
        }
        let first = first.unwrap_or_default();
        if self.cur.peek() == Some(',') {
            self.not_in_reference(start, "unions '[a,b]'")?;
            let mut indexes = vec![first];
            while self.cur.eat(',') {
                self.cur.skip_ws();
                indexes.push(self.parse_int()?);
                self.cur.skip_ws();
            }
            return Ok(SegmentKind::IndexUnion(indexes));
        }
        if first < 0 && self.grammar != Grammar::Path {
            return Err(PathError::new(
                first_at,
                "expected an index of 0 or more: negative indexes are not allowed in a reference path",
            ));
        }
        Ok(SegmentKind::Index(first))
    }

    fn parse_int(&mut self) -> Result<i64, PathError> {
        let start = self.cur.pos();
        self.cur.eat('-');
        if self.cur.digits() == 0 {
            return Err(self.error_here("expected a digit"));
        }
        self.cur.since(start).parse::<i64>().map_err(|_| {
            PathError::new(start, "expected a smaller index: this one is out of range")
        })
    }

    /// `(@.length-N)` after `[`.
    fn parse_script(&mut self) -> Result<SegmentKind, PathError> {
        const EXPECTED: &str = "expected a script index of the form '(@.length-N)'";
        self.cur.bump();
        self.cur.skip_ws();
        if !self.cur.eat_str("@.length") {
            return Err(self.error_here(EXPECTED));
        }
        self.cur.skip_ws();
        if !self.cur.eat('-') {
            return Err(self.error_here(EXPECTED));
        }
        self.cur.skip_ws();
        let digits_at = self.cur.pos();
        if self.cur.digits() == 0 {
            return Err(self.error_here(EXPECTED));
        }
        let n = self.cur.since(digits_at).parse::<u64>().map_err(|_| {
            PathError::new(
                digits_at,
                "expected a smaller number: this one is out of range",
            )
        })?;
        self.cur.skip_ws();
        if !self.cur.eat(')') {
            return Err(self.error_here("expected ')'"));
        }
        Ok(SegmentKind::LengthMinus(n))
    }

    /// A single- or double-quoted string; `\x` stands for `x`.
    fn parse_quoted(&mut self) -> Result<String, PathError> {
        let start = self.cur.pos();
        let quote = self.cur.bump().unwrap_or('\'');
        let mut value = String::new();
        loop {
            match self.cur.bump() {
                None => {
                    return Err(PathError::new(
                        start,
                        format!("expected a closing {quote} to end this string"),
                    ))
                }
                Some('\\') => match self.cur.bump() {
                    Some(c) => value.push(c),
                    None => {
                        return Err(PathError::new(
                            start,
                            format!("expected a closing {quote} to end this string"),
                        ))
                    }
                },
                Some(c) if c == quote => return Ok(value),
                Some(c) => value.push(c),
            }
        }
    }

    /// `a || b || …`
    fn parse_or(&mut self, depth: usize) -> Result<FilterExpr, PathError> {
        self.parse_joined(depth, "||", Self::parse_and, FilterExpr::Any)
    }

    /// `a && b && …`
    fn parse_and(&mut self, depth: usize) -> Result<FilterExpr, PathError> {
        self.parse_joined(depth, "&&", Self::parse_condition, FilterExpr::All)
    }

    /// `term op term op …`: a term alone, or every term in `join`.
    fn parse_joined(
        &mut self,
        depth: usize,
        op: &str,
        term: fn(&mut Self, usize) -> Result<FilterExpr, PathError>,
        join: fn(Vec<FilterExpr>) -> FilterExpr,
    ) -> Result<FilterExpr, PathError> {
        let first = term(self, depth)?;
        let mut terms = Vec::new();
        while self.eat_operator(op) {
            terms.push(term(self, depth)?);
        }
        Ok(if terms.is_empty() {
            first
        } else {
            terms.insert(0, first);
            join(terms)
        })
    }

    fn eat_operator(&mut self, op: &str) -> bool {
        self.cur.skip_ws();
        self.cur.eat_str(op)
    }

    /// `( expr )`, `operand` or `operand op operand`.
    fn parse_condition(&mut self, depth: usize) -> Result<FilterExpr, PathError> {
        self.cur.skip_ws();
        if self.cur.peek() == Some('(') {
            if depth >= MAX_FILTER_DEPTH {
                return Err(self.error_here(format!(
                    "expected at most {MAX_FILTER_DEPTH} nested parentheses in a filter"
                )));
            }
            self.cur.bump();
            let inner = self.parse_or(depth + 1)?;
            self.cur.skip_ws();
            if !self.cur.eat(')') {
                return Err(self.error_here("expected ')'"));
            }
            return Ok(inner);
        }
        let left_at = self.cur.pos();
        let left = self.parse_operand(true)?;
        self.cur.skip_ws();
        // The two-character operators before their one-character prefixes.
        const OPERATORS: [(&str, CompareOp); 6] = [
            ("==", CompareOp::Eq),
            ("!=", CompareOp::Ne),
            ("<=", CompareOp::Le),
            (">=", CompareOp::Ge),
            ("<", CompareOp::Lt),
            (">", CompareOp::Gt),
        ];
        let found = OPERATORS.iter().find(|(text, _)| self.cur.eat_str(text));
        let op = if let Some(&(_, op)) = found {
            op
        } else if self.cur.starts_with("=~") {
            return Err(self.error_here(
                "expected a comparison operator: regular-expression matching '=~' is not supported",
            ));
        } else if self.cur.peek() == Some(')')
            || self.cur.starts_with("&&")
            || self.cur.starts_with("||")
        {
            return match left {
                FilterOperand::Path(path) => Ok(FilterExpr::Exists(path)),
                _ => Err(PathError::new(
                    left_at,
                    "expected a path starting with '@' or '$' in a filter without a comparison",
                )),
            };
        } else {
            return Err(self.error_here(
                "expected a comparison operator ('==', '!=', '<', '<=', '>', '>='), '&&', '||' or ')'",
            ));
        };
        self.cur.skip_ws();
        let right = self.parse_operand(false)?;
        Ok(FilterExpr::Compare { left, op, right })
    }

    fn parse_operand(&mut self, left: bool) -> Result<FilterOperand, PathError> {
        let start = self.cur.pos();
        match self.cur.peek() {
            Some('@') => {
                self.cur.bump();
                self.parse_filter_path(start, PathRoot::Current)
            }
            Some('$') => {
                let root = self.parse_root()?;
                self.parse_filter_path(start, root)
            }
            Some('\'' | '"') => Ok(FilterOperand::String(self.parse_quoted()?)),
            Some(c) if c == '-' || c.is_ascii_digit() => match self.cur.number() {
                Ok(text) => Ok(FilterOperand::Number(text.to_owned())),
                Err((at, message)) => Err(PathError::new(at, message)),
            },
            Some(c) if !is_name_stop(c, true) && c != '\\' => {
                while self
                    .cur
                    .peek()
                    .is_some_and(|c| !is_name_stop(c, true) && c != '\\')
                {
                    self.cur.bump();
                }
                match self.cur.since(start) {
                    "true" => Ok(FilterOperand::Boolean(true)),
                    "false" => Ok(FilterOperand::Boolean(false)),
                    "null" => Ok(FilterOperand::Null),
                    _ if left => Err(PathError::new(
                        start,
                        "expected a path starting with '@' or '$', or a literal value",
                    )),
                    word => Ok(FilterOperand::Word(word.to_owned())),
                }
            }
            _ => {
                Err(self.error_here("expected a path starting with '@' or '$', or a literal value"))
            }
        }
    }

    /// The `.name` steps of a path inside a filter.
    fn parse_filter_path(
        &mut self,
        start: usize,
        root: PathRoot,
    ) -> Result<FilterOperand, PathError> {
        let mut segments = Vec::new();
        while self.cur.peek() == Some('.') {
            let at = self.cur.pos();
            self.cur.bump();
            let name = self.read_name(true)?;
            if self.cur.pos() == at + 1 {
                return Err(self.error_here("expected a field name after '.'"));
            }
            segments.push(Segment {
                offset: at,
                kind: SegmentKind::Field {
                    name,
                    notation: FieldNotation::Dot,
                },
            });
        }
        if self.cur.peek() == Some('[') {
            return Err(self.error_here(
                "expected '.name': bracket notation is not supported inside a filter expression",
            ));
        }
        Ok(FilterOperand::Path(ParsedPath {
            root,
            segments,
            offset: start,
            text: self.cur.since(start).to_owned(),
        }))
    }
}

/// Characters that end a dot-notation name (unless escaped with `\`).
fn is_name_stop(c: char, in_filter: bool) -> bool {
    is_ws(c)
        || matches!(c, '.' | '[' | ']' | '(' | ')' | '\'' | '"' | ',')
        || (in_filter && matches!(c, '=' | '<' | '>' | '!' | '&' | '|'))
}

fn is_variable_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_variable_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}
