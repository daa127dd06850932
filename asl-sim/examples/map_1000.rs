//! Runs the 1,000-iteration Map of `benches/map.rs` a few times (for
//! profiling: `valgrind --tool=callgrind target/release/examples/map_1000`).
//!
//! ```sh
//! cargo run --release -p asl-sim --example map_1000 -- [RUNS]
//! ```

use serde_json::json;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let sim = match asl_sim::Simulator::from_str(include_str!("../benches/map_1000.asl.json")) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let input = json!({"items": (0..1_000).collect::<Vec<_>>()});
    let start = std::time::Instant::now();
    let mut events = 0;
    for _ in 0..runs {
        let run = sim.run(input.clone());
        events += run.events.len();
    }
    println!(
        "{runs} run(s), {events} events, {:?} per run",
        start.elapsed() / u32::try_from(runs.max(1)).unwrap_or(1)
    );
}
