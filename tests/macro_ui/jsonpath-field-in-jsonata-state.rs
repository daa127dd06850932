fn main() {
    let _ = asl_kit::state_machine! {
        QueryLanguage: "JSONata",
        StartAt: A,
        States: {
            A: Pass { InputPath: "$.x", End: true },
        }
    };
}
