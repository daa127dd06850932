// Typed AWS task parameters that are misspelled or of the wrong type,
// reported together, each at its key or its value.
fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Tell,
        States: {
            Tell: sns::Publish {
                TopicArn: "arn:aws:sns:us-east-1:123456789012:alerts",
                Mesage: "done",
                Next: Queue,
            },
            Queue: sqs::SendMessage {
                QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
                MessageBody: "job",
                DelaySeconds: "five",
                "FunctionNme.$": "$.f",
                End: true,
            },
        }
    };
}
