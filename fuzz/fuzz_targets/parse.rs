//! Definition parse (strict and lenient) + validate + serialize: never a
//! panic, whatever parses round-trips to an equal model, and every
//! diagnostic's location is a JSON pointer.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = asl_core::validate_str(&text, &asl_core::Options::default());
    for d in &report.diagnostics {
        assert!(
            d.location.starts_with('/'),
            "location {:?} is not a pointer",
            d.location
        );
    }
    if let Ok(machine) = asl_core::from_slice(data) {
        let text = machine.to_string_pretty();
        let again = asl_core::from_str(&text).expect("serialized output must parse");
        assert_eq!(again, machine, "round trip changed the model");
        let _ = asl_core::diagram::mermaid(&machine);
        let _ = asl_core::diagram::dot(&machine);
    }
});
