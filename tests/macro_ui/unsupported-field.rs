fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Each,
        States: {
            Each: Map {
                ItemReader: { Resource: "arn:aws:states:::s3:getObject", Parameters: { "Bucket": "b", "Key": "k" } },
                ItemProcessor: { StartAt: W, States: { W: Succeed {} } },
                End: true,
            },
        }
    };
}
