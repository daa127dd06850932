//! AWS Glue: `glue:startJobRun`, on `*` as the developer guide grants it:
//! `glue:StartJobRun`, and for `.sync` `glue:GetJobRun`, `glue:GetJobRuns`
//! and `glue:BatchStopJobRun` (Step Functions polls the run).

use crate::grant::{Call, Out};

const SYNC: &[&str] = &["glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"];

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let known = call.action == "startJobRun";
    if known {
        let actions = call.actions(&["glue:StartJobRun"], SYNC);
        out.allow("StartJobRun", &actions, vec!["*".to_string()]);
    }
    known
}
