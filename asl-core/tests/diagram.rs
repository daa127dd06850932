//! Golden tests of the Mermaid and DOT diagrams. Regenerate the expected
//! files with `UPDATE_GOLDEN=1 cargo test -p asl-core --test diagram`; never
//! edit them by hand.

#![allow(clippy::unwrap_used, clippy::panic)] // the golden-file helper is not a #[test] fn

use asl_core::diagram::{render, Format};
use pretty_assertions::assert_eq;
use std::path::Path;

fn golden(name: &str, format: Format, ext: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/diagram");
    let text = std::fs::read_to_string(dir.join(format!("{name}.asl.json"))).unwrap();
    let machine = asl_core::from_str(&text).unwrap();
    let actual = render(&machine, format);
    let expected_path = dir.join(format!("{name}.{ext}"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
        panic!(
            "missing {}; run with UPDATE_GOLDEN=1",
            expected_path.display()
        )
    });
    assert_eq!(actual, expected);
}

#[test]
fn mermaid_choice_parallel_map_catch() {
    golden("order", Format::Mermaid, "mmd");
}

#[test]
fn dot_choice_parallel_map_catch() {
    golden("order", Format::Dot, "dot");
}

#[test]
fn choice_edges_carry_their_conditions_and_catch_edges_their_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/diagram");
    let machine =
        asl_core::from_str(&std::fs::read_to_string(dir.join("order.asl.json")).unwrap()).unwrap();
    let m = asl_core::diagram::mermaid(&machine);
    assert!(m.contains(r#"-->|"$.total #gt; 1000"|"#), "{m}");
    assert!(
        m.contains(r#"-->|"$.express == true and not ($.country == #quot;NZ#quot;)"|"#),
        "{m}"
    );
    assert!(m.contains(r#"-->|"Default"|"#), "{m}");
    assert!(
        m.contains(r#"-.->|"catch Order.Invalid, States.Timeout"|"#),
        "{m}"
    );
    assert!(m.contains("subgraph"), "{m}");
}
