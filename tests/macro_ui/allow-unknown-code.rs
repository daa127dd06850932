fn main() {
    let _ = asl_kit::state_machine! {
        #![allow(NO_DOLLARS)]
        StartAt: A,
        States: {
            A: Pass { End: true },
        }
    };
}
