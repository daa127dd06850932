//! The files `build.rs` generated are valid, least-privilege and stable: the
//! same definitions generated twice give the same bytes, and the same bytes
//! as the files embedded at build time.

#[path = "../src/machines.rs"]
mod machines;

use asl_kit::core::validate::{validate_str, Options};
use std::path::PathBuf;

/// The generated files, as `build.rs` wrote them into `OUT_DIR`.
const EMBEDDED: [(&str, &str); 4] = [
    (
        "prompt_chain.asl.json",
        include_str!(concat!(env!("OUT_DIR"), "/prompt_chain.asl.json")),
    ),
    (
        "prompt_chain.iam.json",
        include_str!(concat!(env!("OUT_DIR"), "/prompt_chain.iam.json")),
    ),
    (
        "order_processing.asl.json",
        include_str!(concat!(env!("OUT_DIR"), "/order_processing.asl.json")),
    ),
    (
        "order_processing.iam.json",
        include_str!(concat!(env!("OUT_DIR"), "/order_processing.iam.json")),
    ),
];

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "asl-kit-example-build-rs-{}-{tag}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Generates every file into a fresh folder; returns (file name, bytes).
#[allow(clippy::unwrap_used)] // a test helper
fn generate(tag: &str) -> Vec<(String, Vec<u8>)> {
    let dir = temp(tag);
    let paths = machines::generator(&dir)
        .cargo_output(false)
        .write()
        .unwrap();
    let files = paths
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(p).unwrap())
        })
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    files
}

#[test]
fn embedded_definitions_parse_and_validate() {
    for (name, text) in EMBEDDED.iter().filter(|(n, _)| n.ends_with(".asl.json")) {
        let machine = asl_kit::core::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut options = Options::default();
        options.registry.push(machines::LAMBDA);
        let report = validate_str(text, &options);
        let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        // Canonical form: what the serializer writes, plus a newline.
        assert_eq!(*text, format!("{}\n", machine.to_string_pretty()), "{name}");
    }
}

#[test]
fn embedded_policies_are_least_privilege() {
    let policy = |name: &str| -> serde_json::Value {
        let (_, text) = EMBEDDED.iter().find(|(n, _)| *n == name).unwrap();
        serde_json::from_str(text).unwrap()
    };
    let prompt_chain = policy("prompt_chain.iam.json");
    assert_eq!(prompt_chain["Version"], "2012-10-17");
    let statements = prompt_chain["Statement"].as_array().unwrap();
    assert_eq!(statements.len(), 1, "{prompt_chain:#}");
    let s = &statements[0];
    assert_eq!(s["Effect"], "Allow");
    assert_eq!(s["Action"], serde_json::json!(["bedrock:InvokeModel"]));
    // The model is static: its ARN, no wildcard.
    assert_eq!(
        s["Resource"],
        serde_json::json!([format!(
            "arn:aws:bedrock:us-east-2::foundation-model/{}",
            machines::steps::MODEL
        )])
    );
    assert!(!prompt_chain.to_string().contains('*'), "{prompt_chain:#}");

    let orders = policy("order_processing.iam.json");
    let resources = orders["Statement"][0]["Resource"].as_array().unwrap();
    assert_eq!(orders["Statement"][0]["Action"][0], "lambda:InvokeFunction");
    assert!(resources
        .iter()
        .any(|r| r == "arn:aws:lambda:us-east-2:123456789012:function:charge-card"));
}

#[test]
fn generation_is_byte_identical_and_matches_the_build() {
    let first = generate("first");
    let second = generate("second");
    assert_eq!(first, second);
    let names: Vec<&str> = first.iter().map(|(n, _)| n.as_str()).collect();
    let embedded: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, embedded);
    for ((name, bytes), (_, text)) in first.iter().zip(EMBEDDED) {
        assert_eq!(
            bytes.as_slice(),
            text.as_bytes(),
            "{name} differs from OUT_DIR"
        );
    }
}

#[test]
fn regenerating_leaves_files_untouched() {
    let dir = temp("again");
    let write = || {
        machines::generator(&dir)
            .cargo_output(false)
            .write()
            .unwrap()
    };
    let paths = write();
    let mtimes: Vec<_> = paths
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().modified().unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(write(), paths);
    for (p, before) in paths.iter().zip(&mtimes) {
        assert_eq!(&std::fs::metadata(p).unwrap().modified().unwrap(), before);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
