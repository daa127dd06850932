//! `asl check`: text and JSON output, `--type`, exit codes.

mod common;

use common::temp_file;
use pretty_assertions::assert_eq;

/// `asl` with `args`: exit code and stdout.
fn asl(args: &[&str]) -> (i32, String) {
    let (code, stdout, _) = common::asl(args);
    (code, stdout)
}

/// `asl check ARGS` exits with `code` and prints `needle`.
fn assert_check(args: &[&str], code: i32, needle: &str) {
    let (got, out) = asl(args);
    assert_eq!(got, code, "{out}");
    assert!(out.contains(needle), "{out}");
}

const GOOD: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}"#;
const BAD: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Foo":1,"End":true}}}"#;

#[test]
fn valid_file_exits_zero_and_prints_nothing() {
    let f = temp_file("good.asl.json", GOOD);
    let (code, out) = asl(&["check", f.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn invalid_file_prints_one_line_per_diagnostic() {
    let f = temp_file("bad.asl.json", BAD);
    let path = f.to_str().unwrap();
    let (code, out) = asl(&["check", path]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "{path}:1:45: ERROR SCHEMA_VALIDATION_FAILED at /States/A/Foo: field 'Foo' is not supported\n"
        )
    );
}

#[test]
fn json_format_has_one_object_per_file() {
    let good = temp_file("good2.asl.json", GOOD);
    let bad = temp_file("bad2.asl.json", BAD);
    let (code, out) = asl(&[
        "check",
        "--format",
        "json",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["result"], "OK");
    assert_eq!(lines[1]["result"], "FAIL");
    assert_eq!(
        lines[1]["diagnostics"][0]["code"],
        "SCHEMA_VALIDATION_FAILED"
    );
    assert_eq!(lines[1]["diagnostics"][0]["location"], "/States/A/Foo");
    assert_eq!(lines[1]["diagnostics"][0]["severity"], "ERROR");
    assert_eq!(lines[1]["diagnostics"][0]["line"], 1);
    assert_eq!(lines[1]["diagnostics"][0]["column"], 45);
}

#[test]
fn a_json_syntax_error_names_its_line_and_column() {
    let f = temp_file(
        "syntax.asl.json",
        "{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}\n",
    );
    let path = f.to_str().unwrap();
    let (code, out) = asl(&["check", path]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!("{path}:3:14: ERROR INVALID_JSON_DESCRIPTION at ")),
        "{out}"
    );
}

#[test]
fn express_type_rejects_callbacks() {
    let f = temp_file("callback.asl.json", GOOD);
    let args = ["check", "--type", "EXPRESS", f.to_str().unwrap()];
    assert_check(&args, 1, "EXPRESS_UNSUPPORTED");
}

#[test]
fn missing_file_and_bad_usage_exit_two() {
    assert_eq!(asl(&["check", "/nonexistent/x.asl.json"]).0, 2);
    assert_eq!(asl(&["check"]).0, 2);
    assert_eq!(asl(&["check", "--format", "xml", "x"]).0, 2);
}

#[test]
fn bedrock_rules_apply() {
    let f = temp_file(
        "bedrock.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::bedrock:invokeModel","Parameters":{"Body":{}},"End":true}}}"#,
    );
    assert_check(
        &["check", f.to_str().unwrap()],
        1,
        "ERROR INVALID_INTEGRATION_PARAMETERS at /States/A/Parameters: bedrock:invokeModel requires 'Parameters.ModelId'",
    );
}

#[test]
fn substitutions_are_resolved_from_flags_and_files() {
    let f = temp_file(
        "subst.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${Fn}","Next":"B"},"B":{"Type":"Wait","Seconds":"${Delay}","End":true}}}"#,
    );
    let path = f.to_str().unwrap();
    // Unresolved substitutions are accepted as they are.
    assert_eq!(asl(&["check", path]), (0, String::new()));
    // Resolved ones are checked like any other value.
    let typo = "Fn=arn:aws:states:::lambda:invok";
    let args = ["check", "--substitution", typo, path];
    assert_check(&args, 1, "ERROR INVALID_RESOURCE at /States/A/Resource");
    // Given some substitutions, a missing one is a warning.
    let subs = temp_file("subs.json", r#"{"Fn": "arn:aws:states:::lambda:invoke"}"#);
    let args = ["check", "--substitutions", subs.to_str().unwrap(), path];
    assert_check(
        &args,
        0,
        "WARNING UNRESOLVED_SUBSTITUTION at /States/B/Seconds",
    );
    // As with CloudFormation, the text is replaced inside the quotes: a
    // number substituted into "${Delay}" is the string "5".
    let subs = temp_file(
        "subs2.json",
        r#"{"Fn": "arn:aws:states:::lambda:invoke", "Delay": 5}"#,
    );
    let args = ["check", "--substitutions", subs.to_str().unwrap(), path];
    assert_check(
        &args,
        1,
        "at /States/B/Seconds: expected a non-negative integer",
    );
    // A malformed flag is a usage error.
    assert_eq!(asl(&["check", "--substitution", "Fn", path]).0, 2);
}
