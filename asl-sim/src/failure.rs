//! A runtime error, as AWS raises it.

/// A runtime error as AWS records it: the error name (`States.Runtime`,
/// `States.TaskFailed`, a service's own error, …) and its cause text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error name, e.g. `States.Runtime`.
    pub error: String,
    /// The cause text, as AWS writes it.
    pub cause: String,
}

impl Failure {
    /// A failure with this error name and cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Failure {
            error: error.into(),
            cause: cause.into(),
        }
    }

    /// `States.Runtime` with this cause.
    pub fn runtime(cause: impl Into<String>) -> Self {
        Failure::new("States.Runtime", cause)
    }
}
