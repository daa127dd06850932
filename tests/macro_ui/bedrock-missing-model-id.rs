fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                Body: { "inputText": "hi" },
                End: true,
            },
        }
    };
}
