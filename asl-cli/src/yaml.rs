//! YAML as JSON: a YAML document read into a [`serde_json::Value`], with the
//! line and column of every value (by JSON pointer) and CloudFormation's
//! short-form tags (`!Ref X`, `!Sub s`, `!GetAtt A.B`, `!Join [...]`, …)
//! turned into their long forms (`{"Ref": "X"}`, `{"Fn::Sub": "s"}`, …).

use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// How deep collections may nest (deeper ones are an error, not a stack
/// overflow further on).
const MAX_DEPTH: usize = 500;
/// How many values a document may expand to, aliases included (a "billion
/// laughs" document is an error, not all the memory there is). A template
/// or a definition is at most 1 MB of text.
const MAX_NODES: usize = 1_000_000;

/// Where each value is: JSON pointer (`/` for the document) to its 1-based
/// line and column. For an object member, where its key starts; for an
/// array element, the element.
pub type Positions = HashMap<String, (usize, usize)>;

/// Why a text is not a YAML document this tool can read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
}

impl Error {
    fn at(mark: Marker, message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            line: mark.line(),
            column: mark.col() + 1,
        }
    }
}

/// The error of a document that expands to too many values.
fn too_many(mark: Marker) -> Error {
    Error::at(
        mark,
        format!("the document expands to more than {MAX_NODES} values (aliases included)"),
    )
}

/// A collection being read.
struct Frame {
    kind: Kind,
    /// The pointer of the collection's own members (inside the long form
    /// for a tagged collection: `/X/Fn::Join`).
    pointer: String,
    /// The CloudFormation function a tag names, wrapped around the value
    /// when it is complete.
    function: Option<&'static str>,
    anchor: usize,
    /// Values in this collection so far (itself included).
    nodes: usize,
    /// The collection's own pointer and start, when its position was taken
    /// from that start: a block mapping's start event comes after its first
    /// key, so that key's start is the mapping's.
    own: Option<(String, Marker)>,
}

enum Kind {
    Sequence(Vec<Value>),
    /// The members, and the key waiting for its value.
    Mapping(Map<String, Value>, Option<String>),
}

/// The CloudFormation function of a short-form tag (`!Ref` → `Ref`,
/// `!Sub` → `Fn::Sub`); `None` for any other tag.
fn function(tag: Option<&Tag>) -> Option<&'static str> {
    let tag = tag.filter(|t| t.handle == "!")?;
    Some(match tag.suffix.as_str() {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "Sub" => "Fn::Sub",
        "GetAtt" => "Fn::GetAtt",
        "Join" => "Fn::Join",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "If" => "Fn::If",
        "Equals" => "Fn::Equals",
        "And" => "Fn::And",
        "Or" => "Fn::Or",
        "Not" => "Fn::Not",
        "FindInMap" => "Fn::FindInMap",
        "Base64" => "Fn::Base64",
        "Cidr" => "Fn::Cidr",
        "GetAZs" => "Fn::GetAZs",
        "ImportValue" => "Fn::ImportValue",
        "Transform" => "Fn::Transform",
        "Length" => "Fn::Length",
        "ToJsonString" => "Fn::ToJsonString",
        _ => return None,
    })
}

/// `{"Fn::X": value}`; `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`.
fn wrap(function: &str, value: Value) -> Value {
    let value = match (function, value) {
        ("Fn::GetAtt", Value::String(s)) => match s.split_once('.') {
            Some((resource, attribute)) => Value::Array(vec![resource.into(), attribute.into()]),
            None => Value::String(s),
        },
        (_, value) => value,
    };
    let mut map = Map::new();
    map.insert(function.to_owned(), value);
    Value::Object(map)
}

/// A scalar as JSON: quoted ones and `!!str` are strings; plain ones follow
/// YAML 1.2's core schema (null, booleans, integers, floats; `.inf` and
/// `.nan`, which JSON cannot hold, stay strings).
fn scalar(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    let core = tag.filter(|t| t.handle == "tag:yaml.org,2002:" || t.handle == "!!");
    match core.map(|t| t.suffix.as_str()) {
        Some("str") => return Value::String(text),
        Some("int" | "float" | "bool" | "null") => {}
        _ if style != TScalarStyle::Plain || tag.is_some() => return Value::String(text),
        _ => {}
    }
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    number(&text).map_or(Value::String(text), Value::Number)
}

/// A plain scalar that is a number in YAML 1.2's core schema.
fn number(text: &str) -> Option<Number> {
    let radix = |prefix: &str, radix: u32| {
        text.strip_prefix(prefix)
            .filter(|digits| !digits.is_empty())
            .and_then(|digits| u64::from_str_radix(digits, radix).ok())
            .map(Number::from)
    };
    if let Some(n) = radix("0x", 16).or_else(|| radix("0o", 8)) {
        return Some(n);
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let first = unsigned.chars().next()?;
    if !(first.is_ascii_digit() || first == '.') {
        return None;
    }
    if unsigned.chars().all(|c| c.is_ascii_digit()) {
        let digits = text.strip_prefix('+').unwrap_or(text);
        if let Ok(n) = digits.parse::<i64>() {
            return Some(Number::from(n));
        }
        if let Ok(n) = digits.parse::<u64>() {
            return Some(Number::from(n));
        }
    }
    let float_chars = unsigned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'));
    if !float_chars || !unsigned.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

/// Reads the one document of `text`: its value and where each value is.
pub fn parse(text: &str) -> Result<(Value, Positions), Error> {
    let mut parser = Parser::new_from_str(text);
    let mut reader = Reader::default();
    let mut documents = 0;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| Error {
            message: e.info().to_owned(),
            line: e.marker().line(),
            column: e.marker().col() + 1,
        })?;
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(Error::at(
                        mark,
                        "a second YAML document (`---`): a definition or template is one document",
                    ));
                }
            }
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            event => reader.event(event, mark)?,
        }
    }
    Ok((reader.root.unwrap_or(Value::Null), reader.positions))
}

#[derive(Default)]
struct Reader {
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, usize)>,
    positions: Positions,
    root: Option<Value>,
    nodes: usize,
}

impl Reader {
    fn event(&mut self, event: Event, mark: Marker) -> Result<(), Error> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let function = function(tag.as_ref());
                let key = self.expects_key();
                let value = match function {
                    // A key is its text, whatever it looks like.
                    _ if key => Value::String(text),
                    Some(f) => wrap(f, scalar(text, style, None)),
                    None => scalar(text, style, tag.as_ref()),
                };
                self.start(mark);
                self.value(value, 1, anchor, mark)
            }
            Event::Alias(id) => {
                let Some((value, nodes)) = self.anchors.get(&id) else {
                    return Err(Error::at(
                        mark,
                        "an alias (`*name`) with no anchor before it",
                    ));
                };
                if self.nodes.saturating_add(*nodes) > MAX_NODES {
                    return Err(too_many(mark));
                }
                let (value, nodes) = (value.clone(), *nodes);
                self.start(mark);
                self.value(value, nodes, 0, mark)
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(Kind::Sequence(Vec::new()), anchor, tag, mark)
            }
            Event::MappingStart(anchor, tag) => {
                self.open(Kind::Mapping(Map::new(), None), anchor, tag, mark)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Err(Error::at(
                        mark,
                        "the end of a collection that never started",
                    ));
                };
                let value = match frame.kind {
                    Kind::Sequence(items) => Value::Array(items),
                    Kind::Mapping(map, _) => Value::Object(map),
                };
                let value = match frame.function {
                    Some(f) => wrap(f, value),
                    None => value,
                };
                self.value(value, frame.nodes, frame.anchor, mark)
            }
            _ => Ok(()),
        }
    }

    /// A collection starts.
    fn open(
        &mut self,
        kind: Kind,
        anchor: usize,
        tag: Option<Tag>,
        mark: Marker,
    ) -> Result<(), Error> {
        if self.expects_key() {
            return Err(Error::at(
                mark,
                "a mapping key must be a scalar, not a sequence or mapping",
            ));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(Error::at(
                mark,
                format!("collections nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        let mut pointer = self.start(mark);
        // The root's and an element's positions are their starts; a
        // member's is its key's.
        let own = match self.stack.last().map(|f| &f.kind) {
            None => Some(("/".to_owned(), mark)),
            Some(Kind::Sequence(_)) => Some((pointer.clone(), mark)),
            Some(Kind::Mapping(..)) => None,
        };
        let function = function(tag.as_ref());
        if let Some(f) = function {
            pointer = format!("{pointer}/{}", asl_core::pointer::escape(f));
        }
        self.stack.push(Frame {
            kind,
            pointer,
            function,
            anchor,
            nodes: 1,
            own,
        });
        Ok(())
    }

    /// Whether the next value is a mapping key.
    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                kind: Kind::Mapping(_, None),
                ..
            })
        )
    }

    /// A value starts at `mark`: records where it is (keys are recorded
    /// with the member's pointer when the member's value starts) and
    /// returns its pointer.
    fn start(&mut self, mark: Marker) -> String {
        let at = (mark.line(), mark.col() + 1);
        let pointer = match self.stack.last() {
            None => {
                self.positions.insert("/".to_owned(), at);
                return String::new();
            }
            Some(frame) => match &frame.kind {
                Kind::Sequence(items) => format!("{}/{}", frame.pointer, items.len()),
                Kind::Mapping(_, None) => {
                    // A key: the member's pointer is known once it is read.
                    return String::new();
                }
                Kind::Mapping(_, Some(key)) => {
                    return format!("{}/{}", frame.pointer, asl_core::pointer::escape(key));
                }
            },
        };
        self.positions.entry(pointer.clone()).or_insert(at);
        pointer
    }

    /// A complete value (of `nodes` values) goes into its parent.
    fn value(
        &mut self,
        value: Value,
        nodes: usize,
        anchor: usize,
        mark: Marker,
    ) -> Result<(), Error> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > MAX_NODES {
            return Err(too_many(mark));
        }

        if anchor > 0 {
            self.anchors.insert(anchor, (value.clone(), nodes));
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(value);
            return Ok(());
        };
        frame.nodes = frame.nodes.saturating_add(nodes);
        match &mut frame.kind {
            Kind::Sequence(items) => items.push(value),
            Kind::Mapping(map, pending) => match pending.take() {
                None => {
                    let key = match value {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    if map.contains_key(&key) {
                        return Err(Error::at(mark, format!("the key '{key}' is repeated")));
                    }
                    if let Some((own, start)) = frame.own.take() {
                        if mark.index() < start.index() {
                            self.positions.insert(own, (mark.line(), mark.col() + 1));
                        }
                    }
                    let pointer = format!("{}/{}", frame.pointer, asl_core::pointer::escape(&key));
                    self.positions
                        .insert(pointer, (mark.line(), mark.col() + 1));
                    *pending = Some(key);
                }
                Some(key) => {
                    map.insert(key, value);
                }
            },
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;
    use serde_json::json;

    #[test]
    fn scalars_follow_the_core_schema_and_quotes_make_strings() {
        let (value, _) = parse(
            "a: 1\nb: -2.5\nc: true\nd: ~\ne: '1'\nf: 0x1F\ng: .inf\nh: 1e3\ni: !!str 2\nj: 12345678901234567890\nk: 2024-01-01\nl: \"${X}\"\nm:\n",
        )
        .unwrap();
        assert_eq!(
            value,
            json!({"a": 1, "b": -2.5, "c": true, "d": null, "e": "1", "f": 31, "g": ".inf",
                   "h": 1000.0, "i": "2", "j": 12345678901234567890u64, "k": "2024-01-01",
                   "l": "${X}", "m": null})
        );
    }

    #[test]
    fn cloudformation_short_forms_become_long_forms() {
        let (value, _) = parse(
            "a: !Ref Bucket\nb: !GetAtt Fn.Arn\nc: !Sub 'arn:${AWS::Region}'\nd: !Join ['', [x, !Ref Y]]\ne: !Sub\n  - '${A}'\n  - A: 1\nf: !Custom 3\n",
        )
        .unwrap();
        assert_eq!(
            value,
            json!({
                "a": {"Ref": "Bucket"},
                "b": {"Fn::GetAtt": ["Fn", "Arn"]},
                "c": {"Fn::Sub": "arn:${AWS::Region}"},
                "d": {"Fn::Join": ["", ["x", {"Ref": "Y"}]]},
                "e": {"Fn::Sub": ["${A}", {"A": 1}]},
                "f": "3"
            })
        );
    }

    #[test]
    fn positions_are_keys_and_elements() {
        let (_, positions) = parse(
            "StartAt: A\nStates:\n  A:\n    Type: Pass\n    List:\n      - x\n      - {y: 1}\n",
        )
        .unwrap();
        assert_eq!(positions["/"], (1, 1));
        assert_eq!(positions["/StartAt"], (1, 1));
        assert_eq!(positions["/States/A"], (3, 3));
        assert_eq!(positions["/States/A/Type"], (4, 5));
        assert_eq!(positions["/States/A/List/1"], (7, 9));
        assert_eq!(positions["/States/A/List/1/y"], (7, 10));
    }

    #[test]
    fn anchors_aliases_and_bad_documents() {
        let (value, _) = parse("a: &x {b: 1}\nc: *x\n").unwrap();
        assert_eq!(value, json!({"a": {"b": 1}, "c": {"b": 1}}));
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (2, "the key 'a' is repeated"));
        assert!(parse("? [a]\n: b\n")
            .unwrap_err()
            .message
            .contains("must be a scalar"));
        assert!(parse("a: [\n").is_err());
        assert!(parse("a: 1\n---\nb: 2\n")
            .unwrap_err()
            .message
            .contains("second YAML document"));
        assert!(parse("a: *nope\n").is_err());
        // yaml-rust2 refuses deep flow nesting itself; block nesting is ours.
        let flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&flow).is_err());
        let block: String = (0..=MAX_DEPTH)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert!(parse(&block).unwrap_err().message.contains("nested deeper"));
        // A billion laughs: each level doubles.
        let mut bomb = String::from("a0: &a0 [x, x]\n");
        for i in 1..40 {
            bomb.push_str(&format!("a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
        }
        assert!(parse(&bomb)
            .unwrap_err()
            .message
            .contains("expands to more than"));
        assert_eq!(parse("").unwrap().0, Value::Null);
    }
}
