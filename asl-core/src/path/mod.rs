//! JSONPath grammar for the Amazon States Language, checked per context.
//!
//! Where a path appears in a definition decides what it may contain:
//!
//! | [`PathContext`] | used by | accepts |
//! |---|---|---|
//! | [`Path`](PathContext::Path) | `InputPath`, `OutputPath` | Jayway-style JSONPath from `$`, `$$` or `$var`: wildcards, slices, unions, filters, `..`, `.length()` |
//! | [`ReferencePath`](PathContext::ReferencePath) | `ItemsPath`, `SecondsPath`, other `*Path` fields | only `.name`, `['name']` and `[index]` steps, from `$`, `$$` or `$var` |
//! | [`ResultPath`](PathContext::ResultPath) | `ResultPath` | a reference path from `$` (no `$$`, no variables) |
//! | [`PayloadTemplate`](PathContext::PayloadTemplate) | values of `key.$` fields | a general path or an intrinsic function call (see [`crate::intrinsic`]) |
//!
//! [`check`] answers whether a string is valid in a context; [`parse`] gives
//! the syntax tree of a general path.
//!
//! ```
//! use asl_core::path::{check, PathContext};
//!
//! assert!(check("$.store.book[*].author", PathContext::Path).is_ok());
//! assert!(check("$.store.book[*].author", PathContext::ReferencePath).is_err());
//! assert!(check("$$.Execution.Id", PathContext::ReferencePath).is_ok());
//! assert!(check("$$.Execution.Id", PathContext::ResultPath).is_err());
//! assert!(check("States.Format('{}', $.name)", PathContext::PayloadTemplate).is_ok());
//! ```

pub(crate) mod cursor;
pub(crate) mod parser;

use std::fmt;

use parser::{Grammar, Parser};

/// The grammar a JSONPath string is held to, by where it appears in a definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathContext {
    /// A general path (`InputPath`, `OutputPath`): any Jayway-style JSONPath
    /// rooted at `$`, `$$` or a variable. Intrinsic calls are not paths.
    Path,
    /// A reference path (`ItemsPath`, `TimeoutSecondsPath`, …): it names a
    /// single node, so only field and non-negative index steps are allowed.
    ReferencePath,
    /// A `ResultPath`: a reference path rooted at `$`; the context object
    /// `$$` and variables cannot be written.
    ResultPath,
    /// The value of a payload-template key ending in `.$`: a general path or
    /// an intrinsic function call.
    PayloadTemplate,
}

impl PathContext {
    /// Every context, in declaration order.
    pub const ALL: [PathContext; 4] = [
        PathContext::Path,
        PathContext::ReferencePath,
        PathContext::ResultPath,
        PathContext::PayloadTemplate,
    ];

    /// A lower-case name for messages: `"path"`, `"reference path"`,
    /// `"result path"` or `"payload template"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PathContext::Path => "path",
            PathContext::ReferencePath => "reference path",
            PathContext::ResultPath => "result path",
            PathContext::PayloadTemplate => "payload template",
        }
    }
}

impl fmt::Display for PathContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a string is not a valid path in its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    offset: usize,
    message: String,
}

impl PathError {
    pub(crate) fn new(offset: usize, message: impl Into<String>) -> Self {
        PathError {
            offset,
            message: message.into(),
        }
    }
}

/// An error at a byte offset of the checked string, with a message: its
/// `offset()` and `message()`, `Display` (`message (at byte N)`) and `Error`.
macro_rules! error_at_offset {
    ($ty:ident) => {
        impl $ty {
            /// The byte offset in the checked string where the problem is.
            pub fn offset(&self) -> usize {
                self.offset
            }

            /// A lower-case description of the problem, such as
            /// `expected a field name after '.'`.
            pub fn message(&self) -> &str {
                &self.message
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{} (at byte {})", self.message, self.offset)
            }
        }

        impl std::error::Error for $ty {}
    };
}
pub(crate) use error_at_offset;

error_at_offset!(PathError);

/// The syntax tree of a path, as returned by [`parse`].
///
/// Offsets are byte offsets into the string that was parsed (for a path
/// inside an intrinsic call, into the whole call).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPath {
    root: PathRoot,
    segments: Vec<Segment>,
    offset: usize,
    text: String,
}

impl ParsedPath {
    /// What the path starts from.
    pub fn root(&self) -> &PathRoot {
        &self.root
    }

    /// The steps after the root, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The path exactly as written (without trailing whitespace).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte offset where the path starts.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the path is definite, naming at most one node: every step is
    /// a field or a non-negative index.
    ///
    /// This is the structural half of [`PathContext::ReferencePath`];
    /// [`check`] additionally rejects unescaped `@ : ? *` in dot-notation
    /// names of reference paths.
    ///
    /// ```
    /// assert!(asl_core::path::parse("$.a['b'][0]").unwrap().is_reference());
    /// assert!(!asl_core::path::parse("$.a[*]").unwrap().is_reference());
    /// ```
    pub fn is_reference(&self) -> bool {
        self.segments.iter().all(|s| match s.kind {
            SegmentKind::Field { .. } => true,
            SegmentKind::Index(i) => i >= 0,
            _ => false,
        })
    }
}

impl fmt::Display for ParsedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// What a path starts from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathRoot {
    /// `$`: the state's (effective) input.
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable (the name is stored without the `$`).
    Variable(String),
    /// `@`: the current node; only inside filter expressions.
    Current,
}

/// One step of a path, with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The byte offset where the step starts: its `.`, `..` or `[` (for the
    /// step right after `..`, its first character).
    pub offset: usize,
    /// What the step selects.
    pub kind: SegmentKind,
}

/// What a path step selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentKind {
    /// A named field: `.name` or `['name']`. The name has its escapes
    /// resolved (`$.a\.b` names the field `a.b`).
    Field {
        /// The field name.
        name: String,
        /// How the name was written.
        notation: FieldNotation,
    },
    /// An array element: `[2]`; negative counts from the end (`[-1]`).
    Index(i64),
    /// Every child: `.*` or `[*]`.
    Wildcard,
    /// A range of elements: `[start:end]`, either bound optional.
    Slice {
        /// First index (inclusive).
        start: Option<i64>,
        /// Last index (exclusive).
        end: Option<i64>,
    },
    /// Several elements: `[0,1,-2]`.
    IndexUnion(Vec<i64>),
    /// Several fields: `['a','b']`.
    FieldUnion(Vec<String>),
    /// The elements a condition holds for: `[?(@.price < 10)]`.
    Filter(FilterExpr),
    /// The script index `[(@.length-N)]`: the N-th element from the end.
    LengthMinus(u64),
    /// `..`: the next step applies to every descendant. Always followed by
    /// a field, wildcard or bracket step.
    RecursiveDescent,
    /// A path function such as `.length()`; always the last step.
    Function(String),
}

/// How a field step was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldNotation {
    /// `.name`
    Dot,
    /// `['name']` or `["name"]`
    Bracket,
}

/// The condition of a filter step `[?(...)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterExpr {
    /// `@.field`: the path exists.
    Exists(ParsedPath),
    /// `left op right`.
    Compare {
        /// The left operand.
        left: FilterOperand,
        /// The operator.
        op: CompareOp,
        /// The right operand.
        right: FilterOperand,
    },
    /// `a && b && …`
    All(Vec<FilterExpr>),
    /// `a || b || …`
    Any(Vec<FilterExpr>),
}

/// An operand of a filter comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterOperand {
    /// A path in dot notation from `@`, `$`, `$$` or `$var`.
    Path(ParsedPath),
    /// A quoted string, escapes resolved.
    String(String),
    /// A number, as written.
    Number(String),
    /// `true` or `false`.
    Boolean(bool),
    /// `null`.
    Null,
    /// An unquoted word on the right of a comparison, such as `pass` in
    /// `[?(@.state == pass)]`, compared as a string.
    Word(String),
}

/// A filter comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

/// Checks `expr` against the grammar of `context`.
///
/// Trailing whitespace is ignored; leading whitespace is an error. In
/// [`PathContext::PayloadTemplate`], a string that does not start with `$`
/// but [looks like a call](crate::intrinsic::looks_like_call) is checked as an
/// intrinsic function call, semantics included, and its first problem is
/// returned.
///
/// ```
/// use asl_core::path::{check, PathContext};
///
/// assert!(check("$.ledgers[0].pending", PathContext::ResultPath).is_ok());
///
/// let err = check("$.items[0:2]", PathContext::ReferencePath).unwrap_err();
/// assert_eq!(err.offset(), 7);
/// assert!(err.message().contains("slices"));
///
/// let err = check("$.a.", PathContext::Path).unwrap_err();
/// assert_eq!(err.message(), "expected a field name after '.'");
/// ```
pub fn check(expr: &str, context: PathContext) -> Result<(), PathError> {
    if is_plain(expr, context) {
        return Ok(());
    }
    let grammar = match context {
        PathContext::Path => Grammar::Path,
        PathContext::ReferencePath => Grammar::Reference,
        PathContext::ResultPath => Grammar::Result,
        PathContext::PayloadTemplate => {
            if expr.starts_with('$') {
                Grammar::Path
            } else if crate::intrinsic::looks_like_call(expr) || expr.starts_with("States.") {
                return match crate::intrinsic::check(expr) {
                    Ok(_) => Ok(()),
                    Err(errors) => Err(errors
                        .into_iter()
                        .next()
                        .map(|e| PathError::new(e.offset(), e.message()))
                        .unwrap_or_else(|| {
                            PathError::new(0, "expected an intrinsic function call")
                        })),
                };
            } else {
                return Err(PathError::new(
                    0,
                    "expected a path starting with '$' or an intrinsic function call",
                ));
            }
        }
    };
    parse_whole(expr, grammar, context).map(|_| ())
}

/// Whether `expr` is a plain path, which every context accepts: `$` (or
/// `$$`, outside a result path), then `.name` steps of ASCII letters,
/// digits and `_` and `[index]` steps of up to 18 digits, nothing else.
/// [`check`] answers these without building a tree; the parser accepts
/// each of them (the root is not a variable, no name has a character the
/// grammars treat apart, no step is a function, every index is a
/// non-negative `i64`).
fn is_plain(expr: &str, context: PathContext) -> bool {
    let steps = match expr.as_bytes() {
        [b'$', b'$', rest @ ..] if context != PathContext::ResultPath => rest,
        [b'$', rest @ ..] => rest,
        _ => return false,
    };
    let mut steps = steps;
    loop {
        steps = match steps {
            [] => return true,
            [b'.', tail @ ..] => {
                let name = tail
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count();
                if name == 0 {
                    return false;
                }
                tail.get(name..).unwrap_or_default()
            }
            [b'[', tail @ ..] => {
                let digits = tail.iter().take_while(|c| c.is_ascii_digit()).count();
                match tail.get(digits..) {
                    Some([b']', rest @ ..]) if (1..=18).contains(&digits) => rest,
                    _ => return false,
                }
            }
            _ => return false,
        };
    }
}

/// Parses `expr` with the general ([`PathContext::Path`]) grammar.
///
/// ```
/// use asl_core::path::{parse, PathRoot, SegmentKind};
///
/// let path = parse("$order.items[0]").unwrap();
/// assert_eq!(path.root(), &PathRoot::Variable("order".into()));
/// assert_eq!(path.segments().len(), 2);
/// assert_eq!(path.segments()[1].kind, SegmentKind::Index(0));
/// assert!(path.is_reference());
/// ```
pub fn parse(expr: &str) -> Result<ParsedPath, PathError> {
    parse_whole(expr, Grammar::Path, PathContext::Path)
}

fn parse_whole(
    expr: &str,
    grammar: Grammar,
    context: PathContext,
) -> Result<ParsedPath, PathError> {
    if crate::intrinsic::looks_like_call(expr) {
        return Err(PathError::new(
            0,
            format!("expected a path starting with '$': intrinsic functions are not allowed in a {context}"),
        ));
    }
    let mut parser = Parser::new(expr, 0, grammar);
    let path = parser.parse_path()?;
    parser.expect_end()?;
    Ok(path)
}

/// Parses a general path that starts at `pos` inside `src` and ends at the
/// first character that cannot continue it; returns the path and the byte
/// offset after it. Used for paths inside intrinsic calls.
pub(crate) fn parse_embedded(src: &str, pos: usize) -> Result<(ParsedPath, usize), PathError> {
    let mut parser = Parser::new(src, pos, Grammar::Path);
    let path = parser.parse_path()?;
    Ok((path, parser.pos()))
}

#[cfg(test)]
mod tests;
