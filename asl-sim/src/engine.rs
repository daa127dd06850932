//! The interpreter: runs the states of a machine over JSON values, records
//! the history AWS would, and calls the mocks for Tasks.

use crate::data;
use crate::data::type_name;
use crate::fast_map::FastMap;
use crate::fork;
use crate::history::{iso_millis, Details, Execution, Field, HistoryEvent, Status};
use crate::jsonata;
use crate::mocks::{Lookup, Mocks, Unmocked};
use crate::{Failure, Rng};
use asl_core::{
    Catcher, Choice, Condition, Dynamic, ExecutionType, Fail, FailCause, FailError, Heartbeat,
    ItemSelector, Items, Jsonata, Map, MaxConcurrency, Parallel, Pass, QueryLanguage, ResourceKind,
    Retrier, RoleArn, State, StateMachine, States, Succeed, Task, Timeout, ToleratedFailureCount,
    ToleratedFailurePercentage, Wait, WaitDuration,
};
use data::ContextObject as _;
use serde_json::{json, Map as JsonMap, Value};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// The variables in scope.
pub(crate) type Variables = JsonMap<String, Value>;

/// Bytes AWS accepts in one input, output or result.
const PAYLOAD_LIMIT: usize = 262_144;
/// Events in one Standard execution's history.
const EVENT_LIMIT: usize = 25_000;
/// Events of one run, Distributed Map children included.
const WORK_LIMIT: usize = 1_000_000;
/// Bytes of JSON text in one run's events (a simulator bound: AWS's own
/// limits allow 25,000 events of 256 KiB each).
const BYTES_LIMIT: usize = 256 * 1024 * 1024;
/// Nested Parallel / Map levels (hostile definitions).
const MAX_DEPTH: usize = 64;
/// Attempts of one state visit, whatever `MaxAttempts` says.
const MAX_ATTEMPTS: u64 = 25_000;
/// The prefix AWS puts before interpreter errors.
const PREFIX: &str = "An error occurred while executing the state";

pub(crate) const REGION: &str = "us-east-1";
pub(crate) const ACCOUNT: &str = "123456789012";

/// Options of one run.
#[derive(Debug, Clone)]
pub(crate) struct RunOptions {
    pub state_machine_name: String,
    pub execution_name: Option<String>,
    pub execution_type: ExecutionType,
    pub seed: u64,
    pub start_ms: i64,
    pub role_arn: String,
}

/// An error as it travels: error and cause may each be absent (a bare Fail
/// state), and some errors no catcher takes.
#[derive(Debug, Clone)]
pub(crate) struct Fault {
    error: Option<String>,
    cause: Option<String>,
    /// Not catchable, not retryable (States.Runtime, the history limit,
    /// an oversized state output).
    fatal: bool,
    /// The execution's own timeout.
    timed_out: bool,
    /// A concurrent branch stopped where a sibling's earlier failure cut
    /// it (never seen outside the branch).
    cut: bool,
}

impl Fault {
    fn from_failure(f: Failure) -> Fault {
        let fatal = f.error == "States.Runtime";
        Fault {
            // A mock may throw without an error name, as a service can.
            error: (!f.error.is_empty()).then_some(f.error),
            cause: (!f.cause.is_empty()).then_some(f.cause),
            fatal,
            timed_out: false,
            cut: false,
        }
    }

    fn fatal(error: &str, cause: impl Into<String>) -> Fault {
        Fault {
            error: Some(error.to_owned()),
            cause: Some(cause.into()),
            fatal: true,
            timed_out: false,
            cut: false,
        }
    }

    fn name(&self) -> &str {
        self.error.as_deref().unwrap_or_default()
    }

    /// The `{"Error", "Cause"}` object a catcher sees.
    fn error_output(&self) -> Value {
        match (&self.error, &self.cause) {
            (None, None) => json!({"Error": null, "Cause": null}),
            (e, c) => json!({"Error": e.clone().map_or(Value::Null, Value::String),
                             "Cause": c.clone().unwrap_or_default()}),
        }
    }

    /// The `error` and `cause` fields of its events.
    fn fields(&self) -> Vec<(&'static str, Field)> {
        let mut d = Vec::with_capacity(2);
        if let Some(e) = &self.error {
            d.push(("error", Field::Str(e.as_str().into())));
        }
        if let Some(c) = &self.cause {
            d.push(("cause", Field::Str(c.as_str().into())));
        }
        d
    }
}

/// A failed branch, iteration or machine.
struct BranchFail {
    fault: Fault,
    /// The failing state was a Task (AWS logs `TaskStateAborted` for it).
    task: bool,
}

/// What a state hands on.
struct Done {
    output: Value,
    next: Option<String>,
    assigned: Option<Variables>,
}

/// The scope of a (sub)machine: its variables and default query language.
struct Frame {
    vars: Variables,
    ql: QueryLanguage,
    depth: usize,
}

/// What a state's own evaluation knows about it.
struct StateCx<'s> {
    name: &'s str,
    kind: &'static str,
    entered: u64,
    entered_prev: u64,
    entered_ms: i64,
    ql: QueryLanguage,
}

/// The fields that end a state after its work (ResultSelector, ResultPath,
/// OutputPath; Output; Assign; the next state).
struct Ends<'s> {
    selector: Option<&'s Value>,
    result_path: Option<Option<&'s str>>,
    output_path: Option<Option<&'s str>>,
    output: Option<&'s Value>,
    assign: Option<&'s asl_core::Assign>,
    next: Option<String>,
}

/// Task, Parallel and Map: the states with Retry and Catch, whose ending
/// fields have the same names.
trait Retried {
    fn retriers(&self) -> &[Retrier];
    fn catchers(&self) -> &[Catcher];
    fn ends(&self) -> Ends<'_>;
}

/// A `one_of!` pair of fields (`X` / `XPath`) as (its value, its path).
macro_rules! value_or_path {
    ($field:expr, $value:path, $path:path) => {
        match $field {
            Some($value(d)) => (Some(d), None),
            Some($path(p)) => (None, Some(p.as_str())),
            None => (None, None),
        }
    };
}

/// [`Engine::int_field`] of a `one_of!` pair `Name` / `NamePath`.
macro_rules! int_field {
    ($engine:ident, $sx:ident, $prev:ident, $env:expr; $field:expr => $value:path, $path:path; $name:literal) => {
        $engine.int_field(
            $sx,
            $prev,
            value_or_path!($field, $value, $path),
            ($name, concat!($name, "Path")),
            $env,
        )
    };
}

macro_rules! retried {
    ($($state:ty),*) => {$(
        impl Retried for $state {
            fn retriers(&self) -> &[Retrier] {
                self.retry.as_deref().unwrap_or_default()
            }
            fn catchers(&self) -> &[Catcher] {
                self.catch.as_deref().unwrap_or_default()
            }
            fn ends(&self) -> Ends<'_> {
                Ends {
                    selector: self.result_selector.as_ref().map(|t| &t.0),
                    result_path: opt_ref(&self.result_path),
                    output_path: opt_path(&self.output_path),
                    output: self.output.as_ref(),
                    assign: self.assign.as_ref(),
                    next: self.transition.next_state().map(str::to_owned),
                }
            }
        }
    )*};
}
retried!(Task, Parallel, Map);

/// The context object of one state visit (`$$`), built the first time
/// something reads it: most states never do, and it holds the whole
/// execution input.
#[derive(Debug)]
struct Context<'s> {
    execution: Rc<Value>,
    state_machine: Rc<Value>,
    name: &'s str,
    entered_ms: i64,
    retry: Option<u64>,
    /// `Task` (the task token), after `State`.
    extra: Option<(&'static str, Value)>,
    /// `Map.Item` (`Index`, `Value`) in a Map iteration's ItemSelector.
    map_item: Option<(usize, Value)>,
    built: OnceCell<Value>,
    /// The run's parsed paths and intrinsic calls (read through the
    /// scopes over this context).
    parsed: Rc<data::Parsed>,
}

impl Context<'_> {
    /// The same context with `Map.Item` set.
    fn with_map_item(&self, index: usize, item: &Value) -> Self {
        Context {
            execution: Rc::clone(&self.execution),
            state_machine: Rc::clone(&self.state_machine),
            name: self.name,
            entered_ms: self.entered_ms,
            retry: self.retry,
            extra: self.extra.clone(),
            map_item: Some((index, item.clone())),
            built: OnceCell::new(),
            parsed: Rc::clone(&self.parsed),
        }
    }
}

impl data::ContextObject for Context<'_> {
    fn get(&self) -> &Value {
        self.built.get_or_init(|| {
            let mut state = JsonMap::new();
            state.insert("Name".into(), Value::String(self.name.to_owned()));
            state.insert(
                "EnteredTime".into(),
                Value::String(iso_millis(self.entered_ms)),
            );
            if let Some(n) = self.retry {
                state.insert("RetryCount".into(), json!(n));
            }
            let mut ctx = JsonMap::new();
            ctx.insert("Execution".into(), Value::clone(&self.execution));
            ctx.insert("StateMachine".into(), Value::clone(&self.state_machine));
            ctx.insert("State".into(), Value::Object(state));
            if let Some((k, v)) = &self.extra {
                ctx.insert((*k).to_owned(), v.clone());
            }
            if let Some((i, item)) = &self.map_item {
                ctx.insert("Map".into(), json!({"Item": {"Index": i, "Value": item}}));
            }
            Value::Object(ctx)
        })
    }
}

/// Concurrent branches being run: where their events begin, and what the
/// engine restores when they end.
struct ForkScope {
    at: usize,
    horizon: Option<i64>,
    siblings: usize,
}

/// A Task invocation inside concurrent branches.
struct Invocation {
    state: String,
    /// The index of the event logged last before it.
    event: usize,
    /// Its index in `task_calls`.
    call: usize,
}

pub(crate) struct Engine<'a> {
    mocks: &'a Mocks,
    events: Vec<HistoryEvent>,
    clock_ms: i64,
    start_ms: i64,
    timeout_ms: Option<i64>,
    rng: Rng,
    counters: HashMap<String, usize>,
    execution: Rc<Value>,
    state_machine: Rc<Value>,
    state_machine_name: String,
    task_calls: Vec<(String, Value)>,
    limit_hit: bool,
    /// Concurrent branches being run (nested Parallel / Map levels).
    forks: usize,
    /// The Task invocations made inside concurrent branches, undone when
    /// the branch is cut before them.
    invocations: Vec<Invocation>,
    /// The time at which a sibling's failure will cut the branch being run.
    horizon: Option<i64>,
    /// Events of the concurrent siblings run before the branch being run
    /// (not yet ordered: the history limit applies to each branch with
    /// what was before, then to the joined history).
    sibling_events: usize,
    /// Events of the execution and of its Distributed Map children.
    work: usize,
    /// Bytes of JSON text in the events so far.
    bytes: usize,
    /// The names of the states seen so far, shared by their events (by
    /// the address and length of the machine's text).
    names: FastMap<(usize, usize), Arc<str>>,
    /// Paths and intrinsic calls parsed so far.
    parsed: Rc<data::Parsed>,
}

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// `$states` (the input and the context object), built when a JSONata
/// field first reads it: JSONPath states never do.
struct LazyStates<'v, 'c> {
    input: &'v Value,
    ctx: &'v Context<'c>,
    value: OnceCell<Value>,
}

impl<'v, 'c> LazyStates<'v, 'c> {
    fn new(input: &'v Value, ctx: &'v Context<'c>) -> Self {
        LazyStates {
            input,
            ctx,
            value: OnceCell::new(),
        }
    }

    fn get(&self) -> &Value {
        self.value
            .get_or_init(|| Engine::states_value(self.input, self.ctx, None))
    }
}

/// A branch's or iteration's copy of the variables in scope (none, most
/// often: an empty map costs nothing to make).
fn inherited(vars: &Variables) -> Variables {
    if vars.is_empty() {
        Variables::new()
    } else {
        vars.clone()
    }
}

/// A details object of `fields`, in order.
fn fields(key: &'static str, fields: Vec<(&'static str, Field)>) -> Details {
    Details::Fields { key, fields }
}

/// A text field.
fn str_field(s: &str) -> Field {
    Field::Str(s.into())
}

/// The details key of a Task's event type (`taskScheduledEventDetails`).
fn task_details_key(ty: &str) -> &'static str {
    match ty {
        "LambdaFunctionScheduled" => "lambdaFunctionScheduledEventDetails",
        "LambdaFunctionStarted" => "lambdaFunctionStartedEventDetails",
        "LambdaFunctionSucceeded" => "lambdaFunctionSucceededEventDetails",
        "LambdaFunctionFailed" => "lambdaFunctionFailedEventDetails",
        "LambdaFunctionTimedOut" => "lambdaFunctionTimedOutEventDetails",
        "ActivityScheduled" => "activityScheduledEventDetails",
        "ActivityStarted" => "activityStartedEventDetails",
        "ActivitySucceeded" => "activitySucceededEventDetails",
        "ActivityFailed" => "activityFailedEventDetails",
        "ActivityTimedOut" => "activityTimedOutEventDetails",
        "TaskScheduled" => "taskScheduledEventDetails",
        "TaskStarted" => "taskStartedEventDetails",
        "TaskSucceeded" => "taskSucceededEventDetails",
        "TaskFailed" => "taskFailedEventDetails",
        "TaskTimedOut" => "taskTimedOutEventDetails",
        _ => "taskEventDetails",
    }
}

/// The `…StateEntered` and `…StateExited` event types of a state.
fn state_event_types(state: &State) -> (&'static str, &'static str) {
    match state {
        State::Task(_) => ("TaskStateEntered", "TaskStateExited"),
        State::Pass(_) => ("PassStateEntered", "PassStateExited"),
        State::Choice(_) => ("ChoiceStateEntered", "ChoiceStateExited"),
        State::Wait(_) => ("WaitStateEntered", "WaitStateExited"),
        State::Succeed(_) => ("SucceedStateEntered", "SucceedStateExited"),
        State::Fail(_) => ("FailStateEntered", "FailStateExited"),
        State::Parallel(_) => ("ParallelStateEntered", "ParallelStateExited"),
        State::Map(_) => ("MapStateEntered", "MapStateExited"),
    }
}

/// Runs `machine` once.
pub(crate) fn execute(
    machine: &StateMachine,
    mocks: &Mocks,
    opts: &RunOptions,
    input_text: Option<&str>,
    input: Value,
) -> Execution {
    let mut rng = Rng::new(opts.seed);
    let name = opts
        .execution_name
        .clone()
        .unwrap_or_else(|| data::uuid_v4(&mut Rng::new(opts.seed ^ 0x5EED)));
    let sm = &opts.state_machine_name;
    let exec_id = match opts.execution_type {
        ExecutionType::Express => format!(
            "arn:aws:states:{REGION}:{ACCOUNT}:express:{sm}:{name}:{}",
            data::uuid_v4(&mut rng)
        ),
        ExecutionType::Standard => {
            format!("arn:aws:states:{REGION}:{ACCOUNT}:execution:{sm}:{name}")
        }
    };
    let execution = json!({
        "Id": exec_id,
        "Input": input.clone(),
        "StartTime": iso_millis(opts.start_ms),
        "Name": name,
        "RoleArn": opts.role_arn,
        "RedriveCount": 0,
    });
    let state_machine = json!({
        "Id": format!("arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{sm}"),
        "Name": sm,
    });
    let mut engine = Engine {
        mocks,
        events: Vec::new(),
        clock_ms: opts.start_ms,
        start_ms: opts.start_ms,
        timeout_ms: {
            // AWS's longest execution: a year (Standard), five minutes
            // (Express); `TimeoutSeconds` can only shorten it.
            let max: i64 = match opts.execution_type {
                ExecutionType::Standard => 365 * 24 * 3600,
                ExecutionType::Express => 300,
            };
            let own = machine
                .timeout_seconds
                .map_or(max, |s| i64::try_from(s).unwrap_or(i64::MAX).min(max));
            Some(own.saturating_mul(1000))
        },
        rng,
        counters: HashMap::new(),
        execution: Rc::new(execution),
        state_machine: Rc::new(state_machine),
        state_machine_name: sm.clone(),
        task_calls: Vec::new(),
        limit_hit: false,
        forks: 0,
        invocations: Vec::new(),
        horizon: None,
        sibling_events: 0,
        work: 0,
        bytes: 0,
        names: FastMap::default(),
        parsed: Rc::default(),
    };
    let raw = input_text.map_or_else(|| text(&input), str::to_owned);
    let started = vec![
        ("input", Field::Text(raw.clone())),
        ("roleArn", str_field(&opts.role_arn)),
    ];
    engine.push(
        0,
        "ExecutionStarted",
        Some(fields("executionStartedEventDetails", started)),
    );
    let mut frame = Frame {
        vars: Variables::new(),
        ql: machine.query_language.unwrap_or_default(),
        depth: 0,
    };
    let mut prev = 0;
    let result = if raw.len() > PAYLOAD_LIMIT {
        Err(BranchFail {
            fault: Fault::fatal(
                "States.DataLimitExceeded",
                "The execution input exceeds the maximum number of bytes service limit.",
            ),
            task: false,
        })
    } else {
        // The first state is entered with the execution's input text as
        // it was given (AWS records both the same, byte for byte).
        let first_text = Some(raw.clone());
        engine.run_states(
            &machine.start_at,
            &machine.states,
            input,
            first_text,
            &mut frame,
            &mut prev,
        )
    };
    let (status, output, error, cause) = match result {
        Ok(out) => {
            // The last event is the last state's `…StateExited`, whose
            // output (already rendered) is the execution's.
            let rendered = engine.events.last().and_then(HistoryEvent::exited_output);
            let d = vec![(
                "output",
                Field::Text(rendered.map_or_else(|| text(&out), str::to_owned)),
            )];
            engine.push(
                prev,
                "ExecutionSucceeded",
                Some(fields("executionSucceededEventDetails", d)),
            );
            (Status::Succeeded, Some(out), None, None)
        }
        Err(BranchFail { fault, .. }) if fault.timed_out => {
            engine.push(
                prev,
                "ExecutionTimedOut",
                Some(fields("executionTimedOutEventDetails", fault.fields())),
            );
            (Status::TimedOut, None, None, None)
        }
        Err(BranchFail { fault, .. }) => {
            engine.push(
                prev,
                "ExecutionFailed",
                Some(fields("executionFailedEventDetails", fault.fields())),
            );
            (Status::Failed, None, fault.error, fault.cause)
        }
    };
    Execution {
        status,
        output,
        error,
        cause,
        events: engine.events,
        variables: frame.vars,
        task_calls: engine.task_calls,
    }
}

impl Engine<'_> {
    /// Appends an event, whatever the limit.
    fn push(&mut self, prev: u64, ty: &'static str, details: Option<Details>) -> u64 {
        let id = self.events.len() as u64 + 1;
        self.events
            .push(HistoryEvent::new(id, prev, self.clock_ms, ty, details));
        id
    }

    /// The shared name of a state (one allocation per state of the
    /// machine: its names are looked up by address, then compared).
    fn name(&mut self, name: &str) -> Arc<str> {
        let shared = self
            .names
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| name.into());
        if **shared != *name {
            *shared = name.into();
        }
        Arc::clone(shared)
    }

    /// Moves the virtual clock on; past the execution's `TimeoutSeconds`
    /// the execution times out (the clock stops at the deadline).
    fn advance(&mut self, ms: i64) -> Result<(), Fault> {
        let target = self.clock_ms.saturating_add(ms);
        if let Some(limit) = self.timeout_ms {
            let deadline = self.start_ms.saturating_add(limit);
            if target > deadline {
                self.clock_ms = deadline.max(self.clock_ms);
                return Err(Fault {
                    error: Some("States.Timeout".into()),
                    cause: None,
                    fatal: true,
                    timed_out: true,
                    cut: false,
                });
            }
        }
        if let Some(h) = self.horizon {
            if target > h {
                // A sibling failed at `h`: this branch stops there.
                self.clock_ms = h.max(self.clock_ms);
                return Err(Fault {
                    error: None,
                    cause: None,
                    fatal: true,
                    timed_out: false,
                    cut: true,
                });
            }
        }
        self.clock_ms = target;
        Ok(())
    }

    /// The error of a full history.
    fn history_full() -> Fault {
        Fault::fatal(
            "States.Runtime",
            format!("The execution reached the maximum number of history events ({EVENT_LIMIT})."),
        )
    }

    /// Appends an event unless the history is full (the last slot is kept
    /// for `ExecutionFailed`).
    fn emit(
        &mut self,
        prev: u64,
        ty: &'static str,
        details: Option<Details>,
    ) -> Result<u64, Fault> {
        // The event count is not sticky: a join may drop the events of
        // branches cut by a sibling's failure.
        if self.limit_hit
            || self.events.len().saturating_sub(self.sibling_events) + 1 >= EVENT_LIMIT
        {
            return Err(Self::history_full());
        }
        self.work += 1;
        if let Some(d) = &details {
            self.bytes += d.text_len();
        }
        if self.bytes > BYTES_LIMIT {
            self.limit_hit = true;
            return Err(Fault::fatal(
                "States.Runtime",
                format!("The simulation's history exceeded {BYTES_LIMIT} bytes."),
            ));
        }
        if self.work > WORK_LIMIT {
            // Distributed Map children log elsewhere, each up to its own
            // limit; a hostile machine must still end.
            self.limit_hit = true;
            return Err(Fault::fatal(
                "States.Runtime",
                format!("The simulation exceeded {WORK_LIMIT} events, child executions included."),
            ));
        }
        Ok(self.push(prev, ty, details))
    }

    fn context<'s>(
        &self,
        sx: &StateCx<'s>,
        retry: Option<u64>,
        extra: Option<(&'static str, Value)>,
    ) -> Context<'s> {
        Context {
            execution: Rc::clone(&self.execution),
            state_machine: Rc::clone(&self.state_machine),
            name: sx.name,
            entered_ms: sx.entered_ms,
            retry,
            extra,
            map_item: None,
            built: OnceCell::new(),
            parsed: Rc::clone(&self.parsed),
        }
    }

    /// Makes an error raised by the state's own evaluation: AWS's prefix,
    /// and an `EvaluationFailed` event for JSONata errors.
    fn own_error(&mut self, sx: &StateCx<'_>, prev: &mut u64, f: Failure, field: &str) -> Fault {
        let mut f = f;
        let prefixed = matches!(
            f.error.as_str(),
            "States.Runtime" | "States.QueryEvaluationError" | "States.IntrinsicFailure"
        );
        if prefixed && !f.cause.starts_with(PREFIX) {
            f.cause = format!(
                "{PREFIX} '{}' (entered at the event id #{}). {}",
                sx.name, sx.entered, f.cause
            );
        }
        if f.error == "States.QueryEvaluationError" {
            let location = location_of(&f.cause).unwrap_or_else(|| field.to_owned());
            let at = if sx.kind == "Wait" {
                sx.entered
            } else {
                sx.entered_prev
            };
            let d = vec![
                ("error", str_field(&f.error)),
                ("cause", str_field(&f.cause)),
                ("location", Field::Str(location.into())),
                ("state", str_field(sx.name)),
            ];
            match self.emit(
                at,
                "EvaluationFailed",
                Some(fields("evaluationFailedEventDetails", d)),
            ) {
                Ok(id) => *prev = id,
                Err(limit) => return limit,
            }
        }
        Fault::from_failure(f)
    }

    /// Runs states from `start_at` until one ends the (sub)machine;
    /// `input_text` is `input` already rendered, when it is.
    fn run_states(
        &mut self,
        start_at: &str,
        states: &States,
        input: Value,
        input_text: Option<String>,
        frame: &mut Frame,
        prev: &mut u64,
    ) -> Result<Value, BranchFail> {
        let mut name = start_at.to_owned();
        let mut input = input;
        let mut input_text = input_text;
        loop {
            let Some((key, state)) = states.get_key_value(name.as_str()) else {
                return Err(BranchFail {
                    fault: Fault::fatal(
                        "States.Runtime",
                        format!("There is no state named '{name}'."),
                    ),
                    task: false,
                });
            };
            match self.run_state(key, state, input, input_text.take(), frame, prev) {
                Ok((out, Some(next))) => {
                    name = next;
                    input = out;
                    // The state's `…StateExited` (the last event) holds
                    // its output rendered: the next state's input text.
                    input_text = self
                        .events
                        .last()
                        .and_then(HistoryEvent::exited_output)
                        .map(str::to_owned);
                }
                Ok((out, None)) => return Ok(out),
                Err(fault) => {
                    return Err(BranchFail {
                        task: matches!(state, State::Task(_)) && !fault.fatal,
                        fault,
                    })
                }
            }
            if let Some(limit) = self.timeout_ms {
                if self.clock_ms - self.start_ms >= limit {
                    return Err(BranchFail {
                        fault: Fault {
                            error: Some("States.Timeout".into()),
                            cause: None,
                            fatal: true,
                            timed_out: true,
                            cut: false,
                        },
                        task: false,
                    });
                }
            }
        }
    }

    fn run_state(
        &mut self,
        name: &str,
        state: &State,
        input: Value,
        input_text: Option<String>,
        frame: &mut Frame,
        prev: &mut u64,
    ) -> Result<(Value, Option<String>), Fault> {
        let kind = state.type_name();
        let (entered_type, exited_type) = state_event_types(state);
        let shared = self.name(name);
        let d = Details::Entered {
            name: Arc::clone(&shared),
            input: input_text.unwrap_or_else(|| text(&input)),
        };
        let entered_prev = *prev;
        let entered = self.emit(*prev, entered_type, Some(d))?;
        *prev = entered;
        let sx = StateCx {
            name,
            kind,
            entered,
            entered_prev,
            entered_ms: self.clock_ms,
            ql: state.query_language().unwrap_or(frame.ql),
        };
        if frame.depth > MAX_DEPTH {
            return Err(Fault::fatal(
                "States.Runtime",
                "Parallel and Map states are nested too deeply.",
            ));
        }
        let done = match state {
            State::Pass(s) => self.pass(&sx, s, &input, frame, prev),
            State::Succeed(s) => self.succeed(&sx, s, &input, frame, prev),
            State::Fail(s) => return Err(self.fail(&sx, s, &input, frame, prev)),
            State::Choice(s) => self.choice(&sx, s, &input, frame, prev),
            State::Wait(s) => self.wait(&sx, s, &input, frame, prev),
            State::Task(s) => {
                self.with_retry(&sx, &**s, &input, frame, prev, Self::task_attempt, |_| None)
            }
            State::Parallel(s) => {
                let failed = |f: &Fault| (!f.fatal).then_some("ParallelStateFailed");
                self.with_retry(
                    &sx,
                    &**s,
                    &input,
                    frame,
                    prev,
                    Self::parallel_attempt,
                    failed,
                )
            }
            State::Map(s) => {
                let failed = |f: &Fault| {
                    (!f.fatal || f.name() == "States.QueryEvaluationError")
                        .then_some("MapStateFailed")
                };
                self.with_retry(&sx, &**s, &input, frame, prev, Self::map_attempt, failed)
            }
        }?;
        let output_text = text(&done.output);
        if output_text.len() > PAYLOAD_LIMIT {
            return Err(Fault::fatal(
                "States.DataLimitExceeded",
                format!("The state/task '{name}' returned a result with a size exceeding the maximum number of bytes service limit."),
            ));
        }
        let assigned = done.assigned.as_ref().map_or_else(Vec::new, |a| {
            a.iter().map(|(k, v)| (k.clone(), text(v))).collect()
        });
        let d = Details::Exited {
            name: shared,
            output: output_text,
            assigned,
        };
        let exited = self.emit(*prev, exited_type, Some(d))?;
        *prev = exited;
        if let Some(assigned) = done.assigned {
            for (k, v) in assigned {
                frame.vars.insert(k, v);
            }
        }
        Ok((done.output, done.next))
    }

    // ---- evaluation helpers -------------------------------------------------

    fn path_scope<'v>(
        input: &'v Value,
        ctx: &'v Context<'_>,
        vars: &'v Variables,
    ) -> data::Scope<'v> {
        data::Scope {
            input,
            context: ctx,
            variables: vars,
            parsed: Some(&ctx.parsed),
        }
    }

    fn template(
        &mut self,
        tpl: &Value,
        input: &Value,
        ctx: &Context<'_>,
        vars: &Variables,
    ) -> Result<Value, Failure> {
        data::payload_template_with_rng(tpl, &Self::path_scope(input, ctx, vars), &mut self.rng)
    }

    fn jsonata_template(
        &mut self,
        v: &Value,
        states: &Value,
        vars: &Variables,
        field: &str,
    ) -> Result<Value, Failure> {
        let mut scope = jsonata::Scope {
            states,
            variables: vars,
            rng: &mut self.rng,
        };
        jsonata::template(v, &mut scope, field)
    }

    fn jsonata_expr(
        &mut self,
        j: &Jsonata,
        states: &Value,
        vars: &Variables,
        field: &str,
    ) -> Result<Value, Failure> {
        self.jsonata_template(&Value::String(j.as_str().to_owned()), states, vars, field)
    }

    /// A JSONPath `Assign` (its `$` is `input`) or a JSONata one.
    #[allow(clippy::too_many_arguments)]
    fn assign(
        &mut self,
        sx: &StateCx<'_>,
        prev: &mut u64,
        assign: Option<&asl_core::Assign>,
        input: &Value,
        ctx: &Context<'_>,
        states: Option<&Value>,
        vars: &Variables,
        field: &str,
    ) -> Result<Option<Variables>, Fault> {
        let Some(assign) = assign else {
            return Ok(None);
        };
        let tpl = assign.as_value();
        let r = match (sx.ql, states) {
            (QueryLanguage::Jsonata, Some(states)) => {
                self.jsonata_template(tpl, states, vars, field)
            }
            _ => self.template(tpl, input, ctx, vars),
        };
        match r {
            Ok(Value::Object(m)) => Ok(Some(m)),
            Ok(_) => Ok(None),
            Err(f) => Err(self.own_error(sx, prev, f, field)),
        }
    }

    /// `{"input", "context"}` plus one more entry.
    fn states_value(input: &Value, ctx: &Context<'_>, extra: Option<(&str, &Value)>) -> Value {
        let mut m = JsonMap::new();
        m.insert("input".into(), input.clone());
        m.insert("context".into(), ctx.get().clone());
        if let Some((k, v)) = extra {
            m.insert(k.to_owned(), v.clone());
        }
        Value::Object(m)
    }

    /// An integer field: literal, JSONata, or a `…Path`.
    #[allow(clippy::too_many_arguments)]
    fn int_field(
        &mut self,
        sx: &StateCx<'_>,
        prev: &mut u64,
        (value, path): (Option<&Dynamic<u64>>, Option<&str>),
        names: (&'static str, &'static str),
        (eff, ctx, frame): (&Value, &Context<'_>, &Frame),
    ) -> Result<Option<i64>, Fault> {
        if let Some(p) = path {
            return match data::integer_path(names.1, p, &Self::path_scope(eff, ctx, &frame.vars)) {
                Ok(n) => Ok(Some(n)),
                Err(f) => Err(self.own_error(sx, prev, f, names.1)),
            };
        }
        match value {
            None => Ok(None),
            Some(Dynamic::Value(n)) => Ok(Some(i64::try_from(*n).unwrap_or(i64::MAX))),
            Some(Dynamic::Jsonata(j)) => {
                let states = Self::states_value(eff, ctx, None);
                let v = match self.jsonata_expr(j, &states, &frame.vars, names.0) {
                    Ok(v) => v,
                    Err(f) => return Err(self.own_error(sx, prev, f, names.0)),
                };
                match v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)) {
                    Some(n) => Ok(Some(n)),
                    None => Err(self.own_error(
                        sx,
                        prev,
                        Failure::new(
                            "States.QueryEvaluationError",
                            format!(
                                "The JSONata expression '{}' specified for the field '{}' returned an unexpected result type. Expected 'integer', but was '{}' for value: {}",
                                j.expression(),
                                names.0,
                                type_name(&v),
                                text(&v)
                            ),
                        ),
                        names.0,
                    )),
                }
            }
            Some(Dynamic::Path(p)) => match data::integer_path(
                names.1,
                p.as_str(),
                &Self::path_scope(eff, ctx, &frame.vars),
            ) {
                Ok(n) => Ok(Some(n)),
                Err(f) => Err(self.own_error(sx, prev, f, names.1)),
            },
            Some(Dynamic::Substitution(s)) => Err(Fault::fatal(
                "States.Runtime",
                format!("The definition substitution {s} was never replaced."),
            )),
        }
    }

    // ---- Retry and Catch ----------------------------------------------------

    /// The wait before the next attempt, or `None` when no retrier retries.
    fn retry_delay(
        &mut self,
        retriers: &[Retrier],
        fault: &Fault,
        counts: &mut [u64],
    ) -> Option<i64> {
        if fault.fatal {
            return None;
        }
        for (i, r) in retriers.iter().enumerate() {
            if !error_matches(&r.error_equals, fault.name()) {
                continue;
            }
            let count = counts.get_mut(i)?;
            let max = r.max_attempts.unwrap_or(3);
            if *count >= max {
                return None;
            }
            let interval = r.interval_seconds.unwrap_or(1) as f64;
            let backoff = r
                .backoff_rate
                .as_ref()
                .and_then(|n| n.as_f64())
                .unwrap_or(2.0);
            let mut delay = interval * backoff.powi(i32::try_from(*count).unwrap_or(i32::MAX));
            if let Some(cap) = r.max_delay_seconds {
                delay = delay.min(cap as f64);
            }
            if matches!(r.jitter_strategy, Some(asl_core::JitterStrategy::Full)) {
                delay *= self.rng.next_f64();
            }
            *count += 1;
            let ms = (delay * 1000.0).clamp(0.0, 1e15);
            return Some(ms as i64);
        }
        None
    }

    /// Runs `attempt` until it succeeds, its Retry gives up or it is fatal;
    /// then `failed` names the event recorded before Catch (if any), and the
    /// first matching catcher (or the fault) ends the state.
    #[allow(clippy::too_many_arguments)]
    fn with_retry<S: Retried>(
        &mut self,
        sx: &StateCx<'_>,
        s: &S,
        raw: &Value,
        frame: &Frame,
        prev: &mut u64,
        mut attempt: impl FnMut(
            &mut Self,
            &StateCx<'_>,
            &S,
            &Value,
            &Frame,
            &mut u64,
            u64,
        ) -> Result<Done, Fault>,
        failed: impl Fn(&Fault) -> Option<&'static str>,
    ) -> Result<Done, Fault> {
        let (retriers, catchers) = (s.retriers(), s.catchers());
        let mut counts = vec![0u64; retriers.len()];
        let mut retry_count = 0u64;
        loop {
            let fault = match attempt(self, sx, s, raw, frame, prev, retry_count) {
                Ok(done) => return Ok(done),
                Err(fault) => fault,
            };
            if retry_count < MAX_ATTEMPTS {
                if let Some(ms) = self.retry_delay(retriers, &fault, &mut counts) {
                    self.advance(ms)?;
                    retry_count += 1;
                    continue;
                }
            }
            if let Some(ty) = failed(&fault) {
                *prev = self.emit(*prev, ty, None)?;
            }
            return self.catch(sx, catchers, raw, fault, frame, prev);
        }
    }

    /// The first matching catcher's output, or the fault back.
    fn catch(
        &mut self,
        sx: &StateCx<'_>,
        catchers: &[Catcher],
        raw: &Value,
        fault: Fault,
        frame: &Frame,
        prev: &mut u64,
    ) -> Result<Done, Fault> {
        if fault.fatal {
            return Err(fault);
        }
        let Some((i, c)) = catchers
            .iter()
            .enumerate()
            .find(|(_, c)| error_matches(&c.error_equals, fault.name()))
        else {
            return Err(fault);
        };
        let (assign_at, output_at) = (format!("Catch[{i}]/Assign"), format!("Catch[{i}]/Output"));
        let err = fault.error_output();
        let ctx = self.context(sx, None, None);
        if sx.ql == QueryLanguage::Jsonata {
            let states = Self::states_value(raw, &ctx, Some(("errorOutput", &err)));
            return self.jsonata_out(
                sx,
                prev,
                Cow::Owned(err),
                (&ctx, &states, &frame.vars),
                (c.assign.as_ref(), c.output.as_ref()),
                (&assign_at, &output_at),
                Some(c.next.clone()),
            );
        }
        let assigned = self.assign(
            sx,
            prev,
            c.assign.as_ref(),
            &err,
            &ctx,
            None,
            &frame.vars,
            "Assign",
        )?;
        let rp = c
            .result_path
            .as_ref()
            .map(|o| o.as_ref().map(|p| p.as_str()));
        let output = match data::result_path(rp, raw, err) {
            Ok(v) => v,
            Err(f) => return Err(self.own_error(sx, prev, f, "ResultPath")),
        };
        Ok(Done {
            output,
            next: Some(c.next.clone()),
            assigned,
        })
    }

    /// After the work: JSONPath ResultSelector → ResultPath → OutputPath, or
    /// JSONata Output; and Assign (which sees the result).
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        sx: &StateCx<'_>,
        prev: &mut u64,
        raw: &Value,
        result: Value,
        ctx: &Context<'_>,
        frame: &Frame,
        ends: Ends<'_>,
    ) -> Result<Done, Fault> {
        let Ends {
            selector,
            result_path,
            output_path,
            output,
            assign,
            next,
        } = ends;
        if sx.ql == QueryLanguage::Jsonata {
            let states = Self::states_value(raw, ctx, Some(("result", &result)));
            return self.jsonata_out(
                sx,
                prev,
                Cow::Owned(result),
                (ctx, &states, &frame.vars),
                (assign, output),
                ("Assign", "Output"),
                next,
            );
        }
        let assigned = self.assign(sx, prev, assign, &result, ctx, None, &frame.vars, "Assign")?;
        let selected = match selector {
            Some(s) => match self.template(s, &result, ctx, &frame.vars) {
                Ok(v) => v,
                Err(f) => return Err(self.own_error(sx, prev, f, "ResultSelector")),
            },
            None => result,
        };
        let merged = match data::result_path(result_path, raw, selected) {
            Ok(v) => v,
            Err(f) => return Err(self.own_error(sx, prev, f, "ResultPath")),
        };
        self.output_path(sx, prev, output_path, merged, ctx, frame, next, assigned)
    }

    /// JSONPath's last step: OutputPath over `merged`, ending the state.
    #[allow(clippy::too_many_arguments)]
    fn output_path(
        &mut self,
        sx: &StateCx<'_>,
        prev: &mut u64,
        path: Option<Option<&str>>,
        merged: Value,
        ctx: &Context<'_>,
        frame: &Frame,
        next: Option<String>,
        assigned: Option<Variables>,
    ) -> Result<Done, Fault> {
        let output = match path {
            // No OutputPath: the value itself (not a copy of it).
            None => merged,
            path => data::apply_path(
                "OutputPath",
                path,
                &Self::path_scope(&merged, ctx, &frame.vars),
            )
            .map_err(|f| self.own_error(sx, prev, f, "OutputPath"))?,
        };
        Ok(Done {
            output,
            next,
            assigned,
        })
    }

    /// JSONata's last steps: Assign, then Output (or `value` when there is
    /// none), both over `$states`; `at` names the two fields in errors.
    #[allow(clippy::too_many_arguments)]
    fn jsonata_out(
        &mut self,
        sx: &StateCx<'_>,
        prev: &mut u64,
        value: Cow<'_, Value>,
        (ctx, states, vars): (&Context<'_>, &Value, &Variables),
        (assign, output): (Option<&asl_core::Assign>, Option<&Value>),
        (assign_at, output_at): (&str, &str),
        next: Option<String>,
    ) -> Result<Done, Fault> {
        let assigned = self.assign(sx, prev, assign, &value, ctx, Some(states), vars, assign_at)?;
        let output = match output {
            Some(o) => self
                .jsonata_template(o, states, vars, output_at)
                .map_err(|f| self.own_error(sx, prev, f, output_at))?,
            None => value.into_owned(),
        };
        Ok(Done {
            output,
            next,
            assigned,
        })
    }

    /// The effective input: JSONata's is the input itself; JSONPath's is
    /// what `InputPath` selects.
    fn input_path(
        &mut self,
        sx: &StateCx<'_>,
        prev: &mut u64,
        path: Option<Option<&str>>,
        raw: &Value,
        ctx: &Context<'_>,
        frame: &Frame,
    ) -> Result<Value, Fault> {
        if sx.ql == QueryLanguage::Jsonata {
            return Ok(raw.clone());
        }
        data::apply_path("InputPath", path, &Self::path_scope(raw, ctx, &frame.vars))
            .map_err(|f| self.own_error(sx, prev, f, "InputPath"))
    }

    // ---- the states ---------------------------------------------------------

    fn pass(
        &mut self,
        sx: &StateCx<'_>,
        s: &Pass,
        raw: &Value,
        frame: &mut Frame,
        prev: &mut u64,
    ) -> Result<Done, Fault> {
        let ctx = self.context(sx, None, None);
        let next = s.transition.next_state().map(str::to_owned);
        if sx.ql == QueryLanguage::Jsonata {
            let states = Self::states_value(raw, &ctx, None);
            return self.jsonata_out(
                sx,
                prev,
                Cow::Borrowed(raw),
                (&ctx, &states, &frame.vars),
                (s.assign.as_ref(), s.output.as_ref()),
                ("Assign", "Output"),
                next,
            );
        }
        let eff = self.input_path(sx, prev, opt_path(&s.input_path), raw, &ctx, frame)?;
        let params = match &s.parameters {
            Some(p) => self
                .template(&p.0, &eff, &ctx, &frame.vars)
                .map_err(|f| self.own_error(sx, prev, f, "Parameters"))?,
            None => eff,
        };
        let result = s.result.clone().unwrap_or(params);
        self.finish(
            sx,
            prev,
            raw,
            result,
            &ctx,
            frame,
            Ends {
                selector: None,
                result_path: opt_ref(&s.result_path),
                output_path: opt_path(&s.output_path),
                output: None,
                assign: s.assign.as_ref(),
                next,
            },
        )
    }

    fn succeed(
        &mut self,
        sx: &StateCx<'_>,
        s: &Succeed,
        raw: &Value,
        frame: &mut Frame,
        prev: &mut u64,
    ) -> Result<Done, Fault> {
        let ctx = self.context(sx, None, None);
        if sx.ql == QueryLanguage::Jsonata {
            let states = Self::states_value(raw, &ctx, None);
            return self.jsonata_out(
                sx,
                prev,
                Cow::Borrowed(raw),
                (&ctx, &states, &frame.vars),
                (None, s.output.as_ref()),
                ("Assign", "Output"),
                None,
            );
        }
        let eff = self.input_path(sx, prev, opt_path(&s.input_path), raw, &ctx, frame)?;
        self.output_path(
            sx,
            prev,
            opt_path(&s.output_path),
            eff,
            &ctx,
            frame,
            None,
            None,
        )
    }

    fn fail(
        &mut self,
        sx: &StateCx<'_>,
        s: &Fail,
        raw: &Value,
        frame: &mut Frame,
        prev: &mut u64,
    ) -> Fault {
        let ctx = self.context(sx, None, None);
        let states = LazyStates::new(raw, &ctx);
        let read = |this: &mut Self,
                    prev: &mut u64,
                    d: Option<&Dynamic<String>>,
                    path: Option<&str>,
                    fields: (&'static str, &'static str)|
         -> Result<Option<String>, Fault> {
            let as_text = |v: Value| match v {
                Value::String(s) => s,
                other => text(&other),
            };
            let path = path.or(match d {
                Some(Dynamic::Path(p)) => Some(p.as_str()),
                _ => None,
            });
            if let Some(p) = path {
                let v = data::expression(
                    p,
                    fields.1,
                    &Self::path_scope(raw, &ctx, &frame.vars),
                    &mut this.rng,
                )
                .map_err(|f| this.own_error(sx, prev, f, fields.1))?;
                return Ok(Some(as_text(v)));
            }
            match d {
                // A path (`…Path` or a `Dynamic::Path`) is read above.
                None | Some(Dynamic::Path(_)) => Ok(None),
                Some(Dynamic::Value(s) | Dynamic::Substitution(s)) => Ok(Some(s.clone())),
                Some(Dynamic::Jsonata(j)) => {
                    let v = this
                        .jsonata_expr(j, states.get(), &frame.vars, fields.0)
                        .map_err(|f| this.own_error(sx, prev, f, fields.0))?;
                    Ok(Some(as_text(v)))
                }
            }
        };
        let (ed, ep) = value_or_path!(&s.error, FailError::Error, FailError::ErrorPath);
        let (cd, cp) = value_or_path!(&s.cause, FailCause::Cause, FailCause::CausePath);
        let error = match read(self, prev, ed, ep, ("Error", "ErrorPath")) {
            Ok(e) => e,
            Err(f) => return f,
        };
        let cause = match read(self, prev, cd, cp, ("Cause", "CausePath")) {
            Ok(c) => c,
            Err(f) => return f,
        };
        Fault {
            error,
            cause,
            fatal: false,
            timed_out: false,
            cut: false,
        }
    }

    fn choice(
        &mut self,
        sx: &StateCx<'_>,
        s: &Choice,
        raw: &Value,
        frame: &mut Frame,
        prev: &mut u64,
    ) -> Result<Done, Fault> {
        let ctx = self.context(sx, None, None);
        let jsonata = sx.ql == QueryLanguage::Jsonata;
        let states = LazyStates::new(raw, &ctx);
        let eff = self.input_path(sx, prev, opt_path(&s.input_path), raw, &ctx, frame)?;
        let mut matched = None;
        for (i, rule) in s.choices.iter().enumerate() {
            let field = format!("Choices[{i}]/Condition");
            let hit = match &rule.condition {
                Condition::JsonPath(expr) => {
                    data::choice_rule(expr, &Self::path_scope(&eff, &ctx, &frame.vars))
                        .map_err(|f| self.own_error(sx, prev, f, &field))?
                }
                Condition::Jsonata(Dynamic::Value(b)) => *b,
                Condition::Jsonata(Dynamic::Jsonata(j)) => {
                    let v = self
                        .jsonata_expr(j, states.get(), &frame.vars, &field)
                        .map_err(|f| self.own_error(sx, prev, f, &field))?;
                    match v {
                        Value::Bool(b) => b,
                        other => {
                            return Err(self.own_error(
                                sx,
                                prev,
                                Failure::new(
                                    "States.QueryEvaluationError",
                                    format!(
                                        "The JSONata expression '{}' specified for the field '{field}' returned an unexpected result type. Expected 'boolean', but was '{}' for value: {}",
                                        j.expression(),
                                        type_name(&other),
                                        text(&other)
                                    ),
                                ),
                                &field,
                            ))
                        }
                    }
                }
                Condition::Jsonata(_) => false,
            };
            if hit {
                matched = Some(rule);
                break;
            }
        }
        let (next, output_tpl, assign) = match matched {
            Some(rule) => (
                rule.next.clone(),
                rule.output.as_ref(),
                rule.assign.as_ref(),
            ),
            None => match &s.default {
                Some(d) => (d.clone(), s.output.as_ref(), s.assign.as_ref()),
                None => {
                    return Err(self.own_error(
                        sx,
                        prev,
                        Failure::runtime(
                            "No Choice Rule matched and no Default state was specified.",
                        ),
                        "Choices",
                    ))
                }
            },
        };
        if jsonata {
            let assigned = self.assign(
                sx,
                prev,
                assign,
                raw,
                &ctx,
                Some(states.get()),
                &frame.vars,
                "Assign",
            )?;
            let output = match output_tpl {
                Some(o) => self
                    .jsonata_template(o, states.get(), &frame.vars, "Output")
                    .map_err(|f| self.own_error(sx, prev, f, "Output"))?,
                None => raw.clone(),
            };
            return Ok(Done {
                output,
                next: Some(next),
                assigned,
            });
        }
        let assigned = self.assign(sx, prev, assign, &eff, &ctx, None, &frame.vars, "Assign")?;
        let output = data::apply_path(
            "OutputPath",
            opt_path(&s.output_path),
            &Self::path_scope(&eff, &ctx, &frame.vars),
        )
        .map_err(|f| self.own_error(sx, prev, f, "OutputPath"))?;
        Ok(Done {
            output,
            next: Some(next),
            assigned,
        })
    }

    fn wait(
        &mut self,
        sx: &StateCx<'_>,
        s: &Wait,
        raw: &Value,
        frame: &mut Frame,
        prev: &mut u64,
    ) -> Result<Done, Fault> {
        let ctx = self.context(sx, None, None);
        let jsonata = sx.ql == QueryLanguage::Jsonata;
        let states = LazyStates::new(raw, &ctx);
        let eff = self.input_path(sx, prev, opt_path(&s.input_path), raw, &ctx, frame)?;
        let scope_vars = frame.vars.clone();
        let now_ms = self.clock_ms;
        let delay_ms: i64 = match &s.duration {
            WaitDuration::Seconds(Dynamic::Value(n)) => i64::try_from(*n).unwrap_or(i64::MAX).saturating_mul(1000),
            WaitDuration::Seconds(Dynamic::Jsonata(j)) => {
                let v = self
                    .jsonata_expr(j, states.get(), &scope_vars, "Seconds")
                    .map_err(|f| self.own_error(sx, prev, f, "Seconds"))?;
                match v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)) {
                    Some(n) if n >= 0 => n.saturating_mul(1000),
                    _ => {
                        return Err(self.own_error(
                            sx,
                            prev,
                            Failure::new(
                                "States.QueryEvaluationError",
                                format!(
                                    "The JSONata expression '{}' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '{}' for value: {}",
                                    j.expression(),
                                    type_name(&v),
                                    text(&v)
                                ),
                            ),
                            "Seconds",
                        ))
                    }
                }
            }
            WaitDuration::SecondsPath(p) => data::wait_seconds_path(p.as_str(), &Self::path_scope(&eff, &ctx, &scope_vars))
                .map_err(|f| self.own_error(sx, prev, f, "SecondsPath"))?
                .saturating_mul(1000),
            WaitDuration::Timestamp(Dynamic::Value(t)) => match data::parse_timestamp(t) {
                Some(ts) => until(ts, now_ms),
                None => {
                    return Err(self.own_error(
                        sx,
                        prev,
                        Failure::runtime(format!("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {t}")),
                        "Timestamp",
                    ))
                }
            },
            WaitDuration::Timestamp(Dynamic::Jsonata(j)) => {
                let v = self
                    .jsonata_expr(j, states.get(), &scope_vars, "Timestamp")
                    .map_err(|f| self.own_error(sx, prev, f, "Timestamp"))?;
                match v.as_str().and_then(data::parse_timestamp) {
                    Some(ts) => until(ts, now_ms),
                    None => {
                        let shown = v.as_str().map_or_else(|| text(&v), str::to_owned);
                        return Err(self.own_error(
                            sx,
                            prev,
                            Failure::new(
                                "States.QueryEvaluationError",
                                format!("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {shown}"),
                            ),
                            "Timestamp",
                        ));
                    }
                }
            }
            WaitDuration::TimestampPath(p) => {
                let ts = data::wait_timestamp_path(p.as_str(), &Self::path_scope(&eff, &ctx, &scope_vars))
                    .map_err(|f| self.own_error(sx, prev, f, "TimestampPath"))?;
                until(ts, now_ms)
            }
            _ => 0,
        };
        if delay_ms >= (1i64 << 31) * 1000 {
            return Err(self.own_error(
                sx,
                prev,
                Failure::runtime("Wait state delay is too long."),
                "Seconds",
            ));
        }
        self.advance(delay_ms.max(0))?;
        let next = s.transition.next_state().map(str::to_owned);
        if jsonata {
            return self.jsonata_out(
                sx,
                prev,
                Cow::Borrowed(raw),
                (&ctx, states.get(), &frame.vars),
                (s.assign.as_ref(), s.output.as_ref()),
                ("Assign", "Output"),
                next,
            );
        }
        let assigned = self.assign(
            sx,
            prev,
            s.assign.as_ref(),
            &eff,
            &ctx,
            None,
            &frame.vars,
            "Assign",
        )?;
        self.output_path(
            sx,
            prev,
            opt_path(&s.output_path),
            eff,
            &ctx,
            frame,
            next,
            assigned,
        )
    }

    // ---- Task ---------------------------------------------------------------

    fn task_attempt(
        &mut self,
        sx: &StateCx<'_>,
        t: &Task,
        raw: &Value,
        frame: &Frame,
        prev: &mut u64,
        retry_count: u64,
    ) -> Result<Done, Fault> {
        let arn = t.resource.as_str().to_owned();
        let kind = t.resource.kind();
        let pattern = match kind {
            ResourceKind::Integration { pattern, .. }
            | ResourceKind::SdkIntegration { pattern, .. } => pattern,
            _ => "",
        };
        let token = (pattern.starts_with(".waitForTaskToken") || pattern.starts_with(".sync"))
            .then(
                || json!({"Token": format!("AQ{}", data::uuid_v4(&mut self.rng).replace('-', ""))}),
            );
        let ctx = self.context(sx, Some(retry_count), token.map(|t| ("Task", t)));
        let jsonata = sx.ql == QueryLanguage::Jsonata;
        let states = LazyStates::new(raw, &ctx);
        let eff = self.input_path(sx, prev, opt_path(&t.input_path), raw, &ctx, frame)?;
        let params = if jsonata {
            match &t.arguments {
                Some(a) => self
                    .jsonata_template(a, states.get(), &frame.vars, "Arguments")
                    .map_err(|f| self.own_error(sx, prev, f, "Arguments"))?,
                None => raw.clone(),
            }
        } else {
            match &t.parameters {
                Some(p) => self
                    .template(&p.0, &eff, &ctx, &frame.vars)
                    .map_err(|f| self.own_error(sx, prev, f, "Parameters"))?,
                None => eff.clone(),
            }
        };
        let env = (&eff, &ctx, frame);
        let timeout = int_field!(self, sx, prev, env; &t.timeout => Timeout::Seconds, Timeout::Path; "TimeoutSeconds")?;
        let heartbeat = int_field!(self, sx, prev, env; &t.heartbeat => Heartbeat::Seconds, Heartbeat::Path; "HeartbeatSeconds")?;
        let role = match t.credentials.as_ref().and_then(|c| c.role_arn.as_ref()) {
            None => None,
            Some(RoleArn::Value(Dynamic::Value(s))) => Some(Value::String(s.clone())),
            Some(RoleArn::Value(Dynamic::Jsonata(j))) => Some(
                self.jsonata_expr(j, states.get(), &frame.vars, "Credentials/RoleArn")
                    .map_err(|f| self.own_error(sx, prev, f, "Credentials"))?,
            ),
            Some(RoleArn::Value(_)) => None,
            Some(RoleArn::Path(p)) => self
                .template(&json!({"RoleArn.$": p.as_str()}), &eff, &ctx, &frame.vars)
                .map_err(|f| self.own_error(sx, prev, f, "Credentials"))?
                .get("RoleArn")
                .cloned(),
        };

        // The events of the call.
        enum Family {
            Lambda,
            Activity,
            Service(Arc<str>, Arc<str>),
        }
        let family = match kind {
            ResourceKind::LambdaFunction { .. } => Family::Lambda,
            ResourceKind::Activity { .. } => Family::Activity,
            ResourceKind::Integration {
                service,
                action,
                pattern,
                ..
            } => Family::Service(service.into(), format!("{action}{pattern}").into()),
            ResourceKind::SdkIntegration {
                service,
                action,
                pattern,
                ..
            } => Family::Service(
                format!("aws-sdk:{service}").into(),
                format!("{action}{pattern}").into(),
            ),
            _ => Family::Service("".into(), arn.as_str().into()),
        };
        let mut d = Vec::with_capacity(7);
        let (scheduled, started) = match &family {
            Family::Lambda => {
                d.push(("resource", str_field(&arn)));
                d.push(("input", Field::Text(text(&params))));
                ("LambdaFunctionScheduled", "LambdaFunctionStarted")
            }
            Family::Activity => {
                d.push(("resource", str_field(&arn)));
                d.push(("input", Field::Text(text(&params))));
                ("ActivityScheduled", "ActivityStarted")
            }
            Family::Service(rt, r) => {
                d.push(("resourceType", Field::Str(Arc::clone(rt))));
                d.push(("resource", Field::Str(Arc::clone(r))));
                d.push(("region", str_field(REGION)));
                d.push(("parameters", Field::Str(text(&params).into())));
                ("TaskScheduled", "TaskStarted")
            }
        };
        if let Some(n) = timeout {
            d.push(("timeoutInSeconds", Field::Json(json!(n))));
        }
        if let Some(n) = heartbeat {
            if !matches!(family, Family::Lambda) {
                d.push(("heartbeatInSeconds", Field::Json(json!(n))));
            }
        }
        if let Some(r) = role {
            d.push(("taskCredentials", Field::Json(json!({"roleArn": r}))));
        }
        let key = task_details_key;
        let id = self.emit(*prev, scheduled, Some(fields(key(scheduled), d)))?;
        *prev = id;
        let started_details = match &family {
            Family::Service(rt, r) => Some(vec![
                ("resourceType", Field::Str(Arc::clone(rt))),
                ("resource", Field::Str(Arc::clone(r))),
            ]),
            Family::Activity => Some(Vec::new()),
            Family::Lambda => None,
        };
        let id = self.emit(
            *prev,
            started,
            started_details.map(|d| fields(key(started), d)),
        )?;
        *prev = id;

        let service_fields = |d: &mut Vec<(&'static str, Field)>| {
            if let Family::Service(rt, r) = &family {
                d.push(("resourceType", Field::Str(Arc::clone(rt))));
                d.push(("resource", Field::Str(Arc::clone(r))));
            }
        };
        let outcome = self.invoke(sx.name, &arn, &params);
        let outcome = match outcome {
            Ok(result) if text(&result).len() > PAYLOAD_LIMIT => {
                let who = match &family {
                    Family::Service(rt, _) => rt.to_string(),
                    _ => arn.clone(),
                };
                Err(Fault::from_failure(Failure::new(
                    "States.DataLimitExceeded",
                    format!("The state/task '{who}' returned a result with a size exceeding the maximum number of bytes service limit."),
                )))
            }
            other => other,
        };
        if !outcome.as_ref().is_err_and(|f| f.fatal)
            && (pattern.starts_with(".sync") || pattern.starts_with(".waitForTaskToken"))
        {
            // The service accepted the request; what it answered first is
            // not in the mock (its Return is the final result).
            let mut d = Vec::with_capacity(3);
            service_fields(&mut d);
            let answer = match &family {
                Family::Service(rt, action) => {
                    // Its own sequence, so the execution's other random
                    // values do not depend on how many calls were submitted.
                    let seed = (self.clock_ms as u64).rotate_left(17) ^ self.events.len() as u64;
                    crate::submit::response(rt, action, &params, self.clock_ms, &mut Rng::new(seed))
                }
                _ => json!({}),
            };
            d.push(("output", Field::Text(text(&answer))));
            let id = self.emit(
                *prev,
                "TaskSubmitted",
                Some(fields("taskSubmittedEventDetails", d)),
            )?;
            *prev = id;
        }
        let result = match outcome {
            Ok(result) => {
                let ty = match family {
                    Family::Lambda => "LambdaFunctionSucceeded",
                    Family::Activity => "ActivitySucceeded",
                    Family::Service(..) => "TaskSucceeded",
                };
                let mut d = Vec::with_capacity(3);
                service_fields(&mut d);
                d.push(("output", Field::Text(text(&result))));
                let id = self.emit(*prev, ty, Some(fields(key(ty), d)))?;
                *prev = id;
                result
            }
            Err(fault) => {
                if fault.fatal {
                    return Err(fault);
                }
                let timed_out =
                    matches!(fault.name(), "States.Timeout" | "States.HeartbeatTimeout");
                // The timer fires when the timeout is over.
                let waited = match fault.name() {
                    "States.Timeout" => timeout,
                    "States.HeartbeatTimeout" => heartbeat,
                    _ => None,
                };
                if let Some(seconds) = waited {
                    self.advance(seconds.max(0).saturating_mul(1000))?;
                }
                let ty = match (&family, timed_out) {
                    (Family::Lambda, false) => "LambdaFunctionFailed",
                    (Family::Lambda, true) => "LambdaFunctionTimedOut",
                    (Family::Activity, false) => "ActivityFailed",
                    (Family::Activity, true) => "ActivityTimedOut",
                    (Family::Service(..), false) => "TaskFailed",
                    (Family::Service(..), true) => "TaskTimedOut",
                };
                let mut d = Vec::with_capacity(4);
                service_fields(&mut d);
                d.extend(fault.fields());
                let id = self.emit(*prev, ty, Some(fields(key(ty), d)))?;
                *prev = id;
                return Err(fault);
            }
        };
        self.finish(sx, prev, raw, result, &ctx, frame, t.ends())
    }

    /// Calls the mock of invocation n of `state`.
    fn invoke(&mut self, state: &str, resource: &str, params: &Value) -> Result<Value, Fault> {
        if self.forks > 0 {
            self.invocations.push(Invocation {
                state: state.to_owned(),
                event: self.events.len().saturating_sub(1),
                call: self.task_calls.len(),
            });
        }
        self.task_calls.push((state.to_owned(), params.clone()));
        let n = {
            let c = self.counters.entry(state.to_owned()).or_insert(0);
            let n = *c;
            *c += 1;
            n
        };
        match self.mocks.lookup(state, resource, n) {
            Lookup::Mock(m) => m.call(params).map_err(Fault::from_failure),
            Lookup::Exhausted => Err(Fault::fatal(
                "States.Runtime",
                format!("No mocked response for invocation {n} of the state '{state}'."),
            )),
            Lookup::None(Unmocked::Fail) => Err(Fault::fatal(
                "States.Runtime",
                format!("The Task state '{state}' ({resource}) has no mock."),
            )),
            Lookup::None(Unmocked::EchoInput) => Ok(params.clone()),
            Lookup::None(Unmocked::EmptyObject) => Ok(json!({})),
        }
    }

    // ---- Parallel -----------------------------------------------------------

    /// One attempt of the Parallel state.
    fn parallel_attempt(
        &mut self,
        sx: &StateCx<'_>,
        p: &Parallel,
        raw: &Value,
        frame: &Frame,
        prev: &mut u64,
        retry_count: u64,
    ) -> Result<Done, Fault> {
        let ctx = self.context(sx, Some(retry_count), None);
        let jsonata = sx.ql == QueryLanguage::Jsonata;
        let states = LazyStates::new(raw, &ctx);
        let input = if jsonata {
            match &p.arguments {
                Some(a) => self
                    .jsonata_template(a, states.get(), &frame.vars, "Arguments")
                    .map_err(|f| self.own_error(sx, prev, f, "Arguments"))?,
                None => raw.clone(),
            }
        } else {
            let eff = self.input_path(sx, prev, opt_path(&p.input_path), raw, &ctx, frame)?;
            match &p.parameters {
                Some(t) => self
                    .template(&t.0, &eff, &ctx, &frame.vars)
                    .map_err(|f| self.own_error(sx, prev, f, "Parameters"))?,
                None => eff,
            }
        };
        let started = self.emit(*prev, "ParallelStateStarted", None)?;
        *prev = started;
        // The branches run concurrently, all from this moment.
        let t0 = self.clock_ms;
        let scope = self.begin_fork();
        let mut runs = Vec::with_capacity(p.branches.len());
        let mut results = Vec::with_capacity(p.branches.len());
        let mut faults = Vec::with_capacity(p.branches.len());
        let mut end_ms = t0;
        for b in &p.branches {
            self.begin_branch(&scope, t0);
            let from = self.events.len();
            let mut bprev = started;
            let mut bframe = Frame {
                vars: inherited(&frame.vars),
                ql: b.query_language.unwrap_or(frame.ql),
                depth: frame.depth + 1,
            };
            let outcome = self.run_states(
                &b.start_at,
                &b.states,
                input.clone(),
                None,
                &mut bframe,
                &mut bprev,
            );
            let failure = match outcome {
                Ok(v) => {
                    results.push(v);
                    None
                }
                Err(bf) if bf.fault.cut => None,
                Err(bf) => {
                    let fault = self.close_failed(bf, bprev, None);
                    let cut = self.cut_of(&fault, bprev, scope.at);
                    faults.push((runs.len(), fault, bprev));
                    Some(cut)
                }
            };
            end_ms = end_ms.max(self.clock_ms);
            let failed = failure.is_some();
            runs.push(fork::Run {
                range: from..self.events.len(),
                start: fork::Mark::at(t0),
                failure,
            });
            if failed {
                self.branch_failed(&scope, &runs);
            }
        }
        let fork_at = scope.at;
        self.end_fork(scope, &runs, faults, prev)?;
        self.clock_ms = end_ms;
        // After the last branch event.
        let last = if self.events.len() > fork_at {
            self.events.len() as u64
        } else {
            started
        };
        self.emit(last, "ParallelStateSucceeded", None)?;
        *prev = last;
        self.finish(sx, prev, raw, Value::Array(results), &ctx, frame, p.ends())
    }

    /// Logs the end of a branch or iteration that failed (unless the
    /// failure ends the execution at once): `MapIterationFailed` for an
    /// iteration, then `TaskStateAborted` when a Task failed; a full history
    /// becomes the fault.
    fn close_failed(&mut self, bf: BranchFail, last: u64, iteration: Option<Details>) -> Fault {
        if bf.fault.fatal {
            return bf.fault;
        }
        let logged = iteration
            .map_or(Ok(last), |d| self.emit(last, "MapIterationFailed", Some(d)))
            .and_then(|_| match bf.task {
                true => self.emit(last, "TaskStateAborted", None),
                false => Ok(last),
            });
        match logged {
            Ok(_) => bf.fault,
            Err(limit) => limit,
        }
    }

    /// Starts concurrent branches.
    fn begin_fork(&mut self) -> ForkScope {
        self.forks += 1;
        ForkScope {
            at: self.events.len(),
            horizon: self.horizon,
            siblings: self.sibling_events,
        }
    }

    /// Starts one of them, at its time.
    fn begin_branch(&mut self, scope: &ForkScope, start_ms: i64) {
        self.clock_ms = start_ms;
        self.sibling_events = scope.siblings + (self.events.len() - scope.at);
    }

    /// After a branch failed: the earliest failure so far, where the
    /// branches still to run stop.
    fn branch_failed(&mut self, scope: &ForkScope, runs: &[fork::Run]) -> Option<fork::Key> {
        let first = fork::first_failure(&self.events, runs).map(|(k, _)| k);
        if let Some(k) = first {
            self.horizon = Some(scope.horizon.map_or(k.0, |h| h.min(k.0)));
        }
        first
    }

    /// Ends the branches: their events joined, or the failure that ended
    /// them (`faults`: run, fault, its last event), at the time it happened.
    fn end_fork(
        &mut self,
        scope: ForkScope,
        runs: &[fork::Run],
        faults: Vec<(usize, Fault, u64)>,
        prev: &mut u64,
    ) -> Result<fork::Joined, Fault> {
        self.forks -= 1;
        self.horizon = scope.horizon;
        let joined = self.join(scope.at, runs, scope.siblings)?;
        if let Some(b) = joined.failed {
            if let Some((_, fault, last)) = faults.into_iter().find(|(r, ..)| *r == b) {
                self.clock_ms = joined.cut_ms.unwrap_or(self.clock_ms);
                *prev = joined.id(last).unwrap_or(last);
                return Err(fault);
            }
        }
        Ok(joined)
    }

    /// How a branch's failure cuts its siblings.
    fn cut_of(&self, fault: &Fault, bprev: u64, fork_at: usize) -> fork::Cut {
        let event = usize::try_from(bprev)
            .ok()
            .and_then(|id| id.checked_sub(1))
            .filter(|&i| i >= fork_at);
        fork::Cut {
            event,
            deadline: fault.timed_out.then_some(self.clock_ms),
            abort: !fault.fatal,
        }
    }

    /// Ends concurrent branches: orders and cuts their events (see
    /// `fork`), and undoes the Task invocations of what was cut.
    fn join(
        &mut self,
        fork_at: usize,
        runs: &[fork::Run],
        saved_siblings: usize,
    ) -> Result<fork::Joined, Fault> {
        let joined = fork::join(&mut self.events, fork_at, runs);
        self.sibling_events = saved_siblings;
        let mut dropped = Vec::new();
        let mut kept = Vec::with_capacity(self.invocations.len());
        for mut inv in std::mem::take(&mut self.invocations) {
            if inv.event < fork_at {
                kept.push(inv);
                continue;
            }
            match joined.index(inv.event) {
                Some(i) => {
                    inv.event = i;
                    kept.push(inv);
                }
                None => {
                    if let Some(c) = self.counters.get_mut(&inv.state) {
                        *c = c.saturating_sub(1);
                    }
                    dropped.push(inv.call);
                }
            }
        }
        if !dropped.is_empty() {
            dropped.sort_unstable();
            for inv in &mut kept {
                inv.call -= dropped.partition_point(|&c| c < inv.call);
            }
            let mut i = 0;
            self.task_calls.retain(|_| {
                let keep = dropped.binary_search(&i).is_err();
                i += 1;
                keep
            });
        }
        if self.forks > 0 {
            self.invocations = kept;
        }
        // The joined history holds every branch's events.
        let room = self.sibling_events + EVENT_LIMIT - 1;
        if self.events.len() >= room {
            self.events.truncate(room);
            return Err(Self::history_full());
        }
        Ok(joined)
    }

    // ---- Map ----------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn map_items(
        &mut self,
        sx: &StateCx<'_>,
        m: &Map,
        raw: &Value,
        eff: &Value,
        ctx: &Context<'_>,
        frame: &Frame,
        prev: &mut u64,
    ) -> Result<Vec<Value>, Fault> {
        let jsonata = sx.ql == QueryLanguage::Jsonata;
        // `$states`, for the JSONata fields only.
        let states = || Self::states_value(raw, ctx, None);
        let not_array =
            |v: &Value| format!("Map state input must be an array but was: {}", text(v));
        let (value, expr) = match &m.items {
            Some(Items::ItemsPath(p)) => (
                data::read_path(
                    "ItemsPath",
                    p.as_str(),
                    &Self::path_scope(eff, ctx, &frame.vars),
                )
                .map_err(|f| self.own_error(sx, prev, f, "ItemsPath"))?,
                None,
            ),
            Some(Items::Items(Dynamic::Value(list))) if jsonata => (
                self.jsonata_template(&Value::Array(list.clone()), &states(), &frame.vars, "Items")
                    .map_err(|f| self.own_error(sx, prev, f, "Items"))?,
                None,
            ),
            Some(Items::Items(Dynamic::Value(list))) => (Value::Array(list.clone()), None),
            Some(Items::Items(Dynamic::Jsonata(j))) => (
                self.jsonata_expr(j, &states(), &frame.vars, "Items")
                    .map_err(|f| self.own_error(sx, prev, f, "Items"))?,
                Some(j.expression().to_owned()),
            ),
            Some(Items::Items(_)) => (Value::Null, None),
            None => (eff.clone(), None),
        };
        match value {
            Value::Array(items) => Ok(items),
            other => {
                let error = if jsonata {
                    "States.QueryEvaluationError"
                } else {
                    "States.Runtime"
                };
                let cause = match expr {
                    Some(e) => format!(
                        "The JSONata expression '{e}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{}' for value: {}",
                        type_name(&other),
                        text(&other)
                    ),
                    None => not_array(&other),
                };
                Err(self.own_error(sx, prev, Failure::new(error, cause), "Items"))
            }
        }
    }

    fn map_attempt(
        &mut self,
        sx: &StateCx<'_>,
        m: &Map,
        raw: &Value,
        frame: &Frame,
        prev: &mut u64,
        retry_count: u64,
    ) -> Result<Done, Fault> {
        let ctx = self.context(sx, Some(retry_count), None);
        let jsonata = sx.ql == QueryLanguage::Jsonata;
        let eff = self.input_path(sx, prev, opt_path(&m.input_path), raw, &ctx, frame)?;
        let processor = m.processor.processor();
        let distributed = processor.is_distributed();
        let items = if let (true, Some(reader)) = (distributed, &m.item_reader) {
            let _ = reader;
            self.read_items(sx, m, &eff, &ctx, frame, prev)?
        } else {
            self.map_items(sx, m, raw, &eff, &ctx, frame, prev)?
        };
        let env = (&eff, &ctx, frame);
        let max_concurrency = int_field!(self, sx, prev, env;
            &m.max_concurrency => MaxConcurrency::MaxConcurrency, MaxConcurrency::MaxConcurrencyPath;
            "MaxConcurrency")?;
        let tolerated_count = int_field!(self, sx, prev, env;
            &m.tolerated_failure_count => ToleratedFailureCount::ToleratedFailureCount, ToleratedFailureCount::ToleratedFailureCountPath;
            "ToleratedFailureCount")?;
        if tolerated_count.is_some_and(|n| n < 0) {
            return Err(self.own_error(
                sx,
                prev,
                Failure::runtime("ToleratedFailureCount cannot be negative."),
                "ToleratedFailureCount",
            ));
        }
        let tolerated_pct = match &m.tolerated_failure_percentage {
            Some(ToleratedFailurePercentage::ToleratedFailurePercentage(Dynamic::Value(n))) => {
                n.as_f64()
            }
            Some(ToleratedFailurePercentage::ToleratedFailurePercentage(Dynamic::Jsonata(j))) => {
                let states = Self::states_value(raw, &ctx, None);
                self.jsonata_expr(j, &states, &frame.vars, "ToleratedFailurePercentage")
                    .map_err(|f| self.own_error(sx, prev, f, "ToleratedFailurePercentage"))?
                    .as_f64()
            }
            Some(ToleratedFailurePercentage::ToleratedFailurePercentagePath(p)) => Some(
                data::float_path(
                    "ToleratedFailurePercentagePath",
                    p.as_str(),
                    &Self::path_scope(&eff, &ctx, &frame.vars),
                )
                .map_err(|f| self.own_error(sx, prev, f, "ToleratedFailurePercentagePath"))?,
            ),
            _ => None,
        };
        if tolerated_pct.is_some_and(|p| !(0.0..=100.0).contains(&p)) {
            return Err(self.own_error(
                sx,
                prev,
                Failure::runtime("ToleratedFailurePercentage must be between 0 and 100."),
                "ToleratedFailurePercentage",
            ));
        }

        // Each iteration's input.
        let mut inputs = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_ctx = ctx.with_map_item(i, item);
            let input = match &m.item_selector {
                None => item.clone(),
                Some(ItemSelector::Parameters(t)) => self
                    .template(&t.0, &eff, &item_ctx, &frame.vars)
                    .map_err(|f| self.own_error(sx, prev, f, "Parameters"))?,
                Some(ItemSelector::ItemSelector(t)) if jsonata => {
                    let states = Self::states_value(raw, &item_ctx, None);
                    self.jsonata_template(t, &states, &frame.vars, "ItemSelector")
                        .map_err(|f| self.own_error(sx, prev, f, "ItemSelector"))?
                }
                Some(ItemSelector::ItemSelector(t)) => self
                    .template(t, &eff, &item_ctx, &frame.vars)
                    .map_err(|f| self.own_error(sx, prev, f, "ItemSelector"))?,
            };
            inputs.push(input);
        }

        let length = if m.item_reader.is_some() {
            0
        } else {
            inputs.len()
        };
        let started = self.emit(
            *prev,
            "MapStateStarted",
            Some(fields(
                "mapStateStartedEventDetails",
                vec![("length", Field::Json(json!(length)))],
            )),
        )?;
        *prev = started;
        let pq = processor.query_language.unwrap_or(frame.ql);

        let result = if distributed {
            self.distributed(
                sx,
                m,
                inputs,
                pq,
                frame,
                prev,
                started,
                tolerated_count,
                tolerated_pct,
                max_concurrency,
            )?
        } else {
            self.inline_iterations(
                sx,
                inputs,
                processor,
                pq,
                max_concurrency,
                frame,
                prev,
                started,
            )?
        };
        self.finish(sx, prev, raw, result, &ctx, frame, m.ends())
    }

    /// An inline Map's iterations: concurrent, up to `MaxConcurrency` at a
    /// time (none or 0: all at once; 1: one after another, each chained to
    /// the one before).
    #[allow(clippy::too_many_arguments)]
    fn inline_iterations(
        &mut self,
        sx: &StateCx<'_>,
        inputs: Vec<Value>,
        processor: &asl_core::ItemProcessor,
        pq: QueryLanguage,
        max_concurrency: Option<i64>,
        frame: &Frame,
        prev: &mut u64,
        started: u64,
    ) -> Result<Value, Fault> {
        let n = inputs.len();
        let sequential = max_concurrency == Some(1);
        let map_name = self.name(sx.name);
        let t0 = self.clock_ms;
        let scope = self.begin_fork();
        let mut slots = fork::Slots::new(max_concurrency, n, fork::Mark::at(t0));
        let mut runs = Vec::with_capacity(n);
        let mut results = Vec::with_capacity(n);
        let mut succeeded = Vec::with_capacity(n);
        let mut faults = Vec::new();
        let mut first_failure: Option<fork::Key> = None;
        let mut chain = started;
        let mut end_ms = t0;
        for (i, input) in inputs.into_iter().enumerate() {
            let start = slots.take();
            if first_failure.is_some_and(|k| (start.ms, start.ticks, start.seq) >= (k.0, k.1, k.2))
            {
                // It would start after the failure that ends the Map.
                break;
            }
            self.begin_branch(&scope, start.ms);
            let from = self.events.len();
            let d = |key| Details::Iteration {
                key,
                index: i,
                name: Arc::clone(&map_name),
            };
            let at = if sequential { chain } else { started };
            let mut p = at;
            let outcome = match self.emit(
                at,
                "MapIterationStarted",
                Some(d("mapIterationStartedEventDetails")),
            ) {
                Ok(is) => {
                    p = is;
                    let mut iframe = Frame {
                        vars: inherited(&frame.vars),
                        ql: pq,
                        depth: frame.depth + 1,
                    };
                    self.run_states(
                        &processor.start_at,
                        &processor.states,
                        input,
                        None,
                        &mut iframe,
                        &mut p,
                    )
                }
                Err(limit) => Err(BranchFail {
                    fault: limit,
                    task: false,
                }),
            };
            let fault = match outcome {
                Ok(v) => match self.emit(
                    p,
                    "MapIterationSucceeded",
                    Some(d("mapIterationSucceededEventDetails")),
                ) {
                    Ok(id) => {
                        succeeded.push(id);
                        chain = p;
                        results.push(v);
                        None
                    }
                    Err(limit) => Some(limit),
                },
                Err(bf) if bf.fault.cut => None,
                Err(bf) => {
                    Some(self.close_failed(bf, p, Some(d("mapIterationFailedEventDetails"))))
                }
            };
            end_ms = end_ms.max(self.clock_ms);
            let failure = fault.map(|f| {
                let cut = self.cut_of(&f, p, scope.at);
                faults.push((runs.len(), f, p));
                cut
            });
            let failed = failure.is_some();
            let run = fork::Run {
                range: from..self.events.len(),
                start,
                failure,
            };
            if !slots.all_at_once() {
                slots.release(fork::end(&self.events, &run, self.clock_ms));
            }
            runs.push(run);
            if failed {
                first_failure = self.branch_failed(&scope, &runs);
            }
        }
        let joined = self.end_fork(scope, &runs, faults, prev)?;
        self.clock_ms = end_ms;
        let last_done = succeeded
            .iter()
            .filter_map(|&id| joined.id(id))
            .max()
            .unwrap_or(started);
        self.emit(last_done, "MapStateSucceeded", None)?;
        *prev = last_done;
        Ok(Value::Array(results))
    }

    /// A Distributed Map's items from its ItemReader (the reader's mock, by
    /// the Map state's name).
    fn read_items(
        &mut self,
        sx: &StateCx<'_>,
        m: &Map,
        eff: &Value,
        ctx: &Context<'_>,
        frame: &Frame,
        prev: &mut u64,
    ) -> Result<Vec<Value>, Fault> {
        let Some(reader) = &m.item_reader else {
            return Ok(Vec::new());
        };
        let params = match &reader.parameters {
            Some(p) => self
                .template(&p.0, eff, ctx, &frame.vars)
                .map_err(|f| self.own_error(sx, prev, f, "ItemReader"))?,
            None => json!({}),
        };
        let fetched = self.invoke(sx.name, reader.resource.as_str(), &params)?;
        let config = reader.reader_config.as_ref();
        let input_type = config.and_then(|c| c.input_type.as_deref()).unwrap_or("");
        let body = match &fetched {
            Value::Object(o) if o.contains_key("Body") => {
                o.get("Body").cloned().unwrap_or(Value::Null)
            }
            Value::Object(o) if o.contains_key("Contents") => {
                o.get("Contents").cloned().unwrap_or(Value::Null)
            }
            other => other.clone(),
        };
        let reader_failed =
            |cause: &str| Fault::from_failure(Failure::new("States.ItemReaderFailed", cause));
        let mut items = match body {
            Value::Array(a) => a,
            Value::String(s) if input_type.eq_ignore_ascii_case("CSV") => {
                let delimiter = match config.and_then(|c| c.csv_delimiter) {
                    Some(asl_core::CsvDelimiter::Pipe) => '|',
                    Some(asl_core::CsvDelimiter::Semicolon) => ';',
                    Some(asl_core::CsvDelimiter::Space) => ' ',
                    Some(asl_core::CsvDelimiter::Tab) => '\t',
                    _ => ',',
                };
                let given = match config.and_then(|c| c.csv_header_location) {
                    Some(asl_core::CsvHeaderLocation::Given) => {
                        config.and_then(|c| c.csv_headers.clone())
                    }
                    _ => None,
                };
                csv_items(&s, delimiter, given).map_err(|c| reader_failed(&c))?
            }
            Value::String(s) => match serde_json::from_str::<Value>(&s) {
                Ok(Value::Array(a)) => a,
                _ => return Err(reader_failed("Attempting to map over non-iterable node.")),
            },
            _ => return Err(reader_failed("Attempting to map over non-iterable node.")),
        };
        if let Some(max) = config.and_then(|c| c.max_items.as_ref()) {
            let n = match max {
                asl_core::MaxItems::MaxItems(Dynamic::Value(n)) => Some(*n),
                asl_core::MaxItems::MaxItemsPath(p) => Some(
                    data::integer_path(
                        "MaxItemsPath",
                        p.as_str(),
                        &Self::path_scope(eff, ctx, &frame.vars),
                    )
                    .map_err(|f| self.own_error(sx, prev, f, "MaxItemsPath"))?
                    .max(0) as u64,
                ),
                _ => None,
            };
            if let Some(n) = n.filter(|n| *n > 0) {
                items.truncate(usize::try_from(n).unwrap_or(usize::MAX));
            }
        }
        Ok(items)
    }

    #[allow(clippy::too_many_arguments)]
    fn distributed(
        &mut self,
        sx: &StateCx<'_>,
        m: &Map,
        inputs: Vec<Value>,
        ql: QueryLanguage,
        frame: &Frame,
        prev: &mut u64,
        started: u64,
        tolerated_count: Option<i64>,
        tolerated_pct: Option<f64>,
        max_concurrency: Option<i64>,
    ) -> Result<Value, Fault> {
        let processor = m.processor.processor();
        let run_id = data::uuid_v4(&mut self.rng);
        let label = m
            .label
            .clone()
            .unwrap_or_else(|| sx.name.chars().take(40).collect());
        let arn = format!(
            "arn:aws:states:{REGION}:{ACCOUNT}:mapRun:{}/{label}:{run_id}",
            self.state_machine_name
        );
        let run_started = self.emit(
            started,
            "MapRunStarted",
            Some(fields(
                "mapRunStartedEventDetails",
                vec![("mapRunArn", str_field(&arn))],
            )),
        )?;
        // Batches.
        let batches: Vec<Value> = match &m.item_batcher {
            Some(b) => {
                let per = match &b.max_items_per_batch {
                    Some(asl_core::MaxItemsPerBatch::MaxItemsPerBatch(Dynamic::Value(n))) => {
                        usize::try_from(*n).unwrap_or(usize::MAX)
                    }
                    _ => usize::MAX,
                }
                .max(1);
                inputs
                    .chunks(per.min(inputs.len().max(1)))
                    .map(|c| {
                        let mut o = JsonMap::new();
                        if let Some(bi) = &b.batch_input {
                            o.insert("BatchInput".into(), bi.clone());
                        }
                        o.insert("Items".into(), Value::Array(c.to_vec()));
                        Value::Object(o)
                    })
                    .collect()
            }
            None => inputs,
        };
        let total = batches.len();
        let mut results = Vec::with_capacity(total);
        let mut failures = 0usize;
        let saved = std::mem::take(&mut self.events);
        let saved_limit = self.limit_hit;
        // Each child is an execution of its own, with its own history.
        let saved_fork = (
            std::mem::take(&mut self.forks),
            std::mem::take(&mut self.invocations),
            std::mem::take(&mut self.sibling_events),
        );
        let mut fatal = None;
        // The children run concurrently, up to MaxConcurrency at a time.
        let t0 = self.clock_ms;
        let mut slots = fork::Slots::new(max_concurrency, total, fork::Mark::at(t0));
        let mut end_ms = t0;
        for input in batches {
            self.clock_ms = slots.take().ms;
            let mut child = Frame {
                vars: Variables::new(),
                ql,
                depth: frame.depth + 1,
            };
            let mut p = 0;
            self.events.clear();
            self.limit_hit = false;
            match self.run_states(
                &processor.start_at,
                &processor.states,
                input,
                None,
                &mut child,
                &mut p,
            ) {
                Ok(v) => results.push(v),
                Err(bf) if bf.fault.fatal && bf.fault.name() != "States.Runtime" => {
                    fatal = Some(bf.fault);
                    break;
                }
                Err(bf) => {
                    failures += 1;
                    results.push(bf.fault.error_output());
                }
            }
            end_ms = end_ms.max(self.clock_ms);
            slots.release(fork::Mark::at(self.clock_ms));
        }
        if fatal.is_none() {
            self.clock_ms = end_ms;
        }
        self.events = saved;
        self.limit_hit = saved_limit;
        (self.forks, self.invocations, self.sibling_events) = saved_fork;
        if let Some(f) = fatal {
            return Err(f);
        }
        // Above either threshold that is set fails the run; with none set,
        // any failure does.
        let over_count = tolerated_count.is_some_and(|n| failures as i64 > n);
        let over_pct = tolerated_pct
            .is_some_and(|p| total > 0 && (failures as f64) * 100.0 / (total as f64) > p);
        let none_set = tolerated_count.is_none() && tolerated_pct.is_none();
        if failures > 0 && (over_count || over_pct || none_set) {
            let fault = Fault::from_failure(Failure::new(
                "States.ExceedToleratedFailureThreshold",
                "The specified tolerated failure threshold was exceeded",
            ));
            let id = self.emit(
                run_started,
                "MapRunFailed",
                Some(fields("mapRunFailedEventDetails", fault.fields())),
            )?;
            *prev = id;
            return Err(fault);
        }
        let run_done = self.emit(run_started, "MapRunSucceeded", None)?;
        self.emit(run_done, "MapStateSucceeded", None)?;
        *prev = run_started;
        if let Some(writer) = &m.result_writer {
            let params = writer
                .parameters
                .as_ref()
                .map(|p| p.0.clone())
                .or_else(|| writer.arguments.clone())
                .unwrap_or(Value::Null);
            let bucket = params.get("Bucket").cloned().unwrap_or(Value::Null);
            let prefix = params
                .get("Prefix")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let key = if prefix.is_empty() {
                format!("{run_id}/manifest.json")
            } else {
                format!("{}/{run_id}/manifest.json", prefix.trim_end_matches('/'))
            };
            return Ok(
                json!({"MapRunArn": arn, "ResultWriterDetails": {"Bucket": bucket, "Key": key}}),
            );
        }
        Ok(Value::Array(results))
    }
}

/// CSV rows as objects of strings (RFC 4180: quoted fields may hold the
/// delimiter, `""` and line breaks).
fn csv_items(s: &str, delimiter: char, given: Option<Vec<String>>) -> Result<Vec<Value>, String> {
    let mut rows = csv_rows(s, delimiter).into_iter();
    let headers = match given {
        Some(h) => h,
        None => rows.next().unwrap_or_default(),
    };
    let mut seen = std::collections::HashSet::new();
    if !headers.iter().all(|h| seen.insert(h.clone())) {
        return Err("CSV headers cannot contain duplicates.".into());
    }
    Ok(rows
        .map(|cells| {
            Value::Object(
                headers
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        (
                            h.clone(),
                            Value::String(cells.get(i).cloned().unwrap_or_default()),
                        )
                    })
                    .collect(),
            )
        })
        .collect())
}

fn csv_rows(s: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cell.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
        } else if c == '"' && cell.is_empty() {
            quoted = true;
        } else if c == delimiter {
            row.push(std::mem::take(&mut cell));
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut cell));
            if !(row.len() == 1 && row.first().is_some_and(String::is_empty)) {
                rows.push(std::mem::take(&mut row));
            } else {
                row.clear();
            }
        } else {
            cell.push(c);
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Milliseconds from `now` until `ts` (0 when past).
fn until(ts: data::Timestamp, now_ms: i64) -> i64 {
    let target = ts
        .seconds
        .saturating_mul(1000)
        .saturating_add(i64::from(ts.nanos / 1_000_000));
    target.saturating_sub(now_ms).max(0)
}

/// `ErrorEquals` matching (execution-semantics §3.3).
fn error_matches(list: &[String], error: &str) -> bool {
    list.iter().any(|n| {
        n == error
            || (n == "States.ALL" && error != "States.Runtime")
            || (n == "States.TaskFailed"
                && !matches!(
                    error,
                    "States.Runtime" | "States.Timeout" | "States.HeartbeatTimeout"
                ))
            || (n == "States.HeartbeatTimeout" && error == "States.Timeout")
    })
}

/// The field location AWS names in a JSONata cause text.
fn location_of(cause: &str) -> Option<String> {
    let (_, rest) = cause.split_once("specified for the field '")?;
    let (loc, _) = rest.split_once('\'')?;
    Some(loc.to_owned())
}

fn opt_path(p: &Option<Option<asl_core::Path>>) -> Option<Option<&str>> {
    p.as_ref().map(|o| o.as_ref().map(|p| p.as_str()))
}

fn opt_ref(p: &Option<Option<asl_core::ReferencePath>>) -> Option<Option<&str>> {
    p.as_ref().map(|o| o.as_ref().map(|p| p.as_str()))
}
