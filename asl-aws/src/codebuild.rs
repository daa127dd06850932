//! AWS CodeBuild: every API on its project, derived from `ProjectName` or
//! from a build (batch) `Id` (`project:uuid`, or a build ARN); `project/*`
//! when only known at run time (in any account for `startBuild`,
//! `stopBuild` and `batchDeleteBuilds`, as the guide's dynamic templates). `.sync` adds what Step Functions polls
//! with, and for `startBuild` and `startBuildBatch` the rules
//! `StepFunctionsGetEventForCodeBuildStartBuild[Batch]Rule` (the guide lists
//! none for `retryBuildBatch.sync`). `batchGetReports` grants on the report
//! groups of its `ReportArns`.

use crate::grant::{Call, Out};
use crate::request::Field;

/// Where an API's project comes from.
#[derive(Clone, Copy)]
enum Source {
    ProjectName,
    Id,
    Ids,
    ReportArns,
}

/// How a field names a resource, given the wildcard for a dynamic one.
type Resource = fn(&Out<'_>, &Field, &str) -> String;

/// API, source of the resources, its action, what `.sync` adds, and whether
/// the guide's dynamic template names any account (`R:*:project/*`, the
/// APIs of the first integration) or this one (the build-batch APIs).
#[rustfmt::skip]
const APIS: &[(&str, Source, &str, &[&str], bool)] = &[
    ("startBuild", Source::ProjectName, "codebuild:StartBuild",
        &["codebuild:StopBuild", "codebuild:BatchGetBuilds"], true),
    ("startBuildBatch", Source::ProjectName, "codebuild:StartBuildBatch",
        &["codebuild:StopBuildBatch", "codebuild:BatchGetBuildBatches"], false),
    ("retryBuildBatch", Source::Id, "codebuild:RetryBuildBatch",
        &["codebuild:StopBuildBatch", "codebuild:BatchGetBuildBatches"], false),
    ("stopBuild", Source::Id, "codebuild:StopBuild", &[], true),
    ("stopBuildBatch", Source::Id, "codebuild:StopBuildBatch", &[], false),
    ("deleteBuildBatch", Source::Id, "codebuild:DeleteBuildBatch", &[], false),
    ("batchDeleteBuilds", Source::Ids, "codebuild:BatchDeleteBuilds", &[], true),
    ("batchGetReports", Source::ReportArns, "codebuild:BatchGetReports", &[], true),
];

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let Some((_, source, main, sync, any_account)) = APIS.iter().find(|a| a.0 == call.action)
    else {
        return false;
    };
    let account = if *any_account {
        "*"
    } else {
        out.env.account.as_str()
    };
    let kind = match source {
        Source::ReportArns => "report-group",
        _ => "project",
    };
    let any = format!(
        "arn:{}:codebuild:{}:{account}:{kind}/*",
        out.env.partition, out.env.region
    );
    let p = &call.params;
    let (fields, resource): (Vec<Field>, Resource) = match source {
        Source::ProjectName => (vec![p.str("ProjectName")], project),
        Source::Id => (vec![p.str("Id")], project_of_id),
        Source::Ids => (
            p.strs("Ids").unwrap_or_else(|| vec![Field::Unknown]),
            project_of_id,
        ),
        Source::ReportArns => (
            p.strs("ReportArns").unwrap_or_else(|| vec![Field::Unknown]),
            report_group,
        ),
    };
    let mut resources: Vec<String> = Vec::new();
    for f in &fields {
        let r = resource(out, f, &any);
        if !resources.contains(&r) {
            resources.push(r);
        }
    }
    out.allow("CodeBuild", &call.actions(&[main], sync), resources);
    if call.pattern.is_sync() {
        match call.action {
            "startBuild" => out.managed_rule("StepFunctionsGetEventForCodeBuildStartBuildRule"),
            "startBuildBatch" => {
                out.managed_rule("StepFunctionsGetEventForCodeBuildStartBuildBatchRule")
            }
            _ => {}
        }
    }
    true
}

fn project(out: &Out<'_>, name: &Field, any: &str) -> String {
    out.arn_or(
        name,
        |n| out.regional("codebuild", &format!("project/{n}")),
        any.to_string(),
    )
}

/// The project of a build id `project:uuid` or build ARN
/// `arn:P:codebuild:R:A:build/project:uuid` (`build-batch/…` alike).
fn project_of_id(out: &Out<'_>, id: &Field, any: &str) -> String {
    let any = any.to_string();
    let Some(id) = id.known() else {
        return any;
    };
    let tail = match id
        .split_once(":build/")
        .or_else(|| id.split_once(":build-batch/"))
    {
        Some((_, t)) => t,
        None if id.starts_with("arn:") => return any,
        None => id,
    };
    match tail.rsplit_once(':') {
        Some((name, _)) if !name.is_empty() => {
            out.regional("codebuild", &format!("project/{name}"))
        }
        _ => any,
    }
}

/// The report group of a report ARN `arn:P:codebuild:R:A:report/GROUP:uuid`;
/// `any` (the guide's dynamic form) otherwise.
fn report_group(_: &Out<'_>, report: &Field, any: &str) -> String {
    let any = any.to_string();
    let Some(arn) = report.known() else {
        return any;
    };
    match arn.split_once(":report/") {
        Some((head, tail)) => match tail.rsplit_once(':') {
            Some((group, _)) => format!("{head}:report-group/{group}"),
            None => format!("{head}:report-group/{tail}"),
        },
        None if arn.contains(":report-group/") => arn.to_string(),
        None => any,
    }
}
