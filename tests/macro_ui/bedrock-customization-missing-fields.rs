fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: Create,
        States: {
            Create: bedrock::CreateModelCustomizationJob {
                JobName: "job",
                End: true,
            },
        }
    };
}
