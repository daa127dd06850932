//! The groups of fields several states share, each written once. A state
//! declaration names a group with `..group` among its fields (see
//! [`declare`](crate::vocabulary::declare)); the group's fields stand there,
//! in the order given here, which is their serialized order.

/// The groups of fields: `state_fields! { group (…) rest }`, with `(…)` what
/// `asl_object!` has gathered so far and `rest` the fields after the group,
/// hands both back to `asl_object!` with the group's fields in between. A
/// group may name another.
#[doc(hidden)]
#[macro_export]
macro_rules! state_fields {
    // `Comment` and `QueryLanguage`: the first fields of every state, branch
    // and item processor.
    (head $state:tt $rest:tt) => { $crate::state_fields! { @give $state $rest
        /// `Comment`: free text.
        comment: Option<String> = opt("Comment", Text),
        /// `QueryLanguage`: overrides the machine's query language for this state.
        query_language: Option<$crate::QueryLanguage> = opt("QueryLanguage", QueryLang),
    } };
    // A Task's or a Parallel's input, request and result: `InputPath`,
    // `Parameters`, `Arguments`, then the results.
    (data_flow $state:tt $rest:tt) => { $crate::state_fields! { @give $state $rest
        /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
        input_path: Option<Option<$crate::Path>> = opt("InputPath", NullablePath, JsonPath),
        /// `Parameters` (JSONPath): a payload template (for a Task, the request).
        parameters: Option<$crate::PayloadTemplate> = opt("Parameters", Template, JsonPath),
        /// `Arguments` (JSONata): an object or a `{% %}` expression (for a Task, the request).
        arguments: Option<::serde_json::Value> = opt("Arguments", AnyJson, Jsonata),
        ..results,
    } };
    // What a state that does work makes of its result: `ResultSelector`,
    // `ResultPath`, then the output.
    (results $state:tt $rest:tt) => { $crate::state_fields! { @give $state $rest
        /// `ResultSelector` (JSONPath): reshapes the raw result.
        result_selector: Option<$crate::PayloadTemplate> = opt("ResultSelector", Template, JsonPath),
        /// `ResultPath` (JSONPath): where the result goes in the input; `null` discards it.
        result_path: Option<Option<$crate::ReferencePath>> = opt("ResultPath", NullableRefPath, JsonPath),
        ..output,
    } };
    // A state's output and variables: `OutputPath`, `Output`, `Assign`.
    (output $state:tt $rest:tt) => { $crate::state_fields! { @give $state $rest
        /// `OutputPath` (JSONPath): selects the part of the output to pass on; `null` means `{}`.
        output_path: Option<Option<$crate::Path>> = opt("OutputPath", NullablePath, JsonPath),
        /// `Output` (JSONata): the state's output.
        output: Option<::serde_json::Value> = opt("Output", AnyJson, Jsonata),
        /// `Assign`: variables to set.
        assign: Option<$crate::Assign> = opt("Assign", Variables),
    } };
    // A state's error handling: `Retry`, then `Catch`.
    (errors $state:tt $rest:tt) => { $crate::state_fields! { @give $state $rest
        /// `Retry`: retriers, tried in order.
        retry: Option<Vec<$crate::Retrier>> = opt("Retry", List<$crate::Retrier>),
        /// `Catch`: catchers, tried in order once retries are exhausted.
        catch: Option<Vec<$crate::Catcher>> = opt("Catch", List<$crate::Catcher>),
    } };
    (@give ($($state:tt)*) ($($rest:tt)*) $($fields:tt)*) => {
        $crate::asl_object! { @munch $($state)* $($fields)* $($rest)* }
    };
}
