fn main() {
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
}
