//! YAML definitions, CloudFormation and SAM templates, and folders: `asl
//! check`, `iam`, `graph` and `fmt` on what AWS's tools write.

#![allow(clippy::expect_used)] // helpers outside #[test] functions

mod common;

use common::{asl, temp_file};
use pretty_assertions::assert_eq;
use serde_json::json;

/// A fixture's path (relative to the crate, as `cargo test` runs).
fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `asl iam PATH MORE…` in us-east-1, account 123456789012.
fn iam(path: &str, more: &[&str]) -> (i32, String, String) {
    let mut args = vec!["iam", path];
    args.extend_from_slice(more);
    args.extend(["--region", "us-east-1", "--account", "123456789012"]);
    asl(&args)
}

#[test]
fn a_json_template_with_fn_sub_and_definition_substitutions() {
    let path = fixture("cfn-template.json");
    let (code, out, _) = asl(&["check", "--format", "json", &path]);
    assert_eq!(code, 1);
    let line: serde_json::Value = serde_json::from_str(&out).expect("one JSON line");
    // ${QueueUrl} (an Fn::Sub variable that is a Ref) is a deploy-time
    // value; ${Delay} is DefinitionSubstitutions' "ten", checked as a number.
    assert_eq!(
        line,
        serde_json::json!({
            "file": path,
            "resource": "Worker",
            "result": "FAIL",
            "diagnostics": [{
                "severity": "ERROR",
                "code": "SCHEMA_VALIDATION_FAILED",
                "message": "expected a non-negative integer or a JSONata expression, found the string \"ten\"",
                "location": "/States/Wait/Seconds",
                "line": null,
                "column": null
            }]
        })
    );
}

#[test]
fn a_sam_template_and_a_folder_are_checked_state_machine_by_state_machine() {
    let path = fixture("sam-template.yaml");
    let dir = fixture("project");
    let cases = [
        // Before: "ERROR INVALID_JSON_DESCRIPTION at /: expected value". Now
        // the intrinsics (!GetAtt in DefinitionSubstitutions, !Ref in
        // Parameters) are accepted as deploy-time values, and the one real
        // mistake is named by its line in the template and the resource's
        // logical id.
        (
            &path,
            format!(
                "{path}:17:7: OrderStateMachine: ERROR MISSING_END_STATE at /: no terminal state is reachable: add a Succeed or Fail state, or 'End': true\n\
                 {path}:30:13: OrderStateMachine: ERROR MISSING_TRANSITION_TARGET at /States/NotifyCustomer/Next: missing 'Next' target: 'Done' is not a state of this scope (transitions cannot leave a Parallel branch or Map processor)\n"
            ),
        ),
        // A folder is walked for definitions and templates: refund.json (a
        // .json definition) and the SAM template's Orders (its DefinitionUri
        // file, with the template's substitutions) have errors;
        // notify.asl.json, orders.asl.yaml on its own and Audit are fine;
        // package.json, config/settings.yaml, README.md, node_modules and
        // .aws-sam are not looked at.
        (
            &dir,
            format!(
                "{dir}/statemachines/refund.json:1:1: ERROR MISSING_END_STATE at /: no terminal state is reachable: add a Succeed or Fail state, or 'End': true\n\
                 {dir}/statemachines/refund.json:1:61: ERROR MISSING_TRANSITION_TARGET at /States/Refund/Next: missing 'Next' target: 'Gone' is not a state of this scope (transitions cannot leave a Parallel branch or Map processor)\n\
                 {dir}/statemachines/orders.asl.yaml:15:5: Orders: ERROR SCHEMA_VALIDATION_FAILED at /States/Pause/Seconds: expected a non-negative integer or a JSONata expression, found the string \"10\"\n"
            ),
        ),
    ];
    for (path, expected) in cases {
        let (code, out, err) = asl(&["check", path]);
        assert_eq!((code, err.as_str()), (1, ""), "{path}");
        assert_eq!(out, expected);
    }
    let empty = std::env::temp_dir().join(format!("asl-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("temp dir");
    let (code, _, err) = asl(&["check", empty.to_str().expect("UTF-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("no definition"), "{err}");
}

#[test]
fn a_yaml_definition_is_checked_with_yaml_lines() {
    let f = temp_file(
        "machine.asl.yaml",
        "Comment: a YAML definition\nStartAt: A\nStates:\n  A:\n    Type: Wait\n    Seconds: ten\n    End: true\n",
    );
    let path = f.to_str().expect("UTF-8");
    let (code, out, _) = asl(&["check", path]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("{path}:6:5: ERROR SCHEMA_VALIDATION_FAILED at /States/A/Seconds: expected a non-negative integer or a JSONata expression, found the string \"ten\"\n")
    );
    let bad = temp_file("bad.asl.yml", "StartAt: A\nStates: [\n");
    let (code, out, _) = asl(&["check", bad.to_str().expect("UTF-8")]);
    assert_eq!(code, 1);
    assert!(out.contains(": ERROR INVALID_YAML at /: YAML: "), "{out}");
    assert!(out.starts_with(&format!("{}:3:", bad.display())), "{out}");
}

#[test]
fn iam_and_graph_read_templates() {
    let path = fixture("project/template.yaml");
    let (code, _, err) = iam(&path, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("2 state machines (Orders, Audit): choose one with --resource"),
        "{err}"
    );
    let (code, out, err) = iam(&path, &["--resource", "Audit"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let policy: serde_json::Value = serde_json::from_str(&out).expect("a policy");
    // The Lambda ARN is made at deploy time from the pseudo parameters
    // (${AWS::Region}, ${AWS::AccountId}), which --region and --account give.
    assert_eq!(
        policy["Statement"],
        json!([{"Effect": "Allow", "Sid": "InvokeFunction1", "Action": ["lambda:InvokeFunction"],
                "Resource": ["arn:aws:lambda:us-east-1:123456789012:function:audit"]}])
    );
    let (code, out, _) = asl(&["graph", &path, "--resource", "Audit"]);
    assert_eq!(code, 0);
    assert!(out.contains("Log"), "{out}");
    let (code, _, err) = asl(&["graph", &path, "--resource", "Nope"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no state machine 'Nope' in the template; it has: Orders, Audit"),
        "{err}"
    );
}

#[test]
fn fmt_refuses_templates_and_prints_yaml_as_json() {
    let (code, out, err) = asl(&["fmt", &fixture("sam-template.yaml")]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("asl fmt formats definition files"), "{err}");

    // A YAML definition is printed as JSON, never rewritten.
    let y = temp_file("fmt.asl.yaml", "StartAt: A\nStates: {A: {Type: Succeed}}\n");
    let (code, out, _) = asl(&["fmt", y.to_str().expect("UTF-8")]);
    assert_eq!(code, 0);
    assert_eq!(out, "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Succeed\"\n    }\n  }\n}\n");
    assert_eq!(asl(&["fmt", "--write", y.to_str().expect("UTF-8")]).0, 2);
}

/// Every diagnostic of every unit of a template: (resource, code, location).
fn check_template(name: &str, text: &str) -> Vec<(Option<String>, String, String)> {
    let path = std::path::Path::new(name);
    let source = asl_cli::source::load(path, text.as_bytes());
    assert_eq!(source.kind, asl_cli::source::SourceKind::Template);
    source
        .units
        .iter()
        .flat_map(|u| {
            u.check(&asl_core::Options::default())
                .diagnostics
                .into_iter()
                .map(|d| {
                    (
                        u.resource().map(str::to_owned),
                        d.code.to_owned(),
                        d.location,
                    )
                })
        })
        .collect()
}

fn found(resource: &str, code: &str, location: &str) -> (Option<String>, String, String) {
    (
        Some(resource.to_owned()),
        code.to_owned(),
        location.to_owned(),
    )
}

#[test]
fn intrinsics_are_deploy_time_values_and_substitutions_apply() {
    // DefinitionSubstitutions with a literal (checked) and an intrinsic
    // (deploy time, never "unresolved"); a Join, a Sub with `${!Name}` (the
    // text `${Name}`, for DefinitionSubstitutions) and a Select inside.
    let template = r#"
Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionSubstitutions:
        Fn: !GetAtt Function.Arn
        Seconds: "5"
      DefinitionString: !Join
        - ""
        - - '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Fn}", "Next": "W"},'
          - '"W": {"Type": "Wait", "Seconds": ${Seconds}, "Next": "B"},'
          - !Sub '"B": {"Type": "Pass", "Result": "${AWS::Region} ${!Seconds}", "Next": "C"},'
          - '"C": {"Type": "Pass", "Result": "'
          - !Select [0, !GetAZs ""]
          - '", "Next": "Nowhere"}}}'
"#;
    assert_eq!(
        check_template("t.yaml", template),
        [
            found("Machine", "MISSING_END_STATE", "/"),
            found("Machine", "MISSING_TRANSITION_TARGET", "/States/C/Next"),
        ]
    );
    // An unlisted ${Name} next to listed ones is still a warning.
    let template = r#"{"Resources": {"M": {"Type": "AWS::Serverless::StateMachine", "Properties": {
        "DefinitionSubstitutions": {"A": "x"},
        "Definition": {"StartAt": "P", "States": {"P": {"Type": "Pass",
            "Parameters": {"a": "${A}", "b": "${Typo}", "c": {"Ref": "Bucket"}, "d": {"Fn::Sub": "${Bucket}-x"}},
            "End": true}}}}}}}"#;
    assert_eq!(
        check_template("t.json", template),
        [found(
            "M",
            "UNRESOLVED_SUBSTITUTION",
            "/States/P/Parameters/b"
        )]
    );
}

#[test]
fn what_a_template_cannot_say_is_a_clear_problem() {
    let problems = |text: &str| {
        let source = asl_cli::source::load(std::path::Path::new("t.yaml"), text.as_bytes());
        source
            .units
            .iter()
            .flat_map(|u| u.check(&asl_core::Options::default()).diagnostics)
            .map(|d| {
                format!(
                    "{:?}:{:?} {} at {}: {}",
                    d.line, d.column, d.code, d.location, d.message
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        problems("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q: {Type: AWS::SQS::Queue}\n"),
        ["Some(2):Some(1) INVALID_TEMPLATE at /Resources: the template has no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource"]
    );
    assert_eq!(
        problems("Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: s3://bucket/machine.json\n"),
        ["Some(5):Some(7) UNCHECKED_DEFINITION at /Resources/M/Properties/DefinitionUri: the definition is in S3 ('DefinitionUri'); it is not checked"]
    );
    assert_eq!(
        problems("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      Definition: '{}'\n"),
        ["Some(5):Some(7) INVALID_TEMPLATE at /Resources/M/Properties/Definition: 'Definition' must be an object (the definition itself); a definition as text is 'DefinitionString'"]
    );
    let missing = problems("Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: no/such.asl.json\n");
    assert_eq!(missing.len(), 1);
    assert!(missing[0].starts_with("Some(5):Some(7) INVALID_TEMPLATE at /Resources/M/Properties/DefinitionUri: 'DefinitionUri' names no/such.asl.json, which cannot be read: "), "{missing:?}");
    assert_eq!(
        problems("Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties: {RoleArn: x}\n"),
        ["Some(4):Some(5) INVALID_TEMPLATE at /Resources/M/Properties: AWS::StepFunctions::StateMachine has no definition: expected 'Definition', 'DefinitionString' or 'DefinitionS3Location'"]
    );
}

#[test]
fn odd_yaml_never_panics() {
    for text in [
        "", "~", "[]", "- a\n- b\n", "!Ref x\n", "? a\n", "a: !Sub\n", ":\n", "Resources: 3\n",
        "Resources:\n  M: {Type: AWS::Serverless::StateMachine, Properties: {Definition: !Ref X}}\n",
        "Resources:\n  M: {Type: AWS::StepFunctions::StateMachine, Properties: {DefinitionString: [1]}}\n",
        "StartAt: A\nStates: !Ref S\n", "\u{feff}StartAt: A\n", "a: \"\\xff\"\n", "{a: 1, a: 2}",
        "&a [*a]", "a: &x 1\nb: *y\n", "\t- x\n",
    ] {
        for name in ["x.asl.yaml", "template.yml"] {
            let source = asl_cli::source::load(std::path::Path::new(name), text.as_bytes());
            for unit in &source.units {
                let report = unit.check(&asl_core::Options::default());
                let text = asl_cli::render(unit.origin(), &report, asl_cli::Format::Text);
                assert!(!text.contains("panicked"), "{text}");
            }
            assert!(!source.units.is_empty(), "{text:?}");
        }
    }
    let source = asl_cli::source::load(std::path::Path::new("x.yaml"), b"\xff\xfe");
    let report = source.units[0].check(&asl_core::Options::default());
    assert_eq!(report.diagnostics[0].code, "INVALID_YAML");
}
