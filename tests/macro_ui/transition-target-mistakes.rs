// Each transition to a state that is not there (Next, a Choice rule's Next, Default, a Catch's Next), a repeated state name and a misplaced States.ALL retrier, each on its own machine (a Choice rule's and its Default's together).
fn main() {
    // next target missing
    let _ = asl_kit::state_machine! {
        StartAt: A,
        States: {
            A: Pass { Next: Nowhere },
            B: Succeed {},
        }
    };

    // choice rule and default targets missing
    let _ = asl_kit::state_machine! {
        StartAt: Route,
        States: {
            Route: Choice {
                Choices: [{ Variable: "$.n", NumericEquals: 1, Next: Missing }],
                Default: Elsewhere,
            },
        }
    };

    // catch target missing
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

    // duplicate state name
    let _ = asl_kit::state_machine! {
        StartAt: A,
        States: {
            A: Pass { Next: B },
            B: Succeed {},
            B: Succeed {},
        }
    };

    // retry states all not last
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
