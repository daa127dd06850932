// Each `bedrock::InvokeModel` mistake is reported on its own machine.
fn main() {
    // bedrock body and input
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                Input: { S3Uri: "s3://bucket/request.json" },
                End: true,
            },
        }
    };

    // bedrock field and path field
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                Trace: "ENABLED",
                "Trace.$": "$.trace",
                End: true,
            },
        }
    };

    // bedrock guardrail bad version
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                GuardrailIdentifier: "gr-123",
                GuardrailVersion: "v1",
                End: true,
            },
        }
    };

    // bedrock guardrail without version
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                GuardrailIdentifier: "gr-123",
                End: true,
            },
        }
    };

    // bedrock model output not s3
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

    // bedrock trace bad value
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                Trace: "ON",
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
