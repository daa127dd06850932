// `JobQueue` is required: a BatchSubmitJob without it does not compile.
use asl_aws::BatchSubmitJob;

fn main() {
    let _task = BatchSubmitJob::builder()
        .job_name("n")
        .job_definition("d")
        .build();
}
