//! The simulator on parsed machines and fuzzed inputs, with every Task
//! answered by a default mock (its resolved input): never a panic, and every
//! run ends (AWS's limits of 25,000 events and 256 KiB payloads, the
//! virtual clock, and libFuzzer's `-rss_limit_mb` bound the run). The input
//! is the data after the first NUL byte, when it is JSON; `{}` otherwise.
#![no_main]

use asl_sim::{Mocks, Simulator, Status, Unmocked};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (definition, rest) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(machine) = asl_core::from_slice(definition) else {
        return;
    };
    let input = serde_json::from_slice(rest).unwrap_or_else(|_| serde_json::json!({}));
    let run = Simulator::new(&machine)
        .mocks(Mocks::new().unmocked(Unmocked::EchoInput))
        .run(input);
    assert!(run.events.len() <= 1_000_001, "{} events", run.events.len());
    if run.status == Status::Succeeded {
        assert!(run.error.is_none(), "a succeeded run with an error");
    }
});
