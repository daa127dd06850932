fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Call,
        States: {
            Call: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Parameters: { "FunctionName": "f" },
                Credentials: {},
                End: true,
            },
        }
    };
}
