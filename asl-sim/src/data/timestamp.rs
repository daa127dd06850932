//! Timestamps as AWS reads them (Choice `Timestamp*`, `IsTimestamp`, Wait
//! `Timestamp`/`TimestampPath`): Java's `ISO_OFFSET_DATE_TIME`, i.e.
//! `2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123+01:00`, seconds and
//! fraction optional, `T` and `Z` in either case; an offset (`Z`, `+HH`,
//! `+HH:MM` or `+HH:MM:SS`) is required.

/// An instant: seconds since the Unix epoch and nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// Nanoseconds within the second.
    pub nanos: u32,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn digits(&mut self, n: usize) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..n {
            let b = *self.bytes.get(self.pos)?;
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
            self.pos += 1;
        }
        Some(value)
    }

    fn eat(&mut self, c: u8) -> bool {
        if self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.eq_ignore_ascii_case(&c))
        {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `n` digits, then the separator `sep` (which must follow).
    fn field(&mut self, n: usize, sep: u8) -> Option<u32> {
        let value = self.digits(n)?;
        self.eat(sep).then_some(value)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses `text` as an offset date-time; `None` when AWS would not accept it.
pub(crate) fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let mut r = Reader {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let year = i64::from(r.field(4, b'-')?);
    let month = r.field(2, b'-')?;
    let day = r.field(2, b'T')?;
    let hour = r.field(2, b':')?;
    let minute = r.digits(2)?;
    let mut second = 0;
    let mut nanos = 0u32;
    if r.eat(b':') {
        second = r.digits(2)?;
        if r.eat(b'.') {
            let mut width = 0;
            while let Some(b) = r.peek().filter(u8::is_ascii_digit) {
                if width == 9 {
                    return None;
                }
                nanos = nanos * 10 + u32::from(b - b'0');
                width += 1;
                r.pos += 1;
            }
            // Java accepts a `.` with no digits after it.
            nanos *= 10u32.pow(9 - width);
        }
    }
    let offset_seconds: i64 = if r.eat(b'Z') {
        0
    } else {
        let sign = match r.peek()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        r.pos += 1;
        // `+HH`, `+HH:MM` or `+HH:MM:SS`, as Java's offset parser takes them.
        let oh = r.digits(2)?;
        let (mut om, mut os) = (0, 0);
        if r.eat(b':') {
            om = r.digits(2)?;
            if r.eat(b':') {
                os = r.digits(2)?;
            }
        }
        if om > 59 || os > 59 || oh > 18 || (oh == 18 && (om > 0 || os > 0)) {
            return None;
        }
        sign * i64::from(oh * 3600 + om * 60 + os)
    };
    if r.pos != r.bytes.len() {
        return None;
    }
    let valid = (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour <= 23
        && minute <= 59
        && second <= 59;
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_seconds;
    Some(Timestamp { seconds, nanos })
}
