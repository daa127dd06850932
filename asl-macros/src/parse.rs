//! Phase 1: tokens → a spanned, JSON-shaped tree ([`Node`]).
//!
//! The grammar is ASL's, written with Rust tokens:
//!
//! ```text
//! body   := (field ",")* field?
//! field  := (IDENT | STRING) ":" node
//! node   := STRING | NUMBER | "-" NUMBER | true | false | null
//!         | IDENT                      (a state name)
//!         | "[" (node ",")* node? "]"
//!         | "{" body "}"
//!         | path pattern? "{" body "}"
//!                                      (a state: `Pass { .. }`, `bedrock::InvokeModel { .. }`,
//!                                       `sns::Publish.waitForTaskToken { .. }`)
//! pattern := "." "sync" (":" "2")? | "." "waitForTaskToken"
//!         | "(" EXPR ")"               (an interpolated Rust expression)
//! ```

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{braced, bracketed, parenthesized, Ident, LitFloat, LitInt, LitStr, Token};

/// One `Key: value` entry of an object or a state.
pub struct Field {
    /// The key as ASL spells it.
    pub key: String,
    /// Where the key was written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A number literal, kept both as JSON and as written.
pub enum Num {
    /// An integer that fits `u64`.
    Unsigned(u64),
    /// A negative integer.
    Signed(i64),
    /// A float (finite).
    Float(f64),
}

/// A state written as `Type { fields }`.
pub struct Typed {
    /// The type path (`Pass`, `bedrock::InvokeModel`).
    pub path: Vec<Ident>,
    /// The integration pattern written after the path (`.sync`), if any.
    pub pattern: Option<Pattern>,
    /// The fields, in order (duplicates kept: the validator reports them).
    pub fields: Vec<Field>,
    /// The span of the type path.
    pub span: Span,
}

/// An integration pattern written after a state's type: `.sync`,
/// `.sync:2` or `.waitForTaskToken`.
pub struct Pattern {
    /// The resource suffix it stands for (`".sync:2"`).
    pub suffix: &'static str,
    /// Where it was written (from the name after the dot).
    pub span: Span,
}

/// The patterns the grammar knows, by the name after the dot.
const PATTERNS: &[(&str, &str)] = &[("sync", ".sync"), ("waitForTaskToken", ".waitForTaskToken")];

/// A JSON-shaped value with spans.
pub enum Node {
    /// `null`.
    Null(Span),
    /// `true` / `false`.
    Bool(bool, Span),
    /// A number.
    Num(Num, Span),
    /// A string literal.
    Str(LitStr),
    /// A bare identifier: a state name.
    Name(Ident),
    /// `[ .. ]`.
    Array(Vec<Node>, Span),
    /// `{ .. }`.
    Object(Vec<Field>, Span),
    /// `Type { .. }`.
    State(Typed),
    /// `( expr )`.
    Expr(Box<syn::Expr>, Span),
}

impl Node {
    /// The span to report a problem with this value at.
    pub fn span(&self) -> Span {
        match self {
            Node::Null(s)
            | Node::Bool(_, s)
            | Node::Num(_, s)
            | Node::Array(_, s)
            | Node::Object(_, s)
            | Node::Expr(_, s) => *s,
            Node::Str(l) => l.span(),
            Node::Name(i) => i.span(),
            Node::State(t) => t.span,
        }
    }

    /// Whether the value is a scalar (its own token is the best place for an error).
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Node::Array(..) | Node::Object(..) | Node::State(_))
    }

    /// A string or a bare name, as text.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Node::Str(l) => Some(l.value()),
            Node::Name(i) => Some(i.unraw().to_string()),
            _ => None,
        }
    }
}

/// The whole macro input: `#![allow(..)]` attributes, then the machine's fields
/// without the outer braces.
pub struct Input {
    /// `#![allow(..)]` at the start: the warnings not to report.
    pub allow: crate::warn::Allow,
    /// The machine's fields.
    pub fields: Vec<Field>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let allow = crate::warn::Allow::parse(input)?;
        let Body(fields) = input.parse()?;
        Ok(Input { allow, fields })
    }
}

/// The fields of an object, without its braces.
pub struct Body(pub Vec<Field>);

impl Parse for Body {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let fields = Punctuated::<Field, Token![,]>::parse_terminated(input)?;
        Ok(Body(fields.into_iter().collect()))
    }
}

impl Parse for Field {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let (key, key_span) = if input.peek(LitStr) {
            let l: LitStr = input.parse()?;
            (l.value(), l.span())
        } else if input.peek(Ident::peek_any) {
            let i = Ident::parse_any(input)?;
            (i.unraw().to_string(), i.span())
        } else {
            return Err(input.error(
                "expected a field name such as `StartAt` or `\"Parameters\"`; write fields as `Name: value`",
            ));
        };
        if !input.peek(Token![:]) || input.peek(Token![::]) {
            return Err(syn::Error::new(
                key_span,
                format!("expected `:` after `{key}`; write fields as `{key}: value`"),
            ));
        }
        input.parse::<Token![:]>()?;
        let value = input.parse()?;
        Ok(Field {
            key,
            key_span,
            value,
        })
    }
}

impl Parse for Node {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let look = input.lookahead1();
        if look.peek(LitStr) {
            return Ok(Node::Str(input.parse()?));
        }
        if look.peek(LitInt) || look.peek(LitFloat) || look.peek(Token![-]) {
            return number(input);
        }
        if look.peek(syn::LitBool) {
            let b: syn::LitBool = input.parse()?;
            return Ok(Node::Bool(b.value, b.span));
        }
        if look.peek(syn::token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let items = Punctuated::<Node, Token![,]>::parse_terminated(&content)?;
            return Ok(Node::Array(
                items.into_iter().collect(),
                bracket.span.join(),
            ));
        }
        if look.peek(syn::token::Brace) {
            let content;
            let brace = braced!(content in input);
            let Body(fields) = content.parse()?;
            return Ok(Node::Object(fields, brace.span.join()));
        }
        if look.peek(syn::token::Paren) {
            let content;
            let paren = parenthesized!(content in input);
            let expr: syn::Expr = content.parse()?;
            return Ok(Node::Expr(Box::new(expr), paren.span.join()));
        }
        if look.peek(Ident::peek_any) {
            return named(input);
        }
        Err(look.error())
    }
}

/// The span of a number literal `lit` (at `span`), with its leading `-` if
/// any; a type suffix is an error.
fn number_span(
    minus: Option<Token![-]>,
    span: Span,
    suffix: &str,
    lit: &dyn std::fmt::Display,
) -> syn::Result<Span> {
    if !suffix.is_empty() {
        return Err(syn::Error::new(
            span,
            format!("unexpected suffix on `{lit}`; ASL numbers have no type suffix"),
        ));
    }
    Ok(minus.map_or(span, |m| m.span().join(span).unwrap_or(span)))
}

/// A number, with an optional leading `-`.
fn number(input: ParseStream<'_>) -> syn::Result<Node> {
    let minus: Option<Token![-]> = input.parse()?;
    let neg = minus.is_some();
    if input.peek(LitInt) {
        let l: LitInt = input.parse()?;
        let span = number_span(minus, l.span(), l.suffix(), &l)?;
        let n: u64 = l.base10_parse()?;
        let num = if neg {
            match i64::try_from(n) {
                Ok(i) => Num::Signed(-i),
                Err(_) => return Err(syn::Error::new(span, "number out of range")),
            }
        } else {
            Num::Unsigned(n)
        };
        return Ok(Node::Num(num, span));
    }
    let l: LitFloat = input.parse()?;
    let span = number_span(minus, l.span(), l.suffix(), &l)?;
    let f: f64 = l.base10_parse()?;
    if !f.is_finite() {
        return Err(syn::Error::new(span, "number out of range"));
    }
    Ok(Node::Num(Num::Float(if neg { -f } else { f }), span))
}

/// `null`, a state name, or a state `Path { .. }`.
fn named(input: ParseStream<'_>) -> syn::Result<Node> {
    let first = Ident::parse_any(input)?;
    if first == "null" && !input.peek(syn::token::Brace) {
        return Ok(Node::Null(first.span()));
    }
    let mut path = vec![first.clone()];
    while input.peek(Token![::]) {
        input.parse::<Token![::]>()?;
        path.push(Ident::parse_any(input)?);
    }
    // The whole path where spans can be joined (nightly), else its last
    // segment (the type name).
    let span = path.iter().skip(1).fold(first.span(), |acc, i| {
        acc.join(i.span()).unwrap_or(i.span())
    });
    // `Type.sync { .. }`: the integration pattern, as in the resource ARN.
    let mut pattern = None;
    if input.peek(Token![.]) {
        input.parse::<Token![.]>()?;
        let p = Ident::parse_any(input)?;
        let Some(mut suffix) = PATTERNS.iter().find(|(n, _)| p == n).map(|(_, s)| *s) else {
            return Err(syn::Error::new(
                p.span(),
                format!("unknown integration pattern `.{p}`; the patterns are `.sync`, `.sync:2` and `.waitForTaskToken`, as in the resource ARN"),
            ));
        };
        let mut span = p.span();
        // `.sync:2` (a lone `:`, then `2`).
        if suffix == ".sync" && input.peek(Token![:]) && !input.peek(Token![::]) {
            let colon: Token![:] = input.parse()?;
            let two: LitInt = input.parse()?;
            if two.base10_digits() != "2" || !two.suffix().is_empty() {
                return Err(syn::Error::new(
                    two.span(),
                    format!("unknown integration pattern `.sync:{two}`; the patterns are `.sync`, `.sync:2` and `.waitForTaskToken`"),
                ));
            }
            span = span
                .join(colon.span)
                .and_then(|s| s.join(two.span()))
                .unwrap_or(span);
            suffix = ".sync:2";
        }
        if !input.peek(syn::token::Brace) {
            return Err(syn::Error::new(
                span,
                format!(
                    "expected `{{` after `{suffix}`; write the state as `Type{suffix} {{ .. }}`"
                ),
            ));
        }
        pattern = Some(Pattern { suffix, span });
    }
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        let Body(fields) = content.parse()?;
        return Ok(Node::State(Typed {
            path,
            pattern,
            fields,
            span,
        }));
    }
    if path.len() > 1 {
        return Err(syn::Error::new(
            span,
            "expected `{` after a state type; write a state as `Type { .. }`",
        ));
    }
    match path.pop() {
        Some(name) => Ok(Node::Name(name)),
        None => Err(input.error("expected a value")),
    }
}

/// The span of a state type path, for messages about it.
pub fn path_text(path: &[Ident]) -> String {
    path.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("::")
}
