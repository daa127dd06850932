//! Unit tests of the validator, one or more per rule, on small inline
//! definitions.

use super::*;
use crate::Severity;

fn check(json: &str) -> Vec<Diagnostic> {
    validate_str(json, &Options::default()).diagnostics
}

/// `(code, location)` of every diagnostic of `severity`.
fn codes_of(json: &str, severity: Severity) -> Vec<(String, String)> {
    check(json)
        .into_iter()
        .filter(|d| d.severity == severity)
        .map(|d| (d.code.to_owned(), d.location))
        .collect()
}

/// `(code, location)` of every error.
fn codes_at(json: &str) -> Vec<(String, String)> {
    codes_of(json, Severity::Error)
}

/// Asserts that `json` has no error at a location `at` accepts.
fn no_error_where(json: &str, at: impl Fn(&str) -> bool) {
    let d = codes_at(json);
    assert!(!d.iter().any(|(_, l)| at(l)), "{d:?}");
}

/// The locations of the diagnostics `keep` accepts, with `options`.
fn locations_where(
    json: &str,
    options: &Options,
    keep: impl Fn(&Diagnostic) -> bool,
) -> Vec<String> {
    validate_str(json, options)
        .diagnostics
        .into_iter()
        .filter(|d| keep(d))
        .map(|d| d.location)
        .collect()
}

fn machine(states: &str) -> String {
    format!(r#"{{"StartAt": "A", "States": {{{states}}}}}"#)
}

#[test]
fn valid_machine_has_no_diagnostics() {
    let d = check(&machine(
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f", "Payload.$": "$.y"}, "Next": "B"},
           "B": {"Type": "Succeed"}"#,
    ));
    assert!(d.is_empty(), "{d:?}");
}

fn has(json: &str, code: &str, loc: &str) {
    let d = codes_at(json);
    assert!(
        d.iter().any(|(c, l)| c == code && l == loc),
        "expected {code} at {loc}, got {d:?}"
    );
}

/// Asserts `has` for each `(code, location)` pair.
fn has_all(json: &str, expected: &[(&str, &str)]) {
    for &(code, loc) in expected {
        has(json, code, loc);
    }
}

/// Asserts that `json` has the error `code` at each of `locations`.
fn has_each(json: &str, code: &str, locations: &[&str]) {
    for loc in locations {
        has(json, code, loc);
    }
}

fn ok(json: &str) {
    let d = codes_at(json);
    assert!(d.is_empty(), "expected no errors, got {d:?}");
}

const TASK: &str = r#""Type": "Task", "Resource": "arn:aws:states:::lambda:invoke""#;

// ------------------------------------------------------------------ graph

#[test]
fn start_at_must_name_a_state() {
    has(
        r#"{"StartAt": "X", "States": {"A": {"Type": "Succeed"}}}"#,
        "MISSING_TRANSITION_TARGET",
        "/StartAt",
    );
}

#[test]
fn next_default_and_catch_targets_must_exist() {
    let j = machine(&format!(
        r#""A": {{{TASK}, "Catch": [{{"ErrorEquals": ["States.ALL"], "Next": "Nope"}}], "Next": "C"}},
           "C": {{"Type": "Choice", "Choices": [{{"Variable": "$.x", "IsNull": true, "Next": "Gone"}}], "Default": "Lost"}}"#
    ));
    has(&j, "MISSING_TRANSITION_TARGET", "/States/A/Catch/0/Next");
    has(&j, "MISSING_TRANSITION_TARGET", "/States/C/Choices/0/Next");
    has(&j, "MISSING_TRANSITION_TARGET", "/States/C/Default");
}

#[test]
fn transitions_cannot_leave_a_branch() {
    let j = machine(
        r#""A": {"Type": "Parallel", "End": true, "Branches": [
             {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "A"}}}]}"#,
    );
    has(
        &j,
        "MISSING_TRANSITION_TARGET",
        "/States/A/Branches/0/States/B/Next",
    );
}

#[test]
fn unreachable_states_are_reported() {
    has(
        &machine(r#""A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}"#),
        "UNREACHABLE_STATE",
        "/States/B",
    );
}

#[test]
fn a_loop_without_exit_has_no_end_state() {
    has(
        &machine(r#""A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}"#),
        "MISSING_END_STATE",
        "/",
    );
}

#[test]
fn names_are_unique_across_the_machine() {
    let j = machine(
        r#""A": {"Type": "Parallel", "End": true, "Branches": [
             {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
             {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}"#,
    );
    has(&j, "DUPLICATE_STATE_NAME", "/States/A/Branches/1/States/B");
}

#[test]
fn names_are_at_most_80_characters() {
    let name = "n".repeat(81);
    let j = format!(r#"{{"StartAt": "{name}", "States": {{"{name}": {{"Type": "Succeed"}}}}}}"#);
    has(&j, "INVALID_STATE_NAME", &format!("/States/{name}"));
    let name = "n".repeat(80);
    ok(&format!(
        r#"{{"StartAt": "{name}", "States": {{"{name}": {{"Type": "Succeed"}}}}}}"#
    ));
}

#[test]
fn empty_states_object() {
    has(
        r#"{"StartAt": "A", "States": {}}"#,
        "SCHEMA_VALIDATION_FAILED",
        "/States",
    );
}

// ----------------------------------------------------------------- fields

#[test]
fn unknown_fields_are_not_supported() {
    let d = check(&machine(r#""A": {"Type": "Succeed", "Next": "B"}"#));
    let e = d
        .iter()
        .find(|d| d.location == "/States/A/Next")
        .expect("a diagnostic at Next");
    assert_eq!(e.code, "SCHEMA_VALIDATION_FAILED");
    assert_eq!(e.message, "field 'Next' is not supported");
    has(
        r#"{"StartAt": "A", "Foo": 1, "States": {"A": {"Type": "Succeed"}}}"#,
        "SCHEMA_VALIDATION_FAILED",
        "/Foo",
    );
}

#[test]
fn fields_that_exclude_each_other() {
    let j = machine(&format!(
        r#""A": {{{TASK}, "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "Next": "F"}},
           "F": {{"Type": "Fail", "Error": "E", "ErrorPath": "$.e", "Cause": "c", "CausePath": "$.c"}}"#
    ));
    has_each(
        &j,
        "SCHEMA_VALIDATION_FAILED",
        &[
            "/States/A/TimeoutSecondsPath",
            "/States/F/ErrorPath",
            "/States/F/CausePath",
        ],
    );
    let d = check(&j);
    assert!(d
        .iter()
        .any(|d| d.message == "'Error' and 'ErrorPath' exclude each other; keep one"));
}

#[test]
fn map_with_item_processor_and_iterator() {
    let j = machine(
        r#""A": {"Type": "Map", "End": true,
             "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
             "Iterator": {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}}"#,
    );
    has(&j, "SCHEMA_VALIDATION_FAILED", "/States/A/Iterator");
}

#[test]
fn two_choice_operators() {
    let j = machine(
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "IsPresent": true, "Next": "B"}]},
           "B": {"Type": "Succeed"}"#,
    );
    has(
        &j,
        "SCHEMA_VALIDATION_FAILED",
        "/States/A/Choices/0/IsPresent",
    );
}

#[test]
fn jsonata_root_cannot_be_downgraded() {
    let j = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}"#;
    has(j, "SCHEMA_VALIDATION_FAILED", "/States/A");
    let d = check(j);
    assert!(d.iter().any(|d| d.message
        == "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"));
}

#[test]
fn query_language_field_sets() {
    let j = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {}, "InputPath": "$", "End": true}}}"#;
    has(j, "QUERY_LANGUAGE_MISMATCH", "/States/A/Parameters");
    has(j, "QUERY_LANGUAGE_MISMATCH", "/States/A/InputPath");
    let j = machine(&format!(
        r#""A": {{{TASK}, "Arguments": {{}}, "Output": "{{% $states.result %}}", "End": true}}"#
    ));
    has(&j, "QUERY_LANGUAGE_MISMATCH", "/States/A/Arguments");
    has(&j, "QUERY_LANGUAGE_MISMATCH", "/States/A/Output");
    ok(r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "TimeoutSeconds": "{% 5 %}", "End": true}}}"#);
}

#[test]
fn jsonata_duration_in_a_jsonpath_state() {
    has(
        &machine(r#""A": {"Type": "Wait", "Seconds": "{% 5 %}", "End": true}"#),
        "QUERY_LANGUAGE_MISMATCH",
        "/States/A/Seconds",
    );
}

// ------------------------------------------------------------------ paths

#[test]
fn paths_are_checked_per_context() {
    let j = machine(&format!(
        r#""A": {{{TASK}, "InputPath": "$.a.", "ResultPath": "$$.x", "OutputPath": "$.ok[*]", "End": true}}"#
    ));
    has(&j, "INVALID_JSONPATH", "/States/A/InputPath");
    has(&j, "INVALID_JSONPATH", "/States/A/ResultPath");
    no_error_where(&j, |l| l == "/States/A/OutputPath");
}

#[test]
fn payload_templates_are_checked() {
    // An activity: its Parameters are free-form (a typed Lambda request would reject these keys).
    let j = machine(
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a", "Parameters": {"a.$": "nope", "b": {"c.$": "States.Format('{}')"}, "d.$": 3,
             "e.$": "States.UUID()", "f": 1, "f.$": "$.f"}, "End": true}"#,
    );
    has_all(
        &j,
        &[
            ("INVALID_JSONPATH", "/States/A/Parameters/a.$"),
            ("INVALID_INTRINSIC_FUNCTION", "/States/A/Parameters/b/c.$"),
            ("SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/d.$"),
            ("SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/f.$"),
        ],
    );
    no_error_where(&j, |l| l == "/States/A/Parameters/e.$");
}

#[test]
fn assign_in_jsonpath_is_a_template() {
    has(
        &machine(r#""A": {"Type": "Pass", "Assign": {"x.$": "$..a[", "y": 1}, "End": true}"#),
        "INVALID_JSONPATH",
        "/States/A/Assign/x.$",
    );
}

#[test]
fn credentials_role_arn() {
    let j = machine(&format!(
        r#""A": {{{TASK}, "Credentials": {{}}, "Next": "B"}},
           "B": {{{TASK}, "Credentials": {{"RoleArn.$": "$.role"}}, "End": true}}"#
    ));
    has(&j, "SCHEMA_VALIDATION_FAILED", "/States/A/Credentials");
    no_error_where(&j, |l| l.starts_with("/States/B"));
}

#[test]
fn fail_error_path_and_cause_path() {
    let j = machine(
        r#""A": {"Type": "Fail", "ErrorPath": "States.ArrayLength($.a)", "CausePath": "$.x[*]"}"#,
    );
    has(&j, "INVALID_INTRINSIC_FUNCTION", "/States/A/ErrorPath");
    has(&j, "INVALID_JSONPATH", "/States/A/CausePath");
    ok(&machine(
        r#""A": {"Type": "Fail", "ErrorPath": "States.Format('{}', $.e)", "CausePath": "$.cause"}"#,
    ));
}

// ----------------------------------------------------------------- choice

#[test]
fn choice_rules() {
    let j = machine(
        r#""A": {"Type": "Choice", "Choices": [
              {"And": [], "Next": "B"},
              {"Variable": "$.t", "TimestampEquals": "2016-03-14 01:59:00", "Next": "B"},
              {"Variable": "$..t", "IsNull": true, "Next": "B"}]},
           "B": {"Type": "Succeed"}"#,
    );
    has_all(
        &j,
        &[
            ("SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/And"),
            (
                "SCHEMA_VALIDATION_FAILED",
                "/States/A/Choices/1/TimestampEquals",
            ),
            ("INVALID_JSONPATH", "/States/A/Choices/2/Variable"),
        ],
    );
    has(
        &machine(r#""A": {"Type": "Choice", "Choices": []}"#),
        "SCHEMA_VALIDATION_FAILED",
        "/States/A/Choices",
    );
}

#[test]
fn choice_variable_is_required() {
    let d = check(&machine(
        r#""A": {"Type": "Choice", "Choices": [{"IsNull": true, "Next": "B"}]}, "B": {"Type": "Succeed"}"#,
    ));
    assert!(d.iter().any(|d| d.message.contains("'Variable'")), "{d:?}");
}

#[test]
fn rfc3339() {
    assert!(is_rfc3339("2016-03-14T01:59:00Z"));
    assert!(is_rfc3339("2016-03-14T01:59:00.123+02:00"));
    assert!(!is_rfc3339("2016-03-14t01:59:00z"));
    assert!(!is_rfc3339("2016-03-14T01:59:00"));
    assert!(!is_rfc3339("2016-13-14T01:59:00Z"));
}

// ------------------------------------------------------------ retry/catch

#[test]
fn retriers_and_catchers() {
    let j = machine(&format!(
        r#""A": {{{TASK}, "Retry": [
              {{"ErrorEquals": ["States.ALL", "X"]}},
              {{"ErrorEquals": [], "IntervalSeconds": 0, "BackoffRate": 0.5, "MaxDelaySeconds": 31622401, "MaxAttempts": 100000000}}],
            "Catch": [{{"ErrorEquals": ["States.ALL"], "Next": "B"}}, {{"ErrorEquals": ["X"], "Next": "B"}}],
            "Next": "B"}}, "B": {{"Type": "Succeed"}}"#
    ));
    has_each(
        &j,
        "SCHEMA_VALIDATION_FAILED",
        &[
            "/States/A/Retry/0/ErrorEquals/0",
            "/States/A/Retry/1/ErrorEquals",
            "/States/A/Retry/1/IntervalSeconds",
            "/States/A/Retry/1/BackoffRate",
            "/States/A/Retry/1/MaxDelaySeconds",
            "/States/A/Retry/1/MaxAttempts",
            "/States/A/Catch/0/ErrorEquals/0",
        ],
    );
}

// ------------------------------------------------------------------- task

#[test]
fn task_timeouts() {
    let j = machine(&format!(
        r#""A": {{{TASK}, "TimeoutSeconds": 0, "Next": "B"}},
           "B": {{{TASK}, "TimeoutSeconds": 10, "HeartbeatSeconds": 10, "End": true}}"#
    ));
    has(&j, "SCHEMA_VALIDATION_FAILED", "/States/A/TimeoutSeconds");
    has(&j, "SCHEMA_VALIDATION_FAILED", "/States/B/HeartbeatSeconds");
}

#[test]
fn resource_forms() {
    let j = machine(
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject.sync", "Next": "B"},
           "B": {"Type": "Task", "Resource": "${Fn", "Next": "C"},
           "C": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.bogus", "Next": "D"},
           "D": {"Type": "Task", "Resource": "${LambdaArn}", "End": true}"#,
    );
    has(&j, "INVALID_RESOURCE", "/States/A/Resource");
    has(&j, "INVALID_RESOURCE", "/States/B/Resource");
    has(&j, "INVALID_RESOURCE", "/States/C/Resource");
    no_error_where(&j, |l| l.starts_with("/States/D"));
}

#[test]
fn express_rejects_sync_callbacks_and_activities() {
    let j = machine(
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Next": "B"},
           "B": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": "C"},
           "C": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:x", "End": true}"#,
    );
    assert!(validate_str(&j, &Options::default()).is_ok());
    let options = Options {
        machine_type: Some(crate::MachineType::Express),
        ..Options::default()
    };
    let d = locations_where(&j, &options, |d| d.code == "EXPRESS_UNSUPPORTED");
    assert_eq!(
        d,
        [
            "/States/A/Resource",
            "/States/B/Resource",
            "/States/C/Resource"
        ]
    );
}

struct Deny;

impl crate::integration::Integration for Deny {
    fn name(&self) -> &'static str {
        "deny"
    }
    fn handles(&self, task: &crate::Task) -> bool {
        task.resource.as_str().contains("bedrock")
    }
    fn validate(
        &self,
        _: &crate::Task,
        cx: &crate::integration::TaskContext<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        out.push(Diagnostic::error(
            codes::INVALID_INTEGRATION_PARAMETERS,
            format!("{}/Parameters", cx.pointer),
            "no",
        ));
    }
    fn statements(
        &self,
        _: &crate::Task,
        _: &crate::integration::TaskContext<'_>,
        _: &crate::integration::AwsEnvironment,
    ) -> Vec<crate::iam::Statement> {
        Vec::new()
    }
}

#[test]
fn integrations_validate_their_tasks() {
    let j = machine(
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel", "Parameters": {}, "Next": "B"},
           "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}"#,
    );
    let options = Options {
        registry: crate::integration::Registry::empty().with(Deny),
        ..Options::default()
    };
    let d = locations_where(&j, &options, |_| true);
    assert_eq!(d, ["/States/A/Parameters"]);
}

/// A typed task of a service asl-core does not know: `example:run[.sync]`.
#[derive(Clone)]
struct Run {
    size: crate::Dynamic<u64>,
}

impl crate::integration::TypedTask for Run {
    const NAME: &'static str = "example:run";
    const RESOURCES: &'static [&'static str] = &["example:run", "example:run.sync"];
    fn read(r: &mut crate::integration::Request<'_>) -> Self {
        let size = r.required("Size");
        r.optional::<String>("Label");
        r.rest();
        Run { size }
    }
    fn into_task(self, ql: crate::QueryLanguage) -> crate::Task {
        let mut w = crate::integration::RequestWriter::new(ql);
        w.put("Size", &self.size);
        w.into_task("arn:aws:states:::example:run")
    }
    fn validate(&self, cx: &crate::integration::TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        if self.size.as_value().is_some_and(|n| *n > 10) {
            crate::integration::Problems::new(cx, out).error("/Size", "too big");
        }
    }
    fn statements(
        &self,
        _: &crate::integration::TaskContext<'_>,
        _: &crate::integration::AwsEnvironment,
    ) -> Vec<crate::iam::Statement> {
        Vec::new()
    }
}

#[test]
fn typed_integrations_are_authoritative_and_report_in_request_order() {
    let j = machine(
        r#""A": {"Type": "Task", "Resource": "arn:aws:states:::example:run.sync",
                 "Parameters": {"Lable": "x", "Size": 11, "Label": 3}, "End": true}"#,
    );
    // Unknown to asl-core's catalogue of optimized integrations.
    has(&j, "INVALID_RESOURCE", "/States/A/Resource");
    let options = Options {
        registry: crate::integration::Registry::empty().with(
            crate::integration::TypedIntegration::<(Run,)>::new("example", "Example"),
        ),
        machine_type: Some(MachineType::Express),
        ..Options::default()
    };
    let found: Vec<String> = validate_str(&j, &options)
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "ERROR EXPRESS_UNSUPPORTED at /States/A/Resource: Express state machine does not support '.sync' service integration",
            "ERROR EXPRESS_UNSUPPORTED at /States/A/Resource: EXPRESS state machines do not support the '.sync' pattern of example:run",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/A/Parameters/Lable: field 'Lable' is not a parameter of example:run; did you mean 'Label'?",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/A/Parameters/Size: too big",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/A/Parameters/Label: 'Parameters.Label' must be a string",
        ]
    );
}

// ------------------------------------------------------- wait / parallel

#[test]
fn wait_rules() {
    let j = machine(
        r#""A": {"Type": "Wait", "Timestamp": "tomorrow", "Next": "B"},
           "B": {"Type": "Wait", "Seconds": 100000000, "End": true}"#,
    );
    has(&j, "SCHEMA_VALIDATION_FAILED", "/States/A/Timestamp");
    has(&j, "SCHEMA_VALIDATION_FAILED", "/States/B/Seconds");
}

#[test]
fn parallel_needs_branches() {
    has(
        &machine(r#""A": {"Type": "Parallel", "Branches": [], "End": true}"#),
        "SCHEMA_VALIDATION_FAILED",
        "/States/A/Branches",
    );
}

// -------------------------------------------------------------------- map

fn distributed(extra: &str) -> String {
    machine(&format!(
        r#""A": {{"Type": "Map", "End": true, {extra}
             "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
               "StartAt": "B", "States": {{"B": {{"Type": "Succeed"}}}}}}}}"#
    ))
}

#[test]
fn map_label_and_tolerance() {
    ok(&distributed(
        r#""Label": "ok-label", "ToleratedFailurePercentage": 0.5,"#,
    ));
    has(
        &distributed(r#""Label": "has space","#),
        "INVALID_LABEL_NAME",
        "/States/A/Label",
    );
    has(
        &distributed(&format!(r#""Label": "{}","#, "x".repeat(41))),
        "INVALID_LABEL_NAME",
        "/States/A/Label",
    );
    has(
        &distributed(r#""ToleratedFailurePercentage": 101,"#),
        "SCHEMA_VALIDATION_FAILED",
        "/States/A/ToleratedFailurePercentage",
    );
}

#[test]
fn map_readers_and_writers() {
    let j = distributed(
        r#""ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "XML", "MaxItems": 0}},
           "ResultWriter": {"WriterConfig": {"OutputType": "CSV"}},"#,
    );
    has_each(
        &j,
        "SCHEMA_VALIDATION_FAILED",
        &[
            "/States/A/ItemReader/ReaderConfig/InputType",
            "/States/A/ItemReader/ReaderConfig/MaxItems",
            "/States/A/ResultWriter/WriterConfig/OutputType",
        ],
    );
}

#[test]
fn distributed_needs_execution_type() {
    has(
        &machine(
            r#""A": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                 "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#,
        ),
        "SCHEMA_VALIDATION_FAILED",
        "/States/A/ItemProcessor/ProcessorConfig",
    );
}

#[test]
fn distributed_only_fields_on_an_inline_map_warn() {
    let d = check(&machine(
        r#""A": {"Type": "Map", "End": true, "Label": "x",
             "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#,
    ));
    assert!(d
        .iter()
        .any(|d| d.location == "/States/A/Label" && d.severity == Severity::Warning));
}

// ----------------------------------------------------------------- report

#[test]
fn parse_errors_become_diagnostics() {
    let r = validate_str("{not json", &Options::default());
    assert_eq!(r.diagnostics[0].code, "INVALID_JSON_DESCRIPTION");
    assert!(r.machine.is_none());
    let r = validate_str(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": -1, "End": true}}}"#,
        &Options::default(),
    );
    assert_eq!(r.diagnostics[0].code, "SCHEMA_VALIDATION_FAILED");
    assert_eq!(r.diagnostics[0].location, "/States/A/Seconds");
}

#[test]
fn diagnostics_are_in_document_order_without_duplicates() {
    let r = validate_str(
        &machine(
            r#""A": {"Type": "Pass", "Zed": 1, "Next": "Nope"}, "B": {"Type": "Succeed", "Foo": 2}"#,
        ),
        &Options::default(),
    );
    let locs: Vec<_> = r.diagnostics.iter().map(|d| d.location.as_str()).collect();
    assert_eq!(
        locs,
        [
            "/",
            "/States/A/Zed",
            "/States/A/Next",
            "/States/B",
            "/States/B/Foo"
        ]
    );
}

#[test]
fn substitutions_are_applied() {
    let j = machine(r#""A": {"Type": "Task", "Resource": "${Fn}", "End": true}"#);
    let mut options = Options::default();
    options
        .substitutions
        .insert("Fn".to_owned(), "not-an-arn".to_owned());
    let r = validate_str(&j, &options);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "INVALID_RESOURCE" && d.message.contains("not-an-arn")));
}

#[test]
fn definition_size_limit() {
    let pad = " ".repeat(limits::MAX_DEFINITION_CHARS);
    let j = format!("{}{pad}", machine(r#""A": {"Type": "Succeed"}"#));
    has(&j, "LIMIT_EXCEEDED", "/");
}

#[test]
fn validate_works_on_a_built_machine() {
    let m = crate::Chain::start(
        "A",
        crate::Task::builder()
            .resource("arn:aws:states:::lambda:invoke")
            .build(),
    )
    .next("B", crate::Succeed::builder().build())
    .into_machine();
    assert!(validate(&m, &Options::default()).is_empty());
}

// ---------------------------------------------------------------- jsonata

#[test]
fn dollar_keys_in_jsonata_states_are_literal_keys_and_warned() {
    // AWS accepts them and evaluates nothing: a warning, not an error.
    let j = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Pass", "Output": {"x.$": "$.y"}, "Assign": {"v.$": "$.w"}, "End": true}}}"#;
    ok(j);
    let warned: Vec<(Severity, String)> = check(j)
        .into_iter()
        .filter(|d| d.code == "QUERY_LANGUAGE_MISMATCH")
        .map(|d| (d.severity, d.location))
        .collect();
    assert_eq!(
        warned,
        [
            (Severity::Warning, "/States/A/Output/x.$".to_owned()),
            (Severity::Warning, "/States/A/Assign/v.$".to_owned()),
        ]
    );
}

#[test]
fn intrinsic_strings_take_aws_escapes_and_real_newlines() {
    // The CDK's Bedrock integration test deploys a Format string with a
    // newline in it (JSON `\n`): AWS keeps it. Inside the quotes only `\'`,
    // `\{`, `\}` and `\\` are escapes; AWS rejects the others (a backslash
    // and `n`, JSON `\\n`) at create time.
    let newline = machine(
        r#""A": {"Type": "Pass", "Parameters": {"names.$": "States.Format('Names:\n{}', $.names)"}, "End": true}"#,
    );
    ok(&newline);
    let escaped = machine(
        r#""A": {"Type": "Pass", "Parameters": {"names.$": "States.Format('a\\'b \\{\\} c\\\\d {}', $.x)"}, "End": true}"#,
    );
    ok(&escaped);
    let backslash_n = machine(
        r#""A": {"Type": "Pass", "Parameters": {"names.$": "States.Format('Names:\\n{}', $.names)"}, "End": true}"#,
    );
    has(
        &backslash_n,
        "INVALID_INTRINSIC_FUNCTION",
        "/States/A/Parameters/names.$",
    );
}

#[test]
fn half_delimited_expressions_warn() {
    let d = check(
        r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Pass", "Output": "{% 10 %", "End": true}}}"#,
    );
    assert!(d.iter().any(|d| d.code == "INVALID_JSONATA"
        && d.location == "/States/A/Output"
        && d.severity == Severity::Warning));
}

#[test]
fn empty_transition_targets() {
    has(
        &machine(r#""A": {"Type": "Pass", "Next": ""}"#),
        "SCHEMA_VALIDATION_FAILED",
        "/States/A/Next",
    );
}

#[test]
fn unresolved_substitutions_warn_when_substitutions_are_given() {
    let j = machine(
        r#""A": {"Type": "Task", "Resource": "${Fn}", "Parameters": {"x": "${Other}"}, "End": true}"#,
    );
    let mut options = Options::default();
    options.substitutions.insert(
        "Fn".to_owned(),
        "arn:aws:lambda:us-east-1:123456789012:function:f".to_owned(),
    );
    let r = validate_str(&j, &options);
    assert!(r.is_ok(), "{:?}", r.diagnostics);
    let d: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.code, d.location.as_str()))
        .collect();
    assert_eq!(d, [("UNRESOLVED_SUBSTITUTION", "/States/A/Parameters/x")]);
}

#[test]
fn jsonata_arguments_are_an_object_or_an_expression() {
    let j = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": "plain", "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": "{% $states.input %}", "End": true}}}"#;
    has(j, "SCHEMA_VALIDATION_FAILED", "/States/A/Arguments");
    no_error_where(j, |l| l.starts_with("/States/B"));
}

#[test]
fn jsonata_expressions_must_compile() {
    let j = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Pass", "Output": {"a": "{% ($states.input %}", "b": "{% $states.input.x + 1 %}"}, "Next": "B"},
        "B": {"Type": "Wait", "Seconds": "{% 10 + * 2 %}", "End": true}}}"#;
    has(j, "INVALID_JSONATA", "/States/A/Output/a");
    has(j, "INVALID_JSONATA", "/States/B/Seconds");
    no_error_where(j, |l| l == "/States/A/Output/b");
}

// -------------------------------------------------------------- variables

/// `(code, location)` of every warning.
fn warnings(json: &str) -> Vec<(String, String)> {
    codes_of(json, Severity::Warning)
}

#[test]
fn states_is_a_reserved_variable_name_in_both_languages() {
    has(
        &machine(r#""A": {"Type": "Pass", "Assign": {"states.$": "$.x"}, "End": true}"#),
        "SCHEMA_VALIDATION_FAILED",
        "/States/A/Assign/states.$",
    );
    has(
        &machine(
            r#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"states": 1}, "End": true}"#,
        ),
        "SCHEMA_VALIDATION_FAILED",
        "/States/A/Assign/states",
    );
}

#[test]
fn variable_names_are_identifiers() {
    let j = machine(
        r#""A": {"Type": "Pass", "Assign": {"top-level": 1, "_ok": 2, "héllo1": 3, "1st": 4}, "End": true}"#,
    );
    assert_eq!(
        warnings(&j),
        [
            (
                "INVALID_VARIABLE".to_owned(),
                "/States/A/Assign/top-level".to_owned()
            ),
            (
                "INVALID_VARIABLE".to_owned(),
                "/States/A/Assign/1st".to_owned()
            ),
        ]
    );
    ok(&j);
}

#[test]
fn reads_of_variables_no_scope_assigns_warn() {
    // JSONPath: a path field, a payload template value and an intrinsic
    // argument; `$$` and `$` are not variables, `$known` is assigned.
    let j = machine(
        r#""A": {"Type": "Pass", "Assign": {"known": 1}, "Next": "B"},
           "B": {"Type": "Pass", "InputPath": "$missing1",
                 "Parameters": {"a.$": "$known.x", "b.$": "States.Format('{}', $missing2)", "c.$": "$$.Execution.Id", "d": "$notAPath"},
                 "End": true}"#,
    );
    assert_eq!(
        warnings(&j),
        [
            (
                "VARIABLE_SCOPE".to_owned(),
                "/States/B/InputPath".to_owned()
            ),
            (
                "VARIABLE_SCOPE".to_owned(),
                "/States/B/Parameters/b.$".to_owned()
            ),
        ]
    );
    // JSONata: built-in functions, `$states` and local bindings are not
    // workflow variables.
    let j = machine(
        r#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"n": 1},
                 "Output": {"x": "{% ($y := $n + 1; $map([1], $string) ~> $join) & $states.input.a & $gone %}"},
                 "End": true}"#,
    );
    assert_eq!(
        warnings(&j),
        [("VARIABLE_SCOPE".to_owned(), "/States/A/Output/x".to_owned())]
    );
}

#[test]
fn variable_scopes_follow_branches_and_distributed_maps() {
    // A branch reads the outer `outer`; the outer scope cannot read what the
    // branch assigns; a distributed Map's children see no outer variables;
    // a nested scope may not assign an outer name again.
    let j = machine(
        r#""A": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "P"},
           "P": {"Type": "Parallel", "Next": "M", "Branches": [
               {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Parameters": {"x.$": "$outer"}, "Assign": {"inner": 1, "outer": 2}, "End": true}}}
           ]},
           "M": {"Type": "Map", "ItemSelector": {"v.$": "$outer"}, "End": true, "ItemProcessor": {
               "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
               "StartAt": "C1", "States": {"C1": {"Type": "Pass", "Parameters": {"y.$": "$outer", "z.$": "$inner"}, "End": true}}}}"#,
    );
    assert_eq!(
        warnings(&j),
        [
            (
                "VARIABLE_SCOPE".to_owned(),
                "/States/P/Branches/0/States/B1/Assign/outer".to_owned()
            ),
            (
                "VARIABLE_SCOPE".to_owned(),
                "/States/M/ItemProcessor/States/C1/Parameters/y.$".to_owned()
            ),
            (
                "VARIABLE_SCOPE".to_owned(),
                "/States/M/ItemProcessor/States/C1/Parameters/z.$".to_owned()
            ),
        ]
    );
    let messages: Vec<String> = check(&j).into_iter().map(|d| d.message).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("pass the value in 'ItemSelector'")),
        "{messages:?}"
    );
}

#[test]
fn express_machines_warn_about_distributed_maps() {
    let j = machine(
        r#""A": {"Type": "Map", "End": true, "ItemProcessor": {
               "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
               "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}"#,
    );
    assert!(warnings(&j).is_empty());
    let express = Options {
        machine_type: Some(MachineType::Express),
        ..Options::default()
    };
    let d: Vec<(String, String)> = validate_str(&j, &express)
        .diagnostics
        .into_iter()
        .map(|d| (d.code.to_owned(), d.location))
        .collect();
    assert_eq!(
        d,
        [(
            "EXPRESS_UNSUPPORTED".to_owned(),
            "/States/A/ItemProcessor/ProcessorConfig/Mode".to_owned()
        )]
    );
}

#[test]
fn optimized_integrations_must_be_known() {
    has(
        &machine(
            r#""A": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:query", "End": true}"#,
        ),
        "INVALID_RESOURCE",
        "/States/A/Resource",
    );
    has(
        &machine(
            r#""A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.sync", "End": true}"#,
        ),
        "INVALID_RESOURCE",
        "/States/A/Resource",
    );
    ok(&machine(
        r#""A": {"Type": "Task", "Resource": "arn:aws-us-gov:states:::states:startExecution.sync:2", "Next": "B"},
           "B": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:query", "End": true}"#,
    ));
}

#[test]
fn map_labels_are_unique() {
    let map = |name: &str, next: &str| {
        format!(
            r#""{name}": {{"Type": "Map", {next}, "Label": "Same",
                 "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
                   "StartAt": "{name}x", "States": {{"{name}x": {{"Type": "Succeed"}}}}}}}}"#
        )
    };
    let j = machine(&format!(
        "{}, {}",
        map("A", r#""Next": "B""#),
        map("B", r#""End": true"#)
    ));
    assert_eq!(
        codes_at(&j),
        [(
            "DUPLICATE_LABEL_NAME".to_owned(),
            "/States/B/Label".to_owned()
        )]
    );
}

#[test]
fn empty_definitions_are_missing_descriptions() {
    for text in ["", "  \n", "null"] {
        has(text, "MISSING_DESCRIPTION", "/");
    }
}

#[test]
fn literals_that_look_like_paths_warn_as_aws_does() {
    let j = machine(
        r#""A": {"Type": "Pass", "Parameters": {"a": "$.x", "b.$": "$.y", "c": "States.UUID()", "d": "$5", "e": {"f": "$$.Execution.Id"}},
                 "Result": {"g.$": "$.z"}, "Next": "C"},
           "C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.v", "StringEquals": "$.w"}, "Next": "F"}], "Default": "F"},
           "F": {"Type": "Fail", "Error": "$.error", "Cause": "plain"}"#,
    );
    assert_eq!(
        warnings(&j),
        [
            ("NO_DOLLAR".to_owned(), "/States/A/Parameters/a".to_owned()),
            ("NO_DOLLAR".to_owned(), "/States/A/Parameters/c".to_owned()),
            (
                "NO_DOLLAR".to_owned(),
                "/States/A/Parameters/e/f".to_owned()
            ),
            (
                "PASS_RESULT_IS_STATIC".to_owned(),
                "/States/A/Result/g.$".to_owned()
            ),
            (
                "NO_PATH".to_owned(),
                "/States/C/Choices/0/Not/StringEquals".to_owned()
            ),
            ("NO_PATH".to_owned(), "/States/F/Error".to_owned()),
        ]
    );
}

#[test]
fn map_reader_and_writer_resources_are_s3_actions() {
    let j = distributed(
        r#""ItemReader": {"Resource": "arn:aws:states:::s3:fetchObject", "Parameters": {"Bucket": "b", "Key": "k"}},
           "ResultWriter": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Prefix": "p"}},
           "ItemBatcher": {"BatchInput": {"a": 1}},"#,
    );
    assert_eq!(
        codes_at(&j),
        [
            (
                "INVALID_RESOURCE".to_owned(),
                "/States/A/ItemReader/Resource".to_owned()
            ),
            (
                "INVALID_RESOURCE".to_owned(),
                "/States/A/ResultWriter/Resource".to_owned()
            ),
        ]
    );
    assert_eq!(
        warnings(&j),
        [(
            "SCHEMA_VALIDATION_FAILED".to_owned(),
            "/States/A/ItemBatcher".to_owned()
        )]
    );
    ok(&distributed(
        r#""ItemReader": {"Resource": "arn:aws-cn:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"}},
           "ResultWriter": {"Resource": "${WriterArn}", "Parameters": {"Bucket": "b", "Prefix": "p"}},"#,
    ));
}

#[test]
fn states_result_and_error_output_are_only_where_they_exist() {
    let j = machine(
        r#""A": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"x": "{% $states.result.a %}"},
                 "Output": "{% $states.result.Payload %}",
                 "Assign": {"err": "{% $states.errorOutput %}"},
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B",
                            "Output": "{% $states.errorOutput %}", "Assign": {"r": "{% $states.result %}"}}],
                 "Next": "B"},
           "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.resultx & $states.input %}", "End": true}"#,
    );
    assert_eq!(
        warnings(&j),
        [
            (
                "VARIABLE_SCOPE".to_owned(),
                "/States/A/Arguments/x".to_owned()
            ),
            (
                "VARIABLE_SCOPE".to_owned(),
                "/States/A/Assign/err".to_owned()
            ),
            (
                "VARIABLE_SCOPE".to_owned(),
                "/States/A/Catch/0/Assign/r".to_owned()
            ),
        ]
    );
}

#[test]
fn jsonata_batcher_reader_and_credentials_expressions_compile() {
    let j = distributed(
        r#""QueryLanguage": "JSONata",
           "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Arguments": {"Bucket": "b", "Key": "k"},
                          "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% 1 + %}"}},
           "ItemBatcher": {"MaxItemsPerBatch": "{% ( %}", "BatchInput": {"x": "{% $missing %}"}},"#,
    );
    assert_eq!(
        codes_at(&j),
        [
            (
                "INVALID_JSONATA".to_owned(),
                "/States/A/ItemReader/ReaderConfig/MaxItems".to_owned()
            ),
            (
                "INVALID_JSONATA".to_owned(),
                "/States/A/ItemBatcher/MaxItemsPerBatch".to_owned()
            ),
        ]
    );
    // The batch input is read like any other expression.
    assert_eq!(
        warnings(&j),
        [(
            "VARIABLE_SCOPE".to_owned(),
            "/States/A/ItemBatcher/BatchInput/x".to_owned()
        )]
    );
    has(
        &machine(&format!(
            r#""A": {{{TASK}, "QueryLanguage": "JSONata", "Credentials": {{"RoleArn": "{{% ( %}}"}}, "End": true}}"#
        )),
        "INVALID_JSONATA",
        "/States/A/Credentials/RoleArn",
    );
}
