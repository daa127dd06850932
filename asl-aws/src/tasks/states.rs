//! AWS Step Functions: `states:startExecution` (request-response,
//! `.sync`, `.sync:2`, `.waitForTaskToken`).

use super::typed_task;
use serde_json::Value;

typed_task! {
    /// A typed `states:startExecution` request; `state_machine_arn` is
    /// required (leaving it out does not compile).
    ///
    /// ```
    /// use asl_aws::{Pattern, StartExecution};
    /// use asl_core::Task;
    /// use serde_json::json;
    /// let task: Task = StartExecution::builder()
    ///     .state_machine_arn("arn:aws:states:us-east-1:123456789012:stateMachine:child")
    ///     .input(json!({"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}))
    ///     .pattern(Pattern::Sync2)
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::states:startExecution.sync:2");
    /// assert_eq!(StartExecution::try_from(&task).map(|s| s.pattern), Ok(Pattern::Sync2));
    /// ```
    StartExecution: "states:startExecution"
        + [".sync", ".sync:2", ".waitForTaskToken"] {
        required { state_machine_arn: String = "StateMachineArn" }
        optional {
            input: Value = "Input": "the child execution's input",
            name: String = "Name": "the execution's name",
            trace_header: String = "TraceHeader",
        }
    }
}

impl StartExecution {
    /// Where the child execution's output is in a `.sync` / `.sync:2` result:
    /// `$.Output` (JSON text with `.sync`, parsed JSON with `.sync:2`).
    ///
    /// ```
    /// assert_eq!(asl_aws::StartExecution::OUTPUT, "$.Output");
    /// ```
    pub const OUTPUT: &'static str = "$.Output";
}
