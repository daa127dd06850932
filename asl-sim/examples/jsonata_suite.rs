//! Runs the jsonata-js test suite (`groups/<group>/case*.json`, described in
//! its `TESTSUITE.md`) twice: through the JSONata engine alone (jlens-core,
//! with each case's own `timelimit` and `depth`), and through asl-sim's
//! Step Functions layer (its bindings, added functions, AWS's limits and
//! error mapping), and prints passed / failed / total for each.
//!
//! ```text
//! cargo run -p asl-sim --example jsonata_suite -- <suite folder> [--list]
//! ```
//!
//! `--list` prints each failing case. Through the layer, the cases that call
//! `$eval`, which Step Functions disables, are left out and counted.
//! A case file that JSON cannot hold in Rust (a lone UTF-16 surrogate)
//! counts as failed in both runs.

// The layer is the crate's private module: compile it here, with the
// crate-root names it uses.
#[allow(clippy::duplicate_mod, unused_imports)]
#[path = "../src/jsonata/mod.rs"]
mod jsonata;
use asl_sim::{Failure, Rng};

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

/// One case: the expression, the input (`None` = undefined) and the rest.
struct Case {
    name: String,
    group: String,
    expr: String,
    data: Option<Value>,
    case: Value,
}

/// What a case expects.
enum Expected {
    Result(Value, bool),
    Undefined,
    Code(String),
}

fn expected(case: &Value) -> Option<Expected> {
    let code = case
        .get("code")
        .or_else(|| case.get("error").and_then(|e| e.get("code")))
        .and_then(Value::as_str);
    if let Some(code) = code {
        return Some(Expected::Code(code.to_owned()));
    }
    if case.get("undefinedResult").and_then(Value::as_bool) == Some(true) {
        return Some(Expected::Undefined);
    }
    let unordered = case.get("unordered").and_then(Value::as_bool) == Some(true);
    case.get("result")
        .map(|r| Expected::Result(r.clone(), unordered))
}

/// JSON equality with numbers compared as doubles (`1` = `1.0`), as the
/// suite's JavaScript runner compares them; `unordered` for a top array.
fn same(a: &Value, b: &Value, unordered: bool) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            if unordered {
                let mut used = vec![false; y.len()];
                x.iter().all(|xi| {
                    let found = y
                        .iter()
                        .zip(used.iter_mut())
                        .find(|(yj, u)| !**u && same(xi, yj, false));
                    found.map(|(_, u)| *u = true).is_some()
                })
            } else {
                x.iter().zip(y).all(|(p, q)| same(p, q, false))
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same(v, w, false)))
        }
        _ => a == b,
    }
}

/// An outcome: a value, undefined, or an error code.
type Outcome = Result<Option<Value>, String>;

fn passes(outcome: &Outcome, expected: &Expected) -> bool {
    match (outcome, expected) {
        (Err(code), Expected::Code(want)) => code == want,
        (Ok(None), Expected::Undefined) => true,
        (Ok(Some(v)), Expected::Result(want, unordered)) => same(v, want, *unordered),
        _ => false,
    }
}

/// The engine alone, with the case's own limits. Its depth and time errors
/// (`D1011`, `D1012`) are what the suite's runner reports as `U1001`.
fn raw(case: &Case) -> Outcome {
    let expr = jlens_core::Expression::compile(&case.expr).map_err(|e| e.code().to_owned())?;
    let bindings: jlens_core::Bindings = case
        .case
        .get("bindings")
        .and_then(Value::as_object)
        .map(|b| b.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    let mut options = jlens_core::Options::new();
    if let Some(ms) = case.case.get("timelimit").and_then(Value::as_u64) {
        options = options.timeout(Duration::from_millis(ms));
    }
    if let Some(depth) = case.case.get("depth").and_then(Value::as_u64) {
        options = options.max_depth(usize::try_from(depth).unwrap_or(usize::MAX));
    }
    expr.evaluate_with(case.data.as_ref(), &bindings, &options)
        .map_err(|e| match e.code() {
            "D1011" | "D1012" => "U1001".to_owned(),
            code => code.to_owned(),
        })
}

/// Through asl-sim's layer: the case's bindings as variables, AWS's limits.
/// The error code is read back from the cause text; AWS's limit messages
/// (depth, time, memory) are the suite's `U1001`.
fn layered(case: &Case) -> Outcome {
    let states = serde_json::json!({"input": {}, "context": {}});
    let variables: Map<String, Value> = case
        .case
        .get("bindings")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut rng = Rng::new(0);
    let mut scope = jsonata::Scope {
        states: &states,
        variables: &variables,
        rng: &mut rng,
    };
    jsonata::evaluate_in(&case.expr, case.data.as_ref(), &mut scope, "Output")
        .map_err(|f| code_of(&f))
}

fn code_of(failure: &Failure) -> String {
    let cause = &failure.cause;
    if let Some((_, rest)) = cause.split_once("threw an error during evaluation. ") {
        return rest.split(':').next().unwrap_or_default().to_owned();
    }
    if cause.contains("threw an error during evaluation: ") {
        return "U1001".to_owned();
    }
    cause.clone()
}

fn uses_eval(expr: &str) -> bool {
    expr.contains("$eval")
}

/// Reads every case; a file that does not parse is one failed case (`Err`).
fn cases(root: &Path) -> Result<Vec<Result<Case, String>>, Box<dyn Error>> {
    let mut groups: Vec<PathBuf> = std::fs::read_dir(root.join("groups"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    groups.sort();
    let mut out = Vec::new();
    for group in groups {
        let group_name = group
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&group)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for file in files {
            let name = format!(
                "{group_name}/{}",
                file.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            let value: Value = match serde_json::from_str(&std::fs::read_to_string(&file)?) {
                Ok(v) => v,
                Err(e) => {
                    out.push(Err(format!("{name}: unreadable: {e}")));
                    continue;
                }
            };
            let list = match value {
                Value::Array(list) => list,
                one => vec![one],
            };
            let many = list.len() > 1;
            for (i, case) in list.into_iter().enumerate() {
                let name = if many {
                    format!("{name}#{i}")
                } else {
                    name.clone()
                };
                let expr = match (case.get("expr"), case.get("expr-file")) {
                    (Some(Value::String(e)), _) => e.clone(),
                    (_, Some(Value::String(f))) => std::fs::read_to_string(group.join(f))?,
                    _ => {
                        out.push(Err(format!("{name}: no expression")));
                        continue;
                    }
                };
                let data = match (case.get("data"), case.get("dataset")) {
                    (Some(d), _) => Some(d.clone()),
                    (None, Some(Value::String(set))) => {
                        let text = std::fs::read_to_string(
                            root.join("datasets").join(format!("{set}.json")),
                        )?;
                        Some(serde_json::from_str(&text)?)
                    }
                    _ => None,
                };
                out.push(Ok(Case {
                    name,
                    group: group_name.clone(),
                    expr,
                    data,
                    case,
                }));
            }
        }
    }
    Ok(out)
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    excluded: usize,
    by_group: BTreeMap<String, usize>,
    failures: Vec<String>,
}

impl Tally {
    fn fail(&mut self, group: &str, line: String) {
        self.failed += 1;
        *self.by_group.entry(group.to_owned()).or_default() += 1;
        self.failures.push(line);
    }

    fn print(&self, title: &str, elapsed: Duration, list: bool) {
        let excluded = if self.excluded > 0 {
            format!(
                ", {} excluded (they call $eval, which Step Functions disables)",
                self.excluded
            )
        } else {
            String::new()
        };
        println!(
            "{title}: {} passed, {} failed, total {}{excluded} ({:.1} s)",
            self.passed,
            self.failed,
            self.passed + self.failed,
            elapsed.as_secs_f64()
        );
        let groups: Vec<String> = self
            .by_group
            .iter()
            .map(|(g, n)| format!("{g} {n}"))
            .collect();
        if !groups.is_empty() {
            println!("  failing groups: {}", groups.join(", "));
        }
        if list {
            for line in &self.failures {
                println!("  FAIL {line}");
            }
        }
    }
}

fn run(all: &[Result<Case, String>], layer: bool) -> (Tally, Duration) {
    let start = Instant::now();
    let mut tally = Tally::default();
    for case in all {
        let case = match case {
            Ok(c) => c,
            Err(line) => {
                tally.fail("(unreadable)", line.clone());
                continue;
            }
        };
        let Some(want) = expected(&case.case) else {
            tally.fail(&case.group, format!("{}: no expected outcome", case.name));
            continue;
        };
        if layer && uses_eval(&case.expr) {
            tally.excluded += 1;
            continue;
        }
        let outcome = if layer { layered(case) } else { raw(case) };
        if passes(&outcome, &want) {
            tally.passed += 1;
        } else {
            let expr: String = case.expr.chars().take(100).collect();
            tally.fail(&case.group, format!("{}: {expr} => {outcome:?}", case.name));
        }
    }
    (tally, start.elapsed())
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        return Err("usage: jsonata_suite <jsonata-test-suite folder> [--list]".into());
    };
    let list = args.any(|a| a == "--list");
    let all = cases(Path::new(&root))?;
    let (tally, elapsed) = run(&all, false);
    tally.print("jlens-core 0.26 (engine alone)", elapsed, list);
    let (tally, elapsed) = run(&all, true);
    tally.print("through asl-sim's Step Functions layer", elapsed, list);
    Ok(())
}
