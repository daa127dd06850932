//! asl-kit: type-safe AWS Step Functions state machines.
pub use asl_bedrock as bedrock;
pub use asl_core as core;
