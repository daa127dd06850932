fn main() {
    let _ = asl_kit::state_machine! {
        StartAt: A,
        States: {
            A: Pass { Parameters: { "item.$": "States.ArrayGetItem($.list)" }, End: true },
        }
    };
}
