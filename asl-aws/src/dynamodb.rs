//! Amazon DynamoDB: `getItem`, `putItem`, `updateItem`, `deleteItem`: the
//! action of the same name on the `TableName`'s table; `*` when the table
//! is only known at run time (as the developer guide's dynamic template).
//! `describeExport` / `describeImport` (only the CDK renders them) take the
//! export or import ARN.

use crate::grant::{Call, Out};

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    let p = &call.params;
    let (action, resource) = match call.action {
        "getItem" | "putItem" | "updateItem" | "deleteItem" => {
            let table = out.arn_or(
                &p.str("TableName"),
                |t| out.regional("dynamodb", &format!("table/{t}")),
                "*".to_string(),
            );
            (call.action, table)
        }
        "describeExport" => {
            let any = out.regional("dynamodb", "table/*/export/*");
            (
                "describeExport",
                p.str("ExportArn").or_any(str::to_string, any),
            )
        }
        "describeImport" => {
            let any = out.regional("dynamodb", "table/*/import/*");
            (
                "describeImport",
                p.str("ImportArn").or_any(str::to_string, any),
            )
        }
        _ => return false,
    };
    let iam = format!("dynamodb:{}", crate::pascal(action));
    out.allow(&crate::pascal(action), &[iam.as_str()], vec![resource]);
    true
}
