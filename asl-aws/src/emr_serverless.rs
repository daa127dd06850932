//! Amazon EMR Serverless: the application and job-run APIs on
//! `/applications/ID` (`/applications/*` when dynamic); `.sync` adds the
//! `Get…` Step Functions polls with (and, for runs it starts, the stop it
//! may need) and the managed rule for applications or job runs.
//! `createApplication` creates on `/*` and may create the service-linked
//! role; `startJobRun` passes its `ExecutionRoleArn`.

use crate::grant::{Call, Out};
use crate::request::Field;

const APPLICATION_RULE: &str = "StepFunctionsGetEventsForEMRServerlessApplicationRule";
const JOB_RULE: &str = "StepFunctionsGetEventsForEMRServerlessJobRule";

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let p = &call.params;
    let sync = call.pattern.is_sync();
    let app = p.str("ApplicationId");
    let application = path(out, &[&app], "");
    match call.action {
        "createApplication" => {
            let all = out.regional("emr-serverless", "/*");
            out.allow(
                "Application",
                &["emr-serverless:CreateApplication"],
                vec![all],
            );
            if sync {
                let any = out.regional("emr-serverless", "/applications/*");
                out.allow(
                    "Application",
                    &[
                        "emr-serverless:GetApplication",
                        "emr-serverless:DeleteApplication",
                    ],
                    vec![any],
                );
                out.managed_rule(APPLICATION_RULE);
            }
            out.service_linked_role(
                "ops.emr-serverless.amazonaws.com",
                "AWSServiceRoleForAmazonEMRServerless*",
            );
        }
        "startApplication" | "stopApplication" | "deleteApplication" => {
            let main = match call.action {
                "startApplication" => "emr-serverless:StartApplication",
                "stopApplication" => "emr-serverless:StopApplication",
                _ => "emr-serverless:DeleteApplication",
            };
            let actions: &[&str] = match (sync, call.action) {
                (false, _) => &[main][..],
                (true, "startApplication") => &[
                    main,
                    "emr-serverless:GetApplication",
                    "emr-serverless:StopApplication",
                ][..],
                (true, _) => &[main, "emr-serverless:GetApplication"][..],
            };
            out.allow("Application", actions, vec![application]);
            if sync {
                out.managed_rule(APPLICATION_RULE);
            }
        }
        "startJobRun" => {
            out.allow("JobRun", &["emr-serverless:StartJobRun"], vec![application]);
            out.pass_role(
                &p.str("ExecutionRoleArn"),
                Some("emr-serverless.amazonaws.com"),
            );
            if sync {
                let runs = path(out, &[&app, &Field::Unknown], "/jobruns");
                out.allow(
                    "JobRun",
                    &["emr-serverless:GetJobRun", "emr-serverless:CancelJobRun"],
                    vec![runs],
                );
                out.managed_rule(JOB_RULE);
            }
        }
        "cancelJobRun" => {
            let run = path(out, &[&app, &p.str("JobRunId")], "/jobruns");
            let actions: &[&str] = if sync {
                &["emr-serverless:CancelJobRun", "emr-serverless:GetJobRun"]
            } else {
                &["emr-serverless:CancelJobRun"]
            };
            out.allow("JobRun", actions, vec![run]);
            if sync {
                out.managed_rule(JOB_RULE);
            }
        }
        _ => return false,
    }
    true
}

/// `/applications/APP[/jobruns/RUN]`: a dynamic application is
/// `/applications/*` (the guide's form, job runs included); a dynamic run of
/// a known application `/applications/APP/jobruns/*`.
fn path(out: &Out<'_>, ids: &[&Field], runs: &str) -> String {
    let any = out.regional("emr-serverless", "/applications/*");
    let mut ids = ids.iter();
    let Some(app) = ids.next().and_then(|a| a.known()) else {
        return any;
    };
    let mut resource = format!("/applications/{app}");
    if let Some(run) = ids.next() {
        resource.push_str(runs);
        resource.push('/');
        resource.push_str(run.known().unwrap_or("*"));
    }
    out.regional("emr-serverless", &resource)
}
