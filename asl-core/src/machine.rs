//! The top level of a definition.

use crate::{QueryLanguage, States};
use asl_model::de::{Cx, Obj};
use asl_model::json::Json;
use asl_model::pointer::Loc;
use asl_model::vocabulary::kinds::{Int, QueryLang, ReadObject, StateName, StatesMap, Text};
use schemars::JsonSchema;
use serde::Serialize;
use typed_builder::TypedBuilder;

asl_model::asl_object! {
/// A whole state machine definition: the document AWS calls an Amazon States
/// Language definition.
///
/// The builder's `build()` runs the validator: a machine built in Rust is
/// either valid or comes back as an [`InvalidMachine`] with its diagnostics.
///
/// ```
/// use asl_core::{StateMachine, Pass, Transition};
/// let machine = StateMachine::builder()
///     .start_at("Hello")
///     .states([("Hello".to_owned(), Pass::builder().build().into())])
///     .build()?;
/// assert_eq!(machine.to_string_compact(), r#"{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","End":true}}}"#);
///
/// let broken = StateMachine::builder()
///     .start_at("Hello")
///     .states([("Hello".to_owned(), Pass::builder().transition(Transition::next("Nowhere")).build().into())])
///     .build()
///     .unwrap_err();
/// let missing = broken.errors().find(|d| d.code == "MISSING_TRANSITION_TARGET").unwrap();
/// assert_eq!(missing.location, "/States/Hello/Next");
/// # Ok::<(), asl_core::InvalidMachine>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[builder(build_method(into = Result<StateMachine, InvalidMachine>))]
pub struct StateMachine {
    /// `Comment`: free text.
    comment: Option<String> = opt("Comment", Text),
    /// `QueryLanguage`: the default for every state (`JSONPath` when absent).
    query_language: Option<QueryLanguage> = opt("QueryLanguage", QueryLang),
    /// `StartAt`: the first state.
    start_at: String = req_silent("StartAt", StateName),
    /// `States`: every state, by name, in order.
    states: States = req_silent("States", StatesMap),
    /// `Version`: only `"1.0"` is defined.
    version: Option<String> = opt("Version", Text),
    /// `TimeoutSeconds`: the whole execution's timeout.
    timeout_seconds: Option<u64> = opt("TimeoutSeconds", Int<0>) builder(default, setter(strip_option)),
}
}

/// A machine that did not pass the validator: the machine itself and every
/// diagnostic (warnings included).
#[derive(Debug, Clone)]
pub struct InvalidMachine {
    machine: Box<StateMachine>,
    diagnostics: Vec<crate::Diagnostic>,
}

impl InvalidMachine {
    /// A machine with the diagnostics that make it invalid.
    pub(crate) fn new(machine: StateMachine, diagnostics: Vec<crate::Diagnostic>) -> Self {
        InvalidMachine {
            machine: Box::new(machine),
            diagnostics,
        }
    }

    /// Every diagnostic, errors and warnings, in document order.
    pub fn diagnostics(&self) -> &[crate::Diagnostic] {
        &self.diagnostics
    }

    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &crate::Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The machine as built, for inspection or to serialize anyway.
    pub fn into_machine(self) -> StateMachine {
        *self.machine
    }
}

impl std::fmt::Display for InvalidMachine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors: Vec<_> = self.errors().collect();
        write!(f, "invalid state machine ({} error(s))", errors.len())?;
        for e in errors {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidMachine {}

impl From<StateMachine> for Result<StateMachine, InvalidMachine> {
    /// Runs the validator (what the builder's `build()` does), after
    /// dropping the redundant query languages
    /// ([`StateMachine::without_redundant_query_languages`]).
    fn from(machine: StateMachine) -> Self {
        machine.without_redundant_query_languages().validated()
    }
}

/// A machine that passed the validator, with the warnings it gave (what
/// [`StateMachine::checked`] and [`crate::Chain::check`] return; `build()`
/// keeps only the machine).
#[derive(Debug, Clone)]
pub struct Built {
    /// The machine.
    pub machine: StateMachine,
    /// Every WARNING, in document order.
    pub warnings: Vec<crate::Diagnostic>,
}

impl StateMachine {
    /// Runs the validator with default options; returns the machine when it
    /// has no ERROR (warnings are allowed: [`StateMachine::checked`] returns
    /// them).
    pub fn validated(self) -> Result<Self, InvalidMachine> {
        self.checked().map(|built| built.machine)
    }

    /// [`StateMachine::validated`], with the warnings.
    ///
    /// ```
    /// use asl_core::{Pass, StateMachine};
    /// use serde_json::json;
    /// let built = StateMachine::builder()
    ///     .start_at("A")
    ///     .states([("A".to_owned(), Pass::builder().parameters(json!({"x": "$.y"})).build().into())])
    ///     .build()?
    ///     .checked()?;
    /// assert_eq!(built.warnings[0].code, "NO_DOLLAR");
    /// assert_eq!(built.warnings[0].location, "/States/A/Parameters/x");
    /// # Ok::<(), asl_core::InvalidMachine>(())
    /// ```
    pub fn checked(self) -> Result<Built, InvalidMachine> {
        let diagnostics = crate::validate(&self, &crate::validate::Options::default());
        if diagnostics.iter().any(crate::Diagnostic::is_error) {
            Err(InvalidMachine {
                machine: Box::new(self),
                diagnostics,
            })
        } else {
            Ok(Built {
                machine: self,
                warnings: diagnostics,
            })
        }
    }

    /// This machine without the `QueryLanguage` of each top-level state that
    /// only repeats the machine's own (what a typed task's
    /// `into_task(QueryLanguage::Jsonata)` writes, for a state that may sit
    /// in a JSONPath machine). The builders' `build()` and
    /// [`crate::Chain::build`] call it; a parsed definition keeps what it
    /// says unless you call it.
    ///
    /// ```
    /// use asl_core::{Pass, QueryLanguage, StateMachine};
    /// let pass = Pass::builder().query_language(QueryLanguage::Jsonata).build();
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start_at("A")
    ///     .states([("A".to_owned(), pass.into())])
    ///     .build()?;
    /// assert_eq!(
    ///     machine.to_string_compact(),
    ///     r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#
    /// );
    /// # Ok::<(), asl_core::InvalidMachine>(())
    /// ```
    #[must_use]
    pub fn without_redundant_query_languages(mut self) -> Self {
        if let Some(machine) = self.query_language {
            for state in self.states.values_mut() {
                let own = state.query_language_mut();
                if *own == Some(machine) {
                    *own = None;
                }
            }
        }
        self
    }

    /// Compact JSON.
    pub fn to_string_compact(&self) -> String {
        crate::ser::to_string(self)
    }

    /// Pretty JSON, two-space indented, in canonical field order.
    pub fn to_string_pretty(&self) -> String {
        crate::ser::to_string_pretty(self)
    }

    /// The definition as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        crate::ser::to_value(self)
    }

    /// Every state, nested ones included, with its JSON pointer, in document
    /// order (a state's nested states follow it).
    ///
    /// ```
    /// let m = asl_core::from_str(r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,
    ///   "Branches":[{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}]}}}"#).unwrap();
    /// let names: Vec<_> = m.walk().map(|s| s.pointer).collect();
    /// assert_eq!(names, ["/States/P", "/States/P/Branches/0/States/A"]);
    /// ```
    pub fn walk(&self) -> impl Iterator<Item = crate::StateRef<'_>> {
        crate::graph::walk(self)
    }
}

/// The document: `StartAt`, `States` and the machine-level fields. A
/// missing `StartAt` or `States` is reported once, for both.
pub(crate) fn read(cx: &mut Cx, v: Json) -> Option<StateMachine> {
    let loc = Loc::ROOT;
    let Json::Object(members) = v else {
        cx.err(loc, "definition must be a JSON object");
        return None;
    };
    let mut o = Obj(members);
    let missing: Vec<&str> = ["States", "StartAt"]
        .into_iter()
        .filter(|k| !o.has(k))
        .collect();
    if !missing.is_empty() {
        cx.err(
            loc,
            format!("these fields are required: [{}]", missing.join(", ")),
        );
    }
    Some(StateMachine::read_fields(cx, &mut o, loc))
}
