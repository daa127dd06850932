//! The command as a whole: features, pipes, folders.

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
