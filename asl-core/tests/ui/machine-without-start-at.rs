// A state machine needs `StartAt`.
fn main() {
    let _machine = asl_core::StateMachine::builder()
        .states(asl_core::States::new())
        .build();
}
