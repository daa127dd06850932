//! Procedural macros for [asl-kit](https://docs.rs/asl-kit): `state_machine!`
//! and `include_asl!`. Use them through `asl_kit`, which re-exports them and
//! holds their documentation and examples; the expansions name paths under
//! `::asl_kit::__private`.
//!
//! One module per phase: `parse` (tokens → a spanned JSON-shaped tree),
//! `typed` (what a state's type names: a state, a Bedrock task, a typed
//! AWS task from `asl_aws::typed_tasks` such as `sns::Publish`, or
//! `aws_sdk::service::Action`, and its integration pattern),
//! `valid` (asl-core's validator on a skeleton, errors mapped back to
//! spans), `expand` (builder calls), `include` (`include_asl!`). The
//! macro holds no validation rules of its own, and never panics: every
//! problem is a `compile_error!`, followed by a stub machine so that no
//! follow-on type errors drown the real one.

#![deny(missing_docs)]

mod expand;
mod include;
mod parse;
mod typed;
mod valid;
mod warn;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::quote;

/// Writes a whole state machine in ASL-shaped Rust syntax, checked at
/// compile time; states may be typed tasks (`bedrock::InvokeModel { .. }`,
/// `lambda::Invoke { FunctionName: "f", Next: B }`,
/// `sns::Publish.waitForTaskToken { .. }`). See `asl_kit::state_machine!`
/// for the syntax and examples.
#[proc_macro]
pub fn state_machine(input: TokenStream) -> TokenStream {
    state_machine_impl(input.into()).into()
}

/// Reads an ASL JSON file at compile time (relative to the crate's manifest
/// directory), validates it and expands to the typed `StateMachine`; see
/// `asl_kit::include_asl!`.
#[proc_macro]
pub fn include_asl(input: TokenStream) -> TokenStream {
    include_asl_impl(input.into()).into()
}

/// `state_machine!` on `proc_macro2` tokens (testable outside a macro).
fn state_machine_impl(input: TokenStream2) -> TokenStream2 {
    let body = match syn::parse2::<parse::Input>(input) {
        Ok(b) => b,
        Err(e) => return stub(vec![e], false),
    };
    let root = Span::call_site();
    let checked = valid::check(&body.fields, root, &body.allow);
    if !checked.errors.is_empty() {
        return stub(checked.errors, false);
    }
    let mut ex = expand::Expander::default();
    let out = ex.machine(&body.fields, root);
    if !ex.errors.is_empty() {
        return stub(ex.errors, false);
    }
    if checked.warnings.is_empty() {
        return out;
    }
    let warnings = warn::tokens(&checked.warnings);
    quote!({
        #warnings
        #out
    })
}

/// `include_asl!` on `proc_macro2` tokens.
fn include_asl_impl(input: TokenStream2) -> TokenStream2 {
    let lit = match syn::parse2::<syn::LitStr>(input) {
        Ok(l) => l,
        Err(e) => {
            return stub(
                vec![syn::Error::new(
                e.span(),
                "expected a path string literal, e.g. `include_asl!(\"machines/main.asl.json\")`",
            )],
                true,
            )
        }
    };
    match include::expand(&lit) {
        Ok(ts) => ts,
        Err(errors) => stub(errors, true),
    }
}

/// The errors, then a stub of the right type (`Result<StateMachine, _>`
/// for `state_machine!`, `StateMachine` for `include_asl!`).
fn stub(errors: Vec<syn::Error>, machine: bool) -> TokenStream2 {
    let errors: TokenStream2 = errors.iter().map(syn::Error::to_compile_error).collect();
    let stub = if machine {
        quote!(::asl_kit::__private::stub_machine())
    } else {
        quote!(::asl_kit::__private::stub())
    };
    quote!({
        #errors
        #stub
    })
}
