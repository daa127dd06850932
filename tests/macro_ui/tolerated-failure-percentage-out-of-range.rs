fn main() {
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
