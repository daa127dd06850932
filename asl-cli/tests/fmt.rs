//! `asl fmt`: canonical output, `--check`, error format and exit codes.

mod common;

use common::{asl, temp_file};
use pretty_assertions::assert_eq;

const MESSY: &str = r#"{"States":{"A":{"End":true,"Type":"Pass"}},"StartAt":"A"}"#;
const CANONICAL: &str = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}\n";

#[test]
fn prints_canonical_pretty_json() {
    let f = temp_file("messy.asl.json", MESSY);
    let (code, out, err) = asl(&["fmt", f.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, CANONICAL);
}

#[test]
fn check_exits_1_when_not_canonical_and_0_when_it_is() {
    let messy = temp_file("check-messy.asl.json", MESSY);
    let (code, out, err) = asl(&["fmt", "--check", messy.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(err.contains("not canonical"), "{err}");

    let clean = temp_file("check-clean.asl.json", CANONICAL);
    let (code, _, err) = asl(&["fmt", "--check", clean.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn bad_definition_reports_file_line_col_pointer_and_exits_1() {
    let f = temp_file(
        "bad.asl.json",
        "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Wait\", \"Seconds\": \"ten\", \"End\": true}\n  }\n}\n",
    );
    let (code, out, err) = asl(&["fmt", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err.trim_end(),
        format!(
            "{}:4:27: /States/A/Seconds: expected a non-negative integer or a JSONata expression, found the string \"ten\"",
            f.display()
        )
    );
}

#[test]
fn missing_file_and_bad_usage_exit_2() {
    let (code, _, err) = asl(&["fmt", "/nonexistent/machine.asl.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/machine.asl.json"), "{err}");
    let (code, _, _) = asl(&["fmt"]);
    assert_eq!(code, 2);
    let (code, _, _) = asl(&["no-such-command"]);
    assert_eq!(code, 2);
}

#[test]
fn schema_is_json_with_every_state_type() {
    let (code, out, _) = asl(&["schema"]);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).expect("schema is JSON");
    assert_eq!(schema["title"], "StateMachine");
}

#[test]
fn write_rewrites_in_place_only_when_it_changes() {
    let f = temp_file("rewrite.asl.json", MESSY);
    let path = f.to_str().unwrap();
    let (code, out, err) = asl(&["fmt", "--write", path]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), CANONICAL);
    // A canonical file is not written again.
    let before = std::fs::metadata(&f).and_then(|m| m.modified()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(asl(&["fmt", "-w", path]).0, 0);
    let after = std::fs::metadata(&f).and_then(|m| m.modified()).unwrap();
    assert_eq!(before, after);
    assert_eq!(asl(&["fmt", "--check", path]).0, 0);
    // --check and --write together are a usage error.
    assert_eq!(asl(&["fmt", "--check", "--write", path]).0, 2);
}

#[test]
fn graph_refuses_an_invalid_definition() {
    let f = temp_file(
        "dangling.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"Nowhere"}}}"#,
    );
    let path = f.to_str().unwrap();
    let (code, out, err) = asl(&["graph", path]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains(&format!(
            "{path}:1:76: ERROR MISSING_TRANSITION_TARGET at /States/B/Next"
        )),
        "{err}"
    );
    assert!(
        err.ends_with(&format!("{path}: not drawing an invalid definition\n")),
        "{err}"
    );
    let good = temp_file(
        "drawn.asl.json",
        r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}"#,
    );
    let (code, out, err) = asl(&["graph", good.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("n0 --> n1"), "{out}");
}

#[test]
fn a_value_of_the_wrong_kind_is_formatted_and_kept_as_written() {
    let f = temp_file(
        "draft.asl.json",
        r#"{"States": {"M": {"Items": "_tbd_", "Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}},
            "StartAt": "M"}"#,
    );
    let (code, out, err) = asl(&["fmt", f.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let written: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(written["States"]["M"]["Items"], "_tbd_");
    assert!(out.starts_with("{\n  \"StartAt\": \"M\",\n"), "{out}");
    // `asl check` still reports it.
    let (code, out, _) = asl(&["check", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("/States/M/Items"), "{out}");
}
