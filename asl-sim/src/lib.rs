//! Run AWS Step Functions state machines in-process, with mocked services,
//! and get the execution history AWS would record.
//!
//! The simulator interprets the whole Amazon States Language (both query
//! languages, every state type, Retry/Catch, Map inline and distributed,
//! variables, the context object) on a virtual clock — a Wait of a day
//! takes no time — and records each event the way `GetExecutionHistory`
//! returns it. Tasks call [`Mocks`]: values, errors or closures by state
//! name, or an AWS Step Functions Local mock-config file.
//!
//! ```
//! use asl_sim::{Mock, Mocks, Simulator, Status};
//! use serde_json::json;
//!
//! let definition = r#"{
//!   "StartAt": "Summarize",
//!   "States": {
//!     "Summarize": {
//!       "Type": "Task",
//!       "Resource": "arn:aws:states:::bedrock:invokeModel",
//!       "Parameters": {"ModelId": "anthropic.claude-3-haiku", "Body": {"prompt.$": "$.text"}},
//!       "ResultSelector": {"summary.$": "$.Body.completion"},
//!       "Next": "Store"
//!     },
//!     "Store": {
//!       "Type": "Task",
//!       "Resource": "arn:aws:states:::lambda:invoke",
//!       "Parameters": {"FunctionName": "store", "Payload.$": "$"},
//!       "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"]}],
//!       "OutputPath": "$.Payload",
//!       "End": true
//!     }
//!   }
//! }"#;
//!
//! let mocks = Mocks::new()
//!     .state("Summarize", Mock::value(json!({"Body": {"completion": "short"}})))
//!     .state_sequence("Store", [
//!         Mock::error("Lambda.TooManyRequestsException", "slow down"),
//!         Mock::function(|input| Ok(json!({"StatusCode": 200, "Payload": {"saved": input["Payload"]}}))),
//!     ]);
//!
//! let run = Simulator::from_str(definition)?.mocks(mocks).run(json!({"text": "a long text"}));
//! assert_eq!(run.status, Status::Succeeded);
//! assert_eq!(run.output, Some(json!({"saved": {"summary": "short"}})));
//! assert_eq!(run.visited_states(), ["Summarize", "Store"]);
//! assert_eq!(run.task_parameters("Store").len(), 2); // the retry called it again
//! # Ok::<(), asl_sim::DefinitionError>(())
//! ```

/// `Display` (`prefix: message`) and `Error` for a newtype error over its
/// message.
macro_rules! message_error {
    ($name:ident, $prefix:literal) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, ": {}"), self.0)
            }
        }

        impl std::error::Error for $name {}
    };
}

mod data;
mod engine;
mod failure;
mod fast_map;
mod fork;
mod history;
mod jsonata;
mod mocks;
mod rng;
mod submit;

pub use asl_core::ExecutionType;
pub use failure::Failure;
pub use history::{Execution, HistoryEvent, Status, Timestamp};
pub use mocks::{Mock, MockConfigError, Mocks, Unmocked};
pub use rng::Rng;

use asl_core::StateMachine;
use serde_json::Value;

/// 2024-01-01T00:00:00Z, the default start of the virtual clock.
const DEFAULT_START_MS: i64 = 1_704_067_200_000;

/// A state machine ready to run, with its mocks and options.
///
/// ```
/// use asl_sim::{ExecutionType, Simulator};
/// use serde_json::json;
///
/// let run = Simulator::from_str(r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"End":true}}}"#)?
///     .execution_type(ExecutionType::Standard)
///     .seed(7)
///     .run(json!({"x": 1}));
/// assert!(run.succeeded());
/// assert_eq!(run.events.last().map(|e| e.timestamp().to_string()).as_deref(), Some("2024-01-02T00:00:00.000Z"));
/// # Ok::<(), asl_sim::DefinitionError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Simulator {
    machine: StateMachine,
    mocks: Mocks,
    options: engine::RunOptions,
}

impl Simulator {
    /// A simulator for an already parsed machine.
    ///
    /// ```
    /// let machine = asl_core::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#).unwrap();
    /// let run = asl_sim::Simulator::new(&machine).run(serde_json::json!({}));
    /// assert!(run.succeeded());
    /// ```
    pub fn new(machine: &StateMachine) -> Self {
        Simulator {
            machine: machine.clone(),
            mocks: Mocks::new(),
            options: engine::RunOptions {
                state_machine_name: "StateMachine".into(),
                execution_name: None,
                execution_type: ExecutionType::Standard,
                seed: 0,
                start_ms: DEFAULT_START_MS,
                role_arn: format!("arn:aws:iam::{}:role/StepFunctionsRole", engine::ACCOUNT),
            },
        }
    }

    /// Parses a definition (JSON text) and makes a simulator for it.
    ///
    /// ```
    /// assert!(asl_sim::Simulator::from_str("{").is_err());
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(definition: &str) -> Result<Self, DefinitionError> {
        asl_core::from_str(definition)
            .map(|m| Simulator::new(&m))
            .map_err(|e| DefinitionError(format!("{}: {}", e.pointer(), e.message())))
    }

    /// The mocks the Tasks call.
    ///
    /// ```
    /// use asl_sim::{Mock, Mocks, Simulator};
    /// let sim = Simulator::from_str(r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true}}}"#)?
    ///     .mocks(Mocks::new().state("T", Mock::value(serde_json::json!({"MessageId": "1"}))));
    /// assert!(sim.run(serde_json::json!({})).succeeded());
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn mocks(mut self, mocks: Mocks) -> Self {
        self.mocks = mocks;
        self
    }

    /// STANDARD (the default) or EXPRESS: changes the execution ARN in the
    /// context object.
    ///
    /// ```
    /// let sim = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .execution_type(asl_sim::ExecutionType::Express);
    /// assert!(sim.run(serde_json::json!({})).succeeded());
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn execution_type(mut self, t: ExecutionType) -> Self {
        self.options.execution_type = t;
        self
    }

    /// The seed of `States.UUID()`, `$random()`, JitterStrategy FULL and
    /// the generated names (default 0).
    ///
    /// ```
    /// let sim = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?.seed(42);
    /// assert_eq!(sim.run(serde_json::json!({})), sim.run(serde_json::json!({})));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.options.seed = seed;
        self
    }

    /// The virtual clock's start, in milliseconds since the Unix epoch
    /// (default 2024-01-01T00:00:00Z).
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?
    ///     .start_time_millis(0)
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.events[0].timestamp().to_string(), "1970-01-01T00:00:00.000Z");
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn start_time_millis(mut self, ms: i64) -> Self {
        self.options.start_ms = ms;
        self
    }

    /// The state machine's name (in the context object and ARNs; default
    /// `StateMachine`).
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"n.$":"$$.StateMachine.Name"},"End":true}}}"#)?
    ///     .state_machine_name("Orders")
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.output, Some(serde_json::json!({"n": "Orders"})));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn state_machine_name(mut self, name: impl Into<String>) -> Self {
        self.options.state_machine_name = name.into();
        self
    }

    /// The execution's name (default: a UUID drawn from the seed).
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"n.$":"$$.Execution.Name"},"End":true}}}"#)?
    ///     .execution_name("run-1")
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.output, Some(serde_json::json!({"n": "run-1"})));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn execution_name(mut self, name: impl Into<String>) -> Self {
        self.options.execution_name = Some(name.into());
        self
    }

    /// Runs the machine on `input`. Never panics: whatever goes wrong is in
    /// the [`Execution`] (status FAILED, AWS's error and cause).
    ///
    /// ```
    /// let run = asl_sim::Simulator::from_str(r#"{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.nope","End":true}}}"#)?
    ///     .run(serde_json::json!({}));
    /// assert_eq!(run.error.as_deref(), Some("States.Runtime"));
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn run(&self, input: Value) -> Execution {
        engine::execute(&self.machine, &self.mocks, &self.options, None, input)
    }

    /// Runs the machine on an input given as JSON text: `ExecutionStarted`
    /// and the first state's `…StateEntered` record the text verbatim, as AWS
    /// does. Text that is not JSON fails (`InvalidExecutionInput`, no
    /// events), as `StartExecution` refuses it.
    ///
    /// ```
    /// let sim = asl_sim::Simulator::from_str(r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#)?;
    /// let run = sim.run_text("[1, 2]");
    /// assert_eq!(run.events[0].detail_str("input"), Some("[1, 2]"));
    /// assert_eq!(run.events[1].detail_str("input"), Some("[1, 2]"));
    /// assert!(!sim.run_text("{").succeeded());
    /// # Ok::<(), asl_sim::DefinitionError>(())
    /// ```
    pub fn run_text(&self, input: &str) -> Execution {
        match serde_json::from_str::<Value>(input) {
            Ok(v) => engine::execute(&self.machine, &self.mocks, &self.options, Some(input), v),
            Err(e) => Execution {
                status: Status::Failed,
                output: None,
                error: Some("InvalidExecutionInput".into()),
                cause: Some(format!("Invalid State Machine Execution Input: '{e}'")),
                events: Vec::new(),
                variables: Default::default(),
                task_calls: Vec::new(),
            },
        }
    }
}

/// A definition that could not be parsed.
///
/// ```
/// let e = asl_sim::Simulator::from_str("[]").unwrap_err();
/// assert!(!e.to_string().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError(pub String);

message_error!(DefinitionError, "invalid definition");

/// The README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
