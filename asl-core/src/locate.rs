//! The line and column of a byte offset in a source text (for the errors
//! found before the text is scanned, or where the scan stopped).

pub use crate::scan::Position;

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
