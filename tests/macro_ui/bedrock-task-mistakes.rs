// Bedrock tasks with a required parameter missing (together, on one machine), and
// each integration pattern a task does not have, on its own machine.
fn main() {
    // bedrock tasks missing required parameters
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                Body: { "inputText": "hi" },
                Next: Create,
            },
            Create: bedrock::CreateModelCustomizationJob {
                JobName: "job",
                Next: Train,
            },
            Train: bedrock::CreateModelCustomizationJob.sync {
                JobName: "job",
                CustomModelName: "model",
                BaseModelIdentifier: "amazon.titan-text-express-v1",
                TrainingDataConfig: { S3Uri: "s3://bucket/train.jsonl" },
                OutputDataConfig: { S3Uri: "s3://bucket/out/" },
                End: true,
            },
        }
    };

    // sync on invoke model
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel.sync {
                ModelId: "amazon.titan-text-express-v1",
                Body: { "inputText": "hi" },
                End: true,
            },
        }
    };

    // unknown integration pattern
    let _ = asl_kit::state_machine! {
        StartAt: Train,
        States: {
            Train: bedrock::CreateModelCustomizationJob.waitForTaskToken {
                JobName: "job",
                End: true,
            },
        }
    };
}
