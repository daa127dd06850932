fn main() {
    let _ = asl_kit::include_asl!("tests/fixtures/no-such-file.asl.json");
}
