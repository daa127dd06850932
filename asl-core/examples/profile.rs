//! A small driver to profile the parser and the validator with callgrind
//! (instruction counts are repeatable where wall-clock medians are not). It
//! builds the same ~1 MB definition as `benches/parse.rs`, then runs one
//! operation on it once (or N times).
//!
//! ```text
//! cargo build --release -p asl-core --example profile
//! valgrind --tool=callgrind --toggle-collect='*profile::measure*' \
//!     target/release/examples/profile validate
//! ```
//!
//! Operations: `parse` (`from_str`), `validate` (`validate_str`),
//! `validate-model` (`validate` on a parsed machine), `serialize`
//! (`to_string_compact`), `baseline` (`serde_json::from_str::<Value>`) and
//! `serialize-baseline` (`serde_json::to_string` of that `Value`).
//! `write FILE` writes the definition instead.

use serde_json::Value;

#[path = "../benches/definition.rs"]
mod definition;
use definition::big_definition;

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_else(|| "validate".to_owned());
    let arg = args.next();
    let text = big_definition();
    if op == "write" {
        let _ = std::fs::write(arg.unwrap_or_else(|| "big.json".to_owned()), &text);
        return;
    }
    let n: usize = arg.and_then(|a| a.parse().ok()).unwrap_or(1);
    let machine = matches!(op.as_str(), "validate-model" | "serialize")
        .then(|| asl_core::from_str(&text).ok())
        .flatten();
    let value = (op == "serialize-baseline")
        .then(|| serde_json::from_str::<Value>(&text).ok())
        .flatten();
    let options = asl_core::Options::default();
    let mut total = 0usize;
    let start = std::time::Instant::now();
    for _ in 0..n {
        total += measure(&op, &text, machine.as_ref(), value.as_ref(), &options);
    }
    let each = start.elapsed() / u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    println!("{op}: {total} ({each:?} a run)");
}

/// One run of the operation: the only function callgrind needs to count
/// (`--toggle-collect='*profile::measure*'`).
#[inline(never)]
fn measure(
    op: &str,
    text: &str,
    machine: Option<&asl_core::StateMachine>,
    value: Option<&Value>,
    options: &asl_core::Options,
) -> usize {
    let text = std::hint::black_box(text);
    match op {
        "parse" => usize::from(asl_core::from_str(text).is_ok()),
        "validate" => asl_core::validate_str(text, options).diagnostics.len(),
        "validate-model" => machine.map_or(0, |m| asl_core::validate(m, options).len()),
        "serialize" => machine.map_or(0, |m| m.to_string_compact().len()),
        "baseline" => usize::from(serde_json::from_str::<Value>(text).is_ok()),
        "serialize-baseline" => {
            value.map_or(0, |v| serde_json::to_string(v).map_or(0, |s| s.len()))
        }
        _ => {
            eprintln!("unknown operation {op}");
            std::process::exit(2);
        }
    }
}
