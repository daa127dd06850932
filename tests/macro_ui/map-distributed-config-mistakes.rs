// Mistakes in a distributed Map's ItemReader, ItemBatcher, ResultWriter and
// failure tolerance, all reported together.
fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Each,
        States: {
            Each: Map {
                ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    Parameters: { "Bucket": "b", "Key": "k.csv" },
                    ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "GIVEN", CSVDelimiter: "COLON" },
                },
                ItemBatcher: { MaxItemsPerBatch: 0 },
                ResultWriter: { WriterConfig: { OutputType: "CSV" } },
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
