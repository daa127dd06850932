//! Helpers shared by the CLI tests: run the `asl` binary, write input files.

#![allow(clippy::expect_used, dead_code)] // helpers; not every test file uses all

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Runs `asl` with `args`: exit code, stdout, stderr.
pub fn asl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(args)
        .output()
        .expect("run asl");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes `text` to `name` in this test process's own temporary folder.
pub fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("asl-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Runs `asl` with `args` and its standard output closed before it writes
/// (as `| head` does once it has its lines): exit code and stderr.
pub fn closed_stdout(args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run asl");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for asl");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
