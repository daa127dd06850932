// `action` is required: a AwsSdk without it does not compile.
use asl_aws::AwsSdk;

fn main() {
    let _task = AwsSdk::builder()
        .service("s3")
        .build();
}
