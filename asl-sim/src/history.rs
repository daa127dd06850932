//! The result of a run: its status, output, error and the event history,
//! in the shape `GetExecutionHistory` returns.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// How an execution ended (`DescribeExecution`'s `status`).
///
/// ```
/// use asl_sim::Status;
/// assert_eq!(serde_json::to_value(Status::Succeeded).unwrap(), "SUCCEEDED");
/// assert_eq!(Status::Failed.as_str(), "FAILED");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Reached a Succeed state or an `End`.
    Succeeded,
    /// An error nobody caught.
    Failed,
    /// The execution's `TimeoutSeconds` ran out.
    TimedOut,
    /// Stopped from outside (never produced by the simulator itself).
    Aborted,
}

impl Status {
    /// The name as AWS writes it (`SUCCEEDED`, …).
    ///
    /// ```
    /// assert_eq!(asl_sim::Status::TimedOut.as_str(), "TIMED_OUT");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
            Status::Aborted => "ABORTED",
        }
    }
}

/// One event of the history, as `GetExecutionHistory` returns it: `id`,
/// `previousEventId`, `timestamp`, `type` and, for most types, one
/// `…EventDetails` object whose inputs, outputs and parameters are JSON
/// text.
///
/// ```
/// use asl_sim::Simulator;
/// use serde_json::json;
///
/// let run = Simulator::from_str(r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)?
///     .run(json!({"a": 1}));
/// let entered = &run.events[1];
/// assert_eq!(entered.event_type, "PassStateEntered");
/// assert_eq!(entered.details().and_then(|d| d.get("input")), Some(&json!("{\"a\":1}")));
/// # Ok::<(), asl_sim::DefinitionError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    /// The event's number, from 1.
    pub id: u64,
    /// The event this one follows on its chain (0 for the first ones).
    pub previous_event_id: u64,
    /// When, on the simulator's virtual clock (ISO 8601, milliseconds, `Z`).
    pub timestamp: String,
    /// `ExecutionStarted`, `TaskStateEntered`, `TaskScheduled`, …
    pub event_type: String,
    /// The details object's key (`taskScheduledEventDetails`) and fields.
    pub details: Option<(String, Map<String, Value>)>,
}

impl HistoryEvent {
    /// The details object, when the event has one.
    ///
    /// ```
    /// use asl_sim::Simulator;
    /// let run = Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert!(run.events[0].details().is_some());
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn details(&self) -> Option<&Map<String, Value>> {
        self.details.as_ref().map(|(_, d)| d)
    }

    /// A text field of the details (`name`, `input`, `error`, …).
    ///
    /// ```
    /// use asl_sim::Simulator;
    /// let run = Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[1].detail_str("name"), Some("S"));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn detail_str(&self, field: &str) -> Option<&str> {
        self.details()?.get(field)?.as_str()
    }

    /// The event as the JSON object `GetExecutionHistory` returns.
    ///
    /// ```
    /// use asl_sim::Simulator;
    /// let run = Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[1].to_value()["type"], "SucceedStateEntered");
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Serialize for HistoryEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("previousEventId", &self.previous_event_id)?;
        map.serialize_entry("timestamp", &self.timestamp)?;
        map.serialize_entry("type", &self.event_type)?;
        if let Some((key, details)) = &self.details {
            map.serialize_entry(key, details)?;
        }
        map.end()
    }
}

/// A finished run: what `DescribeExecution` and `GetExecutionHistory`
/// would say. Serializes as `{"status", "output", "error", "cause",
/// "events"}` (the JSON `asl run --format json` prints).
///
/// ```
/// use asl_sim::{Simulator, Status};
/// use serde_json::json;
///
/// let run = Simulator::from_str(r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops","Cause":"why"}}}"#)?
///     .run(json!({}));
/// assert_eq!(run.status, Status::Failed);
/// assert_eq!(run.error.as_deref(), Some("Oops"));
/// assert_eq!(serde_json::to_value(&run).unwrap()["cause"], "why");
/// # Ok::<(), asl_sim::DefinitionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Execution {
    /// How it ended.
    pub status: Status,
    /// The execution's output, when it succeeded.
    pub output: Option<Value>,
    /// The error name, when it failed with one.
    pub error: Option<String>,
    /// The cause text, when it failed with one.
    pub cause: Option<String>,
    /// Every event, in order.
    pub events: Vec<HistoryEvent>,
    /// The top-level variables at the end.
    #[serde(skip)]
    pub(crate) variables: Map<String, Value>,
    /// Each Task invocation: the state and its resolved parameters.
    #[serde(skip)]
    pub(crate) task_calls: Vec<(String, Value)>,
}

impl Execution {
    /// Whether the execution succeeded.
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert!(run.succeeded());
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn succeeded(&self) -> bool {
        self.status == Status::Succeeded
    }

    /// The names of the states entered, in order (states inside Parallel
    /// branches and Map iterations included; Distributed Map children,
    /// which AWS logs in their own executions, not).
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(
    ///     r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}"#,
    /// )?
    /// .run(serde_json::json!({}));
    /// assert_eq!(run.visited_states(), ["A", "B"]);
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn visited_states(&self) -> Vec<&str> {
        self.events
            .iter()
            .filter(|e| e.event_type.ends_with("StateEntered"))
            .filter_map(|e| e.detail_str("name"))
            .collect()
    }

    /// The resolved parameters (`Parameters`/`Arguments`) of every
    /// invocation of the Task state `state`, retries included, in order.
    ///
    /// ```
    /// use asl_sim::{Mock, Mocks, Simulator};
    /// use serde_json::json;
    ///
    /// let run = Simulator::from_str(r#"{"StartAt":"T","States":{"T":{"Type":"Task",
    ///     "Resource":"arn:aws:states:::lambda:invoke","Parameters":{"Payload.$":"$.x"},"End":true}}}"#)?
    ///     .mocks(Mocks::new().state("T", Mock::value(json!({"Payload": 1}))))
    ///     .run(json!({"x": 5}));
    /// assert_eq!(run.task_parameters("T"), [json!({"Payload": 5})]);
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn task_parameters(&self, state: &str) -> Vec<Value> {
        self.task_calls
            .iter()
            .filter(|(s, _)| s == state)
            .map(|(_, p)| p.clone())
            .collect()
    }

    /// The top-level variables (`Assign`) when the execution ended.
    ///
    /// ```
    /// use serde_json::json;
    /// let run = asl_sim::Simulator::from_str(
    ///     r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"n":1},"End":true}}}"#,
    /// )?
    /// .run(json!({}));
    /// assert_eq!(run.variables().get("n"), Some(&json!(1)));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn variables(&self) -> &Map<String, Value> {
        &self.variables
    }

    /// The execution as the JSON object `asl run --format json` prints.
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({"k": true}));
    /// assert_eq!(run.to_json()["output"], serde_json::json!({"k": true}));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Milliseconds since the Unix epoch as ISO 8601 UTC with milliseconds.
pub(crate) fn iso_millis(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let milli = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{milli:03}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Howard Hinnant's `civil_from_days`.
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates() {
        assert_eq!(super::iso_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            super::iso_millis(1_704_067_200_123),
            "2024-01-01T00:00:00.123Z"
        );
    }
}
