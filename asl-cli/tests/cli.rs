//! The command as a whole: features, pipes.

#![allow(clippy::expect_used)] // helpers outside #[test] functions

mod common;

/// Without the feature `deploy` (the default), `asl deploy` says how to get
/// it instead of "unrecognized subcommand".
#[cfg(not(feature = "deploy"))]
#[test]
fn deploy_without_the_feature_says_how_to_install_it() {
    use pretty_assertions::assert_eq;
    let (code, out, err) = common::asl(&["deploy", "machine.asl.json", "--name", "Orders"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("cargo install --path asl-cli --features deploy"),
        "{err}"
    );
}

#[test]
fn a_closed_pipe_ends_every_subcommand_quietly() {
    let fixtures = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let def = format!("{fixtures}/project/statemachines/notify.asl.json");
    let bad = format!("{fixtures}/project/statemachines/refund.json");
    let template = format!("{fixtures}/sam-template.yaml");
    let iam = [
        "iam",
        def.as_str(),
        "--region",
        "us-east-1",
        "--account",
        "123456789012",
    ];
    // The exit code when the write happens to go through before the pipe
    // is closed (the child is usually not even running yet).
    for (args, otherwise) in [
        (&["schema"][..], 0),
        (&["check", &bad], 1),
        (&["check", "--format", "json", &fixtures], 1),
        (&["check", &template], 1),
        (&["fmt", &def], 0),
        (&["graph", &def], 0),
        (&["graph", "--format", "dot", &def], 0),
        (&iam, 0),
        (&["--help"], 0),
    ] {
        let (code, err) = common::closed_stdout(args);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(
            code == 0 || code == otherwise,
            "{args:?}: exit {code}: {err}"
        );
    }
}
