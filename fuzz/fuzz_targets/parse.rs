//! Definition parse (strict and lenient), serialize, and re-parse: never a
//! panic, and whatever parses round-trips to an equal model.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = asl_core::parse_lenient(&String::from_utf8_lossy(data));
    if let Ok(machine) = asl_core::from_slice(data) {
        let text = machine.to_string_pretty();
        let again = asl_core::from_str(&text).expect("serialized output must parse");
        assert_eq!(again, machine, "round trip changed the model");
        let _ = asl_core::diagram::mermaid(&machine);
        let _ = asl_core::diagram::dot(&machine);
    }
});
