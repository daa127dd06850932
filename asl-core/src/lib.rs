//! # asl-core
//!
//! The Amazon States Language (the JSON language of AWS Step Functions) as
//! Rust types: one type per ASL concept, a lossless parser with precise error
//! locations, a serializer with a stable field order, typed builders, and the
//! machinery the validator, the IAM generator and the diagrams build on.
//!
//! ```
//! use asl_core::{Chain, Task, Succeed};
//! use serde_json::json;
//!
//! let machine = Chain::start(
//!         "Invoke",
//!         Task::builder()
//!             .resource("arn:aws:states:::lambda:invoke")
//!             .parameters(json!({"FunctionName": "my-fn", "Payload.$": "$"}))
//!             .build(),
//!     )
//!     .next("Done", Succeed::builder().build())
//!     .build()?; // runs the validator
//!
//! let text = machine.to_string_pretty();
//! let back = asl_core::from_str(&text)?;
//! assert_eq!(back, machine);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Map of the crate
//!
//! | ASL concept | type |
//! |---|---|
//! | the document | [`StateMachine`] |
//! | a state | [`State`]: [`Task`], [`Pass`], [`Choice`], [`Wait`], [`Succeed`], [`Fail`], [`Parallel`], [`Map`] |
//! | `Next` / `End` | [`Transition`] |
//! | Choice rules | [`ChoiceRule`], [`Condition`], [`BoolExpr`], [`Comparison`], [`Comparator`] |
//! | `Retry` / `Catch` | [`Retrier`], [`Catcher`] |
//! | paths | [`Path`], [`ReferencePath`] |
//! | payload templates | [`PayloadTemplate`] |
//! | JSONata | [`Jsonata`], [`Dynamic`] |

#![deny(missing_docs)]

pub use asl_model::*;

pub mod build_support;
mod chain;
pub mod condition;
pub mod diagram;
mod graph;
pub mod iam;
pub mod integration;
mod locate;
mod machine;
mod parse;
mod scan;
pub mod schema;
mod ser;
pub mod validate;

/// The grammars' syntax trees: private, except to the fuzz targets and the
/// grammar conformance example (the `fuzzing` feature, not a public API).
macro_rules! internal {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[cfg(feature = "fuzzing")]
        #[doc(hidden)]
        pub mod $name;
        // Without the feature, the parts only the fuzz targets call are unused.
        #[cfg(not(feature = "fuzzing"))]
        #[allow(dead_code, unused_imports)]
        mod $name;
    )*};
}
internal!(
    /// JSONata: parser and checks.
    jsonata,
);

// The syntax trees of JSONPath and of intrinsic functions: read by the
// simulator (`asl-sim`) to evaluate what the validator checked, so that both
// use one grammar. Not a stable API; hidden from the docs.
#[doc(hidden)]
pub mod intrinsic;
#[doc(hidden)]
pub mod path;

pub use chain::{Chain, Choices, InvalidChain};
pub use graph::StateRef;
pub use machine::{Built, InvalidMachine, StateMachine};
pub use parse::{from_slice, from_str, from_value, parse_lenient, Lenient};
pub use ser::{to_string, to_string_pretty, to_value};
pub use validate::{validate, validate_slice, validate_str, Options, Report};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
