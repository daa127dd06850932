//! [`DeployError`]: what can go wrong while deploying or running a machine.

use std::fmt;
use std::time::Duration;

use aws_sdk_sfn::error::{ProvideErrorMetadata, SdkError};

/// Who found a problem in a definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticOrigin {
    /// asl-core's validator, before anything was sent.
    Local,
    /// Step Functions (`ValidateStateMachineDefinition`, or an
    /// `InvalidDefinition` answer to create/update).
    Server,
}

impl fmt::Display for DiagnosticOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DiagnosticOrigin::Local => "local validation",
            DiagnosticOrigin::Server => "Step Functions",
        })
    }
}

/// One problem in a definition, from either validator, in AWS's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DefinitionDiagnostic {
    /// `ERROR` or `WARNING`.
    pub severity: String,
    /// `SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`, … (AWS's code
    /// or asl-core's; `InvalidDefinition` for a create/update rejection).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// JSON pointer of the value at fault, when known.
    pub location: Option<String>,
}

impl DefinitionDiagnostic {
    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == "ERROR"
    }
}

impl From<&asl_core::Diagnostic> for DefinitionDiagnostic {
    fn from(d: &asl_core::Diagnostic) -> Self {
        DefinitionDiagnostic {
            severity: match d.severity {
                asl_core::Severity::Error => "ERROR",
                asl_core::Severity::Warning => "WARNING",
            }
            .to_owned(),
            code: d.code.to_owned(),
            message: d.message.clone(),
            location: Some(d.location.clone()),
        }
    }
}

impl fmt::Display for DefinitionDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.severity, self.code)?;
        if let Some(location) = &self.location {
            write!(f, " at {location}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything [`Deployer`](crate::Deployer) can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum DeployError {
    /// The definition was rejected, locally or by Step Functions. Nothing was
    /// created or changed.
    InvalidDefinition {
        /// Which validator rejected it.
        origin: DiagnosticOrigin,
        /// Every diagnostic (errors first in document order; warnings kept).
        diagnostics: Vec<DefinitionDiagnostic>,
    },
    /// The credentials are not allowed to call an operation (or are not
    /// recognised). Also what Step Functions answers, for a few seconds,
    /// about a role IAM has just created (see [`RoleRetry`](crate::RoleRetry)).
    AccessDenied {
        /// The operation, e.g. `CreateStateMachine` or IAM's `CreateRole`.
        operation: &'static str,
        /// The service's message.
        message: String,
    },
    /// Still throttled after the SDK's standard retries.
    Throttled {
        /// The operation.
        operation: &'static str,
        /// The service's message.
        message: String,
    },
    /// The existing state machine has another type: Step Functions cannot
    /// change STANDARD into EXPRESS or back; delete it first or use another
    /// name.
    TypeChange {
        /// The state machine's ARN.
        arn: String,
        /// Its current type.
        existing: String,
        /// The type asked for.
        requested: String,
    },
    /// An execution did not end in time (it is left running).
    Timeout {
        /// The execution's ARN.
        execution_arn: String,
        /// How long it was polled.
        waited: Duration,
    },
    /// The execution role to create has a name IAM rejects. Nothing was
    /// created or changed.
    InvalidRoleName {
        /// The name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Creating a role needs IAM and STS clients, and this deployer was
    /// made from a Step Functions client alone ([`Deployer::new`](crate::Deployer::new)):
    /// add them with [`Deployer::with_iam`](crate::Deployer::with_iam).
    NoIamClient,
    /// Any other failure of a Step Functions, IAM or STS call (including
    /// network errors).
    Sdk {
        /// The operation.
        operation: &'static str,
        /// The service's error code, when there is one.
        code: Option<String>,
        /// The message, or the whole error chain when the service sent none.
        message: String,
        /// The SDK error.
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

impl DeployError {
    /// The diagnostics of an [`InvalidDefinition`](DeployError::InvalidDefinition)
    /// error, empty for the others.
    pub fn diagnostics(&self) -> &[DefinitionDiagnostic] {
        match self {
            DeployError::InvalidDefinition { diagnostics, .. } => diagnostics,
            _ => &[],
        }
    }

    /// Classifies an SDK error by its service error code.
    pub(crate) fn from_sdk<E, R>(operation: &'static str, err: SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: fmt::Debug + Send + Sync + 'static,
    {
        let code = err.code().map(str::to_owned);
        let unreachable = matches!(
            err,
            SdkError::DispatchFailure(_) | SdkError::TimeoutError(_)
        );
        let message = match err.message() {
            Some(m) if !m.is_empty() => m.to_owned(),
            _ => {
                let mut chain = error_chain(&err);
                if unreachable {
                    chain.push_str(" (is the endpoint reachable?)");
                }
                chain
            }
        };
        match code.as_deref() {
            Some(
                "AccessDeniedException"
                | "AccessDenied"
                | "UnrecognizedClientException"
                | "InvalidSignatureException"
                | "ExpiredTokenException"
                | "ExpiredToken"
                | "InvalidClientTokenId"
                | "SignatureDoesNotMatch"
                | "NotAuthorized",
            ) => DeployError::AccessDenied { operation, message },
            Some(
                "ThrottlingException"
                | "Throttling"
                | "TooManyRequestsException"
                | "RequestLimitExceeded"
                | "ProvisionedThroughputExceededException",
            ) => DeployError::Throttled { operation, message },
            Some("InvalidDefinition") => DeployError::InvalidDefinition {
                origin: DiagnosticOrigin::Server,
                diagnostics: vec![DefinitionDiagnostic {
                    severity: "ERROR".to_owned(),
                    code: "InvalidDefinition".to_owned(),
                    message,
                    location: None,
                }],
            },
            _ => DeployError::Sdk {
                operation,
                code,
                message,
                source: Box::new(err),
            },
        }
    }
}

/// The service an operation of this crate belongs to, and its IAM action
/// prefix.
fn service(operation: &str) -> (&'static str, &'static str) {
    match operation {
        "CreateRole"
        | "GetRole"
        | "GetRolePolicy"
        | "PutRolePolicy"
        | "DeleteRolePolicy"
        | "UpdateAssumeRolePolicy" => ("IAM", "iam"),
        "GetCallerIdentity" => ("STS", "sts"),
        _ => ("Step Functions", "states"),
    }
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeployError::InvalidDefinition {
                origin,
                diagnostics,
            } => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                write!(
                    f,
                    "invalid definition: {origin} reported {errors} error{}",
                    if errors == 1 { "" } else { "s" }
                )?;
                for d in diagnostics {
                    write!(f, "\n  {d}")?;
                }
                Ok(())
            }
            DeployError::AccessDenied { operation, message } => {
                let (service, prefix) = service(operation);
                write!(
                    f,
                    "access denied calling {service} {operation}: {message} \
                     (check the credentials and the IAM permission {prefix}:{operation})"
                )
            }
            DeployError::Throttled { operation, message } => write!(
                f,
                "{} {operation} was throttled even after retries: {message}",
                service(operation).0
            ),
            DeployError::TypeChange {
                arn,
                existing,
                requested,
            } => write!(
                f,
                "{arn} is a {existing} state machine and cannot become {requested}: \
                 delete it first or deploy under another name"
            ),
            DeployError::Timeout {
                execution_arn,
                waited,
            } => write!(
                f,
                "execution {execution_arn} still running after {:.1} s",
                waited.as_secs_f64()
            ),
            DeployError::InvalidRoleName { name, reason } => {
                write!(f, "the role name {name:?} {reason}; nothing was deployed")
            }
            DeployError::NoIamClient => f.write_str(
                "creating the execution role needs IAM and STS clients: build the deployer \
                 with Deployer::local, Deployer::from_env or Deployer::with_iam",
            ),
            DeployError::Sdk {
                operation,
                code,
                message,
                ..
            } => {
                let service = service(operation).0;
                match code {
                    Some(code) => write!(f, "{service} {operation} failed: {code}: {message}"),
                    None => write!(f, "{service} {operation} failed: {message}"),
                }
            }
        }
    }
}

impl std::error::Error for DeployError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DeployError::Sdk { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// `outer: inner: innermost`, skipping a cause already quoted by its parent.
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_sfn::error::ErrorMetadata;
    use aws_sdk_sfn::operation::create_state_machine::CreateStateMachineError;

    /// What `operation` fails with when the service answers `code` and `message`.
    fn failure(operation: &'static str, code: &str, message: &str) -> DeployError {
        let err = CreateStateMachineError::generic(
            ErrorMetadata::builder().code(code).message(message).build(),
        );
        DeployError::from_sdk(operation, SdkError::service_error(err, ()))
    }

    fn service_error(code: &str, message: &str) -> DeployError {
        failure("CreateStateMachine", code, message)
    }

    #[test]
    fn errors_are_classified_by_code() {
        let e = service_error("ThrottlingException", "Rate exceeded");
        assert!(matches!(
            e,
            DeployError::Throttled {
                operation: "CreateStateMachine",
                ..
            }
        ));
        assert_eq!(
            e.to_string(),
            "Step Functions CreateStateMachine was throttled even after retries: Rate exceeded"
        );

        let e = service_error("AccessDeniedException", "User is not authorized");
        assert!(matches!(e, DeployError::AccessDenied { .. }));
        assert!(e.to_string().starts_with(
            "access denied calling Step Functions CreateStateMachine: User is not authorized"
        ));

        let e = service_error("InvalidDefinition", "Invalid State Machine Definition: 'X'");
        let DeployError::InvalidDefinition {
            origin,
            diagnostics,
        } = &e
        else {
            panic!("{e:?}");
        };
        assert_eq!(*origin, DiagnosticOrigin::Server);
        assert_eq!(diagnostics[0].code, "InvalidDefinition");
        assert_eq!(
            e.to_string(),
            "invalid definition: Step Functions reported 1 error\n  \
             ERROR InvalidDefinition: Invalid State Machine Definition: 'X'"
        );

        let e = service_error("StateMachineDeleting", "being deleted");
        let DeployError::Sdk { code, message, .. } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(code.as_deref(), Some("StateMachineDeleting"));
        assert_eq!(message, "being deleted");
        assert_eq!(
            e.to_string(),
            "Step Functions CreateStateMachine failed: StateMachineDeleting: being deleted"
        );
        assert!(std::error::Error::source(&e).is_some());
    }

    #[test]
    fn iam_and_sts_errors_name_their_service() {
        let e = failure("CreateRole", "AccessDenied", "not allowed");
        assert_eq!(
            e.to_string(),
            "access denied calling IAM CreateRole: not allowed \
             (check the credentials and the IAM permission iam:CreateRole)"
        );
        let e = failure("GetCallerIdentity", "ExpiredToken", "expired");
        assert!(e
            .to_string()
            .starts_with("access denied calling STS GetCallerIdentity: expired"));
        let e = failure("PutRolePolicy", "MalformedPolicyDocument", "bad");
        assert_eq!(
            e.to_string(),
            "IAM PutRolePolicy failed: MalformedPolicyDocument: bad"
        );
        let e = DeployError::InvalidRoleName {
            name: "my role".into(),
            reason: "contains ' '".into(),
        };
        assert_eq!(
            e.to_string(),
            "the role name \"my role\" contains ' '; nothing was deployed"
        );
        assert!(DeployError::NoIamClient.to_string().contains("with_iam"));
    }

    #[test]
    fn timeouts_and_type_changes_read_well() {
        let e = DeployError::Timeout {
            execution_arn: "arn:x".into(),
            waited: Duration::from_millis(1500),
        };
        assert_eq!(e.to_string(), "execution arn:x still running after 1.5 s");
        let e = DeployError::TypeChange {
            arn: "arn:m".into(),
            existing: "STANDARD".into(),
            requested: "EXPRESS".into(),
        };
        assert!(e
            .to_string()
            .starts_with("arn:m is a STANDARD state machine and cannot become EXPRESS"));
        assert!(e.diagnostics().is_empty());
    }
}
