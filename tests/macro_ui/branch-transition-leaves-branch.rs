fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Fan,
        States: {
            Fan: Parallel {
                Branches: [{ StartAt: Inner, States: { Inner: Pass { Next: Done } } }],
                Next: Done,
            },
            Done: Succeed {},
        }
    };
}
