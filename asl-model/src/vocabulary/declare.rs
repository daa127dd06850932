//! The declarations: `asl_object!` (an object and its fields),
//! `one_of!` (members that exclude each other) and `closed_enum!` (a closed
//! set of names). Each field is written once; the macros derive the struct,
//! its reader, its [`ObjectSpec`](super::ObjectSpec) and its visitor.
//!
//! ```text
//! asl_object! {
//! /// A Task state: ….
//! #[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
//! pub struct Task {
//!     /// `Comment`: free text.
//!     comment: Option<String> = opt("Comment", Text),
//!     /// `Resource`: what does the work (required).
//!     resource: Resource = req("Resource", Arn),
//!     /// `InputPath` (JSONPath): ….
//!     input_path: Option<Option<Path>> = opt("InputPath", NullablePath, JsonPath),
//!     /// `TimeoutSeconds` or `TimeoutSecondsPath`.
//!     timeout: Option<Timeout> = one_of,
//!     /// `Next` or `End` (default `End`).
//!     transition: Transition = special builder(default, setter(into)),
//! }
//! }
//! ```
//!
//! A field is `name: Type = form`, after its rustdoc:
//!
//! - `opt("Json", Kind[, Language])`: an optional member (`Option<Kind::Out>`);
//! - `req("Json", Kind[, Language])`: a required member, reported when
//!   missing (`req_silent`: the caller reports it);
//! - `one_of`: an `Option` of a [`OneOf`](super::kinds::OneOf) enum, whose
//!   variants are members that exclude each other;
//!   `one_of_required(fallback)`: the enum itself, `fallback(cx, loc)`
//!   reporting a missing one;
//! - `special`: a [`Special`](super::kinds::Special) type with a
//!   hand-written reader (`Transition`, `Condition`).
//!
//! A field may also be `..group`: the fields of a group several states
//! share (`head`, `data_flow`, `results`, `output`, `errors`), written once
//! in `state_fields!` (`asl-model/src/states/fields.rs`).
//!
//! `Kind` is a type of [`kinds`](super::kinds) (`Text`, `DynInt<1>`,
//! `Object<Credentials>`, …); `Language` is a [`Language`](super::Language)
//! variant (default `Both`). A trailing `builder(…)` replaces the default
//! typed-builder attribute. Every object gets `unknown_fields` last.
//!
//! An object derives (at least) `Serialize`, `JsonSchema` and `TypedBuilder`,
//! whose attributes the macro writes; each field is written under its JSON
//! name. `one_of!` and `closed_enum!` add their enums' derives themselves:
//! `Debug, Clone, PartialEq, Serialize, JsonSchema`, and for a closed enum
//! also `Copy, Eq, Hash`.

/// Declares an ASL object; see the module documentation.
#[doc(hidden)]
#[macro_export]
macro_rules! asl_object {
    (@lang) => { $crate::vocabulary::Language::Both };
    (@lang $l:ident) => { $crate::vocabulary::Language::$l };
    (@member $json:literal, $variant:expr, $kind:ty $(, $lang:ident)?) => {
        $crate::vocabulary::Member {
            json: $json,
            variant: $variant,
            kind: <$kind as $crate::vocabulary::kinds::Kind>::KIND,
            language: $crate::asl_object!(@lang $($lang)?),
        }
    };
    // a field's entry in the vocabulary table
    (@slot $field:ident, $required:literal, $shape:expr, $members:expr) => {
        $crate::vocabulary::SlotSpec {
            rust: stringify!($field),
            required: $required,
            shape: $shape,
            members: $members,
        }
    };
    // the entry of a field whose members a `OneOf` or `Special` type lists
    // (its shape is named after the trait)
    (@slot_of $field:ident, $required:literal, $trait:ident, $group:ty) => {
        $crate::asl_object!(@slot $field, $required,
            $crate::vocabulary::Shape::$trait(<$group as $crate::vocabulary::kinds::$trait>::NAME),
            <$group as $crate::vocabulary::kinds::$trait>::MEMBERS)
    };
    (@template) => { false };
    (@template template_keys) => { true };
    // a required member: reported when missing (`req`), or left to the caller
    (@take req, $cx:ident, $o:ident, $loc:ident, $json:literal, $kind:ty) => {
        $cx.req($o, $loc, $json, <$kind as $crate::vocabulary::kinds::Kind>::read)
    };
    (@take req_silent, $cx:ident, $o:ident, $loc:ident, $json:literal, $kind:ty) => {
        $o.take($json)
            .and_then(|x| <$kind as $crate::vocabulary::kinds::Kind>::read($cx, x, $loc.key($json)))
    };

    // ---- a group of fields: `..group` stands for the fields `state_fields!`
    // lists for it (`states/fields.rs`), which it hands back here
    (@munch $id:tt $head:tt $acc:tt ..$group:ident, $($rest:tt)*) => {
        $crate::state_fields! { $group ($id $head $acc) ($($rest)*) }
    };

    // ---- default builder attributes, per form
    // A field that may be `null` (`InputPath`, `OutputPath`, `ResultPath`)
    // takes a path string, a path, or `Null` (see `OrNull`).
    (@munch $id:tt $head:tt $acc:tt $(#[$fa:meta])* $field:ident : $ty:ty
        = opt($json:literal, NullablePath $(, $lang:ident)?), $($rest:tt)*) => {
        $crate::asl_object! { @nullable $crate::Path, $id $head $acc $(#[$fa])* $field : $ty
            = opt($json, NullablePath $(, $lang)?), $($rest)* }
    };
    (@munch $id:tt $head:tt $acc:tt $(#[$fa:meta])* $field:ident : $ty:ty
        = opt($json:literal, NullableRefPath $(, $lang:ident)?), $($rest:tt)*) => {
        $crate::asl_object! { @nullable $crate::ReferencePath, $id $head $acc $(#[$fa])* $field : $ty
            = opt($json, NullableRefPath $(, $lang)?), $($rest)* }
    };
    (@nullable $path:ty, $id:tt $head:tt $acc:tt $(#[$fa:meta])* $field:ident : $ty:ty
        = opt($($args:tt)*), $($rest:tt)*) => {
        $crate::asl_object! { @munch $id $head $acc
            $(#[$fa])* $field : $ty = opt($($args)*) builder(default, setter(
                transform = |path: impl Into<$crate::OrNull<$path>>| Some(path.into().0)
            )), $($rest)* }
    };
    (@munch $id:tt $head:tt $acc:tt
        $(#[$fa:meta])* $field:ident : $ty:ty = opt($($args:tt)*), $($rest:tt)*) => {
        $crate::asl_object! { @munch $id $head $acc
            $(#[$fa])* $field : $ty = opt($($args)*) builder(default, setter(into, strip_option)), $($rest)* }
    };
    (@munch $id:tt $head:tt $acc:tt
        $(#[$fa:meta])* $field:ident : $ty:ty = one_of, $($rest:tt)*) => {
        $crate::asl_object! { @munch $id $head $acc
            $(#[$fa])* $field : $ty = one_of builder(default, setter(into, strip_option)), $($rest)* }
    };
    (@munch $id:tt $head:tt $acc:tt
        $(#[$fa:meta])* $field:ident : $ty:ty = one_of_required($fallback:expr), $($rest:tt)*) => {
        $crate::asl_object! { @munch $id $head $acc
            $(#[$fa])* $field : $ty = one_of_required($fallback) builder(setter(into)), $($rest)* }
    };
    (@munch $id:tt $head:tt $acc:tt
        $(#[$fa:meta])* $field:ident : $ty:ty = special, $($rest:tt)*) => {
        $crate::asl_object! { @munch $id $head $acc
            $(#[$fa])* $field : $ty = special builder(setter(into)), $($rest)* }
    };
    // `req(…)` or `req_silent(…)` (after the other forms with parentheses)
    (@munch $id:tt $head:tt $acc:tt
        $(#[$fa:meta])* $field:ident : $ty:ty = $req:ident($($args:tt)*), $($rest:tt)*) => {
        $crate::asl_object! { @munch $id $head $acc
            $(#[$fa])* $field : $ty = $req($($args)*) builder(setter(into)), $($rest)* }
    };

    // ---- the forms
    (@munch ($cx:ident $o:ident $loc:ident $f:ident $v:ident) $head:tt [$($acc:tt)*]
        $(#[$fa:meta])* $field:ident : $ty:ty = opt($json:literal, $kind:ty $(, $lang:ident)?)
        builder($($b:tt)*), $($rest:tt)*) => {
        $crate::asl_object! { @munch ($cx $o $loc $f $v) $head [$($acc)* {
            [$(#[$fa])* #[serde(rename = $json, skip_serializing_if = "Option::is_none")] #[builder($($b)*)]]
            $field : $ty;
            slot { $crate::asl_object!(@slot $field, false, $crate::vocabulary::Shape::Field,
                &[$crate::asl_object!(@member $json, None, $kind $(, $lang)?)]) };
            read { $cx.opt($o, $loc, $json, <$kind as $crate::vocabulary::kinds::Kind>::read) };
            visit {
                const M: &$crate::vocabulary::Member = &$crate::asl_object!(@member $json, None, $kind $(, $lang)?);
                if let Some(x) = $v { <$kind as $crate::vocabulary::kinds::Kind>::visit(M, x, $f) }
            };
        }] $($rest)* }
    };
    (@munch ($cx:ident $o:ident $loc:ident $f:ident $v:ident) $head:tt [$($acc:tt)*]
        $(#[$fa:meta])* $field:ident : $ty:ty = one_of builder($($b:tt)*), $($rest:tt)*) => {
        $crate::asl_object! { @munch ($cx $o $loc $f $v) $head [$($acc)* {
            [$(#[$fa])* #[serde(flatten, skip_serializing_if = "Option::is_none")] #[builder($($b)*)]]
            $field : $ty;
            slot { $crate::asl_object!(@slot_of $field, false, OneOf, <$ty as $crate::vocabulary::kinds::Optional>::Group) };
            read { <<$ty as $crate::vocabulary::kinds::Optional>::Group as $crate::vocabulary::kinds::OneOf>::read($cx, $o, $loc) };
            visit { if let Some(x) = $v { $crate::vocabulary::kinds::OneOf::visit(x, $f) } };
        }] $($rest)* }
    };
    (@munch ($cx:ident $o:ident $loc:ident $f:ident $v:ident) $head:tt [$($acc:tt)*]
        $(#[$fa:meta])* $field:ident : $ty:ty = one_of_required($fallback:expr)
        builder($($b:tt)*), $($rest:tt)*) => {
        $crate::asl_object! { @munch ($cx $o $loc $f $v) $head [$($acc)* {
            [$(#[$fa])* #[serde(flatten)] #[builder($($b)*)]]
            $field : $ty;
            slot { $crate::asl_object!(@slot_of $field, true, OneOf, $ty) };
            read {
                match <$ty as $crate::vocabulary::kinds::OneOf>::read($cx, $o, $loc) {
                    Some(x) => x,
                    None => {
                        // A stand-in: what was written is not in the model.
                        $cx.mark_lossy();
                        ($fallback)($cx, $loc)
                    }
                }
            };
            visit { <$ty as $crate::vocabulary::kinds::OneOf>::visit($v, $f) };
        }] $($rest)* }
    };
    (@munch ($cx:ident $o:ident $loc:ident $f:ident $v:ident) $head:tt [$($acc:tt)*]
        $(#[$fa:meta])* $field:ident : $ty:ty = special builder($($b:tt)*), $($rest:tt)*) => {
        $crate::asl_object! { @munch ($cx $o $loc $f $v) $head [$($acc)* {
            [$(#[$fa])* #[serde(flatten)] #[builder($($b)*)]]
            $field : $ty;
            slot { $crate::asl_object!(@slot_of $field, true, Special, $ty) };
            read { <$ty as $crate::vocabulary::kinds::Special>::read($cx, $o, $loc) };
            visit { <$ty as $crate::vocabulary::kinds::Special>::visit($v, $f) };
        }] $($rest)* }
    };
    // `req` and `req_silent` differ only in how a missing member is reported
    (@munch ($cx:ident $o:ident $loc:ident $f:ident $v:ident) $head:tt [$($acc:tt)*]
        $(#[$fa:meta])* $field:ident : $ty:ty = $req:ident($json:literal, $kind:ty $(, $lang:ident)?)
        builder($($b:tt)*), $($rest:tt)*) => {
        $crate::asl_object! { @munch ($cx $o $loc $f $v) $head [$($acc)* {
            [$(#[$fa])* #[serde(rename = $json)] #[builder($($b)*)]]
            $field : $ty;
            slot { $crate::asl_object!(@slot $field, true, $crate::vocabulary::Shape::Field,
                &[$crate::asl_object!(@member $json, None, $kind $(, $lang)?)]) };
            read {
                $crate::asl_object!(@take $req, $cx, $o, $loc, $json, $kind)
                    .unwrap_or_else(<$ty as $crate::vocabulary::kinds::Fallback>::fallback)
            };
            visit {
                const M: &$crate::vocabulary::Member = &$crate::asl_object!(@member $json, None, $kind $(, $lang)?);
                <$kind as $crate::vocabulary::kinds::Kind>::visit(M, $v, $f)
            };
        }] $($rest)* }
    };

    // ---- all fields read: the struct and its impls
    (@munch ($cx:ident $o:ident $loc:ident $f:ident $v:ident)
        ($(#[$attr:meta])* $vis:vis struct $name:ident $(, $flag:ident)*)
        [$({
            [$(#[$fa:meta])*] $field:ident : $fty:ty;
            slot { $($slot:tt)* };
            read { $($read:tt)* };
            visit { $($visit:tt)* };
        })*]) => {
        $(#[$attr])*
        #[builder(doc)]
        $vis struct $name {
            $( $(#[$fa])* pub $field: $fty, )*
            /// Fields the model does not know, kept for a lossless round trip.
            #[serde(flatten)]
            #[schemars(skip)]
            #[builder(default)]
            pub unknown_fields: $crate::UnknownFields,
        }

        impl $crate::vocabulary::Described for $name {
            const SPEC: &'static $crate::vocabulary::ObjectSpec = &$crate::vocabulary::ObjectSpec {
                name: stringify!($name),
                slots: &[$($($slot)*),*],
                template_keys: $crate::asl_object!(@template $($flag)*),
            };
        }

        impl $crate::vocabulary::kinds::ReadObject for $name {
            fn read_fields(
                $cx: &mut $crate::de::Cx,
                $o: &mut $crate::de::Obj,
                $loc: $crate::pointer::Loc<'_>,
            ) -> Self {
                $( let $field: $fty = $($read)*; )*
                let mut unknown_fields = $o.take_rest();
                $cx.restore($loc, &mut unknown_fields);
                $name {
                    $($field,)*
                    unknown_fields,
                }
            }
        }

        impl $crate::vocabulary::AslObject for $name {
            fn spec(&self) -> &'static $crate::vocabulary::ObjectSpec {
                <Self as $crate::vocabulary::Described>::SPEC
            }

            fn unknown_fields(&self) -> &$crate::UnknownFields {
                &self.unknown_fields
            }

            fn visit<'a>(&'a self, $f: &mut dyn FnMut($crate::vocabulary::Seen<'a>)) {
                $({
                    let $v = &self.$field;
                    $($visit)*
                })*
            }
        }
    };

    // ---- the entry
    ($(#[$attr:meta])* $vis:vis struct $name:ident $(, $flag:ident)* { $($body:tt)* }) => {
        $crate::asl_object! { @munch (cx o loc f v) ($(#[$attr])* $vis struct $name $(, $flag)*) [] $($body)* }
    };
}

/// Declares an enum whose variants are members that exclude each other;
/// each variant is `Variant(Type) = ("Json", Kind[, Language])`.
#[doc(hidden)]
#[macro_export]
macro_rules! one_of {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$va:meta])* $variant:ident($vty:ty) = ($json:literal, $kind:ty $(, $lang:ident)?), )*
        }
    ) => {
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::schemars::JsonSchema)]
        $(#[$attr])*
        $vis enum $name {
            $( $(#[$va])* #[serde(rename = $json)] $variant($vty), )*
        }

        impl $crate::vocabulary::kinds::OneOf for $name {
            const NAME: &'static str = stringify!($name);
            const MEMBERS: &'static [$crate::vocabulary::Member] = &[$(
                $crate::asl_object!(@member $json, Some(stringify!($variant)), $kind $(, $lang)?)
            ),*];

            fn read(
                cx: &mut $crate::de::Cx,
                o: &mut $crate::de::Obj,
                loc: $crate::pointer::Loc<'_>,
            ) -> Option<Self> {
                // The first member present is kept; any other stays among
                // the unknown fields, where the validator reports it.
                $(
                    if let Some(v) = o.take($json) {
                        return <$kind as $crate::vocabulary::kinds::Kind>::read(cx, v, loc.key($json))
                            .map($name::$variant);
                    }
                )*
                None
            }

            fn member(&self) -> &'static str {
                match self {
                    $( $name::$variant(_) => $json, )*
                }
            }

            fn visit<'a>(&'a self, f: &mut dyn FnMut($crate::vocabulary::Seen<'a>)) {
                match self {
                    $( $name::$variant(x) => {
                        const M: &$crate::vocabulary::Member =
                            &$crate::asl_object!(@member $json, Some(stringify!($variant)), $kind $(, $lang)?);
                        <$kind as $crate::vocabulary::kinds::Kind>::visit(M, x, f)
                    } )*
                }
            }
        }
    };
}

/// Declares an enum of a closed set of names; each variant is
/// `Variant = "NAME"`.
#[doc(hidden)]
#[macro_export]
macro_rules! closed_enum {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$va:meta])* $variant:ident = $json:literal, )*
        }
    ) => {
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            ::serde::Serialize,
            ::schemars::JsonSchema
        )]
        $(#[$attr])*
        $vis enum $name {
            $( $(#[$va])* #[serde(rename = $json)] $variant, )*
        }

        impl $name {
            /// Every value, as written in ASL.
            pub const NAMES: &'static [&'static str] = &[$($json),*];

            /// The value as written in ASL.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $json, )*
                }
            }

            /// Parses the value as written in ASL.
            pub fn from_name(s: &str) -> Option<Self> {
                match s {
                    $( $json => Some($name::$variant), )*
                    _ => None,
                }
            }
        }

        impl $crate::vocabulary::kinds::ClosedEnum for $name {
            const SPEC: &'static $crate::vocabulary::EnumSpec = &$crate::vocabulary::EnumSpec {
                name: stringify!($name),
                values: &[$(($json, stringify!($variant))),*],
            };
            const NAMES: &'static [&'static str] = $name::NAMES;
            fn from_name(s: &str) -> Option<Self> {
                $name::from_name(s)
            }
        }
    };
}
