//! Prints everything the text entry points report for a tree of JSON files,
//! so that two versions of the parser and validator can be compared with
//! `diff`: `from_str`'s result, `parse_lenient`'s errors (pointer, line,
//! column, category, message), `validate_str`'s diagnostics in order, and
//! `validate`'s on the machine read from the text. Each file is also read
//! with a few bytes cut off and with a byte changed, so that syntax errors
//! and broken models are covered too.
//!
//! ```text
//! cargo run --release -p asl-core --example diagnostics_dump -- <dir>... > out.txt
//! ```

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

fn dump(name: &str, text: &str) {
    println!("== {name}");
    match asl_core::from_str(text) {
        Ok(_) => println!("from_str: ok"),
        Err(e) => println!("from_str: {e} ({:?})", e.category()),
    }
    let lenient = asl_core::parse_lenient(text);
    for e in &lenient.errors {
        println!(
            "parse: {} {}:{} {:?} {}",
            e.pointer(),
            e.line(),
            e.column(),
            e.category(),
            e.message()
        );
    }
    let options = asl_core::Options::default();
    let report = asl_core::validate_str(text, &options);
    print_report("validate_str", &report);
    if text.contains("${") {
        // With substitutions: one given, the others reported as unresolved.
        let mut options = asl_core::Options::default();
        options.substitutions.insert(
            "Fn".to_owned(),
            "arn:aws:lambda:us-east-1:123456789012:function:f".to_owned(),
        );
        print_report(
            "validate_str (substitutions)",
            &asl_core::validate_str(text, &options),
        );
    }
    // Also on a machine read with errors (stand-ins for what was broken):
    // it is a machine like any other for `validate`.
    if let Some(m) = &lenient.machine {
        for d in asl_core::validate(m, &options) {
            println!("validate: {d}");
        }
    }
}

fn print_report(what: &str, report: &asl_core::Report) {
    for d in &report.diagnostics {
        match (d.line, d.column) {
            (Some(l), Some(c)) => println!("{what}: {d} [{l}:{c}]"),
            _ => println!("{what}: {d}"),
        }
    }
}

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: diagnostics_dump <dir>...");
        std::process::exit(2);
    }
    let mut all = Vec::new();
    for dir in &dirs {
        files(Path::new(dir), &mut all);
    }
    for path in all {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        dump(&name, &text);
        // Cut off: a syntax error near the end.
        let cut = text.len().saturating_sub(7);
        if let Some(t) = text.get(..cut) {
            dump(&format!("{name} (cut)"), t);
        }
        // One byte changed in the middle: anything from a syntax error to a
        // different field name or type.
        let mut bytes = text.clone().into_bytes();
        let mid = bytes.len() / 2;
        if let Some(b) = bytes.get_mut(mid) {
            if b.is_ascii() {
                *b = match *b {
                    b'"' => b'1',
                    b'a'..=b'y' => *b + 1,
                    b'0'..=b'9' => b'"',
                    _ => b'x',
                };
                if let Ok(t) = String::from_utf8(bytes) {
                    dump(&format!("{name} (changed)"), &t);
                }
            }
        }
    }
}
