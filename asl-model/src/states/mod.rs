//! The eight state types, one module each, and what they share.

mod choice;
mod fail;
mod fields;
mod map;
mod parallel;
mod pass;
mod succeed;
mod task;
mod wait;

pub use choice::{BoolExpr, Choice, ChoiceRule, Comparator, Comparison, Condition, NestedRule};
pub use fail::{Fail, FailCause, FailError};
pub use map::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, ItemBatcher, ItemProcessor, ItemReader,
    ItemSelector, Items, Map, MaxConcurrency, MaxInputBytesPerBatch, MaxItems, MaxItemsPerBatch,
    ProcessorConfig, ProcessorField, ProcessorMode, ReaderConfig, ResultWriter,
    ToleratedFailureCount, ToleratedFailurePercentage, WriterConfig,
};
pub use parallel::{Branch, Parallel};
pub use pass::Pass;
pub use succeed::Succeed;
pub use task::{Credentials, Heartbeat, Resource, ResourceKind, RoleArn, Task, Timeout};
pub use wait::{Wait, WaitDuration};

/// The builders of the state types, each with one setter per field (the
/// types `X::builder()` returns).
pub mod builders {
    pub use super::choice::{ChoiceBuilder, ChoiceRuleBuilder};
    pub use super::fail::FailBuilder;
    pub use super::map::{
        ItemBatcherBuilder, ItemProcessorBuilder, ItemReaderBuilder, MapBuilder,
        ProcessorConfigBuilder, ReaderConfigBuilder, ResultWriterBuilder, WriterConfigBuilder,
    };
    pub use super::parallel::{BranchBuilder, ParallelBuilder};
    pub use super::pass::PassBuilder;
    pub use super::succeed::SucceedBuilder;
    pub use super::task::{CredentialsBuilder, TaskBuilder};
    pub use super::wait::WaitBuilder;
    pub use crate::retry::{CatcherBuilder, RetrierBuilder};
}

use schemars::JsonSchema;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// A state: one entry of a `States` object, tagged by its `Type` field.
///
/// ```
/// use asl_core::{State, Pass};
/// let s: State = Pass::builder().build().into();
/// assert_eq!(s.type_name(), "Pass");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "Type")]
pub enum State {
    /// Does work through an activity, a Lambda function or a service
    /// integration (boxed, like the other large states).
    Task(Box<Task>),
    /// Passes its input to its output, optionally injecting data.
    Pass(Pass),
    /// Branches on its input.
    Choice(Choice),
    /// Waits for a time or until a timestamp.
    Wait(Wait),
    /// Ends the execution successfully.
    Succeed(Succeed),
    /// Ends the execution with an error.
    Fail(Fail),
    /// Runs branches in parallel (boxed).
    Parallel(Box<Parallel>),
    /// Runs a processor for each item of a collection (boxed: it is by far
    /// the largest state).
    Map(Box<Map>),
}

impl State {
    /// The `Type` as written in ASL (`"Task"`, `"Choice"`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            State::Task(_) => "Task",
            State::Pass(_) => "Pass",
            State::Choice(_) => "Choice",
            State::Wait(_) => "Wait",
            State::Succeed(_) => "Succeed",
            State::Fail(_) => "Fail",
            State::Parallel(_) => "Parallel",
            State::Map(_) => "Map",
        }
    }

    /// The state as an object of the vocabulary, to walk its fields.
    ///
    /// ```
    /// use asl_core::{Pass, State};
    /// let s: State = Pass::builder().build().into();
    /// assert_eq!(s.object().spec().name, "Pass");
    /// ```
    pub fn object(&self) -> &dyn crate::vocabulary::AslObject {
        match self {
            State::Task(s) => s.as_ref(),
            State::Pass(s) => s,
            State::Choice(s) => s,
            State::Wait(s) => s,
            State::Succeed(s) => s,
            State::Fail(s) => s,
            State::Parallel(s) => s.as_ref(),
            State::Map(s) => s.as_ref(),
        }
    }

    /// The `Next`/`End` of the states that have one (not Choice, Succeed or Fail).
    pub fn transition(&self) -> Option<&Transition> {
        match self {
            State::Task(s) => Some(&s.transition),
            State::Pass(s) => Some(&s.transition),
            State::Wait(s) => Some(&s.transition),
            State::Parallel(s) => Some(&s.transition),
            State::Map(s) => Some(&s.transition),
            State::Choice(_) | State::Succeed(_) | State::Fail(_) => None,
        }
    }

    /// Mutable access to the `Next`/`End` of the states that have one.
    pub fn transition_mut(&mut self) -> Option<&mut Transition> {
        match self {
            State::Task(s) => Some(&mut s.transition),
            State::Pass(s) => Some(&mut s.transition),
            State::Wait(s) => Some(&mut s.transition),
            State::Parallel(s) => Some(&mut s.transition),
            State::Map(s) => Some(&mut s.transition),
            State::Choice(_) | State::Succeed(_) | State::Fail(_) => None,
        }
    }

    /// The state's own `QueryLanguage`, if it sets one.
    pub fn query_language(&self) -> Option<QueryLanguage> {
        match self {
            State::Task(s) => s.query_language,
            State::Pass(s) => s.query_language,
            State::Choice(s) => s.query_language,
            State::Wait(s) => s.query_language,
            State::Succeed(s) => s.query_language,
            State::Fail(s) => s.query_language,
            State::Parallel(s) => s.query_language,
            State::Map(s) => s.query_language,
        }
    }

    /// Mutable access to the state's own `QueryLanguage`.
    pub fn query_language_mut(&mut self) -> &mut Option<QueryLanguage> {
        match self {
            State::Task(s) => &mut s.query_language,
            State::Pass(s) => &mut s.query_language,
            State::Choice(s) => &mut s.query_language,
            State::Wait(s) => &mut s.query_language,
            State::Succeed(s) => &mut s.query_language,
            State::Fail(s) => &mut s.query_language,
            State::Parallel(s) => &mut s.query_language,
            State::Map(s) => &mut s.query_language,
        }
    }

    /// The state's `Comment`.
    pub fn comment(&self) -> Option<&str> {
        match self {
            State::Task(s) => s.comment.as_deref(),
            State::Pass(s) => s.comment.as_deref(),
            State::Choice(s) => s.comment.as_deref(),
            State::Wait(s) => s.comment.as_deref(),
            State::Succeed(s) => s.comment.as_deref(),
            State::Fail(s) => s.comment.as_deref(),
            State::Parallel(s) => s.comment.as_deref(),
            State::Map(s) => s.comment.as_deref(),
        }
    }

    /// Fields the model does not know (kept for a lossless round trip).
    pub fn unknown_fields(&self) -> &crate::UnknownFields {
        match self {
            State::Task(s) => &s.unknown_fields,
            State::Pass(s) => &s.unknown_fields,
            State::Choice(s) => &s.unknown_fields,
            State::Wait(s) => &s.unknown_fields,
            State::Succeed(s) => &s.unknown_fields,
            State::Fail(s) => &s.unknown_fields,
            State::Parallel(s) => &s.unknown_fields,
            State::Map(s) => &s.unknown_fields,
        }
    }

    /// Whether the state ends its (sub)machine: Succeed, Fail or `End: true`.
    pub fn is_terminal(&self) -> bool {
        matches!(self, State::Succeed(_) | State::Fail(_))
            || matches!(self.transition(), Some(Transition::End))
    }

    /// The names this state can move to, with the JSON pointer suffix of the
    /// field that names each (`/Next`, `/Default`, `/Choices/0/Next`,
    /// `/Catch/1/Next`), in document order.
    pub fn targets(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        if let Some(Transition::Next(n)) = self.transition() {
            out.push(("/Next".to_owned(), n.as_str()));
        }
        if let State::Choice(c) = self {
            for (i, rule) in c.choices.iter().enumerate() {
                out.push((format!("/Choices/{i}/Next"), rule.next.as_str()));
            }
            if let Some(d) = &c.default {
                out.push(("/Default".to_owned(), d.as_str()));
            }
        }
        for (i, c) in self.catchers().iter().enumerate() {
            out.push((format!("/Catch/{i}/Next"), c.next.as_str()));
        }
        out
    }

    /// The `Retry` and `Catch` fields of Task, Parallel and Map, the states
    /// that handle errors; `None` for the others.
    #[allow(clippy::type_complexity)]
    fn error_handling(
        &self,
    ) -> Option<(&Option<Vec<crate::Retrier>>, &Option<Vec<crate::Catcher>>)> {
        match self {
            State::Task(s) => Some((&s.retry, &s.catch)),
            State::Parallel(s) => Some((&s.retry, &s.catch)),
            State::Map(s) => Some((&s.retry, &s.catch)),
            _ => None,
        }
    }

    /// The `Retry` list of Task, Parallel and Map; empty for the others.
    pub fn retriers(&self) -> &[crate::Retrier] {
        self.error_handling()
            .and_then(|(retry, _)| retry.as_deref())
            .unwrap_or_default()
    }

    /// The `Catch` list of Task, Parallel and Map; empty for the others.
    pub fn catchers(&self) -> &[crate::Catcher] {
        self.error_handling()
            .and_then(|(_, catch)| catch.as_deref())
            .unwrap_or_default()
    }

    /// Every `Assign` object of the state, with its pointer suffix: the
    /// state's own, then each Choice rule's (`/Choices/i/Assign`), then each
    /// catcher's (`/Catch/i/Assign`). Succeed and Fail have none.
    ///
    /// ```
    /// use asl_core::{Pass, State};
    /// use serde_json::json;
    ///
    /// let state: State = Pass::builder().assign(json!({"count": 1})).build().into();
    /// let found: Vec<String> = state.assigns().into_iter().map(|(at, _)| at).collect();
    /// assert_eq!(found, ["/Assign"]);
    /// ```
    pub fn assigns(&self) -> Vec<(String, &crate::Assign)> {
        let own = match self {
            State::Task(s) => s.assign.as_ref(),
            State::Pass(s) => s.assign.as_ref(),
            State::Wait(s) => s.assign.as_ref(),
            State::Choice(s) => s.assign.as_ref(),
            State::Parallel(s) => s.assign.as_ref(),
            State::Map(s) => s.assign.as_ref(),
            State::Succeed(_) | State::Fail(_) => None,
        };
        let mut out: Vec<(String, &crate::Assign)> =
            own.map(|a| ("/Assign".to_owned(), a)).into_iter().collect();
        if let State::Choice(c) = self {
            for (i, rule) in c.choices.iter().enumerate() {
                if let Some(a) = &rule.assign {
                    out.push((format!("/Choices/{i}/Assign"), a));
                }
            }
        }
        for (i, c) in self.catchers().iter().enumerate() {
            if let Some(a) = &c.assign {
                out.push((format!("/Catch/{i}/Assign"), a));
            }
        }
        out
    }
}

macro_rules! into_state {
    ($($t:ident),*) => {$(
        impl From<$t> for State {
            fn from(s: $t) -> State {
                State::$t(s)
            }
        }
    )*};
}
into_state!(Pass, Choice, Wait, Succeed, Fail);

macro_rules! into_boxed_state {
    ($($t:ident),*) => {$(
        impl From<$t> for State {
            fn from(s: $t) -> State {
                State::$t(Box::new(s))
            }
        }
    )*};
}
into_boxed_state!(Task, Parallel, Map);

/// Where a state goes when it is done: `"Next": name` or `"End": true`.
///
/// ```
/// use asl_core::Transition;
/// assert_eq!(serde_json::to_string(&Transition::next("B")).unwrap(), r#"{"Next":"B"}"#);
/// assert_eq!(serde_json::to_string(&Transition::End).unwrap(), r#"{"End":true}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Transition {
    /// Continue with the named state.
    Next(String),
    /// End this (sub)machine.
    #[default]
    End,
}

impl Transition {
    /// `Next` to the named state.
    pub fn next(name: impl Into<String>) -> Self {
        Transition::Next(name.into())
    }

    /// The target state name, for `Next`.
    pub fn next_state(&self) -> Option<&str> {
        match self {
            Transition::Next(n) => Some(n),
            Transition::End => None,
        }
    }
}

impl Serialize for Transition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Transition::Next(n) => map.serialize_entry("Next", n)?,
            Transition::End => map.serialize_entry("End", &true)?,
        }
        map.end()
    }
}

impl JsonSchema for Transition {
    fn schema_name() -> Cow<'static, str> {
        "Transition".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "oneOf": [
                {"type": "object", "required": ["Next"],
                 "properties": {"Next": {"type": "string", "minLength": 1, "maxLength": 80}}},
                {"type": "object", "required": ["End"],
                 "properties": {"End": {"const": true}}}
            ]
        })
    }
}

/// The query language of a machine or state (`QueryLanguage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
pub enum QueryLanguage {
    /// JSONPath: `InputPath`, `Parameters`, `ResultSelector`, `ResultPath`,
    /// `OutputPath`, intrinsic functions. The default.
    #[default]
    #[serde(rename = "JSONPath")]
    JsonPath,
    /// JSONata: `Arguments`, `Output` and `{% %}` expressions.
    #[serde(rename = "JSONata")]
    Jsonata,
}

impl QueryLanguage {
    /// The name as written in ASL.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}
