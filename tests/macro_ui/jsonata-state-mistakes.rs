// Mistakes in a JSONata state: an expression that does not compile, and a
// JSONPath field.
fn main() {
    let _ = asl_kit::state_machine! {
        QueryLanguage: "JSONata",
        StartAt: A,
        States: {
            A: Pass { Output: "{% $states.input. %}", Next: B },
            B: Pass { InputPath: "$.x", End: true },
        }
    };
}
