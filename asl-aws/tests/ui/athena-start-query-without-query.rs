// `QueryString` is required: a AthenaStartQueryExecution without it does not compile.
use asl_aws::AthenaStartQueryExecution;

fn main() {
    let _task = AthenaStartQueryExecution::builder()
        .work_group("primary")
        .build();
}
