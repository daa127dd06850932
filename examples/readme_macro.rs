//! The README's `state_machine!` snippet, compiled and run.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    const MODEL: &str = "cohere.command-text-v14";
    let machine = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: (MODEL),
                Body: { "prompt.$": "$.question", "max_tokens": 250 },
                ResultSelector: { "answer.$": "$.Body.generations[0].text" },
                Next: Done,
            },
            Done: Succeed {},
        }
    }?;
    println!("{}", machine.to_string_pretty());
    Ok(())
}
