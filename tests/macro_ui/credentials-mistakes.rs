// Mistakes in a Task's Credentials: no RoleArn, and a field that is not one.
fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Call,
        States: {
            Call: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Parameters: { "FunctionName": "f" },
                Credentials: {},
                Next: Again,
            },
            Again: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Parameters: { "FunctionName": "f" },
                Credentials: { Role: "arn:aws:iam::123456789012:role/R" },
                End: true,
            },
        }
    };
}
