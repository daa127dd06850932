//! The JSONata syntax checker: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = asl_core::jsonata::strip_delimiters(s);
    if let Err(e) = asl_core::jsonata::check(s) {
        assert!(
            s.is_char_boundary(e.offset().min(s.len())),
            "offset inside a character"
        );
    }
});
