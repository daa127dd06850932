fn main() {
    let model = "amazon.titan-text-express-v1";
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: Pass { Parameters: { "model": model }, End: true },
        }
    };
}
