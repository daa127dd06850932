fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Each,
        States: {
            Each: Map {
                ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    Parameters: { "Bucket": "b", "Key": "k.csv" },
                    ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "GIVEN" },
                },
                ItemProcessor: {
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                    StartAt: W,
                    States: { W: Succeed {} },
                },
                End: true,
            },
        }
    };
}
