// `StateMachineArn` is required: a StartExecution without it does not compile.
use asl_aws::StartExecution;

fn main() {
    let _task = StartExecution::builder()
        .name("run")
        .build();
}
