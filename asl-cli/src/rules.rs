//! Which corpus rows exercise which rule of `validation-rules.md` (the spec
//! beside the corpus, `<corpus>/../spec/validation-rules.md`), read from the
//! fixtures column of its rule tables, for the conformance runner's table
//! per rule.
//!
//! A fixtures cell lists backticked paths such as
//! `` `asl-validator/invalid-task-{timout,heartbeat}.json` ``,
//! `` `statelint-py/.../test_ng_*` `` or `` `asls/.../document(Nested)NoTerminalState.json` ``.
//! A path without a source folder continues the previous one. `{a,b}` lists
//! alternatives, `(x)` is optional, `*` matches within a segment and `...`
//! any folders. The segments after the source folder (or after `...`) must
//! match the last segments of the row's path; the peers' own folders are
//! often left out (`asl-validator/x.json` is
//! `asl-validator/src/__tests__/definitions/x.json`), so a lone name matches
//! the file name only.

use std::path::Path;

/// The sources (top-level corpus folders) a fixture path may start with.
const SOURCES: &[&str] = &[
    "asl-validator",
    "statelint-awslabs",
    "statelint-wmfs",
    "statelint-py",
    "asls",
    "cfn-lint",
    "asl-crate",
];

/// One rule and the fixture patterns of its row: the source folder and the
/// globs of the path's last segments.
pub struct Rule {
    /// The rule's id, such as `C3`.
    pub id: String,
    patterns: Vec<(String, Vec<String>)>,
}

impl Rule {
    /// Whether a corpus row (`source/…/name.json`) is one of this rule's fixtures.
    pub fn covers(&self, file: &str) -> bool {
        let segments: Vec<&str> = file.split('/').collect();
        let source = segments.first().copied().unwrap_or_default();
        self.patterns.iter().any(|(s, suffix)| {
            s == source
                && suffix.len() < segments.len()
                && segments
                    .iter()
                    .rev()
                    .zip(suffix.iter().rev())
                    .all(|(seg, glob)| matches(glob, seg))
        })
    }
}

/// The rules of `<corpus>/../spec/validation-rules.md`, or `None` when the
/// spec is not beside the corpus.
pub fn read(corpus: &Path) -> Option<Vec<Rule>> {
    let text = std::fs::read_to_string(corpus.join("../spec/validation-rules.md")).ok()?;
    Some(text.lines().filter_map(parse_row).collect())
}

/// `| C3 | rule | who | fixtures |` → the rule, when its id looks like `A1`.
fn parse_row(line: &str) -> Option<Rule> {
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    let id = *cells.get(1)?;
    let mut chars = id.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && !id.is_empty()
        && chars.all(|c| c.is_ascii_digit())
        && id.len() > 1;
    if !ok {
        return None;
    }
    let fixtures = cells.get(cells.len().checked_sub(2)?)?;
    let mut patterns = Vec::new();
    let mut source = String::new();
    for item in fixtures.split('`').skip(1).step_by(2) {
        let mut rest = item;
        if let Some((first, tail)) = item.split_once('/') {
            if SOURCES.contains(&first) {
                source = first.to_owned();
                rest = tail;
            }
        }
        if let Some((_, tail)) = rest.rsplit_once(".../") {
            rest = tail;
        }
        if source.is_empty() || !(rest.ends_with(".json") || rest.ends_with('*')) {
            continue;
        }
        for path in expand(rest) {
            patterns.push((source.clone(), path.split('/').map(str::to_owned).collect()));
        }
    }
    Some(Rule {
        id: id.to_owned(),
        patterns,
    })
}

/// Expands `{a,b}` alternatives and `(x)` optional parts.
fn expand(pattern: &str) -> Vec<String> {
    let braces = pattern.contains('{');
    let (open, close) = if braces { ('{', '}') } else { ('(', ')') };
    let Some(start) = pattern.find(open) else {
        return vec![pattern.to_owned()];
    };
    let Some(len) = pattern.get(start..).and_then(|rest| rest.find(close)) else {
        return vec![pattern.to_owned()];
    };
    let (head, inner, tail) = (
        pattern.get(..start).unwrap_or_default(),
        pattern.get(start + 1..start + len).unwrap_or_default(),
        pattern.get(start + len + 1..).unwrap_or_default(),
    );
    let alternatives: Vec<&str> = if braces {
        inner.split(',').collect()
    } else {
        vec!["", inner]
    };
    alternatives
        .into_iter()
        .flat_map(|alt| expand(&format!("{head}{alt}{tail}")))
        .collect()
}

/// A glob with `*` only, against one whole path segment.
fn matches(glob: &str, name: &str) -> bool {
    let mut parts = glob.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = rest.get(i + part.len()..).unwrap_or_default(),
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_cells_become_patterns() {
        let rule = parse_row("| C6 | terminal | AV | `asl-validator/invalid-missing-terminal{,-map,-parallel}.json`, `statelint-awslabs/test/no-terminal.json`, `asls/.../document(Nested)NoTerminalState.json`, `statelint-py/.../test_loop.json` |").unwrap();
        assert_eq!(rule.id, "C6");
        for file in [
            "asl-validator/src/__tests__/definitions/invalid-missing-terminal.json",
            "asl-validator/src/__tests__/definitions/invalid-missing-terminal-map.json",
            "statelint-awslabs/test/no-terminal.json",
            "asls/json-strings/validationStrings/documentNestedNoTerminalState.json",
            "asls/json-strings/validationStrings/documentNoTerminalState.json",
            "statelint-py/inline/test_state_machine/test_loop.json",
        ] {
            assert!(rule.covers(file), "{file}");
        }
        assert!(!rule.covers("asl-validator/src/__tests__/definitions/valid-map.json"));
        assert!(!rule.covers("asls/x/test_loop.json"));
        // Folders named in the pattern must be there.
        let rule = parse_row("| B4 | x | y | `statelint-py/.../test_terminal_state/*`, `statelint-awslabs/test/pass-with-{parameters,resultpath}.json` |").unwrap();
        assert!(rule.covers("statelint-py/inline/test_terminal_state/test_end.json"));
        assert!(!rule.covers("statelint-py/inline/test_retrier/test_end.json"));
        assert!(rule.covers("statelint-awslabs/test/pass-with-resultpath.json"));
        assert!(!rule.covers("statelint-awslabs/inline/pass-with-resultpath.json"));
    }

    #[test]
    fn names_without_a_source_continue_the_previous_one_and_stars_match() {
        let rule = parse_row("| A2 | x | y | `statelint-py/inline/test_state_machine/test_required_fields.json`, `test_type_error.json`, `test_ng_*` |").unwrap();
        assert!(rule.covers("statelint-py/inline/a/test_type_error.json"));
        assert!(rule.covers("statelint-py/inline/a/test_ng_items_1.json"));
        assert!(!rule.covers("asls/inline/a/test_type_error.json"));
        assert!(parse_row("| # | rule | who | fixtures |").is_none());
        assert!(matches("a*b*c", "axxbyyc") && !matches("a*b", "ab_c") && matches("x", "x"));
    }
}
