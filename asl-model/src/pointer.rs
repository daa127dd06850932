//! JSON pointers (RFC 6901), as used for error and diagnostic locations.

/// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
///
/// ```
/// assert_eq!(asl_core::pointer::escape("a/b~c"), "a~1b~0c");
/// ```
pub fn escape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

/// Splits a pointer into its unescaped reference tokens. `""` and `"/"` are
/// treated as the document root.
///
/// ```
/// assert_eq!(asl_core::pointer::tokens("/States/a~1b/Next"), ["States", "a/b", "Next"]);
/// ```
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() || pointer == "/" {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// A location being built while walking a document; it is only turned into a
/// string when an error needs it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Loc<'a> {
    parent: Option<&'a Loc<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Loc<'a> {
    /// The document.
    pub const ROOT: Loc<'static> = Loc {
        parent: None,
        seg: Seg::Root,
    };

    /// A member of this object.
    pub fn key(&'a self, key: &'a str) -> Loc<'a> {
        Loc {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    /// An element of this array.
    pub fn index(&'a self, i: usize) -> Loc<'a> {
        Loc {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    /// The pointer as a string (`""` for the root... rendered as `/`).
    pub fn to_pointer(self) -> String {
        let mut segs = Vec::new();
        let mut cur = Some(&self);
        while let Some(l) = cur {
            match l.seg {
                Seg::Root => {}
                Seg::Key(k) => segs.push(escape(k).into_owned()),
                Seg::Index(i) => segs.push(i.to_string()),
            }
            cur = l.parent;
        }
        if segs.is_empty() {
            return "/".to_owned();
        }
        segs.iter().rev().fold(String::new(), |mut s, seg| {
            s.push('/');
            s.push_str(seg);
            s
        })
    }
}
