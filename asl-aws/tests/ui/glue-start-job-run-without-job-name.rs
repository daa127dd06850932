// `JobName` is required: a GlueStartJobRun without it does not compile.
use asl_aws::GlueStartJobRun;

fn main() {
    let _task = GlueStartJobRun::builder()
        .timeout(10u64)
        .build();
}
