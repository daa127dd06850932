// `Body` and `Input` exclude each other. Both are one field, `input`
// (a `ModelInput`: `Body(..)` or `S3(..)`), which can be set only once.
use asl_bedrock::{InvokeModel, ModelInput, S3Uri};
use serde_json::json;

fn main() {
    let _task = InvokeModel::builder()
        .model_id("amazon.titan-text-express-v1")
        .input(json!({"inputText": "hello"}))
        .input(ModelInput::S3(S3Uri::path("$.request")))
        .build();
}
