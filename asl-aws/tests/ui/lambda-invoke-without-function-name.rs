// `FunctionName` is required: a LambdaInvoke without it does not compile.
use asl_aws::LambdaInvoke;

fn main() {
    let _task = LambdaInvoke::builder()
        .payload(serde_json::json!({}))
        .build();
}
