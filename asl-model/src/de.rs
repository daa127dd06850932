//! Reading JSON into the model: the lenient converter.
//!
//! A parsed JSON value is converted by hand so that every problem gets the
//! JSON pointer of the field at fault, and so that the converter can go on
//! after a problem and report the rest (the validator uses that). Fields the
//! model does not know are kept in `unknown_fields`: nothing is dropped.
//!
//! This module is the reader's machinery, shared with asl-core (which reads
//! the document's root); it is not a stable API.

use crate::error::{Category, Error};
use crate::pointer::Loc;
use crate::states::*;
use crate::{
    Assign, Catcher, Dynamic, JitterStrategy, Jsonata, Path, PayloadTemplate, QueryLanguage,
    ReferencePath, Retrier, States, UnknownFields,
};
use serde_json::{Number, Value};

/// The fields of one JSON object, taken one by one; what is left is unknown.
pub struct Obj(pub Vec<(String, Value)>);

impl Obj {
    pub fn take(&mut self, key: &str) -> Option<Value> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    pub fn rest(mut self) -> UnknownFields {
        self.take_rest()
    }

    /// What no `take` claimed: the unknown fields.
    pub fn take_rest(&mut self) -> UnknownFields {
        std::mem::take(&mut self.0).into_iter().collect()
    }
}

pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let mut shown: String = s.chars().take(40).collect();
            if shown.len() < s.len() {
                shown.push('…');
            }
            format!("the string {shown:?}")
        }
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

const STATE_TYPES: &str = "[Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map]";

#[derive(Default)]
pub struct Cx {
    /// Every problem found so far.
    pub errors: Vec<Error>,
}

impl Cx {
    pub fn err(&mut self, loc: Loc<'_>, message: impl Into<String>) {
        self.errors
            .push(Error::new(Category::Data, loc.to_pointer(), message.into()));
    }

    pub fn expected<T>(&mut self, loc: Loc<'_>, what: &str, v: &Value) -> Option<T> {
        self.err(loc, format!("expected {what}, found {}", describe(v)));
        None
    }

    pub fn object(&mut self, v: Value, loc: Loc<'_>) -> Option<Obj> {
        match v {
            Value::Object(m) => Some(Obj(m.into_iter().collect())),
            other => self.expected(loc, "an object", &other),
        }
    }

    pub fn string(&mut self, v: Value, loc: Loc<'_>) -> Option<String> {
        match v {
            Value::String(s) => Some(s),
            other => self.expected(loc, "a string", &other),
        }
    }

    pub fn boolean(&mut self, v: Value, loc: Loc<'_>) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(b),
            other => self.expected(loc, "a boolean", &other),
        }
    }

    pub fn uint(&mut self, v: Value, loc: Loc<'_>, what: &str) -> Option<u64> {
        match &v {
            Value::Number(n) => match n.as_u64() {
                Some(u) => Some(u),
                None => self.expected(loc, what, &v),
            },
            _ => self.expected(loc, what, &v),
        }
    }

    pub fn number(&mut self, v: Value, loc: Loc<'_>) -> Option<Number> {
        match v {
            Value::Number(n) => Some(n),
            other => self.expected(loc, "a number", &other),
        }
    }

    pub fn jsonata_or<T>(
        &mut self,
        v: Value,
        loc: Loc<'_>,
        what: &str,
        literal: impl FnOnce(&mut Self, Value) -> Result<T, Value>,
    ) -> Option<Dynamic<T>> {
        if let Value::String(s) = &v {
            if Jsonata::is_expression(s) {
                return Jsonata::parse(s.clone()).map(Dynamic::Jsonata);
            }
            if crate::is_substitution(s) {
                return Some(Dynamic::Substitution(s.clone()));
            }
        }
        match literal(self, v) {
            Ok(t) => Some(Dynamic::Value(t)),
            Err(v) => self.expected(loc, &format!("{what} or a JSONata expression"), &v),
        }
    }

    pub fn uint_or_jsonata(&mut self, v: Value, loc: Loc<'_>, what: &str) -> Option<Dynamic<u64>> {
        self.jsonata_or(v, loc, what, |_, v| match v.as_u64() {
            Some(u) => Ok(u),
            None => Err(v),
        })
    }

    pub fn string_or_jsonata(&mut self, v: Value, loc: Loc<'_>) -> Option<Dynamic<String>> {
        self.jsonata_or(v, loc, "a string", |_, v| match v {
            Value::String(s) => Ok(s),
            other => Err(other),
        })
    }

    pub fn path(&mut self, v: Value, loc: Loc<'_>) -> Option<Path> {
        self.string(v, loc).map(Path::new)
    }

    pub fn reference_path(&mut self, v: Value, loc: Loc<'_>) -> Option<ReferencePath> {
        self.string(v, loc).map(ReferencePath::new)
    }

    pub fn nullable_path(&mut self, v: Value, loc: Loc<'_>) -> Option<Option<Path>> {
        match v {
            Value::Null => Some(None),
            Value::String(s) => Some(Some(Path::new(s))),
            other => self.expected(loc, "a path string or null", &other),
        }
    }

    pub fn nullable_reference_path(
        &mut self,
        v: Value,
        loc: Loc<'_>,
    ) -> Option<Option<ReferencePath>> {
        match v {
            Value::Null => Some(None),
            Value::String(s) => Some(Some(ReferencePath::new(s))),
            other => self.expected(loc, "a reference path string or null", &other),
        }
    }

    pub fn assign(&mut self, v: Value, loc: Loc<'_>) -> Option<Assign> {
        match v {
            Value::Object(m) => Some(m),
            other => self.expected(loc, "an object", &other),
        }
    }

    pub fn array(&mut self, v: Value, loc: Loc<'_>) -> Option<Vec<Value>> {
        match v {
            Value::Array(a) => Some(a),
            other => self.expected(loc, "an array", &other),
        }
    }

    pub fn strings(&mut self, v: Value, loc: Loc<'_>) -> Option<Vec<String>> {
        let items = self.array(v, loc)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            out.push(self.string(item, loc.index(i))?);
        }
        Some(out)
    }

    /// Takes an optional field and converts it.
    pub fn opt<T>(
        &mut self,
        o: &mut Obj,
        loc: Loc<'_>,
        key: &'static str,
        f: impl FnOnce(&mut Self, Value, Loc<'_>) -> Option<T>,
    ) -> Option<T> {
        let v = o.take(key)?;
        f(self, v, loc.key(key))
    }

    /// Takes a required field, reporting it when missing.
    pub fn req<T>(
        &mut self,
        o: &mut Obj,
        loc: Loc<'_>,
        key: &'static str,
        f: impl FnOnce(&mut Self, Value, Loc<'_>) -> Option<T>,
    ) -> Option<T> {
        match o.take(key) {
            Some(v) => f(self, v, loc.key(key)),
            None => {
                self.err(
                    loc,
                    format!("the field '{key}' is required but was missing"),
                );
                None
            }
        }
    }

    /// Takes two fields that exclude each other (`Seconds`/`SecondsPath`).
    pub fn either<T>(
        &mut self,
        o: &mut Obj,
        loc: Loc<'_>,
        (a, fa): (
            &'static str,
            impl FnOnce(&mut Self, Value, Loc<'_>) -> Option<T>,
        ),
        (b, fb): (
            &'static str,
            impl FnOnce(&mut Self, Value, Loc<'_>) -> Option<T>,
        ),
    ) -> Option<T> {
        match (o.take(a), o.has(b)) {
            // Both given: the second stays among the unknown fields, where
            // the validator reports the conflict; nothing is lost.
            (Some(va), true) => fa(self, va, loc.key(a)),
            (Some(va), false) => fa(self, va, loc.key(a)),
            (None, true) => {
                let vb = o.take(b)?;
                fb(self, vb, loc.key(b))
            }
            (None, false) => None,
        }
    }

    pub fn query_language(&mut self, v: Value, loc: Loc<'_>) -> Option<QueryLanguage> {
        match v.as_str() {
            Some("JSONPath") => Some(QueryLanguage::JsonPath),
            Some("JSONata") => Some(QueryLanguage::Jsonata),
            _ => self.expected(loc, "one of [JSONPath, JSONata]", &v),
        }
    }

    pub fn states(&mut self, v: Value, loc: Loc<'_>) -> States {
        let Value::Object(map) = v else {
            self.expected::<()>(loc, "an object of states", &v);
            return States::default();
        };
        let mut out = States::with_capacity(map.len());
        for (name, sv) in map {
            let state = self.state(sv, loc.key(&name));
            out.insert(name, state);
        }
        out
    }

    /// `StartAt` + `States` of a nested scope, with defaults when missing.
    pub fn scope(&mut self, o: &mut Obj, loc: Loc<'_>) -> (String, States) {
        let start_at = self
            .req(o, loc, "StartAt", Self::string)
            .unwrap_or_default();
        let states = match o.take("States") {
            Some(v) => self.states(v, loc.key("States")),
            None => {
                self.err(loc, "the field 'States' is required but was missing");
                States::default()
            }
        };
        (start_at, states)
    }

    // ---------------------------------------------------------------- states

    pub fn state(&mut self, v: Value, loc: Loc<'_>) -> State {
        let Some(mut o) = self.object(v, loc) else {
            return placeholder();
        };
        let ty = o.take("Type");
        let ty = match &ty {
            Some(Value::String(s)) => s.as_str(),
            Some(other) => {
                let d = describe(other);
                self.err(
                    loc.key("Type"),
                    format!("the field 'Type' should have one of these values: {STATE_TYPES}, found {d}"),
                );
                return self.broken(o, loc);
            }
            None => {
                self.err(loc, "the field 'Type' is required but was missing");
                return self.broken(o, loc);
            }
        };
        match ty {
            "Task" => State::Task(Box::new(self.task(o, loc))),
            "Pass" => State::Pass(self.pass(o, loc)),
            "Choice" => State::Choice(self.choice(o, loc)),
            "Wait" => State::Wait(self.wait(o, loc)),
            "Succeed" => State::Succeed(self.succeed(o, loc)),
            "Fail" => State::Fail(self.fail(o, loc)),
            "Parallel" => State::Parallel(Box::new(self.parallel(o, loc))),
            "Map" => State::Map(Box::new(self.map(o, loc))),
            other => {
                let msg = format!(
                    "the field 'Type' should have one of these values: {STATE_TYPES}, found {other:?}"
                );
                self.err(loc.key("Type"), msg);
                self.broken(o, loc)
            }
        }
    }

    /// Stands in for a state whose `Type` is unusable, keeping its
    /// transition so that graph checks still work.
    pub fn broken(&mut self, mut o: Obj, _loc: Loc<'_>) -> State {
        let transition = match o.take("Next") {
            Some(Value::String(n)) => Transition::Next(n),
            _ => Transition::End,
        };
        let mut p = placeholder_pass();
        p.transition = transition;
        State::Pass(p)
    }

    pub fn transition(&mut self, o: &mut Obj, loc: Loc<'_>) -> Transition {
        let next = o.take("Next");
        let end = o.take("End");
        match (next, end) {
            (Some(n), None) => self
                .string(n, loc.key("Next"))
                .map_or(Transition::End, Transition::Next),
            (None, Some(e)) => {
                match e {
                    Value::Bool(true) => {}
                    other => {
                        self.expected::<()>(loc.key("End"), "true", &other);
                    }
                }
                Transition::End
            }
            (Some(n), Some(_)) => {
                self.err(
                    loc.key("End"),
                    "'Next' and 'End' exclude each other; keep one",
                );
                self.string(n, loc.key("Next"))
                    .map_or(Transition::End, Transition::Next)
            }
            (None, None) => {
                self.err(loc, "the state needs 'Next' or 'End': true");
                Transition::End
            }
        }
    }

    pub fn retry(&mut self, v: Value, loc: Loc<'_>) -> Option<Vec<Retrier>> {
        let items = self.array(v, loc)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let l = loc.index(i);
            let Some(mut o) = self.object(item, l) else {
                continue;
            };
            let error_equals = self
                .req(&mut o, l, "ErrorEquals", Self::strings)
                .unwrap_or_default();
            let interval_seconds = self.opt(&mut o, l, "IntervalSeconds", |cx, v, l| {
                cx.uint(v, l, "a non-negative integer")
            });
            let max_attempts = self.opt(&mut o, l, "MaxAttempts", |cx, v, l| {
                cx.uint(v, l, "a non-negative integer")
            });
            let backoff_rate = self.opt(&mut o, l, "BackoffRate", Self::number);
            let max_delay_seconds = self.opt(&mut o, l, "MaxDelaySeconds", |cx, v, l| {
                cx.uint(v, l, "a positive integer")
            });
            let jitter_strategy =
                self.opt(&mut o, l, "JitterStrategy", |cx, v, l| match v.as_str() {
                    Some("FULL") => Some(JitterStrategy::Full),
                    Some("NONE") => Some(JitterStrategy::None),
                    _ => cx.expected(l, "one of [FULL, NONE]", &v),
                });
            let comment = self.opt(&mut o, l, "Comment", Self::string);
            out.push(Retrier {
                error_equals,
                interval_seconds,
                max_attempts,
                backoff_rate,
                max_delay_seconds,
                jitter_strategy,
                comment,
                unknown_fields: o.rest(),
            });
        }
        Some(out)
    }

    pub fn catch(&mut self, v: Value, loc: Loc<'_>) -> Option<Vec<Catcher>> {
        let items = self.array(v, loc)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let l = loc.index(i);
            let Some(mut o) = self.object(item, l) else {
                continue;
            };
            let error_equals = self
                .req(&mut o, l, "ErrorEquals", Self::strings)
                .unwrap_or_default();
            let next = self
                .req(&mut o, l, "Next", Self::string)
                .unwrap_or_default();
            let result_path = self.opt(&mut o, l, "ResultPath", Self::nullable_reference_path);
            let output = o.take("Output");
            let assign = self.opt(&mut o, l, "Assign", Self::assign);
            let comment = self.opt(&mut o, l, "Comment", Self::string);
            out.push(Catcher {
                error_equals,
                next,
                result_path,
                output,
                assign,
                comment,
                unknown_fields: o.rest(),
            });
        }
        Some(out)
    }

    pub fn task(&mut self, mut o: Obj, loc: Loc<'_>) -> Task {
        let o = &mut o;
        let comment = self.opt(o, loc, "Comment", Self::string);
        let query_language = self.opt(o, loc, "QueryLanguage", Self::query_language);
        let resource = self
            .req(o, loc, "Resource", Self::resource)
            .unwrap_or_else(|| Resource::new(""));
        let input_path = self.opt(o, loc, "InputPath", Self::nullable_path);
        let parameters = o.take("Parameters").map(PayloadTemplate);
        let arguments = o.take("Arguments");
        let result_selector = o.take("ResultSelector").map(PayloadTemplate);
        let result_path = self.opt(o, loc, "ResultPath", Self::nullable_reference_path);
        let output_path = self.opt(o, loc, "OutputPath", Self::nullable_path);
        let output = o.take("Output");
        let assign = self.opt(o, loc, "Assign", Self::assign);
        let timeout = self.either(
            o,
            loc,
            ("TimeoutSeconds", |cx: &mut Self, v, l| {
                cx.uint_or_jsonata(v, l, "a positive integer")
                    .map(Timeout::Seconds)
            }),
            ("TimeoutSecondsPath", |cx: &mut Self, v, l| {
                cx.reference_path(v, l).map(Timeout::Path)
            }),
        );
        let heartbeat = self.either(
            o,
            loc,
            ("HeartbeatSeconds", |cx: &mut Self, v, l| {
                cx.uint_or_jsonata(v, l, "a positive integer")
                    .map(Heartbeat::Seconds)
            }),
            ("HeartbeatSecondsPath", |cx: &mut Self, v, l| {
                cx.reference_path(v, l).map(Heartbeat::Path)
            }),
        );
        let credentials = self.opt(o, loc, "Credentials", Self::credentials);
        let retry = self.opt(o, loc, "Retry", Self::retry);
        let catch = self.opt(o, loc, "Catch", Self::catch);
        let transition = self.transition(o, loc);
        Task {
            comment,
            query_language,
            resource,
            input_path,
            parameters,
            arguments,
            result_selector,
            result_path,
            output_path,
            output,
            assign,
            timeout,
            heartbeat,
            credentials,
            retry,
            catch,
            transition,
            unknown_fields: o.take_rest(),
        }
    }

    pub fn resource(&mut self, v: Value, loc: Loc<'_>) -> Option<Resource> {
        match v {
            Value::String(s) => Some(Resource::new(s)),
            Value::Object(m)
                if m.len() == 1 && m.keys().all(|k| k == "Ref" || k.starts_with("Fn::")) =>
            {
                Some(Resource::cloudformation(Value::Object(m)))
            }
            other => self.expected(loc, "a string (an ARN)", &other),
        }
    }

    pub fn credentials(&mut self, v: Value, loc: Loc<'_>) -> Option<Credentials> {
        let mut o = self.object(v, loc)?;
        let role_arn = self.either(
            &mut o,
            loc,
            ("RoleArn", |cx: &mut Self, v, l| {
                cx.string_or_jsonata(v, l).map(RoleArn::Value)
            }),
            ("RoleArn.$", |cx: &mut Self, v, l| {
                cx.path(v, l).map(RoleArn::Path)
            }),
        );
        Some(Credentials {
            role_arn,
            unknown_fields: o.rest(),
        })
    }

    pub fn pass(&mut self, mut o: Obj, loc: Loc<'_>) -> Pass {
        let o = &mut o;
        Pass {
            comment: self.opt(o, loc, "Comment", Self::string),
            query_language: self.opt(o, loc, "QueryLanguage", Self::query_language),
            input_path: self.opt(o, loc, "InputPath", Self::nullable_path),
            parameters: o.take("Parameters").map(PayloadTemplate),
            result: o.take("Result"),
            result_path: self.opt(o, loc, "ResultPath", Self::nullable_reference_path),
            output_path: self.opt(o, loc, "OutputPath", Self::nullable_path),
            output: o.take("Output"),
            assign: self.opt(o, loc, "Assign", Self::assign),
            transition: self.transition(o, loc),
            unknown_fields: o.take_rest(),
        }
    }

    pub fn succeed(&mut self, mut o: Obj, loc: Loc<'_>) -> Succeed {
        let o = &mut o;
        Succeed {
            comment: self.opt(o, loc, "Comment", Self::string),
            query_language: self.opt(o, loc, "QueryLanguage", Self::query_language),
            input_path: self.opt(o, loc, "InputPath", Self::nullable_path),
            output_path: self.opt(o, loc, "OutputPath", Self::nullable_path),
            output: o.take("Output"),
            unknown_fields: o.take_rest(),
        }
    }

    pub fn fail(&mut self, mut o: Obj, loc: Loc<'_>) -> Fail {
        let o = &mut o;
        Fail {
            comment: self.opt(o, loc, "Comment", Self::string),
            query_language: self.opt(o, loc, "QueryLanguage", Self::query_language),
            error: self.either(
                o,
                loc,
                ("Error", |cx: &mut Self, v, l| {
                    cx.string_or_jsonata(v, l).map(FailError::Error)
                }),
                ("ErrorPath", |cx: &mut Self, v, l| {
                    cx.path(v, l).map(FailError::ErrorPath)
                }),
            ),
            cause: self.either(
                o,
                loc,
                ("Cause", |cx: &mut Self, v, l| {
                    cx.string_or_jsonata(v, l).map(FailCause::Cause)
                }),
                ("CausePath", |cx: &mut Self, v, l| {
                    cx.path(v, l).map(FailCause::CausePath)
                }),
            ),
            unknown_fields: o.take_rest(),
        }
    }

    pub fn wait(&mut self, mut o: Obj, loc: Loc<'_>) -> Wait {
        let o = &mut o;
        let comment = self.opt(o, loc, "Comment", Self::string);
        let query_language = self.opt(o, loc, "QueryLanguage", Self::query_language);
        let fields = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"];
        // The first one present is the duration; any other stays among the
        // unknown fields, where the validator reports the conflict.
        let first = fields.iter().copied().find(|f| o.has(f));
        let mut duration = None;
        if let Some((f, v)) = first.and_then(|f| Some((f, o.take(f)?))) {
            let l = loc.key(f);
            duration = match f {
                "Seconds" => self
                    .uint_or_jsonata(v, l, "a non-negative integer")
                    .map(WaitDuration::Seconds),
                "Timestamp" => self.string_or_jsonata(v, l).map(WaitDuration::Timestamp),
                "SecondsPath" => self.reference_path(v, l).map(WaitDuration::SecondsPath),
                _ => self.reference_path(v, l).map(WaitDuration::TimestampPath),
            };
        }
        let duration = match duration {
            Some(d) => d,
            None => {
                if !self
                    .errors
                    .iter()
                    .any(|e| e.pointer().starts_with(&loc.to_pointer()))
                {
                    self.err(
                        loc,
                        "a Wait state needs one of Seconds, Timestamp, SecondsPath, TimestampPath",
                    );
                }
                WaitDuration::seconds(0)
            }
        };
        Wait {
            comment,
            query_language,
            duration,
            input_path: self.opt(o, loc, "InputPath", Self::nullable_path),
            output_path: self.opt(o, loc, "OutputPath", Self::nullable_path),
            output: o.take("Output"),
            assign: self.opt(o, loc, "Assign", Self::assign),
            transition: self.transition(o, loc),
            unknown_fields: o.take_rest(),
        }
    }

    pub fn parallel(&mut self, mut o: Obj, loc: Loc<'_>) -> Parallel {
        let o = &mut o;
        let comment = self.opt(o, loc, "Comment", Self::string);
        let query_language = self.opt(o, loc, "QueryLanguage", Self::query_language);
        let branches = self
            .req(o, loc, "Branches", |cx, v, l| {
                let items = cx.array(v, l)?;
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    let bl = l.index(i);
                    if let Some(b) = cx.branch(item, bl) {
                        out.push(b);
                    }
                }
                Some(out)
            })
            .unwrap_or_default();
        Parallel {
            comment,
            query_language,
            branches,
            input_path: self.opt(o, loc, "InputPath", Self::nullable_path),
            parameters: o.take("Parameters").map(PayloadTemplate),
            arguments: o.take("Arguments"),
            result_selector: o.take("ResultSelector").map(PayloadTemplate),
            result_path: self.opt(o, loc, "ResultPath", Self::nullable_reference_path),
            output_path: self.opt(o, loc, "OutputPath", Self::nullable_path),
            output: o.take("Output"),
            assign: self.opt(o, loc, "Assign", Self::assign),
            retry: self.opt(o, loc, "Retry", Self::retry),
            catch: self.opt(o, loc, "Catch", Self::catch),
            transition: self.transition(o, loc),
            unknown_fields: o.take_rest(),
        }
    }

    pub fn branch(&mut self, v: Value, loc: Loc<'_>) -> Option<Branch> {
        let mut o = self.object(v, loc)?;
        let comment = self.opt(&mut o, loc, "Comment", Self::string);
        let query_language = self.opt(&mut o, loc, "QueryLanguage", Self::query_language);
        let (start_at, states) = self.scope(&mut o, loc);
        Some(Branch {
            comment,
            query_language,
            start_at,
            states,
            unknown_fields: o.rest(),
        })
    }

    pub fn item_processor(&mut self, v: Value, loc: Loc<'_>) -> Option<ItemProcessor> {
        let mut o = self.object(v, loc)?;
        let processor_config = self.opt(&mut o, loc, "ProcessorConfig", |cx, v, l| {
            let mut o = cx.object(v, l)?;
            Some(ProcessorConfig {
                mode: cx.opt(&mut o, l, "Mode", |cx, v, l| {
                    closed(cx, v, l, ProcessorMode::from_name, ProcessorMode::NAMES)
                }),
                execution_type: cx.opt(&mut o, l, "ExecutionType", |cx, v, l| {
                    closed(cx, v, l, ExecutionType::from_name, ExecutionType::NAMES)
                }),
                unknown_fields: o.rest(),
            })
        });
        let comment = self.opt(&mut o, loc, "Comment", Self::string);
        let query_language = self.opt(&mut o, loc, "QueryLanguage", Self::query_language);
        let (start_at, states) = self.scope(&mut o, loc);
        Some(ItemProcessor {
            processor_config,
            comment,
            query_language,
            start_at,
            states,
            unknown_fields: o.rest(),
        })
    }

    pub fn map(&mut self, mut o: Obj, loc: Loc<'_>) -> Map {
        let o = &mut o;
        let comment = self.opt(o, loc, "Comment", Self::string);
        let query_language = self.opt(o, loc, "QueryLanguage", Self::query_language);
        let processor = self.either(
            o,
            loc,
            ("ItemProcessor", |cx: &mut Self, v, l| {
                cx.item_processor(v, l).map(ProcessorField::ItemProcessor)
            }),
            ("Iterator", |cx: &mut Self, v, l| {
                cx.item_processor(v, l).map(ProcessorField::Iterator)
            }),
        );
        let processor = processor.unwrap_or_else(|| {
            if !self
                .errors
                .iter()
                .any(|e| e.pointer().starts_with(&loc.to_pointer()))
            {
                self.err(loc, "the field 'ItemProcessor' is required but was missing");
            }
            ProcessorField::ItemProcessor(ItemProcessor {
                processor_config: None,
                comment: None,
                query_language: None,
                start_at: String::new(),
                states: States::default(),
                unknown_fields: UnknownFields::new(),
            })
        });
        let items = self.either(
            o,
            loc,
            ("ItemsPath", |cx: &mut Self, v, l| {
                cx.reference_path(v, l).map(Items::ItemsPath)
            }),
            ("Items", |cx: &mut Self, v, l| {
                cx.jsonata_or(v, l, "an array", |_, v| match v {
                    Value::Array(a) => Ok(a),
                    other => Err(other),
                })
                .map(Items::Items)
            }),
        );
        let item_selector = self.either(
            o,
            loc,
            ("ItemSelector", |_: &mut Self, v, _| {
                Some(ItemSelector::ItemSelector(v))
            }),
            ("Parameters", |_: &mut Self, v, _| {
                Some(ItemSelector::Parameters(PayloadTemplate(v)))
            }),
        );
        let item_reader = self.opt(o, loc, "ItemReader", Self::item_reader);
        let item_batcher = self.opt(o, loc, "ItemBatcher", Self::item_batcher);
        let result_writer = self.opt(o, loc, "ResultWriter", Self::result_writer);
        let max_concurrency = self.either(
            o,
            loc,
            ("MaxConcurrency", |cx: &mut Self, v, l| {
                cx.uint_or_jsonata(v, l, "a non-negative integer")
                    .map(MaxConcurrency::MaxConcurrency)
            }),
            ("MaxConcurrencyPath", |cx: &mut Self, v, l| {
                cx.reference_path(v, l)
                    .map(MaxConcurrency::MaxConcurrencyPath)
            }),
        );
        let tolerated_failure_percentage = self.either(
            o,
            loc,
            ("ToleratedFailurePercentage", |cx: &mut Self, v, l| {
                cx.jsonata_or(v, l, "a number from 0 to 100", |_, v| match v {
                    Value::Number(n) => Ok(n),
                    other => Err(other),
                })
                .map(ToleratedFailurePercentage::ToleratedFailurePercentage)
            }),
            ("ToleratedFailurePercentagePath", |cx: &mut Self, v, l| {
                cx.reference_path(v, l)
                    .map(ToleratedFailurePercentage::ToleratedFailurePercentagePath)
            }),
        );
        let tolerated_failure_count = self.either(
            o,
            loc,
            ("ToleratedFailureCount", |cx: &mut Self, v, l| {
                cx.uint_or_jsonata(v, l, "a non-negative integer")
                    .map(ToleratedFailureCount::ToleratedFailureCount)
            }),
            ("ToleratedFailureCountPath", |cx: &mut Self, v, l| {
                cx.reference_path(v, l)
                    .map(ToleratedFailureCount::ToleratedFailureCountPath)
            }),
        );
        Map {
            comment,
            query_language,
            processor,
            items,
            item_selector,
            item_reader,
            item_batcher,
            result_writer,
            max_concurrency,
            tolerated_failure_percentage,
            tolerated_failure_count,
            label: self.opt(o, loc, "Label", Self::string),
            input_path: self.opt(o, loc, "InputPath", Self::nullable_path),
            result_selector: o.take("ResultSelector").map(PayloadTemplate),
            result_path: self.opt(o, loc, "ResultPath", Self::nullable_reference_path),
            output_path: self.opt(o, loc, "OutputPath", Self::nullable_path),
            output: o.take("Output"),
            assign: self.opt(o, loc, "Assign", Self::assign),
            retry: self.opt(o, loc, "Retry", Self::retry),
            catch: self.opt(o, loc, "Catch", Self::catch),
            transition: self.transition(o, loc),
            unknown_fields: o.take_rest(),
        }
    }

    pub fn item_reader(&mut self, v: Value, loc: Loc<'_>) -> Option<ItemReader> {
        let mut o = self.object(v, loc)?;
        let o = &mut o;
        let resource = self
            .req(o, loc, "Resource", Self::resource)
            .unwrap_or_else(|| Resource::new(""));
        let parameters = o.take("Parameters").map(PayloadTemplate);
        let arguments = o.take("Arguments");
        let reader_config = self.opt(o, loc, "ReaderConfig", |cx, v, l| {
            let mut o = cx.object(v, l)?;
            let o = &mut o;
            Some(ReaderConfig {
                input_type: cx.opt(o, l, "InputType", Self::string),
                csv_header_location: cx.opt(o, l, "CSVHeaderLocation", |cx, v, l| {
                    closed(
                        cx,
                        v,
                        l,
                        CsvHeaderLocation::from_name,
                        CsvHeaderLocation::NAMES,
                    )
                }),
                csv_headers: cx.opt(o, l, "CSVHeaders", Self::strings),
                csv_delimiter: cx.opt(o, l, "CSVDelimiter", |cx, v, l| {
                    closed(cx, v, l, CsvDelimiter::from_name, CsvDelimiter::NAMES)
                }),
                max_items: cx.either(
                    o,
                    l,
                    ("MaxItems", |cx: &mut Self, v, l| {
                        cx.uint_or_jsonata(v, l, "a non-negative integer")
                            .map(MaxItems::MaxItems)
                    }),
                    ("MaxItemsPath", |cx: &mut Self, v, l| {
                        cx.reference_path(v, l).map(MaxItems::MaxItemsPath)
                    }),
                ),
                manifest_type: cx.opt(o, l, "ManifestType", Self::string),
                transformation: cx.opt(o, l, "Transformation", Self::string),
                unknown_fields: o.take_rest(),
            })
        });
        Some(ItemReader {
            resource,
            parameters,
            arguments,
            reader_config,
            unknown_fields: o.take_rest(),
        })
    }

    pub fn item_batcher(&mut self, v: Value, loc: Loc<'_>) -> Option<ItemBatcher> {
        let mut o = self.object(v, loc)?;
        let o = &mut o;
        Some(ItemBatcher {
            max_items_per_batch: self.either(
                o,
                loc,
                ("MaxItemsPerBatch", |cx: &mut Self, v, l| {
                    cx.uint_or_jsonata(v, l, "a positive integer")
                        .map(MaxItemsPerBatch::MaxItemsPerBatch)
                }),
                ("MaxItemsPerBatchPath", |cx: &mut Self, v, l| {
                    cx.reference_path(v, l)
                        .map(MaxItemsPerBatch::MaxItemsPerBatchPath)
                }),
            ),
            max_input_bytes_per_batch: self.either(
                o,
                loc,
                ("MaxInputBytesPerBatch", |cx: &mut Self, v, l| {
                    cx.uint_or_jsonata(v, l, "a positive integer")
                        .map(MaxInputBytesPerBatch::MaxInputBytesPerBatch)
                }),
                ("MaxInputBytesPerBatchPath", |cx: &mut Self, v, l| {
                    cx.reference_path(v, l)
                        .map(MaxInputBytesPerBatch::MaxInputBytesPerBatchPath)
                }),
            ),
            batch_input: o.take("BatchInput"),
            unknown_fields: o.take_rest(),
        })
    }

    pub fn result_writer(&mut self, v: Value, loc: Loc<'_>) -> Option<ResultWriter> {
        let mut o = self.object(v, loc)?;
        let o = &mut o;
        Some(ResultWriter {
            resource: self
                .opt(o, loc, "Resource", Self::string)
                .map(Resource::new),
            parameters: o.take("Parameters").map(PayloadTemplate),
            arguments: o.take("Arguments"),
            writer_config: self.opt(o, loc, "WriterConfig", |cx, v, l| {
                let mut o = cx.object(v, l)?;
                Some(WriterConfig {
                    output_type: cx.opt(&mut o, l, "OutputType", Self::string),
                    transformation: cx.opt(&mut o, l, "Transformation", Self::string),
                    unknown_fields: o.rest(),
                })
            }),
            unknown_fields: o.take_rest(),
        })
    }

    // ---------------------------------------------------------------- choice

    pub fn choice(&mut self, mut o: Obj, loc: Loc<'_>) -> Choice {
        let o = &mut o;
        let comment = self.opt(o, loc, "Comment", Self::string);
        let query_language = self.opt(o, loc, "QueryLanguage", Self::query_language);
        let choices = self
            .req(o, loc, "Choices", |cx, v, l| {
                let items = cx.array(v, l)?;
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    if let Some(r) = cx.choice_rule(item, l.index(i)) {
                        out.push(r);
                    }
                }
                Some(out)
            })
            .unwrap_or_default();
        Choice {
            comment,
            query_language,
            choices,
            default: self.opt(o, loc, "Default", Self::string),
            input_path: self.opt(o, loc, "InputPath", Self::nullable_path),
            output_path: self.opt(o, loc, "OutputPath", Self::nullable_path),
            output: o.take("Output"),
            assign: self.opt(o, loc, "Assign", Self::assign),
            unknown_fields: o.take_rest(),
        }
    }

    pub fn choice_rule(&mut self, v: Value, loc: Loc<'_>) -> Option<ChoiceRule> {
        let mut o = self.object(v, loc)?;
        let o = &mut o;
        let comment = self.opt(o, loc, "Comment", Self::string);
        let condition = if o.has("Condition") {
            let c = self.opt(o, loc, "Condition", |cx, v, l| {
                cx.jsonata_or(v, l, "a boolean", |_, v| match v {
                    Value::Bool(b) => Ok(b),
                    other => Err(other),
                })
            });
            Condition::Jsonata(c.unwrap_or(Dynamic::Value(false)))
        } else {
            Condition::JsonPath(self.bool_expr(o, loc))
        };
        let next = self.req(o, loc, "Next", Self::string).unwrap_or_default();
        Some(ChoiceRule {
            comment,
            condition,
            next,
            output: o.take("Output"),
            assign: self.opt(o, loc, "Assign", Self::assign),
            unknown_fields: o.take_rest(),
        })
    }

    pub fn nested_rule(&mut self, v: Value, loc: Loc<'_>) -> Option<NestedRule> {
        let mut o = self.object(v, loc)?;
        let comment = self.opt(&mut o, loc, "Comment", Self::string);
        let expr = self.bool_expr(&mut o, loc);
        Some(NestedRule {
            comment,
            expr,
            unknown_fields: o.rest(),
        })
    }

    pub fn nested_rules(&mut self, v: Value, loc: Loc<'_>) -> Option<Vec<NestedRule>> {
        let items = self.array(v, loc)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            if let Some(r) = self.nested_rule(item, loc.index(i)) {
                out.push(r);
            }
        }
        Some(out)
    }

    pub fn bool_expr(&mut self, o: &mut Obj, loc: Loc<'_>) -> BoolExpr {
        let ops: Vec<String> =
            o.0.iter()
                .map(|(k, _)| k.clone())
                .filter(|k| {
                    matches!(k.as_str(), "And" | "Or" | "Not")
                        || Comparator::NAMES.contains(&k.as_str())
                })
                .collect();
        // The first operator is the expression; any other stays among the
        // unknown fields, where the validator reports it.
        let fallback = || BoolExpr::Compare(Comparison::new("$", Comparator::IsPresent(true)));
        let Some(op) = ops.into_iter().next() else {
            self.err(
                loc,
                "a Choice Rule needs a comparison operator (with 'Variable'), 'And', 'Or', 'Not', or a JSONata 'Condition'",
            );
            return fallback();
        };
        let Some(v) = o.take(&op) else {
            return fallback();
        };
        let l = loc.key(&op);
        let expr = match op.as_str() {
            "And" => self.nested_rules(v, l).map(BoolExpr::And),
            "Or" => self.nested_rules(v, l).map(BoolExpr::Or),
            "Not" => self.nested_rule(v, l).map(|r| BoolExpr::Not(Box::new(r))),
            name => {
                let operator = self.comparator(name, v, l);
                let variable = self.req(o, loc, "Variable", Self::path);
                match (variable, operator) {
                    (Some(variable), Some(operator)) => {
                        Some(BoolExpr::Compare(Comparison { variable, operator }))
                    }
                    _ => None,
                }
            }
        };
        expr.unwrap_or_else(fallback)
    }

    pub fn comparator(&mut self, name: &str, v: Value, loc: Loc<'_>) -> Option<Comparator> {
        use Comparator as C;
        if name.ends_with("Path") {
            let p = match v {
                Value::String(s) => ReferencePath::new(s),
                other => return self.expected(loc, "a reference path string", &other),
            };
            return Some(match name {
                "StringEqualsPath" => C::StringEqualsPath(p),
                "StringLessThanPath" => C::StringLessThanPath(p),
                "StringGreaterThanPath" => C::StringGreaterThanPath(p),
                "StringLessThanEqualsPath" => C::StringLessThanEqualsPath(p),
                "StringGreaterThanEqualsPath" => C::StringGreaterThanEqualsPath(p),
                "NumericEqualsPath" => C::NumericEqualsPath(p),
                "NumericLessThanPath" => C::NumericLessThanPath(p),
                "NumericGreaterThanPath" => C::NumericGreaterThanPath(p),
                "NumericLessThanEqualsPath" => C::NumericLessThanEqualsPath(p),
                "NumericGreaterThanEqualsPath" => C::NumericGreaterThanEqualsPath(p),
                "BooleanEqualsPath" => C::BooleanEqualsPath(p),
                "TimestampEqualsPath" => C::TimestampEqualsPath(p),
                "TimestampLessThanPath" => C::TimestampLessThanPath(p),
                "TimestampGreaterThanPath" => C::TimestampGreaterThanPath(p),
                "TimestampLessThanEqualsPath" => C::TimestampLessThanEqualsPath(p),
                _ => C::TimestampGreaterThanEqualsPath(p),
            });
        }
        if name.starts_with("String") || name.starts_with("Timestamp") {
            let s = self.string(v, loc)?;
            return Some(match name {
                "StringEquals" => C::StringEquals(s),
                "StringLessThan" => C::StringLessThan(s),
                "StringGreaterThan" => C::StringGreaterThan(s),
                "StringLessThanEquals" => C::StringLessThanEquals(s),
                "StringGreaterThanEquals" => C::StringGreaterThanEquals(s),
                "StringMatches" => C::StringMatches(s),
                "TimestampEquals" => C::TimestampEquals(s),
                "TimestampLessThan" => C::TimestampLessThan(s),
                "TimestampGreaterThan" => C::TimestampGreaterThan(s),
                "TimestampLessThanEquals" => C::TimestampLessThanEquals(s),
                _ => C::TimestampGreaterThanEquals(s),
            });
        }
        if name.starts_with("Numeric") {
            let n = self.number(v, loc)?;
            return Some(match name {
                "NumericEquals" => C::NumericEquals(n),
                "NumericLessThan" => C::NumericLessThan(n),
                "NumericGreaterThan" => C::NumericGreaterThan(n),
                "NumericLessThanEquals" => C::NumericLessThanEquals(n),
                _ => C::NumericGreaterThanEquals(n),
            });
        }
        let b = self.boolean(v, loc)?;
        Some(match name {
            "BooleanEquals" => C::BooleanEquals(b),
            "IsNull" => C::IsNull(b),
            "IsPresent" => C::IsPresent(b),
            "IsNumeric" => C::IsNumeric(b),
            "IsString" => C::IsString(b),
            "IsBoolean" => C::IsBoolean(b),
            _ => C::IsTimestamp(b),
        })
    }
}

/// Reads a value of a closed set of names.
fn closed<T>(
    cx: &mut Cx,
    v: Value,
    loc: Loc<'_>,
    from_name: fn(&str) -> Option<T>,
    names: &[&str],
) -> Option<T> {
    match v.as_str().and_then(from_name) {
        Some(t) => Some(t),
        None => cx.expected(loc, &format!("one of [{}]", names.join(", ")), &v),
    }
}

fn placeholder_pass() -> Pass {
    Pass {
        comment: None,
        query_language: None,
        input_path: None,
        parameters: None,
        result: None,
        result_path: None,
        output_path: None,
        output: None,
        assign: None,
        transition: Transition::End,
        unknown_fields: UnknownFields::new(),
    }
}

fn placeholder() -> State {
    State::Pass(placeholder_pass())
}
