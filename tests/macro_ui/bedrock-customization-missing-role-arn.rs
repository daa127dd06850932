fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Train,
        States: {
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
}
