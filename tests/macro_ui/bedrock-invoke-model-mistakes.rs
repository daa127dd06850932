// `bedrock::InvokeModel` mistakes: those the validator finds together, on
// one machine; each the macro itself rejects, on its own machine.
fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                Input: { S3Uri: "s3://bucket/request.json" },
                GuardrailIdentifier: "gr-123",
                ModelOutput: { S3Uri: "https://bucket/response.json" },
                Trace: "ON",
                Next: Again,
            },
            Again: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                GuardrailIdentifier: "gr-123",
                GuardrailVersion: "v1",
                Trace: "ENABLED",
                "Trace.$": "$.trace",
                End: true,
            },
        }
    };

    // bedrock output s3 is model output
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                Output: { S3Uri: "s3://bucket/response.json" },
                End: true,
            },
        }
    };

    // unsupported field
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                GuardrailIdentifier: "gr-123",
                GuardrailVersion: "1",
                Trace: "ENABLED_FULL",
                End: true,
            },
        }
    };
}
