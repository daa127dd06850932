//! AWS CodeBuild: every API on its project, derived from `ProjectName` or
//! from a build (batch) `Id` (`project:uuid`, or a build ARN); `project/*`
//! when only known at run time. `.sync` adds what Step Functions polls
//! with, and for `startBuild` the rule
//! `StepFunctionsGetEventForCodeBuildStartBuildRule` (the guide lists no
//! rule for the build-batch APIs). `batchGetReports` grants on the report
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

/// How a field names a resource.
type Resource = fn(&Out<'_>, &Field) -> String;

/// API, source of the resources, its action, what `.sync` adds.
const APIS: &[(&str, Source, &str, &[&str])] = &[
    (
        "startBuild",
        Source::ProjectName,
        "codebuild:StartBuild",
        &["codebuild:StopBuild", "codebuild:BatchGetBuilds"],
    ),
    (
        "startBuildBatch",
        Source::ProjectName,
        "codebuild:StartBuildBatch",
        &["codebuild:StopBuildBatch", "codebuild:BatchGetBuildBatches"],
    ),
    (
        "retryBuildBatch",
        Source::Id,
        "codebuild:RetryBuildBatch",
        &["codebuild:StopBuildBatch", "codebuild:BatchGetBuildBatches"],
    ),
    ("stopBuild", Source::Id, "codebuild:StopBuild", &[]),
    (
        "stopBuildBatch",
        Source::Id,
        "codebuild:StopBuildBatch",
        &[],
    ),
    (
        "deleteBuildBatch",
        Source::Id,
        "codebuild:DeleteBuildBatch",
        &[],
    ),
    (
        "batchDeleteBuilds",
        Source::Ids,
        "codebuild:BatchDeleteBuilds",
        &[],
    ),
    (
        "batchGetReports",
        Source::ReportArns,
        "codebuild:BatchGetReports",
        &[],
    ),
];

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let Some((_, source, main, sync)) = APIS.iter().find(|a| a.0 == call.action) else {
        return false;
    };
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
        let r = resource(out, f);
        if !resources.contains(&r) {
            resources.push(r);
        }
    }
    out.allow("CodeBuild", &call.actions(&[main], sync), resources);
    if call.pattern.is_sync() && call.action == "startBuild" {
        out.managed_rule("StepFunctionsGetEventForCodeBuildStartBuildRule");
    }
    true
}

fn project(out: &Out<'_>, name: &Field) -> String {
    out.arn_or(
        name,
        |n| out.regional("codebuild", &format!("project/{n}")),
        out.regional("codebuild", "project/*"),
    )
}

/// The project of a build id `project:uuid` or build ARN
/// `arn:P:codebuild:R:A:build/project:uuid` (`build-batch/…` alike).
fn project_of_id(out: &Out<'_>, id: &Field) -> String {
    let any = out.regional("codebuild", "project/*");
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
/// `arn:P:codebuild:R:*:report-group/*` (the guide's dynamic form) otherwise.
fn report_group(out: &Out<'_>, report: &Field) -> String {
    let any = format!(
        "arn:{}:codebuild:{}:*:report-group/*",
        out.env.partition, out.env.region
    );
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
