//! Runs the expected executions of the `asl` crate's test data through the
//! simulator: `cargo run -p asl-sim --example asl_crate_cases -- CORPUS`
//! where `CORPUS/asl-crate/tests/test-data/expected-executions-valid-cases/`
//! holds the cases (json5: a list of `{input, output | error, states,
//! task_behavior}`) and `…/test-data/asl-validator/` the definitions.
//!
//! A case passes when the output (or the error, with `*` in an expected
//! cause matching any text) and the visited states are the expected ones.
//! Tasks without a `task_behavior` entry return their input;
//! `task_behavior` maps a `Resource` to `{"error": name}` (or `{"output":
//! value}`). Files that hold a definition instead of cases are listed as
//! such.

use asl_sim::{Mock, Mocks, Simulator, Unmocked};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: asl_crate_cases CORPUS (the folder holding asl-crate/)");
        return ExitCode::from(2);
    };
    let data = root.join("asl-crate/tests/test-data");
    let cases_dir = data.join("expected-executions-valid-cases");
    let Ok(entries) = std::fs::read_dir(&cases_dir) else {
        eprintln!("{}: cannot read", cases_dir.display());
        return ExitCode::from(2);
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let (mut passed, mut total, mut files_ok, mut case_files) = (0, 0, 0, 0);
    for file in &files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let Some(cases) = read_json5(file) else {
            println!("{name}: not readable as json5");
            continue;
        };
        let Value::Array(cases) = cases else {
            println!("{name}: a definition, not a list of executions (skipped)");
            continue;
        };
        case_files += 1;
        let stem = name.trim_end_matches(".json5").trim_end_matches(".json");
        let definition = data.join("asl-validator").join(format!("{stem}.json"));
        let Some(text) = std::fs::read_to_string(&definition).ok() else {
            println!("{name}: no definition {}", definition.display());
            continue;
        };
        let sim = match Simulator::from_str(&text) {
            Ok(s) => s,
            Err(e) => {
                println!("{name}: {e}");
                continue;
            }
        };
        let mut all = true;
        for (i, case) in cases.iter().enumerate() {
            total += 1;
            match run_case(&sim, case) {
                Ok(()) => passed += 1,
                Err(why) => {
                    all = false;
                    println!("{name} #{i}: {why}");
                }
            }
        }
        if all {
            files_ok += 1;
        }
    }
    println!(
        "asl crate expected executions: {passed}/{total} cases, {files_ok}/{case_files} files with cases all passing ({} files)",
        files.len()
    );
    ExitCode::SUCCESS
}

fn run_case(sim: &Simulator, case: &Value) -> Result<(), String> {
    let mut mocks = Mocks::new().unmocked(Unmocked::EchoInput);
    if let Some(Value::Object(behavior)) = case.get("task_behavior") {
        for (resource, b) in behavior {
            let mock = match (b.get("error"), b.get("output")) {
                (Some(e), _) => Mock::error(e.as_str().unwrap_or_default(), ""),
                (None, Some(o)) => Mock::value(o.clone()),
                _ => continue,
            };
            mocks = mocks.resource(resource.clone(), mock);
        }
    }
    let input = case.get("input").cloned().unwrap_or(Value::Null);
    let run = sim.clone().mocks(mocks).run(input);
    let want_states: Vec<&str> = case
        .get("states")
        .and_then(Value::as_array)
        .map(|s| s.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if run.visited_states() != want_states {
        return Err(format!(
            "states {:?}, expected {:?}",
            run.visited_states(),
            want_states
        ));
    }
    if let Some(err) = case.get("error") {
        let want_error = err.get("Error").and_then(Value::as_str).unwrap_or_default();
        let want_cause = err.get("Cause").and_then(Value::as_str).unwrap_or("*");
        let got_cause = run.cause.clone().unwrap_or_default();
        if run.error.as_deref() != Some(want_error) || !glob(want_cause, &got_cause) {
            return Err(format!(
                "error {:?} / {:?}, expected {want_error:?} / {want_cause:?}",
                run.error, run.cause
            ));
        }
        return Ok(());
    }
    let want = case.get("output").cloned().unwrap_or(Value::Null);
    if run.output.as_ref() != Some(&want) {
        return Err(format!(
            "output {}, expected {want} ({:?} {:?})",
            run.output.map(|o| o.to_string()).unwrap_or_default(),
            run.error,
            run.cause
        ));
    }
    Ok(())
}

/// `*` matches any run of characters.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else if let Some(at) = rest.find(part) {
            rest = rest.get(at + part.len()..).unwrap_or_default();
        } else {
            return false;
        }
    }
    true
}

/// json5 as these files use it: `//` comments and trailing commas. (A
/// json5 crate would bring more than the two rules the files need.)
fn read_json5(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    // Trailing commas: a comma followed (after blanks) by `]` or `}`.
    let mut clean = String::with_capacity(out.len());
    let bytes: Vec<char> = out.chars().collect();
    let mut in_string = false;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        if in_string {
            clean.push(c);
            if c == '\\' {
                if let Some(&n) = bytes.get(i + 1) {
                    clean.push(n);
                    i += 1;
                }
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            clean.push(c);
        } else if c == ',' {
            let next = bytes.iter().skip(i + 1).find(|c| !c.is_whitespace());
            if !matches!(next, Some(']') | Some('}')) {
                clean.push(c);
            }
        } else {
            clean.push(c);
        }
        i += 1;
    }
    serde_json::from_str(&clean).ok()
}
