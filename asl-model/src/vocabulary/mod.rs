//! The ASL vocabulary: every object of the language, its fields in
//! canonical order, and what each field holds.
//!
//! Each object is declared once, in its module (`states/task.rs`, …), with
//! one line per field: its Rust name and type, its JSON name, the kind of
//! value it holds, whether it is required, its query language, and the
//! group of fields it excludes (`TimeoutSeconds | TimeoutSecondsPath`). That
//! declaration generates the struct (serde, schemars and typed-builder
//! attributes included), the lenient reader, and the [`ObjectSpec`] this
//! module describes, which the validator's field rules and the
//! `state_machine!` macro read.
//!
//! ```
//! use asl_core::vocabulary::{self, Language, Shape};
//!
//! let task = vocabulary::state("Task").unwrap();
//! let timeout = task.field("TimeoutSecondsPath").unwrap();
//! assert_eq!(timeout.rust, "timeout");
//! assert_eq!(timeout.shape, Shape::OneOf("Timeout"));
//! assert_eq!(timeout.variant, Some("Path"));
//! assert_eq!(timeout.language, Language::JsonPath);
//!
//! // Canonical order: the order of the serialized fields.
//! let names: Vec<&str> = task.fields().map(|f| f.json).take(4).collect();
//! assert_eq!(names, ["Comment", "QueryLanguage", "Resource", "InputPath"]);
//! ```

#[doc(hidden)]
pub mod declare;
#[doc(hidden)]
pub mod kinds;

use crate::UnknownFields;

/// One object of the language: a state type, or an object found in a field
/// (`Retry` elements, `ItemReader`, …), with its fields in canonical order.
#[derive(Debug, PartialEq)]
pub struct ObjectSpec {
    /// The object's name: the state type (`"Task"`) or the ASL name of the
    /// object (`"Retrier"`, `"ItemReader"`). It is also the name of the
    /// Rust type (`asl_core::Task`).
    pub name: &'static str,
    /// The Rust fields in canonical order, each with the JSON members it holds.
    pub slots: &'static [SlotSpec],
    /// Whether members named `key.$` that the object does not declare are
    /// payload-template fields (checked as paths) rather than unknown fields
    /// (`Credentials`). They are kept in `unknown_fields` either way.
    pub template_keys: bool,
}

/// One Rust field of an object and the JSON members it holds: one member,
/// or several that exclude each other.
#[derive(Debug, PartialEq)]
pub struct SlotSpec {
    /// The Rust field, which is also the builder's setter (`timeout`).
    pub rust: &'static str,
    /// Whether the reader reports the field when it is missing.
    pub required: bool,
    /// One member, members that exclude each other, or a hand-written reader.
    pub shape: Shape,
    /// The JSON members, in the order the reader looks for them.
    pub members: &'static [Member],
}

/// How the JSON members of a [`SlotSpec`] make one Rust field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One member, one field.
    Field,
    /// Members that exclude each other, held by the enum of that name
    /// (`Timeout`): the reader keeps the first one present and leaves the
    /// others in `unknown_fields`, where the validator reports the conflict.
    OneOf(&'static str),
    /// Members read by a small hand-written reader into the type of that
    /// name: `Transition` (`Next` or `End`) and a Choice Rule's `Condition`
    /// (a JSONata `Condition`, or `Variable` with one comparison operator,
    /// `And`, `Or` or `Not`).
    Special(&'static str),
}

/// One JSON member of a [`SlotSpec`].
#[derive(Debug, PartialEq)]
pub struct Member {
    /// The name as written in ASL.
    pub json: &'static str,
    /// The variant of the slot's enum that holds it (`Path` of `Timeout`),
    /// for the members of a [`Shape::OneOf`] or [`Shape::Special`] slot.
    pub variant: Option<&'static str>,
    /// What the value is.
    pub kind: ValueKind,
    /// The query languages the member belongs to.
    pub language: Language,
}

/// The query languages a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Both.
    Both,
    /// JSONPath states only (`InputPath`, `Parameters`, `…Path`).
    JsonPath,
    /// JSONata states only (`Arguments`, `Output`, `Items`).
    Jsonata,
    /// Both, but a JSONata expression as its value belongs to JSONata
    /// states only (`TimeoutSeconds: "{% … %}"`).
    JsonataWhenExpression,
}

/// What a field's value is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueKind {
    /// A string.
    Text,
    /// A string naming a state (`StartAt`, `Next`, `Default`).
    StateName,
    /// `"JSONPath"` or `"JSONata"`.
    QueryLanguage,
    /// An ARN naming what does the work (a Task's may also be a
    /// CloudFormation intrinsic).
    Resource,
    /// A JSONPath Path (`$.x`, `$$.Execution.Id`) or intrinsic call.
    Path,
    /// A JSONPath Reference Path (one node).
    ReferencePath,
    /// A Path, or `null`.
    NullablePath,
    /// A Reference Path, or `null`.
    NullableReferencePath,
    /// A JSONPath payload template (free-form JSON with `key.$` fields).
    PayloadTemplate,
    /// Free-form JSON (with `{% %}` expressions in JSONata states).
    Json,
    /// Variable assignments (a JSON object).
    Assign,
    /// An integer, at least `min`.
    Integer {
        /// The smallest value (0 or 1).
        min: u64,
    },
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// `true` (`End`).
    True,
    /// A list of error names (`ErrorEquals`).
    ErrorNames,
    /// A list of strings.
    Texts,
    /// One of a closed set of names.
    Enum(&'static EnumSpec),
    /// A nested object.
    Object(&'static ObjectSpec),
    /// A list of nested objects.
    List(&'static ObjectSpec),
    /// The states of a scope, by name.
    States,
    /// An integer (at least `min`), a JSONata expression or a `${Name}`
    /// substitution.
    DynamicInteger {
        /// The smallest value (0 or 1).
        min: u64,
    },
    /// A string, a JSONata expression or a substitution.
    DynamicText,
    /// A number, a JSONata expression or a substitution.
    DynamicNumber,
    /// A boolean, a JSONata expression or a substitution.
    DynamicBoolean,
    /// An array of free-form JSON, a JSONata expression or a substitution.
    DynamicArray,
    /// Nested Choice Rules (`And`, `Or`: a list; `Not`: one).
    Rules,
    /// A comparison operator with an operand of this kind (`NumericEquals`).
    Comparison(&'static ValueKind),
}

impl ValueKind {
    /// Whether the value is free-form JSON whose content is not ASL
    /// (payload templates, `Arguments`, `Output`, `Assign`, `Items`, …).
    pub fn is_payload(&self) -> bool {
        matches!(
            self,
            ValueKind::PayloadTemplate
                | ValueKind::Json
                | ValueKind::Assign
                | ValueKind::DynamicArray
        )
    }

    /// Whether the value may be a `Dynamic` (a literal, a JSONata
    /// expression, a substitution).
    pub fn is_dynamic(&self) -> bool {
        matches!(
            self,
            ValueKind::DynamicInteger { .. }
                | ValueKind::DynamicText
                | ValueKind::DynamicNumber
                | ValueKind::DynamicBoolean
                | ValueKind::DynamicArray
        )
    }

    /// Whether the value is a JSONPath (a `…Path` or `key.$` field).
    pub fn is_path(&self) -> bool {
        matches!(
            self,
            ValueKind::Path
                | ValueKind::ReferencePath
                | ValueKind::NullablePath
                | ValueKind::NullableReferencePath
        )
    }
}

/// A closed set of names (`ProcessorMode`: `INLINE`, `DISTRIBUTED`).
#[derive(Debug, PartialEq)]
pub struct EnumSpec {
    /// The Rust enum.
    pub name: &'static str,
    /// Each value as written in ASL, with its Rust variant.
    pub values: &'static [(&'static str, &'static str)],
}

/// One JSON member of an object, with the Rust field that holds it: a row
/// of the vocabulary table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSpec {
    /// The name as written in ASL (`TimeoutSecondsPath`).
    pub json: &'static str,
    /// The Rust field and builder setter (`timeout`).
    pub rust: &'static str,
    /// How the field's members make the Rust field; [`Shape::OneOf`] names
    /// the exclusion group.
    pub shape: Shape,
    /// The variant of the group's enum (`Path`), for group members.
    pub variant: Option<&'static str>,
    /// Whether the reader reports the field (or its group) when missing.
    pub required: bool,
    /// The query languages the field belongs to.
    pub language: Language,
    /// What the value is.
    pub kind: ValueKind,
}

impl FieldSpec {
    /// The exclusion group (the enum holding the members), if any.
    pub fn group(&self) -> Option<&'static str> {
        match self.shape {
            Shape::OneOf(g) => Some(g),
            Shape::Field | Shape::Special(_) => None,
        }
    }
}

impl ObjectSpec {
    /// Every JSON member, in canonical order (a group's members in the
    /// order the reader looks for them).
    pub fn fields(&self) -> impl Iterator<Item = FieldSpec> {
        self.slots.iter().flat_map(|slot| {
            slot.members.iter().map(move |m| FieldSpec {
                json: m.json,
                rust: slot.rust,
                shape: slot.shape,
                variant: m.variant,
                required: slot.required,
                language: m.language,
                kind: m.kind,
            })
        })
    }

    /// The member named `json`.
    pub fn field(&self, json: &str) -> Option<FieldSpec> {
        self.fields().find(|f| f.json == json)
    }

    /// The slot that holds the member named `json`.
    pub fn slot(&self, json: &str) -> Option<&'static SlotSpec> {
        self.slots
            .iter()
            .find(|s| s.members.iter().any(|m| m.json == json))
    }
}

/// A value of an object met by [`AslObject::visit`].
#[derive(Clone, Copy)]
pub enum Seen<'a> {
    /// A member that is present and holds a value.
    Value {
        /// The member.
        member: &'static Member,
        /// What form its value takes (literal, JSONata, path, substitution).
        form: Form,
    },
    /// A member that holds a nested object, or one element of a list of them.
    Object {
        /// The member.
        member: &'static Member,
        /// The element's index, in a list (`Retry/0`).
        index: Option<usize>,
        /// The object.
        object: &'a dyn AslObject,
    },
}

/// The form of a value: for [`Dynamic`](crate::Dynamic) fields, which
/// variant; every other value is a literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A literal value.
    Literal,
    /// A JSONPath read at run time (`Dynamic::Path`).
    Path,
    /// A JSONata expression.
    Jsonata,
    /// A `${Name}` substitution.
    Substitution,
}

/// A type of the model described by the vocabulary.
pub trait Described {
    /// Its description.
    const SPEC: &'static ObjectSpec;
}

/// A value of the model described by the vocabulary: what the validator's
/// field rules walk.
pub trait AslObject {
    /// Its description.
    fn spec(&self) -> &'static ObjectSpec;
    /// The fields the model does not know.
    fn unknown_fields(&self) -> &UnknownFields;
    /// Calls `f` for each member present, in canonical order (a group's
    /// member under the name it was written with). Nested objects are not
    /// entered; the states of a scope are not visited.
    fn visit<'a>(&'a self, f: &mut dyn FnMut(Seen<'a>));
}

/// Every object of the model below the document (the document is
/// `asl_core::StateMachine`, described by its own [`Described::SPEC`]).
pub fn objects() -> &'static [&'static ObjectSpec] {
    use crate::*;
    const ALL: &[&ObjectSpec] = &[
        Task::SPEC,
        Pass::SPEC,
        Choice::SPEC,
        Wait::SPEC,
        Succeed::SPEC,
        Fail::SPEC,
        Parallel::SPEC,
        Map::SPEC,
        Credentials::SPEC,
        Retrier::SPEC,
        Catcher::SPEC,
        ChoiceRule::SPEC,
        Branch::SPEC,
        ItemProcessor::SPEC,
        ProcessorConfig::SPEC,
        ItemReader::SPEC,
        ReaderConfig::SPEC,
        ItemBatcher::SPEC,
        ResultWriter::SPEC,
        WriterConfig::SPEC,
    ];
    ALL
}

/// The eight state types, in the order ASL lists them.
pub fn states() -> &'static [&'static ObjectSpec] {
    objects().get(..8).unwrap_or_default()
}

/// The state type named `type_name` (`"Task"`).
pub fn state(type_name: &str) -> Option<&'static ObjectSpec> {
    states().iter().copied().find(|s| s.name == type_name)
}
