//! Checks a regular expression the way JavaScript's `RegExp` constructor
//! does without the `u` flag (ECMAScript with the web-compatibility rules of
//! Annex B), which is what jsonata-js hands regex literals and function
//! signatures to.
//!
//! Only the syntax is checked; nothing is compiled. The checks follow
//! ECMAScript 2025: group modifiers such as `(?i:…)` are accepted, and so is
//! a capture group name repeated in different alternatives (`(?<y>\d{4})|(?<y>\d{2})`).
//! Older engines (Node.js 20 and 22) reject both.

/// Returns a lower-case description of the first syntax error, if any.
pub(crate) fn validate(pattern: &str) -> Result<(), &'static str> {
    let units: Vec<u16> = pattern.encode_utf16().collect();
    Checker {
        named_groups: has_named_groups(&units),
        s: &units,
        i: 0,
        names: Vec::new(),
        references: Vec::new(),
    }
    .run()
}

/// Whether a term can take a quantifier.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of an alternative: nothing to repeat.
    Nothing,
    /// An atom: may be quantified.
    Atom,
    /// An assertion or an already quantified atom.
    NotRepeatable,
}

/// A character class member.
#[derive(Clone, Copy)]
enum ClassAtom {
    Char(u32),
    /// `\d`, `\w`, `\s` and their negations.
    Set,
}

fn unit(c: char) -> u16 {
    let mut buf = [0u16; 2];
    c.encode_utf16(&mut buf).first().copied().unwrap_or(0)
}

fn is(u: Option<u16>, c: char) -> bool {
    u == Some(unit(c))
}

fn ascii(u: u16) -> Option<u8> {
    u8::try_from(u).ok().filter(u8::is_ascii)
}

fn hex_value(u: u16) -> Option<u32> {
    ascii(u).and_then(|b| char::from(b).to_digit(16))
}

/// A pre-scan: does the pattern define any `(?<name>…)` group? If so, `\k`
/// must be a valid named reference everywhere in the pattern.
fn has_named_groups(s: &[u16]) -> bool {
    let mut i = 0;
    let mut in_class = false;
    while let Some(&u) = s.get(i) {
        match ascii(u) {
            Some(b'\\') => i += 1,
            Some(b'[') => in_class = true,
            Some(b']') => in_class = false,
            Some(b'(') if !in_class => {
                let next = |k: usize| s.get(i + k).copied();
                if is(next(1), '?') && is(next(2), '<') && !is(next(3), '=') && !is(next(3), '!') {
                    return true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

struct Checker<'a> {
    s: &'a [u16],
    i: usize,
    named_groups: bool,
    names: Vec<Vec<u16>>,
    references: Vec<Vec<u16>>,
}

/// An open group (or the whole pattern) while scanning.
#[derive(Default)]
struct Group {
    /// Whether the group can be quantified once closed.
    quantifiable: bool,
    /// Capture names declared in the current alternative of this group.
    current: Vec<Vec<u16>>,
    /// Capture names declared in the earlier alternatives.
    earlier: Vec<Vec<u16>>,
}

impl Checker<'_> {
    fn peek(&self, ahead: usize) -> Option<u16> {
        self.s.get(self.i + ahead).copied()
    }

    fn at(&self, ahead: usize, c: char) -> bool {
        is(self.peek(ahead), c)
    }

    fn run(mut self) -> Result<(), &'static str> {
        // The whole pattern, then one entry per open group.
        let mut groups: Vec<Group> = vec![Group::default()];
        let mut prev = Prev::Nothing;
        while let Some(u) = self.peek(0) {
            match ascii(u) {
                Some(b'|') => {
                    self.i += 1;
                    if let Some(group) = groups.last_mut() {
                        let names = std::mem::take(&mut group.current);
                        group.earlier.extend(names);
                    }
                    prev = Prev::Nothing;
                }
                Some(b'(') => {
                    let (quantifiable, name) = self.group_open()?;
                    if let Some(name) = name {
                        // A name may repeat only in another alternative.
                        if groups.iter().any(|g| g.current.contains(&name)) {
                            return Err("duplicate capture group name");
                        }
                        if let Some(group) = groups.last_mut() {
                            group.current.push(name);
                        }
                    }
                    groups.push(Group {
                        quantifiable,
                        ..Group::default()
                    });
                    prev = Prev::Nothing;
                }
                Some(b')') => {
                    if groups.len() < 2 {
                        return Err("unmatched ')'");
                    }
                    let Some(closed) = groups.pop() else {
                        return Err("unmatched ')'");
                    };
                    if let Some(parent) = groups.last_mut() {
                        parent.current.extend(closed.earlier);
                        parent.current.extend(closed.current);
                    }
                    self.i += 1;
                    prev = if closed.quantifiable {
                        Prev::Atom
                    } else {
                        Prev::NotRepeatable
                    };
                }
                Some(b'*' | b'+' | b'?') => {
                    if prev != Prev::Atom {
                        return Err("nothing to repeat");
                    }
                    self.i += 1;
                    self.lazy();
                    prev = Prev::NotRepeatable;
                }
                Some(b'{') => match self.braced_quantifier() {
                    Some((min, max, len)) => {
                        if prev != Prev::Atom {
                            return Err("nothing to repeat");
                        }
                        if max < min {
                            return Err("numbers out of order in {} quantifier");
                        }
                        self.i += len;
                        self.lazy();
                        prev = Prev::NotRepeatable;
                    }
                    None => {
                        self.i += 1;
                        prev = Prev::Atom;
                    }
                },
                Some(b'^' | b'$') => {
                    self.i += 1;
                    prev = Prev::NotRepeatable;
                }
                Some(b'\\') => prev = self.atom_escape()?,
                Some(b'[') => {
                    self.class()?;
                    prev = Prev::Atom;
                }
                _ => {
                    self.i += 1;
                    prev = Prev::Atom;
                }
            }
        }
        if groups.len() > 1 {
            return Err("unterminated group");
        }
        if self.references.iter().any(|r| !self.names.contains(r)) {
            return Err("invalid named capture referenced");
        }
        Ok(())
    }

    fn lazy(&mut self) {
        if self.at(0, '?') {
            self.i += 1;
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor: (min, max, length in units).
    /// Anything else is a literal `{` in Annex B.
    fn braced_quantifier(&self) -> Option<(u64, u64, usize)> {
        let mut k = 1;
        let digits = |k: &mut usize| -> Option<u64> {
            let mut value: Option<u64> = None;
            while let Some(d) = self.peek(*k).and_then(ascii).filter(u8::is_ascii_digit) {
                value = Some(
                    value
                        .unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(u64::from(d - b'0')),
                );
                *k += 1;
            }
            value
        };
        let min = digits(&mut k)?;
        let mut max = min;
        if self.at(k, ',') {
            k += 1;
            max = digits(&mut k).unwrap_or(u64::MAX);
        }
        self.at(k, '}').then_some((min, max, k + 1))
    }

    /// Consumes a group opening; returns whether the group is quantifiable
    /// and the capture name, if any.
    fn group_open(&mut self) -> Result<(bool, Option<Vec<u16>>), &'static str> {
        self.i += 1; // '('
        if !self.at(0, '?') {
            return Ok((true, None));
        }
        match self.peek(1).and_then(ascii) {
            Some(b':' | b'=' | b'!') => {
                self.i += 2;
                Ok((true, None))
            }
            Some(b'<') if self.at(2, '=') || self.at(2, '!') => {
                // Lookbehind assertions cannot be quantified.
                self.i += 3;
                Ok((false, None))
            }
            Some(b'<') => {
                self.i += 2;
                let name = self.group_name().ok_or("invalid capture group name")?;
                self.names.push(name.clone());
                Ok((true, Some(name)))
            }
            _ => {
                self.i += 1;
                self.modifiers()?;
                Ok((true, None))
            }
        }
    }

    /// `(?ims-ims:` group modifiers (ECMAScript 2025); the cursor is after `?`.
    fn modifiers(&mut self) -> Result<(), &'static str> {
        let mut seen = [false; 3];
        let mut add = 0;
        let mut remove = 0;
        let mut removing = false;
        loop {
            let Some(u) = self.peek(0) else {
                return Err("invalid group");
            };
            self.i += 1;
            let slot = match ascii(u) {
                Some(b':') => break,
                Some(b'-') if !removing => {
                    removing = true;
                    continue;
                }
                Some(b'i') => 0,
                Some(b'm') => 1,
                Some(b's') => 2,
                _ => return Err("invalid group"),
            };
            let Some(flag) = seen.get_mut(slot) else {
                return Err("invalid group");
            };
            if *flag {
                return Err("repeated flag in modifiers group");
            }
            *flag = true;
            if removing {
                remove += 1;
            } else {
                add += 1;
            }
        }
        if removing && add + remove == 0 {
            return Err("invalid group");
        }
        Ok(())
    }

    /// A capture group name up to and including `>`; the cursor is after `<`.
    fn group_name(&mut self) -> Option<Vec<u16>> {
        let mut name = Vec::new();
        loop {
            let u = self.peek(0)?;
            if is(Some(u), '>') {
                self.i += 1;
                return (!name.is_empty()).then_some(name);
            }
            let c = if is(Some(u), '\\') {
                self.i += 1;
                self.name_escape()?
            } else {
                self.i += 1;
                self.code_point_from(u)
            };
            let ok = if name.is_empty() {
                c == '$' || c == '_' || c.is_alphabetic()
            } else {
                c == '$'
                    || c == '_'
                    || c == '\u{200C}'
                    || c == '\u{200D}'
                    || c.is_alphanumeric()
                    || is_mark(c)
            };
            if !ok {
                return None;
            }
            let mut buf = [0u16; 2];
            name.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }

    /// Joins a high surrogate at the cursor's previous unit with a following
    /// low surrogate.
    fn code_point_from(&mut self, u: u16) -> char {
        if (0xD800..0xDC00).contains(&u) {
            if let Some(low) = self.peek(0).filter(|l| (0xDC00..0xE000).contains(l)) {
                self.i += 1;
                let cp = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                return char::from_u32(cp).unwrap_or('\u{FFFD}');
            }
        }
        char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')
    }

    /// `\uXXXX` or `\u{X…}` inside a group name; the cursor is after `\`.
    fn name_escape(&mut self) -> Option<char> {
        if !self.at(0, 'u') {
            return None;
        }
        self.i += 1;
        if self.at(0, '{') {
            self.i += 1;
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(d) = self.peek(0).and_then(hex_value) {
                value = value.checked_mul(16)?.checked_add(d)?;
                digits += 1;
                self.i += 1;
            }
            if digits == 0 || !self.at(0, '}') {
                return None;
            }
            self.i += 1;
            return char::from_u32(value);
        }
        let value = self.hex4()?;
        let u = u16::try_from(value).ok()?;
        if (0xD800..0xDC00).contains(&u) && self.at(0, '\\') && self.at(1, 'u') {
            let save = self.i;
            self.i += 2;
            if let Some(low) = self.hex4().filter(|l| (0xDC00..0xE000).contains(l)) {
                let cp = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
                return char::from_u32(cp);
            }
            self.i = save;
        }
        char::from_u32(value)
    }

    /// Four hex digits at the cursor, consumed only when all four are there.
    fn hex4(&mut self) -> Option<u32> {
        let mut value = 0;
        for k in 0..4 {
            value = value * 16 + self.peek(k).and_then(hex_value)?;
        }
        self.i += 4;
        Some(value)
    }

    /// An escape outside a class; the cursor is at `\`.
    fn atom_escape(&mut self) -> Result<Prev, &'static str> {
        self.i += 1;
        let Some(u) = self.peek(0) else {
            return Err("\\ at end of pattern");
        };
        self.i += 1;
        match ascii(u) {
            Some(b'b' | b'B') => Ok(Prev::NotRepeatable),
            Some(b'k') if self.named_groups => {
                if !self.at(0, '<') {
                    return Err("invalid named reference");
                }
                self.i += 1;
                let name = self.group_name().ok_or("invalid named reference")?;
                self.references.push(name);
                Ok(Prev::Atom)
            }
            _ => Ok(Prev::Atom),
        }
    }

    /// A character class; the cursor is at `[`.
    fn class(&mut self) -> Result<(), &'static str> {
        self.i += 1;
        if self.at(0, '^') {
            self.i += 1;
        }
        loop {
            match self.peek(0) {
                None => return Err("unterminated character class"),
                Some(u) if is(Some(u), ']') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(_) => {}
            }
            let from = self.class_atom()?;
            if self.at(0, '-') && self.peek(1).is_some() && !self.at(1, ']') {
                self.i += 1;
                let to = self.class_atom()?;
                if let (ClassAtom::Char(a), ClassAtom::Char(b)) = (from, to) {
                    if a > b {
                        return Err("range out of order in character class");
                    }
                }
            }
        }
    }

    fn class_atom(&mut self) -> Result<ClassAtom, &'static str> {
        let Some(u) = self.peek(0) else {
            return Err("unterminated character class");
        };
        self.i += 1;
        if !is(Some(u), '\\') {
            return Ok(ClassAtom::Char(u32::from(u)));
        }
        let Some(e) = self.peek(0) else {
            return Err("\\ at end of pattern");
        };
        self.i += 1;
        let value = match ascii(e) {
            Some(b'd' | b'D' | b's' | b'S' | b'w' | b'W') => return Ok(ClassAtom::Set),
            Some(b'b') => 0x08,
            Some(b'n') => 0x0A,
            Some(b't') => 0x09,
            Some(b'r') => 0x0D,
            Some(b'v') => 0x0B,
            Some(b'f') => 0x0C,
            Some(d @ b'0'..=b'7') => {
                // Legacy octal escape: up to three digits, at most 0o377.
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    match self
                        .peek(0)
                        .and_then(ascii)
                        .filter(|b| (b'0'..=b'7').contains(b))
                    {
                        Some(next) if value * 8 + u32::from(next - b'0') <= 0o377 => {
                            value = value * 8 + u32::from(next - b'0');
                            self.i += 1;
                        }
                        _ => break,
                    }
                }
                value
            }
            Some(b'x') => match (
                self.peek(0).and_then(hex_value),
                self.peek(1).and_then(hex_value),
            ) {
                (Some(hi), Some(lo)) => {
                    self.i += 2;
                    hi * 16 + lo
                }
                _ => u32::from(b'x'),
            },
            Some(b'u') => self.hex4().unwrap_or(u32::from(b'u')),
            Some(b'c') => match self.peek(0).and_then(ascii) {
                Some(c) if c.is_ascii_alphanumeric() || c == b'_' => {
                    self.i += 1;
                    u32::from(c) % 32
                }
                _ => {
                    // `\c` without a control letter: the backslash is literal.
                    self.i -= 1;
                    u32::from(b'\\')
                }
            },
            Some(b'k') if self.named_groups => return Err("invalid escape"),
            _ => u32::from(e),
        };
        Ok(ClassAtom::Char(value))
    }
}

/// Combining marks (Mn, Mc) are part of ID_Continue; approximated by the
/// main combining blocks.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}
