//! Flows without writing each `Next` by hand, like the CDK's `.next()`:
//! sequences, reusable fragments, and Choice branches that join again.

use crate::{
    codes, Branch, Built, ChoiceRule, Condition, Diagnostic, InvalidMachine, ItemProcessor,
    QueryLanguage, State, StateMachine, States, Transition,
};
use std::fmt;

/// Builds a flow, setting each state's `Next` to the state added after it.
/// The last state keeps its own transition (`End` by default). States added
/// with [`Chain::with_state`] are not linked (use them for error handlers and
/// Choice targets).
///
/// ```
/// use asl_core::{Chain, Pass, Succeed};
/// let machine = Chain::start("A", Pass::builder().build())
///     .next("B", Pass::builder().build())
///     .next("Done", Succeed::builder().build())
///     .comment("Three steps")
///     .timeout_seconds(300)
///     .build()?;
/// let json = machine.to_value();
/// assert_eq!(json["StartAt"], "A");
/// assert_eq!(json["States"]["A"]["Next"], "B");
/// assert_eq!(json["States"]["B"]["Next"], "Done");
/// assert_eq!(json["TimeoutSeconds"], 300);
/// # Ok::<(), asl_core::InvalidMachine>(())
/// ```
///
/// A name may be added once. Adding it again keeps the first state, and
/// `build()` (and [`Chain::into_branch`], [`Chain::into_item_processor`])
/// report `DUPLICATE_STATE_NAME`, so no state is replaced without a word:
///
/// ```
/// use asl_core::{Chain, Fail, Succeed};
/// let err = Chain::start("Done", Succeed::builder().build())
///     .with_state("Done", Fail::builder().build())
///     .build()
///     .unwrap_err();
/// let d = err.errors().next().unwrap();
/// assert_eq!((d.code, d.location.as_str()), ("DUPLICATE_STATE_NAME", "/States/Done"));
/// ```
#[derive(Debug, Clone)]
pub struct Chain {
    start_at: String,
    states: States,
    /// The states the next `.next()` links: the last one added, or the open
    /// ends of the branches of a [`Chain::choice`].
    ends: Vec<String>,
    comment: Option<String>,
    query_language: Option<QueryLanguage>,
    timeout_seconds: Option<u64>,
    /// Names added twice, as diagnostics.
    problems: Vec<Diagnostic>,
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
            ends: vec![name],
            comment: None,
            query_language: None,
            timeout_seconds: None,
            problems: Vec::new(),
        }
    }

    /// Appends a state and points the previous one's `Next` at it (after a
    /// [`Chain::choice`], the `Next` of every branch's last state: the join).
    /// A previous Choice, Succeed or Fail state has no `Next` and is left as
    /// it is.
    pub fn next(mut self, name: impl Into<String>, state: impl Into<State>) -> Self {
        let name = name.into();
        self.link_ends(&name);
        self.insert(name.clone(), state.into());
        self.ends = vec![name];
        self
    }

    /// Adds a state outside the chain (an error handler, a Choice target).
    pub fn with_state(mut self, name: impl Into<String>, state: impl Into<State>) -> Self {
        self.insert(name.into(), state.into());
        self
    }

    /// Appends a whole fragment: the previous state's `Next` is the
    /// fragment's first state, and the fragment's end is the chain's end. A
    /// state name both already have is reported (`DUPLICATE_STATE_NAME`);
    /// give a reused fragment its own names with [`Chain::prefixed`].
    ///
    /// ```
    /// use asl_core::{Chain, Pass, Succeed};
    /// fn audit() -> Chain {
    ///     Chain::start("Record", Pass::builder().build()).next("Notify", Pass::builder().build())
    /// }
    /// let machine = Chain::start("Begin", Pass::builder().build())
    ///     .then(audit().prefixed("First "))
    ///     .then(audit().prefixed("Second "))
    ///     .next("Done", Succeed::builder().build())
    ///     .build()?;
    /// let names: Vec<&str> = machine.states.keys().map(String::as_str).collect();
    /// assert_eq!(names, ["Begin", "First Record", "First Notify", "Second Record", "Second Notify", "Done"]);
    /// assert_eq!(machine.to_value()["States"]["First Notify"]["Next"], "Second Record");
    /// # Ok::<(), asl_core::InvalidMachine>(())
    /// ```
    pub fn then(mut self, fragment: Chain) -> Self {
        self.link_ends(&fragment.start_at);
        self.merge(fragment.states);
        self.problems.extend(fragment.problems);
        self.ends = fragment.ends;
        self
    }

    /// Appends a Choice state named `name` whose rules lead to the branches
    /// of `choices`. The branches' states join the chain, and the next
    /// [`Chain::next`] or [`Chain::then`] is where every branch goes
    /// afterwards (the CDK's `afterwards()`): the last state of each branch
    /// that has a `Next` to set.
    ///
    /// ```
    /// use asl_core::condition::{numeric_greater_than, string_equals};
    /// use asl_core::{Chain, Choices, Pass};
    /// let machine = Chain::start("Classify", Pass::builder().build())
    ///     .choice(
    ///         "Route",
    ///         Choices::new()
    ///             .when(string_equals("$.kind", "book"), Chain::start("Book", Pass::builder().build()))
    ///             .when(numeric_greater_than("$.weight", 20), Chain::start("Heavy", Pass::builder().build()))
    ///             .otherwise(Chain::start("Parcel", Pass::builder().build())),
    ///     )
    ///     .next("Ship", Pass::builder().build())
    ///     .build()?;
    /// let json = machine.to_value();
    /// assert_eq!(json["States"]["Classify"]["Next"], "Route");
    /// assert_eq!(json["States"]["Route"]["Choices"][1]["Next"], "Heavy");
    /// assert_eq!(json["States"]["Route"]["Default"], "Parcel");
    /// for branch in ["Book", "Heavy", "Parcel"] {
    ///     assert_eq!(json["States"][branch]["Next"], "Ship");
    /// }
    /// # Ok::<(), asl_core::InvalidMachine>(())
    /// ```
    pub fn choice(mut self, name: impl Into<String>, choices: Choices) -> Self {
        let name = name.into();
        self.link_ends(&name);
        let mut rules = Vec::with_capacity(choices.rules.len());
        let mut branches = Vec::with_capacity(choices.rules.len() + 1);
        for (condition, branch) in choices.rules {
            rules.push(
                ChoiceRule::builder()
                    .condition(condition)
                    .next(branch.start_at.clone())
                    .build(),
            );
            branches.push(branch);
        }
        let default = choices.otherwise.map(|b| {
            let start = b.start_at.clone();
            branches.push(b);
            start
        });
        let mut choice = crate::Choice::builder().choices(rules).build();
        choice.default = default;
        self.insert(name, choice.into());
        self.ends = Vec::new();
        for b in branches {
            self.merge(b.states);
            self.problems.extend(b.problems);
            self.ends.extend(b.ends);
        }
        self
    }

    /// The same flow with `prefix` before every state name (nested branch
    /// and processor states included) and every transition renamed to
    /// match: a fragment used twice gets two sets of names.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        let rename = |name: &str| format!("{prefix}{name}");
        self.start_at = rename(&self.start_at);
        for end in &mut self.ends {
            *end = rename(end);
        }
        for d in &mut self.problems {
            if let Some(name) = d.location.strip_prefix("/States/") {
                d.location = format!("/States/{}", rename(name));
            }
        }
        // Every scope, the chain's own and the nested ones, with an
        // explicit stack.
        let mut stack: Vec<&mut States> = vec![&mut self.states];
        while let Some(states) = stack.pop() {
            let old = std::mem::take(states);
            *states = old
                .into_iter()
                .map(|(name, mut state)| {
                    rename_targets(&mut state, &rename);
                    (rename(&name), state)
                })
                .collect();
            for state in states.values_mut() {
                match state {
                    State::Parallel(p) => {
                        for b in &mut p.branches {
                            b.start_at = rename(&b.start_at);
                            stack.push(&mut b.states);
                        }
                    }
                    State::Map(m) => {
                        let p = m.processor.processor_mut();
                        p.start_at = rename(&p.start_at);
                        stack.push(&mut p.states);
                    }
                    _ => {}
                }
            }
        }
        self
    }

    /// The machine's `Comment`.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// The machine's `QueryLanguage`, the default of every state.
    pub fn query_language(mut self, query_language: QueryLanguage) -> Self {
        self.query_language = Some(query_language);
        self
    }

    /// The machine's `TimeoutSeconds`.
    pub fn timeout_seconds(mut self, seconds: u64) -> Self {
        self.timeout_seconds = Some(seconds);
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
    /// builder's `build()`), with the names the chain was given twice.
    pub fn build(self) -> Result<StateMachine, InvalidMachine> {
        self.check().map(|built| built.machine)
    }

    /// [`Chain::build`], with the validator's warnings.
    ///
    /// ```
    /// use asl_core::{Chain, Pass};
    /// use serde_json::json;
    /// let built = Chain::start("A", Pass::builder().parameters(json!({"x": "$.y"})).build()).check()?;
    /// assert_eq!(built.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), ["NO_DOLLAR"]);
    /// # Ok::<(), asl_core::InvalidMachine>(())
    /// ```
    pub fn check(self) -> Result<Built, InvalidMachine> {
        let problems = self.problems.clone();
        let machine = self.into_machine().without_redundant_query_languages();
        if problems.is_empty() {
            return machine.checked();
        }
        let mut diagnostics = problems;
        diagnostics.extend(crate::validate(&machine, &crate::Options::default()));
        Err(InvalidMachine::new(machine, diagnostics))
    }

    /// A whole state machine, not validated (call
    /// [`StateMachine::validated`] or [`crate::validate()`] yourself). A name
    /// given twice kept its first state; only [`Chain::build`] says so.
    pub fn into_machine(self) -> StateMachine {
        StateMachine {
            comment: self.comment,
            query_language: self.query_language,
            start_at: self.start_at,
            states: self.states,
            version: None,
            timeout_seconds: self.timeout_seconds,
            unknown_fields: crate::UnknownFields::new(),
        }
    }

    /// A Parallel branch; the names given twice are an error.
    pub fn into_branch(self) -> Result<Branch, InvalidChain> {
        let (start_at, states) = self.into_scope()?;
        Ok(Branch::builder().start_at(start_at).states(states).build())
    }

    /// A Map item processor; the names given twice are an error.
    pub fn into_item_processor(self) -> Result<ItemProcessor, InvalidChain> {
        let (start_at, states) = self.into_scope()?;
        Ok(ItemProcessor::builder()
            .start_at(start_at)
            .states(states)
            .build())
    }

    fn into_scope(self) -> Result<(String, States), InvalidChain> {
        if self.problems.is_empty() {
            Ok((self.start_at, self.states))
        } else {
            Err(InvalidChain {
                diagnostics: self.problems,
            })
        }
    }

    /// Points the `Next` of every open end at `target`.
    fn link_ends(&mut self, target: &str) {
        for end in &self.ends {
            if let Some(t) = self.states.get_mut(end).and_then(State::transition_mut) {
                *t = Transition::Next(target.to_owned());
            }
        }
    }

    /// Adds a state; a name already there keeps its first state and is
    /// reported.
    fn insert(&mut self, name: String, state: State) {
        if let Some(first) = self.states.get(&name) {
            self.problems.push(Diagnostic::error(
                codes::DUPLICATE_STATE_NAME,
                format!("/States/{}", crate::pointer::escape(&name)),
                format!(
                    "the state name '{name}' is given twice: the chain keeps the first ({} state) and leaves out the second ({} state); give one of them another name",
                    first.type_name(),
                    state.type_name()
                ),
            ));
            return;
        }
        self.states.insert(name, state);
    }

    fn merge(&mut self, states: States) {
        for (name, state) in states {
            self.insert(name, state);
        }
    }
}

/// Renames the states a state moves to (`Next`, Choice rules and
/// `Default`, catchers), not the ones in its nested scopes.
fn rename_targets(state: &mut State, rename: &impl Fn(&str) -> String) {
    if let Some(Transition::Next(n)) = state.transition_mut() {
        *n = rename(n);
    }
    let catchers = match state {
        State::Choice(c) => {
            for rule in &mut c.choices {
                rule.next = rename(&rule.next);
            }
            if let Some(d) = &mut c.default {
                *d = rename(d);
            }
            None
        }
        State::Task(s) => s.catch.as_mut(),
        State::Parallel(s) => s.catch.as_mut(),
        State::Map(s) => s.catch.as_mut(),
        _ => None,
    };
    for c in catchers.into_iter().flatten() {
        c.next = rename(&c.next);
    }
}

/// The branches of [`Chain::choice`]: a chain per condition, tried in
/// order, and the chain for when none holds (example there).
#[derive(Debug, Clone, Default)]
pub struct Choices {
    rules: Vec<(Condition, Chain)>,
    otherwise: Option<Chain>,
}

impl Choices {
    /// No branches yet.
    pub fn new() -> Self {
        Choices::default()
    }

    /// When `condition` holds, `branch` runs. The condition is a JSONPath
    /// one (see [`crate::condition`]) or a JSONata one
    /// ([`crate::condition::jsonata`]).
    pub fn when(mut self, condition: impl Into<Condition>, branch: Chain) -> Self {
        self.rules.push((condition.into(), branch));
        self
    }

    /// When no condition holds, `branch` runs (the Choice's `Default`).
    /// Without it, an execution that matches no rule fails with
    /// `States.NoChoiceMatched`.
    pub fn otherwise(mut self, branch: Chain) -> Self {
        self.otherwise = Some(branch);
        self
    }
}

/// A chain that gave a state name twice, as [`Chain::into_branch`] and
/// [`Chain::into_item_processor`] report it.
///
/// ```
/// use asl_core::{Chain, Pass};
/// let err = Chain::start("A", Pass::builder().build())
///     .next("A", Pass::builder().build())
///     .into_branch()
///     .unwrap_err();
/// assert_eq!(err.diagnostics()[0].code, "DUPLICATE_STATE_NAME");
/// ```
#[derive(Debug, Clone)]
pub struct InvalidChain {
    diagnostics: Vec<Diagnostic>,
}

impl InvalidChain {
    /// The `DUPLICATE_STATE_NAME` errors, one per name given again.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for InvalidChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the chain is not valid:")?;
        for d in &self.diagnostics {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidChain {}
