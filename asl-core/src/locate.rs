//! Where a JSON pointer's value sits in a source text, as a line and
//! column.
//!
//! [`validate_str`](crate::validate_str) and [`parse_lenient`](crate::parse_lenient)
//! already give every diagnostic and error its line and column (from the
//! one scan of the text they make); [`locate`] is for a pointer found some
//! other way.

pub use crate::scan::Position;

/// Where the value named by `pointer` starts in `src`: for an object
/// member, the position of its key (what a reader looks for); for an array
/// element, the element; for `/` (or `""`), the document. `None` when the
/// pointer does not resolve, or when `src` is not JSON (except for `/`:
/// the first character that is not whitespace). Of a key repeated in one
/// object, the pointer's last token names the first occurrence, and a
/// longer pointer goes on in the last occurrence (the value a reader keeps).
///
/// It scans the whole text each time.
///
/// ```
/// let src = "{\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\"}\n  }\n}";
/// let p = asl_core::locate::locate(src, "/States/A/Type").unwrap();
/// assert_eq!((p.line, p.column), (3, 11));
/// assert_eq!(asl_core::locate::locate("  {oops", "/").map(|p| p.column), Some(3));
/// ```
pub fn locate(src: &str, pointer: &str) -> Option<Position> {
    if matches!(pointer, "" | "/") {
        let start = src.len() - src.trim_start_matches([' ', '\t', '\n', '\r']).len();
        return Some(position(src, start));
    }
    crate::scan::parse(src).ok()?.spans.position(pointer)
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
