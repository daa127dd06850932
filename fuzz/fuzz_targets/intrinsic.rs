//! The intrinsic function parser and checker: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = asl_core::intrinsic::looks_like_call(s);
    let _ = asl_core::intrinsic::parse(s);
    if let Err(errors) = asl_core::intrinsic::check(s) {
        for e in errors {
            assert!(
                s.is_char_boundary(e.offset().min(s.len())),
                "offset inside a character"
            );
        }
    }
});
