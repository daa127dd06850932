// The final job description (`Status`, `OutputModelArn`, …) is the result
// of a `.sync` (RunJob) Task only: a request-response Task returns just
// `JobArn`, so asking it for the output model ARN does not compile.
use asl_bedrock::{CreateModelCustomizationJob, RequestResponse, S3Uri};

fn main() {
    let job = CreateModelCustomizationJob::<RequestResponse>::builder()
        .job_name("my-job")
        .custom_model_name("my-model")
        .role_arn("arn:aws:iam::123456789012:role/myRole")
        .base_model_identifier("amazon.titan-text-express-v1")
        .training_data_config(S3Uri::path("$.train"))
        .output_data_config(S3Uri::path("$.out"))
        .build();
    let _arn = job.job_arn_path();
    let _model = job.output_model_arn_path();
}
