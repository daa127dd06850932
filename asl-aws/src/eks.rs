//! Amazon EKS. The cluster APIs follow the developer guide's templates:
//! `createCluster` (`eks:CreateCluster` on `*`, `iam:PassRole` on its
//! `RoleArn` for `eks.amazonaws.com`), `deleteCluster`, `createNodegroup`
//! (with `ec2:DescribeSubnets`, `iam:GetRole` and
//! `iam:ListAttachedRolePolicies`), `deleteNodegroup`; the Fargate profile
//! APIs alike (the guide has no template for them). The guide's templates
//! do not name a pattern; their `Describe…` (polling) and, for the create
//! APIs, `Delete…` (cleanup) actions are what `.sync` needs, so
//! request-response grants the API's own actions only.
//!
//! `runJob` and `call` use the cluster's Kubernetes API: no IAM action, but
//! the role must be granted access inside the cluster (a warning says so).

use crate::grant::{Call, Out};
use crate::request::Field;

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let p = &call.params;
    match call.action {
        "createCluster" => {
            out.allow("Cluster", &["eks:CreateCluster"], vec!["*".to_string()]);
            if call.pattern.is_sync() {
                let clusters = out.regional("eks", "cluster/*");
                out.allow("Cluster", &["eks:DescribeCluster", "eks:DeleteCluster"], vec![clusters]);
            }
            out.pass_role(&p.str("RoleArn"), Some("eks.amazonaws.com"));
        }
        "deleteCluster" => {
            let cluster = named(out, "cluster", &[p.str("Name")]);
            let actions = call.actions(&["eks:DeleteCluster"], &["eks:DescribeCluster"]);
            out.allow("Cluster", &actions, vec![cluster]);
        }
        "createNodegroup" => {
            out.allow(
                "Nodegroup",
                &["ec2:DescribeSubnets", "eks:CreateNodegroup"],
                vec!["*".to_string()],
            );
            if call.pattern.is_sync() {
                let groups = out.regional("eks", "nodegroup/*");
                out.allow("Nodegroup", &["eks:DescribeNodegroup", "eks:DeleteNodegroup"], vec![groups]);
            }
            let roles = asl_model::arn::any_role(out.env);
            out.allow("Nodegroup", &["iam:GetRole", "iam:ListAttachedRolePolicies"], vec![roles]);
            out.pass_role(&p.str("NodeRole"), Some("eks.amazonaws.com"));
        }
        "deleteNodegroup" => {
            let group = named(out, "nodegroup", &[p.str("ClusterName"), p.str("NodegroupName")]);
            let actions = call.actions(&["eks:DeleteNodegroup"], &["eks:DescribeNodegroup"]);
            out.allow("Nodegroup", &actions, vec![group]);
        }
        "createFargateProfile" => {
            let cluster = named(out, "cluster", &[p.str("ClusterName")]);
            out.allow("FargateProfile", &["eks:CreateFargateProfile"], vec![cluster]);
            if call.pattern.is_sync() {
                let profile = named(out, "fargateprofile", &[p.str("ClusterName"), p.str("FargateProfileName")]);
                out.allow(
                    "FargateProfile",
                    &["eks:DescribeFargateProfile", "eks:DeleteFargateProfile"],
                    vec![profile],
                );
            }
            out.pass_role(&p.str("PodExecutionRoleArn"), Some("eks.amazonaws.com"));
        }
        "deleteFargateProfile" => {
            let profile = named(out, "fargateprofile", &[p.str("ClusterName"), p.str("FargateProfileName")]);
            let actions = call.actions(&["eks:DeleteFargateProfile"], &["eks:DescribeFargateProfile"]);
            out.allow("FargateProfile", &actions, vec![profile]);
        }
        "runJob" | "call" => out.incomplete(format!(
            "eks:{} calls the cluster's Kubernetes API, which IAM does not authorize: map the execution role to a Kubernetes identity with the permissions the request needs (an EKS access entry, or aws-auth)",
            call.action
        )),
        _ => return false,
    }
    true
}

/// `KIND/a/b[/*]`: the names given, `*` from the first one known at run
/// time only; nodegroups and Fargate profiles end with `/*` (their ARNs end
/// with an id).
fn named(out: &Out<'_>, kind: &str, names: &[Field]) -> String {
    let mut path = kind.to_string();
    for n in names {
        match n.known() {
            Some(n) => {
                path.push('/');
                path.push_str(n);
            }
            None => {
                path.push_str("/*");
                return out.regional("eks", &path);
            }
        }
    }
    if kind != "cluster" {
        path.push_str("/*");
    }
    out.regional("eks", &path)
}
