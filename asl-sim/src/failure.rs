//! A runtime error, as AWS raises it.

/// A runtime error as AWS records it: the error name (`States.Runtime`,
/// `States.TaskFailed`, a service's own error, …) and its cause text.
///
/// ```
/// let f = asl_sim::Failure::new("Lambda.ServiceException", "down");
/// assert_eq!((f.error.as_str(), f.cause.as_str()), ("Lambda.ServiceException", "down"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error name, e.g. `States.Runtime`.
    pub error: String,
    /// The cause text, as AWS writes it.
    pub cause: String,
}

impl Failure {
    /// A failure with this error name and cause.
    ///
    /// ```
    /// assert_eq!(asl_sim::Failure::new("E", "c").error, "E");
    /// ```
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Failure {
            error: error.into(),
            cause: cause.into(),
        }
    }

    /// `States.Runtime` with this cause.
    ///
    /// ```
    /// assert_eq!(asl_sim::Failure::runtime("bad path").error, "States.Runtime");
    /// ```
    pub fn runtime(cause: impl Into<String>) -> Self {
        Failure::new("States.Runtime", cause)
    }
}
