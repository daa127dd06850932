//! Differential tests against serde_json, a naive reference locator for
//! positions and duplicates, and the deep-document and error cases.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::*;
use pretty_assertions::assert_eq;
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Differential checks.

/// `parse` and `serde_json::from_str::<Value>` agree on `text`: both accept
/// it with the same value (member order and number representation included)
/// or both reject it with the same message, line and column.
fn same_as_serde(text: &str) -> Result<(), String> {
    let ours = parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (ours, theirs) {
        (Ok(parsed), Ok(expected)) => {
            let got = parsed.value.into_value();
            let (g, e) = (
                serde_json::to_string(&got).unwrap(),
                serde_json::to_string(&expected).unwrap(),
            );
            if g != e || got != expected {
                return Err(format!(
                    "values differ for {text:?}:\n ours {g}\n serde {e}"
                ));
            }
            Ok(())
        }
        (Err(err), Err(expected)) => {
            let e = expected.to_string();
            let shown = err.to_string();
            if shown != e || err.line != expected.line() || err.column != expected.column() {
                return Err(format!(
                    "errors differ for {text:?}: ours {err:?}, serde {e}"
                ));
            }
            if err.limit != e.starts_with("recursion limit exceeded") {
                return Err(format!("limit flag wrong for {text:?}: {err:?}"));
            }
            Ok(())
        }
        (Ok(_), Err(e)) => Err(format!("accepted {text:?}, serde_json rejects it: {e}")),
        (Err(e), Ok(_)) => Err(format!("rejected {text:?} ({e:?}), serde_json accepts it")),
    }
}

#[track_caller]
fn check(text: &str) {
    if let Err(e) = same_as_serde(text) {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------
// Generated documents.

/// A document, with its strings and numbers as raw JSON text.
#[derive(Debug, Clone)]
enum G {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<G>),
    Obj(Vec<(String, G)>),
}

fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
        "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,2})?",
        "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,4})?",
        "-?(0|[1-9][0-9]{0,2})(\\.0{0,30}[0-9]{1,3})?[eE][+-]?(30[0-9]|32[0-9]|99999999999)",
        "-?[1-9][0-9]{15,25}",
        prop::sample::select(vec![
            "0",
            "-0",
            "-0.0",
            "0e0",
            "0E-0",
            "1e400",
            "-1e400",
            "1e-400",
            "0e999999999999",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "9223372036854775807",
            "4.9e-324",
            "2.2250738585072011e-308",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "0.1",
            "1E+2",
            "123.456e-789",
            "2.0",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A piece of a string literal's raw text, always valid.
fn string_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _.$*~/:-]{1,6}",
        1 => prop::sample::select(vec![
            "é", "日本", "😀", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "~0", "~1",
            "\u{7f}", "\u{a0}",
        ])
        .prop_map(str::to_owned),
        1 => (0u32..0xD800).prop_map(|c| format!("\\u{c:04x}")),
        1 => (0xE000u32..0x1_0000).prop_map(|c| format!("\\u{c:04X}")),
        1 => (0x1_0000u32..0x11_0000).prop_map(|c| {
            let c = c - 0x1_0000;
            format!("\\u{:04x}\\u{:04X}", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF))
        }),
    ]
}

fn string_literal() -> impl Strategy<Value = String> {
    vec(string_piece(), 0..5).prop_map(|p| format!("\"{}\"", p.concat()))
}

/// Keys from a small pool (so that repeats, also through escapes, are
/// common) or arbitrary.
fn key_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "\"a\"", "\"\\u0061\"", "\"b\"", "\"Type\"", "\"a/b\"", "\"a~b\"", "\"a\\/b\"",
            "\"\"", "\"é\"", "\"\\u00e9\"", "\"日本\"", "\"0\"", "\"~1\"", "\"\\\"q\"",
        ])
        .prop_map(str::to_owned),
        1 => string_literal(),
    ]
}

fn leaf() -> impl Strategy<Value = G> {
    prop_oneof![
        Just(G::Null),
        any::<bool>().prop_map(G::Bool),
        number_text().prop_map(G::Num),
        string_literal().prop_map(G::Str),
    ]
}

fn document() -> impl Strategy<Value = G> {
    leaf().prop_recursive(6, 80, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(G::Arr),
            vec((key_literal(), inner), 0..6).prop_map(G::Obj),
        ]
    })
}

/// Wide containers, to exercise the lookup indexes of large objects and arrays.
fn wide_document() -> impl Strategy<Value = G> {
    let small = leaf().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(G::Arr),
            vec((key_literal(), inner), 0..3).prop_map(G::Obj),
        ]
    });
    let pool_key = (0u8..40, any::<bool>()).prop_map(|(n, esc)| {
        if esc {
            format!("\"\\u006b{n}\"")
        } else {
            format!("\"k{n}\"")
        }
    });
    (vec((pool_key, small.clone()), 0..60), vec(small, 0..70)).prop_map(|(members, items)| {
        G::Obj(vec![
            ("\"obj\"".to_owned(), G::Obj(members)),
            ("\"arr\"".to_owned(), G::Arr(items)),
        ])
    })
}

/// Layouts: compact, pretty (two-space indent), or pseudo-random whitespace.
struct Layout {
    mode: u8,
    seed: u64,
}

impl Layout {
    fn next(&mut self) -> u64 {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        self.seed
    }

    fn ws(&mut self, out: &mut String, depth: usize) {
        match self.mode {
            0 => {}
            1 => {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
            _ => {
                let pick = self.next() % 8;
                out.push_str(
                    [
                        "",
                        "",
                        " ",
                        "\n",
                        "\t",
                        "\r\n   ",
                        "\n\n          ",
                        "  \t ",
                    ][pick as usize],
                );
            }
        }
    }
}

fn render(g: &G, layout: &mut Layout, depth: usize, out: &mut String) {
    match g {
        G::Null => out.push_str("null"),
        G::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        G::Num(n) => out.push_str(n),
        G::Str(s) => out.push_str(s),
        G::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                layout.ws(out, depth + 1);
                render(item, layout, depth + 1, out);
            }
            if !items.is_empty() {
                layout.ws(out, depth);
            }
            out.push(']');
        }
        G::Obj(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                layout.ws(out, depth + 1);
                out.push_str(k);
                if layout.mode == 2 {
                    layout.ws(out, depth + 1);
                }
                out.push(':');
                if layout.mode != 0 {
                    out.push(' ');
                }
                render(v, layout, depth + 1, out);
            }
            if !members.is_empty() {
                layout.ws(out, depth);
            }
            out.push('}');
        }
    }
}

fn text_of(g: &G, mode: u8, seed: u64) -> String {
    let mut layout = Layout {
        mode: mode % 3,
        seed: seed | 1,
    };
    let mut out = String::new();
    if layout.mode == 2 {
        layout.ws(&mut out, 0);
    }
    render(g, &mut layout, 0, &mut out);
    if layout.mode == 2 {
        layout.ws(&mut out, 0);
    }
    out
}

/// Bytes that make interesting edits.
const EDIT_BYTES: &[u8] = b"{}[],:\"\\ \n\t\r0123456789eE.-+tfnulrsaxu\x00\x01\x1f/~";

fn mutate(text: &str, edits: &[(prop::sample::Index, u8, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (at, op, b) in edits {
        let b = EDIT_BYTES[*b as usize % EDIT_BYTES.len()];
        let len = bytes.len();
        match op % 5 {
            0 if len > 0 => {
                bytes.remove(at.index(len));
            }
            1 => bytes.insert(at.index(len + 1), b),
            2 if len > 0 => bytes[at.index(len)] = b,
            3 => bytes.truncate(at.index(len + 1)),
            _ => {
                // Duplicate a slice (repeats brackets, commas, escapes).
                if len > 1 {
                    let i = at.index(len);
                    let j = (i + 1 + (b as usize % 6)).min(len);
                    let piece = bytes[i..j].to_vec();
                    bytes.splice(i..i, piece);
                }
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

// ---------------------------------------------------------------------------
// A slow, obviously correct reference for positions and duplicates.

#[derive(Debug)]
struct RNode {
    at: usize,
    kind: RKind,
}

#[derive(Debug)]
enum RKind {
    Scalar,
    Array(Vec<RNode>),
    /// (decoded key, offset of the key's quote, value)
    Object(Vec<(String, usize, RNode)>),
}

/// A recursive-descent reader of a text known to be valid JSON.
struct Ref<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl Ref<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && b" \t\r\n".contains(&self.b[self.i]) {
            self.i += 1;
        }
    }

    fn string(&mut self) -> String {
        let start = self.i;
        self.i += 1;
        loop {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        serde_json::from_str(&self.s[start..self.i]).unwrap()
    }

    /// The items of an array or object, each read by `item`, up to and
    /// including the `close` byte (the opening one is already read).
    fn items<T>(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let mut items = Vec::new();
        loop {
            self.ws();
            if self.b[self.i] == close {
                self.i += 1;
                return items;
            }
            if self.b[self.i] == b',' {
                self.i += 1;
                self.ws();
            }
            items.push(item(self));
        }
    }

    fn value(&mut self) -> RNode {
        self.ws();
        let at = self.i;
        let kind = match self.b[self.i] {
            b'[' => {
                self.i += 1;
                RKind::Array(self.items(b']', Self::value))
            }
            b'{' => {
                self.i += 1;
                RKind::Object(self.items(b'}', |r| {
                    let key_at = r.i;
                    let key = r.string();
                    r.ws();
                    assert_eq!(r.b[r.i], b':');
                    r.i += 1;
                    (key, key_at, r.value())
                }))
            }
            b'"' => {
                self.string();
                RKind::Scalar
            }
            _ => {
                while self.i < self.b.len() && !b",]} \t\r\n".contains(&self.b[self.i]) {
                    self.i += 1;
                }
                RKind::Scalar
            }
        };
        RNode { at, kind }
    }
}

fn reference_tree(text: &str) -> RNode {
    Ref {
        s: text,
        b: text.as_bytes(),
        i: 0,
    }
    .value()
}

fn ref_position(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        offset,
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn ref_resolve(root: &RNode, pointer: &str) -> Option<usize> {
    if pointer.is_empty() || pointer == "/" {
        return Some(root.at);
    }
    let mut node = root;
    let mut at = root.at;
    let mut tokens = pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .peekable();
    while let Some(token) = tokens.next() {
        let token = token.replace("~1", "/").replace("~0", "~");
        match &node.kind {
            RKind::Object(members) => {
                // A repeated key: the member is its first occurrence; a
                // longer pointer goes on in the last.
                let mut matching = members.iter().filter(|(k, _, _)| *k == token);
                let (_, key_at, child) = if tokens.peek().is_some() {
                    matching.next_back()?
                } else {
                    matching.next()?
                };
                at = *key_at;
                node = child;
            }
            RKind::Array(items) => {
                let canonical = token == "0"
                    || (token.starts_with(|c: char| ('1'..='9').contains(&c))
                        && token.chars().all(|c| c.is_ascii_digit()));
                if !canonical {
                    return None;
                }
                node = items.get(token.parse::<usize>().ok()?)?;
                at = node.at;
            }
            RKind::Scalar => return None,
        }
    }
    Some(at)
}

/// Every pointer of the tree (through repeated keys too), plus pointers
/// that do not resolve.
fn all_pointers(node: &RNode, prefix: &str, out: &mut Vec<String>) {
    out.push(prefix.to_owned());
    for extra in [
        "/zz", "/0", "/-", "/01", "/1", "/ 0", "/+1", "/~", "/~2", "/a/b/c", "/",
    ] {
        out.push(format!("{prefix}{extra}"));
    }
    match &node.kind {
        RKind::Scalar => {}
        RKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                all_pointers(item, &format!("{prefix}/{i}"), out);
            }
            out.push(format!("{prefix}/{}", items.len()));
        }
        RKind::Object(members) => {
            for (k, _, v) in members {
                all_pointers(v, &format!("{prefix}/{}", escape(k)), out);
            }
        }
    }
}

fn ref_duplicates(text: &str, node: &RNode, prefix: &str, out: &mut Vec<Duplicate>) {
    match &node.kind {
        RKind::Scalar => {}
        RKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                ref_duplicates(text, item, &format!("{prefix}/{i}"), out);
            }
        }
        RKind::Object(members) => {
            for (j, (k, key_at, v)) in members.iter().enumerate() {
                let pointer = format!("{prefix}/{}", escape(k));
                if members[..j].iter().any(|(e, _, _)| e == k) {
                    out.push(Duplicate {
                        pointer: pointer.clone(),
                        at: ref_position(text, *key_at),
                    });
                }
                ref_duplicates(text, v, &pointer, out);
            }
        }
    }
}

/// Positions and duplicates agree with the reference on every pointer.
fn spans_agree(text: &str) -> Result<(), String> {
    if serde_json::from_str::<Value>(text).is_err() {
        // Out-of-range numbers: the differential tests cover those.
        return Ok(());
    }
    let parsed = parse(text).map_err(|e| format!("{e} in {text:?}"))?;
    let root = reference_tree(text);
    let mut pointers = vec![String::new()];
    all_pointers(&root, "", &mut pointers);
    for p in &pointers {
        let expected = ref_resolve(&root, p).map(|o| ref_position(text, o));
        let got = parsed.spans.position(p);
        if got != expected {
            return Err(format!(
                "position({p:?}) = {got:?}, expected {expected:?} in {text:?}"
            ));
        }
    }
    // The wide table (texts over 4 GiB) agrees with the narrow one.
    let wide = scan::<usize>(text).ok_or("the wide scan failed")?;
    for p in &pointers {
        if wide.spans.position(p) != parsed.spans.position(p) {
            return Err(format!(
                "wide and narrow tables differ on {p:?} in {text:?}"
            ));
        }
    }
    if wide.duplicates != parsed.duplicates || !matches!(wide.spans.table, Table::Wide(_)) {
        return Err(format!("wide scan differs in {text:?}"));
    }
    let mut expected = Vec::new();
    ref_duplicates(text, &root, "", &mut expected);
    expected.sort_by_key(|d| d.at.offset);
    if parsed.duplicates != expected {
        return Err(format!(
            "duplicates {:?}, expected {expected:?} in {text:?}",
            parsed.duplicates
        ));
    }
    // Many positions at once, in any order, agree with one at a time.
    let offsets: Vec<usize> = (0..=text.len() + 1).rev().step_by(3).collect();
    let many = parsed.spans.positions_at(&offsets);
    for (o, p) in offsets.iter().zip(&many) {
        if *p != parsed.spans.position_at(*o) {
            return Err(format!("positions_at({o}) = {p:?} in {text:?}"));
        }
    }
    // Every offset maps like a forward count over the text.
    let (mut line, mut column) = (1, 1);
    for (offset, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let want = Position {
            offset,
            line,
            column,
        };
        let got = parsed.spans.position_at(offset);
        if got != want {
            return Err(format!(
                "position_at({offset}) = {got:?}, expected {want:?}"
            ));
        }
        if c == '\n' {
            (line, column) = (line + 1, 1);
        } else {
            column += 1;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Property tests.

/// The number of cases: `default`, or `PROPTEST_CASES` when set (for a
/// longer soak: `PROPTEST_CASES=50000 cargo test --release`).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The text of a generated document, in one of the layouts of `text_of`.
fn document_text(documents: impl Strategy<Value = G>) -> impl Strategy<Value = String> {
    (documents, 0u8..3, any::<u64>()).prop_map(|(g, mode, seed)| text_of(&g, mode, seed))
}

/// A check's verdict as a property-test result: its message on failure.
fn agrees(verdict: Result<(), String>) -> Result<(), proptest::test_runner::TestCaseError> {
    verdict.map_err(proptest::test_runner::TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(1500)))]

    #[test]
    fn generated_documents_match_serde_json(text in document_text(document())) {
        agrees(same_as_serde(&text))?;
    }

    #[test]
    fn mutated_documents_match_serde_json(
        text in document_text(document()),
        edits in vec((any::<prop::sample::Index>(), any::<u8>(), any::<u8>()), 1..4),
    ) {
        let text = mutate(&text, &edits);
        agrees(same_as_serde(&text))?;
    }

    #[test]
    fn numbers_match_serde_json(n in number_text(), wrap in 0u8..3) {
        let text = match wrap { 0 => n.clone(), 1 => format!("[{n}]"), _ => format!("{{\"n\": {n} }}") };
        agrees(same_as_serde(&text))?;
    }

    #[test]
    fn possibly_bad_strings_match_serde_json(
        pieces in vec(prop_oneof![
            3 => string_piece(),
            1 => prop::sample::select(vec![
                "\\ud800", "\\udc00", "\\uDBFF", "\\ud800\\u0041", "\\ud800x", "\\ud800\\", "\\ud800\\n",
                "\\ud800\\ud800", "\\udbff\\udfff", "\\x", "\\u12", "\\u12G4", "\\U0041", "\u{1}",
                "\n", "\t", "\u{1f}", "\\", "\"", "\\u", "\\uD83D\\uDE00", "\\'",
            ]).prop_map(str::to_owned),
        ], 0..6),
        as_key in any::<bool>(),
    ) {
        let lit = format!("\"{}\"", pieces.concat());
        let text = if as_key { format!("{{{lit}: 1}}") } else { lit };
        agrees(same_as_serde(&text))?;
    }

    #[test]
    fn positions_and_duplicates_match_the_reference(text in document_text(document())) {
        agrees(spans_agree(&text))?;
    }
}

proptest! {
    // Wide documents are larger: fewer of them.
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    #[test]
    fn wide_containers_match_the_reference(text in document_text(wide_document())) {
        agrees(spans_agree(&text))?;
        agrees(same_as_serde(&text))?;
    }
}

// ---------------------------------------------------------------------------
// Hand-written cases.

#[test]
fn edge_cases_match_serde_json() {
    let long_halfway = format!("9007199254740993{}e-800", "0".repeat(800));
    let long_fraction = format!("0.{}1e10", "0".repeat(400));
    let many_digits = format!("1{}", "0".repeat(400));
    let cases: Vec<&str> = vec![
        // Values.
        "null",
        "true",
        "false",
        "0",
        "-0",
        "-0.0",
        "0.0",
        "1",
        "-1",
        "1.5",
        "1e5",
        "1E5",
        "1e+5",
        "1e-5",
        "1.0e0",
        "[]",
        "{}",
        "[[]]",
        "[{}]",
        "{\"a\":[]}",
        "\"\"",
        "\"a\"",
        " \t\r\n 1 \t\r\n ",
        "[1,2,3]",
        "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"a\":{\"x\":1},\"a\":2}",
        "[\"\\u0000\"]",
        "\"\\u00e9\\u65e5\\ud83d\\ude00\"",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "\"é日本😀\"",
        "\"\u{7f}\"",
        // Integers at the edges.
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "-18446744073709551615",
        "-18446744073709551616",
        "99999999999999999999",
        "-99999999999999999999",
        "9999999999999999999",
        "-9999999999999999999",
        "10000000000000000000",
        "00",
        "-00",
        "01",
        "-01",
        // Floats.
        "4.9e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1e-400",
        "-1e-400",
        "1e400",
        "-1e400",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "0e999999999999999999",
        "1e999999999999999999",
        "1e-999999999999999999",
        "0.000001e2147483647",
        "1e2147483647",
        "1e2147483648",
        "1e-2147483648",
        "1e-2147483649",
        "123456789012345678901234567890e-2147483648",
        "123456789012345678901234567890e2147483648",
        "0.1",
        "0.30000000000000004",
        "9007199254740993",
        "9007199254740993.0",
        "90071992547409931e-1",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "1e22",
        "1e23",
        "4.35e-9",
        &long_halfway,
        &long_fraction,
        &many_digits,
        // Rejected numbers.
        "-",
        "+1",
        ".5",
        "1.",
        "1.e5",
        "1e",
        "1e+",
        "1e-",
        "-a",
        "0x10",
        "1.5.5",
        "1e5e5",
        "--1",
        "Infinity",
        "NaN",
        "-Infinity",
        "[1.]",
        "[-]",
        "{\"a\":1.}",
        "[01]",
        // Rejected literals and structure.
        "",
        " ",
        "nul",
        "nulll",
        "tru",
        "truex",
        "fals",
        "True",
        "NULL",
        "n",
        "[",
        "]",
        "{",
        "}",
        "[1,]",
        "[1 2]",
        "[,1]",
        "[1,,2]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{\"a\":}",
        "{a:1}",
        "{'a':1}",
        "{1:1}",
        "{\"a\":1 \"b\":2}",
        "{,}",
        "{\"a\"}",
        "[}",
        "{]",
        "[1]]",
        "{}}",
        "1 2",
        "[] []",
        "\"a\" \"b\"",
        "{\"a\":1}x",
        "[1]\u{0}",
        "\u{feff}1",
        "/*c*/1",
        "[\"a\",]",
        "{\"a\":[1,2}",
        "[\n1,\n2,\n]",
        // Strings.
        "\"",
        "\"abc",
        "\"\\",
        "\"\\\"",
        "\"\\x\"",
        "\"\\u\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud800\\ud800\"",
        "\"\\ud800x\"",
        "\"\\ud800\\\"",
        "\"\\ud800\\n\"",
        "\"\\udbff\\udfff\"",
        "\"\\uDBFF\\uDFFF\"",
        "\"a\nb\"",
        "\"a\tb\"",
        "\"\u{1}\"",
        "\"\u{1f}\"",
        "{\"a\nb\":1}",
        "{\"\\ud800\":1}",
        "\"\\'\"",
        "\"\\U0041\"",
        "\"\\a\"",
    ];
    for case in cases {
        check(case);
    }
}

#[test]
fn error_messages_are_serde_jsons_without_the_suffix() {
    let e = parse("{\n  \"a\": 1,\n}").err().unwrap();
    assert_eq!(
        (e.message.as_str(), e.line, e.column, e.limit),
        ("trailing comma", 3, 1, false)
    );
    let e = parse("[1, 2").err().unwrap();
    assert_eq!(e.message, "EOF while parsing a list");
    let e = parse("\"\\ud800\"").err().unwrap();
    assert_eq!(e.message, "unexpected end of hex escape");
    let e = parse("1e999").err().unwrap();
    assert_eq!(e.message, "number out of range");
    assert_eq!(e.to_string(), "number out of range at line 1 column 5");
    let e = parse("").err().unwrap();
    assert_eq!(
        (e.message.as_str(), e.line, e.column),
        ("EOF while parsing a value", 1, 0)
    );
    for bad in [
        "{",
        "[1,]",
        "{\"a\" 1}",
        "nul",
        "\"\\x\"",
        "[1 2]",
        "01",
        "1.",
        "\"\u{1}\"",
    ] {
        check(bad);
        assert!(!parse(bad).err().unwrap().limit);
    }
}

#[test]
fn nesting_limit_is_serde_jsons() {
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let ok = format!("{}1{}", open.repeat(127), close.repeat(127));
        check(&ok);
        assert!(parse(&ok).is_ok());
        let deep = format!("{}1{}", open.repeat(128), close.repeat(128));
        check(&deep);
        let e = parse(&deep).err().unwrap();
        assert!(e.limit, "{e:?}");
        assert_eq!(e.message, "recursion limit exceeded");
        // An empty container at the limit counts too.
        let empty = format!("{}[]{}", open.repeat(127), close.repeat(127));
        check(&empty);
    }
    // Mixed, and a syntax error before the limit wins.
    let mixed = format!("{}{}", "[{\"k\":".repeat(64), "1");
    check(&mixed);
    let early = format!("[1 {}", "[".repeat(200));
    check(&early);
    assert!(!parse(&early).err().unwrap().limit);
}

#[test]
fn ten_megabytes_of_brackets_do_not_overflow() {
    let text = "[".repeat(10_000_000);
    let e = parse(&text).err().unwrap();
    assert!(e.limit);
    let text = format!("{}{}", "{\"a\":[".repeat(1_000_000), "]}".repeat(1_000_000));
    assert!(parse(&text).err().unwrap().limit);
}

#[test]
fn parsed_tree_is_the_documents() {
    let p = parse("{\"a\": [1, -2, 3.5, \"x\", null, true], \"a\": {}}").unwrap();
    let Json::Object(members) = &p.value else {
        panic!("not an object: {:?}", p.value)
    };
    assert_eq!(members.len(), 2);
    assert_eq!(members[0].0, "a");
    assert_eq!(members[1], ("a".to_owned(), Json::Object(Vec::new())));
    let Json::Array(items) = &members[0].1 else {
        panic!("not an array")
    };
    assert_eq!(items[0], Json::Number(1u64.into()));
    assert_eq!(items[1], Json::Number((-2i64).into()));
    assert!(matches!(&items[2], Json::Number(n) if n.as_f64() == Some(3.5)));
    assert_eq!(items[3], Json::String("x".to_owned()));
    assert_eq!(items[4], Json::Null);
    assert_eq!(items[5], Json::Bool(true));
    // The last repeated key wins, at the place of the first.
    assert_eq!(p.value.into_value(), serde_json::json!({"a": {}}));
}

// ---------------------------------------------------------------------------
// Positions and duplicates, by hand.

#[test]
fn positions_by_hand() {
    let text = "{\n  \"States\": {\n    \"é\": {\"Type\": \"Pass\", \"a/b\": [10, {\"x\": 1}]},\n    \"A\\u0042\": 1\n  }\n}";
    let p = parse(text).unwrap();
    let s = &p.spans;
    let at = |ptr: &str| s.position(ptr).map(|p| (p.line, p.column));
    assert_eq!(at(""), Some((1, 1)));
    assert_eq!(at("/"), Some((1, 1)));
    assert_eq!(at("/States"), Some((2, 3)));
    assert_eq!(at("/States/é"), Some((3, 5)));
    assert_eq!(at("/States/é/Type"), Some((3, 11)));
    assert_eq!(at("/States/é/a~1b"), Some((3, 27)));
    assert_eq!(at("/States/é/a~1b/0"), Some((3, 35)));
    assert_eq!(at("/States/é/a~1b/1"), Some((3, 39)));
    assert_eq!(at("/States/é/a~1b/1/x"), Some((3, 40)));
    assert_eq!(at("/States/AB"), Some((4, 5)));
    // Without the leading slash, as the project's pointer::tokens reads it.
    assert_eq!(at("States/AB"), Some((4, 5)));
    // Missing key, index out of range, non-numeric index, leading zero,
    // `-`, pointer into a scalar.
    assert_eq!(at("/Nope"), None);
    assert_eq!(at("/States/é/a~1b/2"), None);
    assert_eq!(at("/States/é/a~1b/x"), None);
    assert_eq!(at("/States/é/a~1b/01"), None);
    assert_eq!(at("/States/é/a~1b/-"), None);
    assert_eq!(at("/States/é/a~1b/+1"), None);
    assert_eq!(at("/States/é/Type/x"), None);
    assert_eq!(at("/States/é/a~1b/0/0"), None);
    assert_eq!(at("/States/AB/"), None);
    assert_eq!(at("/States/a/b"), None);
    // Offsets clamp to the text.
    assert_eq!(s.position_at(usize::MAX).offset, text.len());
    // A scalar document; leading whitespace.
    let p = parse("\n\n   \"x\"  ").unwrap();
    assert_eq!(
        p.spans.position(""),
        Some(Position {
            offset: 5,
            line: 3,
            column: 4
        })
    );
    assert_eq!(p.spans.position("/0"), None);
    // "/" is the root (as documented), so a root member named "" is only
    // reached through a longer pointer.
    let p = parse("{\"\": {\"\": 1}}").unwrap();
    assert_eq!(p.spans.position("/").unwrap().offset, 0);
    assert_eq!(p.spans.position("//").unwrap().offset, 6);
}

#[test]
fn duplicates_by_hand() {
    let dups = |text: &str| {
        parse(text)
            .unwrap()
            .duplicates
            .into_iter()
            .map(|d| (d.pointer, d.at.offset, d.at.line, d.at.column))
            .collect::<Vec<_>>()
    };
    assert_eq!(dups("{\"a\":1,\"a\":2}"), [("/a".to_owned(), 7, 1, 8)]);
    assert_eq!(
        dups("{\"a\":1,\"\\u0061\":2}"),
        [("/a".to_owned(), 7, 1, 8)]
    );
    assert_eq!(
        dups("{\"x\": {\"b\": 1,\n \"b\": 2}}"),
        [("/x/b".to_owned(), 16, 2, 2)]
    );
    assert_eq!(
        dups("[{\"a\":1},{\"a\":1,\"a\":2}]"),
        [("/1/a".to_owned(), 16, 1, 17)]
    );
    assert_eq!(
        dups("{\"a/b\":1,\"a\\/b\":2,\"~\":0,\"~\":1}"),
        [
            ("/a~1b".to_owned(), 9, 1, 10),
            ("/~0".to_owned(), 24, 1, 25)
        ]
    );
    assert_eq!(
        dups("{\"a\":1,\"a\":2,\"a\":3}"),
        [("/a".to_owned(), 7, 1, 8), ("/a".to_owned(), 13, 1, 14)]
    );
    assert_eq!(
        dups("{\"é\":1,\"\\u00e9\":2}"),
        [("/é".to_owned(), 8, 1, 8)]
    );
    // Document order, nested repeats under a repeated key.
    let text = "{\"a\":{\"x\":1,\"x\":2},\"a\":{\"y\":1,\"y\":2}}";
    assert_eq!(
        dups(text),
        [
            ("/a/x".to_owned(), 12, 1, 13),
            ("/a".to_owned(), 19, 1, 20),
            ("/a/y".to_owned(), 30, 1, 31)
        ]
    );
    assert!(dups("{\"a\":1,\"b\":{\"a\":2}}").is_empty());
    // A large object (hash-sorted path), with the lookup finding the first.
    let mut text = String::from("{");
    for i in 0..40 {
        text.push_str(&format!("\"k{}\": {i},\n", i % 30));
    }
    text.push_str("\"end\": 0}");
    let p = parse(&text).unwrap();
    assert_eq!(p.duplicates.len(), 10);
    assert_eq!(p.duplicates[0].pointer, "/k0");
    assert_eq!(p.duplicates[0].at.line, 31);
    assert_eq!(p.spans.position("/k0").unwrap().line, 1);
    assert_eq!(p.spans.position("/k29").unwrap().line, 30);
    assert_eq!(p.spans.position("/end").unwrap().line, 41);
    assert_eq!(p.spans.position("/k30"), None);
    spans_agree(&text).unwrap();
}

#[test]
fn large_arrays_index() {
    let text = format!(
        "[{}]",
        (0..100)
            .map(|i| format!("[{i}]"))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let p = parse(&text).unwrap();
    for i in 0..100 {
        assert_eq!(p.spans.position(&format!("/{i}")).unwrap().line, i + 1);
        assert_eq!(p.spans.position(&format!("/{i}/0")).unwrap().line, i + 1);
    }
    assert_eq!(p.spans.position("/100"), None);
    assert_eq!(p.spans.position("/18446744073709551616"), None);
    spans_agree(&text).unwrap();
}

#[test]
fn repeated_keys_name_the_first_member_and_go_on_in_the_last() {
    // Small objects (a linear search) and large ones (the hash index).
    for filler in [0, 40] {
        let pad: String = (0..filler).map(|i| format!("\"f{i}\": {i}, ")).collect();
        let text = format!(
            "{{\"a\": {{\"x\": 1, \"y\": 1}}, {pad}\"a\": {{\"x\": 2}},\n \"a\": {{\"x\": 3, \"z\": [0, {{\"a\": 1, \"a\": {{\"q\": 1}}}}]}}}}"
        );
        let p = parse(&text).unwrap();
        let at = |ptr: &str| p.spans.position(ptr).map(|p| (p.line, p.column));
        assert_eq!(at("/a"), Some((1, 2)), "{text}");
        assert_eq!(at("/a/x"), Some((2, 8)), "{text}");
        // Only in a value the reader drops.
        assert_eq!(at("/a/y"), None, "{text}");
        assert_eq!(at("/a/z/1/a"), Some((2, 26)), "{text}");
        assert_eq!(at("/a/z/1/a/q"), Some((2, 40)), "{text}");
        spans_agree(&text).unwrap();
    }
}
