// A misspelled field name is reported on the key, with the nearest field.
fn main() {
    let _ = asl_kit::state_machine! {
        StartAT: A,
        StartAt: A,
        States: {
            A: Pass { ResultPth: "$.x", Next: B },
            B: Choice {
                Choices: [{ Variable: "$.a", StringEqual: "x", Next: C }],
                Defualt: C,
            },
            C: Task {
                Resource: "arn:aws:states:::lambda:invoke",
                Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempt: 2 }],
                End: true,
            },
        }
    };
}
