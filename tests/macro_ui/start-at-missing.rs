fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: First,
        States: {
            A: Succeed {},
        }
    };
}
