//! The kinds of value a field may hold, as types: each reads its value
//! (with the reader's messages), names its [`ValueKind`] and tells the
//! [`Form`] of a value. The declarations (`declare.rs`) name them:
//! `opt("TimeoutSeconds", DynInt<1>)`.
//!
//! Reader machinery shared with asl-core; not a stable API.

use super::{AslObject, Described, EnumSpec, Form, Member, Seen, ValueKind};
use crate::de::{Cx, Obj};
use crate::json::Json;
use crate::pointer::Loc;
use crate::{Assign, Dynamic, PayloadTemplate, ReferencePath, States};
use serde_json::{Number, Value};
use std::marker::PhantomData;

/// A kind of value: how to read it, and what it is.
pub trait Kind {
    /// The Rust value read.
    type Out;
    /// What the vocabulary calls it.
    const KIND: ValueKind;
    /// Reads a value, reporting a problem at `loc`.
    fn read(cx: &mut Cx, v: Json, loc: Loc<'_>) -> Option<Self::Out>;
    /// The form of a value read.
    fn form(_: &Self::Out) -> Form {
        Form::Literal
    }
    /// Reports a value present as `member` (nested objects as objects).
    fn visit<'a>(member: &'static Member, v: &'a Self::Out, f: &mut dyn FnMut(Seen<'a>)) {
        f(Seen::Value {
            member,
            form: Self::form(v),
        });
    }
}

/// The form of a [`Dynamic`].
pub fn dynamic_form<T>(v: &Dynamic<T>) -> Form {
    match v {
        Dynamic::Value(_) => Form::Literal,
        Dynamic::Path(_) => Form::Path,
        Dynamic::Jsonata(_) => Form::Jsonata,
        Dynamic::Substitution(_) => Form::Substitution,
    }
}

macro_rules! kinds {
    ($( $(#[$doc:meta])* $name:ident => $out:ty, $kind:expr, |$cx:ident, $v:ident, $l:ident| $read:expr; )*) => {$(
        $(#[$doc])*
        pub struct $name;
        impl Kind for $name {
            type Out = $out;
            const KIND: ValueKind = $kind;
            fn read($cx: &mut Cx, $v: Json, $l: Loc<'_>) -> Option<$out> {
                $read
            }
        }
    )*};
}

kinds! {
    /// A string.
    Text => String, ValueKind::Text, |cx, v, l| cx.string(v, l);
    /// A state name.
    StateName => String, ValueKind::StateName, |cx, v, l| cx.string(v, l);
    /// `QueryLanguage`.
    QueryLang => crate::QueryLanguage, ValueKind::QueryLanguage, |cx, v, l| cx.query_language(v, l);
    /// A resource ARN, or a CloudFormation intrinsic object.
    Arn => crate::Resource, ValueKind::Resource, |cx, v, l| cx.resource(v, l);
    /// A resource ARN (a string).
    ArnText => crate::Resource, ValueKind::Resource, |cx, v, l| cx.string(v, l).map(crate::Resource::new);
    /// A Path.
    PathText => crate::Path, ValueKind::Path, |cx, v, l| cx.path(v, l);
    /// A Reference Path.
    RefPath => ReferencePath, ValueKind::ReferencePath, |cx, v, l| cx.reference_path(v, l);
    /// A Path or `null`.
    NullablePath => Option<crate::Path>, ValueKind::NullablePath, |cx, v, l| cx.nullable_path(v, l);
    /// A Reference Path or `null`.
    NullableRefPath => Option<ReferencePath>, ValueKind::NullableReferencePath,
        |cx, v, l| cx.nullable_reference_path(v, l);
    /// A payload template (any JSON).
    Template => PayloadTemplate, ValueKind::PayloadTemplate, |_cx, v, _l| Some(PayloadTemplate(v.into_value()));
    /// Any JSON.
    AnyJson => Value, ValueKind::Json, |_cx, v, _l| Some(v.into_value());
    /// `Assign`: an object.
    Variables => Assign, ValueKind::Assign, |cx, v, l| cx.assign(v, l);
    /// A number.
    Num => Number, ValueKind::Number, |cx, v, l| cx.number(v, l);
    /// Error names.
    Names => Vec<String>, ValueKind::ErrorNames, |cx, v, l| cx.strings(v, l);
    /// Strings.
    Texts => Vec<String>, ValueKind::Texts, |cx, v, l| cx.strings(v, l);
    /// States by name.
    StatesMap => States, ValueKind::States, |cx, v, l| Some(cx.states(v, l));
}

/// The message for an integer of at least `min`.
const fn integer(min: u64) -> &'static str {
    if min == 0 {
        "a non-negative integer"
    } else {
        "a positive integer"
    }
}

/// An integer, at least `MIN` (the reader only checks that it is one).
pub struct Int<const MIN: u64>;
impl<const MIN: u64> Kind for Int<MIN> {
    type Out = u64;
    const KIND: ValueKind = ValueKind::Integer { min: MIN };
    fn read(cx: &mut Cx, v: Json, loc: Loc<'_>) -> Option<u64> {
        cx.uint(v, loc, integer(MIN))
    }
}

macro_rules! dynamic_kinds {
    ($( $(#[$doc:meta])* $name:ident $(<const $min:ident: u64>)? => $out:ty, $kind:expr, |$cx:ident, $v:ident, $l:ident| $read:expr; )*) => {$(
        $(#[$doc])*
        pub struct $name $(<const $min: u64>)?;
        impl $(<const $min: u64>)? Kind for $name $(<$min>)? {
            type Out = Dynamic<$out>;
            const KIND: ValueKind = $kind;
            fn read($cx: &mut Cx, $v: Json, $l: Loc<'_>) -> Option<Dynamic<$out>> {
                $read
            }
            fn form(v: &Dynamic<$out>) -> Form {
                dynamic_form(v)
            }
        }
    )*};
}

dynamic_kinds! {
    /// An integer (at least `MIN`), a JSONata expression or a substitution.
    DynInt<const MIN: u64> => u64, ValueKind::DynamicInteger { min: MIN },
        |cx, v, l| cx.uint_or_jsonata(v, l, integer(MIN));
    /// A string, a JSONata expression or a substitution.
    DynText => String, ValueKind::DynamicText, |cx, v, l| cx.string_or_jsonata(v, l);
    /// A number from 0 to 100, a JSONata expression or a substitution.
    DynPercent => Number, ValueKind::DynamicNumber, |cx, v, l| {
        cx.jsonata_or(v, l, "a number from 0 to 100", |_, v| match v {
            Json::Number(n) => Ok(n),
            other => Err(other),
        })
    };
    /// A boolean, a JSONata expression or a substitution.
    DynBool => bool, ValueKind::DynamicBoolean, |cx, v, l| {
        cx.jsonata_or(v, l, "a boolean", |_, v| match v {
            Json::Bool(b) => Ok(b),
            other => Err(other),
        })
    };
    /// An array, a JSONata expression or a substitution.
    DynArray => Vec<Value>, ValueKind::DynamicArray, |cx, v, l| {
        cx.jsonata_or(v, l, "an array", |_, v| match v {
            Json::Array(a) => Ok(a.into_iter().map(Json::into_value).collect()),
            other => Err(other),
        })
    };
}

/// An enum of a closed set of names.
pub trait ClosedEnum: Sized + 'static {
    /// Its values.
    const SPEC: &'static EnumSpec;
    /// Every value, as written in ASL.
    const NAMES: &'static [&'static str];
    /// Parses a value as written in ASL.
    fn from_name(s: &str) -> Option<Self>;
}

/// One of the names of the enum `E`.
pub struct Closed<E>(PhantomData<E>);
impl<E: ClosedEnum> Kind for Closed<E> {
    type Out = E;
    const KIND: ValueKind = ValueKind::Enum(E::SPEC);
    fn read(cx: &mut Cx, v: Json, loc: Loc<'_>) -> Option<E> {
        match crate::de::json_str(&v).and_then(E::from_name) {
            Some(e) => Some(e),
            None => cx.expected(loc, &format!("one of [{}]", E::NAMES.join(", ")), &v),
        }
    }
}

/// An object of the model, read field by field (the reader of each object
/// is generated by its declaration).
pub trait ReadObject: Sized {
    /// Reads the fields of `o`; what no field claims is kept as unknown.
    fn read_fields(cx: &mut Cx, o: &mut Obj, loc: Loc<'_>) -> Self;
}

/// A nested object.
pub struct Object<T>(PhantomData<T>);
impl<T: ReadObject + Described + AslObject + 'static> Kind for Object<T> {
    type Out = T;
    const KIND: ValueKind = ValueKind::Object(T::SPEC);
    fn read(cx: &mut Cx, v: Json, loc: Loc<'_>) -> Option<T> {
        let mut o = cx.object(v, loc)?;
        Some(T::read_fields(cx, &mut o, loc))
    }
    fn visit<'a>(member: &'static Member, v: &'a T, f: &mut dyn FnMut(Seen<'a>)) {
        f(Seen::Object {
            member,
            index: None,
            object: v,
        });
    }
}

/// A list of nested objects; elements that are not objects are reported
/// and left out.
pub struct List<T>(PhantomData<T>);
impl<T: ReadObject + Described + AslObject + 'static> Kind for List<T> {
    type Out = Vec<T>;
    const KIND: ValueKind = ValueKind::List(T::SPEC);
    fn read(cx: &mut Cx, v: Json, loc: Loc<'_>) -> Option<Vec<T>> {
        let items = cx.array(v, loc)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let l = loc.index(i);
            if let Some(mut o) = cx.object(item, l) {
                out.push(T::read_fields(cx, &mut o, l));
            }
        }
        Some(out)
    }
    fn visit<'a>(member: &'static Member, v: &'a Vec<T>, f: &mut dyn FnMut(Seen<'a>)) {
        for (i, object) in v.iter().enumerate() {
            f(Seen::Object {
                member,
                index: Some(i),
                object,
            });
        }
    }
}

/// An enum whose variants are members that exclude each other
/// (`Timeout`: `TimeoutSeconds` | `TimeoutSecondsPath`), declared with
/// `one_of!`.
pub trait OneOf: Sized {
    /// The enum's name.
    const NAME: &'static str;
    /// Its members, in the order the reader looks for them.
    const MEMBERS: &'static [Member];
    /// Reads the first member present; the others stay in `o`.
    fn read(cx: &mut Cx, o: &mut Obj, loc: Loc<'_>) -> Option<Self>;
    /// The JSON name of the member held.
    fn member(&self) -> &'static str;
    /// Reports the member held.
    fn visit<'a>(&'a self, f: &mut dyn FnMut(Seen<'a>));
}

/// An optional group: `Option<G>` for a [`OneOf`] enum `G`.
pub trait Optional {
    /// The enum.
    type Group: OneOf;
}

impl<G: OneOf> Optional for Option<G> {
    type Group = G;
}

/// A field read by a small hand-written reader (`Transition`, a Choice
/// Rule's `Condition`).
pub trait Special: Sized {
    /// The type's name.
    const NAME: &'static str;
    /// The members it reads.
    const MEMBERS: &'static [Member];
    /// Reads the field (always gives a value; problems are reported).
    fn read(cx: &mut Cx, o: &mut Obj, loc: Loc<'_>) -> Self;
    /// Reports the members present.
    fn visit<'a>(&'a self, f: &mut dyn FnMut(Seen<'a>));
}

/// What a required field holds when it is missing (the reader reported it).
pub trait Fallback {
    /// The stand-in.
    fn fallback() -> Self;
}

impl Fallback for String {
    fn fallback() -> Self {
        String::new()
    }
}

impl<T> Fallback for Vec<T> {
    fn fallback() -> Self {
        Vec::new()
    }
}

impl Fallback for States {
    fn fallback() -> Self {
        States::default()
    }
}

impl Fallback for crate::Resource {
    fn fallback() -> Self {
        crate::Resource::new("")
    }
}

/// The operand of a comparison operator, by its Rust type: its kind and
/// its reader.
pub trait Operand: Sized {
    /// The operand's kind.
    const KIND: &'static ValueKind;
    /// Reads the operand.
    fn read(cx: &mut Cx, v: Json, loc: Loc<'_>) -> Option<Self>;
}

/// The operands of a JSON type: its kind and the reader's method for it.
macro_rules! json_operand {
    ($($ty:ty => $kind:ident, $read:ident;)*) => {$(
        impl Operand for $ty {
            const KIND: &'static ValueKind = &ValueKind::$kind;
            fn read(cx: &mut Cx, v: Json, loc: Loc<'_>) -> Option<Self> {
                cx.$read(v, loc)
            }
        }
    )*};
}

json_operand! {
    String => Text, string;
    Number => Number, number;
    bool => Boolean, boolean;
}

impl Operand for ReferencePath {
    const KIND: &'static ValueKind = &ValueKind::ReferencePath;
    fn read(cx: &mut Cx, v: Json, loc: Loc<'_>) -> Option<Self> {
        match v {
            Json::String(s) => Some(ReferencePath::new(s)),
            other => cx.expected(loc, "a reference path string", &other),
        }
    }
}
