//! JSONPath-mode paths, payload templates and intrinsic functions (rules
//! H2, K1–K4, M1, M2), checked per context with [`crate::path::check`].

use super::schema;
use super::variables::{ByState, Reads};
use super::walk;
use crate::intrinsic;
use crate::path::{check as check_path, PathContext};
use crate::pointer::escape;
use crate::StateRef;
use crate::{
    codes, BoolExpr, Condition, Diagnostic, FailCause, FailError, Heartbeat, ItemSelector, Items,
    MaxConcurrency, MaxInputBytesPerBatch, MaxItems, MaxItemsPerBatch, QueryLanguage,
    ReferencePath, RoleArn, State, Timeout, ToleratedFailureCount, ToleratedFailurePercentage,
    WaitDuration,
};
use serde_json::Value;

/// A location, built only when a rule reports or keeps something there.
type Loc<'a> = &'a dyn Fn() -> String;

/// Where the rules report, and the variables the path strings they have
/// seen read (fields, payload-template `key.$` values, Choice operands).
pub(super) struct Sink<'a> {
    out: &'a mut Vec<Diagnostic>,
    reads: Reads,
}

impl Sink<'_> {
    /// Records the variables a path or intrinsic call at `loc` reads.
    fn read(&mut self, loc: Loc<'_>, expr: &str) {
        if super::variables::may_read(expr) {
            super::variables::jsonpath_reads(expr, &loc(), &mut self.reads.vars);
        }
    }
}

/// Checks every JSONPath state; returns the variables each state's paths
/// read, by state (states that read none are left out).
pub(super) fn check(states: &[StateRef<'_>], out: &mut Vec<Diagnostic>) -> ByState {
    let mut sink = Sink {
        out,
        reads: Reads::default(),
    };
    let mut by_state = ByState::new();
    for s in states {
        if s.query_language != QueryLanguage::JsonPath {
            continue;
        }
        state(&mut sink, &s.pointer, s.state);
        if !sink.reads.is_empty() {
            by_state.insert(std::ptr::from_ref(s.state), std::mem::take(&mut sink.reads));
        }
    }
    by_state
}

/// A path (`$`, `$.x`, `$$.x`, `$[0]`) or an intrinsic call (`States.X(…)`):
/// a literal that was probably meant to be evaluated. Variables (`$name`)
/// are left out: `$5` or `$USD` are likelier literals.
pub(super) fn looks_like_path(s: &str) -> bool {
    if s.starts_with("States.") && intrinsic::looks_like_call(s) {
        return true;
    }
    let anchored = matches!(s, "$" | "$$")
        || s.starts_with("$.")
        || s.starts_with("$$.")
        || s.starts_with("$[");
    anchored && crate::path::parse(s).is_ok()
}

/// Checks a string against a path grammar; reports `INVALID_JSONPATH`.
fn path(out: &mut Sink<'_>, loc: Loc<'_>, field: &str, expr: &str, ctx: PathContext) {
    // A `ResultPath` is written to, not read.
    if ctx != PathContext::ResultPath {
        out.read(loc, expr);
    }
    if let Err(e) = check_path(expr, ctx) {
        let (code, what) = if ctx == PathContext::PayloadTemplate
            && (intrinsic::looks_like_call(expr) || expr.starts_with("States."))
        {
            (
                codes::INVALID_INTRINSIC_FUNCTION,
                "a valid JSONPath or a valid intrinsic function call",
            )
        } else if ctx == PathContext::PayloadTemplate {
            (
                codes::INVALID_JSONPATH,
                "a valid JSONPath or a valid intrinsic function call",
            )
        } else {
            (codes::INVALID_JSONPATH, ctx_name(ctx))
        };
        out.out.push(Diagnostic::error(
            code,
            loc(),
            format!(
                "the value for the field '{field}' must be {what}: {} (at byte {})",
                e.message(),
                e.offset()
            ),
        ));
    }
}

fn ctx_name(ctx: PathContext) -> &'static str {
    match ctx {
        PathContext::Path => "a valid JSONPath",
        PathContext::ReferencePath => "a valid reference path",
        PathContext::ResultPath => "a valid reference path from '$'",
        PathContext::PayloadTemplate => "a valid JSONPath or a valid intrinsic function call",
    }
}

fn reference(out: &mut Sink<'_>, p: &str, field: &str, r: &ReferencePath) {
    path(
        out,
        &|| format!("{p}/{}", escape(field)),
        field,
        r.as_str(),
        PathContext::ReferencePath,
    );
}

/// Checks every `key.$` of a payload template at `{p}{field}`, and keys that collide once
/// `.$` is stripped; warns (AWS's `NO_DOLLAR`) on a path-like value under a
/// key without `.$`.
fn template(out: &mut Sink<'_>, p: &str, field: &str, v: &Value) {
    walk::values(v, p, field, |node| template_value(out, node));
}

/// [`template`] on an object held as a map.
fn template_members(out: &mut Sink<'_>, base: &str, m: &serde_json::Map<String, Value>) {
    walk::members(m, base, |node| template_value(out, node));
}

/// One value of a payload template; whether to descend into it.
fn template_value(out: &mut Sink<'_>, node: &walk::At<'_, '_>) -> bool {
    let (Some(k), Some(parent)) = (node.key, node.parent) else {
        return true;
    };
    let Some(stem) = k.strip_suffix(".$") else {
        if let Value::String(s) = node.value {
            if looks_like_path(s) {
                out.out.push(Diagnostic::warning(
                    codes::NO_DOLLAR,
                    node.pointer,
                    format!("{s:?} looks like a path or an intrinsic function, but the key '{k}' does not end in '.$', so it is passed as a literal string; name the key '{k}.$' to evaluate it"),
                ));
            }
        }
        return true;
    };
    if parent.contains_key(stem) {
        out.out.push(schema(
            node.pointer,
            format!("the fields '{stem}' and '{k}' collide: a key may not appear both with and without '.$'"),
        ));
    }
    match node.value {
        Value::String(s) => path(
            out,
            &|| node.pointer.to_owned(),
            k,
            s,
            PathContext::PayloadTemplate,
        ),
        other => out.out.push(schema(
            node.pointer,
            format!(
                "the value for the field '{k}' must be a string (a JSONPath or an intrinsic function call), not {}",
                kind(other)
            ),
        )),
    }
    false
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `ErrorPath` / `CausePath`: a reference path or a string-returning
/// intrinsic function call.
fn error_path(out: &mut Sink<'_>, loc: Loc<'_>, field: &str, expr: &str) {
    if intrinsic::looks_like_call(expr) {
        out.read(loc, expr);
        match intrinsic::check(expr) {
            Ok(call) => {
                if let Some(f) = call.function {
                    if !f.returns_string() {
                        out.out.push(Diagnostic::error(
                            codes::INVALID_INTRINSIC_FUNCTION,
                            loc(),
                            format!(
                                "'{field}' needs an intrinsic function that returns a string; '{}' does not",
                                f.name()
                            ),
                        ));
                    }
                }
            }
            Err(errors) => {
                let msg = errors
                    .first()
                    .map_or("invalid intrinsic function call", |e| e.message());
                out.out.push(Diagnostic::error(
                    codes::INVALID_INTRINSIC_FUNCTION,
                    loc(),
                    format!("the value for the field '{field}' must be a valid intrinsic function call: {msg}"),
                ));
            }
        }
    } else {
        path(out, loc, field, expr, PathContext::ReferencePath);
    }
}

fn io_paths(
    out: &mut Sink<'_>,
    p: &str,
    input: Option<&Option<crate::Path>>,
    output: Option<&Option<crate::Path>>,
) {
    for (field, given) in [("InputPath", input), ("OutputPath", output)] {
        if let Some(Some(x)) = given {
            path(
                out,
                &|| format!("{p}/{field}"),
                field,
                x.as_str(),
                PathContext::Path,
            );
        }
    }
}

fn result_path(out: &mut Sink<'_>, loc: Loc<'_>, r: Option<&Option<ReferencePath>>) {
    if let Some(Some(x)) = r {
        path(out, loc, "ResultPath", x.as_str(), PathContext::ResultPath);
    }
}

fn assign(out: &mut Sink<'_>, loc: Loc<'_>, a: Option<&crate::Assign>) {
    // Variable names are the `variables` rules' concern.
    if let Some(vars) = a.and_then(crate::Assign::vars) {
        template_members(out, &loc(), vars);
    }
}

/// The paths of the fields a Task and a Parallel share (their `..data_flow`
/// group): `InputPath` and `OutputPath`, `ResultPath`, the `Parameters` and
/// `ResultSelector` templates, `Assign`.
macro_rules! data_flow {
    ($out:ident, $p:ident, $s:ident) => {{
        io_paths($out, $p, $s.input_path.as_ref(), $s.output_path.as_ref());
        result_path(
            $out,
            &|| format!("{}/ResultPath", $p),
            $s.result_path.as_ref(),
        );
        if let Some(x) = &$s.parameters {
            template($out, $p, "/Parameters", &x.0);
        }
        if let Some(x) = &$s.result_selector {
            template($out, $p, "/ResultSelector", &x.0);
        }
        assign($out, &|| format!("{}/Assign", $p), $s.assign.as_ref());
    }};
}

fn state(out: &mut Sink<'_>, p: &str, state: &State) {
    match state {
        State::Task(t) => {
            data_flow!(out, p, t);
            if let Some(Timeout::Path(r)) = &t.timeout {
                reference(out, p, "TimeoutSecondsPath", r);
            }
            if let Some(Heartbeat::Path(r)) = &t.heartbeat {
                reference(out, p, "HeartbeatSecondsPath", r);
            }
            if let Some(c) = &t.credentials {
                let cp = format!("{p}/Credentials");
                if let Some(RoleArn::Path(x)) = &c.role_arn {
                    path(
                        out,
                        &|| format!("{cp}/RoleArn.$"),
                        "RoleArn.$",
                        x.as_str(),
                        PathContext::PayloadTemplate,
                    );
                }
                let dynamic: serde_json::Map<String, Value> = c
                    .unknown_fields
                    .iter()
                    .filter(|(k, _)| k.ends_with(".$") && k.as_str() != "RoleArn.$")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                template(out, &cp, "", &Value::Object(dynamic));
            }
        }
        State::Pass(s) => {
            io_paths(out, p, s.input_path.as_ref(), s.output_path.as_ref());
            result_path(out, &|| format!("{p}/ResultPath"), s.result_path.as_ref());
            if let Some(x) = &s.parameters {
                template(out, p, "/Parameters", &x.0);
            }
            assign(out, &|| format!("{p}/Assign"), s.assign.as_ref());
        }
        State::Succeed(s) => io_paths(out, p, s.input_path.as_ref(), s.output_path.as_ref()),
        State::Wait(w) => {
            io_paths(out, p, w.input_path.as_ref(), w.output_path.as_ref());
            assign(out, &|| format!("{p}/Assign"), w.assign.as_ref());
            match &w.duration {
                WaitDuration::SecondsPath(r) => reference(out, p, "SecondsPath", r),
                WaitDuration::TimestampPath(r) => reference(out, p, "TimestampPath", r),
                _ => {}
            }
        }
        State::Fail(f) => {
            if let Some(FailError::ErrorPath(x)) = &f.error {
                error_path(out, &|| format!("{p}/ErrorPath"), "ErrorPath", x.as_str());
            }
            if let Some(FailCause::CausePath(x)) = &f.cause {
                error_path(out, &|| format!("{p}/CausePath"), "CausePath", x.as_str());
            }
        }
        State::Choice(c) => {
            io_paths(out, p, c.input_path.as_ref(), c.output_path.as_ref());
            assign(out, &|| format!("{p}/Assign"), c.assign.as_ref());
            for (i, rule) in c.choices.iter().enumerate() {
                let rp = || walk::item(p, "Choices", i);
                assign(out, &|| format!("{}/Assign", rp()), rule.assign.as_ref());
                if let Condition::JsonPath(e) = &rule.condition {
                    choice_paths(out, &rp(), e);
                }
            }
        }
        State::Parallel(s) => data_flow!(out, p, s),
        State::Map(m) => {
            io_paths(out, p, m.input_path.as_ref(), m.output_path.as_ref());
            result_path(out, &|| format!("{p}/ResultPath"), m.result_path.as_ref());
            if let Some(x) = &m.result_selector {
                template(out, p, "/ResultSelector", &x.0);
            }
            match &m.item_selector {
                Some(ItemSelector::ItemSelector(v)) => template(out, p, "/ItemSelector", v),
                Some(ItemSelector::Parameters(x)) => template(out, p, "/Parameters", &x.0),
                None => {}
            }
            assign(out, &|| format!("{p}/Assign"), m.assign.as_ref());
            if let Some(Items::ItemsPath(r)) = &m.items {
                reference(out, p, "ItemsPath", r);
            }
            if let Some(MaxConcurrency::MaxConcurrencyPath(r)) = &m.max_concurrency {
                reference(out, p, "MaxConcurrencyPath", r);
            }
            if let Some(ToleratedFailurePercentage::ToleratedFailurePercentagePath(r)) =
                &m.tolerated_failure_percentage
            {
                reference(out, p, "ToleratedFailurePercentagePath", r);
            }
            if let Some(ToleratedFailureCount::ToleratedFailureCountPath(r)) =
                &m.tolerated_failure_count
            {
                reference(out, p, "ToleratedFailureCountPath", r);
            }
            if let Some(r) = &m.item_reader {
                let rp = format!("{p}/ItemReader");
                if let Some(x) = &r.parameters {
                    template(out, &rp, "/Parameters", &x.0);
                }
                if let Some(MaxItems::MaxItemsPath(x)) =
                    r.reader_config.as_ref().and_then(|c| c.max_items.as_ref())
                {
                    reference(out, &format!("{rp}/ReaderConfig"), "MaxItemsPath", x);
                }
            }
            if let Some(b) = &m.item_batcher {
                let bp = format!("{p}/ItemBatcher");
                if let Some(MaxItemsPerBatch::MaxItemsPerBatchPath(x)) = &b.max_items_per_batch {
                    reference(out, &bp, "MaxItemsPerBatchPath", x);
                }
                if let Some(MaxInputBytesPerBatch::MaxInputBytesPerBatchPath(x)) =
                    &b.max_input_bytes_per_batch
                {
                    reference(out, &bp, "MaxInputBytesPerBatchPath", x);
                }
                if let Some(v) = &b.batch_input {
                    template(out, &bp, "/BatchInput", v);
                }
            }
            if let Some(w) = &m.result_writer {
                if let Some(x) = &w.parameters {
                    template(out, p, "/ResultWriter/Parameters", &x.0);
                }
            }
        }
    }
    for (i, c) in state.catchers().iter().enumerate() {
        result_path(
            out,
            &|| format!("{p}/Catch/{i}/ResultPath"),
            c.result_path.as_ref(),
        );
        assign(out, &|| format!("{p}/Catch/{i}/Assign"), c.assign.as_ref());
    }
}

/// `Variable` and `*Path` operands of a JSONPath Choice rule, nested ones too.
fn choice_paths(out: &mut Sink<'_>, rp: &str, e: &BoolExpr) {
    walk::rules(e, rp, |p, e| {
        let BoolExpr::Compare(c) = e else {
            return;
        };
        path(
            out,
            &|| format!("{p}/Variable"),
            "Variable",
            c.variable.as_str(),
            PathContext::ReferencePath,
        );
        if let Some(r) = c.operator.path_operand() {
            let name = c.operator.name();
            path(
                out,
                &|| format!("{p}/{name}"),
                name,
                r.as_str(),
                PathContext::ReferencePath,
            );
        }
    });
}
