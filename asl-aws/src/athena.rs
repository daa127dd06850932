//! Amazon Athena: `startQueryExecution` (request-response, `.sync`),
//! `stopQueryExecution`, `getQueryExecution`, `getQueryResults`.
//!
//! `startQueryExecution` grants on the `WorkGroup` (`primary` when none is
//! given, `workgroup/*` when dynamic) and every data catalog, plus what the
//! query itself touches, which the guide grants whatever the query: S3 on
//! `arn:P:s3:::*` (results and sources), the Glue Data Catalog and Lake
//! Formation. The other APIs take only a query execution id, which names
//! no workgroup: `workgroup/*`.

use crate::grant::{Call, Out};

const S3_ACTIONS: &[&str] = &[
    "s3:GetBucketLocation",
    "s3:GetObject",
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:ListMultipartUploadParts",
    "s3:AbortMultipartUpload",
    "s3:CreateBucket",
    "s3:PutObject",
];

const GLUE_ACTIONS: &[&str] = &[
    "glue:CreateDatabase",
    "glue:GetDatabase",
    "glue:GetDatabases",
    "glue:UpdateDatabase",
    "glue:DeleteDatabase",
    "glue:CreateTable",
    "glue:UpdateTable",
    "glue:GetTable",
    "glue:GetTables",
    "glue:DeleteTable",
    "glue:BatchDeleteTable",
    "glue:BatchCreatePartition",
    "glue:CreatePartition",
    "glue:UpdatePartition",
    "glue:GetPartition",
    "glue:GetPartitions",
    "glue:BatchGetPartition",
    "glue:DeletePartition",
    "glue:BatchDeletePartition",
];

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let any_workgroup = out.regional("athena", "workgroup/*");
    match call.action {
        "startQueryExecution" => start(call, out),
        "stopQueryExecution" => {
            out.allow("Query", &["athena:stopQueryExecution"], vec![any_workgroup])
        }
        "getQueryExecution" => {
            out.allow("Query", &["athena:getQueryExecution"], vec![any_workgroup])
        }
        "getQueryResults" => {
            out.allow("Query", &["athena:getQueryResults"], vec![any_workgroup]);
            out.allow(
                "QueryResults",
                &["s3:GetObject"],
                vec![asl_model::arn::any_s3(out.env)],
            );
        }
        _ => return false,
    }
    true
}

fn start(call: &Call<'_>, out: &mut Out<'_>) {
    let workgroup = match call.params.str("WorkGroup") {
        crate::request::Field::Absent => out.regional("athena", "workgroup/primary"),
        other => other.or_any(
            |w| out.regional("athena", &format!("workgroup/{w}")),
            out.regional("athena", "workgroup/*"),
        ),
    };
    let actions: &[&str] = if call.pattern.is_sync() {
        &[
            "athena:startQueryExecution",
            "athena:stopQueryExecution",
            "athena:getQueryExecution",
            "athena:getDataCatalog",
            "athena:GetWorkGroup",
            "athena:BatchGetQueryExecution",
            "athena:GetQueryResults",
            "athena:ListQueryExecutions",
        ]
    } else {
        &["athena:startQueryExecution", "athena:getDataCatalog"]
    };
    let catalogs = out.regional("athena", "datacatalog/*");
    out.allow("Query", actions, vec![workgroup, catalogs]);
    out.allow(
        "QueryData",
        S3_ACTIONS,
        vec![asl_model::arn::any_s3(out.env)],
    );
    let glue = ["catalog", "database/*", "table/*", "userDefinedFunction/*"]
        .iter()
        .map(|r| out.regional("glue", r))
        .collect();
    out.allow("QueryCatalog", GLUE_ACTIONS, glue);
    out.allow(
        "QueryData",
        &["lakeformation:GetDataAccess"],
        vec!["*".to_string()],
    );
}
