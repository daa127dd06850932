// `RoleArn` (like JobName, CustomModelName, BaseModelIdentifier,
// TrainingDataConfig and OutputDataConfig) is required.
use asl_bedrock::{CreateModelCustomizationJob, RunJob, S3Uri};

fn main() {
    let _job = CreateModelCustomizationJob::<RunJob>::builder()
        .job_name("my-job")
        .custom_model_name("my-model")
        .base_model_identifier("amazon.titan-text-express-v1")
        .training_data_config(S3Uri::path("$.train"))
        .output_data_config(S3Uri::path("$.out"))
        .build();
}
