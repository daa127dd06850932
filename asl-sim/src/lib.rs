//! Run AWS Step Functions state machines in-process, with mocked services.
//!
//! (The interpreter's public API is documented here once it lands.)

mod data;
mod failure;
mod jsonata;
mod rng;

pub use failure::Failure;
pub use rng::Rng;
