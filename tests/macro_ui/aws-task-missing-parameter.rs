// Typed AWS tasks without a required parameter: each reported on the state's type.
fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Work,
        States: {
            Work: lambda::Invoke {
                Payload: { "x.$": "$.x" },
                Next: Queue,
            },
            Queue: sqs::SendMessage {
                QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
                Next: Batch,
            },
            Batch: batch::SubmitJob.sync {
                JobName: "nightly",
                End: true,
            },
        }
    };
}
