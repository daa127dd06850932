//! Compares the generated execution-role policy of every case of an IAM
//! corpus (`<case>.asl.json`, `<case>.policy.json`, `<case>.meta.json`; see
//! the corpus README) with the policy the AWS Step Functions developer
//! guide documents, as the case's `oracle_use` says:
//!
//! - `exact`: the same set of (Effect, Action, Resource, Condition) tuples
//!   (grouping, order, Sids and the case of action names do not count). A
//!   documented `Deny *` on `*` (the guide's policy for a machine that needs
//!   nothing) matches a policy without statements: this generator never
//!   writes a Deny;
//! - `upper-bound`: every generated tuple is granted by a documented one
//!   (wildcards in the documented actions and resources match);
//! - `fragment`: every documented tuple is generated;
//! - `reference-only`: reported, not counted.
//!
//! ```text
//! cargo run -q -p asl-aws --example iam_conformance -- ../shared/corpus/iam --min-percent 90
//! ```
//!
//! Prints one line per case (PASS, FAIL with the tuples missing and extra,
//! or INFO), the totals, and exits with 1 when the share of counted cases
//! passing is below `--min-percent` (default 0).

use asl_core::iam::{generate, IamOptions};
use asl_core::integration::AwsEnvironment;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

type Tuple = (String, String, String, String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let mut min = 0.0_f64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--min-percent" => min = it.next().and_then(|v| v.parse().ok()).unwrap_or(0.0),
            other => dir = Some(other.to_string()),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: iam_conformance DIR [--min-percent N]");
        return ExitCode::from(2);
    };
    let mut cases: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                name.strip_suffix(".meta.json").map(str::to_string)
            })
            .collect(),
        Err(e) => {
            eprintln!("error: {dir}: {e}");
            return ExitCode::from(2);
        }
    };
    cases.sort();
    let mut totals: Vec<(String, usize, usize)> = Vec::new();
    for case in &cases {
        let (oracle, verdict, detail) = match run(Path::new(&dir), case) {
            Ok(r) => r,
            Err(e) => ("error".to_string(), "FAIL", vec![e]),
        };
        println!("{verdict} {case} ({oracle})");
        for line in &detail {
            println!("    {line}");
        }
        if verdict == "INFO" {
            continue;
        }
        match totals.iter_mut().find(|(o, _, _)| *o == oracle) {
            Some(t) => {
                t.1 += usize::from(verdict == "PASS");
                t.2 += 1;
            }
            None => totals.push((oracle, usize::from(verdict == "PASS"), 1)),
        }
    }
    let passed: usize = totals.iter().map(|t| t.1).sum();
    let counted: usize = totals.iter().map(|t| t.2).sum();
    for (oracle, p, n) in &totals {
        println!("{oracle}: {p}/{n}");
    }
    let percent = if counted == 0 {
        100.0
    } else {
        passed as f64 * 100.0 / counted as f64
    };
    println!("total: {passed}/{counted} ({percent:.1}%)");
    if percent + 1e-9 < min {
        eprintln!("below --min-percent {min}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn read(dir: &Path, name: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))
}

fn run(dir: &Path, case: &str) -> Result<(String, &'static str, Vec<String>), String> {
    let meta = read(dir, &format!("{case}.meta.json"))?;
    let text = |k: &str| {
        meta.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let oracle = text("oracle_use");
    let definition =
        std::fs::read_to_string(dir.join(format!("{case}.asl.json"))).map_err(|e| e.to_string())?;
    let machine = asl_core::from_str(&definition).map_err(|e| e.to_string())?;
    let env = AwsEnvironment::new("aws", text("region"), text("account"));
    let options = IamOptions {
        state_machine_name: meta
            .get("state_machine_name")
            .and_then(Value::as_str)
            .map(str::to_string),
        ..IamOptions::default()
    };
    let generated = generate(&machine, &env, &options);
    let got = tuples(&serde_json::to_value(&generated.policy).map_err(|e| e.to_string())?);
    let documented = tuples(&read(dir, &format!("{case}.policy.json"))?);
    let deny_all = documented.len() == 1
        && documented
            .iter()
            .all(|t| t.0 == "Deny" && t.1 == "*" && t.2 == "*");
    let (pass, missing, extra): (bool, Vec<&Tuple>, Vec<&Tuple>) = match oracle.as_str() {
        _ if deny_all => (got.is_empty(), Vec::new(), got.iter().collect()),
        "exact" => {
            let missing: Vec<&Tuple> = documented.difference(&got).collect();
            let extra: Vec<&Tuple> = got.difference(&documented).collect();
            (missing.is_empty() && extra.is_empty(), missing, extra)
        }
        "upper-bound" => {
            let extra: Vec<&Tuple> = got
                .iter()
                .filter(|g| !documented.iter().any(|d| covers(d, g)))
                .collect();
            (extra.is_empty(), Vec::new(), extra)
        }
        "fragment" => {
            let missing: Vec<&Tuple> = documented
                .iter()
                .filter(|d| !got.iter().any(|g| covers(g, d)))
                .collect();
            (missing.is_empty(), missing, Vec::new())
        }
        _ => {
            let mut detail = vec![format!("{} generated tuple(s); warnings:", got.len())];
            detail.extend(
                generated
                    .warnings
                    .iter()
                    .map(|w| format!("  {}", w.message)),
            );
            return Ok((oracle, "INFO", detail));
        }
    };
    let mut detail = Vec::new();
    if !pass {
        detail.extend(missing.iter().map(|t| format!("- {}", show(t))));
        detail.extend(extra.iter().map(|t| format!("+ {}", show(t))));
    }
    Ok((oracle, if pass { "PASS" } else { "FAIL" }, detail))
}

fn show(t: &Tuple) -> String {
    let cond = if t.3.is_empty() {
        String::new()
    } else {
        format!(" if {}", t.3)
    };
    format!("{} {} on {}{cond}", t.0, t.1, t.2)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// A condition with one-element arrays as their element and arrays sorted.
fn normal(v: &Value) -> Value {
    match v {
        Value::Array(items) if items.len() == 1 => items.first().map(normal).unwrap_or(Value::Null),
        Value::Array(items) => {
            let mut n: Vec<Value> = items.iter().map(normal).collect();
            n.sort_by_key(ToString::to_string);
            Value::Array(n)
        }
        Value::Object(m) => {
            let mut sorted: Vec<(&String, &Value)> = m.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                sorted
                    .into_iter()
                    .map(|(k, v)| (k.clone(), normal(v)))
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

fn tuples(policy: &Value) -> BTreeSet<Tuple> {
    let statements: Vec<&Value> = match policy.get("Statement") {
        Some(Value::Array(s)) => s.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let mut out = BTreeSet::new();
    for s in statements {
        let effect = s
            .get("Effect")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let condition = s
            .get("Condition")
            .map(|c| normal(c).to_string())
            .unwrap_or_default();
        for a in strings(s.get("Action")) {
            for r in strings(s.get("Resource")) {
                out.insert((effect.clone(), a.to_ascii_lowercase(), r, condition.clone()));
            }
        }
    }
    out
}

/// Whether the grant `wide` includes `narrow`: same effect, wildcard
/// matches of action and resource, and no condition on `wide` or the same.
fn covers(wide: &Tuple, narrow: &Tuple) -> bool {
    wide.0 == narrow.0
        && glob(&wide.1, &narrow.1)
        && glob(&wide.2, &narrow.2)
        && (wide.3.is_empty() || wide.3 == narrow.3)
}

/// `*` matches any run of characters, `?` one.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        match (p.get(pi), t.get(ti)) {
            (Some('*'), _) => {
                star = Some(pi);
                mark = ti;
                pi += 1;
            }
            (Some(a), Some(b)) if *a == '?' || a == b => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some(s) => {
                    pi = s + 1;
                    mark += 1;
                    ti = mark;
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|c| *c == '*'))
}
