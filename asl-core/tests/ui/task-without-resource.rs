// A Task needs a `Resource`: leaving it out is a compile error.
fn main() {
    let _task = asl_core::Task::builder()
        .comment("no resource")
        .build();
}
