//! Running executions and reading their history.

use std::time::{Duration, Instant};

use aws_sdk_sfn::types::{ExecutionStatus as SdkStatus, HistoryEvent};

use crate::{DeployError, Deployer};

/// How an execution stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ExecutionStatus {
    /// Still running.
    Running,
    /// Ended successfully.
    Succeeded,
    /// Ended with an error.
    Failed,
    /// Ran past its `TimeoutSeconds`.
    TimedOut,
    /// Stopped by `StopExecution`.
    Aborted,
    /// Waiting to be redriven.
    PendingRedrive,
    /// A status this crate does not know yet.
    Other(String),
}

impl ExecutionStatus {
    fn from_sdk(status: &SdkStatus) -> Self {
        match status.as_str() {
            "RUNNING" => ExecutionStatus::Running,
            "SUCCEEDED" => ExecutionStatus::Succeeded,
            "FAILED" => ExecutionStatus::Failed,
            "TIMED_OUT" => ExecutionStatus::TimedOut,
            "ABORTED" => ExecutionStatus::Aborted,
            "PENDING_REDRIVE" => ExecutionStatus::PendingRedrive,
            other => ExecutionStatus::Other(other.to_owned()),
        }
    }

    /// Whether the execution has ended (anything but running).
    pub fn is_final(&self) -> bool {
        !matches!(self, ExecutionStatus::Running)
    }

    /// The status as Step Functions spells it.
    pub fn as_str(&self) -> &str {
        match self {
            ExecutionStatus::Running => "RUNNING",
            ExecutionStatus::Succeeded => "SUCCEEDED",
            ExecutionStatus::Failed => "FAILED",
            ExecutionStatus::TimedOut => "TIMED_OUT",
            ExecutionStatus::Aborted => "ABORTED",
            ExecutionStatus::PendingRedrive => "PENDING_REDRIVE",
            ExecutionStatus::Other(s) => s,
        }
    }
}

impl std::fmt::Display for ExecutionStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an execution ended.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionResult {
    /// The execution's ARN.
    pub execution_arn: String,
    /// Its final status.
    pub status: ExecutionStatus,
    /// Its output (parsed JSON; a JSON string when it was not JSON), when it succeeded.
    pub output: Option<serde_json::Value>,
    /// The error name, when it failed.
    pub error: Option<String>,
    /// The cause, when it failed.
    pub cause: Option<String>,
}

impl ExecutionResult {
    /// How an execution ended, from what `DescribeExecution` or
    /// `StartSyncExecution` answered.
    fn new(
        execution_arn: &str,
        status: ExecutionStatus,
        output: Option<&str>,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Self {
        ExecutionResult {
            execution_arn: execution_arn.to_owned(),
            status,
            output: output.map(parse_output),
            error: error.map(str::to_owned),
            cause: cause.map(str::to_owned),
        }
    }
}

/// One event of an execution's history, with the fields tests look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The event number (1, 2, …).
    pub id: i64,
    /// `ExecutionStarted`, `TaskStateEntered`, `TaskFailed`, …
    pub event_type: String,
    /// The state's name for `…StateEntered` / `…StateExited` events.
    pub state_name: Option<String>,
    /// The error of a failure event.
    pub error: Option<String>,
    /// The cause of a failure event.
    pub cause: Option<String>,
}

/// The error and cause of the first of these details `event` has (each
/// detail type has its own `error()` and `cause()`); `(None, None)` when it
/// has none of them.
macro_rules! failure_of {
    ($event:expr, $($details:ident),+ $(,)?) => {{
        let event = $event;
        None$(.or_else(|| event.$details().map(|d| (d.error(), d.cause()))))+
            .unwrap_or((None, None))
    }};
}

impl HistoryEntry {
    fn from_sdk(e: &HistoryEvent) -> Self {
        let state_name = e
            .state_entered_event_details()
            .map(|d| d.name())
            .or_else(|| e.state_exited_event_details().map(|d| d.name()))
            .map(str::to_owned);
        let (error, cause) = failure_of!(
            e,
            task_failed_event_details,
            execution_failed_event_details,
            lambda_function_failed_event_details,
            activity_failed_event_details,
            task_timed_out_event_details,
            execution_aborted_event_details,
            execution_timed_out_event_details,
        );
        HistoryEntry {
            id: e.id(),
            event_type: e.r#type().as_str().to_owned(),
            state_name,
            error: error.map(str::to_owned),
            cause: cause.map(str::to_owned),
        }
    }

    /// Whether this is a `…StateEntered` event.
    pub fn is_state_entered(&self) -> bool {
        self.event_type.ends_with("StateEntered")
    }
}

impl Deployer {
    /// Starts an execution of `state_machine_arn` (a machine, version or
    /// alias ARN) with `input`, and polls `DescribeExecution` until it ends or
    /// `timeout` passes ([`DeployError::Timeout`]; the execution is left running).
    ///
    /// `test_case` selects a mocked test case of Step Functions Local /
    /// LocalStack (`SFN_MOCK_CONFIG`): the ARN is sent as
    /// `<state_machine_arn>#<test_case>`. Leave it `None` on AWS.
    ///
    /// Describing executions of EXPRESS machines is not supported by AWS;
    /// use this with STANDARD machines there.
    pub async fn run_execution(
        &self,
        state_machine_arn: &str,
        input: &serde_json::Value,
        test_case: Option<&str>,
        timeout: Duration,
    ) -> Result<ExecutionResult, DeployError> {
        let started = self
            .client()
            .start_execution()
            .state_machine_arn(target(state_machine_arn, test_case))
            .input(input.to_string())
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("StartExecution", e))?;
        let execution_arn = started.execution_arn().to_owned();
        self.wait_for_execution(&execution_arn, timeout).await
    }

    /// Runs an EXPRESS state machine synchronously (`StartSyncExecution`)
    /// and returns how it ended; `test_case` as in
    /// [`run_execution`](Self::run_execution).
    ///
    /// The SDK sends this operation to a `sync-` host prefix
    /// (`sync-states.<region>.amazonaws.com`); for a loopback or IP endpoint
    /// (`sync-127.0.0.1`, which does not resolve) the prefix is removed.
    pub async fn run_sync_execution(
        &self,
        state_machine_arn: &str,
        input: &serde_json::Value,
        test_case: Option<&str>,
    ) -> Result<ExecutionResult, DeployError> {
        let out = self
            .client()
            .start_sync_execution()
            .state_machine_arn(target(state_machine_arn, test_case))
            .input(input.to_string())
            .customize()
            .mutate_request(|request| {
                if let Some(uri) = strip_local_sync_prefix(request.uri()) {
                    // A URI that parsed once parses again; keep the original otherwise.
                    let _ = request.set_uri(uri);
                }
            })
            .send()
            .await
            .map_err(|e| DeployError::from_sdk("StartSyncExecution", e))?;
        let status = match out.status().as_str() {
            "SUCCEEDED" => ExecutionStatus::Succeeded,
            "FAILED" => ExecutionStatus::Failed,
            "TIMED_OUT" => ExecutionStatus::TimedOut,
            other => ExecutionStatus::Other(other.to_owned()),
        };
        Ok(ExecutionResult::new(
            out.execution_arn(),
            status,
            out.output(),
            out.error(),
            out.cause(),
        ))
    }

    /// Polls `DescribeExecution` (every 50 ms at first, backing off to 1 s)
    /// until the execution ends or `timeout` passes.
    pub async fn wait_for_execution(
        &self,
        execution_arn: &str,
        timeout: Duration,
    ) -> Result<ExecutionResult, DeployError> {
        let begin = Instant::now();
        let mut delay = Duration::from_millis(50);
        loop {
            let out = self
                .client()
                .describe_execution()
                .execution_arn(execution_arn)
                .send()
                .await
                .map_err(|e| DeployError::from_sdk("DescribeExecution", e))?;
            let status = ExecutionStatus::from_sdk(out.status());
            if status.is_final() {
                return Ok(ExecutionResult::new(
                    execution_arn,
                    status,
                    out.output(),
                    out.error(),
                    out.cause(),
                ));
            }
            let waited = begin.elapsed();
            if waited >= timeout {
                return Err(DeployError::Timeout {
                    execution_arn: execution_arn.to_owned(),
                    waited,
                });
            }
            tokio::time::sleep(delay.min(timeout.saturating_sub(waited))).await;
            delay = (delay * 2).min(Duration::from_secs(1));
        }
    }

    /// Every event of an execution, oldest first (`GetExecutionHistory`).
    pub async fn execution_history(
        &self,
        execution_arn: &str,
    ) -> Result<Vec<HistoryEntry>, DeployError> {
        let mut token: Option<String> = None;
        let mut events = Vec::new();
        loop {
            let out = self
                .client()
                .get_execution_history()
                .execution_arn(execution_arn)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| DeployError::from_sdk("GetExecutionHistory", e))?;
            events.extend(out.events().iter().map(HistoryEntry::from_sdk));
            match out.next_token() {
                Some(t) if !t.is_empty() => token = Some(t.to_owned()),
                _ => break,
            }
        }
        events.sort_by_key(|e| e.id);
        Ok(events)
    }

    /// The names of the states an execution entered, in order (a state
    /// entered twice, e.g. in a loop, appears twice).
    pub async fn states_entered(&self, execution_arn: &str) -> Result<Vec<String>, DeployError> {
        Ok(self
            .execution_history(execution_arn)
            .await?
            .into_iter()
            .filter(HistoryEntry::is_state_entered)
            .filter_map(|e| e.state_name)
            .collect())
    }
}

/// The ARN an execution starts from: `state_machine_arn`, or
/// `<state_machine_arn>#<test_case>` for a mocked test case.
fn target(state_machine_arn: &str, test_case: Option<&str>) -> String {
    match test_case {
        Some(case) => format!("{state_machine_arn}#{case}"),
        None => state_machine_arn.to_owned(),
    }
}

/// An execution's output: JSON, or a JSON string holding the raw text.
fn parse_output(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|_| serde_json::Value::String(text.to_owned()))
}

/// `http://sync-127.0.0.1:4566/…` → `http://127.0.0.1:4566/…` (also
/// `localhost`, IPv4/IPv6 literals); `None` for real hosts, which need the prefix.
fn strip_local_sync_prefix(uri: &str) -> Option<String> {
    let (scheme, rest) = uri.split_once("://")?;
    let host_and_more = rest.strip_prefix("sync-")?;
    let host_end = host_and_more
        .find(['/', '?'])
        .unwrap_or(host_and_more.len());
    let authority = host_and_more.get(..host_end)?;
    let host = if authority.starts_with('[') {
        authority.split_once(']').map_or(authority, |(h, _)| h)
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    let host = host.trim_start_matches('[');
    let local = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok();
    local.then(|| format!("{scheme}://{host_and_more}"))
}

#[cfg(test)]
mod tests {
    use super::strip_local_sync_prefix;

    #[test]
    fn the_sync_prefix_is_removed_for_local_hosts_only() {
        assert_eq!(
            strip_local_sync_prefix("http://sync-127.0.0.1:4566/").as_deref(),
            Some("http://127.0.0.1:4566/")
        );
        assert_eq!(
            strip_local_sync_prefix("http://sync-localhost:4566").as_deref(),
            Some("http://localhost:4566")
        );
        assert_eq!(
            strip_local_sync_prefix("http://sync-[::1]:4566/x").as_deref(),
            Some("http://[::1]:4566/x")
        );
        assert_eq!(
            strip_local_sync_prefix("https://sync-states.us-east-1.amazonaws.com/"),
            None
        );
        assert_eq!(strip_local_sync_prefix("http://127.0.0.1:4566/"), None);
    }
}
