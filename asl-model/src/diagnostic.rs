//! Diagnostics in AWS's vocabulary: `severity`, `code`, `message` and
//! `location` (a JSON pointer), as `ValidateStateMachineDefinition` returns them.

use serde::Serialize;
use std::fmt;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    /// AWS would reject the definition.
    Error,
    /// Probably a mistake, or a rule AWS may enforce (⚠ in the reference).
    Warning,
}

/// One problem found in a definition.
///
/// ```
/// use asl_core::{Diagnostic, Severity};
/// let d = Diagnostic::error("MISSING_TRANSITION_TARGET", "/States/A/Next", "missing 'Next' target: B");
/// assert_eq!(d.severity, Severity::Error);
/// assert_eq!(d.to_string(), "ERROR MISSING_TRANSITION_TARGET at /States/A/Next: missing 'Next' target: B");
/// assert_eq!((d.line, d.column), (None, None));
/// ```
///
/// A diagnostic of [`validate_str`](https://docs.rs/asl-core/latest/asl_core/fn.validate_str.html)
/// also says where its `location` is in the text:
///
/// ```
/// let text = "{\"StartAt\": \"A\", \"States\": {\n  \"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}";
/// let report = asl_core::validate_str(text, &asl_core::Options::default());
/// let d = report.diagnostics.iter().find(|d| d.location == "/States/A/Next").unwrap();
/// assert_eq!((d.line, d.column), (Some(2), Some(25)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// `ERROR` or `WARNING`.
    pub severity: Severity,
    /// A stable code: AWS's where AWS has one (`SCHEMA_VALIDATION_FAILED`,
    /// `MISSING_TRANSITION_TARGET`, …), this project's otherwise (see [`codes`]).
    pub code: &'static str,
    /// What is wrong, naming the ASL field, and the fix when there is one.
    pub message: String,
    /// JSON pointer of the value at fault (`/` for the document).
    pub location: String,
    /// The 1-based line of `location` in the text that was validated (for
    /// an object member, where its key starts; for an array element, the
    /// element), when there was a text and `location` is in it; for a parse
    /// error, the error's own line. `None` for a machine validated without
    /// its text.
    #[serde(skip)]
    pub line: Option<usize>,
    /// The 1-based column, in characters, that goes with [`line`](Self::line).
    #[serde(skip)]
    pub column: Option<usize>,
}

impl Diagnostic {
    /// An error.
    pub fn error(
        code: &'static str,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, location.into(), message.into())
    }

    /// A warning.
    pub fn warning(
        code: &'static str,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, location.into(), message.into())
    }

    /// A diagnostic without a position yet.
    fn new(severity: Severity, code: &'static str, location: String, message: String) -> Self {
        Diagnostic {
            severity,
            code,
            message,
            location,
            line: None,
            column: None,
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same diagnostic, with the line and column (both 1-based, the
    /// column in characters) where its location is in the source text.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
        };
        write!(
            f,
            "{sev} {} at {}: {}",
            self.code, self.location, self.message
        )
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident, )*) => {
        $( $(#[$doc])* pub const $name: &str = stringify!($name); )*

        /// Every code, in the order above.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

/// Diagnostic codes. The first group is AWS's own vocabulary; the rest are
/// this project's, for rules AWS reports under a generic code or not at all.
pub mod codes {
    codes! {
        /// AWS: the document is not well-formed JSON.
        INVALID_JSON_DESCRIPTION,
        /// AWS: a field is missing, unknown, of the wrong type or out of range.
        SCHEMA_VALIDATION_FAILED,
        /// AWS: `Next`, `Default`, a catcher's `Next` or `StartAt` names no state in scope.
        MISSING_TRANSITION_TARGET,
        /// AWS: two states share a name (across nesting too).
        DUPLICATE_STATE_NAME,
        /// AWS: a (sub)machine has no reachable terminal state.
        MISSING_END_STATE,
        /// AWS: the definition nests too deeply.
        TOO_DEEPLY_NESTED,
        /// AWS: the definition is empty (or `null`).
        MISSING_DESCRIPTION,
        /// AWS: a state name is empty or longer than 80 characters.
        INVALID_STATE_NAME,
        /// AWS: a Map `Label` is empty, too long or has a forbidden character.
        INVALID_LABEL_NAME,
        /// AWS: two Map states share a `Label`.
        DUPLICATE_LABEL_NAME,
        /// AWS (warning): a payload-template value looks like a path or an
        /// intrinsic call, but its key does not end in `.$`, so it is a literal.
        NO_DOLLAR,
        /// AWS (warning): a value looks like a path, but the field is not a
        /// `…Path` field, so it is a literal.
        NO_PATH,
        /// AWS (warning): a Pass state's `Result` uses a path; `Result` is static.
        PASS_RESULT_IS_STATIC,
        /// A state no transition reaches.
        UNREACHABLE_STATE,
        /// A JSONPath string that is not valid in its context.
        INVALID_JSONPATH,
        /// An intrinsic function call that is malformed or misused.
        INVALID_INTRINSIC_FUNCTION,
        /// A `{% %}` expression that does not parse.
        INVALID_JSONATA,
        /// A field of the other query language (e.g. `Parameters` in a JSONata state).
        QUERY_LANGUAGE_MISMATCH,
        /// A Task resource that is not a known integration, Lambda or activity ARN.
        INVALID_RESOURCE,
        /// A service-integration parameter problem (e.g. Bedrock `Body` with `Input`).
        INVALID_INTEGRATION_PARAMETERS,
        /// Something an EXPRESS state machine does not support.
        EXPRESS_UNSUPPORTED,
        /// A definition, name or value over an AWS limit.
        LIMIT_EXCEEDED,
        /// A `${Name}` template substitution that was left unresolved.
        UNRESOLVED_SUBSTITUTION,
        /// An `Assign` key that is not a valid variable name (`states` is reserved).
        INVALID_VARIABLE,
        /// A variable read that no visible `Assign` defines, or a nested scope
        /// defining a name an enclosing scope already has.
        VARIABLE_SCOPE,
    }
}
