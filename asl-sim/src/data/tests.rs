//! Unit tests of the JSONPath data flow.
