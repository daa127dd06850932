//! The 18 intrinsic functions, evaluated over a call tree from
//! [`asl_core::intrinsic::parse`].
//!
//! Type and domain errors are `States.IntrinsicFailure`; a path argument
//! that finds nothing is `States.Runtime` (as for any `.$` field).

use super::template::path_value;
use super::{type_name, Scope};
use crate::{Failure, Rng};
use asl_core::intrinsic::{Argument, ArgumentValue, IntrinsicCall, IntrinsicFunction};
use base64::Engine as _;
use serde_json::{Map, Number, Value};

/// AWS's limit on nested calls in one field.
const MAX_DEPTH: usize = asl_core::intrinsic::MAX_NESTING_DEPTH;
/// The most items `States.ArrayRange` may produce.
const MAX_RANGE_ITEMS: i64 = 1000;
/// The longest string `States.Base64Encode`/`Decode` and `States.Hash` take.
const MAX_STRING_CHARS: usize = 10_000;

/// `States.IntrinsicFailure` with this cause.
fn failure(cause: impl Into<String>) -> Failure {
    Failure::new("States.IntrinsicFailure", cause)
}

/// Evaluates the intrinsic call `expr`, the value of `field`.
pub(crate) fn call(
    expr: &str,
    field: &str,
    scope: &Scope<'_>,
    rng: &mut Rng,
) -> Result<Value, Failure> {
    let parsed = super::parse_call(scope, expr).map_err(|e| {
        failure(format!(
            "The value for the field '{field}' is not a valid intrinsic function call: {}",
            e.message()
        ))
    })?;
    let mut evaluator = Evaluator {
        src: expr,
        field,
        scope,
        rng,
    };
    evaluator.call(&parsed, 1)
}

struct Evaluator<'e, 'a> {
    /// The whole expression (argument offsets point into it).
    src: &'e str,
    field: &'e str,
    scope: &'e Scope<'a>,
    rng: &'e mut Rng,
}

fn number_literal(text: &str) -> Value {
    serde_json::from_str::<Number>(text)
        .ok()
        .map(Value::Number)
        .or_else(|| {
            text.parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Value::Number)
        })
        .unwrap_or(Value::Null)
}

/// Java's `Math.round`: to the nearest integer, halves toward +∞.
pub(crate) fn java_round(f: f64) -> f64 {
    if f - f.floor() == 0.5 {
        f.ceil()
    } else {
        f.round()
    }
}

/// An integer value: an integer, or a float with no fraction.
fn as_integer(v: &Value) -> Option<i64> {
    let n = v.as_number()?;
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    let in_range = f >= i64::MIN as f64 && f < i64::MAX as f64;
    (f.is_finite() && f.fract() == 0.0 && in_range).then_some(f as i64)
}

/// A number rounded the Java way, within `i32`.
fn rounded_i32(v: &Value) -> Option<i64> {
    let f = v.as_number()?.as_f64()?;
    let r = java_round(f);
    (r >= f64::from(i32::MIN) && r <= f64::from(i32::MAX)).then_some(r as i64)
}

impl Evaluator<'_, '_> {
    fn call(&mut self, call: &IntrinsicCall, depth: usize) -> Result<Value, Failure> {
        if depth > MAX_DEPTH {
            return Err(failure(format!(
                "The intrinsic function calls in the field '{}' are nested more than {MAX_DEPTH} levels deep",
                self.field
            )));
        }
        let Some(function) = call.function else {
            return Err(failure(format!(
                "The intrinsic function '{}' does not exist",
                call.name
            )));
        };
        let name = function.name();
        if !function.arity().accepts(call.args.len()) {
            return Err(failure(format!(
                "Invalid number of arguments for {name}: expected {}, found {}",
                function.arity(),
                call.args.len()
            )));
        }
        if function == IntrinsicFunction::Format {
            return self.format(call, depth);
        }
        let mut args = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            args.push(self.argument(arg, depth)?);
        }
        apply(function, &args, self.rng)
    }

    fn argument(&mut self, arg: &Argument, depth: usize) -> Result<Value, Failure> {
        Ok(match &arg.value {
            ArgumentValue::String(s) => Value::String(s.clone()),
            ArgumentValue::Number(n) => number_literal(n.as_str()),
            ArgumentValue::Boolean(b) => Value::Bool(*b),
            ArgumentValue::Null => Value::Null,
            ArgumentValue::Path(p) => path_value(p, self.field, self.scope)?,
            ArgumentValue::Call(inner) => self.call(inner, depth + 1)?,
        })
    }

    /// `States.Format`: the template's `{}` placeholders filled in order. In
    /// a literal template `\{`, `\}`, `\'` and `\\` are literal characters;
    /// a template read from a path is taken as it is.
    fn format(&mut self, call: &IntrinsicCall, depth: usize) -> Result<Value, Failure> {
        let Some((template_arg, rest)) = call.args.split_first() else {
            return Err(failure("Invalid number of arguments for States.Format: expected at least 1 argument, found 0"));
        };
        // The template as pieces: literal text and placeholders (`None`).
        let pieces: Vec<Option<String>> = match &template_arg.value {
            ArgumentValue::String(_) => {
                let raw = self
                    .src
                    .get(template_arg.offset..template_arg.end)
                    .unwrap_or("");
                let inner = raw
                    .strip_prefix('\'')
                    .and_then(|r| r.strip_suffix('\''))
                    .unwrap_or(raw);
                split_template(inner, true)
            }
            _ => match self.argument(template_arg, depth)? {
                Value::String(s) => split_template(&s, false),
                other => {
                    return Err(failure(format!(
                        "The first argument of States.Format must be a string, but was {}",
                        type_name(&other)
                    )))
                }
            },
        };
        let placeholders = pieces.iter().filter(|p| p.is_none()).count();
        if placeholders != rest.len() {
            return Err(failure(format!(
                "The number of arguments for States.Format does not match the number of placeholders: \
                 expected {placeholders}, found {}",
                rest.len()
            )));
        }
        let mut values = Vec::with_capacity(rest.len());
        for arg in rest {
            values.push(self.argument(arg, depth)?);
        }
        let mut values = values.iter();
        let mut out = String::new();
        for piece in &pieces {
            match piece {
                Some(text) => out.push_str(text),
                None => {
                    if let Some(v) = values.next() {
                        out.push_str(&format_value(v));
                    }
                }
            }
        }
        Ok(Value::String(out))
    }
}

/// Splits a Format template into text and `{}` placeholders (`None`);
/// with `escapes`, `\x` is the literal character `x`.
fn split_template(template: &str, escapes: bool) -> Vec<Option<String>> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if escapes => {
                if let Some(next) = chars.next() {
                    text.push(next);
                }
            }
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                pieces.push(Some(std::mem::take(&mut text)));
                pieces.push(None);
            }
            other => text.push(other),
        }
    }
    pieces.push(Some(text));
    pieces
}

/// A value as `States.Format` writes it: strings as they are, numbers,
/// booleans and `null` as JSON, objects and arrays the way Java's
/// `Map.toString()`/`List.toString()` write them (`{a=1, b=[x, y]}`).
fn format_value(v: &Value) -> String {
    let mut out = String::new();
    // An explicit stack: (value, separator to write before it).
    enum Step<'v> {
        Value(&'v Value),
        Text(&'static str),
        Key(&'v str),
    }
    let mut stack = vec![Step::Value(v)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t) => out.push_str(t),
            Step::Key(k) => {
                out.push_str(k);
                out.push('=');
            }
            Step::Value(Value::String(s)) => out.push_str(s),
            Step::Value(Value::Array(items)) => {
                out.push('[');
                stack.push(Step::Text("]"));
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Step::Value(item));
                    if i > 0 {
                        stack.push(Step::Text(", "));
                    }
                }
            }
            Step::Value(Value::Object(map)) => {
                out.push('{');
                stack.push(Step::Text("}"));
                for (i, (k, item)) in map.iter().enumerate().rev() {
                    stack.push(Step::Value(item));
                    stack.push(Step::Key(k));
                    if i > 0 {
                        stack.push(Step::Text(", "));
                    }
                }
            }
            Step::Value(other) => out.push_str(&other.to_string()),
        }
    }
    out
}

fn arg(args: &[Value], i: usize) -> &Value {
    args.get(i).unwrap_or(&Value::Null)
}

/// Argument `i` rounded to an integer in Java's `int` range, or the cause
/// AWS gives for one that is not.
fn rounded_arg(name: &str, args: &[Value], i: usize) -> Result<i64, Failure> {
    rounded_i32(arg(args, i)).ok_or_else(|| {
        failure(format!(
            "Invalid arguments in {name}: argument {} must be a number within the integer range, but was {}",
            i + 1,
            super::compact(arg(args, i))
        ))
    })
}

/// Argument `i` as `pick` reads it (`Value::as_str`, …), or AWS's cause
/// naming the type it must have (`a string`, …).
fn typed_arg<'v, T: ?Sized>(
    function: IntrinsicFunction,
    args: &'v [Value],
    i: usize,
    (pick, must_be): (fn(&Value) -> Option<&T>, &str),
) -> Result<&'v T, Failure> {
    let value = arg(args, i);
    pick(value).ok_or_else(|| {
        failure(format!(
            "Invalid arguments in {}: argument {} must be {must_be}, but was {}",
            function.name(),
            i + 1,
            type_name(value)
        ))
    })
}

fn string_arg(function: IntrinsicFunction, args: &[Value], i: usize) -> Result<&str, Failure> {
    typed_arg(function, args, i, (Value::as_str, "a string"))
}

fn array_arg(function: IntrinsicFunction, args: &[Value], i: usize) -> Result<&[Value], Failure> {
    typed_arg(
        function,
        args,
        i,
        (|v| v.as_array().map(Vec::as_slice), "an array"),
    )
}

fn integer_arg(function: IntrinsicFunction, args: &[Value], i: usize) -> Result<i64, Failure> {
    as_integer(arg(args, i)).ok_or_else(|| {
        failure(format!(
            "Invalid arguments in {}: argument {} must be an integer, but was {}",
            function.name(),
            i + 1,
            super::compact(arg(args, i))
        ))
    })
}

fn limited(function: IntrinsicFunction, s: &str) -> Result<(), Failure> {
    if s.chars().count() > MAX_STRING_CHARS {
        return Err(failure(format!(
            "Invalid arguments in {}: the input string is longer than {MAX_STRING_CHARS} characters",
            function.name()
        )));
    }
    Ok(())
}

fn apply(function: IntrinsicFunction, args: &[Value], rng: &mut Rng) -> Result<Value, Failure> {
    use IntrinsicFunction as F;
    let name = function.name();
    match function {
        F::Format => Err(failure("States.Format is evaluated apart")),
        F::StringToJson => {
            let s = string_arg(function, args, 0)?;
            if s.trim().is_empty() {
                return Ok(Value::Null);
            }
            let mut parsed = serde_json::from_str::<Value>(s).map_err(|_| {
                failure(format!(
                    "Invalid arguments in {name}: the string is not valid JSON: {s}"
                ))
            })?;
            if negative_zero_literals(s) == (true, false) {
                integer_zeros(&mut parsed);
            }
            Ok(parsed)
        }
        F::JsonToString => Ok(Value::String(super::compact(arg(args, 0)))),
        F::Array => Ok(Value::Array(args.to_vec())),
        F::ArrayPartition => {
            let items = array_arg(function, args, 0)?;
            let size = integer_arg(function, args, 1)?;
            let size = usize::try_from(size).ok().filter(|s| *s > 0).ok_or_else(|| {
                failure(format!("Invalid arguments in {name}: the chunk size must be a positive integer, but was {size}"))
            })?;
            Ok(Value::Array(
                items
                    .chunks(size)
                    .map(|c| Value::Array(c.to_vec()))
                    .collect(),
            ))
        }
        F::ArrayContains => {
            let items = array_arg(function, args, 0)?;
            Ok(Value::Bool(items.contains(arg(args, 1))))
        }
        F::ArrayRange => {
            let start = integer_arg(function, args, 0)?;
            let end = integer_arg(function, args, 1)?;
            let step = integer_arg(function, args, 2)?;
            if step == 0 {
                return Err(failure(format!(
                    "Invalid arguments in {name}: the step must not be 0"
                )));
            }
            let span = i128::from(end) - i128::from(start);
            let count = if span == 0 || (span > 0) == (step > 0) {
                span / i128::from(step) + 1
            } else {
                0
            };
            if count > i128::from(MAX_RANGE_ITEMS) {
                return Err(failure(format!(
                    "Invalid arguments in {name}: the range would have {count} items, more than the maximum of {MAX_RANGE_ITEMS}"
                )));
            }
            let mut out = Vec::new();
            let mut v = i128::from(start);
            for _ in 0..count {
                out.push(Value::from(i64::try_from(v).unwrap_or_default()));
                v += i128::from(step);
            }
            Ok(Value::Array(out))
        }
        F::ArrayGetItem => {
            let items = array_arg(function, args, 0)?;
            let index = integer_arg(function, args, 1)?;
            usize::try_from(index)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .ok_or_else(|| {
                    failure(format!(
                        "Invalid arguments in {name}: the index {index} is out of bounds for an array of {} items",
                        items.len()
                    ))
                })
        }
        F::ArrayLength => Ok(Value::from(array_arg(function, args, 0)?.len())),
        F::ArrayUnique => {
            let items = array_arg(function, args, 0)?;
            let mut out: Vec<Value> = Vec::new();
            for item in items {
                if !out.contains(item) {
                    out.push(item.clone());
                }
            }
            Ok(Value::Array(out))
        }
        F::Base64Encode => {
            let s = string_arg(function, args, 0)?;
            limited(function, s)?;
            Ok(Value::String(
                base64::engine::general_purpose::STANDARD.encode(s.as_bytes()),
            ))
        }
        F::Base64Decode => {
            let s = string_arg(function, args, 0)?;
            limited(function, s)?;
            let engine = base64::engine::GeneralPurpose::new(
                &base64::alphabet::STANDARD,
                base64::engine::GeneralPurposeConfig::new()
                    .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
            );
            let bytes = engine.decode(s).map_err(|_| {
                failure(format!(
                    "Invalid arguments in {name}: the string is not valid Base64: {s}"
                ))
            })?;
            Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        }
        F::Hash => {
            let data = string_arg(function, args, 0)?;
            limited(function, data)?;
            let algorithm = string_arg(function, args, 1)?;
            hash(data, algorithm).map(Value::String).ok_or_else(|| {
                failure(format!(
                    "Invalid arguments in {name}: the hash algorithm '{algorithm}' is not one of {}",
                    asl_core::intrinsic::HASH_ALGORITHMS.join(", ")
                ))
            })
        }
        F::JsonMerge => {
            let (Value::Object(a), Value::Object(b)) = (arg(args, 0), arg(args, 1)) else {
                return Err(failure(format!(
                    "Invalid arguments in {name}: the first two arguments must be objects"
                )));
            };
            match arg(args, 2) {
                Value::Bool(false) => Ok(Value::Object(java_hash_map_merge(a, b))),
                Value::Bool(true) => Err(failure(format!(
                    "Invalid arguments in {name}: deep merge is not supported"
                ))),
                other => Err(failure(format!(
                    "Invalid arguments in {name}: argument 3 must be a boolean, but was {}",
                    type_name(other)
                ))),
            }
        }
        F::MathRandom => {
            let bound = |i: usize| rounded_arg(name, args, i);
            let start = bound(0)?;
            let end = bound(1)?;
            if end <= start {
                return Err(failure(format!(
                    "Invalid arguments in {name}: the end ({end}) must be greater than the start ({start})"
                )));
            }
            let range = u64::try_from(end - start).unwrap_or(1);
            let offset = match args.get(2) {
                Some(seed) => {
                    let seed = as_integer(seed)
                        .or_else(|| rounded_i32(seed))
                        .ok_or_else(|| {
                            failure(format!(
                                "Invalid arguments in {name}: the seed must be an integer"
                            ))
                        })?;
                    JavaRandom::new(seed).next_int(range)
                }
                None => {
                    let wide = u128::from(rng.next_u64()) * u128::from(range);
                    u64::try_from(wide >> 64).unwrap_or(0)
                }
            };
            Ok(Value::from(start + i64::try_from(offset).unwrap_or(0)))
        }
        F::MathAdd => {
            let operand = |i: usize| rounded_arg(name, args, i);
            Ok(Value::from(operand(0)? + operand(1)?))
        }
        F::StringSplit => {
            let s = string_arg(function, args, 0)?;
            let delimiters = string_arg(function, args, 1)?;
            Ok(Value::Array(
                s.split(|c: char| delimiters.contains(c))
                    .filter(|piece| !piece.is_empty())
                    .map(|piece| Value::String(piece.to_owned()))
                    .collect(),
            ))
        }
        F::Uuid => Ok(Value::String(uuid_v4(rng))),
        _ => Err(failure(format!(
            "The intrinsic function '{name}' is not supported"
        ))),
    }
}

/// Whether JSON text has the literals `-0` (an integer) and `-0.0`-like
/// floats outside strings. serde_json reads both as the float `-0.0`;
/// Jackson, like AWS, reads `-0` as the integer `0`.
fn negative_zero_literals(text: &str) -> (bool, bool) {
    let (mut integer, mut float) = (false, false);
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '-' if chars.peek() == Some(&'0') => {
                chars.next();
                match chars.peek() {
                    Some('.' | 'e' | 'E') => float = true,
                    _ => integer = true,
                }
            }
            _ => {}
        }
    }
    (integer, float)
}

/// Turns every `-0.0` in `v` into the integer `0`.
fn integer_zeros(v: &mut Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) if n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) => {
                *v = Value::from(0)
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(map) => stack.extend(map.values_mut()),
            _ => {}
        }
    }
}

/// A version 4 (random) UUID, lowercase, from `rng`.
pub(crate) fn uuid_v4(rng: &mut Rng) -> String {
    let hi = rng.next_u64();
    let lo = rng.next_u64();
    let hi = (hi & !0xF000) | 0x4000; // version 4
    let lo = (lo & !(0xC000 << 48)) | (0x8000 << 48); // variant 10xx
    let hex = format!("{hi:016x}{lo:016x}");
    let part = |a: usize, b: usize| hex.get(a..b).unwrap_or("");
    format!(
        "{}-{}-{}-{}-{}",
        part(0, 8),
        part(8, 12),
        part(12, 16),
        part(16, 20),
        part(20, 32)
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash(data: &str, algorithm: &str) -> Option<String> {
    use sha2::Digest as _;
    let bytes = data.as_bytes();
    Some(match algorithm {
        "MD5" => hex(&md5::Md5::digest(bytes)),
        "SHA-1" => hex(&sha1::Sha1::digest(bytes)),
        "SHA-256" => hex(&sha2::Sha256::digest(bytes)),
        "SHA-384" => hex(&sha2::Sha384::digest(bytes)),
        "SHA-512" => hex(&sha2::Sha512::digest(bytes)),
        _ => return None,
    })
}

/// Java's `String.hashCode()` (over UTF-16 units).
fn java_string_hash(s: &str) -> u32 {
    s.encode_utf16().fold(0u32, |h, unit| {
        h.wrapping_mul(31).wrapping_add(u32::from(unit))
    })
}

/// `States.JsonMerge(a, b, false)`: `b`'s fields over `a`'s, in the order a
/// Java `HashMap` built as `new HashMap<>(a)` then `putAll(b)` iterates them
/// (AWS's observed order: `{a,b,d}` merged with `{a,c,d}` gives `a,b,c,d`).
pub(super) fn java_hash_map_merge(
    a: &Map<String, Value>,
    b: &Map<String, Value>,
) -> Map<String, Value> {
    // Capacity as the copy constructor sizes it, then as putAll and puts grow it.
    let table_size_for = |n: usize| n.max(1).next_power_of_two();
    let mut cap = if a.is_empty() {
        table_size_for((b.len() as f64 / 0.75 + 1.0) as usize)
    } else {
        table_size_for((a.len() as f64 / 0.75 + 1.0) as usize)
    };
    let threshold = |cap: usize| (cap as f64 * 0.75) as usize;
    if !a.is_empty() && b.len() > threshold(cap) {
        cap *= 2;
    }
    // Insertion order: a's keys, then b's new keys.
    let mut merged: Vec<(&String, &Value)> = a.iter().collect();
    for (k, v) in b {
        if let Some(slot) = merged.iter_mut().find(|(key, _)| *key == k) {
            slot.1 = v;
        } else {
            merged.push((k, v));
            if merged.len() > threshold(cap) {
                cap *= 2;
            }
        }
    }
    let mask = u32::try_from(cap.saturating_sub(1)).unwrap_or(u32::MAX);
    let bucket = |k: &str| {
        let h = java_string_hash(k);
        (h ^ (h >> 16)) & mask
    };
    // A stable sort keeps insertion order within a bucket, as HashMap does.
    merged.sort_by_key(|(k, _)| bucket(k));
    merged
        .into_iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// `java.util.Random`, for `States.MathRandom` with a seed.
pub(super) struct JavaRandom {
    seed: u64,
}

impl JavaRandom {
    const MULTIPLIER: u64 = 0x5_DEEC_E66D;
    const MASK: u64 = (1 << 48) - 1;

    pub(super) fn new(seed: i64) -> Self {
        JavaRandom {
            seed: (seed as u64 ^ Self::MULTIPLIER) & Self::MASK,
        }
    }

    fn next(&mut self, bits: u32) -> u32 {
        self.seed = self.seed.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB) & Self::MASK;
        (self.seed >> (48 - bits)) as u32
    }

    /// `nextInt(bound)` for a bound in `1..=2^31-1`.
    pub(super) fn next_int(&mut self, bound: u64) -> u64 {
        let bound = bound.clamp(1, u64::from(i32::MAX as u32));
        if bound.is_power_of_two() {
            return (bound * u64::from(self.next(31))) >> 31;
        }
        // Java rejects the few values that would bias the result; a
        // rejection is rare (< 50%), so a bounded retry suffices.
        let mut value = 0;
        for _ in 0..64 {
            let bits = u64::from(self.next(31));
            value = bits % bound;
            if bits - value + (bound - 1) < (1 << 31) {
                break;
            }
        }
        value
    }
}
