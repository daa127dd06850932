fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Train,
        States: {
            Train: bedrock::CreateModelCustomizationJob.waitForTaskToken {
                JobName: "job",
                End: true,
            },
        }
    };
}
