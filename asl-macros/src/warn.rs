//! Validator warnings as compiler warnings, on stable Rust: each one is a
//! use of a `#[deprecated]` unit struct named after the warning's code, at
//! the tokens the warning is about, so rustc prints it as
//!
//! ```text
//! warning: use of deprecated unit struct `NO_DOLLAR`: "$.a" looks like a path …
//! ```
//!
//! (the technique proc-macro crates use where `proc_macro::Diagnostic` is
//! unstable). They are silenced like any deprecation, `#[allow(deprecated)]`,
//! or, for some codes only, with `#![allow(NO_DOLLAR, …)]` (or
//! `#![allow(warnings)]`) at the start of the macro's input.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote_spanned;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::Token;

/// One validator warning, where it points.
pub struct Warning {
    /// The tokens it is about.
    pub span: Span,
    /// Its code (`NO_DOLLAR`, …).
    pub code: &'static str,
    /// Its message, as the validator writes it.
    pub message: String,
}

/// The codes a `#![allow(..)]` at the start of the input silences.
#[derive(Default)]
pub struct Allow {
    all: bool,
    codes: Vec<String>,
}

impl Allow {
    /// Reads `#![allow(CODE, …)]` attributes at the start of the input;
    /// `warnings` allows every code.
    pub fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut allow = Allow::default();
        for attr in input.call(syn::Attribute::parse_inner)? {
            if !attr.path().is_ident("allow") {
                return Err(syn::Error::new_spanned(
                    attr.path(),
                    "the only attribute `state_machine!` takes is `#![allow(CODE, ...)]`, which silences validator warnings by code (or all of them with `warnings`)",
                ));
            }
            let codes = attr.parse_args_with(Punctuated::<Ident, Token![,]>::parse_terminated)?;
            for code in codes {
                match code.to_string().as_str() {
                    "warnings" => allow.all = true,
                    c if asl_core::codes::ALL.contains(&c) => allow.codes.push(c.to_owned()),
                    c => {
                        return Err(syn::Error::new(
                            code.span(),
                            format!("`{c}` is not a validator code; write a code such as `NO_DOLLAR`, or `warnings` for all of them"),
                        ))
                    }
                }
            }
        }
        Ok(allow)
    }

    /// Whether a warning with this code is silenced.
    pub fn allows(&self, code: &str) -> bool {
        self.all || self.codes.iter().any(|c| c == code)
    }
}

/// The statements that make rustc print each warning.
pub fn tokens(warnings: &[Warning]) -> TokenStream {
    warnings
        .iter()
        .map(|w| {
            let name = Ident::new(w.code, w.span);
            let note = format!("{} [asl-kit validator]", w.message);
            quote_spanned! {w.span=>
                {
                    #[deprecated(note = #note)]
                    #[allow(non_camel_case_types, dead_code)]
                    struct #name;
                    let _ = #name;
                }
            }
        })
        .collect()
}
