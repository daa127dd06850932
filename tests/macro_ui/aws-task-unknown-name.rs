// Typed task names the macro does not know: a misspelling gets a
// suggestion; an API without a typed task, the list of typed tasks.
fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Tell,
        States: {
            Tell: sns::Publsh { TopicArn: "arn:aws:sns:us-east-1:123456789012:t", Message: "hi", End: true },
        }
    };

    // no typed task for this API
    let _ = asl_kit::state_machine! {
        StartAt: Find,
        States: {
            Find: dynamodb::Query { TableName: "Orders", End: true },
        }
    };
}
