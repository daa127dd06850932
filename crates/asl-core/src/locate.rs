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
