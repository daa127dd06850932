//! Amazon SageMaker: one row per API of [`APIS`]: the name parameter, the
//! ARN kind (`training-job/NAME*`, `*` for a dynamic name), the role
//! parameter passed to `sagemaker.amazonaws.com`, and what `.sync` adds
//! (describe, stop and the managed rule). Jobs also get `sagemaker:ListTags`
//! and `sagemaker:AddTags` on `*`, as the developer guide grants them.

use crate::grant::{Call, Out};
use crate::request::Params;

/// One SageMaker API.
struct Api {
    action: &'static str,
    name: &'static str,
    kind: &'static str,
    /// The role parameter: a top-level key, or `Parent.Key`.
    role: Option<&'static str>,
    /// A job (tagged, with `NAME*` resources) rather than a hosting object.
    job: bool,
    sync: &'static [&'static str],
    rule: &'static str,
}

/// A hosting API (model, endpoint, endpoint configuration): exact
/// resources, no tags, nothing for `.sync`.
const fn api(
    action: &'static str,
    name: &'static str,
    kind: &'static str,
    role: Option<&'static str>,
) -> Api {
    let mut a = job(action, name, kind, role, &[], "");
    a.job = false;
    a
}

/// A job API.
const fn job(
    action: &'static str,
    name: &'static str,
    kind: &'static str,
    role: Option<&'static str>,
    sync: &'static [&'static str],
    rule: &'static str,
) -> Api {
    Api {
        action,
        name,
        kind,
        role,
        job: true,
        sync,
        rule,
    }
}

const APIS: &[Api] = &[
    job(
        "createTrainingJob",
        "TrainingJobName",
        "training-job",
        Some("RoleArn"),
        &["sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"],
        "StepFunctionsGetEventsForSageMakerTrainingJobsRule",
    ),
    job(
        "createTransformJob",
        "TransformJobName",
        "transform-job",
        None,
        &[
            "sagemaker:DescribeTransformJob",
            "sagemaker:StopTransformJob",
        ],
        "StepFunctionsGetEventsForSageMakerTransformJobsRule",
    ),
    job(
        "createProcessingJob",
        "ProcessingJobName",
        "processing-job",
        Some("RoleArn"),
        &[
            "sagemaker:DescribeProcessingJob",
            "sagemaker:StopProcessingJob",
        ],
        "StepFunctionsGetEventsForSageMakerProcessingJobsRule",
    ),
    job(
        "createHyperParameterTuningJob",
        "HyperParameterTuningJobName",
        "hyper-parameter-tuning-job",
        Some("TrainingJobDefinition.RoleArn"),
        &[
            "sagemaker:DescribeHyperParameterTuningJob",
            "sagemaker:StopHyperParameterTuningJob",
            "sagemaker:ListTrainingJobsForHyperParameterTuningJob",
        ],
        "StepFunctionsGetEventsForSageMakerHyperparameterTuningJobsRule",
    ),
    job(
        "createLabelingJob",
        "LabelingJobName",
        "labeling-job",
        Some("RoleArn"),
        &["sagemaker:DescribeLabelingJob", "sagemaker:StopLabelingJob"],
        "StepFunctionsGetEventsForSageMakerLabelingJobsRule",
    ),
    api(
        "createModel",
        "ModelName",
        "model",
        Some("ExecutionRoleArn"),
    ),
    api("createEndpoint", "EndpointName", "endpoint", None),
    api(
        "createEndpointConfig",
        "EndpointConfigName",
        "endpoint-config",
        None,
    ),
    api("updateEndpoint", "EndpointName", "endpoint", None),
];

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let Some(api) = APIS.iter().find(|a| a.action == call.action) else {
        return false;
    };
    let p = &call.params;
    let star = if api.job { "*" } else { "" };
    let resource = p.str(api.name).or_any(
        |n| out.regional("sagemaker", &format!("{}/{n}{star}", api.kind)),
        out.regional("sagemaker", &format!("{}/*", api.kind)),
    );
    let main = format!("sagemaker:{}", crate::pascal(api.action));
    let actions = call.actions(&[main.as_str()], api.sync);
    out.allow(&crate::pascal(api.action), &actions, vec![resource]);
    if api.job {
        out.allow(
            "Tags",
            &["sagemaker:ListTags", "sagemaker:AddTags"],
            vec!["*".to_string()],
        );
    }
    if let Some(role) = api.role {
        out.pass_role(&role_of(p, role), Some("sagemaker.amazonaws.com"));
    }
    if call.pattern.is_sync() && !api.rule.is_empty() {
        out.managed_rule(api.rule);
    }
    true
}

fn role_of(p: &Params<'_>, key: &str) -> crate::request::Field {
    match key.split_once('.') {
        Some((parent, child)) => p.obj(parent).str(child),
        None => p.str(key),
    }
}
