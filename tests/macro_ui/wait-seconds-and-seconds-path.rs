fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: A,
        States: {
            A: Wait { Seconds: 5, SecondsPath: "$.s", End: true },
        }
    };
}
