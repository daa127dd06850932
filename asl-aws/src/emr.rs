//! Amazon EMR (`elasticmapreduce:`): one template per API for every
//! pattern, as the developer guide gives it, on the cluster of `ClusterId`
//! (`arn:P:elasticmapreduce:*:*:cluster/*` when dynamic; `*` for
//! `modifyInstanceGroupByName`, as the guide's dynamic template). The guide
//! no longer lists managed rules for EMR.
//! `createCluster` runs a new cluster (`*`) and passes its `ServiceRole`,
//! `JobFlowRole` (the instance profile's role, by name) and
//! `AutoScalingRole`.

use crate::grant::{Call, Out};

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let p = &call.params;
    let cluster = |any: String| {
        p.str("ClusterId").or_any(
            |id| out.regional("elasticmapreduce", &format!("cluster/{id}")),
            any,
        )
    };
    let anywhere = out.anywhere("elasticmapreduce", "cluster/*");
    let (actions, resource): (&[&str], String) = match call.action {
        "createCluster" => {
            out.allow(
                "Cluster",
                &[
                    "elasticmapreduce:RunJobFlow",
                    "elasticmapreduce:DescribeCluster",
                    "elasticmapreduce:TerminateJobFlows",
                ],
                vec!["*".to_string()],
            );
            for key in ["ServiceRole", "JobFlowRole", "AutoScalingRole"] {
                out.pass_role(&p.str(key), None);
            }
            return true;
        }
        "setClusterTerminationProtection" => (
            &["elasticmapreduce:SetTerminationProtection"],
            cluster(anywhere),
        ),
        "terminateCluster" => (
            &[
                "elasticmapreduce:TerminateJobFlows",
                "elasticmapreduce:DescribeCluster",
            ],
            cluster(anywhere),
        ),
        "addStep" => (
            &[
                "elasticmapreduce:AddJobFlowSteps",
                "elasticmapreduce:DescribeStep",
                "elasticmapreduce:CancelSteps",
            ],
            cluster(anywhere),
        ),
        "cancelStep" => (&["elasticmapreduce:CancelSteps"], cluster(anywhere)),
        "modifyInstanceFleetByName" => (
            &[
                "elasticmapreduce:ModifyInstanceFleet",
                "elasticmapreduce:ListInstanceFleets",
            ],
            cluster(anywhere),
        ),
        "modifyInstanceGroupByName" => (
            &[
                "elasticmapreduce:ModifyInstanceGroups",
                "elasticmapreduce:ListInstanceGroups",
            ],
            cluster("*".to_string()),
        ),
        _ => return false,
    };
    out.allow("Cluster", actions, vec![resource]);
    true
}
