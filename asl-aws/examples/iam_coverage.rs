//! How much of a corpus of real definitions the IAM generator covers: over
//! every `valid` / `unknown` definition of `manifest.tsv` that parses, how
//! many Task states get statements and how many get only warnings, that no
//! `Deny` is ever generated, and the most common warnings (with the state
//! name and the request's values replaced by `…`).
//!
//! ```text
//! cargo run -q -p asl-aws --example iam_coverage -- ../shared/corpus
//! ```

use asl_core::iam::{generate, Effect, IamOptions};
use asl_core::integration::AwsEnvironment;
use asl_core::State;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: iam_coverage CORPUS_DIR");
        return ExitCode::from(2);
    };
    let manifest = match std::fs::read_to_string(Path::new(&dir).join("manifest.tsv")) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {dir}/manifest.tsv: {e}");
            return ExitCode::from(2);
        }
    };
    let env = AwsEnvironment::new("aws", "us-east-1", "123456789012");
    let options = IamOptions::named("Machine");
    let (mut files, mut unparsed, mut tasks, mut covered, mut warned_only, mut both) =
        (0, 0, 0, 0, 0, 0);
    let mut silent: Vec<String> = Vec::new();
    let (mut denies, mut empty_with_tasks, mut maps) = (0, 0, 0);
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for row in manifest.lines().skip(1) {
        let mut cols = row.split('\t');
        let (Some(file), _, Some(expected)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if expected != "valid" && expected != "unknown" {
            continue;
        }
        files += 1;
        let Ok(text) = std::fs::read_to_string(Path::new(&dir).join(file)) else {
            unparsed += 1;
            continue;
        };
        let Ok(machine) = asl_core::from_str(&text) else {
            unparsed += 1;
            continue;
        };
        let g = generate(&machine, &env, &options);
        denies += g
            .policy
            .statement
            .iter()
            .filter(|s| s.effect == Effect::Deny)
            .count();
        let task_pointers: Vec<String> = machine
            .walk()
            .filter(|s| matches!(s.state, State::Task(_)))
            .map(|s| s.pointer)
            .collect();
        // Why a Task can need nothing of the execution role.
        let reason = |pointer: &str| -> &'static str {
            let task = machine.walk().find_map(|s| match s.state {
                State::Task(t) if s.pointer == pointer => Some(t),
                _ => None,
            });
            let Some(task) = task else { return "" };
            let resource = task.resource.as_str();
            let auth = task
                .parameters
                .as_ref()
                .and_then(|p| p.0.get("AuthType"))
                .and_then(|v| v.as_str());
            if resource.contains(":activity:") {
                "an activity: its workers, not the execution role, need permissions"
            } else if resource.contains(":apigateway:invoke") && auth != Some("IAM_ROLE") {
                "API Gateway without IAM_ROLE auth: no IAM permission is checked"
            } else {
                "no statement and no warning: look at it"
            }
        };
        if g.policy.statement.is_empty() && !task_pointers.is_empty() && g.warnings.is_empty() {
            empty_with_tasks += 1;
        }
        for s in &g.states {
            if !task_pointers.contains(&s.pointer) {
                maps += 1;
                continue;
            }
            tasks += 1;
            match (s.statements > 0, s.warnings > 0) {
                (true, false) => covered += 1,
                (true, true) => both += 1,
                (false, true) => warned_only += 1,
                (false, false) => {
                    silent.push(format!("{file}#{} ({})", s.pointer, reason(&s.pointer)))
                }
            }
        }
        for w in &g.warnings {
            let kind = shape(&w.message);
            match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some(k) => k.1 += 1,
                None => kinds.push((kind, 1)),
            }
        }
    }
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("definitions (valid/unknown): {files}, not parsed: {unparsed}");
    println!("Task states: {tasks}");
    println!("  with statements and no warning: {covered}");
    println!("  with statements and a warning: {both}");
    println!("  with only warnings (no statement): {warned_only}");
    println!(
        "  with neither (nothing needed, or a request the integration rejects): {}",
        silent.len()
    );
    for s in silent.iter().take(20) {
        println!("    {s}");
    }
    println!("Distributed Map states: {maps}");
    println!("Deny statements generated: {denies}");
    println!("machines with Tasks, no statement and no warning: {empty_with_tasks}");
    println!("most common warnings:");
    for (kind, n) in kinds.iter().take(10) {
        println!("  {n:5}  {kind}");
    }
    if denies > 0 {
        eprintln!("error: {denies} Deny statements generated; the generator must never write one");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// A warning without its state name and the values it quotes.
fn shape(message: &str) -> String {
    let rest = message
        .strip_prefix("state '")
        .and_then(|m| m.split_once("': "))
        .map_or(message, |(_, r)| r);
    rest.split(' ')
        .map(|w| {
            if w.starts_with("arn:")
                || w.starts_with("${")
                || w.starts_with("aws-sdk:")
                || (w.contains(':') && !w.ends_with(':'))
            {
                "…"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
