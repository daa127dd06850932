//! `asl conformance`: runs this project's checks over the shared corpus
//! (`../shared/corpus` in CI). Not part of the public interface.

use crate::exit;
use std::path::{Path, PathBuf};

/// Arguments of `asl conformance`.
#[derive(clap::Args)]
pub struct Args {
    /// Which suite: `roundtrip` or `validate`.
    suite: String,
    /// The corpus folder (holding `manifest.tsv`).
    corpus: PathBuf,
    /// Fail (exit 1) when the pass rate is below this percentage.
    #[arg(long, default_value_t = 100.0)]
    min_percent: f64,
}

/// One row of `manifest.tsv`.
pub struct Row {
    pub file: String,
    pub expected: String,
    pub notes: String,
}

/// Reads `manifest.tsv`, or says clearly why not.
pub fn manifest(corpus: &Path) -> Option<Vec<Row>> {
    let path = corpus.join("manifest.tsv");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "{}: {e}; pass the corpus folder (e.g. ../shared/corpus)",
                path.display()
            );
            return None;
        }
    };
    Some(
        text.lines()
            .skip(1)
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let file = cols.next()?.to_owned();
                let _source = cols.next()?;
                let expected = cols.next()?.to_owned();
                let notes = cols.nth(2).unwrap_or_default().to_owned();
                Some(Row {
                    file,
                    expected,
                    notes,
                })
            })
            .collect(),
    )
}

pub fn run(args: &Args) -> u8 {
    let Some(rows) = manifest(&args.corpus) else {
        return exit::USAGE;
    };
    let (passed, failed) = match args.suite.as_str() {
        "roundtrip" => roundtrip(&args.corpus, &rows),
        "validate" => validate(&args.corpus, &rows),
        other => {
            eprintln!("unknown suite {other:?}; expected roundtrip or validate");
            return exit::USAGE;
        }
    };
    println!("{passed} passed, {failed} failed");
    let total = passed + failed;
    let pct = if total == 0 {
        0.0
    } else {
        100.0 * passed as f64 / total as f64
    };
    if total == 0 || pct < args.min_percent {
        eprintln!(
            "pass rate {pct:.2}% is below the target {}%",
            args.min_percent
        );
        return exit::INVALID;
    }
    exit::OK
}

/// Every `valid`/`unknown` row that is well-formed JSON must parse, and
/// serialize back to an equal JSON value.
fn roundtrip(corpus: &Path, rows: &[Row]) -> (usize, usize) {
    let (mut passed, mut failed) = (0, 0);
    for row in rows
        .iter()
        .filter(|r| r.expected == "valid" || r.expected == "unknown")
    {
        let path = corpus.join(&row.file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("FAIL {}: cannot read", row.file);
            failed += 1;
            continue;
        };
        let Ok(original) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue; // not well-formed JSON: outside this suite
        };
        match asl_core::from_str(&text) {
            Ok(m) => {
                let back = m.to_value();
                if back == original {
                    passed += 1;
                } else {
                    println!("FAIL {}: round trip changed the document", row.file);
                    failed += 1;
                }
            }
            Err(e) => {
                println!("FAIL {}: {e}", row.file);
                failed += 1;
            }
        }
    }
    (passed, failed)
}

/// The verdict AWS would give a row: `AWS-RULE CONFLICT` rows are invalid
/// whatever the peers say.
fn aws_expected(row: &Row) -> Option<bool> {
    if row.notes.contains("AWS-RULE CONFLICT") {
        return Some(false);
    }
    match row.expected.as_str() {
        "valid" => Some(true),
        "invalid" => Some(false),
        _ => None,
    }
}

/// Every `valid`/`invalid` row gets the expected verdict; the first
/// diagnostic of an invalid row points into the document; `unknown` rows
/// that every peer accepts are counted when we reject them.
fn validate(corpus: &Path, rows: &[Row]) -> (usize, usize) {
    let options = asl_core::Options::default();
    let (mut passed, mut failed) = (0, 0);
    let (mut located, mut unlocated) = (0, 0);
    for row in rows {
        let Some(expected_ok) = aws_expected(row) else {
            continue;
        };
        let path = corpus.join(&row.file);
        let Ok(bytes) = std::fs::read(&path) else {
            println!("FAIL {}: cannot read", row.file);
            failed += 1;
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let report = asl_core::validate_str(&text, &options);
        let ok = report.is_ok();
        if ok == expected_ok {
            passed += 1;
        } else {
            failed += 1;
            let why = report
                .errors()
                .next()
                .map_or_else(String::new, |d| format!(": {d}"));
            println!(
                "FAIL {}: expected {}, got {}{why}",
                row.file,
                verdict(expected_ok),
                verdict(ok)
            );
        }
        if !expected_ok && serde_json::from_str::<serde_json::Value>(&text).is_ok() {
            if let Some(d) = report.diagnostics.first() {
                if asl_core::locate::locate(&text, &d.location).is_some() {
                    located += 1;
                } else {
                    unlocated += 1;
                    println!(
                        "LOCATION {}: {} is not in the document",
                        row.file, d.location
                    );
                }
            }
        }
    }
    println!("locations: {located} found, {unlocated} not found");
    let peers = peer_accepted(corpus);
    let mut rejected = Vec::new();
    for row in rows.iter().filter(|r| r.expected == "unknown") {
        if !peers.contains(&row.file) {
            continue;
        }
        let Ok(bytes) = std::fs::read(corpus.join(&row.file)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let report = asl_core::validate_str(&text, &options);
        let first = report.errors().next().map(ToString::to_string);
        if let Some(d) = first {
            rejected.push(format!("{}: {d}", row.file));
        }
    }
    for r in &rejected {
        println!("UNKNOWN-REJECTED {r}");
    }
    println!(
        "unknown rows every peer accepts: {} rejected of {}",
        rejected.len(),
        rows.iter()
            .filter(|r| r.expected == "unknown" && peers.contains(&r.file))
            .count()
    );
    (passed, failed)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "valid"
    } else {
        "invalid"
    }
}

/// Files that all three peers of `peer_verdicts.tsv` accept.
fn peer_accepted(corpus: &Path) -> std::collections::HashSet<String> {
    let Ok(text) = std::fs::read_to_string(corpus.join("peer_verdicts.tsv")) else {
        eprintln!("peer_verdicts.tsv not found; skipping the unknown-row count");
        return std::collections::HashSet::new();
    };
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let file = cols.first()?;
            let all = cols.get(3..6)?.iter().all(|v| *v == "valid");
            all.then(|| (*file).to_owned())
        })
        .collect()
}
