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
            errln!(
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
            errln!("unknown suite {other:?}; expected roundtrip or validate");
            return exit::USAGE;
        }
    };
    outln!("{passed} passed, {failed} failed");
    let total = passed + failed;
    let pct = if total == 0 {
        0.0
    } else {
        100.0 * passed as f64 / total as f64
    };
    if total == 0 || pct < args.min_percent {
        errln!(
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
            outln!("FAIL {}: cannot read", row.file);
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
                    outln!("FAIL {}: round trip changed the document", row.file);
                    failed += 1;
                }
            }
            Err(e) => {
                outln!("FAIL {}: {e}", row.file);
                failed += 1;
            }
        }
    }
    (passed, failed)
}

/// Rows whose fixture verdict contradicts a rule AWS enforces, beyond the
/// manifest's own `AWS-RULE CONFLICT` notes: `file`, the verdict AWS would
/// give, the rule of `validation-rules.md`, and why. Kept in the repository
/// so that every such judgement is reviewed like code.
const JUDGEMENTS: &str = include_str!("../conformance/judgements.tsv");

/// One row of [`JUDGEMENTS`].
struct Judgement<'a> {
    aws_ok: bool,
    rule: &'a str,
    reason: &'a str,
}

fn judgements() -> std::collections::HashMap<&'static str, Judgement<'static>> {
    JUDGEMENTS
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.splitn(4, '\t');
            let file = cols.next()?;
            let aws_ok = cols.next()? == "valid";
            let rule = cols.next()?;
            let reason = cols.next()?;
            Some((
                file,
                Judgement {
                    aws_ok,
                    rule,
                    reason,
                },
            ))
        })
        .collect()
}

/// The fixture's verdict: `AWS-RULE CONFLICT` rows are invalid whatever
/// the peer says.
fn fixture_expected(row: &Row) -> Option<bool> {
    if row.notes.contains("AWS-RULE CONFLICT") {
        return Some(false);
    }
    match row.expected.as_str() {
        "valid" => Some(true),
        "invalid" => Some(false),
        _ => None,
    }
}

/// How one row's verdict compares with AWS's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Same as the fixture (or the manifest's `AWS-RULE CONFLICT` verdict).
    Agree,
    /// Differs from the fixture, as a row of [`JUDGEMENTS`] says AWS would.
    Judged,
    /// Differs from what AWS would say.
    Fail,
}

/// Agreement counts of one group of rows (a source, or a diagnostic code).
#[derive(Default)]
struct Tally {
    rows: usize,
    agree: usize,
    judged: usize,
    fail: usize,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        self.rows += 1;
        match outcome {
            Outcome::Agree => self.agree += 1,
            Outcome::Judged => self.judged += 1,
            Outcome::Fail => self.fail += 1,
        }
    }
}

/// Every `valid`/`invalid` row gets the verdict AWS would give: the
/// fixture's, or the judgement of [`JUDGEMENTS`] where the fixture
/// contradicts AWS. Prints each disagreement, a table per source and per
/// diagnostic code, checks that the first diagnostic of an invalid row
/// points into the document, and counts the `unknown` rows every peer
/// accepts that we reject.
fn validate(corpus: &Path, rows: &[Row]) -> (usize, usize) {
    use std::collections::BTreeMap;
    // The same rules as `asl check`: asl-core's and the registry's integrations'.
    let options = asl_core::Options::default();
    let judged = judgements();
    let (mut passed, mut failed) = (0, 0);
    let mut fixture_agree = 0;
    let (mut located, mut unlocated) = (0, 0);
    let mut by_source: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_code: BTreeMap<String, Tally> = BTreeMap::new();
    // The rules of validation-rules.md, when the spec sits beside the corpus.
    let rules = crate::rules::read(corpus);
    let mut by_rule: BTreeMap<String, Tally> = BTreeMap::new();
    let mut used = std::collections::HashSet::new();
    for row in rows {
        let Some(fixture_ok) = fixture_expected(row) else {
            continue;
        };
        let source = row.file.split('/').next().unwrap_or_default().to_owned();
        let path = corpus.join(&row.file);
        let Ok(bytes) = std::fs::read(&path) else {
            outln!("FAIL {}: cannot read", row.file);
            failed += 1;
            by_source.entry(source).or_default().add(Outcome::Fail);
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let report = asl_core::validate_str(&text, &options);
        let ok = report.is_ok();
        let first = report.errors().next();
        let code = first.map_or("(none: valid)", |d| d.code).to_owned();
        let judgement = judged.get(row.file.as_str());
        if judgement.is_some() {
            used.insert(row.file.as_str());
        }
        let aws_ok = judgement.map_or(fixture_ok, |j| j.aws_ok);
        if ok == fixture_ok {
            fixture_agree += 1;
        }
        let outcome = match judgement {
            Some(j) if ok == j.aws_ok && ok != fixture_ok => {
                outln!(
                    "JUDGED {}: the fixture says {}, AWS would say {} (rule {}): {}",
                    row.file,
                    verdict(fixture_ok),
                    verdict(ok),
                    j.rule,
                    j.reason
                );
                Outcome::Judged
            }
            Some(j) if ok == fixture_ok => {
                // The judgement no longer changes anything: it must go.
                outln!(
                    "FAIL {}: judged {} (rule {}) but we now say {}, as the fixture does; remove the judgement",
                    row.file,
                    verdict(j.aws_ok),
                    j.rule,
                    verdict(ok)
                );
                Outcome::Fail
            }
            _ if ok == aws_ok => Outcome::Agree,
            _ => {
                let why = first.map_or_else(String::new, |d| format!(": {d}"));
                outln!(
                    "FAIL {}: expected {}, got {}{why}",
                    row.file,
                    verdict(aws_ok),
                    verdict(ok)
                );
                Outcome::Fail
            }
        };
        if outcome == Outcome::Fail {
            failed += 1;
        } else {
            passed += 1;
        }
        by_source.entry(source).or_default().add(outcome);
        by_code.entry(code).or_default().add(outcome);
        for rule in rules.iter().flatten().filter(|r| r.covers(&row.file)) {
            by_rule.entry(rule.id.clone()).or_default().add(outcome);
        }
        if !aws_ok && serde_json::from_str::<serde_json::Value>(&text).is_ok() {
            if let Some(d) = report.diagnostics.first() {
                if d.line.is_some() {
                    located += 1;
                } else {
                    unlocated += 1;
                    outln!(
                        "LOCATION {}: {} is not in the document",
                        row.file,
                        d.location
                    );
                }
            }
        }
    }
    for file in judged.keys().filter(|f| !used.contains(*f)) {
        outln!("FAIL {file}: judged in judgements.tsv but not a valid/invalid corpus row");
        failed += 1;
    }
    table("source", &by_source);
    table("first error code", &by_code);
    if rules.is_some() {
        table(
            "rule of validation-rules.md (rows named in its fixtures column)",
            &by_rule,
        );
    } else {
        outln!("(no ../spec/validation-rules.md beside the corpus: no table per rule)");
    }
    let total = passed + failed;
    outln!(
        "fixture verdicts (manifest AWS-RULE CONFLICT rows as AWS would judge them): {fixture_agree} of {total} agree ({:.2}%)",
        percent(fixture_agree, total)
    );
    outln!(
        "AWS verdicts (also the {} judged rows of asl-cli/conformance/judgements.tsv): {passed} of {total} agree ({:.2}%)",
        judged.len(),
        percent(passed, total)
    );
    outln!("locations: {located} found, {unlocated} not found");
    // Real-world rows have no verdict: every rejection is listed, with
    // whether all three peers accept the file, so that each can be checked
    // by hand.
    let peers = peer_accepted(corpus);
    let (mut unknown, mut rejected, mut peer_accepted_rejected) = (0, 0, 0);
    for row in rows.iter().filter(|r| r.expected == "unknown") {
        let Ok(bytes) = std::fs::read(corpus.join(&row.file)) else {
            continue;
        };
        unknown += 1;
        let text = String::from_utf8_lossy(&bytes);
        let report = asl_core::validate_str(&text, &options);
        let first = report.errors().next().map(ToString::to_string);
        if let Some(d) = first {
            rejected += 1;
            let all = peers.contains(&row.file);
            if all {
                peer_accepted_rejected += 1;
            }
            let who = if all {
                "every peer accepts it"
            } else {
                "a peer rejects it too"
            };
            outln!("REJECTED {} ({who}): {d}", row.file);
        }
    }
    outln!("real-world (unknown) rows rejected: {rejected} of {unknown}");
    outln!(
        "unknown rows every peer accepts: {peer_accepted_rejected} rejected of {}",
        rows.iter()
            .filter(|r| r.expected == "unknown" && peers.contains(&r.file))
            .count()
    );
    (passed, failed)
}

fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * part as f64 / total as f64
    }
}

/// A Markdown table of [`Tally`]s.
fn table(what: &str, rows: &std::collections::BTreeMap<String, Tally>) {
    outln!("\n| {what} | rows | agree | judged | fail |\n|---|---|---|---|---|");
    for (k, t) in rows {
        outln!(
            "| {k} | {} | {} | {} | {} |",
            t.rows,
            t.agree,
            t.judged,
            t.fail
        );
    }
    outln!();
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
        errln!("peer_verdicts.tsv not found; skipping the unknown-row count");
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
