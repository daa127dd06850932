//! Amazon EMR on EKS (`emr-containers:`): `createVirtualCluster` (on `*`,
//! with the service-linked role), `deleteVirtualCluster` (`.sync` adds
//! `DescribeVirtualCluster`) and `startJobRun`, allowed for its
//! `ExecutionRoleArn` only (`emr-containers:ExecutionRoleArn`); `.sync`
//! adds `DescribeJobRun` and `CancelJobRun` on the cluster's job runs.

use crate::grant::{Call, Out};
use serde_json::json;

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let p = &call.params;
    let sync = call.pattern.is_sync();
    match call.action {
        "createVirtualCluster" => {
            out.allow(
                "VirtualCluster",
                &["emr-containers:CreateVirtualCluster"],
                vec!["*".to_string()],
            );
            out.service_linked_role(
                "emr-containers.amazonaws.com",
                "AWSServiceRoleForAmazonEMRContainers",
            );
        }
        "deleteVirtualCluster" => {
            let cluster = virtual_cluster(out, &p.str("Id"), "");
            let actions: &[&str] = if sync {
                &[
                    "emr-containers:DeleteVirtualCluster",
                    "emr-containers:DescribeVirtualCluster",
                ]
            } else {
                &["emr-containers:DeleteVirtualCluster"]
            };
            out.allow("VirtualCluster", actions, vec![cluster]);
        }
        "startJobRun" => {
            let id = p.str("VirtualClusterId");
            let cluster = virtual_cluster(out, &id, "");
            match p.str("ExecutionRoleArn").known() {
                Some(role) => out.allow_if(
                    "JobRun",
                    &["emr-containers:StartJobRun"],
                    vec![cluster],
                    json!({"StringEquals": {"emr-containers:ExecutionRoleArn": [role]}}),
                ),
                None => out.allow("JobRun", &["emr-containers:StartJobRun"], vec![cluster]),
            }
            if sync {
                let runs = virtual_cluster(out, &id, "/jobruns/*");
                out.allow(
                    "JobRun",
                    &[
                        "emr-containers:DescribeJobRun",
                        "emr-containers:CancelJobRun",
                    ],
                    vec![runs],
                );
            }
        }
        _ => return false,
    }
    true
}

/// `arn:P:emr-containers:R:A:/virtualclusters/ID{suffix}`; `/virtualclusters/*`
/// when the id is dynamic.
fn virtual_cluster(out: &Out<'_>, id: &crate::request::Field, suffix: &str) -> String {
    id.or_any(
        |id| out.regional("emr-containers", &format!("/virtualclusters/{id}{suffix}")),
        out.regional("emr-containers", "/virtualclusters/*"),
    )
}
