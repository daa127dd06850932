//! AWS Glue DataBrew: `databrew:startJobRun`: `databrew:startJobRun`, and for
//! `.sync` `databrew:listJobRuns` and `databrew:stopJobRun`, on `job/*`
//! (the developer guide's template, static and dynamic alike).

use crate::grant::{Call, Out};

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    match call.action {
        "startJobRun" => {
            let sync = ["databrew:listJobRuns", "databrew:stopJobRun"];
            let jobs = out.regional("databrew", "job/*");
            out.allow(
                "StartJobRun",
                &call.actions(&["databrew:startJobRun"], &sync),
                vec![jobs],
            );
            true
        }
        _ => false,
    }
}
