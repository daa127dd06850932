//! Unknown fields, fields that exclude each other, and the field sets of the
//! two query languages (rules A3, A6, B4, K5).

use super::schema;
use crate::pointer::escape;
use crate::{
    codes, BoolExpr, Catcher, Choice, Condition, Diagnostic, FailCause, FailError, Heartbeat,
    ItemSelector, Items, MaxConcurrency, NestedRule, QueryLanguage, Retrier, RoleArn, State,
    StateMachine, Timeout, ToleratedFailureCount, ToleratedFailurePercentage, UnknownFields,
    WaitDuration,
};
use crate::{Dynamic, MaxInputBytesPerBatch, MaxItems, MaxItemsPerBatch};

/// A field the model kept, and the group of fields that exclude it.
type Group<'a> = (&'a str, &'a [&'a str]);

const TIMEOUT: &[&str] = &["TimeoutSeconds", "TimeoutSecondsPath"];
const HEARTBEAT: &[&str] = &["HeartbeatSeconds", "HeartbeatSecondsPath"];
const ERROR: &[&str] = &["Error", "ErrorPath"];
const CAUSE: &[&str] = &["Cause", "CausePath"];
const WAIT: &[&str] = &["Seconds", "Timestamp", "SecondsPath", "TimestampPath"];
const PROCESSOR: &[&str] = &["ItemProcessor", "Iterator"];
const ITEMS: &[&str] = &["ItemsPath", "Items"];
const SELECTOR: &[&str] = &["ItemSelector", "Parameters"];
const CONCURRENCY: &[&str] = &["MaxConcurrency", "MaxConcurrencyPath"];
const PERCENTAGE: &[&str] = &[
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
];
const COUNT: &[&str] = &["ToleratedFailureCount", "ToleratedFailureCountPath"];
const ROLE: &[&str] = &["RoleArn", "RoleArn.$"];
const MAX_ITEMS: &[&str] = &["MaxItems", "MaxItemsPath"];
const PER_BATCH: &[&str] = &["MaxItemsPerBatch", "MaxItemsPerBatchPath"];
const BYTES: &[&str] = &["MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"];

/// Reports every unknown field under `base`: a conflict when it belongs to
/// a group whose kept member is present, "not supported" otherwise.
pub(super) fn unknown(
    out: &mut Vec<Diagnostic>,
    base: &str,
    fields: &UnknownFields,
    groups: &[Group<'_>],
) {
    for key in fields.keys() {
        let loc = format!("{base}/{}", escape(key));
        match groups
            .iter()
            .find(|(kept, g)| g.contains(&key.as_str()) && *kept != key.as_str())
        {
            Some((kept, _)) => out.push(schema(
                loc,
                format!("'{kept}' and '{key}' exclude each other; keep one"),
            )),
            None => out.push(schema(loc, format!("field '{key}' is not supported"))),
        }
    }
}

fn kept<T>(v: Option<&T>, name: impl Fn(&T) -> &'static str) -> &'static str {
    v.map_or("", name)
}

pub(super) fn check(machine: &StateMachine, out: &mut Vec<Diagnostic>) {
    unknown(out, "", &machine.unknown_fields, &[]);
    let root_jsonata = machine.query_language == Some(QueryLanguage::Jsonata);
    for s in machine.walk() {
        let p = s.pointer.as_str();
        let state = s.state;
        if root_jsonata && state.query_language() == Some(QueryLanguage::JsonPath) {
            out.push(schema(
                p,
                "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
            ));
        }
        match state {
            State::Task(t) => {
                let timeout = kept(t.timeout.as_ref(), |t| match t {
                    Timeout::Seconds(_) => "TimeoutSeconds",
                    Timeout::Path(_) => "TimeoutSecondsPath",
                });
                let heartbeat = kept(t.heartbeat.as_ref(), |h| match h {
                    Heartbeat::Seconds(_) => "HeartbeatSeconds",
                    Heartbeat::Path(_) => "HeartbeatSecondsPath",
                });
                unknown(
                    out,
                    p,
                    &t.unknown_fields,
                    &[(timeout, TIMEOUT), (heartbeat, HEARTBEAT)],
                );
                if let Some(c) = &t.credentials {
                    let role = kept(c.role_arn.as_ref(), |r| match r {
                        RoleArn::Value(_) => "RoleArn",
                        RoleArn::Path(_) => "RoleArn.$",
                    });
                    // `key.$` fields are payload-template fields, checked
                    // with the paths; anything else is unknown.
                    let rest: UnknownFields = c
                        .unknown_fields
                        .iter()
                        .filter(|(k, _)| !k.ends_with(".$") || ROLE.contains(&k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    unknown(out, &format!("{p}/Credentials"), &rest, &[(role, ROLE)]);
                }
            }
            State::Pass(x) => unknown(out, p, &x.unknown_fields, &[]),
            State::Succeed(x) => unknown(out, p, &x.unknown_fields, &[]),
            State::Choice(c) => choice(out, p, c),
            State::Wait(w) => {
                let k = match &w.duration {
                    WaitDuration::Seconds(_) => "Seconds",
                    WaitDuration::Timestamp(_) => "Timestamp",
                    WaitDuration::SecondsPath(_) => "SecondsPath",
                    WaitDuration::TimestampPath(_) => "TimestampPath",
                };
                unknown(out, p, &w.unknown_fields, &[(k, WAIT)]);
            }
            State::Fail(f) => {
                let e = kept(f.error.as_ref(), |e| match e {
                    FailError::Error(_) => "Error",
                    FailError::ErrorPath(_) => "ErrorPath",
                });
                let c = kept(f.cause.as_ref(), |c| match c {
                    FailCause::Cause(_) => "Cause",
                    FailCause::CausePath(_) => "CausePath",
                });
                unknown(out, p, &f.unknown_fields, &[(e, ERROR), (c, CAUSE)]);
            }
            State::Parallel(x) => {
                unknown(out, p, &x.unknown_fields, &[]);
                for (i, b) in x.branches.iter().enumerate() {
                    let bp = format!("{p}/Branches/{i}");
                    unknown(out, &bp, &b.unknown_fields, &[]);
                    if root_jsonata && b.query_language == Some(QueryLanguage::JsonPath) {
                        out.push(schema(bp, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"));
                    }
                }
            }
            State::Map(m) => map(out, p, m, root_jsonata),
        }
        for (i, r) in state.retriers().iter().enumerate() {
            retrier(out, &format!("{p}/Retry/{i}"), r);
        }
        for (i, c) in state.catchers().iter().enumerate() {
            catcher(out, &format!("{p}/Catch/{i}"), c);
        }
        languages(out, p, state, s.query_language);
    }
}

fn retrier(out: &mut Vec<Diagnostic>, p: &str, r: &Retrier) {
    unknown(out, p, &r.unknown_fields, &[]);
}

fn catcher(out: &mut Vec<Diagnostic>, p: &str, c: &Catcher) {
    unknown(out, p, &c.unknown_fields, &[]);
}

fn choice(out: &mut Vec<Diagnostic>, p: &str, c: &Choice) {
    unknown(out, p, &c.unknown_fields, &[]);
    // Top-level rules, then nested ones, with an explicit stack.
    let mut stack: Vec<(String, &BoolExpr, &UnknownFields)> = Vec::new();
    for (i, rule) in c.choices.iter().enumerate() {
        let rp = format!("{p}/Choices/{i}");
        match &rule.condition {
            Condition::Jsonata(_) => unknown(out, &rp, &rule.unknown_fields, &[]),
            Condition::JsonPath(e) => stack.push((rp, e, &rule.unknown_fields)),
        }
    }
    while let Some((rp, expr, fields)) = stack.pop() {
        let op = operator(expr);
        for key in fields.keys() {
            let loc = format!("{rp}/{}", escape(key));
            if is_operator(key) {
                out.push(schema(
                    loc,
                    format!("a choice rule can only have one comparison operator: '{op}' and '{key}' exclude each other"),
                ));
            } else {
                out.push(schema(loc, format!("field '{key}' is not supported")));
            }
        }
        let nested: Vec<(String, &NestedRule)> = match expr {
            BoolExpr::And(v) => v
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("{rp}/And/{i}"), r))
                .collect(),
            BoolExpr::Or(v) => v
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("{rp}/Or/{i}"), r))
                .collect(),
            BoolExpr::Not(r) => vec![(format!("{rp}/Not"), r.as_ref())],
            BoolExpr::Compare(_) => Vec::new(),
        };
        for (np, r) in nested.into_iter().rev() {
            stack.push((np, &r.expr, &r.unknown_fields));
        }
    }
}

fn operator(e: &BoolExpr) -> &'static str {
    match e {
        BoolExpr::And(_) => "And",
        BoolExpr::Or(_) => "Or",
        BoolExpr::Not(_) => "Not",
        BoolExpr::Compare(c) => c.operator.name(),
    }
}

fn is_operator(k: &str) -> bool {
    matches!(k, "And" | "Or" | "Not") || crate::Comparator::NAMES.contains(&k)
}

fn map(out: &mut Vec<Diagnostic>, p: &str, m: &crate::Map, root_jsonata: bool) {
    let items = kept(m.items.as_ref(), |i| match i {
        Items::ItemsPath(_) => "ItemsPath",
        Items::Items(_) => "Items",
    });
    let selector = kept(m.item_selector.as_ref(), |s| match s {
        ItemSelector::ItemSelector(_) => "ItemSelector",
        ItemSelector::Parameters(_) => "Parameters",
    });
    let concurrency = kept(m.max_concurrency.as_ref(), |c| match c {
        MaxConcurrency::MaxConcurrency(_) => "MaxConcurrency",
        MaxConcurrency::MaxConcurrencyPath(_) => "MaxConcurrencyPath",
    });
    let pct = kept(m.tolerated_failure_percentage.as_ref(), |c| match c {
        ToleratedFailurePercentage::ToleratedFailurePercentage(_) => "ToleratedFailurePercentage",
        ToleratedFailurePercentage::ToleratedFailurePercentagePath(_) => {
            "ToleratedFailurePercentagePath"
        }
    });
    let count = kept(m.tolerated_failure_count.as_ref(), |c| match c {
        ToleratedFailureCount::ToleratedFailureCount(_) => "ToleratedFailureCount",
        ToleratedFailureCount::ToleratedFailureCountPath(_) => "ToleratedFailureCountPath",
    });
    unknown(
        out,
        p,
        &m.unknown_fields,
        &[
            (m.processor.field_name(), PROCESSOR),
            (items, ITEMS),
            (selector, SELECTOR),
            (concurrency, CONCURRENCY),
            (pct, PERCENTAGE),
            (count, COUNT),
        ],
    );
    let proc = m.processor.processor();
    let pp = format!("{p}/{}", m.processor.field_name());
    unknown(out, &pp, &proc.unknown_fields, &[]);
    if root_jsonata && proc.query_language == Some(QueryLanguage::JsonPath) {
        out.push(schema(
            pp.as_str(),
            "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
        ));
    }
    if let Some(c) = &proc.processor_config {
        unknown(
            out,
            &format!("{pp}/ProcessorConfig"),
            &c.unknown_fields,
            &[],
        );
    }
    if let Some(r) = &m.item_reader {
        let rp = format!("{p}/ItemReader");
        unknown(out, &rp, &r.unknown_fields, &[]);
        if let Some(c) = &r.reader_config {
            let k = kept(c.max_items.as_ref(), |x| match x {
                MaxItems::MaxItems(_) => "MaxItems",
                MaxItems::MaxItemsPath(_) => "MaxItemsPath",
            });
            unknown(
                out,
                &format!("{rp}/ReaderConfig"),
                &c.unknown_fields,
                &[(k, MAX_ITEMS)],
            );
        }
    }
    if let Some(b) = &m.item_batcher {
        let a = kept(b.max_items_per_batch.as_ref(), |x| match x {
            MaxItemsPerBatch::MaxItemsPerBatch(_) => "MaxItemsPerBatch",
            MaxItemsPerBatch::MaxItemsPerBatchPath(_) => "MaxItemsPerBatchPath",
        });
        let c = kept(b.max_input_bytes_per_batch.as_ref(), |x| match x {
            MaxInputBytesPerBatch::MaxInputBytesPerBatch(_) => "MaxInputBytesPerBatch",
            MaxInputBytesPerBatch::MaxInputBytesPerBatchPath(_) => "MaxInputBytesPerBatchPath",
        });
        unknown(
            out,
            &format!("{p}/ItemBatcher"),
            &b.unknown_fields,
            &[(a, PER_BATCH), (c, BYTES)],
        );
    }
    if let Some(w) = &m.result_writer {
        let wp = format!("{p}/ResultWriter");
        unknown(out, &wp, &w.unknown_fields, &[]);
        if let Some(c) = &w.writer_config {
            unknown(out, &format!("{wp}/WriterConfig"), &c.unknown_fields, &[]);
        }
    }
}

/// A field present in a state, by pointer suffix, and the only query
/// language it belongs to.
struct Field {
    suffix: String,
    name: &'static str,
    only: QueryLanguage,
}

fn jp(suffix: impl Into<String>, name: &'static str) -> Field {
    Field {
        suffix: suffix.into(),
        name,
        only: QueryLanguage::JsonPath,
    }
}

fn ja(suffix: impl Into<String>, name: &'static str) -> Field {
    Field {
        suffix: suffix.into(),
        name,
        only: QueryLanguage::Jsonata,
    }
}

fn is_ja<T>(v: &Dynamic<T>) -> bool {
    matches!(v, Dynamic::Jsonata(_))
}

/// Pushes the JSONPath-only and JSONata-only fields of a state.
fn language_fields(state: &State) -> Vec<Field> {
    let mut f = Vec::new();
    macro_rules! common {
        ($s:expr) => {
            if $s.input_path.is_some() {
                f.push(jp("/InputPath", "InputPath"));
            }
            if $s.output_path.is_some() {
                f.push(jp("/OutputPath", "OutputPath"));
            }
            if $s.output.is_some() {
                f.push(ja("/Output", "Output"));
            }
        };
    }
    match state {
        State::Task(t) => {
            common!(t);
            if t.parameters.is_some() {
                f.push(jp("/Parameters", "Parameters"));
            }
            if t.result_selector.is_some() {
                f.push(jp("/ResultSelector", "ResultSelector"));
            }
            if t.result_path.is_some() {
                f.push(jp("/ResultPath", "ResultPath"));
            }
            if t.arguments.is_some() {
                f.push(ja("/Arguments", "Arguments"));
            }
            match &t.timeout {
                Some(Timeout::Path(_)) => f.push(jp("/TimeoutSecondsPath", "TimeoutSecondsPath")),
                Some(Timeout::Seconds(v)) if is_ja(v) => {
                    f.push(ja("/TimeoutSeconds", "a JSONata 'TimeoutSeconds'"))
                }
                _ => {}
            }
            match &t.heartbeat {
                Some(Heartbeat::Path(_)) => {
                    f.push(jp("/HeartbeatSecondsPath", "HeartbeatSecondsPath"))
                }
                Some(Heartbeat::Seconds(v)) if is_ja(v) => {
                    f.push(ja("/HeartbeatSeconds", "a JSONata 'HeartbeatSeconds'"))
                }
                _ => {}
            }
            if let Some(c) = &t.credentials {
                match &c.role_arn {
                    Some(RoleArn::Path(_)) => f.push(jp("/Credentials/RoleArn.$", "RoleArn.$")),
                    Some(RoleArn::Value(v)) if is_ja(v) => {
                        f.push(ja("/Credentials/RoleArn", "a JSONata 'RoleArn'"))
                    }
                    _ => {}
                }
            }
        }
        State::Pass(s) => {
            common!(s);
            if s.parameters.is_some() {
                f.push(jp("/Parameters", "Parameters"));
            }
            if s.result.is_some() {
                f.push(jp("/Result", "Result"));
            }
            if s.result_path.is_some() {
                f.push(jp("/ResultPath", "ResultPath"));
            }
        }
        State::Succeed(s) => {
            common!(s);
        }
        State::Choice(c) => {
            common!(c);
            for (i, rule) in c.choices.iter().enumerate() {
                match &rule.condition {
                    Condition::Jsonata(_) => {
                        f.push(ja(format!("/Choices/{i}/Condition"), "Condition"))
                    }
                    Condition::JsonPath(e) => f.push(jp(
                        format!("/Choices/{i}/{}", operator(e)),
                        "comparison operators",
                    )),
                }
                if rule.output.is_some() {
                    f.push(ja(format!("/Choices/{i}/Output"), "Output"));
                }
            }
        }
        State::Wait(w) => {
            common!(w);
            match &w.duration {
                WaitDuration::SecondsPath(_) => f.push(jp("/SecondsPath", "SecondsPath")),
                WaitDuration::TimestampPath(_) => f.push(jp("/TimestampPath", "TimestampPath")),
                WaitDuration::Seconds(v) if is_ja(v) => {
                    f.push(ja("/Seconds", "a JSONata 'Seconds'"))
                }
                WaitDuration::Timestamp(v) if is_ja(v) => {
                    f.push(ja("/Timestamp", "a JSONata 'Timestamp'"))
                }
                _ => {}
            }
        }
        State::Fail(x) => {
            match &x.error {
                Some(FailError::ErrorPath(_)) => f.push(jp("/ErrorPath", "ErrorPath")),
                Some(FailError::Error(v)) if is_ja(v) => f.push(ja("/Error", "a JSONata 'Error'")),
                _ => {}
            }
            match &x.cause {
                Some(FailCause::CausePath(_)) => f.push(jp("/CausePath", "CausePath")),
                Some(FailCause::Cause(v)) if is_ja(v) => f.push(ja("/Cause", "a JSONata 'Cause'")),
                _ => {}
            }
        }
        State::Parallel(s) => {
            common!(s);
            if s.parameters.is_some() {
                f.push(jp("/Parameters", "Parameters"));
            }
            if s.result_selector.is_some() {
                f.push(jp("/ResultSelector", "ResultSelector"));
            }
            if s.result_path.is_some() {
                f.push(jp("/ResultPath", "ResultPath"));
            }
            if s.arguments.is_some() {
                f.push(ja("/Arguments", "Arguments"));
            }
        }
        State::Map(m) => {
            common!(m);
            if m.result_selector.is_some() {
                f.push(jp("/ResultSelector", "ResultSelector"));
            }
            if m.result_path.is_some() {
                f.push(jp("/ResultPath", "ResultPath"));
            }
            match &m.items {
                Some(Items::ItemsPath(_)) => f.push(jp("/ItemsPath", "ItemsPath")),
                Some(Items::Items(_)) => f.push(ja("/Items", "Items")),
                None => {}
            }
            if let Some(ItemSelector::Parameters(_)) = &m.item_selector {
                f.push(jp("/Parameters", "Parameters"));
            }
            match &m.max_concurrency {
                Some(MaxConcurrency::MaxConcurrencyPath(_)) => {
                    f.push(jp("/MaxConcurrencyPath", "MaxConcurrencyPath"))
                }
                Some(MaxConcurrency::MaxConcurrency(v)) if is_ja(v) => {
                    f.push(ja("/MaxConcurrency", "a JSONata 'MaxConcurrency'"))
                }
                _ => {}
            }
            match &m.tolerated_failure_percentage {
                Some(ToleratedFailurePercentage::ToleratedFailurePercentagePath(_)) => f.push(jp(
                    "/ToleratedFailurePercentagePath",
                    "ToleratedFailurePercentagePath",
                )),
                Some(ToleratedFailurePercentage::ToleratedFailurePercentage(v)) if is_ja(v) => f
                    .push(ja(
                        "/ToleratedFailurePercentage",
                        "a JSONata 'ToleratedFailurePercentage'",
                    )),
                _ => {}
            }
            match &m.tolerated_failure_count {
                Some(ToleratedFailureCount::ToleratedFailureCountPath(_)) => f.push(jp(
                    "/ToleratedFailureCountPath",
                    "ToleratedFailureCountPath",
                )),
                Some(ToleratedFailureCount::ToleratedFailureCount(v)) if is_ja(v) => f.push(ja(
                    "/ToleratedFailureCount",
                    "a JSONata 'ToleratedFailureCount'",
                )),
                _ => {}
            }
            if let Some(r) = &m.item_reader {
                if r.parameters.is_some() {
                    f.push(jp("/ItemReader/Parameters", "Parameters"));
                }
                if r.arguments.is_some() {
                    f.push(ja("/ItemReader/Arguments", "Arguments"));
                }
                if let Some(MaxItems::MaxItemsPath(_)) =
                    r.reader_config.as_ref().and_then(|c| c.max_items.as_ref())
                {
                    f.push(jp("/ItemReader/ReaderConfig/MaxItemsPath", "MaxItemsPath"));
                }
            }
            if let Some(b) = &m.item_batcher {
                if let Some(MaxItemsPerBatch::MaxItemsPerBatchPath(_)) = &b.max_items_per_batch {
                    f.push(jp(
                        "/ItemBatcher/MaxItemsPerBatchPath",
                        "MaxItemsPerBatchPath",
                    ));
                }
                if let Some(MaxInputBytesPerBatch::MaxInputBytesPerBatchPath(_)) =
                    &b.max_input_bytes_per_batch
                {
                    f.push(jp(
                        "/ItemBatcher/MaxInputBytesPerBatchPath",
                        "MaxInputBytesPerBatchPath",
                    ));
                }
            }
            if let Some(w) = &m.result_writer {
                if w.parameters.is_some() {
                    f.push(jp("/ResultWriter/Parameters", "Parameters"));
                }
                if w.arguments.is_some() {
                    f.push(ja("/ResultWriter/Arguments", "Arguments"));
                }
            }
        }
    }
    for (i, c) in state.catchers().iter().enumerate() {
        if c.result_path.is_some() {
            f.push(jp(format!("/Catch/{i}/ResultPath"), "ResultPath"));
        }
        if c.output.is_some() {
            f.push(ja(format!("/Catch/{i}/Output"), "Output"));
        }
    }
    f
}

/// Reports fields of the other query language.
fn languages(out: &mut Vec<Diagnostic>, p: &str, state: &State, ql: QueryLanguage) {
    for field in language_fields(state) {
        if field.only == ql {
            continue;
        }
        let message = match ql {
            QueryLanguage::Jsonata => format!(
                "'{}' is not supported in a JSONata state; use 'Arguments', 'Output', 'Assign' and {{% %}} expressions",
                field.name
            ),
            QueryLanguage::JsonPath => format!(
                "{} is not supported in a JSONPath state; set 'QueryLanguage' to 'JSONata' to use it",
                quoted(field.name)
            ),
        };
        out.push(Diagnostic::error(
            codes::QUERY_LANGUAGE_MISMATCH,
            format!("{p}{}", field.suffix),
            message,
        ));
    }
}

fn quoted(name: &str) -> String {
    if name.starts_with("a ") {
        name.to_owned()
    } else {
        format!("'{name}'")
    }
}
