//! The result of a run: its status, output, error and the event history,
//! in the shape `GetExecutionHistory` returns.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::sync::Arc;

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
/// The event is stored compactly (the type and the details' keys are static
/// text, the state's name is shared, each input or output is rendered once);
/// [`details`](Self::details) and [`Serialize`] render the JSON object.
///
/// ```
/// use asl_sim::Simulator;
/// use serde_json::json;
///
/// let run = Simulator::from_str(r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)?
///     .run(json!({"a": 1}));
/// let entered = &run.events[1];
/// assert_eq!(entered.event_type(), "PassStateEntered");
/// assert_eq!((entered.id(), entered.previous_event_id()), (2, 0));
/// assert_eq!(entered.detail_str("input"), Some("{\"a\":1}"));
/// assert_eq!(entered.details().and_then(|d| d.get("name").cloned()), Some(json!("P")));
/// # Ok::<(), asl_sim::DefinitionError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    id: u64,
    previous_event_id: u64,
    timestamp: Timestamp,
    event_type: &'static str,
    details: Option<Details>,
}

/// An event's time on the simulator's virtual clock: milliseconds since the
/// Unix epoch, displayed (and serialized) as ISO 8601 UTC with milliseconds.
///
/// ```
/// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
///     .start_time_millis(1_704_067_200_123)
///     .run(serde_json::json!({}));
/// let t = run.events[0].timestamp();
/// assert_eq!(t.millis(), 1_704_067_200_123);
/// assert_eq!(t.to_string(), "2024-01-01T00:00:00.123Z");
/// # Ok::<(), asl_sim::DefinitionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// Milliseconds since the Unix epoch.
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .start_time_millis(5)
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[0].timestamp().millis(), 5);
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn millis(self) -> i64 {
        self.0
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_iso_millis(f, self.0)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A details field's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Field {
    /// Text.
    Str(Arc<str>),
    /// JSON text, followed by its `<field>Details: {"truncated": false}`.
    Text(String),
    /// Any other JSON value (numbers, objects).
    Json(Value),
}

/// The details object of an event: its key and fields, compact.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Details {
    /// `stateEnteredEventDetails`: `name`, `input`.
    Entered { name: Arc<str>, input: String },
    /// `stateExitedEventDetails`: `name`, `output`, `assignedVariables`
    /// (each value as JSON text; left out when empty).
    Exited {
        name: Arc<str>,
        output: String,
        assigned: Vec<(String, String)>,
    },
    /// `map<Iteration…>EventDetails`: `index`, `name`.
    Iteration {
        key: &'static str,
        index: usize,
        name: Arc<str>,
    },
    /// Any other details object, its fields in order.
    Fields {
        key: &'static str,
        fields: Vec<(&'static str, Field)>,
    },
}

/// `{"truncated": false}`.
struct NotTruncated;

impl Serialize for NotTruncated {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("truncated", &false)?;
        map.end()
    }
}

/// The `…Details` key that follows a text field (`inputDetails`).
fn details_of(field: &str) -> String {
    let mut key = String::with_capacity(field.len() + "Details".len());
    key.push_str(field);
    key.push_str("Details");
    key
}

/// `assignedVariables` as an object of JSON texts.
struct Assigned<'a>(&'a [(String, String)]);

impl Serialize for Assigned<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The fields of a [`Details`], serialized as its object.
struct Body<'a>(&'a Details);

impl Serialize for Body<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self.0 {
            Details::Entered { name, input } => {
                map.serialize_entry("name", &**name)?;
                map.serialize_entry("input", input)?;
                map.serialize_entry("inputDetails", &NotTruncated)?;
            }
            Details::Exited {
                name,
                output,
                assigned,
            } => {
                map.serialize_entry("name", &**name)?;
                map.serialize_entry("output", output)?;
                map.serialize_entry("outputDetails", &NotTruncated)?;
                if !assigned.is_empty() {
                    map.serialize_entry("assignedVariables", &Assigned(assigned))?;
                    map.serialize_entry("assignedVariablesDetails", &NotTruncated)?;
                }
            }
            Details::Iteration { index, name, .. } => {
                map.serialize_entry("index", index)?;
                map.serialize_entry("name", &**name)?;
            }
            Details::Fields { fields, .. } => {
                for (k, v) in fields {
                    match v {
                        Field::Str(s) => map.serialize_entry(k, &**s)?,
                        Field::Text(t) => {
                            map.serialize_entry(k, t)?;
                            map.serialize_entry(&details_of(k), &NotTruncated)?;
                        }
                        Field::Json(v) => map.serialize_entry(k, v)?,
                    }
                }
            }
        }
        map.end()
    }
}

impl Details {
    /// The details object's key (`stateEnteredEventDetails`, …).
    fn key(&self) -> &'static str {
        match self {
            Details::Entered { .. } => "stateEnteredEventDetails",
            Details::Exited { .. } => "stateExitedEventDetails",
            Details::Iteration { key, .. } | Details::Fields { key, .. } => key,
        }
    }

    /// A text field.
    fn text(&self, field: &str) -> Option<&str> {
        match (self, field) {
            (Details::Entered { name, .. }, "name")
            | (Details::Exited { name, .. }, "name")
            | (Details::Iteration { name, .. }, "name") => Some(name),
            (Details::Entered { input, .. }, "input") => Some(input),
            (Details::Exited { output, .. }, "output") => Some(output),
            (Details::Fields { fields, .. }, _) => fields
                .iter()
                .find(|(k, _)| *k == field)
                .and_then(|(_, v)| match v {
                    Field::Str(s) => Some(&**s),
                    Field::Text(t) => Some(t.as_str()),
                    Field::Json(v) => v.as_str(),
                }),
            _ => None,
        }
    }

    /// Bytes of its top-level text values (the simulator's history bound).
    pub(crate) fn text_len(&self) -> usize {
        match self {
            Details::Entered { name, input } => name.len() + input.len(),
            Details::Exited { name, output, .. } => name.len() + output.len(),
            Details::Iteration { name, .. } => name.len(),
            Details::Fields { fields, .. } => fields
                .iter()
                .map(|(_, v)| match v {
                    Field::Str(s) => s.len(),
                    Field::Text(t) => t.len(),
                    Field::Json(v) => v.as_str().map_or(0, str::len),
                })
                .sum(),
        }
    }
}

impl HistoryEvent {
    /// An event (the engine's).
    pub(crate) fn new(
        id: u64,
        previous_event_id: u64,
        millis: i64,
        event_type: &'static str,
        details: Option<Details>,
    ) -> Self {
        HistoryEvent {
            id,
            previous_event_id,
            timestamp: Timestamp(millis),
            event_type,
            details,
        }
    }

    /// The event with a new id and previous event id (concurrent branches
    /// merged).
    pub(crate) fn set_ids(&mut self, id: u64, previous_event_id: u64) {
        self.id = id;
        self.previous_event_id = previous_event_id;
    }

    /// The index and Map name of a `MapIteration…` event.
    pub(crate) fn iteration(&self) -> Option<(usize, &Arc<str>)> {
        match &self.details {
            Some(Details::Iteration { index, name, .. }) => Some((*index, name)),
            _ => None,
        }
    }

    /// The output text of a `…StateExited` event.
    pub(crate) fn exited_output(&self) -> Option<&str> {
        match &self.details {
            Some(Details::Exited { output, .. }) => Some(output),
            _ => None,
        }
    }

    /// The event's number, from 1.
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[2].id(), 3);
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The event this one follows on its chain (0 for the first ones).
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[2].previous_event_id(), 2);
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn previous_event_id(&self) -> u64 {
        self.previous_event_id
    }

    /// When, on the simulator's virtual clock (displayed as ISO 8601 with
    /// milliseconds and `Z`).
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .start_time_millis(0)
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[0].timestamp().to_string(), "1970-01-01T00:00:00.000Z");
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn timestamp(&self) -> Timestamp {
        self.timestamp
    }

    /// `ExecutionStarted`, `TaskStateEntered`, `TaskScheduled`, …
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[0].event_type(), "ExecutionStarted");
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn event_type(&self) -> &'static str {
        self.event_type
    }

    /// The details object's key (`stateEnteredEventDetails`, …), when the
    /// event has one.
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[1].details_key(), Some("stateEnteredEventDetails"));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn details_key(&self) -> Option<&'static str> {
        self.details.as_ref().map(Details::key)
    }

    /// The details object, rendered, when the event has one.
    ///
    /// ```
    /// use asl_sim::Simulator;
    /// let run = Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .run(serde_json::json!({}));
    /// let started = run.events[0].details().unwrap_or_default();
    /// assert_eq!(started["inputDetails"], serde_json::json!({"truncated": false}));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn details(&self) -> Option<Map<String, Value>> {
        let d = self.details.as_ref()?;
        match serde_json::to_value(Body(d)) {
            Ok(Value::Object(m)) => Some(m),
            _ => Some(Map::new()),
        }
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
        self.details.as_ref()?.text(field)
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
        map.serialize_entry("type", self.event_type)?;
        if let Some(details) = &self.details {
            map.serialize_entry(details.key(), &Body(details))?;
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
    Timestamp(ms).to_string()
}

/// Writes [`iso_millis`] text.
fn write_iso_millis(f: &mut impl std::fmt::Write, ms: i64) -> std::fmt::Result {
    let c = Civil::at(ms);
    write!(
        f,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.milli
    )
}

/// A UTC time split into its calendar fields (ISO 8601 and HTTP dates).
pub(crate) struct Civil {
    /// Days since 1970-01-01 (a Thursday).
    pub days: i64,
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    pub milli: i64,
}

impl Civil {
    /// The fields of `ms` milliseconds since the Unix epoch.
    pub(crate) fn at(ms: i64) -> Civil {
        let secs = ms.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Civil {
            days,
            year,
            month,
            day,
            hour: rem / 3600,
            minute: (rem % 3600) / 60,
            second: rem % 60,
            milli: ms.rem_euclid(1000),
        }
    }
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
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
