// `Message` is required: a SnsPublish without it does not compile.
use asl_aws::SnsPublish;

fn main() {
    let _task = SnsPublish::builder()
        .topic_arn("arn:aws:sns:us-east-1:123456789012:t")
        .build();
}
