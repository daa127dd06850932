// `MessageBody` is required: a SqsSendMessage without it does not compile.
use asl_aws::SqsSendMessage;

fn main() {
    let _task = SqsSendMessage::builder()
        .queue_url("https://sqs.us-east-1.amazonaws.com/123456789012/q")
        .build();
}
