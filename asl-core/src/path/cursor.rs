//! Character-level scanning shared by the path and intrinsic parsers.
//!
//! The cursor only ever moves by whole `char`s, so every position it hands
//! out is a valid char boundary of the source string.

/// A read position in a source string.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor over `src` starting at byte `pos` (which must be a char
    /// boundary; anything else reads as the end of input).
    pub(crate) fn new(src: &'a str, pos: usize) -> Self {
        Cursor { src, pos }
    }

    /// The byte offset of the next character.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Moves back to a position previously returned by [`Cursor::pos`].
    pub(crate) fn reset(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// The unread part of the source.
    pub(crate) fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    /// The text between `start` and the current position.
    pub(crate) fn since(&self, start: usize) -> &'a str {
        self.src.get(start..self.pos).unwrap_or("")
    }

    /// The next character, if any.
    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The character after the next one, if any.
    pub(crate) fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    /// Consumes and returns the next character.
    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Consumes `c` if it is the next character.
    pub(crate) fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// Consumes `s` if the unread text starts with it.
    pub(crate) fn eat_str(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// Whether the unread text starts with `s`.
    pub(crate) fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// Skips spaces, tabs and line breaks.
    pub(crate) fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.bump();
        }
    }

    /// Consumes a run of ASCII digits and returns how many there were.
    pub(crate) fn digits(&mut self) -> usize {
        let mut n = 0;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            n += 1;
        }
        n
    }

    /// Scans a JSON-style number (`-12`, `3.5`, `1e-3`) and returns its text,
    /// or the offset and message of the first problem.
    pub(crate) fn number(&mut self) -> Result<&'a str, (usize, &'static str)> {
        let start = self.pos;
        self.eat('-');
        if self.digits() == 0 {
            return Err((self.pos, "expected a digit"));
        }
        if self.eat('.') && self.digits() == 0 {
            return Err((self.pos, "expected a digit after '.'"));
        }
        if self.eat('e') || self.eat('E') {
            if !self.eat('+') {
                self.eat('-');
            }
            if self.digits() == 0 {
                return Err((self.pos, "expected a digit in the exponent"));
            }
        }
        Ok(self.since(start))
    }
}

/// Whitespace allowed between tokens and at the end of an expression.
pub(crate) fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_by_whole_chars() {
        let mut c = Cursor::new("Ж中𐍆", 0);
        assert_eq!(c.bump(), Some('Ж'));
        assert_eq!(c.pos(), 2);
        assert_eq!(c.peek_second(), Some('𐍆'));
        assert_eq!(c.bump(), Some('中'));
        assert_eq!(c.bump(), Some('𐍆'));
        assert_eq!(c.bump(), None);
        assert_eq!(c.since(2), "中𐍆");
    }

    #[test]
    fn a_position_inside_a_char_reads_as_the_end() {
        let c = Cursor::new("Ж", 1);
        assert_eq!(c.peek(), None);
        assert_eq!(c.rest(), "");
    }

    #[test]
    fn numbers() {
        for ok in ["0", "-12", "3.25", "1e5", "-2.5E-3", "7e+2"] {
            assert_eq!(Cursor::new(ok, 0).number(), Ok(ok), "{ok}");
        }
        assert_eq!(Cursor::new("-x", 0).number(), Err((1, "expected a digit")));
        assert_eq!(
            Cursor::new("1.x", 0).number(),
            Err((2, "expected a digit after '.'"))
        );
        assert_eq!(
            Cursor::new("1e", 0).number(),
            Err((2, "expected a digit in the exponent"))
        );
    }
}
