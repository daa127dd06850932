//! The JSONPath grammar in every context: never a panic, error offsets on
//! character boundaries, and contexts nested as their grammars are.
#![no_main]

use asl_core::path::{check, parse, PathContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = parse(s);
    for ctx in [
        PathContext::Path,
        PathContext::ReferencePath,
        PathContext::ResultPath,
        PathContext::PayloadTemplate,
    ] {
        if let Err(e) = check(s, ctx) {
            assert!(
                s.is_char_boundary(e.offset().min(s.len())),
                "offset inside a character"
            );
        }
    }
    if check(s, PathContext::ResultPath).is_ok() {
        assert!(
            check(s, PathContext::ReferencePath).is_ok(),
            "a result path is a reference path"
        );
    }
});
