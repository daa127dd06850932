//! The error type reported by the JSONata parser.

use std::fmt;

/// A JSONata syntax error: where it is, what was expected, and the
/// jsonata-js error code when the reference implementation has one.
///
/// The offset is a byte offset into the expression that was parsed (the text
/// inside `{% … %}`, not the whole JSON string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonataError {
    // Boxed so that `Result<_, JsonataError>` stays small: the parser passes
    // such results up through every nesting level.
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    offset: usize,
    code: Option<&'static str>,
    message: String,
}

impl JsonataError {
    pub(crate) fn new(
        offset: usize,
        code: Option<&'static str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            inner: Box::new(Inner {
                offset,
                code,
                message: message.into(),
            }),
        }
    }

    /// Byte offset into the expression where the problem was found.
    ///
    /// It always lies on a UTF-8 character boundary of the expression and is
    /// at most the expression's length (an offset equal to the length means
    /// "at the end of the expression").
    #[must_use]
    pub fn offset(&self) -> usize {
        self.inner.offset
    }

    /// The jsonata-js error code for the same problem (`"S0202"`, `"S0211"`, …),
    /// or `None` when jsonata-js has none: an invalid regular expression
    /// (jsonata-js lets the JavaScript `RegExp` constructor throw) or an
    /// expression nested deeper than this parser allows.
    #[must_use]
    pub fn code(&self) -> Option<&'static str> {
        self.inner.code
    }

    /// The lower-case message naming what was expected, without the offset,
    /// e.g. `expected ')' to close '(' at 4, found end of expression`.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.inner.message
    }
}

impl fmt::Display for JsonataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (at offset {})",
            self.inner.message, self.inner.offset
        )
    }
}

impl std::error::Error for JsonataError {}
