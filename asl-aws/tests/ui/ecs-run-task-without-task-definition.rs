// `TaskDefinition` is required: a EcsRunTask without it does not compile.
use asl_aws::EcsRunTask;

fn main() {
    let _task = EcsRunTask::builder()
        .cluster("c")
        .build();
}
