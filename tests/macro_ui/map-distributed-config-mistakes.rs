// Mistakes in a distributed Map's ItemReader, ItemBatcher, ResultWriter and failure tolerance.
fn main() {
    // item batcher zero items
    let _ = asl_kit::state_machine! {
        StartAt: Each,
        States: {
            Each: Map {
                ItemsPath: "$.items",
                ItemBatcher: { MaxItemsPerBatch: 0 },
                ItemProcessor: {
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                    StartAt: W,
                    States: { W: Succeed {} },
                },
                End: true,
            },
        }
    };

    // reader config bad delimiter
    let _ = asl_kit::state_machine! {
        StartAt: Each,
        States: {
            Each: Map {
                ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    Parameters: { "Bucket": "b", "Key": "k.csv" },
                    ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: "COLON" },
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

    // reader config given without headers
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

    // result writer bad output type
    let _ = asl_kit::state_machine! {
        StartAt: Each,
        States: {
            Each: Map {
                ItemsPath: "$.items",
                ResultWriter: { WriterConfig: { OutputType: "CSV" } },
                ItemProcessor: {
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                    StartAt: W,
                    States: { W: Succeed {} },
                },
                End: true,
            },
        }
    };

    // tolerated failure percentage out of range
    let _ = asl_kit::state_machine! {
        StartAt: Each,
        States: {
            Each: Map {
                ItemsPath: "$.items",
                ToleratedFailurePercentage: 150,
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
