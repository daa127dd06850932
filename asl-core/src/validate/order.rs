//! Document order for the diagnostics of a machine that has no text.
//!
//! The order is the one of the machine's JSON form: the fields of each
//! object in canonical order (the order its vocabulary declaration gives
//! its `Serialize` impl: `Type` first, then the declared fields, then
//! `unknown_fields`), the states of a `States` object in their `IndexMap`
//! order, array elements by index, payload members in their map's order.
//! Nothing is written out: the machine's `Serialize` impl is driven through
//! a [`Serializer`] that only follows the members named by a wanted
//! location, gives each a rank as it is met, and skips everything else
//! without looking inside. The cost is the number of members of the objects
//! on the wanted paths, not the size of the machine.
//!
//! A location that is not in the machine ranks as its nearest ancestor that
//! is (as with a text, where such a location has no position of its own).

use serde::ser::{self, Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;

/// The wanted locations, as a tree of their (escaped) reference tokens.
#[derive(Default)]
struct Trie {
    /// Per node: its children by escaped token.
    keys: Vec<HashMap<String, usize>>,
    /// Per node: its children whose token is an array index (`0`, `17`).
    indices: Vec<HashMap<usize, usize>>,
    /// Per node: its rank once met (the document is 0).
    rank: Vec<Option<usize>>,
}

impl Trie {
    fn new() -> Self {
        let mut t = Trie::default();
        t.node();
        t
    }

    fn node(&mut self) -> usize {
        self.keys.push(HashMap::new());
        self.indices.push(HashMap::new());
        self.rank.push(None);
        self.rank.len() - 1
    }

    /// The segments of a pointer, escaped as written; `None` for a string
    /// that is not a pointer (`""` and `"/"` are the document).
    fn segments(pointer: &str) -> Option<impl Iterator<Item = &str>> {
        let root = matches!(pointer, "" | "/");
        let rest = if pointer.is_empty() {
            Some("")
        } else {
            pointer.strip_prefix('/')
        };
        rest.map(|r| r.split('/').take(if root { 0 } else { usize::MAX }))
    }

    fn insert(&mut self, pointer: &str) {
        let Some(segments) = Self::segments(pointer) else {
            return;
        };
        let mut at = 0;
        for seg in segments {
            let existing = self.keys.get(at).and_then(|k| k.get(seg)).copied();
            at = match existing {
                Some(child) => child,
                None => {
                    let child = self.node();
                    if let Some(k) = self.keys.get_mut(at) {
                        k.insert(seg.to_owned(), child);
                    }
                    if let Some(i) = array_index(seg) {
                        if let Some(ix) = self.indices.get_mut(at) {
                            ix.insert(i, child);
                        }
                    }
                    child
                }
            };
        }
    }

    /// The rank of the deepest ranked node on the pointer's path.
    fn rank_of(&self, pointer: &str) -> Option<usize> {
        let segments = Self::segments(pointer)?;
        let mut at = 0;
        let mut rank = self.rank.first().copied().flatten();
        for seg in segments {
            let Some(child) = self.keys.get(at).and_then(|k| k.get(seg)).copied() else {
                break;
            };
            match self.rank.get(child).copied().flatten() {
                Some(r) => rank = Some(r),
                None => break,
            }
            at = child;
        }
        rank
    }
}

/// An array index as a pointer writes it: `0`, or digits without a leading zero.
fn array_index(seg: &str) -> Option<usize> {
    match seg.as_bytes() {
        [b'0'] => Some(0),
        [b'1'..=b'9', rest @ ..] if rest.iter().all(u8::is_ascii_digit) => seg.parse().ok(),
        _ => None,
    }
}

/// The rank of each location (`None` for a string that is not a pointer),
/// in the machine's document order.
pub(super) fn ranks<'a, T: Serialize>(
    value: &T,
    locations: impl IntoIterator<Item = &'a str> + Clone,
) -> Vec<Option<usize>> {
    let mut trie = Trie::new();
    for l in locations.clone() {
        trie.insert(l);
    }
    if let Some(r) = trie.rank.first_mut() {
        *r = Some(0);
    }
    let mut next = 1;
    // The walk cannot fail (its error type is never produced); if it ever
    // did, the ranks found so far are still in document order.
    let _ = value.serialize(Walk {
        trie: &mut trie,
        node: 0,
        next: &mut next,
    });
    locations.into_iter().map(|l| trie.rank_of(l)).collect()
}

/// The serializer: at trie node `node`, about to see its value.
struct Walk<'t> {
    trie: &'t mut Trie,
    node: usize,
    next: &'t mut usize,
}

impl Walk<'_> {
    /// Meets the child `child` of the current node (first meeting wins) and
    /// walks its value.
    fn enter<T: ?Sized + Serialize>(&mut self, child: usize, value: &T) -> Result<(), Never> {
        if let Some(r) = self.trie.rank.get_mut(child) {
            if r.is_none() {
                *r = Some(*self.next);
                *self.next += 1;
            }
        }
        value.serialize(Walk {
            trie: self.trie,
            node: child,
            next: self.next,
        })
    }

    fn member<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Never> {
        let escaped = crate::pointer::escape(key);
        match self
            .trie
            .keys
            .get(self.node)
            .and_then(|k| k.get(escaped.as_ref()))
        {
            Some(&child) => self.enter(child, value),
            None => Ok(()),
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, index: usize, value: &T) -> Result<(), Never> {
        match self.trie.indices.get(self.node).and_then(|k| k.get(&index)) {
            Some(&child) => self.enter(child, value),
            None => Ok(()),
        }
    }

    /// Whether anything below this node is wanted.
    fn wanted(&self) -> bool {
        self.trie.keys.get(self.node).is_some_and(|k| !k.is_empty())
    }
}

/// The walk's error type; never produced.
#[derive(Debug)]
pub(super) struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("never")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

/// An array, or an object whose next value belongs to `key`.
struct Compound<'t> {
    walk: Walk<'t>,
    index: usize,
    key: Option<String>,
}

/// The variants of tuples and structs, as serde_json writes them: the
/// variant's name around its elements or fields (`{"Variant": [..]}`,
/// `{"Variant": {..}}`).
macro_rules! variants {
    ($($method:ident),*) => {$(
        fn $method(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
            _: usize,
        ) -> Result<Compound<'t>, Never> {
            Ok(self.variant(variant))
        }
    )*};
}

impl<'t> Serializer for Walk<'t> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Compound<'t>;
    type SerializeTuple = Compound<'t>;
    type SerializeTupleStruct = Compound<'t>;
    type SerializeTupleVariant = Compound<'t>;
    type SerializeMap = Compound<'t>;
    type SerializeStruct = Compound<'t>;
    type SerializeStructVariant = Compound<'t>;

    fn serialize_bool(self, _: bool) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_char(self, _: char) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_str(self, _: &str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    /// As serde_json writes it: `{"Variant": value}`.
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        if self.wanted() {
            self.member(variant, value)?;
        }
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'t>, Never> {
        Ok(self.compound())
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'t>, Never> {
        Ok(self.compound())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'t>, Never> {
        Ok(self.compound())
    }
    variants!(serialize_tuple_variant, serialize_struct_variant);
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'t>, Never> {
        Ok(self.compound())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'t>, Never> {
        Ok(self.compound())
    }
}

impl<'t> Walk<'t> {
    fn compound(self) -> Compound<'t> {
        Compound {
            walk: self,
            index: 0,
            key: None,
        }
    }

    /// The value of the member `variant`: a container whose own members
    /// are walked only when the variant is wanted.
    fn variant(self, variant: &str) -> Compound<'t> {
        let escaped = crate::pointer::escape(variant);
        let child = self
            .trie
            .keys
            .get(self.node)
            .and_then(|k| k.get(escaped.as_ref()))
            .copied();
        let node = match child {
            Some(child) => {
                if let Some(r) = self.trie.rank.get_mut(child) {
                    if r.is_none() {
                        *r = Some(*self.next);
                        *self.next += 1;
                    }
                }
                child
            }
            // A node without children: nothing inside is looked at.
            None => usize::MAX,
        };
        Compound {
            walk: Walk {
                trie: self.trie,
                node,
                next: self.next,
            },
            index: 0,
            key: None,
        }
    }
}

impl Compound<'_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        let i = self.index;
        self.index += 1;
        if self.walk.wanted() {
            self.walk.element(i, value)?;
        }
        Ok(())
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Never> {
        if self.walk.wanted() {
            self.walk.member(key, value)?;
        }
        Ok(())
    }
}

/// The compounds of elements: each element goes to [`Compound::element`].
macro_rules! elements {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
                self.element(value)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Never> {
        // Keys are only read where something below is wanted.
        self.key = if self.walk.wanted() {
            key.serialize(KeyText).ok()
        } else {
            None
        };
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        match self.key.take() {
            Some(key) => self.field(&key, value),
            None => Ok(()),
        }
    }
    fn serialize_entry<K: ?Sized + Serialize, V: ?Sized + Serialize>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), Never> {
        if !self.walk.wanted() {
            return Ok(());
        }
        match key.serialize(KeyText) {
            Ok(key) => self.field(&key, value),
            Err(Never) => Ok(()),
        }
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

/// The compounds of named fields: each field goes to [`Compound::field`].
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key as serde_json writes it: a string, or a number or boolean as
/// its text.
struct KeyText;

macro_rules! key_as_text {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<String, Never> {
            Ok(v.to_string())
        }
    )*};
}

impl Serializer for KeyText {
    type Ok = String;
    type Error = Never;
    type SerializeSeq = ser::Impossible<String, Never>;
    type SerializeTuple = ser::Impossible<String, Never>;
    type SerializeTupleStruct = ser::Impossible<String, Never>;
    type SerializeTupleVariant = ser::Impossible<String, Never>;
    type SerializeMap = ser::Impossible<String, Never>;
    type SerializeStruct = ser::Impossible<String, Never>;
    type SerializeStructVariant = ser::Impossible<String, Never>;

    key_as_text!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char);

    fn serialize_str(self, v: &str) -> Result<String, Never> {
        Ok(v.to_owned())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Never> {
        Err(Never)
    }
    fn serialize_none(self) -> Result<String, Never> {
        Err(Never)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<String, Never> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Never> {
        Err(Never)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Never> {
        Err(Never)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Never> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Never> {
        Err(Never)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Never> {
        Err(Never)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Never> {
        Err(Never)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Never> {
        Err(Never)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Never> {
        Err(Never)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Never> {
        Err(Never)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Never> {
        Err(Never)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Never> {
        Err(Never)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use serde_json::json;

    /// Ranks agree with positions in the serialized text, ancestors
    /// standing in for locations that are not there.
    #[test]
    fn ranks_follow_the_serialized_order() {
        let v = json!({"b": {"x": [1, {"y~/": 2}], "a": 3}, "a": [], "c": {"s.$": "$"}});
        let wanted = [
            "/c/s.$",
            "/b/x/1/y~0~1",
            "/",
            "/a",
            "/b",
            "/b/a",
            "/b/x",
            "/b/x/0",
            "/b/x/7",
            "/b/nope/deeper",
            "nope",
            "",
            "/b/x/01",
        ];
        let r = ranks(&v, wanted);
        let rank = |p: &str| r[wanted.iter().position(|w| *w == p).unwrap()];
        assert_eq!(rank("nope"), None);
        assert_eq!(rank("/"), Some(0));
        assert_eq!(rank(""), Some(0));
        let order = [
            "/",
            "/b",
            "/b/x",
            "/b/x/0",
            "/b/x/1/y~0~1",
            "/b/a",
            "/a",
            "/c/s.$",
        ];
        for w in order.windows(2) {
            assert!(rank(w[0]) < rank(w[1]), "{w:?}");
        }
        // Not in the value: the nearest ancestor's rank.
        assert_eq!(rank("/b/x/7"), rank("/b/x"));
        assert_eq!(rank("/b/x/01"), rank("/b/x"));
        assert_eq!(rank("/b/nope/deeper"), rank("/b"));
    }
}
