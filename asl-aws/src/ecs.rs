//! Amazon ECS: `ecs:runTask` (request-response, `.sync`,
//! `.waitForTaskToken`): `ecs:RunTask` on the task definition (`family:revision`,
//! `family:*` without a revision, `*` when dynamic, as the guide's dynamic
//! template); `.sync` adds `ecs:StopTask` and `ecs:DescribeTasks` on `*`
//! and the rule `StepFunctionsGetEventsForECSTaskRule`. Roles named in
//! `Overrides` are passed (`iam:PassRole`); the task definition's own roles
//! cannot be read from the definition, and a warning says so.

use crate::grant::{Call, Out};

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "runTask" {
        return false;
    }
    let p = &call.params;
    let definition = out.arn_or(
        &p.str("TaskDefinition"),
        |d| {
            let d = if d.contains(':') {
                d.to_string()
            } else {
                format!("{d}:*")
            };
            out.regional("ecs", &format!("task-definition/{d}"))
        },
        "*".to_string(),
    );
    let definition = if definition.starts_with("arn:")
        && definition.contains(":task-definition/")
        && definition.matches(':').count() == 5
    {
        format!("{definition}:*")
    } else {
        definition
    };
    out.allow("RunTask", &["ecs:RunTask"], vec![definition]);
    if call.pattern.is_sync() {
        out.allow(
            "RunTask",
            &["ecs:StopTask", "ecs:DescribeTasks"],
            vec!["*".to_string()],
        );
        out.managed_rule("StepFunctionsGetEventsForECSTaskRule");
    }
    let overrides = p.obj("Overrides");
    for key in ["TaskRoleArn", "ExecutionRoleArn"] {
        out.pass_role(&overrides.str(key), Some("ecs-tasks.amazonaws.com"));
    }
    out.review(
        "if the task definition has a task role or an execution role, add iam:PassRole on them (the definition does not name them)",
    );
    true
}
