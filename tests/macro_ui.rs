//! Compile-fail cases of `state_machine!` and `include_asl!`: one file per
//! mistake in `tests/macro_ui/`, each with its `.stderr` snapshot
//! (regenerate with `TRYBUILD=overwrite cargo test --test macro_ui`).

use std::path::PathBuf;

/// trybuild compiles each case as a crate in `<target>/tests/trybuild/asl-kit/`,
/// which is then `CARGO_MANIFEST_DIR`; `include_asl!` paths are relative to
/// it, so the fixtures are copied there first.
fn copy_fixtures() {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    // <target>[/<triple>]/debug/deps/macro_ui-…; cargo marks <target> with
    // a CACHEDIR.TAG file.
    let Some(target) = exe
        .ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .or_else(|| exe.ancestors().nth(3))
    else {
        return;
    };
    let dest: PathBuf = target.join("tests/trybuild/asl-kit/tests/fixtures");
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    if std::fs::create_dir_all(&dest).is_err() {
        return;
    }
    if let Ok(entries) = std::fs::read_dir(&src) {
        for e in entries.flatten() {
            let _ = std::fs::copy(e.path(), dest.join(e.file_name()));
        }
    }
}

#[test]
fn compile_fail() {
    copy_fixtures();
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/macro_ui/*.rs");
}
