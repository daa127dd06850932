//! Linear flows without writing each `Next` by hand, like the CDK's `.next()`.

use crate::{Branch, InvalidMachine, ItemProcessor, State, StateMachine, States, Transition};

/// Builds a sequence of states, setting each one's `Next` to the state added
/// after it. The last state keeps its own transition (`End` by default).
/// States added with [`Chain::with_state`] are not linked (use them for error
/// handlers and `Choice` targets).
///
/// ```
/// use asl_core::{Chain, Pass, Succeed};
/// let machine = Chain::start("A", Pass::builder().build())
///     .next("B", Pass::builder().build())
///     .next("Done", Succeed::builder().build())
///     .build()?;
/// let json = machine.to_value();
/// assert_eq!(json["StartAt"], "A");
/// assert_eq!(json["States"]["A"]["Next"], "B");
/// assert_eq!(json["States"]["B"]["Next"], "Done");
/// # Ok::<(), asl_core::InvalidMachine>(())
/// ```
#[derive(Debug, Clone)]
pub struct Chain {
    start_at: String,
    states: States,
    last: String,
}

impl Chain {
    /// Starts a chain with its first state.
    pub fn start(name: impl Into<String>, state: impl Into<State>) -> Self {
        let name = name.into();
        let mut states = States::new();
        states.insert(name.clone(), state.into());
        Chain {
            start_at: name.clone(),
            states,
            last: name,
        }
    }

    /// Appends a state and points the previous one's `Next` at it. A previous
    /// Choice, Succeed or Fail state has no `Next` and is left as it is.
    pub fn next(mut self, name: impl Into<String>, state: impl Into<State>) -> Self {
        let name = name.into();
        if let Some(t) = self
            .states
            .get_mut(&self.last)
            .and_then(State::transition_mut)
        {
            *t = Transition::Next(name.clone());
        }
        self.states.insert(name.clone(), state.into());
        self.last = name;
        self
    }

    /// Adds a state outside the chain (an error handler, a Choice target).
    pub fn with_state(mut self, name: impl Into<String>, state: impl Into<State>) -> Self {
        self.states.insert(name.into(), state.into());
        self
    }

    /// The name of the first state.
    pub fn start_at(&self) -> &str {
        &self.start_at
    }

    /// The states so far, in order.
    pub fn states(&self) -> &States {
        &self.states
    }

    /// A whole state machine, checked by the validator (like the
    /// builder's `build()`).
    pub fn build(self) -> Result<StateMachine, InvalidMachine> {
        self.into_machine().validated()
    }

    /// A whole state machine, not validated (call
    /// [`StateMachine::validated`] or [`crate::validate()`] yourself).
    pub fn into_machine(self) -> StateMachine {
        StateMachine {
            comment: None,
            query_language: None,
            start_at: self.start_at,
            states: self.states,
            version: None,
            timeout_seconds: None,
            unknown_fields: crate::UnknownFields::new(),
        }
    }

    /// A Parallel branch.
    pub fn into_branch(self) -> Branch {
        Branch::builder()
            .start_at(self.start_at)
            .states(self.states)
            .build()
    }

    /// A Map item processor.
    pub fn into_item_processor(self) -> ItemProcessor {
        ItemProcessor::builder()
            .start_at(self.start_at)
            .states(self.states)
            .build()
    }
}
