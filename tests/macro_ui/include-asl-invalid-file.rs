fn main() {
    let _ = asl_kit::include_asl!("tests/fixtures/invalid.asl.json");
}
