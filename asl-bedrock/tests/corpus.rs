//! Every Bedrock definition of the shared corpus (`uses_bedrock` = yes in
//! `manifest.tsv`) parses, passes the Bedrock checks, and gets a policy in
//! which a static `ModelId` is never a wildcard. The corpus is found at
//! `$ASL_CORPUS` or `../shared/corpus` next to the workspace; the test is
//! skipped when neither exists.

use asl_bedrock::{Bedrock, BedrockApi};
use asl_core::iam::{policy_for, Statement};
use asl_core::integration::{AwsEnvironment, Integration, TaskContext};
use asl_core::{Diagnostic, State};
use std::path::PathBuf;

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("ASL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
    dir.join("manifest.tsv").is_file().then_some(dir)
}

/// Whether the resource id (after `kind/`) is a wildcard. The region of an
/// inference profile's destination models may be `*` (§12's safe form).
fn model_wildcard(arn: &str) -> bool {
    arn.split_once('/').is_none_or(|(_, id)| id.contains('*'))
}

#[test]
fn bedrock_corpus_definitions() {
    let Some(dir) = corpus() else {
        eprintln!("shared corpus not found; skipped");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("manifest.tsv")).unwrap_or_default();
    let env = AwsEnvironment {
        partition: "aws".into(),
        region: "us-east-1".into(),
        account: "123456789012".into(),
    };
    let bedrock = Bedrock::default();
    let mut optimized_tasks = 0;
    let mut files = 0;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.get(4) != Some(&"yes") {
            continue;
        }
        let Some(file) = cols.first() else { continue };
        files += 1;
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        let machine = match asl_core::from_str(&text) {
            Ok(m) => m,
            Err(e) => panic!("{file}: {e}"),
        };
        let policy = policy_for(&machine, &env);
        assert!(!policy.statement.is_empty(), "{file}");
        for item in machine.walk() {
            let State::Task(task) = item.state else {
                continue;
            };
            let Some(api) = BedrockApi::of(task) else {
                continue;
            };
            optimized_tasks += 1;
            let cx = TaskContext {
                name: item.name,
                pointer: &item.pointer,
                query_language: item.query_language,
                machine_type: None,
            };
            let mut diags: Vec<Diagnostic> = Vec::new();
            bedrock.validate(task, &cx, &mut diags);
            assert_eq!(diags, Vec::<Diagnostic>::new(), "{file} {}", item.pointer);
            let request = task
                .parameters
                .as_ref()
                .map(|p| p.0.clone())
                .or_else(|| task.arguments.clone())
                .unwrap_or_default();
            let key = match api {
                BedrockApi::InvokeModel => "ModelId",
                _ => "BaseModelIdentifier",
            };
            let static_model = request
                .get(key)
                .and_then(|v| v.as_str())
                .is_some_and(|s| !s.contains("{%") && !s.contains("${"));
            let statements: Vec<Statement> = bedrock.statements(task, &cx, &env);
            let model_statement = statements.first();
            if static_model && api == BedrockApi::InvokeModel {
                let wild = model_statement
                    .map(|s| s.resource.iter().any(|r| model_wildcard(r)))
                    .unwrap_or(true);
                assert!(!wild, "{file} {}: {statements:?}", item.pointer);
            }
        }
    }
    assert!(files >= 8, "only {files} Bedrock files in the manifest");
    assert!(optimized_tasks > 0);
}
