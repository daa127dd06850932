//! Finding where a JSON pointer's value sits in the source text, so that
//! errors and diagnostics can give a line and column.
//!
//! A small scanner, not a parser: it assumes well-formed JSON (the text was
//! parsed already) and gives up quietly on anything else. It never recurses,
//! so deep documents cannot overflow the stack.

/// A position in the source: byte offset, 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Byte offset.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Where the value named by `pointer` starts in `src`: for an object member,
/// the position of its key (what a reader looks for); for an array element,
/// the element. `None` when the pointer does not resolve.
///
/// ```
/// let src = "{\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\"}\n  }\n}";
/// let p = asl_core::locate::locate(src, "/States/A/Type").unwrap();
/// assert_eq!((p.line, p.column), (3, 11));
/// ```
pub fn locate(src: &str, pointer: &str) -> Option<Position> {
    let tokens = crate::pointer::tokens(pointer);
    let mut s = Scanner {
        b: src.as_bytes(),
        i: 0,
    };
    s.ws();
    let mut at = s.i;
    for token in &tokens {
        s.ws();
        match s.peek()? {
            b'{' => {
                s.i += 1;
                loop {
                    s.ws();
                    if s.peek()? != b'"' {
                        return None;
                    }
                    let key_at = s.i;
                    let key = s.string()?;
                    s.ws();
                    s.expect(b':')?;
                    s.ws();
                    if key == *token {
                        at = key_at;
                        break;
                    }
                    s.skip_value()?;
                    s.ws();
                    match s.peek()? {
                        b',' => s.i += 1,
                        _ => return None,
                    }
                }
            }
            b'[' => {
                s.i += 1;
                let n: usize = token.parse().ok()?;
                for _ in 0..n {
                    s.ws();
                    s.skip_value()?;
                    s.ws();
                    s.expect(b',')?;
                }
                s.ws();
                if s.peek()? == b']' {
                    return None;
                }
                at = s.i;
            }
            _ => return None,
        }
    }
    Some(position(src, at))
}

/// The line and column of a byte offset.
pub fn position(src: &str, offset: usize) -> Position {
    let offset = offset.min(src.len());
    let before = src.get(..offset).unwrap_or(src);
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    Position {
        offset,
        line,
        column,
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// Reads a string token and returns its unescaped value.
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let start = self.i;
        let mut raw_end = None;
        let mut has_escape = false;
        while let Some(c) = self.peek() {
            match c {
                b'"' => {
                    raw_end = Some(self.i);
                    self.i += 1;
                    break;
                }
                b'\\' => {
                    has_escape = true;
                    self.i += 2;
                }
                _ => self.i += 1,
            }
        }
        let raw = self.b.get(start..raw_end?)?;
        if has_escape {
            // Re-read the token with serde_json to unescape it exactly.
            let token = self.b.get(start.checked_sub(1)?..=raw_end?)?;
            serde_json::from_slice(token).ok()
        } else {
            String::from_utf8(raw.to_vec()).ok()
        }
    }

    /// Skips one value of any kind, without recursion.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.ws();
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.i += 1;
                    continue;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                }
                b',' | b':' => {
                    self.i += 1;
                    continue;
                }
                _ => {
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    ) {
                        self.i += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

/// Every object key that appears twice in the same object, as the JSON
/// pointer of the repeated member and the position of its second occurrence,
/// in document order. JSON leaves duplicates undefined; most parsers keep the
/// last one silently.
///
/// ```
/// let d = asl_core::locate::duplicate_keys(r#"{"States": {"A": 1, "A": 2}}"#);
/// assert_eq!(d.len(), 1);
/// assert_eq!(d[0].0, "/States/A");
/// ```
pub fn duplicate_keys(src: &str) -> Vec<(String, Position)> {
    enum Frame {
        Object {
            seen: std::collections::HashSet<String>,
            key: Option<String>,
        },
        Array {
            index: usize,
        },
    }
    let mut out = Vec::new();
    let mut s = Scanner {
        b: src.as_bytes(),
        i: 0,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let pointer = |stack: &[Frame], last: &str| {
        let mut p = String::new();
        for f in stack {
            match f {
                Frame::Object { key: Some(k), .. } => {
                    p.push('/');
                    p.push_str(&crate::pointer::escape(k));
                }
                Frame::Array { index } => {
                    p.push('/');
                    p.push_str(&index.to_string());
                }
                Frame::Object { key: None, .. } => {}
            }
        }
        p.push('/');
        p.push_str(&crate::pointer::escape(last));
        p
    };
    loop {
        s.ws();
        let Some(c) = s.peek() else { break };
        match c {
            b'{' => {
                s.i += 1;
                stack.push(Frame::Object {
                    seen: Default::default(),
                    key: None,
                });
            }
            b'[' => {
                s.i += 1;
                stack.push(Frame::Array { index: 0 });
            }
            b'}' | b']' => {
                s.i += 1;
                stack.pop();
            }
            b',' => {
                s.i += 1;
                if let Some(Frame::Array { index }) = stack.last_mut() {
                    *index += 1;
                }
            }
            b':' => s.i += 1,
            b'"' => {
                let at = s.i;
                let Some(text) = s.string() else { break };
                s.ws();
                let is_key = s.peek() == Some(b':');
                if is_key {
                    let dup = match stack.last() {
                        Some(Frame::Object { seen, .. }) => seen.contains(&text),
                        _ => false,
                    };
                    if dup {
                        let p = match stack.split_last() {
                            Some((_, parents)) => pointer(parents, &text),
                            None => String::new(),
                        };
                        out.push((p, position(src, at)));
                    }
                    if let Some(Frame::Object { seen, key }) = stack.last_mut() {
                        seen.insert(text.clone());
                        *key = Some(text);
                    }
                }
            }
            _ => {
                while !matches!(
                    s.peek(),
                    None | Some(b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    s.i += 1;
                }
            }
        }
    }
    out
}

/// Many pointers located in one pass over `src` (where [`locate`] scans the
/// text once per pointer): the position of each pointer that resolves,
/// keyed by pointer, with the same convention as [`locate`] (an object
/// member's key, an array element's value; `/` is the document).
///
/// ```
/// let src = "{\"States\": {\"A\": {\"Next\": \"B\"}},\n \"StartAt\": \"A\"}";
/// let found = asl_core::locate::locate_many(src, ["/States/A/Next", "/StartAt", "/Nope"]);
/// assert_eq!(found["/StartAt"].line, 2);
/// assert_eq!(found["/States/A/Next"].column, 19);
/// assert_eq!(Some(found["/States/A/Next"]), asl_core::locate::locate(src, "/States/A/Next"));
/// assert!(!found.contains_key("/Nope"));
/// ```
pub fn locate_many<'p>(
    src: &str,
    pointers: impl IntoIterator<Item = &'p str>,
) -> std::collections::HashMap<String, Position> {
    use std::collections::{HashMap, HashSet};
    let wanted: HashSet<&str> = pointers.into_iter().collect();
    let mut offsets: Vec<(usize, String)> = Vec::new();
    if wanted.is_empty() {
        return HashMap::new();
    }
    // Levels deeper than the deepest wanted pointer are skipped without
    // building their pointers (deep documents stay linear in time and memory).
    let max_depth = wanted
        .iter()
        .map(|p| p.matches('/').count())
        .max()
        .unwrap_or(0);
    let mut remaining = wanted.len();
    let mut seen: HashSet<String> = HashSet::new();
    struct Frame {
        object: bool,
        index: usize,
        base: String,
    }
    let mut s = Scanner {
        b: src.as_bytes(),
        i: 0,
    };
    s.ws();
    for root in ["/", ""] {
        if wanted.contains(root) && seen.insert(root.to_owned()) {
            offsets.push((s.i, root.to_owned()));
            remaining = remaining.saturating_sub(1);
        }
    }
    let mut stack: Vec<Frame> = Vec::new();
    // The pointer of the value about to start.
    let mut pending = String::new();
    let mut expect_element = false;
    loop {
        if remaining == 0 {
            break;
        }
        s.ws();
        let Some(c) = s.peek() else { break };
        let tracked = stack.len() <= max_depth;
        if expect_element && c != b']' {
            if let Some(top) = stack.last().filter(|_| tracked) {
                pending = format!("{}/{}", top.base, top.index);
                if wanted.contains(pending.as_str()) && seen.insert(pending.clone()) {
                    offsets.push((s.i, pending.clone()));
                    remaining = remaining.saturating_sub(1);
                }
            }
            expect_element = false;
        }
        match c {
            b'{' | b'[' => {
                s.i += 1;
                stack.push(Frame {
                    object: c == b'{',
                    index: 0,
                    base: if tracked {
                        std::mem::take(&mut pending)
                    } else {
                        String::new()
                    },
                });
                expect_element = c == b'[';
            }
            b'}' | b']' => {
                s.i += 1;
                stack.pop();
                expect_element = false;
            }
            b',' => {
                s.i += 1;
                if let Some(top) = stack.last_mut() {
                    if !top.object {
                        top.index += 1;
                        expect_element = true;
                    }
                }
            }
            b':' => s.i += 1,
            b'"' => {
                let at = s.i;
                let Some(text) = s.string() else { break };
                s.ws();
                let is_key = s.peek() == Some(b':') && stack.last().is_some_and(|f| f.object);
                if is_key && tracked {
                    let base = stack.last().map_or("", |f| f.base.as_str());
                    pending = format!("{base}/{}", crate::pointer::escape(&text));
                    if wanted.contains(pending.as_str()) && seen.insert(pending.clone()) {
                        offsets.push((at, pending.clone()));
                        remaining = remaining.saturating_sub(1);
                    }
                }
            }
            _ => {
                while !matches!(
                    s.peek(),
                    None | Some(b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    s.i += 1;
                }
            }
        }
    }
    // Line and column for every offset in one forward pass.
    offsets.sort_by_key(|(o, _)| *o);
    let mut out = HashMap::with_capacity(offsets.len());
    // `chars` counts the characters between the start of the line and `at`.
    let (mut line, mut chars, mut at) = (1usize, 0usize, 0usize);
    for (offset, pointer) in offsets {
        let offset = offset.min(src.len());
        if let Some(chunk) = src.get(at..offset) {
            match chunk.rfind('\n') {
                Some(last) => {
                    line += chunk.bytes().filter(|b| *b == b'\n').count();
                    chars = chunk.get(last + 1..).map_or(0, |t| t.chars().count());
                }
                None => chars += chunk.chars().count(),
            }
            at = offset;
        }
        let column = chars + 1;
        out.entry(pointer).or_insert(Position {
            offset,
            line,
            column,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `locate_many` agrees with `locate` on every pointer of a document
    /// with nesting, arrays, escapes, multi-byte text and several lines.
    #[test]
    fn locate_many_agrees_with_locate() {
        let src = "{\n  \"Comment\": \"héllo\",\n  \"States\": {\"a/b\": {\"Type\": \"Pass\", \"Result\": [1, {\"x~y\": [true, null]}, \"s\"]},\n    \"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Next\": \"a/b\"}, {\"Next\": \"C\"}]}},\n  \"StartAt\": \"a/b\"\n}";
        let pointers = [
            "/",
            "/Comment",
            "/States",
            "/States/a~1b",
            "/States/a~1b/Type",
            "/States/a~1b/Result",
            "/States/a~1b/Result/0",
            "/States/a~1b/Result/1",
            "/States/a~1b/Result/1/x~0y",
            "/States/a~1b/Result/1/x~0y/1",
            "/States/a~1b/Result/2",
            "/States/C/Choices/1/Next",
            "/StartAt",
            "/Missing",
            "/States/C/Choices/5",
        ];
        let many = locate_many(src, pointers);
        for p in pointers {
            assert_eq!(many.get(p).copied(), locate(src, p), "{p}");
        }
    }
}
