//! Amazon EMR (`elasticmapreduce:`), on the cluster of `ClusterId`
//! (`arn:P:elasticmapreduce:*:*:cluster/*` when dynamic; `*` for
//! `modifyInstanceGroupByName`, as the guide's dynamic template).
//!
//! The guide gives one template per API without naming its pattern; its
//! polling and cleanup actions (`DescribeStep` and `CancelSteps` for
//! `addStep`, `DescribeCluster` for `terminateCluster`, `DescribeCluster`
//! and `TerminateJobFlows` for `createCluster`) are what `.sync` needs, so
//! request-response grants the API's own action only. The guide no longer
//! lists managed rules for EMR. `createCluster` runs a new cluster (`*`) and
//! passes its `ServiceRole`, `JobFlowRole` (the instance profile's role, by
//! name) and `AutoScalingRole`.

use crate::grant::{Call, Out};

/// API, its action, what `.sync` adds, and whether a dynamic cluster is
/// `*` rather than `arn:P:elasticmapreduce:*:*:cluster/*`.
#[rustfmt::skip]
const APIS: &[(&str, &str, &[&str], bool)] = &[
    ("createCluster", "elasticmapreduce:RunJobFlow",
        &["elasticmapreduce:DescribeCluster", "elasticmapreduce:TerminateJobFlows"], true),
    ("setClusterTerminationProtection", "elasticmapreduce:SetTerminationProtection", &[], false),
    ("terminateCluster", "elasticmapreduce:TerminateJobFlows", &["elasticmapreduce:DescribeCluster"], false),
    ("addStep", "elasticmapreduce:AddJobFlowSteps",
        &["elasticmapreduce:DescribeStep", "elasticmapreduce:CancelSteps"], false),
    ("cancelStep", "elasticmapreduce:CancelSteps", &[], false),
    ("modifyInstanceFleetByName", "elasticmapreduce:ModifyInstanceFleet",
        &[], false),
    ("modifyInstanceGroupByName", "elasticmapreduce:ModifyInstanceGroups", &[], true),
];

/// The `List…` each modify-by-name API reads first, whatever the pattern.
const LISTS: &[(&str, &str)] = &[
    (
        "modifyInstanceFleetByName",
        "elasticmapreduce:ListInstanceFleets",
    ),
    (
        "modifyInstanceGroupByName",
        "elasticmapreduce:ListInstanceGroups",
    ),
];

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let Some((action, main, sync, star)) = APIS.iter().find(|a| a.0 == call.action) else {
        return false;
    };
    let p = &call.params;
    let mut actions = call.actions(&[main], sync);
    actions.extend(LISTS.iter().filter(|l| l.0 == *action).map(|l| l.1));
    let resource = if *action == "createCluster" {
        "*".to_string()
    } else {
        let any = if *star {
            "*".to_string()
        } else {
            out.anywhere("elasticmapreduce", "cluster/*")
        };
        p.str("ClusterId").or_any(
            |id| out.regional("elasticmapreduce", &format!("cluster/{id}")),
            any,
        )
    };
    out.allow("Cluster", &actions, vec![resource]);
    if *action == "createCluster" {
        for key in ["ServiceRole", "JobFlowRole", "AutoScalingRole"] {
            out.pass_role(&p.str(key), None);
        }
    }
    true
}
