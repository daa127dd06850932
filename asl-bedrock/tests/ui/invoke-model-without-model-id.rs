// `ModelId` is required: an InvokeModel without it does not compile.
use asl_bedrock::InvokeModel;
use serde_json::json;

fn main() {
    let _task = InvokeModel::builder()
        .input(json!({"inputText": "hello"}))
        .build();
}
