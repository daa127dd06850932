//! The simulator on a Map over 1,000 items, each a Pass with
//! `Parameters: {"n.$": "$", "twice.$": "States.MathAdd($, $)"}`: the
//! execution `asl-deploy/benches/sim_vs_local.rs` runs against the local
//! Step Functions server.
//!
//! ```sh
//! cargo bench -p asl-sim --bench map
//! ```
//!
//! `baseline` does the same data work as a plain serde_json loop (the
//! output and, per iteration, the history texts the simulator records):
//! the ratio `simulator` / `baseline` is what the interpreter costs on top.
//!
//! A run makes about 8,000 allocations (events are compact: static types
//! and keys, shared state names, each input and output rendered once, the
//! details object built only when read), about two per event. With glibc's
//! default trim threshold the freed heap may go back to the system and the
//! next run fault it in again (page faults, system time);
//! `MALLOC_TRIM_THRESHOLD_=100000000 cargo bench …` shows the time without
//! that (the baseline's too).

use serde_json::{json, Value};

const ITEMS: usize = 1_000;

/// The definition, shared with `examples/map_1000.rs`.
const DEFINITION: &str = include_str!("map_1000.asl.json");

fn input() -> Value {
    json!({"items": (0..ITEMS).collect::<Vec<_>>()})
}

fn main() {
    divan::main();
}

/// The simulator: parse once, run the 1,000-iteration Map (its history:
/// four events per item, six around them).
#[divan::bench(sample_count = 30)]
fn simulator(bencher: divan::Bencher) {
    let sim = asl_sim::Simulator::from_str(DEFINITION).ok();
    let input = input();
    bencher.bench(|| {
        let run = sim.as_ref().map(|s| s.run(input.clone()));
        let events = run.filter(|r| r.succeeded()).map(|r| r.events.len());
        assert_eq!(
            events,
            Some(4 * ITEMS + 6),
            "the simulator runs the machine"
        );
    });
}

/// The same work by hand: each item's output object, its input and output
/// as JSON text (as the history records them), and the Map's output.
#[divan::bench(sample_count = 30)]
fn baseline(bencher: divan::Bencher) {
    let input = input();
    bencher.bench(|| {
        let items = input
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut texts = Vec::with_capacity(items.len() * 2);
        let out: Vec<Value> = items
            .into_iter()
            .map(|n| {
                let twice = n.as_i64().unwrap_or(0) * 2;
                texts.push(serde_json::to_string(&n).unwrap_or_default());
                let o = json!({"n": n, "twice": twice});
                texts.push(serde_json::to_string(&o).unwrap_or_default());
                o
            })
            .collect();
        let output = Value::Array(out);
        texts.push(serde_json::to_string(&output).unwrap_or_default());
        divan::black_box((output, texts))
    });
}
