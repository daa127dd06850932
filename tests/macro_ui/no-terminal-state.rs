fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: A,
        States: {
            A: Pass { Next: B },
            B: Wait { Seconds: 1, Next: A },
        }
    };
}
