fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                ModelOutput: { S3Uri: "https://bucket/response.json" },
                End: true,
            },
        }
    };
}
