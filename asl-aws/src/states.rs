//! AWS Step Functions: `states:startExecution` in every pattern:
//! `states:StartExecution` on the `StateMachineArn` (a version or alias ARN
//! as given); `.sync` and `.sync:2` add `states:DescribeExecution` and
//! `states:StopExecution` on its executions and the managed rule
//! `StepFunctionsGetEventsForStepFunctionsExecutionRule`. A machine known
//! at run time only is `stateMachine:*` / `execution:*`.

use crate::grant::{Call, Out};

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "startExecution" {
        return false;
    }
    let machine = call.params.str("StateMachineArn");
    let start = machine
        .known()
        .map_or_else(|| out.regional("states", "stateMachine:*"), str::to_string);
    out.allow("StartExecution", &["states:StartExecution"], vec![start]);
    if call.pattern.is_sync() {
        let executions = machine
            .known()
            .and_then(executions_of)
            .unwrap_or_else(|| out.regional("states", "execution:*"));
        out.allow(
            "DescribeExecution",
            &["states:DescribeExecution", "states:StopExecution"],
            vec![executions],
        );
        out.managed_rule("StepFunctionsGetEventsForStepFunctionsExecutionRule");
    }
    true
}

/// `arn:P:states:R:A:execution:NAME:*` for `arn:P:states:R:A:stateMachine:NAME[:qualifier]`.
pub(crate) fn executions_of(machine: &str) -> Option<String> {
    let (head, rest) = machine.split_once(":stateMachine:")?;
    let name = rest.split(':').next().filter(|n| !n.is_empty())?;
    Some(format!("{head}:execution:{name}:*"))
}
