fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Route,
        States: {
            Route: Choice {
                Choices: [{ Variable: "$.n", NumericEquals: 1, Next: Missing }],
                Default: Done,
            },
            Done: Succeed {},
        }
    };
}
