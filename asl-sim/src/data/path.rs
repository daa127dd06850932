//! Evaluating a parsed JSONPath ([`asl_core::path::ParsedPath`]) over JSON,
//! the way AWS does it: AWS runs Jayway JsonPath over Jackson nodes, so
//! definite paths fail with Jayway's messages (`No results for path: …`,
//! `Missing property in path …`) and indefinite paths (wildcards, slices,
//! filters, `..`, unions) never fail: what matches is returned as an array.

use super::Scope;
use asl_core::path::{
    CompareOp, FilterExpr, FilterOperand, ParsedPath, PathRoot, Segment, SegmentKind,
};
use serde_json::{Map, Number, Value};
use std::cmp::Ordering;

/// `null`, for an array index past the end (Jackson's `ArrayNode.get` gives
/// `null` there, and AWS returns it).
const NULL: &Value = &Value::Null;

/// AWS's cause for a `$` path over a `null` input.
pub(crate) const NULL_INPUT: &str = "Unable to apply Path transformation to null or empty input.";

/// The most nodes an indefinite path may hold at one step (`$..*..*` over a
/// large input grows quadratically).
const MAX_SELECTION: usize = 1_000_000;

/// How deeply filters may nest paths that themselves have filters.
const MAX_FILTER_NESTING: usize = 16;

/// Why a path could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathFail {
    /// A definite path found nothing; Jayway's message
    /// (`No results for path: $['x']`, `Missing property in path $['no']`).
    NotFound(String),
    /// A failure no path may hide, even an indefinite one: a path from `$`
    /// applied to a `null` input, or a selection too large to build. The
    /// message is the `States.Runtime` cause.
    Fatal(String),
}

/// Whether `path` names at most one node the Jayway way: every step a field
/// or an index (negative too), or a field union or function as the last step.
pub(crate) fn is_definite(path: &ParsedPath) -> bool {
    let segments = path.segments();
    segments.iter().enumerate().all(|(i, s)| {
        let last = i + 1 == segments.len();
        match &s.kind {
            SegmentKind::Field { .. } | SegmentKind::Index(_) => true,
            SegmentKind::FieldUnion(_) | SegmentKind::Function(_) => last,
            _ => false,
        }
    })
}

/// Jayway's normalized form of a path: `$['a'][0]['b']`.
pub(crate) fn normalized(path: &ParsedPath) -> String {
    let mut out = String::from("$");
    for segment in path.segments() {
        push_normalized(&mut out, &segment.kind);
    }
    out
}

fn push_normalized(out: &mut String, kind: &SegmentKind) {
    match kind {
        SegmentKind::Field { name, .. } => {
            out.push_str("['");
            out.push_str(name);
            out.push_str("']");
        }
        SegmentKind::Index(i) => out.push_str(&format!("[{i}]")),
        SegmentKind::Wildcard => out.push_str("[*]"),
        SegmentKind::Slice { start, end } => {
            let s = start.map(|v| v.to_string()).unwrap_or_default();
            let e = end.map(|v| v.to_string()).unwrap_or_default();
            out.push_str(&format!("[{s}:{e}]"));
        }
        SegmentKind::IndexUnion(ix) => {
            let parts: Vec<String> = ix.iter().map(|i| i.to_string()).collect();
            out.push_str(&format!("[{}]", parts.join(",")));
        }
        SegmentKind::FieldUnion(names) => {
            let parts: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            out.push_str(&format!("[{}]", parts.join(", ")));
        }
        SegmentKind::Filter(_) => out.push_str("[?]"),
        SegmentKind::LengthMinus(n) => out.push_str(&format!("[(@.length-{n})]")),
        SegmentKind::RecursiveDescent => out.push_str(".."),
        SegmentKind::Function(name) => out.push_str(&format!(".{name}()")),
    }
}

/// The document a path starts from.
fn root<'a>(
    path: &ParsedPath,
    scope: &Scope<'a>,
    current: Option<&'a Value>,
) -> Result<&'a Value, PathFail> {
    match path.root() {
        PathRoot::Input => {
            if scope.input.is_null() {
                Err(PathFail::Fatal(NULL_INPUT.to_owned()))
            } else {
                Ok(scope.input)
            }
        }
        PathRoot::Context => Ok(scope.context.get()),
        PathRoot::Variable(name) => scope
            .variables
            .get(name)
            .ok_or_else(|| PathFail::NotFound(format!("No results for path: ${name}"))),
        PathRoot::Current => {
            current.ok_or_else(|| PathFail::NotFound("No results for path: @".to_owned()))
        }
    }
}

/// Applies `path`: a definite path gives the one value it names (or fails),
/// an indefinite one the array of what it matches.
pub(crate) fn select(path: &ParsedPath, scope: &Scope<'_>) -> Result<Value, PathFail> {
    select_from(path, scope, None, 0)
}

fn select_from<'a>(
    path: &ParsedPath,
    scope: &Scope<'a>,
    current: Option<&'a Value>,
    depth: usize,
) -> Result<Value, PathFail> {
    if is_definite(path) {
        let doc = root(path, scope, current)?;
        if let Some(found) = find_definite(doc, path.segments()) {
            return Ok(found.clone());
        }
        select_definite(doc, path.segments(), &normalized(path))
    } else {
        match root(path, scope, current) {
            Ok(doc) => select_indefinite(doc, path.segments(), scope, depth).map(Value::Array),
            // An indefinite path never fails (AWS swallows Jayway's errors for them)…
            Err(PathFail::NotFound(_)) => Ok(Value::Array(Vec::new())),
            // …but a null input is refused before any path is applied.
            Err(e) => Err(e),
        }
    }
}

/// The Java class Jackson unwraps a value to, for Jayway's messages.
fn java_class(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::String(_) => "java.lang.String",
        Value::Number(n) => match n.as_i64() {
            Some(i) if i32::try_from(i).is_ok() => "java.lang.Integer",
            Some(_) => "java.lang.Long",
            None if n.is_u64() => "java.math.BigInteger",
            None => "java.lang.Double",
        },
        Value::Array(_) => "com.fasterxml.jackson.databind.node.ArrayNode",
        Value::Object(_) => "com.fasterxml.jackson.databind.node.ObjectNode",
    }
}

/// Java's `toString()` of an unwrapped value, for Jayway's messages.
fn java_to_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn not_an_object(fragment: &str, at: &str, model: &Value) -> PathFail {
    PathFail::NotFound(format!(
        "Expected to find an object with property {fragment} in path {at} but found '{}'. \
         This is not a json object according to the JsonProvider: \
         'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.",
        java_class(model)
    ))
}

fn not_an_array(at: &str, fragment: &str, model: &Value) -> PathFail {
    if model.is_null() {
        PathFail::NotFound(format!("The path {at} is null"))
    } else {
        PathFail::NotFound(format!(
            "Filter: {fragment} can only be applied to arrays. Current context is: {}",
            java_to_string(model)
        ))
    }
}

/// The element at Jayway index `i` (negative counts from the end); `null`
/// past either end, as Jackson gives it.
fn element(items: &[Value], i: i64) -> &Value {
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let effective = if i < 0 { len.saturating_add(i) } else { i };
    usize::try_from(effective)
        .ok()
        .and_then(|e| items.get(e))
        .unwrap_or(NULL)
}

/// The value at a definite path of fields and indexes, found without
/// writing any text; `None` for anything else (other steps, or a step
/// that fails: [`select_definite`] then gives the result or AWS's error).
fn find_definite<'v>(doc: &'v Value, segments: &[Segment]) -> Option<&'v Value> {
    let mut cur = doc;
    for segment in segments {
        cur = match &segment.kind {
            SegmentKind::Field { name, .. } => cur.as_object()?.get(name)?,
            SegmentKind::Index(index) => element(cur.as_array()?, *index),
            _ => return None,
        };
    }
    Some(cur)
}

fn select_definite(doc: &Value, segments: &[Segment], full: &str) -> Result<Value, PathFail> {
    let mut cur = doc;
    let mut at = String::from("$");
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match &segment.kind {
            SegmentKind::Field { name, .. } => {
                let fragment = format!("['{name}']");
                let Value::Object(map) = cur else {
                    return Err(not_an_object(&fragment, &at, cur));
                };
                at.push_str(&fragment);
                match map.get(name) {
                    Some(v) => cur = v,
                    None if last => {
                        return Err(PathFail::NotFound(format!("No results for path: {full}")))
                    }
                    None => {
                        return Err(PathFail::NotFound(format!("Missing property in path {at}")))
                    }
                }
            }
            SegmentKind::Index(index) => {
                let fragment = format!("[{index}]");
                let Value::Array(items) = cur else {
                    return Err(not_an_array(&at, &fragment, cur));
                };
                at.push_str(&fragment);
                cur = element(items, *index);
            }
            SegmentKind::FieldUnion(names) => {
                let mut fragment = String::new();
                push_normalized(&mut fragment, &segment.kind);
                let Value::Object(map) = cur else {
                    return Err(not_an_object(&fragment, &at, cur));
                };
                return Ok(Value::Object(merge_fields(map, names)));
            }
            SegmentKind::Function(name) => return function(name, cur),
            // `is_definite` admits no other step.
            _ => return Err(PathFail::NotFound(format!("No results for path: {full}"))),
        }
    }
    Ok(cur.clone())
}

/// `['a','b']` as the last step: an object of the fields that exist.
fn merge_fields(map: &Map<String, Value>, names: &[String]) -> Map<String, Value> {
    names
        .iter()
        .filter_map(|n| map.get(n).map(|v| (n.clone(), v.clone())))
        .collect()
}

/// A path function applied to one value. AWS supports `length()` only (an
/// array's or object's size); the other Jayway functions fail there.
fn function(name: &str, v: &Value) -> Result<Value, PathFail> {
    match name {
        "length" => Ok(match v {
            Value::Array(a) => Value::from(a.len()),
            Value::Object(o) => Value::from(o.len()),
            _ => Value::Null,
        }),
        _ => Err(PathFail::NotFound(format!(
            "Function with name: {name} does not exist."
        ))),
    }
}

/// Every node under each of `set`, each before its children, the nodes of
/// `set` included (the candidates of the step after `..`); `None` beyond
/// `limit` nodes.
fn descendants<'a>(set: &[&'a Value], limit: usize) -> Option<Vec<&'a Value>> {
    let mut out = Vec::new();
    for start in set {
        let mut stack = vec![*start];
        while let Some(v) = stack.pop() {
            if out.len() >= limit {
                return None;
            }
            out.push(v);
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => stack.extend(map.values().rev()),
                _ => {}
            }
        }
    }
    Some(out)
}

fn slice(items: &[Value], start: Option<i64>, end: Option<i64>) -> &[Value] {
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let clamp = |i: i64| -> usize {
        let i = if i < 0 { len.saturating_add(i) } else { i };
        usize::try_from(i.clamp(0, len)).unwrap_or(0)
    };
    let from = start.map_or(0, clamp);
    let to = end.map_or(items.len(), clamp);
    items.get(from..to.max(from)).unwrap_or(&[])
}

fn select_indefinite(
    doc: &Value,
    segments: &[Segment],
    scope: &Scope<'_>,
    depth: usize,
) -> Result<Vec<Value>, PathFail> {
    let mut set: Vec<&Value> = vec![doc];
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let mut next: Vec<&Value> = Vec::new();
        match &segment.kind {
            SegmentKind::Field { name, .. } => {
                next.extend(
                    set.iter()
                        .filter_map(|v| v.as_object().and_then(|m| m.get(name))),
                );
            }
            SegmentKind::Index(index) => {
                for v in &set {
                    if let Value::Array(items) = v {
                        next.push(element(items, *index));
                    }
                }
            }
            SegmentKind::Wildcard => {
                for v in &set {
                    match v {
                        Value::Array(items) => next.extend(items.iter()),
                        Value::Object(map) => next.extend(map.values()),
                        _ => {}
                    }
                }
            }
            SegmentKind::Slice { start, end } => {
                for v in &set {
                    if let Value::Array(items) = v {
                        next.extend(slice(items, *start, *end).iter());
                    }
                }
            }
            SegmentKind::IndexUnion(indexes) => {
                for v in &set {
                    if let Value::Array(items) = v {
                        next.extend(indexes.iter().map(|i| element(items, *i)));
                    }
                }
            }
            SegmentKind::FieldUnion(names) => {
                if last {
                    return Ok(set
                        .iter()
                        .filter_map(|v| v.as_object())
                        .map(|m| Value::Object(merge_fields(m, names)))
                        .collect());
                }
                for v in &set {
                    if let Value::Object(map) = v {
                        next.extend(names.iter().filter_map(|n| map.get(n)));
                    }
                }
            }
            SegmentKind::Filter(expr) => {
                for v in &set {
                    match v {
                        Value::Array(items) => {
                            next.extend(
                                items
                                    .iter()
                                    .filter(|item| filter_holds(expr, item, scope, depth)),
                            );
                        }
                        Value::Object(_) if filter_holds(expr, v, scope, depth) => next.push(v),
                        _ => {}
                    }
                }
            }
            SegmentKind::LengthMinus(n) => {
                let back = i64::try_from(*n).unwrap_or(i64::MAX);
                for v in &set {
                    if let Value::Array(items) = v {
                        next.push(element(items, back.saturating_neg()));
                    }
                }
            }
            SegmentKind::RecursiveDescent => {
                next = descendants(&set, MAX_SELECTION).ok_or_else(too_large)?;
            }
            SegmentKind::Function(name) => {
                let all = Value::Array(set.iter().map(|v| (*v).clone()).collect());
                return Ok(function(name, &all).map(|v| vec![v]).unwrap_or_default());
            }
        }
        if next.len() > MAX_SELECTION {
            return Err(too_large());
        }
        set = next;
    }
    Ok(set.into_iter().cloned().collect())
}

fn too_large() -> PathFail {
    PathFail::Fatal(format!(
        "The JSONPath selects more than {MAX_SELECTION} values."
    ))
}

/// A filter operand's value; `None` when its path matches nothing.
fn operand(op: &FilterOperand, current: &Value, scope: &Scope<'_>, depth: usize) -> Option<Value> {
    match op {
        FilterOperand::Path(path) => {
            if depth >= MAX_FILTER_NESTING {
                return None;
            }
            select_from(path, scope, Some(current), depth + 1).ok()
        }
        FilterOperand::String(s) | FilterOperand::Word(s) => Some(Value::String(s.clone())),
        FilterOperand::Number(text) => serde_json::from_str::<Number>(text).ok().map(Value::Number),
        FilterOperand::Boolean(b) => Some(Value::Bool(*b)),
        FilterOperand::Null => Some(Value::Null),
    }
}

/// Compares two numbers exactly when both are integers, else as doubles.
pub(crate) fn compare_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return Some(x.cmp(&y));
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

fn filter_holds(expr: &FilterExpr, current: &Value, scope: &Scope<'_>, depth: usize) -> bool {
    match expr {
        FilterExpr::Exists(path) => {
            if depth >= MAX_FILTER_NESTING {
                return false;
            }
            match select_from(path, scope, Some(current), depth + 1) {
                Ok(Value::Array(a)) if !is_definite(path) => !a.is_empty(),
                Ok(_) => true,
                Err(_) => false,
            }
        }
        FilterExpr::All(parts) => parts.iter().all(|p| filter_holds(p, current, scope, depth)),
        FilterExpr::Any(parts) => parts.iter().any(|p| filter_holds(p, current, scope, depth)),
        FilterExpr::Compare { left, op, right } => {
            let l = operand(left, current, scope, depth);
            let r = operand(right, current, scope, depth);
            let (Some(l), Some(r)) = (l, r) else {
                return *op == CompareOp::Ne;
            };
            let order = match (&l, &r) {
                (Value::Number(a), Value::Number(b)) => compare_numbers(a, b),
                (Value::String(a), Value::String(b)) => {
                    Some(a.encode_utf16().cmp(b.encode_utf16()))
                }
                _ => None,
            };
            match op {
                CompareOp::Eq => order.map_or(l == r, |o| o == Ordering::Equal),
                CompareOp::Ne => order.map_or(l != r, |o| o != Ordering::Equal),
                CompareOp::Lt => order == Some(Ordering::Less),
                CompareOp::Le => matches!(order, Some(Ordering::Less | Ordering::Equal)),
                CompareOp::Gt => order == Some(Ordering::Greater),
                CompareOp::Ge => matches!(order, Some(Ordering::Greater | Ordering::Equal)),
            }
        }
    }
}
