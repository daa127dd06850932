//! `asl conformance`: runs this project's checks over the shared corpus
//! (`../shared/corpus` in CI). Not part of the public interface.

use crate::exit;
use std::path::{Path, PathBuf};

/// Arguments of `asl conformance`.
#[derive(clap::Args)]
pub struct Args {
    /// Which suite: `roundtrip`.
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
                Some(Row { file, expected })
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
        other => {
            eprintln!("unknown suite {other:?}; expected roundtrip");
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
