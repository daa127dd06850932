//! The error type of parsing.

use std::fmt;

/// Why a definition could not be read into the model.
///
/// Like `serde_json::Error`, it is small and opaque: ask it for the JSON
/// pointer of the field at fault, the line and column in the source text
/// (when the source was text), a [`Category`] and the message.
///
/// ```
/// let err = asl_core::from_str(r#"{"StartAt": "W", "States": {"W": {
///   "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
///   "TimeoutSeconds": "ten", "End": true}}}"#).unwrap_err();
/// assert_eq!(err.pointer(), "/States/W/TimeoutSeconds");
/// assert_eq!((err.line(), err.column()), (3, 3));
/// assert_eq!(
///     err.to_string(),
///     "/States/W/TimeoutSeconds: expected a positive integer or a JSONata expression, found the string \"ten\" at line 3 column 3"
/// );
/// ```
pub struct Error(Box<ErrorImpl>);

#[derive(Debug, Clone)]
struct ErrorImpl {
    category: Category,
    pointer: String,
    message: String,
    line: usize,
    column: usize,
}

/// What kind of problem an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// The input is not well-formed JSON (or not UTF-8). AWS reports these as
    /// `INVALID_JSON_DESCRIPTION`.
    Syntax,
    /// The input is JSON, but not shaped like an ASL definition: a missing
    /// required field, a wrong type, two fields that exclude each other, an
    /// unknown `Type`. AWS reports these as `SCHEMA_VALIDATION_FAILED`.
    Data,
    /// The input is larger or deeper than the parser accepts.
    Limit,
}

impl Error {
    #[doc(hidden)]
    pub fn new(category: Category, pointer: String, message: String) -> Self {
        Error(Box::new(ErrorImpl {
            category,
            pointer,
            message,
            line: 0,
            column: 0,
        }))
    }

    #[doc(hidden)]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.0.line = line;
        self.0.column = column;
        self
    }

    /// JSON pointer of the value at fault (`/States/Wait/Seconds`); `/` for
    /// the document itself.
    pub fn pointer(&self) -> &str {
        &self.0.pointer
    }

    /// What went wrong, in lower case, naming what was expected.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// 1-based line in the source text, or 0 when there was no text
    /// (parsing from a `serde_json::Value`).
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// 1-based column (in characters) in the source text, or 0 when unknown.
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// The kind of problem.
    pub fn category(&self) -> Category {
        self.0.category
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.pointer, self.0.message)?;
        if self.0.line > 0 {
            write!(f, " at line {} column {}", self.0.line, self.0.column)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("category", &self.0.category)
            .field("pointer", &self.0.pointer)
            .field("message", &self.0.message)
            .field("line", &self.0.line)
            .field("column", &self.0.column)
            .finish()
    }
}

impl std::error::Error for Error {}

impl Clone for Error {
    fn clone(&self) -> Self {
        Error(self.0.clone())
    }
}
