//! # asl-model
//!
//! The Amazon States Language model that the rest of asl-kit is built on:
//! one Rust type per ASL concept, the lenient reader that turns JSON into
//! those types with a JSON pointer for every problem, diagnostics in AWS's
//! vocabulary, IAM statement types, and the [`integration`] seam that service
//! integrations (asl-bedrock, …) implement.
//!
//! Most users want [asl-core](https://docs.rs/asl-core), which re-exports all
//! of this and adds the parser entry points, the validator, the registry of
//! integrations, IAM generation and diagrams. Integration crates depend on
//! this crate only, so that asl-core can list them in its registry.

#![deny(missing_docs)]

pub mod arn;
#[doc(hidden)]
pub mod de;
mod diagnostic;
mod dynamic;
mod error;
pub mod iam;
pub mod integration;
#[doc(hidden)]
pub mod json;
pub mod pointer;
mod retry;
mod states;
mod value;
#[doc(hidden)]
pub mod vocabulary;

pub use diagnostic::{codes, Diagnostic, Severity};
pub use dynamic::{Dynamic, NotJsonata};
pub use error::{Category, Error};
pub use retry::{Catcher, JitterStrategy, Retrier, STATES_ALL};
pub use states::*;
pub use value::{
    is_substitution, Assign, DynamicField, Jsonata, Null, OrNull, Path, PayloadTemplate,
    ReferencePath, UnknownFields,
};
#[doc(hidden)]
pub use value::{walk, Node};

/// The states of a machine, branch or processor, by name, in document order.
pub type States = indexmap::IndexMap<String, State>;

/// The kind of state machine being deployed or validated: it changes which
/// integrations are allowed (EXPRESS has no `.sync` nor activities).
pub type MachineType = ExecutionType;
