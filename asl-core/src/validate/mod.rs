//! The validator: every rule AWS Step Functions applies to a definition (and
//! a few it should), reported as [`Diagnostic`]s with AWS's codes where AWS
//! has one and a JSON pointer to the value at fault.
//!
//! ```
//! use asl_core::validate::{validate_str, Options};
//!
//! let report = validate_str(
//!     r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"}}}"#,
//!     &Options::default(),
//! );
//! assert!(!report.is_ok());
//! let d = &report.diagnostics[1];
//! assert_eq!(d.code, "MISSING_TRANSITION_TARGET");
//! assert_eq!(d.location, "/States/B/Next");
//! assert_eq!(report.diagnostics[0].code, "MISSING_END_STATE");
//! ```
//!
//! The rules live in one private module per family: `graph` (transitions,
//! reachability, names), `fields` (unknown fields, fields that exclude each
//! other, query-language field sets), `expressions` (JSONata-mode values),
//! `paths` (JSONPath and intrinsic functions), `choice`, `retry`, `task`,
//! `map`, `limits` (sizes, Wait and Parallel) and `variables` (`Assign`
//! names and the scopes variables are read in); `literals` gives AWS's own
//! warnings about literals that look like paths (`NO_PATH`,
//! `PASS_RESULT_IS_STATIC`; `paths` gives `NO_DOLLAR` from its template
//! walk).
//!
//! Rules the reference marks as uncertain (⚠) are warnings: a Task
//! `Resource` that is not an ARN, distributed-only fields on an inline Map,
//! half-delimited `{% %}` strings, unresolved `${Name}` substitutions.

mod choice;
mod expressions;
mod fields;
mod graph;
mod limits;
mod literals;
mod map;
mod names;
pub use names::{check_name, NameProblem};
mod optimized;
mod order;
mod paths;
mod retry;
mod task;
mod variables;
mod walk;

use crate::integration::Registry;
use crate::scan::Spans;
use crate::{codes, Category, Diagnostic, MachineType, StateMachine};
use asl_model::json::Json;
use std::collections::{BTreeMap, HashSet};

/// What the validator is told beyond the definition itself.
///
/// `Options::default()` uses the process-wide [`Registry::global`] (the
/// built-in integrations and those added with
/// [`register`](crate::integration::register)).
pub struct Options {
    /// `STANDARD` or `EXPRESS`, when known: EXPRESS machines reject `.sync`,
    /// `.waitForTaskToken` and activities.
    pub machine_type: Option<MachineType>,
    /// Service integrations; each validates the Task states it handles.
    pub registry: Registry,
    /// Values for `${Name}` template substitutions (CloudFormation
    /// `DefinitionSubstitutions`, SAM, Terraform), applied by
    /// [`validate_str`] before parsing. Unlisted substitutions are accepted
    /// as they are.
    pub substitutions: BTreeMap<String, String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            machine_type: None,
            registry: Registry::global(),
            substitutions: BTreeMap::new(),
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("machine_type", &self.machine_type)
            .field("registry", &self.registry)
            .field("substitutions", &self.substitutions)
            .finish()
    }
}

/// The outcome of [`validate_str`]: every diagnostic, in document order, and
/// the model as far as it could be read.
#[derive(Debug)]
pub struct Report {
    /// Every problem found, in document order, without duplicates.
    pub diagnostics: Vec<Diagnostic>,
    /// The machine, when the text was JSON with an object at the top.
    pub machine: Option<StateMachine>,
}

impl Report {
    /// Whether no diagnostic is an error (warnings are allowed).
    pub fn is_ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Checks a machine and returns every problem found, in document order.
///
/// ```
/// use asl_core::validate::{validate, Options};
/// let m = asl_core::from_str(r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"B":{"Type":"Succeed"}}}"#).unwrap();
/// let d = validate(&m, &Options::default());
/// assert_eq!(d[0].code, "UNREACHABLE_STATE");
/// assert_eq!(d[0].location, "/States/B");
/// ```
pub fn validate(machine: &StateMachine, options: &Options) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    run(machine, options, &mut out);
    let unique = unique(out);
    if unique.len() < 2 {
        return unique;
    }
    // Document order from the model itself (see `order`): no text is written.
    let ranks = order::ranks(machine, unique.iter().map(|d| d.location.as_str()));
    sorted(unique.into_iter().zip(ranks).collect())
}

/// Parses `text` leniently and checks it: parse errors become diagnostics
/// (`INVALID_JSON_DESCRIPTION` for syntax, `SCHEMA_VALIDATION_FAILED` for
/// data), then every rule runs on what could be read.
///
/// ```
/// use asl_core::validate::{validate_str, Options};
/// let r = validate_str(r#"{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "SecondsPath": "$.s", "End": true}}}"#, &Options::default());
/// assert_eq!(r.diagnostics[0].location, "/States/A/SecondsPath");
/// assert!(r.diagnostics[0].message.contains("exclude each other"));
/// ```
pub fn validate_str(text: &str, options: &Options) -> Report {
    let substituted;
    let text = if options.substitutions.is_empty() {
        text
    } else {
        substituted = substitute(text, &options.substitutions);
        substituted.as_str()
    };
    let mut out = Vec::new();
    if matches!(text.trim(), "" | "null") {
        out.push(Diagnostic::error(
            codes::MISSING_DESCRIPTION,
            "/",
            "the definition is empty: expected a JSON object with 'StartAt' and 'States'",
        ));
        return Report {
            diagnostics: out,
            machine: None,
        };
    }
    limits::text(text, &mut out);
    // One scan of the text: the tree (which the `${Name}` check walks before
    // the reader takes it), the repeated keys, and every value's position.
    let (lenient, spans) = crate::parse::read_text(text, |tree| {
        if !options.substitutions.is_empty() {
            unresolved(tree, &options.substitutions, &mut out);
        }
    });
    for e in &lenient.errors {
        let code = match e.category() {
            Category::Syntax => codes::INVALID_JSON_DESCRIPTION,
            Category::Data => codes::SCHEMA_VALIDATION_FAILED,
            Category::Limit => codes::TOO_DEEPLY_NESTED,
        };
        let d = Diagnostic::error(code, e.pointer(), e.message());
        out.push(match e.line() {
            0 => d,
            line => d.at(line, e.column()),
        });
    }
    if let (Some(m), Some(spans)) = (&lenient.machine, &spans) {
        let mut found = Vec::new();
        run(m, options, &mut found);
        // When the parser had to fill in a missing or broken value, rules
        // about the stand-in point at nothing, or where the parse error
        // already points; the parse error says it.
        let broken = !lenient.errors.is_empty();
        let parsed: HashSet<&str> = lenient.errors.iter().map(|e| e.pointer()).collect();
        out.extend(found.into_iter().filter(|d| {
            !broken
                || (spans.offset(&d.location).is_some() && !parsed.contains(d.location.as_str()))
        }));
    }
    Report {
        diagnostics: in_text_order(out, spans.as_ref()),
        machine: lenient.machine,
    }
}

/// Like [`validate_str`], for bytes: text that is not UTF-8 is reported as
/// `INVALID_JSON_DESCRIPTION` (with the byte offset), never read lossily.
///
/// ```
/// use asl_core::validate::{validate_slice, Options};
/// let r = validate_slice(b"{\"StartAt\": \"\xff\"}", &Options::default());
/// assert_eq!(r.diagnostics[0].code, "INVALID_JSON_DESCRIPTION");
/// assert!(r.diagnostics[0].message.starts_with("invalid UTF-8 at byte 13"));
/// ```
pub fn validate_slice(bytes: &[u8], options: &Options) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(text) => validate_str(text, options),
        Err(e) => {
            let valid = bytes
                .get(..e.valid_up_to())
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
            let at = crate::locate::position(valid, valid.len());
            Report {
                diagnostics: vec![Diagnostic::error(
                    codes::INVALID_JSON_DESCRIPTION,
                    "/",
                    format!(
                        "invalid UTF-8 at byte {} (line {}, column {}); a definition must be UTF-8 text",
                        e.valid_up_to(),
                        at.line,
                        at.column
                    ),
                )
                .at(at.line, at.column)],
                machine: None,
            }
        }
    }
}

/// Every rule family, in turn.
fn run(machine: &StateMachine, options: &Options, out: &mut Vec<Diagnostic>) {
    // One walk of the machine, shared by the rules.
    let states = crate::graph::states(machine);
    graph::check(machine, &states, out);
    fields::check(machine, &states, out);
    let expressions = expressions::check(&states, out);
    let paths = paths::check(&states, out);
    choice::check(&states, out);
    retry::check(&states, out);
    task::check(&states, options, out);
    map::check(&states, options.machine_type, out);
    limits::check(machine, &states, out);
    // The variables rules read what the path and expression rules found.
    variables::check(machine, paths, expressions, out);
    literals::check(&states, out);
}

/// Replaces each `${Name}` with its value, escaped for a JSON string.
pub(crate) fn substitute(text: &str, subs: &BTreeMap<String, String>) -> String {
    let mut text = text.to_owned();
    for (name, value) in subs {
        let escaped = serde_json::to_string(value).unwrap_or_default();
        let inner = escaped
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(value);
        text = text.replace(&format!("${{{name}}}"), inner);
    }
    text
}

/// Warns about `${Name}` substitutions left in string values when the
/// caller gave substitutions but not this one. Of a key repeated in one
/// object, only the last value counts (it is the one that is read).
fn unresolved(tree: &Json, subs: &BTreeMap<String, String>, out: &mut Vec<Diagnostic>) {
    use walk::{push_step, Step};
    // The pointer grows in place: each pending value has the length of its
    // parent's pointer, which is still in the buffer when it is taken (the
    // walk is depth-first).
    let mut pointer = String::new();
    let mut stack: Vec<(usize, Step<'_>, &Json)> = vec![(0, Step::Root, tree)];
    while let Some((len, step, v)) = stack.pop() {
        pointer.truncate(len);
        push_step(&mut pointer, &step);
        match v {
            Json::String(s) => {
                let mut rest = s.as_str();
                while let Some(i) = rest.find("${") {
                    let after = rest.get(i + 2..).unwrap_or("");
                    let Some(j) = after.find('}') else { break };
                    let name = after.get(..j).unwrap_or("");
                    if !subs.contains_key(name) {
                        out.push(Diagnostic::warning(
                            codes::UNRESOLVED_SUBSTITUTION,
                            if pointer.is_empty() {
                                "/"
                            } else {
                                pointer.as_str()
                            },
                            format!("no value was given for the substitution '${{{name}}}'"),
                        ));
                    }
                    rest = after.get(j + 1..).unwrap_or("");
                }
            }
            Json::Object(members) => {
                let mut seen = HashSet::with_capacity(members.len());
                let repeated = !members.iter().all(|(k, _)| seen.insert(k.as_str()));
                let mut last = std::collections::HashMap::new();
                if repeated {
                    for (i, (k, _)) in members.iter().enumerate() {
                        last.insert(k.as_str(), i);
                    }
                }
                for (i, (k, c)) in members.iter().enumerate() {
                    if !repeated || last.get(k.as_str()) == Some(&i) {
                        stack.push((pointer.len(), Step::Key(k), c));
                    }
                }
            }
            Json::Array(items) => {
                for (i, c) in items.iter().enumerate() {
                    stack.push((pointer.len(), Step::Index(i), c));
                }
            }
            _ => {}
        }
    }
}

/// Sorts by position in the text (stable, so rules keep their order for
/// one value), drops duplicates, and gives each diagnostic that has no
/// position the one of its location. A location that is not in the text
/// sorts at its nearest ancestor that is; without a text (it was not JSON)
/// the order is the order found.
fn in_text_order(diagnostics: Vec<Diagnostic>, spans: Option<&Spans>) -> Vec<Diagnostic> {
    let unique = unique(diagnostics);
    let Some(spans) = spans else {
        return unique;
    };
    // (offset of the location itself, offset to sort by).
    let offsets: Vec<(Option<usize>, Option<usize>)> = unique
        .iter()
        .map(|d| {
            let own = spans.offset(&d.location);
            let key = own.or_else(|| ancestors(&d.location).skip(1).find_map(|p| spans.offset(p)));
            (own, key)
        })
        .collect();
    let own: Vec<usize> = offsets.iter().filter_map(|(o, _)| *o).collect();
    let mut positions = spans.positions_at(&own).into_iter();
    let keyed = unique
        .into_iter()
        .zip(offsets)
        .map(|(d, (own, key))| {
            let at = own.and_then(|_| positions.next());
            let d = match at {
                Some(p) if d.line.is_none() => d.at(p.line, p.column),
                _ => d,
            };
            (d, key)
        })
        .collect();
    sorted(keyed)
}

/// The diagnostics without repeats (same code, location and message), the
/// first of each kept.
fn unique(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    diagnostics
        .into_iter()
        .filter(|d| seen.insert((d.code, d.location.clone(), d.message.clone())))
        .collect()
}

/// Sorted by key, stably (rules keep their order for one value); `None`
/// (no position at all) first.
fn sorted<K: Ord>(mut keyed: Vec<(Diagnostic, K)>) -> Vec<Diagnostic> {
    keyed.sort_by(|a, b| a.1.cmp(&b.1));
    keyed.into_iter().map(|(d, _)| d).collect()
}

/// A pointer, then each of its ancestors up to the document (`/`).
fn ancestors(pointer: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(pointer);
    std::iter::from_fn(move || {
        let p = next?;
        next = match p.rfind('/') {
            Some(0) if p != "/" => Some("/"),
            Some(0) | None => None,
            Some(i) => p.get(..i),
        };
        Some(p)
    })
}

/// An error with code `SCHEMA_VALIDATION_FAILED`.
pub(crate) fn schema(location: impl Into<String>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(codes::SCHEMA_VALIDATION_FAILED, location, message)
}

/// Whether `s` is an RFC 3339 timestamp as AWS accepts it: `T` between
/// date and time, `Z` or a numeric offset, optional fraction.
pub(crate) fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r)
            .is_some_and(|x| !x.is_empty() && x.iter().all(u8::is_ascii_digit))
    };
    let at = |i: usize| b.get(i).copied();
    if !(digits(0..4)
        && at(4) == Some(b'-')
        && digits(5..7)
        && at(7) == Some(b'-')
        && digits(8..10)
        && at(10) == Some(b'T')
        && digits(11..13)
        && at(13) == Some(b':')
        && digits(14..16)
        && at(16) == Some(b':')
        && digits(17..19))
    {
        return false;
    }
    let num =
        |r: std::ops::Range<usize>| -> u32 { s.get(r).and_then(|x| x.parse().ok()).unwrap_or(99) };
    let (month, day, hour, minute, second) =
        (num(5..7), num(8..10), num(11..13), num(14..16), num(17..19));
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return false;
    }
    let mut i = 19;
    if at(i) == Some(b'.') {
        i += 1;
        let start = i;
        while at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match at(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            digits(i + 1..i + 3)
                && at(i + 3) == Some(b':')
                && digits(i + 4..i + 6)
                && i + 6 == b.len()
                && num(i + 1..i + 3) <= 23
                && num(i + 4..i + 6) <= 59
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
