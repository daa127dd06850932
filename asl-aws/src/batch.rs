//! AWS Batch: `batch:submitJob`. Job ids exist at run time only, so the
//! developer guide grants on `*`: `batch:SubmitJob`, and for `.sync`
//! `batch:DescribeJobs`, `batch:TerminateJob` and the rule
//! `StepFunctionsGetEventsForBatchJobsRule`.

use crate::grant::{Call, Out};

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "submitJob" {
        return false;
    }
    let actions = call.actions(
        &["batch:SubmitJob"],
        &["batch:DescribeJobs", "batch:TerminateJob"],
    );
    out.allow("SubmitJob", &actions, vec!["*".to_string()]);
    if call.pattern.is_sync() {
        out.managed_rule("StepFunctionsGetEventsForBatchJobsRule");
    }
    true
}
