fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: A,
        States: {
            A: Pass { Resource: "arn:aws:states:::lambda:invoke", End: true },
        }
    };
}
