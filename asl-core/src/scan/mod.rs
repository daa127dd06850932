//! One scan of a JSON text that yields the tree the reader consumes
//! ([`Json`]), an index from JSON pointers to source positions ([`Spans`])
//! and the keys that are repeated inside one object ([`Duplicate`]).
//!
//! The language accepted is exactly serde_json's (`serde_json::from_str::<Value>`
//! with the `float_roundtrip` feature): the same documents are accepted, the
//! same numbers come out, and a rejected text gets serde_json's own message,
//! line and column (the text is handed to serde_json again to get them, so a
//! bad document costs two parses while a good one costs one).
//!
//! The scan never recurses: nesting is kept on an explicit stack, and it stops
//! at serde_json's recursion limit (128), so no input can exhaust the call
//! stack, and the trees it returns are shallow enough for [`Json`]'s derived
//! (recursive) `Drop`, `Clone` and `PartialEq`.
//!
//! ```text
//! let text = "{\n  \"States\": {\"A\": {\"Type\": \"Pass\"}, \"A\": {}}\n}";
//! let parsed = scan::parse(text)?;
//! parsed.spans.position("/States/A/Type")  // line 2, column 20
//! parsed.duplicates[0]                      // /States/A, line 2, column 37
//! ```

use asl_model::json::Json;
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::fmt;

#[cfg(test)]
mod tests;

/// A position in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// Byte offset.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The result of [`parse`].
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The document.
    pub value: Json,
    /// Where each value of the document sits in the text.
    pub spans: Spans,
    /// Every key that appears more than once in one object, in document order
    /// of the repeated occurrences.
    pub duplicates: Vec<Duplicate>,
}

/// A key that appears twice in one object: the JSON pointer of the member and
/// the position of its second occurrence's key (a key written three times is
/// reported twice, once for each repetition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The RFC 6901 pointer of the member (`~` and `/` in keys escaped).
    pub pointer: String,
    /// The position of the repeated key's opening quote.
    pub at: Position,
}

/// A text that is not JSON, as serde_json reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// serde_json's message, without its " at line L column C" suffix.
    pub message: String,
    /// serde_json's 1-based line.
    pub line: usize,
    /// serde_json's column (as serde_json counts it: bytes since the line's start).
    pub column: usize,
    /// True when the document nests deeper than serde_json's recursion limit.
    pub limit: bool,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(
                f,
                "{} at line {} column {}",
                self.message, self.line, self.column
            )
        }
    }
}

impl std::error::Error for SyntaxError {}

/// Where every value of a parsed document sits in its text.
///
/// One small record per value, in document (pre-order) order, plus the offsets
/// of the text's newlines; it keeps its own copy of the text to compare keys
/// and count characters. Offsets are stored as `u32` (16 bytes a value) unless
/// the text is larger than 4 GiB.
#[derive(Clone)]
pub struct Spans {
    text: Box<str>,
    table: Table,
    /// The large containers' lookup indexes, by node.
    bigs: Vec<Big>,
    slots: Vec<Slot>,
}

/// The nodes and newline offsets, narrow when the text allows.
#[derive(Clone)]
enum Table {
    Narrow(Index<u32>),
    Wide(Index<usize>),
}

#[derive(Clone)]
struct Index<I> {
    nodes: Vec<Node<I>>,
    newlines: Vec<I>,
}

/// An offset or node number as stored: `u32` for texts up to 4 GiB.
trait Idx: Copy + fmt::Debug {
    /// Only called with values at most the text's length.
    fn of(n: usize) -> Self;
    fn get(self) -> usize;
    fn table(index: Index<Self>) -> Table;
}

impl Idx for u32 {
    #[inline(always)]
    fn of(n: usize) -> Self {
        n as u32
    }
    #[inline(always)]
    fn get(self) -> usize {
        self as usize
    }
    fn table(index: Index<Self>) -> Table {
        Table::Narrow(index)
    }
}

impl Idx for usize {
    #[inline(always)]
    fn of(n: usize) -> Self {
        n
    }
    #[inline(always)]
    fn get(self) -> usize {
        self
    }
    fn table(index: Index<Self>) -> Table {
        Table::Wide(index)
    }
}

/// A large container's lookup index: `slots[start..end]`.
#[derive(Debug, Clone, Copy)]
struct Big {
    node: usize,
    start: usize,
    end: usize,
}

/// For an object, a member's key hash and node, sorted by hash, then key,
/// then document order; for an array, every `STRIDE`-th element's node.
#[derive(Debug, Clone, Copy)]
struct Slot {
    hash: u64,
    child: usize,
}

impl fmt::Debug for Spans {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = match &self.table {
            Table::Narrow(t) => t.newlines.len(),
            Table::Wide(t) => t.newlines.len(),
        } + 1;
        f.debug_struct("Spans")
            .field("text_len", &self.text.len())
            .field("nodes", &self.len())
            .field("lines", &lines)
            .finish()
    }
}

/// One value of the document, in pre-order.
#[derive(Debug, Clone, Copy)]
struct Node<I> {
    /// Offset of the member's key quote, or of the value's first byte.
    pos: I,
    /// Index of the next node that is not a descendant of this one.
    next: I,
    /// Length of the key's raw text between its quotes (members only).
    key_len: I,
    /// `KIND_*` and `FLAG_*` bits.
    kind: u8,
}

const KIND_SCALAR: u8 = 0;
const KIND_ARRAY: u8 = 1;
const KIND_OBJECT: u8 = 2;
const KIND_MASK: u8 = 3;
/// The node is an object member (it has a key).
const FLAG_MEMBER: u8 = 4;
/// The member's key contains a backslash escape.
const FLAG_ESCAPED: u8 = 8;

impl Spans {
    #[cfg(test)]
    /// Where the value named by an RFC 6901 JSON pointer starts: for an object
    /// member, the position of its key (the opening quote); for an array
    /// element, the element's first byte; for `""` or `"/"` the document's
    /// first non-whitespace byte. `None` when the pointer does not resolve.
    /// When a key is repeated in an object, the pointer's last token names
    /// its first occurrence (where the member first appears), and an earlier
    /// token goes on in its last occurrence (whose value a reader keeps, as
    /// serde_json does).
    ///
    /// Tokens are unescaped as RFC 6901 says (`~1` is `/`, `~0` is `~`; any
    /// other `~` is kept as it is). A pointer without its leading `/` is read
    /// as if it had one, as the project's `pointer::tokens` does. An array
    /// index is decimal digits without a leading zero; `-` never resolves.
    pub fn position(&self, pointer: &str) -> Option<Position> {
        let offset = self.offset(pointer)?;
        Some(self.position_at(offset))
    }

    /// The byte offset [`Spans::position`] would report.
    pub fn offset(&self, pointer: &str) -> Option<usize> {
        match &self.table {
            Table::Narrow(t) => self.offset_in(&t.nodes, pointer),
            Table::Wide(t) => self.offset_in(&t.nodes, pointer),
        }
    }

    #[cfg(test)]
    /// The line and column of a byte offset (clamped to the text's length),
    /// from the line index built during the scan.
    pub fn position_at(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let (line, start) = match &self.table {
            Table::Narrow(t) => line_of(&t.newlines, offset),
            Table::Wide(t) => line_of(&t.newlines, offset),
        };
        let column = self
            .text
            .as_bytes()
            .get(start..offset)
            .map_or(0, count_chars);
        Position {
            offset,
            line,
            column: column + 1,
        }
    }

    /// [`Spans::position_at`] for many offsets, in their order: counted in
    /// one forward pass over the text (sorted by offset), so that many
    /// positions on one long line (a minified document) cost the line once,
    /// not once each.
    pub fn positions_at(&self, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets.get(i).copied().unwrap_or(0));
        let mut out = vec![
            Position {
                offset: 0,
                line: 1,
                column: 1
            };
            offsets.len()
        ];
        let bytes = self.text.as_bytes();
        // The last offset counted, its line, and the characters between the
        // line's start and it.
        let (mut at, mut line, mut chars) = (0usize, 0usize, 0usize);
        for i in order {
            let offset = offsets.get(i).copied().unwrap_or(0).min(bytes.len());
            let (l, start) = match &self.table {
                Table::Narrow(t) => line_of(&t.newlines, offset),
                Table::Wide(t) => line_of(&t.newlines, offset),
            };
            if l != line {
                (at, line, chars) = (start, l, 0);
            }
            chars += bytes.get(at..offset).map_or(0, count_chars);
            at = offset;
            if let Some(p) = out.get_mut(i) {
                *p = Position {
                    offset,
                    line,
                    column: chars + 1,
                };
            }
        }
        out
    }

    /// The number of values in the document (every member and element, and
    /// the document itself).
    fn len(&self) -> usize {
        match &self.table {
            Table::Narrow(t) => t.nodes.len(),
            Table::Wide(t) => t.nodes.len(),
        }
    }

    fn offset_in<I: Idx>(&self, nodes: &[Node<I>], pointer: &str) -> Option<usize> {
        let mut at = 0usize;
        let root = nodes.first()?;
        if pointer.is_empty() || pointer == "/" {
            return Some(root.pos.get());
        }
        let rest = pointer.strip_prefix('/').unwrap_or(pointer);
        let mut tokens = rest.split('/').peekable();
        while let Some(raw) = tokens.next() {
            let node = nodes.get(at)?;
            let end = node.next.get();
            let mut child = at + 1;
            match node.kind & KIND_MASK {
                KIND_OBJECT => {
                    let token = unescape_token(raw);
                    // A repeated key: the member itself is its first
                    // occurrence, the path goes on in the last (the value
                    // the reader keeps).
                    let go_on = tokens.peek().is_some();
                    if let Some(slots) = self.index_of(at) {
                        child = self.find_in_index(nodes, slots, &token, go_on)?;
                    } else {
                        let mut found = None;
                        while child < end {
                            let c = nodes.get(child)?;
                            if self.key_is(c, &token) {
                                found = Some(child);
                                if !go_on {
                                    break;
                                }
                            }
                            child = c.next.get();
                        }
                        child = found?;
                    }
                }
                KIND_ARRAY => {
                    let mut index = array_index(raw)?;
                    if let Some(slots) = self.index_of(at) {
                        child = slots.get(index / STRIDE)?.child;
                        index %= STRIDE;
                    }
                    for _ in 0..index {
                        if child >= end {
                            return None;
                        }
                        child = nodes.get(child)?.next.get();
                    }
                    if child >= end {
                        return None;
                    }
                }
                _ => return None,
            }
            at = child;
        }
        Some(nodes.get(at)?.pos.get())
    }

    /// The lookup index of a large container.
    fn index_of(&self, node: usize) -> Option<&[Slot]> {
        let i = self.bigs.binary_search_by_key(&node, |b| b.node).ok()?;
        let big = self.bigs.get(i)?;
        self.slots.get(big.start..big.end)
    }

    /// The first (or, with `last`, the last) member with this key, in a
    /// large object's index: a binary search in the run of its hash, which
    /// is sorted by key, then document order.
    fn find_in_index<I: Idx>(
        &self,
        nodes: &[Node<I>],
        slots: &[Slot],
        token: &str,
        last: bool,
    ) -> Option<usize> {
        let hash = key_hash(token.as_bytes());
        let lo = slots.partition_point(|s| s.hash < hash);
        let hi = slots.partition_point(|s| s.hash <= hash);
        let run = slots.get(lo..hi)?;
        let key = |s: &Slot| nodes.get(s.child).and_then(|c| self.key_of(c));
        let at = if last {
            run.partition_point(|s| key(s).is_some_and(|k| k.as_ref() <= token))
                .checked_sub(1)?
        } else {
            run.partition_point(|s| key(s).is_some_and(|k| k.as_ref() < token))
        };
        let slot = run.get(at)?;
        nodes
            .get(slot.child)
            .is_some_and(|c| self.key_is(c, token))
            .then_some(slot.child)
    }

    /// A member's key, unescaped.
    fn key_of<I: Idx>(&self, node: &Node<I>) -> Option<Cow<'_, str>> {
        if node.kind & FLAG_MEMBER == 0 {
            return None;
        }
        let start = node.pos.get() + 1;
        let raw = self.text.get(start..start + node.key_len.get())?;
        if node.kind & FLAG_ESCAPED == 0 {
            Some(Cow::Borrowed(raw))
        } else {
            decode_escaped(raw).map(Cow::Owned)
        }
    }

    fn key_is<I: Idx>(&self, node: &Node<I>, token: &str) -> bool {
        if node.kind & FLAG_MEMBER == 0 {
            return false;
        }
        let start = node.pos.get() + 1;
        let Some(raw) = self.text.get(start..start + node.key_len.get()) else {
            return false;
        };
        if node.kind & FLAG_ESCAPED == 0 {
            raw == token
        } else {
            decode_escaped(raw).is_some_and(|k| k == token)
        }
    }
}

/// The 1-based line of an offset and the offset where that line starts.
fn line_of<I: Idx>(newlines: &[I], offset: usize) -> (usize, usize) {
    let before = newlines.partition_point(|nl| nl.get() < offset);
    let start = match before.checked_sub(1) {
        Some(prev) => newlines.get(prev).map_or(0, |nl| nl.get() + 1),
        None => 0,
    };
    (before + 1, start)
}

/// Counts the characters of a UTF-8 byte slice (bytes that do not continue a
/// character).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// `~1` is `/`, then `~0` is `~` (RFC 6901, section 4).
fn unescape_token(raw: &str) -> Cow<'_, str> {
    if raw.contains('~') {
        Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// `~` becomes `~0` and `/` becomes `~1`.
fn push_escaped_token(out: &mut String, token: &str) {
    if token.contains(['~', '/']) {
        for c in token.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    } else {
        out.push_str(token);
    }
}

/// An RFC 6901 array index: `0`, or digits without a leading zero.
fn array_index(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    match bytes {
        [b'0'] => Some(0),
        [b'1'..=b'9', rest @ ..] if rest.iter().all(u8::is_ascii_digit) => raw.parse().ok(),
        _ => None,
    }
}

/// The value of a string's raw text (between its quotes), which is known to
/// be valid.
fn decode_escaped(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut seg = 0;
    let mut at = find_special(bytes, 0);
    while at < bytes.len() {
        out.push_str(raw.get(seg..at)?);
        at = unescape_into(bytes, at, &mut out)?;
        seg = at;
        at = find_special(bytes, at);
    }
    out.push_str(raw.get(seg..)?);
    Some(out)
}

// ---------------------------------------------------------------------------
// The scan.

/// serde_json starts with a depth budget of 128 and fails when it reaches 0:
/// 127 nested containers are fine, the 128th is not.
const MAX_DEPTH: usize = 127;

/// Parses the whole text (one JSON value, whitespace around it allowed).
///
/// Succeeds exactly when `serde_json::from_str::<serde_json::Value>(text)`
/// does, and then `value.into_value()` equals serde_json's value. On failure
/// the error is serde_json's.
pub fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let parsed = if u32::try_from(text.len()).is_ok() {
        scan::<u32>(text)
    } else {
        scan::<usize>(text)
    };
    parsed.ok_or_else(|| syntax_error(text))
}

fn scan<I: Idx>(text: &str) -> Option<Parsed> {
    let mut scan = Scan::<I>::new(text);
    let value = scan.document().ok()?;
    Some(scan.finish(text, value))
}

/// What serde_json says about a text the scan rejected.
fn syntax_error(text: &str) -> SyntaxError {
    match serde_json::from_str::<Value>(text) {
        Err(e) => {
            let (line, column) = (e.line(), e.column());
            let full = e.to_string();
            let suffix = format!(" at line {line} column {column}");
            let message = match full.strip_suffix(&suffix) {
                Some(m) if line != 0 => m.to_owned(),
                _ => full,
            };
            let limit = message == "recursion limit exceeded";
            SyntaxError {
                message,
                line,
                column,
                limit,
            }
        }
        // Never happens (the differential tests check it); said plainly if it does.
        Ok(_) => SyntaxError {
            message: "json: the scan rejected a text that serde_json accepts".to_owned(),
            line: 0,
            column: 0,
            limit: false,
        },
    }
}

/// The scan found something serde_json would reject; which error it is is
/// asked of serde_json.
#[derive(Debug)]
struct Reject;

type Res<T> = Result<T, Reject>;

/// An open array or object.
#[derive(Debug, Clone, Copy)]
struct Frame {
    object: bool,
    /// Where its members (in `members`) or elements (in `elems`) start.
    start: usize,
    /// Its node.
    node: usize,
    /// Its index in its parent, when the parent is an array.
    index: usize,
}

struct Scan<'t, I> {
    text: &'t str,
    bytes: &'t [u8],
    i: usize,
    newlines: Vec<I>,
    nodes: Vec<Node<I>>,
    /// Elements of the open arrays, innermost last.
    elems: Vec<Json>,
    /// Members of the open objects, innermost last.
    members: Vec<(String, Json)>,
    /// The keys of open containers that are object members.
    keys: Vec<String>,
    frames: Vec<Frame>,
    /// The current member's key, and its node bits.
    key: String,
    key_pos: usize,
    key_len: usize,
    key_flags: u8,
    /// (pointer, offset of the repeated key).
    duplicates: Vec<(String, usize)>,
    /// Lookup indexes of large containers.
    bigs: Vec<Big>,
    slots: Vec<Slot>,
    /// (hash, member index, child node), reused between large objects.
    scratch: Vec<(u64, usize, usize)>,
}

impl<'t, I: Idx> Scan<'t, I> {
    fn new(text: &'t str) -> Self {
        let n = text.len();
        Scan {
            text,
            bytes: text.as_bytes(),
            i: 0,
            newlines: Vec::with_capacity(n / 32 + 4),
            nodes: Vec::with_capacity(n / 24 + 4),
            elems: Vec::with_capacity(64),
            members: Vec::with_capacity(64),
            keys: Vec::with_capacity(16),
            frames: Vec::with_capacity(16),
            key: String::new(),
            key_pos: 0,
            key_len: 0,
            key_flags: 0,
            duplicates: Vec::new(),
            bigs: Vec::new(),
            slots: Vec::new(),
            scratch: Vec::new(),
        }
    }

    fn finish(self, text: &str, value: Json) -> Parsed {
        let mut bigs = self.bigs;
        bigs.sort_unstable_by_key(|b| b.node);
        let spans = Spans {
            text: text.into(),
            table: I::table(Index {
                nodes: self.nodes,
                newlines: self.newlines,
            }),
            bigs,
            slots: self.slots,
        };
        let mut found = self.duplicates;
        found.sort_by_key(|&(_, offset)| offset);
        let offsets: Vec<usize> = found.iter().map(|&(_, offset)| offset).collect();
        let duplicates = found
            .into_iter()
            .zip(spans.positions_at(&offsets))
            .map(|((pointer, _), at)| Duplicate { pointer, at })
            .collect();
        Parsed {
            value,
            spans,
            duplicates,
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        match self.bytes.get(self.i) {
            Some(&b) if b > b' ' => {}
            // One space (after a colon, in pretty-printed text).
            Some(b' ') if self.bytes.get(self.i + 1).is_some_and(|&c| c > b' ') => self.i += 1,
            // A newline and its indentation (pretty-printed text).
            Some(b'\n') => {
                self.newlines.push(I::of(self.i));
                self.i = skip_spaces(self.bytes, self.i + 1);
                if self.bytes.get(self.i).is_some_and(|&c| c <= b' ') {
                    self.skip_ws_slow();
                }
            }
            Some(_) => self.skip_ws_slow(),
            None => {}
        }
    }

    #[inline(never)]
    fn skip_ws_slow(&mut self) {
        let bytes = self.bytes;
        let mut i = self.i;
        while let Some(&b) = bytes.get(i) {
            match b {
                b' ' | b'\t' | b'\r' => i += 1,
                b'\n' => {
                    self.newlines.push(I::of(i));
                    i = skip_spaces(bytes, i + 1);
                }
                _ => break,
            }
        }
        self.i = i;
    }

    #[inline(always)]
    fn push_node(&mut self, pos: usize, kind: u8, key_len: usize) -> usize {
        let index = self.nodes.len();
        self.nodes.push(Node {
            pos: I::of(pos),
            next: I::of(index + 1),
            key_len: I::of(key_len),
            kind,
        });
        index
    }

    /// After `{` or `,` in an object, with whitespace skipped: the key, the
    /// colon and the whitespace before the value.
    #[inline(always)]
    fn member_head(&mut self) -> Res<()> {
        if self.peek() != Some(b'"') {
            return Err(Reject);
        }
        let pos = self.i;
        let (key, escaped) = self.string()?;
        self.key = key;
        self.key_pos = pos;
        self.key_len = self.i - pos - 2;
        self.key_flags = if escaped {
            FLAG_MEMBER | FLAG_ESCAPED
        } else {
            FLAG_MEMBER
        };
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(Reject);
        }
        self.i += 1;
        self.skip_ws();
        Ok(())
    }

    /// The document: one value and whitespace.
    fn document(&mut self) -> Res<Json> {
        self.skip_ws();
        let value = self.values()?;
        self.skip_ws();
        if self.i != self.bytes.len() {
            return Err(Reject);
        }
        Ok(value)
    }

    /// The root value, iteratively.
    fn values(&mut self) -> Res<Json> {
        // Whether the value about to be read is an object member.
        let mut member = false;
        'value: loop {
            let start = self.i;
            let (pos, flags, key_len) = if member {
                (self.key_pos, self.key_flags, self.key_len)
            } else {
                (start, 0, 0)
            };
            let mut value = match self.peek() {
                Some(b'"') => {
                    self.push_node(pos, KIND_SCALAR | flags, key_len);
                    Json::String(self.string()?.0)
                }
                Some(open @ (b'{' | b'[')) => {
                    if self.frames.len() >= MAX_DEPTH {
                        return Err(Reject);
                    }
                    let object = open == b'{';
                    let kind = if object { KIND_OBJECT } else { KIND_ARRAY };
                    let node = self.push_node(pos, kind | flags, key_len);
                    self.i += 1;
                    self.skip_ws();
                    let close = if object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.i += 1;
                        if object {
                            Json::Object(Vec::new())
                        } else {
                            Json::Array(Vec::new())
                        }
                    } else {
                        let index = match self.frames.last() {
                            Some(parent) if !parent.object => self.elems.len() - parent.start,
                            _ => 0,
                        };
                        if member {
                            self.keys.push(std::mem::take(&mut self.key));
                        }
                        self.frames.push(Frame {
                            object,
                            start: if object {
                                self.members.len()
                            } else {
                                self.elems.len()
                            },
                            node,
                            index,
                        });
                        member = object;
                        if object {
                            self.member_head()?;
                        }
                        continue 'value;
                    }
                }
                Some(b't') => {
                    self.push_node(pos, KIND_SCALAR | flags, key_len);
                    self.literal(b"true")?;
                    Json::Bool(true)
                }
                Some(b'f') => {
                    self.push_node(pos, KIND_SCALAR | flags, key_len);
                    self.literal(b"false")?;
                    Json::Bool(false)
                }
                Some(b'n') => {
                    self.push_node(pos, KIND_SCALAR | flags, key_len);
                    self.literal(b"null")?;
                    Json::Null
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.push_node(pos, KIND_SCALAR | flags, key_len);
                    Json::Number(self.number()?)
                }
                _ => return Err(Reject),
            };
            // A value is complete: hand it to its container, and close every
            // container that ends here.
            loop {
                let Some(&frame) = self.frames.last() else {
                    return Ok(value);
                };
                if frame.object {
                    self.members.push((std::mem::take(&mut self.key), value));
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => {
                            self.i += 1;
                            self.skip_ws();
                            self.member_head()?;
                            member = true;
                            continue 'value;
                        }
                        Some(b'}') => {
                            self.i += 1;
                            let members = self.members.split_off(frame.start);
                            self.check_duplicates(&members, frame.node);
                            value = Json::Object(members);
                        }
                        _ => return Err(Reject),
                    }
                } else {
                    self.elems.push(value);
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => {
                            self.i += 1;
                            self.skip_ws();
                            member = false;
                            continue 'value;
                        }
                        Some(b']') => {
                            self.i += 1;
                            let items = self.elems.split_off(frame.start);
                            self.index_array(items.len(), frame.node);
                            value = Json::Array(items);
                        }
                        _ => return Err(Reject),
                    }
                }
                // `value` is the container just closed.
                let end = self.nodes.len();
                if let Some(node) = self.nodes.get_mut(frame.node) {
                    node.next = I::of(end);
                }
                self.frames.pop();
                if let Some(parent) = self.frames.last() {
                    if parent.object {
                        self.key = self.keys.pop().unwrap_or_default();
                    }
                }
            }
        }
    }

    #[inline(always)]
    fn literal(&mut self, word: &[u8]) -> Res<()> {
        if self.bytes.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(())
        } else {
            Err(Reject)
        }
    }

    /// A string at its opening quote: its value and whether it had escapes.
    #[inline(always)]
    fn string(&mut self) -> Res<(String, bool)> {
        let start = self.i + 1;
        let end = find_special(self.bytes, start);
        match self.bytes.get(end) {
            Some(b'"') => {
                self.i = end + 1;
                let s = self.text.get(start..end).ok_or(Reject)?;
                Ok((s.to_owned(), false))
            }
            Some(b'\\') => Ok((self.string_escaped(start, end)?, true)),
            _ => Err(Reject),
        }
    }

    #[cold]
    #[inline(never)]
    fn string_escaped(&mut self, start: usize, mut at: usize) -> Res<String> {
        let bytes = self.bytes;
        let mut out = String::with_capacity(at - start + 16);
        let mut seg = start;
        loop {
            match bytes.get(at) {
                Some(b'"') => {
                    out.push_str(self.text.get(seg..at).ok_or(Reject)?);
                    self.i = at + 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(seg..at).ok_or(Reject)?);
                    at = unescape_into(bytes, at, &mut out).ok_or(Reject)?;
                    seg = at;
                    at = find_special(bytes, at);
                }
                _ => return Err(Reject),
            }
        }
    }

    /// A number at its first byte (`-` or a digit).
    #[inline(always)]
    fn number(&mut self) -> Res<Number> {
        let bytes = self.bytes;
        let start = self.i;
        let mut i = start;
        let negative = bytes.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        let int_start = i;
        let mut significand: u64 = 0;
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if matches!(bytes.get(i), Some(b'0'..=b'9')) {
                    return Err(Reject);
                }
            }
            Some(&d @ b'1'..=b'9') => {
                significand = u64::from(d - b'0');
                i += 1;
                while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
                    significand = significand
                        .wrapping_mul(10)
                        .wrapping_add(u64::from(d - b'0'));
                    i += 1;
                }
            }
            _ => return Err(Reject),
        }
        let int_digits = i - int_start;
        let next = bytes.get(i).copied();
        if !matches!(next, Some(b'.' | b'e' | b'E')) {
            self.i = i;
            if int_digits <= 19 {
                return Ok(integer(negative, significand));
            }
            return self.long_number(start, i);
        }
        // A fraction and/or an exponent.
        let mut frac_digits = 0usize;
        if next == Some(b'.') {
            i += 1;
            let frac_start = i;
            while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
                significand = significand
                    .wrapping_mul(10)
                    .wrapping_add(u64::from(d - b'0'));
                i += 1;
            }
            frac_digits = i - frac_start;
            if frac_digits == 0 {
                return Err(Reject);
            }
        }
        let mut exponent: i64 = 0;
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            let exp_negative = match bytes.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let exp_start = i;
            while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
                if exponent < 1_000_000 {
                    exponent = exponent * 10 + i64::from(d - b'0');
                }
                i += 1;
            }
            if i == exp_start {
                return Err(Reject);
            }
            if exp_negative {
                exponent = -exponent;
            }
        }
        self.i = i;
        // Clinger's fast path: the significand and the power of ten are both
        // exact doubles, so one correctly rounded operation gives the
        // correctly rounded value, which is what any correct parser (and
        // serde_json's, whose own fast path is this one) returns.
        let digits = int_digits + frac_digits;
        let e10 = exponent - frac_digits as i64;
        if digits <= 19 && significand < (1u64 << 53) && (-22..=22).contains(&e10) {
            let power = POW10
                .get(e10.unsigned_abs() as usize)
                .copied()
                .unwrap_or(1.0);
            let mut f = significand as f64;
            if e10 < 0 {
                f /= power;
            } else {
                f *= power;
            }
            if negative {
                f = -f;
            }
            return Number::from_f64(f).ok_or(Reject);
        }
        self.long_number(start, i)
    }

    /// Any other number: serde_json's own parser reads it.
    #[cold]
    #[inline(never)]
    fn long_number(&self, start: usize, end: usize) -> Res<Number> {
        let slice = self.text.get(start..end).ok_or(Reject)?;
        serde_json::from_str::<Number>(slice).map_err(|_| Reject)
    }

    /// Duplicate keys of an object that just closed: a linear check for a
    /// small object; a large one has its keys sorted by hash (ties by key),
    /// which finds the repeats in O(n log n) and is kept as the object's
    /// lookup index.
    fn check_duplicates(&mut self, members: &[(String, Json)], node: usize) {
        let n = members.len();
        if n < 2 {
            return;
        }
        if n <= SMALL {
            for (i, (key, _)) in members.iter().enumerate().skip(1) {
                let earlier = members.get(..i).unwrap_or_default();
                if earlier.iter().any(|(k, _)| k == key) {
                    let offset = self.child_offset(node, i);
                    self.record_duplicate(key, offset);
                }
            }
            return;
        }
        let mut sorted = std::mem::take(&mut self.scratch);
        sorted.clear();
        let mut child = node + 1;
        for (i, (key, _)) in members.iter().enumerate() {
            sorted.push((key_hash(key.as_bytes()), i, child));
            child = self.nodes.get(child).map_or(child, |c| c.next.get());
        }
        let key_of = |i: usize| members.get(i).map_or("", |(k, _)| k.as_str());
        sorted.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| key_of(a.1).cmp(key_of(b.1)))
                .then(a.1.cmp(&b.1))
        });
        for pair in sorted.windows(2) {
            if let [(h0, i0, _), (h1, i1, child1)] = *pair {
                if h0 == h1 && key_of(i0) == key_of(i1) {
                    let offset = self.nodes.get(child1).map_or(0, |c| c.pos.get());
                    self.record_duplicate(key_of(i1), offset);
                }
            }
        }
        let start = self.slots.len();
        self.slots
            .extend(sorted.iter().map(|&(hash, _, child)| Slot { hash, child }));
        self.bigs.push(Big {
            node,
            start,
            end: self.slots.len(),
        });
        self.scratch = sorted;
    }

    /// An array that just closed: a large one gets every `STRIDE`-th
    /// element's node recorded, so that an index lookup skips at most
    /// `STRIDE - 1` siblings.
    fn index_array(&mut self, len: usize, node: usize) {
        if len <= SMALL {
            return;
        }
        let start = self.slots.len();
        let mut child = node + 1;
        for i in 0..len {
            if i % STRIDE == 0 {
                self.slots.push(Slot { hash: 0, child });
            }
            child = self.nodes.get(child).map_or(child, |c| c.next.get());
        }
        self.bigs.push(Big {
            node,
            start,
            end: self.slots.len(),
        });
    }

    /// The offset of the `index`-th child of a node.
    fn child_offset(&self, node: usize, index: usize) -> usize {
        let mut child = node + 1;
        for _ in 0..index {
            child = self.nodes.get(child).map_or(child, |n| n.next.get());
        }
        self.nodes.get(child).map_or(0, |n| n.pos.get())
    }

    #[cold]
    #[inline(never)]
    fn record_duplicate(&mut self, key: &str, offset: usize) {
        // The pointer: the open frames down to this object, then the key.
        let mut pointer = String::new();
        let mut keys = self.keys.iter();
        for pair in self.frames.windows(2) {
            if let [parent, child] = pair {
                pointer.push('/');
                if parent.object {
                    if let Some(k) = keys.next() {
                        push_escaped_token(&mut pointer, k);
                    }
                } else {
                    pointer.push_str(&child.index.to_string());
                }
            }
        }
        pointer.push('/');
        push_escaped_token(&mut pointer, key);
        self.duplicates.push((pointer, offset));
    }
}

/// Containers with more members than this get a lookup index.
const SMALL: usize = 16;
/// The distance between the recorded elements of a large array.
const STRIDE: usize = 16;

/// A fast hash of a key's bytes (FxHash's mixing, with the length), to sort
/// the keys of large objects. Not keyed: collisions only cost comparisons,
/// since ties are broken by the keys themselves.
fn key_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let w = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut w = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        w |= u64::from(b) << (8 * i);
    }
    h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    h ^ (h >> 32)
}

/// An integer of at most 19 digits, as serde_json makes it: `u64` when
/// positive, `i64` when negative, and `f64` for `-0` and for negative values
/// below `i64::MIN`.
#[inline(always)]
fn integer(negative: bool, significand: u64) -> Number {
    if !negative {
        return Number::from(significand);
    }
    let neg = (significand as i64).wrapping_neg();
    if neg >= 0 {
        // `-0`, or below i64::MIN: serde_json's `-(significand as f64)`.
        Number::from_f64(-(significand as f64)).unwrap_or_else(|| Number::from(0u8))
    } else {
        Number::from(neg)
    }
}

static POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The index of the first byte at or after `i` that is not a space (the
/// indentation after a newline), eight bytes at a time.
#[inline(always)]
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let other = u64::from_le_bytes(chunk) ^ SPACES;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// The index of the first `"`, `\` or control character at or after `i`, or
/// the length of `bytes`. Eight bytes at a time.
#[inline(always)]
fn find_special(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(chunk);
        let ctrl = w.wrapping_sub(ONES * 0x20) & !w;
        let q = w ^ (ONES * u64::from(b'"'));
        let quote = q.wrapping_sub(ONES) & !q;
        let s = w ^ (ONES * u64::from(b'\\'));
        let slash = s.wrapping_sub(ONES) & !s;
        let found = (ctrl | quote | slash) & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

/// Decodes the escape at `at` (a backslash) into `out`; the index after it.
/// `None` for anything serde_json rejects (unknown escape, bad hex, a lone
/// surrogate).
fn unescape_into(bytes: &[u8], at: usize, out: &mut String) -> Option<usize> {
    let c = match bytes.get(at + 1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let n = hex4(bytes, at + 2)?;
            let (c, len) = match n {
                0xDC00..=0xDFFF => return None,
                0xD800..=0xDBFF => {
                    if bytes.get(at + 6) != Some(&b'\\') || bytes.get(at + 7) != Some(&b'u') {
                        return None;
                    }
                    let n2 = hex4(bytes, at + 8)?;
                    if !(0xDC00..=0xDFFF).contains(&n2) {
                        return None;
                    }
                    let code = (((n - 0xD800) << 10) | (n2 - 0xDC00)) + 0x1_0000;
                    (char::from_u32(code)?, 12)
                }
                n => (char::from_u32(n)?, 6),
            };
            out.push(c);
            return Some(at + len);
        }
        _ => return None,
    };
    out.push(c);
    Some(at + 2)
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    let mut n = 0u32;
    for &d in digits {
        n = (n << 4) | char::from(d).to_digit(16)?;
    }
    Some(n)
}
