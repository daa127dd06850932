//! JSONata-mode values (rules L1–L4, K5): `{% %}` expressions, strings that
//! look like half-delimited expressions, and JSONPath-style `key.$` keys.

use super::variables::{ByState, Reads};
use crate::pointer::escape;
use crate::StateRef;
use crate::{
    codes, Condition, Diagnostic, Dynamic, FailCause, FailError, Heartbeat, ItemSelector, Items,
    Jsonata, MaxConcurrency, MaxInputBytesPerBatch, MaxItems, MaxItemsPerBatch, QueryLanguage,
    RoleArn, State, Timeout, ToleratedFailureCount, ToleratedFailurePercentage, WaitDuration,
};
use serde_json::Value;

/// What the `variables` rules need from the `{% %}` expressions of one
/// JSONata state that compile: the variables they read.
type Sites = Reads;

/// Checks every JSONata state; returns the variables each state's
/// expressions read, by state (states that read none are left out).
pub(super) fn check(states: &[StateRef<'_>], out: &mut Vec<Diagnostic>) -> ByState {
    let mut by_state = ByState::new();
    for s in states {
        if s.query_language != QueryLanguage::Jsonata {
            continue;
        }
        let p = s.pointer.as_str();
        arguments(out, p, s.state);
        let mut sites = Sites::default();
        let (values, typed) = collect(s.state);
        for (suffix, v) in values {
            value(out, &mut sites, &format!("{p}{suffix}"), v);
        }
        for (suffix, j) in typed {
            expression(out, &mut sites, &format!("{p}{suffix}"), j.as_str());
        }
        if !sites.is_empty() {
            by_state.insert(std::ptr::from_ref(s.state), sites);
        }
    }
    by_state
}

type Values<'a> = Vec<(String, &'a Value)>;
type Typed<'a> = Vec<(String, &'a Jsonata)>;

fn or<'a, T>(typed: &mut Typed<'a>, suffix: &str, v: &'a Dynamic<T>) {
    if let Dynamic::Jsonata(j) = v {
        typed.push((suffix.to_owned(), j));
    }
}

/// The JSON values and typed expressions of a JSONata state.
fn collect(state: &State) -> (Values<'_>, Typed<'_>) {
    let mut v: Values<'_> = Vec::new();
    let mut t: Typed<'_> = Vec::new();
    macro_rules! field {
        ($suffix:expr, $x:expr) => {
            if let Some(x) = $x {
                v.push(($suffix.to_owned(), x));
            }
        };
    }
    macro_rules! assign {
        ($suffix:expr, $x:expr) => {
            if let Some(x) = $x {
                for (k, val) in x {
                    v.push((format!("{}/{}", $suffix, escape(k)), val));
                }
            }
        };
    }
    match state {
        State::Task(x) => {
            field!("/Arguments", x.arguments.as_ref());
            field!("/Output", x.output.as_ref());
            assign!("/Assign", x.assign.as_ref());
            if let Some(Timeout::Seconds(o)) = &x.timeout {
                or(&mut t, "/TimeoutSeconds", o);
            }
            if let Some(Heartbeat::Seconds(o)) = &x.heartbeat {
                or(&mut t, "/HeartbeatSeconds", o);
            }
            if let Some(RoleArn::Value(o)) =
                x.credentials.as_ref().and_then(|c| c.role_arn.as_ref())
            {
                or(&mut t, "/Credentials/RoleArn", o);
            }
        }
        State::Pass(x) => {
            field!("/Output", x.output.as_ref());
            assign!("/Assign", x.assign.as_ref());
        }
        State::Succeed(x) => field!("/Output", x.output.as_ref()),
        State::Wait(x) => {
            field!("/Output", x.output.as_ref());
            assign!("/Assign", x.assign.as_ref());
            match &x.duration {
                WaitDuration::Seconds(o) => or(&mut t, "/Seconds", o),
                WaitDuration::Timestamp(o) => or(&mut t, "/Timestamp", o),
                _ => {}
            }
        }
        State::Fail(x) => {
            if let Some(FailError::Error(o)) = &x.error {
                or(&mut t, "/Error", o);
            }
            if let Some(FailCause::Cause(o)) = &x.cause {
                or(&mut t, "/Cause", o);
            }
        }
        State::Choice(x) => {
            field!("/Output", x.output.as_ref());
            assign!("/Assign", x.assign.as_ref());
            for (i, rule) in x.choices.iter().enumerate() {
                if let Condition::Jsonata(o) = &rule.condition {
                    or(&mut t, &format!("/Choices/{i}/Condition"), o);
                }
                field!(format!("/Choices/{i}/Output"), rule.output.as_ref());
                assign!(format!("/Choices/{i}/Assign"), rule.assign.as_ref());
            }
        }
        State::Parallel(x) => {
            field!("/Arguments", x.arguments.as_ref());
            field!("/Output", x.output.as_ref());
            assign!("/Assign", x.assign.as_ref());
        }
        State::Map(x) => {
            field!("/Output", x.output.as_ref());
            assign!("/Assign", x.assign.as_ref());
            if let Some(ItemSelector::ItemSelector(s)) = &x.item_selector {
                v.push(("/ItemSelector".to_owned(), s));
            }
            if let Some(Items::Items(o)) = &x.items {
                match o {
                    Dynamic::Jsonata(j) => t.push(("/Items".to_owned(), j)),
                    Dynamic::Value(items) => {
                        for (i, item) in items.iter().enumerate() {
                            v.push((format!("/Items/{i}"), item));
                        }
                    }
                    Dynamic::Substitution(_) | Dynamic::Path(_) => {}
                }
            }
            if let Some(MaxConcurrency::MaxConcurrency(o)) = &x.max_concurrency {
                or(&mut t, "/MaxConcurrency", o);
            }
            if let Some(ToleratedFailurePercentage::ToleratedFailurePercentage(o)) =
                &x.tolerated_failure_percentage
            {
                or(&mut t, "/ToleratedFailurePercentage", o);
            }
            if let Some(ToleratedFailureCount::ToleratedFailureCount(o)) =
                &x.tolerated_failure_count
            {
                or(&mut t, "/ToleratedFailureCount", o);
            }
            if let Some(r) = &x.item_reader {
                field!("/ItemReader/Arguments", r.arguments.as_ref());
                if let Some(MaxItems::MaxItems(o)) =
                    r.reader_config.as_ref().and_then(|c| c.max_items.as_ref())
                {
                    or(&mut t, "/ItemReader/ReaderConfig/MaxItems", o);
                }
            }
            if let Some(b) = &x.item_batcher {
                field!("/ItemBatcher/BatchInput", b.batch_input.as_ref());
                if let Some(MaxItemsPerBatch::MaxItemsPerBatch(o)) = &b.max_items_per_batch {
                    or(&mut t, "/ItemBatcher/MaxItemsPerBatch", o);
                }
                if let Some(MaxInputBytesPerBatch::MaxInputBytesPerBatch(o)) =
                    &b.max_input_bytes_per_batch
                {
                    or(&mut t, "/ItemBatcher/MaxInputBytesPerBatch", o);
                }
            }
            if let Some(w) = &x.result_writer {
                field!("/ResultWriter/Arguments", w.arguments.as_ref());
            }
        }
    }
    for (i, c) in state.catchers().iter().enumerate() {
        field!(format!("/Catch/{i}/Output"), c.output.as_ref());
        assign!(format!("/Catch/{i}/Assign"), c.assign.as_ref());
    }
    (v, t)
}

/// Walks a JSON value of a JSONata state.
fn value(out: &mut Vec<Diagnostic>, sites: &mut Sites, base: &str, v: &Value) {
    if base.ends_with(".$") {
        dollar_key(out, base);
    }
    if let Value::String(s) = v {
        string(out, sites, base, s);
    }
    super::walk::values(v, base, "", |node| {
        if node.key.is_some_and(|k| k.ends_with(".$")) {
            dollar_key(out, node.pointer);
        }
        if let Value::String(s) = node.value {
            string(out, sites, node.pointer, s);
        }
        true
    });
}

/// A `.$` key in a JSONata state: AWS accepts it as a literal key and
/// evaluates nothing, so it is a warning (the author likely meant JSONPath).
fn dollar_key(out: &mut Vec<Diagnostic>, loc: &str) {
    out.push(Diagnostic::warning(
        codes::QUERY_LANGUAGE_MISMATCH,
        loc,
        "in a JSONata state a key ending in '.$' is a literal key: its value is kept as written, not evaluated; to compute it, write the key without '.$' and a {% %} expression as its value",
    ));
}

fn string(out: &mut Vec<Diagnostic>, sites: &mut Sites, loc: &str, s: &str) {
    if Jsonata::is_expression(s) {
        expression(out, sites, loc, s);
        return;
    }
    let t = s.trim();
    if t.starts_with("{%") || t.ends_with("%}") {
        out.push(Diagnostic::warning(
            codes::INVALID_JSONATA,
            loc,
            "this string looks like a JSONata expression but is not delimited by '{%' at the start and '%}' at the end, so it is used as a literal string",
        ));
    }
}

/// Checks that one `{% %}` expression compiles (with [`crate::jsonata`]).
fn expression(out: &mut Vec<Diagnostic>, sites: &mut Sites, loc: &str, delimited: &str) {
    let Some(expr) = crate::jsonata::strip_delimiters(delimited) else {
        return;
    };
    match crate::jsonata::parse(expr) {
        Ok(ast) => super::variables::jsonata_reads(&ast, expr, loc, sites),
        Err(e) => out.push(Diagnostic::error(
            codes::INVALID_JSONATA,
            loc,
            format!("the JSONata expression does not compile: {e}"),
        )),
    }
}

/// `Arguments` is an object or a `{% %}` expression (rule L3).
fn arguments(out: &mut Vec<Diagnostic>, p: &str, state: &State) {
    let args = match state {
        State::Task(t) => t.arguments.as_ref(),
        State::Parallel(x) => x.arguments.as_ref(),
        _ => None,
    };
    match args {
        None | Some(Value::Object(_)) => {}
        Some(Value::String(s)) if Jsonata::is_expression(s) => {}
        Some(other) => out.push(super::schema(
            format!("{p}/Arguments"),
            format!(
                "'Arguments' must be an object or a {{% %}} expression, not {}",
                match other {
                    Value::String(_) => "a plain string",
                    Value::Array(_) => "an array",
                    Value::Number(_) => "a number",
                    Value::Bool(_) => "a boolean",
                    _ => "null",
                }
            ),
        )),
    }
}
