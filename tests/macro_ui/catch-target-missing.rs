fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Work,
        States: {
            Work: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Catch: [{ ErrorEquals: ["States.ALL"], Next: Handler }],
                End: true,
            },
        }
    };
}
