//! Checks `asl_core::path::check` against a conformance table.
//!
//! ```text
//! cargo run -p asl-core --example path_conformance -- <paths.tsv>
//! ```
//!
//! The table is tab-separated with a header row and the columns `path` (a
//! JSON string literal), `context` (`path`, `reference_path`, `result_path`
//! or `payload_template`) and `expected` (`valid` or `invalid`). Every
//! disagreement is printed on its own line, followed by `N passed, N failed`.
//! Exits with 1 if any row failed (or could not be read) and with 2 if the
//! file cannot be opened.

use std::process::ExitCode;

use asl_core::path::{check, PathContext};

fn main() -> ExitCode {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: path_conformance <paths.tsv>");
        return ExitCode::from(2);
    };
    let table = match std::fs::read_to_string(&file) {
        Ok(table) => table,
        Err(e) => {
            eprintln!("path_conformance: cannot read the conformance table '{file}': {e}");
            eprintln!("(it lives in the shared corpus: corpus/paths/asl-path-validator-paths.tsv)");
            return ExitCode::from(2);
        }
    };

    let (mut passed, mut failed) = (0usize, 0usize);
    for (index, line) in table.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let line_no = index + 1;
        match run_row(line) {
            Ok(None) => passed += 1,
            Ok(Some(disagreement)) => {
                failed += 1;
                println!("line {line_no}: {disagreement}");
            }
            Err(problem) => {
                failed += 1;
                println!("line {line_no}: cannot read row: {problem}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Checks one row; `Ok(Some(..))` describes a disagreement.
fn run_row(line: &str) -> Result<Option<String>, String> {
    let mut columns = line.split('\t');
    let (Some(literal), Some(context), Some(expected)) =
        (columns.next(), columns.next(), columns.next())
    else {
        return Err("expected three tab-separated columns".to_owned());
    };
    let path = decode_json_string(literal)?;
    let context = match context {
        "path" => PathContext::Path,
        "reference_path" => PathContext::ReferencePath,
        "result_path" => PathContext::ResultPath,
        "payload_template" => PathContext::PayloadTemplate,
        other => return Err(format!("unknown context '{other}'")),
    };
    let expect_valid = match expected {
        "valid" => true,
        "invalid" => false,
        other => return Err(format!("unknown verdict '{other}'")),
    };
    let outcome = check(&path, context);
    Ok(match (expect_valid, outcome) {
        (true, Ok(())) | (false, Err(_)) => None,
        (true, Err(e)) => Some(format!(
            "{literal} as {context}: expected valid, got invalid: {e}"
        )),
        (false, Ok(())) => Some(format!(
            "{literal} as {context}: expected invalid, got valid"
        )),
    })
}

/// Decodes a JSON string literal such as `"$.a\\.b"`.
fn decode_json_string(literal: &str) -> Result<String, String> {
    let inner = literal
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or_else(|| format!("expected a double-quoted JSON string, found {literal}"))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next() {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let high = read_hex4(&mut chars)?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    if chars.next() != Some('\\') || chars.next() != Some('u') {
                        return Err("expected a low surrogate after a high surrogate".to_owned());
                    }
                    let low = read_hex4(&mut chars)?;
                    0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF)
                } else {
                    high
                };
                char::from_u32(code).ok_or_else(|| format!("invalid code point U+{code:04X}"))?
            }
            other => return Err(format!("invalid JSON escape {other:?}")),
        };
        out.push(decoded);
    }
    Ok(out)
}

fn read_hex4(chars: &mut std::str::Chars<'_>) -> Result<u32, String> {
    let hex: String = chars.by_ref().take(4).collect();
    if hex.len() != 4 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("invalid \\u escape '{hex}'"));
    }
    u32::from_str_radix(&hex, 16).map_err(|_| format!("invalid \\u escape '{hex}'"))
}
