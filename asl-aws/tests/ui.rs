//! Compile-fail cases: each typed task's builder needs its required fields.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
