fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Work,
        States: {
            Work: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Retry: [
                    { ErrorEquals: ["States.ALL"] },
                    { ErrorEquals: ["States.Timeout"] },
                ],
                End: true,
            },
        }
    };
}
