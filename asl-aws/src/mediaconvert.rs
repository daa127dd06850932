//! AWS Elemental MediaConvert: `mediaconvert:createJob`: `CreateJob` on the
//! account's queues, job templates and presets, `iam:PassRole` on its
//! `Role` for `mediaconvert.amazonaws.com`; `.sync` adds `GetJob` and
//! `CancelJob` on jobs Step Functions tagged, and the rule
//! `StepFunctionsGetEventsForMediaConvertJobRule`.

use crate::grant::{Call, Out};
use serde_json::json;

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "createJob" {
        return false;
    }
    let scope = ["queues/*", "jobTemplates/*", "presets/*"]
        .iter()
        .map(|r| out.regional("mediaconvert", r))
        .collect();
    out.allow("CreateJob", &["mediaconvert:CreateJob"], scope);
    if call.pattern.is_sync() {
        let jobs = out.regional("mediaconvert", "jobs/*");
        out.allow_if(
            "CreateJob",
            &["mediaconvert:GetJob", "mediaconvert:CancelJob"],
            vec![jobs],
            json!({"StringEquals": {"aws:ResourceTag/ManagedByService": "AWSStepFunctions"}}),
        );
    }
    out.pass_role(&call.params.str("Role"), Some("mediaconvert.amazonaws.com"));
    if call.pattern.is_sync() {
        out.managed_rule("StepFunctionsGetEventsForMediaConvertJobRule");
    }
    true
}
