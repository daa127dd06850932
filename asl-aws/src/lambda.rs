//! AWS Lambda: `lambda:invoke` (request-response, `.waitForTaskToken`):
//! `lambda:InvokeFunction` on the function the `FunctionName` names (a name,
//! `name:qualifier`, a partial `ACCOUNT:function:name` or an ARN), or on
//! `function:*` when it is only known at run time.

use crate::grant::{Call, Out};
use crate::request::Field;

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "invoke" {
        return false;
    }
    let function = function_arn(out, &call.params.str("FunctionName"));
    out.allow("InvokeFunction", &["lambda:InvokeFunction"], vec![function]);
    true
}

/// The ARN of a function given as Lambda's `FunctionName` accepts it.
pub(crate) fn function_arn(out: &Out<'_>, name: &Field) -> String {
    let any = out.regional("lambda", "function:*");
    out.arn_or(
        name,
        |n| match n.split_once(":function:") {
            // `123456789012:function:name`: a partial ARN.
            Some((account, rest)) => format!(
                "arn:{}:lambda:{}:{account}:function:{rest}",
                out.env.partition, out.env.region
            ),
            None => out.regional("lambda", &format!("function:{n}")),
        },
        any,
    )
}
