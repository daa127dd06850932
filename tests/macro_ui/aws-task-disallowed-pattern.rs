// Integration patterns a type does not take (reported together), and
// patterns the macro does not know (each on its own machine).
fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Tell,
        States: {
            Tell: sns::Publish.sync {
                TopicArn: "arn:aws:sns:us-east-1:123456789012:alerts",
                Message: "done",
                Next: Etl,
            },
            Etl: glue::StartJobRun.waitForTaskToken { JobName: "etl", Next: Read },
            Read: dynamodb::GetItem.sync:2 { TableName: "Orders", Key: { "id": { "S": "1" } }, Next: Fetch },
            Fetch: aws_sdk::s3::GetObject.sync { Bucket: "reports", Key: "today.csv", Next: Done },
            Done: Pass.sync { End: true },
        }
    };

    // unknown pattern
    let _ = asl_kit::state_machine! {
        StartAt: Run,
        States: {
            Run: ecs::RunTask.later { TaskDefinition: "work:3", End: true },
        }
    };

    // sync:3
    let _ = asl_kit::state_machine! {
        StartAt: Child,
        States: {
            Child: states::StartExecution.sync:3 { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:c", End: true },
        }
    };
}
