//! The LocalStack fixture shared by the integration tests: starts the server
//! through the project scripts once per test binary and stops it after the
//! last test if this binary started it.

#![allow(dead_code, clippy::panic)] // test helpers outside #[test] functions

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `scripts/localstack/fixtures/prompt-chain.asl.json`.
pub fn prompt_chain_text() -> String {
    let path = repo_root().join("scripts/localstack/fixtures/prompt-chain.asl.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The role every test deploys with (LocalStack does not check it).
pub const ROLE_ARN: &str = "arn:aws:iam::000000000000:role/AslDeployTestRole";

/// A running server.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// Whether this binary started it (and so stops it at the end).
    pub started_here: bool,
}

static SERVER: OnceLock<Option<Server>> = OnceLock::new();
static FINISHED: AtomicUsize = AtomicUsize::new(0);

fn run_script(name: &str) -> (Duration, String) {
    let script = repo_root().join("scripts/localstack").join(name);
    let begin = Instant::now();
    let out = Command::new("bash")
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", script.display()));
    let elapsed = begin.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} failed ({}):\n{stdout}\n{stderr}\n(set ASL_SKIP_LOCALSTACK=1 to skip the LocalStack tests)",
        script.display(),
        out.status
    );
    (elapsed, stdout)
}

/// The server, started on first use; `None` (after a loud message) when
/// `ASL_SKIP_LOCALSTACK=1`.
pub fn server(test: &str) -> Option<&'static Server> {
    SERVER
        .get_or_init(|| {
            if std::env::var("ASL_SKIP_LOCALSTACK").as_deref() == Ok("1") {
                // Straight to stderr: libtest does not capture it, so the
                // skip shows even without --nocapture.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** ASL_SKIP_LOCALSTACK=1: SKIPPING the asl-deploy LocalStack tests \
                     (nothing was deployed or executed) ***\n"
                );
                return None;
            }
            let (install, _) = run_script("install.sh");
            eprintln!("[asl-deploy] install.sh: {:.2} s", install.as_secs_f64());
            let (start, out) = run_script("start.sh");
            let started_here = !out.contains("already running");
            eprintln!(
                "[asl-deploy] start.sh: {:.2} s ({})",
                start.as_secs_f64(),
                if started_here {
                    "new server"
                } else {
                    "reused a running server"
                }
            );
            let port = std::env::var("ASL_LOCALSTACK_PORT").unwrap_or_else(|_| "4566".into());
            Some(Server {
                endpoint: format!("http://127.0.0.1:{port}"),
                started_here,
            })
        })
        .as_ref()
        .or_else(|| {
            eprintln!("*** SKIPPED {test}: ASL_SKIP_LOCALSTACK=1 ***");
            None
        })
}

/// Counts finished tests; the last one of `total` stops the server if this
/// binary started it (unless `ASL_KEEP_LOCALSTACK=1`). Hold it for the
/// whole test: it counts on drop, so a failing test counts too.
pub struct Finish {
    total: usize,
}

impl Finish {
    /// One of `total` tests that use the server.
    pub fn new(total: usize) -> Self {
        Finish { total }
    }
}

impl Drop for Finish {
    fn drop(&mut self) {
        let done = FINISHED.fetch_add(1, Ordering::SeqCst) + 1;
        if done < self.total {
            return;
        }
        let Some(Some(server)) = SERVER.get() else {
            return;
        };
        if !server.started_here || std::env::var("ASL_KEEP_LOCALSTACK").as_deref() == Ok("1") {
            return;
        }
        let script = repo_root().join("scripts/localstack/stop.sh");
        let begin = Instant::now();
        let status = Command::new("bash").arg(&script).status();
        eprintln!(
            "[asl-deploy] stop.sh: {:.2} s ({status:?})",
            begin.elapsed().as_secs_f64()
        );
    }
}

/// Times a scenario.
pub struct Timer {
    name: String,
    begin: Instant,
}

impl Timer {
    /// Starts timing.
    pub fn start(name: impl Into<String>) -> Self {
        Timer {
            name: name.into(),
            begin: Instant::now(),
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        eprintln!(
            "[asl-deploy] scenario {}: {:.2} s{}",
            self.name,
            self.begin.elapsed().as_secs_f64(),
            if std::thread::panicking() {
                " (FAILED)"
            } else {
                ""
            }
        );
    }
}
