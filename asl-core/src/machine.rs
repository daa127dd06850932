//! The top level of a definition.

use crate::{QueryLanguage, States, UnknownFields};
use asl_model::de::{Cx, Obj};
use asl_model::pointer::Loc;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use typed_builder::TypedBuilder;

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
#[serde(rename_all = "PascalCase")]
#[builder(build_method(into = Result<StateMachine, InvalidMachine>))]
pub struct StateMachine {
    /// `Comment`: free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// `QueryLanguage`: the default for every state (`JSONPath` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub query_language: Option<QueryLanguage>,
    /// `StartAt`: the first state.
    #[builder(setter(into))]
    pub start_at: String,
    /// `States`: every state, by name, in order.
    #[builder(setter(into))]
    pub states: States,
    /// `Version`: only `"1.0"` is defined.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub version: Option<String>,
    /// `TimeoutSeconds`: the whole execution's timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(strip_option))]
    pub timeout_seconds: Option<u64>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

/// A machine that did not pass the validator: the machine itself and every
/// diagnostic (warnings included).
#[derive(Debug, Clone)]
pub struct InvalidMachine {
    machine: Box<StateMachine>,
    diagnostics: Vec<crate::Diagnostic>,
}

impl InvalidMachine {
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
    /// Runs the validator (what the builder's `build()` does).
    fn from(machine: StateMachine) -> Self {
        machine.validated()
    }
}

impl StateMachine {
    /// Runs the validator with default options; returns the machine when it
    /// has no ERROR (warnings are allowed).
    pub fn validated(self) -> Result<Self, InvalidMachine> {
        let diagnostics = crate::validate(&self, &crate::validate::Options::default());
        if diagnostics.iter().any(crate::Diagnostic::is_error) {
            Err(InvalidMachine {
                machine: Box::new(self),
                diagnostics,
            })
        } else {
            Ok(self)
        }
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
    pub fn walk(&self) -> impl Iterator<Item = crate::graph::StateRef<'_>> {
        crate::graph::walk(self)
    }
}

/// The document: `StartAt`, `States` and the machine-level fields.
pub(crate) fn read(cx: &mut Cx, v: Value) -> Option<StateMachine> {
    let loc = Loc::ROOT;
    let Value::Object(map) = v else {
        cx.err(loc, "definition must be a JSON object");
        return None;
    };
    let mut o = Obj(map.into_iter().collect());
    if !o.has("StartAt") || !o.has("States") {
        let mut missing = Vec::new();
        if !o.has("States") {
            missing.push("States");
        }
        if !o.has("StartAt") {
            missing.push("StartAt");
        }
        cx.err(
            loc,
            format!("these fields are required: [{}]", missing.join(", ")),
        );
    }
    let comment = cx.opt(&mut o, loc, "Comment", Cx::string);
    let query_language = cx.opt(&mut o, loc, "QueryLanguage", Cx::query_language);
    let start_at = o
        .take("StartAt")
        .and_then(|v| cx.string(v, loc.key("StartAt")))
        .unwrap_or_default();
    let states = o
        .take("States")
        .map(|v| cx.states(v, loc.key("States")))
        .unwrap_or_default();
    let version = cx.opt(&mut o, loc, "Version", Cx::string);
    let timeout_seconds = cx.opt(&mut o, loc, "TimeoutSeconds", |cx, v, l| {
        cx.uint(v, l, "a non-negative integer")
    });
    Some(StateMachine {
        comment,
        query_language,
        start_at,
        states,
        version,
        timeout_seconds,
        unknown_fields: o.rest(),
    })
}
