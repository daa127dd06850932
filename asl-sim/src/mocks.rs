//! What mocked Tasks return: values, errors or closures, by state name (or
//! resource), and the AWS Step Functions Local mock-config file.

use crate::Failure;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

type MockFn = dyn Fn(&Value) -> Result<Value, Failure> + Send + Sync;

/// One response of a mocked Task: a result, an error, or a function of the
/// Task's resolved input (its `Parameters` / `Arguments`).
///
/// The result is the Task's *result* as AWS records it in `TaskSucceeded`
/// (for `lambda:invoke` the whole `{"StatusCode", "Payload", …}` object;
/// for a Lambda function ARN, the function's return value; for
/// `.sync`/`.waitForTaskToken`, the final result), before `ResultSelector`.
///
/// ```
/// use asl_sim::{Failure, Mock};
/// use serde_json::json;
///
/// let ok = Mock::value(json!({"Payload": 1}));
/// let err = Mock::error("Lambda.ServiceException", "down");
/// let echo = Mock::function(|input| Ok(input.clone()));
/// let timeout = Mock::timeout();
/// # let _ = (ok, err, echo, timeout);
/// ```
#[derive(Clone)]
pub enum Mock {
    /// The Task succeeds with this result.
    Value(Value),
    /// The Task fails with this error and cause (an empty cause is no cause).
    Error(Failure),
    /// The Task's result or error is computed from its resolved input.
    Function(Arc<MockFn>),
}

impl Mock {
    /// A Task that succeeds with `result`.
    ///
    /// ```
    /// let m = asl_sim::Mock::value(serde_json::json!("ok"));
    /// assert!(matches!(m, asl_sim::Mock::Value(_)));
    /// ```
    pub fn value(result: Value) -> Self {
        Mock::Value(result)
    }

    /// A Task that fails with `error` and `cause`.
    ///
    /// ```
    /// let m = asl_sim::Mock::error("MyError", "it broke");
    /// assert!(matches!(m, asl_sim::Mock::Error(f) if f.error == "MyError"));
    /// ```
    pub fn error(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Mock::Error(Failure::new(error, cause))
    }

    /// A Task whose timer runs out (`States.Timeout`, no cause).
    ///
    /// ```
    /// let m = asl_sim::Mock::timeout();
    /// assert!(matches!(m, asl_sim::Mock::Error(f) if f.error == "States.Timeout"));
    /// ```
    pub fn timeout() -> Self {
        Mock::Error(Failure::new("States.Timeout", ""))
    }

    /// A Task computed from its resolved input.
    ///
    /// ```
    /// use serde_json::json;
    /// let double = asl_sim::Mock::function(|input| Ok(json!(input["n"].as_i64().unwrap_or(0) * 2)));
    /// # let _ = double;
    /// ```
    pub fn function(f: impl Fn(&Value) -> Result<Value, Failure> + Send + Sync + 'static) -> Self {
        Mock::Function(Arc::new(f))
    }

    pub(crate) fn call(&self, input: &Value) -> Result<Value, Failure> {
        match self {
            Mock::Value(v) => Ok(v.clone()),
            Mock::Error(f) => Err(f.clone()),
            Mock::Function(f) => f(input),
        }
    }
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mock::Value(v) => f.debug_tuple("Value").field(v).finish(),
            Mock::Error(e) => f.debug_tuple("Error").field(e).finish(),
            Mock::Function(_) => f.write_str("Function(..)"),
        }
    }
}

/// What an unmocked Task does.
///
/// ```
/// use asl_sim::{Mocks, Unmocked};
/// let mocks = Mocks::new().unmocked(Unmocked::EchoInput);
/// # let _ = mocks;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unmocked {
    /// The execution fails (`States.Runtime`, naming the state). The default.
    #[default]
    Fail,
    /// The Task returns its resolved input.
    EchoInput,
    /// The Task returns `{}`.
    EmptyObject,
}

/// The responses of a state, by invocation number.
#[derive(Debug, Clone)]
struct Responses(Vec<(usize, usize, Mock)>);

impl Responses {
    fn get(&self, n: usize) -> Option<&Mock> {
        self.0
            .iter()
            .find(|(lo, hi, _)| *lo <= n && n <= *hi)
            .map(|(_, _, m)| m)
    }
}

/// The mocks of a run: by state name (each invocation of the state, in
/// turn: retries, loops, Map iterations), else by resource ARN, else the
/// [`Unmocked`] policy.
///
/// A Distributed Map's `ItemReader` is mocked under the Map state's name:
/// its result is the items (an array), or an S3 `getObject` result whose
/// `Body` text is read as `ReaderConfig.InputType` says (CSV rows become
/// objects of strings; JSON must be an array), or a `listObjectsV2` result
/// (`Contents`).
///
/// ```
/// use asl_sim::{Mock, Mocks};
/// use serde_json::json;
///
/// let mocks = Mocks::new()
///     .state("Invoke", Mock::value(json!({"Payload": "hi"})))
///     .state_sequence("Flaky", [Mock::error("Boom", ""), Mock::value(json!(1))])
///     .resource("arn:aws:states:::sns:publish", Mock::value(json!({"MessageId": "m"})));
/// # let _ = mocks;
/// ```
#[derive(Debug, Clone, Default)]
pub struct Mocks {
    by_state: HashMap<String, Responses>,
    by_resource: HashMap<String, Mock>,
    unmocked: Unmocked,
}

impl Mocks {
    /// No mocks: every Task fails unless [`Mocks::unmocked`] says otherwise.
    ///
    /// ```
    /// let mocks = asl_sim::Mocks::new();
    /// # let _ = mocks;
    /// ```
    pub fn new() -> Self {
        Mocks::default()
    }

    /// Every invocation of the state `name` answers with `mock`.
    ///
    /// ```
    /// let m = asl_sim::Mocks::new().state("T", asl_sim::Mock::value(serde_json::json!(1)));
    /// # let _ = m;
    /// ```
    pub fn state(mut self, name: impl Into<String>, mock: Mock) -> Self {
        self.by_state
            .insert(name.into(), Responses(vec![(0, usize::MAX, mock)]));
        self
    }

    /// The state's invocations answer with the mocks in turn; the last one
    /// answers every further invocation.
    ///
    /// ```
    /// use asl_sim::Mock;
    /// let m = asl_sim::Mocks::new().state_sequence("T", [Mock::error("E", "c"), Mock::value(serde_json::json!(1))]);
    /// # let _ = m;
    /// ```
    pub fn state_sequence(
        mut self,
        name: impl Into<String>,
        mocks: impl IntoIterator<Item = Mock>,
    ) -> Self {
        let mut list: Vec<(usize, usize, Mock)> = mocks
            .into_iter()
            .enumerate()
            .map(|(i, m)| (i, i, m))
            .collect();
        if let Some(last) = list.last_mut() {
            last.1 = usize::MAX;
        }
        self.by_state.insert(name.into(), Responses(list));
        self
    }

    /// Every Task with this `Resource` (and no mock by state name) answers
    /// with `mock`.
    ///
    /// ```
    /// let m = asl_sim::Mocks::new().resource("arn:aws:states:::sqs:sendMessage", asl_sim::Mock::value(serde_json::json!({})));
    /// # let _ = m;
    /// ```
    pub fn resource(mut self, arn: impl Into<String>, mock: Mock) -> Self {
        self.by_resource.insert(arn.into(), mock);
        self
    }

    /// What a Task with no mock does.
    ///
    /// ```
    /// let m = asl_sim::Mocks::new().unmocked(asl_sim::Unmocked::EmptyObject);
    /// # let _ = m;
    /// ```
    pub fn unmocked(mut self, policy: Unmocked) -> Self {
        self.unmocked = policy;
        self
    }

    /// Reads an AWS Step Functions Local mock-config file (`StateMachines`
    /// → `TestCases` → state → response name; `MockedResponses` → name →
    /// `"0"`, `"1-2"` → `Return` / `Throw {Error, Cause}`). `machine` and
    /// `test_case` may be omitted when the file holds only one.
    ///
    /// ```
    /// use asl_sim::Mocks;
    /// let config = r#"{"StateMachines":{"M":{"TestCases":{"Happy":{"T":"TOk"}}}},
    ///                  "MockedResponses":{"TOk":{"0":{"Return":{"Payload":1}}}}}"#;
    /// let mocks = Mocks::from_mock_config(config, None, None)?;
    /// # let _ = mocks;
    /// # Ok::<(), asl_sim::MockConfigError>(())
    /// ```
    pub fn from_mock_config(
        text: &str,
        machine: Option<&str>,
        test_case: Option<&str>,
    ) -> Result<Mocks, MockConfigError> {
        let err = |m: String| MockConfigError(m);
        let root: Value = serde_json::from_str(text).map_err(|e| err(format!("not JSON: {e}")))?;
        let machines = root
            .get("StateMachines")
            .and_then(Value::as_object)
            .ok_or_else(|| err("no StateMachines object".into()))?;
        let (_, sm) = pick(machines, machine, "state machine")?;
        let cases = sm
            .get("TestCases")
            .and_then(Value::as_object)
            .ok_or_else(|| err("no TestCases object".into()))?;
        let (_, case) = pick(cases, test_case, "test case")?;
        let case = case
            .as_object()
            .ok_or_else(|| err("a test case must be an object".into()))?;
        let empty = serde_json::Map::new();
        let responses = root
            .get("MockedResponses")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut mocks = Mocks::new();
        for (state, response) in case {
            let name = response
                .as_str()
                .ok_or_else(|| err(format!("the response of state {state} must be a name")))?;
            let table = responses
                .get(name)
                .and_then(Value::as_object)
                .ok_or_else(|| err(format!("no MockedResponses entry {name}")))?;
            let mut list = Vec::new();
            for (key, entry) in table {
                let (lo, hi) = parse_range(key)
                    .ok_or_else(|| err(format!("{name}: bad invocation key {key:?}")))?;
                list.push((
                    lo,
                    hi,
                    parse_entry(entry).map_err(|m| err(format!("{name}.{key}: {m}")))?,
                ));
            }
            mocks.by_state.insert(state.clone(), Responses(list));
        }
        Ok(mocks)
    }

    /// The mock for invocation `n` (from 0) of `state` with `resource`.
    pub(crate) fn lookup(&self, state: &str, resource: &str, n: usize) -> Lookup<'_> {
        if let Some(r) = self.by_state.get(state) {
            return match r.get(n) {
                Some(m) => Lookup::Mock(m),
                None => Lookup::Exhausted,
            };
        }
        if let Some(m) = self.by_resource.get(resource) {
            return Lookup::Mock(m);
        }
        Lookup::None(self.unmocked)
    }
}

/// The answer of [`Mocks::lookup`].
pub(crate) enum Lookup<'a> {
    Mock(&'a Mock),
    /// The state has mocks, but none for this invocation.
    Exhausted,
    None(Unmocked),
}

fn pick<'a>(
    map: &'a serde_json::Map<String, Value>,
    name: Option<&str>,
    what: &str,
) -> Result<(&'a String, &'a Value), MockConfigError> {
    match name {
        Some(n) => map
            .get_key_value(n)
            .ok_or_else(|| MockConfigError(format!("no {what} named {n}"))),
        None => {
            let mut it = map.iter();
            match (it.next(), it.next()) {
                (Some(one), None) => Ok(one),
                (None, _) => Err(MockConfigError(format!("no {what} in the file"))),
                _ => Err(MockConfigError(format!(
                    "the file has several of them: name the {what} ({})",
                    map.keys().cloned().collect::<Vec<_>>().join(", ")
                ))),
            }
        }
    }
}

fn parse_range(key: &str) -> Option<(usize, usize)> {
    match key.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (a <= b).then_some((a, b))
        }
        None => {
            let n = key.trim().parse().ok()?;
            Some((n, n))
        }
    }
}

fn parse_entry(entry: &Value) -> Result<Mock, String> {
    let obj = entry.as_object().ok_or("must be an object")?;
    match (obj.get("Return"), obj.get("Throw")) {
        (Some(v), None) => Ok(Mock::Value(v.clone())),
        (None, Some(t)) => {
            let text = |k: &str| {
                t.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            Ok(Mock::Error(Failure::new(text("Error"), text("Cause"))))
        }
        _ => Err("needs exactly one of Return and Throw".into()),
    }
}

/// A mock-config file that could not be read.
///
/// ```
/// let e = asl_sim::Mocks::from_mock_config("[]", None, None).unwrap_err();
/// assert!(e.to_string().contains("StateMachines"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockConfigError(pub String);

message_error!(MockConfigError, "mock config");
