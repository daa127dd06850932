fn main() {
    let _ = asl_kit::state_machine! {
        StartAt A,
        States: { A: Succeed {} }
    };
}
