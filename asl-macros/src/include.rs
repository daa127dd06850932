//! `include_asl!("path")`: a definition file, read and validated at compile
//! time, embedded with `include_str!` (so rebuilds follow edits of the file).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::path::PathBuf;
use syn::LitStr;

/// Expands `include_asl!`, or returns the errors (one per validator ERROR).
pub fn expand(lit: &LitStr) -> Result<TokenStream, Vec<syn::Error>> {
    let span = lit.span();
    let rel = lit.value();
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
        || std::env::current_dir().unwrap_or_default(),
        PathBuf::from,
    );
    let path = dir.join(&rel);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![syn::Error::new(
            span,
            format!(
                "cannot read `{rel}`: {e}; the path is relative to the crate's manifest directory (the folder of its Cargo.toml)"
            ),
        )]
    })?;
    let options = asl_core::Options::default();
    let report = asl_core::validate_str(&text, &options);
    let errors: Vec<syn::Error> = crate::valid::reported(&report)
        .map(|d| {
            syn::Error::new(
                span,
                format!(
                    "{rel}{}: at `{}`: {} [{}]",
                    at(d),
                    d.location,
                    d.message,
                    d.code
                ),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let warnings: Vec<crate::warn::Warning> = report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| crate::warn::Warning {
            span,
            code: d.code,
            message: format!("{rel}{}: at `{}`: {}", at(d), d.location, d.message),
        })
        .collect();
    let abs = path.to_string_lossy().into_owned();
    let abs = LitStr::new(&abs, Span::call_site());
    let included = quote!(::asl_kit::__private::included(::core::include_str!(#abs)));
    if warnings.is_empty() {
        return Ok(included);
    }
    let warnings = crate::warn::tokens(&warnings);
    Ok(quote!({
        #warnings
        #included
    }))
}

/// `:line:column` of a diagnostic, when it has them.
fn at(d: &asl_core::Diagnostic) -> String {
    match (d.line, d.column) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        _ => String::new(),
    }
}
