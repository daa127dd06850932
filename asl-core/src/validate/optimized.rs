//! The optimized service integrations (rule N1): every
//! `arn:<partition>:states:::<service>:<action>` Step Functions knows, with
//! the integration patterns each supports, from the AWS Step Functions
//! Developer Guide (the "Integrating optimized services" table and each
//! service's page, as of November 2026). AWS rejects any other optimized
//! integration ARN; the `aws-sdk:<service>:<action>` form reaches the rest of
//! the AWS APIs.
//!
//! Where the guide contradicts itself (a pattern its summary table allows
//! but the service's page denies, or an action only one source lists) the
//! entry is marked uncertain, and using it is a warning, not an error.

use crate::{codes, Diagnostic};

/// Request-response: no suffix.
const RR: u8 = 1;
/// `.sync`: run a job and wait.
const SYNC: u8 = 2;
/// `.sync:2`: run a job and wait, output as JSON.
const SYNC2: u8 = 4;
/// `.waitForTaskToken`: wait for a callback.
const WFTT: u8 = 8;

/// One optimized integration: service prefix, action, supported patterns,
/// and patterns the sources disagree about.
struct Optimized {
    service: &'static str,
    action: &'static str,
    patterns: u8,
    uncertain: u8,
}

const fn op(service: &'static str, action: &'static str, patterns: u8, uncertain: u8) -> Optimized {
    Optimized {
        service,
        action,
        patterns,
        uncertain,
    }
}

/// Every optimized integration, by service.
const CATALOGUE: &[Optimized] = &[
    op("apigateway", "invoke", RR | WFTT, 0),
    op("athena", "startQueryExecution", RR | SYNC, 0),
    op("athena", "stopQueryExecution", RR, 0),
    op("athena", "getQueryExecution", RR, 0),
    op("athena", "getQueryResults", RR, 0),
    op("batch", "submitJob", RR | SYNC, WFTT | SYNC2),
    op("bedrock", "invokeModel", RR, 0),
    op("bedrock", "createModelCustomizationJob", RR | SYNC, WFTT),
    op("bedrockagentcore", "invokeHarness", RR, 0),
    op("codebuild", "startBuild", RR | SYNC, 0),
    op("codebuild", "stopBuild", RR, 0),
    op("codebuild", "batchDeleteBuilds", RR, 0),
    op("codebuild", "batchGetReports", RR, 0),
    op("codebuild", "startBuildBatch", RR | SYNC, 0),
    op("codebuild", "stopBuildBatch", RR, 0),
    op("codebuild", "retryBuildBatch", RR | SYNC, 0),
    op("codebuild", "deleteBuildBatch", RR, 0),
    op("databrew", "startJobRun", RR | SYNC, 0),
    op("dynamodb", "getItem", RR, 0),
    op("dynamodb", "putItem", RR, 0),
    op("dynamodb", "updateItem", RR, 0),
    op("dynamodb", "deleteItem", RR, 0),
    // Only the CDK renders these two as optimized integrations.
    op("dynamodb", "describeExport", 0, RR),
    op("dynamodb", "describeImport", 0, RR),
    op("ecs", "runTask", RR | SYNC | WFTT, 0),
    op("eks", "createCluster", RR | SYNC, WFTT),
    op("eks", "deleteCluster", RR | SYNC, WFTT),
    op("eks", "createFargateProfile", RR | SYNC, WFTT),
    op("eks", "deleteFargateProfile", RR | SYNC, WFTT),
    op("eks", "createNodegroup", RR | SYNC, WFTT),
    op("eks", "deleteNodegroup", RR | SYNC, WFTT),
    op("eks", "runJob", RR | SYNC, WFTT),
    op("eks", "call", RR, WFTT),
    op("elasticmapreduce", "createCluster", RR | SYNC, 0),
    op("elasticmapreduce", "setClusterTerminationProtection", RR, 0),
    op("elasticmapreduce", "terminateCluster", RR | SYNC, 0),
    op("elasticmapreduce", "addStep", RR | SYNC, 0),
    op("elasticmapreduce", "cancelStep", RR, 0),
    op("elasticmapreduce", "modifyInstanceFleetByName", RR, 0),
    op("elasticmapreduce", "modifyInstanceGroupByName", RR, 0),
    op("emr-containers", "createVirtualCluster", RR, 0),
    op("emr-containers", "deleteVirtualCluster", RR | SYNC, 0),
    op("emr-containers", "startJobRun", RR | SYNC, 0),
    op("emr-serverless", "createApplication", RR | SYNC, 0),
    op("emr-serverless", "startApplication", RR | SYNC, 0),
    op("emr-serverless", "stopApplication", RR | SYNC, 0),
    op("emr-serverless", "deleteApplication", RR | SYNC, 0),
    op("emr-serverless", "startJobRun", RR | SYNC, 0),
    op("emr-serverless", "cancelJobRun", RR | SYNC, 0),
    op("events", "putEvents", RR | WFTT, 0),
    op("glue", "startJobRun", RR | SYNC, WFTT | SYNC2),
    op("http", "invoke", RR, WFTT),
    op("lambda", "invoke", RR | WFTT, 0),
    op("mediaconvert", "createJob", RR | SYNC, 0),
    op("sagemaker", "createEndpoint", RR, SYNC | WFTT),
    op("sagemaker", "createEndpointConfig", RR, SYNC | WFTT),
    op(
        "sagemaker",
        "createHyperParameterTuningJob",
        RR | SYNC,
        WFTT,
    ),
    op("sagemaker", "createLabelingJob", RR | SYNC, WFTT),
    op("sagemaker", "createModel", RR, SYNC | WFTT),
    op("sagemaker", "createProcessingJob", RR | SYNC, WFTT),
    op("sagemaker", "createTrainingJob", RR | SYNC, WFTT),
    op("sagemaker", "createTransformJob", RR | SYNC, WFTT),
    op("sagemaker", "updateEndpoint", RR, SYNC | WFTT),
    op("sns", "publish", RR | WFTT, 0),
    op("sqs", "sendMessage", RR | WFTT, 0),
    op("states", "startExecution", RR | SYNC | SYNC2 | WFTT, 0),
];

fn pattern_bit(pattern: &str) -> Option<u8> {
    match pattern {
        "" => Some(RR),
        ".sync" => Some(SYNC),
        ".sync:2" => Some(SYNC2),
        ".waitForTaskToken" => Some(WFTT),
        _ => None,
    }
}

fn pattern_name(bit: u8) -> &'static str {
    match bit {
        RR => "request-response (no suffix)",
        SYNC => "'.sync'",
        SYNC2 => "'.sync:2'",
        _ => "'.waitForTaskToken'",
    }
}

/// The patterns of a bit set, for messages.
fn patterns_of(bits: u8) -> String {
    [RR, SYNC, SYNC2, WFTT]
        .into_iter()
        .filter(|b| bits & b != 0)
        .map(pattern_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks an optimized integration `service:action` + `pattern` (the
/// pattern's syntax is checked by the caller) against [`CATALOGUE`].
pub(super) fn check(
    out: &mut Vec<Diagnostic>,
    loc: &str,
    service: &str,
    action: &str,
    pattern: &str,
) {
    let Some(bit) = pattern_bit(pattern) else {
        return;
    };
    let actions: Vec<&Optimized> = CATALOGUE.iter().filter(|o| o.service == service).collect();
    if actions.is_empty() {
        let hint = CATALOGUE
            .iter()
            .find(|o| o.service.eq_ignore_ascii_case(service))
            .map_or_else(
                || format!("use 'arn:<partition>:states:::aws-sdk:{service}:<action>' for other AWS APIs"),
                |o| format!("did you mean '{}'?", o.service),
            );
        out.push(Diagnostic::error(
            codes::INVALID_RESOURCE,
            loc,
            format!("'{service}' is not a service with an optimized integration; {hint}"),
        ));
        return;
    }
    let Some(entry) = actions.iter().find(|o| o.action == action) else {
        // The documented actions; the uncertain ones are not advertised.
        let known: Vec<&str> = actions
            .iter()
            .filter(|o| o.patterns != 0)
            .map(|o| o.action)
            .collect();
        let hint = actions
            .iter()
            .find(|o| o.action.eq_ignore_ascii_case(action))
            .map_or_else(String::new, |o| format!(" (did you mean '{}'?)", o.action));
        out.push(Diagnostic::error(
            codes::INVALID_RESOURCE,
            loc,
            format!(
                "'{service}:{action}' is not an optimized integration{hint}; '{service}' has {}; use 'aws-sdk:{service}:{action}' for other APIs",
                known.join(", ")
            ),
        ));
        return;
    };
    if entry.patterns & bit != 0 {
        return;
    }
    let message = format!(
        "'{service}:{action}' supports {}, not {}",
        patterns_of(entry.patterns | entry.uncertain),
        pattern_name(bit)
    );
    if entry.uncertain & bit != 0 {
        out.push(Diagnostic::warning(
            codes::INVALID_RESOURCE,
            loc,
            format!(
                "the AWS documentation disagrees about {} for '{service}:{action}'; it may be rejected",
                pattern_name(bit)
            ),
        ));
    } else {
        out.push(Diagnostic::error(codes::INVALID_RESOURCE, loc, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(service: &str, action: &str, pattern: &str) -> Vec<(crate::Severity, String)> {
        let mut out = Vec::new();
        check(&mut out, "/States/A/Resource", service, action, pattern);
        out.into_iter().map(|d| (d.severity, d.message)).collect()
    }

    #[test]
    fn known_integrations_and_patterns_pass() {
        for (s, a, p) in [
            ("lambda", "invoke", ""),
            ("lambda", "invoke", ".waitForTaskToken"),
            ("states", "startExecution", ".sync:2"),
            ("bedrock", "createModelCustomizationJob", ".sync"),
            ("ecs", "runTask", ".sync"),
            ("dynamodb", "putItem", ""),
        ] {
            assert!(run(s, a, p).is_empty(), "{s}:{a}{p}");
        }
    }

    #[test]
    fn unknown_services_actions_and_patterns_are_errors() {
        let d = run("lamda", "invoke", "");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, crate::Severity::Error);
        assert!(d[0].1.contains("aws-sdk:lamda:<action>"), "{}", d[0].1);
        let d = run("Lambda", "invoke", "");
        assert!(d[0].1.contains("did you mean 'lambda'?"), "{}", d[0].1);
        let d = run("dynamodb", "query", "");
        assert!(
            d[0].1.contains("getItem, putItem, updateItem, deleteItem"),
            "{}",
            d[0].1
        );
        let d = run("dynamodb", "getitem", "");
        assert!(d[0].1.contains("did you mean 'getItem'?"), "{}", d[0].1);
        let d = run("bedrock", "invokeModel", ".sync");
        assert_eq!(d[0].0, crate::Severity::Error);
        assert!(
            d[0].1
                .contains("supports request-response (no suffix), not '.sync'"),
            "{}",
            d[0].1
        );
        let d = run("lambda", "invoke", ".sync:2");
        assert_eq!(d[0].0, crate::Severity::Error);
    }

    #[test]
    fn patterns_the_documentation_disagrees_about_are_warnings() {
        let d = run("batch", "submitJob", ".waitForTaskToken");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, crate::Severity::Warning);
        let d = run("dynamodb", "describeExport", "");
        assert_eq!(d[0].0, crate::Severity::Warning);
    }
}
