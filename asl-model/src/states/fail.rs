//! The Fail state.

use crate::vocabulary::kinds::*;
use crate::{Dynamic, Path};
use schemars::JsonSchema;
use serde::Serialize;
use typed_builder::TypedBuilder;

crate::asl_object! {
/// A Fail state: ends the execution (or branch, or iteration) with an error.
///
/// ```
/// use asl_core::{Fail, FailError, FailCause};
/// let fail = Fail::builder()
///     .error(FailError::Error("Order.Invalid".into()))
///     .cause(FailCause::CausePath(asl_core::Path::new("$.reason")))
///     .build();
/// let json = serde_json::to_value(&fail).unwrap();
/// assert_eq!(json["Error"], "Order.Invalid");
/// assert_eq!(json["CausePath"], "$.reason");
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct Fail {
    ..head,
    /// `Error` or `ErrorPath`.
    error: Option<FailError> = one_of,
    /// `Cause` or `CausePath`.
    cause: Option<FailCause> = one_of,
}
}

crate::one_of! {
/// The error name of a [`Fail`] state.
pub enum FailError {
    /// `Error`: a name, or JSONata.
    Error(Dynamic<String>) = ("Error", DynText, JsonataWhenExpression),
    /// `ErrorPath` (JSONPath): a reference path or string-returning intrinsic.
    ErrorPath(Path) = ("ErrorPath", PathText, JsonPath),
}
}

crate::one_of! {
/// The cause of a [`Fail`] state.
pub enum FailCause {
    /// `Cause`: text, or JSONata.
    Cause(Dynamic<String>) = ("Cause", DynText, JsonataWhenExpression),
    /// `CausePath` (JSONPath): a reference path or string-returning intrinsic.
    CausePath(Path) = ("CausePath", PathText, JsonPath),
}
}

macro_rules! from_text {
    ($($ty:ident::$variant:ident),*) => {$(
        /// The literal text (a `{% %}` string is a JSONata expression, a
        /// `${Name}` a substitution).
        impl From<&str> for $ty {
            fn from(s: &str) -> Self {
                $ty::$variant(Dynamic::from(s))
            }
        }
        /// As for `&str`.
        impl From<String> for $ty {
            fn from(s: String) -> Self {
                $ty::$variant(Dynamic::from(s.as_str()))
            }
        }
    )*};
}
from_text!(FailError::Error, FailCause::Cause);
