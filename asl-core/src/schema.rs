//! The JSON Schema of a whole definition, generated from the model by
//! `schemars`.

/// The JSON Schema (draft 2020-12) of a state machine definition.
///
/// ```
/// let schema = asl_core::schema::state_machine();
/// assert_eq!(schema["title"], "StateMachine");
/// assert!(schema["required"].as_array().unwrap().iter().any(|f| f == "StartAt"));
/// ```
pub fn state_machine() -> serde_json::Value {
    schemars::schema_for!(crate::StateMachine).to_value()
}
