//! The functions Step Functions adds to JSONata (execution-semantics §9.2):
//! `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse`.
//!
//! Where AWS answers *undefined* (a chunk size of 0, an empty array, a
//! `$range` without a step or with a step of the wrong sign, a `$hash`
//! without an algorithm) these do too, and the field then fails with
//! `States.QueryEvaluationError`. Where AWS raises and its text was never
//! recorded (⚠: `$partition(a, -1)`, an unknown algorithm, `$parse` of text
//! that is not JSON), they raise JSONata's own `T0410` for that argument.

use std::sync::{Arc, Mutex, PoisonError};

use jlens_core::{Bindings, Error, HostFunction};
use md5::Md5;
use serde_json::{Number, Value};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::MEMORY_LIMIT_CODE;
use crate::Rng;

/// The most items `$range` builds: AWS accepts `$range(1, 360145, 1)` and
/// refuses one item more with its memory-limit error (§9.1 ⚠).
pub(super) const RANGE_LIMIT: u64 = 360_145;

type Args<'a> = &'a [Option<Value>];
type Answer = jlens_core::Result<Option<Value>>;

/// Adds the six functions to `bindings`; `$random()` and `$uuid()` draw from
/// `rng`.
pub(super) fn register(bindings: Bindings, rng: &Arc<Mutex<Rng>>) -> jlens_core::Result<Bindings> {
    let random_rng = Arc::clone(rng);
    let uuid_rng = Arc::clone(rng);
    Ok(bindings
        .function(
            "partition",
            HostFunction::with_signature("<an:a>", partition)?.without_input(),
        )
        .function(
            "range",
            HostFunction::with_signature("<nnn?:x>", range)?.without_input(),
        )
        .function(
            "hash",
            HostFunction::with_signature("<ss?:s>", hash)?.without_input(),
        )
        .function(
            "random",
            HostFunction::with_signature("<n?:n>", move |args, _| random(args, &random_rng))?
                .without_input(),
        )
        .function(
            "uuid",
            HostFunction::with_signature("<:s>", move |_, _| {
                Ok(Some(Value::String(uuid(&uuid_rng))))
            })?
            .without_input(),
        )
        .function(
            "parse",
            HostFunction::with_signature("<s:x>", parse)?.without_input(),
        ))
}

/// JSONata's `T0410` (an argument that does not fit), for argument `index`
/// (1-based) of function `name`.
fn bad_argument(name: &str, index: u64) -> Error {
    Error::new("T0410").with("index", index).with("token", name)
}

/// Argument `i` as a number, truncated toward zero (AWS truncates
/// non-integers, §9.2).
fn truncated(args: Args<'_>, i: usize) -> Option<f64> {
    args.get(i)?.as_ref()?.as_f64().map(f64::trunc)
}

/// A whole number as JSON: an integer when it fits in an `i64`.
fn whole(n: f64) -> Value {
    if n.abs() < 9.2e18 {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// `$partition(array, size)`: `array` in chunks of `size`, the last one
/// shorter.
fn partition(args: Args<'_>, _: &jlens_core::HostCall<'_>) -> Answer {
    let Some(Value::Array(items)) = args.first().and_then(Option::as_ref) else {
        return Ok(None);
    };
    let Some(size) = truncated(args, 1) else {
        return Ok(None);
    };
    if size < 0.0 {
        return Err(bad_argument("partition", 2));
    }
    if size < 1.0 || items.is_empty() {
        return Ok(None);
    }
    // `size` is at least 1; beyond the array's length it is one chunk.
    let size = if size >= items.len() as f64 {
        items.len()
    } else {
        size as usize
    };
    Ok(Some(Value::Array(
        items
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    )))
}

/// `$range(start, end, step)`: from `start` toward `end` by `step`, `end`
/// included when a step lands on it; one item is the bare number.
fn range(args: Args<'_>, _: &jlens_core::HostCall<'_>) -> Answer {
    let (Some(start), Some(end), Some(step)) =
        (truncated(args, 0), truncated(args, 1), truncated(args, 2))
    else {
        return Ok(None);
    };
    let ascending = end >= start;
    if step == 0.0 || (step > 0.0) != ascending {
        return Ok(None);
    }
    let count = ((end - start) / step).floor() + 1.0;
    if !count.is_finite() || count > RANGE_LIMIT as f64 {
        return Err(Error::new(MEMORY_LIMIT_CODE).with("message", "$range"));
    }
    let count = count as u64;
    let mut items = Vec::new();
    let mut at = start;
    for _ in 0..count {
        items.push(whole(at));
        at += step;
    }
    if items.len() == 1 {
        return Ok(items.pop());
    }
    Ok(Some(Value::Array(items)))
}

/// `$hash(value, algorithm)`: the lowercase hex digest of the UTF-8 text.
fn hash(args: Args<'_>, _: &jlens_core::HostCall<'_>) -> Answer {
    let Some(Value::String(text)) = args.first().and_then(Option::as_ref) else {
        return Ok(None);
    };
    let Some(Value::String(algorithm)) = args.get(1).and_then(Option::as_ref) else {
        return Ok(None);
    };
    let bytes = text.as_bytes();
    let digest: Vec<u8> = match algorithm.as_str() {
        "MD5" => Md5::digest(bytes).to_vec(),
        "SHA-1" => Sha1::digest(bytes).to_vec(),
        "SHA-256" => Sha256::digest(bytes).to_vec(),
        "SHA-384" => Sha384::digest(bytes).to_vec(),
        "SHA-512" => Sha512::digest(bytes).to_vec(),
        _ => return Err(bad_argument("hash", 2)),
    };
    Ok(Some(Value::String(hex(&digest))))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0xf] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

/// `$random([seed])`: a number in `[0, 1)`, from the execution's generator,
/// or from `seed` alone when one is given (the same seed, the same number).
fn random(args: Args<'_>, rng: &Mutex<Rng>) -> Answer {
    let value = match truncated(args, 0) {
        Some(seed) => Rng::new(seed as i64 as u64).next_f64(),
        None => rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .next_f64(),
    };
    Ok(Number::from_f64(value).map(Value::Number))
}

/// A version 4 UUID from 122 random bits, lowercase.
pub(super) fn uuid(rng: &Mutex<Rng>) -> String {
    let (high, low) = {
        let mut rng = rng.lock().unwrap_or_else(PoisonError::into_inner);
        (rng.next_u64(), rng.next_u64())
    };
    let high = (high & !0xf000) | 0x4000; // version 4
    let low = (low & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

/// `$parse(json)`: the value the JSON text holds.
fn parse(args: Args<'_>, _: &jlens_core::HostCall<'_>) -> Answer {
    let Some(Value::String(text)) = args.first().and_then(Option::as_ref) else {
        return Ok(None);
    };
    serde_json::from_str(text)
        .map(Some)
        .map_err(|_| bad_argument("parse", 1))
}
