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
