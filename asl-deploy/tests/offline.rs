//! asl-deploy without a server: local validation stops a deployment before
//! any request, and an unreachable endpoint is a clear `Sdk` error.

use std::time::{Duration, Instant};

use asl_deploy::{DeployError, DeploySpec, Deployer, DiagnosticOrigin};

#[tokio::test]
async fn local_validation_runs_before_any_request() {
    // Port 9 (discard) on loopback: nothing listens; no request is made anyway.
    let d = Deployer::local("http://127.0.0.1:9");
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#;
    let err = d
        .deploy(&DeploySpec::from_text(
            "Broken",
            text,
            "arn:aws:iam::000000000000:role/r",
        ))
        .await
        .unwrap_err();
    let DeployError::InvalidDefinition {
        origin,
        diagnostics,
    } = &err
    else {
        panic!("expected InvalidDefinition, got {err:?}");
    };
    assert_eq!(*origin, DiagnosticOrigin::Local);
    assert!(diagnostics
        .iter()
        .any(|d| d.code == "MISSING_TRANSITION_TARGET"
            && d.location.as_deref() == Some("/States/A/Next")));
    let text = err.to_string();
    assert!(
        text.starts_with("invalid definition: local validation reported"),
        "{text}"
    );
    assert!(
        text.contains("\n  ERROR MISSING_TRANSITION_TARGET at /States/A/Next: "),
        "{text}"
    );
    assert_eq!(err.diagnostics().len(), diagnostics.len());
}

#[tokio::test]
async fn an_unreachable_endpoint_is_an_sdk_error() {
    let d = Deployer::local("http://127.0.0.1:9");
    let begin = Instant::now();
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
    let err = d
        .deploy(&DeploySpec::from_text(
            "Fine",
            text,
            "arn:aws:iam::000000000000:role/r",
        ))
        .await
        .unwrap_err();
    assert!(begin.elapsed() < Duration::from_secs(30));
    let DeployError::Sdk {
        operation,
        code,
        message,
        ..
    } = &err
    else {
        panic!("expected Sdk, got {err:?}");
    };
    assert_eq!(*operation, "ValidateStateMachineDefinition");
    assert_eq!(*code, None);
    assert!(
        message.contains("dispatch failure") || message.contains("onnect"),
        "{message}"
    );
    assert!(std::error::Error::source(&err).is_some());
    eprintln!("[asl-deploy] unreachable endpoint reads: {err}");
}
