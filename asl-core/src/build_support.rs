//! Generating state machine files from a `build.rs`.
//!
//! A [`Generator`] takes named [`StateMachine`]s, checks each one with the
//! validator (with the [registry](crate::integration::Registry) of service
//! integrations), and writes
//!
//! - `<name>.asl.json`: the definition, [`StateMachine::to_string_pretty`]
//!   plus a final newline;
//! - `<name>.iam.json`: the execution role's least-privilege policy
//!   ([`policy_for`](crate::iam::policy_for)), when an [`AwsEnvironment`] was given;
//!
//! into `OUT_DIR` ([`Generator::from_env`]) or a folder of your choice
//! ([`Generator::new`]). The bytes are deterministic, and a file whose content
//! did not change is not rewritten, so its modification time stays put and
//! nothing downstream rebuilds for nothing.
//!
//! While it runs it prints what Cargo needs to hear from a build script:
//!
//! - `cargo:rerun-if-changed=build.rs`, and one line for each path given to
//!   [`Generator::rerun_if_changed`]. **List every file your `build.rs`
//!   reads or includes** (a `#[path]` module with the definitions, a prompt
//!   template): once a build script prints one of these lines, Cargo reruns
//!   it only when a listed file changes. (A change of the `asl-core`
//!   version, or of any other build dependency, reruns it anyway.)
//! - `cargo:warning=<name>: WARNING CODE at /pointer: message` for each
//!   validator warning (Cargo shows them, the build goes on).
//!
//! An ERROR in any machine fails [`Generator::write`] before any file is
//! written: the [`BuildError`] lists every problem, one per line, as
//! `<name>: ERROR CODE at /pointer: message`. Print it with `eprintln!` and
//! end the build script with `std::process::exit(1)`: Cargo then fails the
//! build and shows the script's standard error. (Returning the error from
//! `main` works too, but shows its `Debug` form.)
//!
//! The built-in integrations (Bedrock, …) are in the registry already; add
//! your own with [`Generator::integration`] (or once, for the whole process,
//! with [`register`](crate::integration::register)), so that their rules run
//! and their IAM statements are generated.
//!
//! # A complete `build.rs`
//!
//! ```
//! // build.rs (Cargo.toml: [build-dependencies] asl-core = "0.1")
//! use asl_core::build_support::Generator;
//! use asl_core::integration::AwsEnvironment;
//! use asl_core::{Chain, Succeed, Task};
//! use serde_json::json;
//!
//! fn main() {
//! #   let dir = std::env::temp_dir().join(format!("asl-core-build-support-doc-{}", std::process::id()));
//! #   std::env::set_var("OUT_DIR", &dir);
//!     if let Err(e) = generate() {
//!         eprintln!("{e}");
//!         std::process::exit(1);
//!     }
//! #   let asl = std::fs::read_to_string(dir.join("greeter.asl.json")).unwrap();
//! #   assert!(asl.ends_with("}\n"));
//! #   assert_eq!(asl_core::from_str(&asl).unwrap().start_at, "Greet");
//! #   let iam = std::fs::read_to_string(dir.join("greeter.iam.json")).unwrap();
//! #   assert!(iam.contains("\"Version\": \"2012-10-17\""));
//! #   std::fs::remove_dir_all(&dir).unwrap();
//! }
//!
//! fn generate() -> Result<(), Box<dyn std::error::Error>> {
//!     let greeter = Chain::start(
//!         "Greet",
//!         Task::builder()
//!             .resource("arn:aws:states:::lambda:invoke")
//!             .parameters(json!({"FunctionName": "greet", "Payload.$": "$"}))
//!             .build(),
//!     )
//!     .next("Done", Succeed::builder().build())
//!     .build()?;
//!
//!     // Writes $OUT_DIR/greeter.asl.json and $OUT_DIR/greeter.iam.json and
//!     // prints `cargo:rerun-if-changed=build.rs`.
//!     Generator::from_env()?
//!         .environment(AwsEnvironment {
//!             partition: "aws".into(),
//!             region: "us-east-2".into(),
//!             account: "123456789012".into(),
//!         })
//!         .machine("greeter", greeter)
//!         .write()?;
//!     Ok(())
//! }
//! ```
//!
//! The crate then embeds the files:
//!
//! ```ignore
//! const GREETER: &str = include_str!(concat!(env!("OUT_DIR"), "/greeter.asl.json"));
//! ```

use crate::integration::{AwsEnvironment, Integration};
use crate::validate::Options;
use crate::{Diagnostic, MachineType, StateMachine};
use std::fmt;
use std::path::{Path, PathBuf};

/// Writes state machines and their IAM policies as files, for `build.rs`.
/// See the [module documentation](self) for a complete build script.
pub struct Generator {
    dir: PathBuf,
    environment: Option<AwsEnvironment>,
    options: Options,
    machines: Vec<(String, StateMachine)>,
    rerun: Vec<PathBuf>,
    cargo_output: bool,
}

impl fmt::Debug for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.machines.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Generator")
            .field("dir", &self.dir)
            .field("environment", &self.environment)
            .field("options", &self.options)
            .field("machines", &names)
            .field("rerun", &self.rerun)
            .field("cargo_output", &self.cargo_output)
            .finish()
    }
}

impl Generator {
    /// A generator writing into `dir` (created when missing).
    ///
    /// It prints the `cargo:` lines like [`Generator::from_env`] does (turn
    /// them off with [`Generator::cargo_output`] outside a build script), and
    /// `build.rs` is in its list of files to watch.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Generator {
            dir: dir.into(),
            environment: None,
            options: Options::default(),
            machines: Vec::new(),
            rerun: vec![PathBuf::from("build.rs")],
            cargo_output: true,
        }
    }

    /// A generator writing into `OUT_DIR`, the folder Cargo gives a build
    /// script; fails when `OUT_DIR` is not set (outside a build script).
    pub fn from_env() -> Result<Self, BuildError> {
        match std::env::var_os("OUT_DIR") {
            Some(dir) if !dir.is_empty() => Ok(Generator::new(dir)),
            _ => Err(BuildError::one(Problem::NoOutDir)),
        }
    }

    /// The account, region and partition the IAM policies are generated for.
    /// Without it, no `<name>.iam.json` is written.
    pub fn environment(mut self, environment: AwsEnvironment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// One more service integration (a
    /// [`TypedIntegration`](crate::integration::TypedIntegration) of your
    /// typed tasks, or any [`Integration`]), after those of the process-wide
    /// registry (the built-in ones are there already): its rules run in the
    /// validator and it lists the IAM statements of the Task states it
    /// handles. Integrations are asked in the order they were added.
    pub fn integration(mut self, integration: impl Integration + 'static) -> Self {
        self.options.registry.push(integration);
        self
    }

    /// `STANDARD` or `EXPRESS`: EXPRESS machines are also checked for what
    /// they do not support (`.sync`, `.waitForTaskToken`, activities).
    pub fn machine_type(mut self, machine_type: MachineType) -> Self {
        self.options.machine_type = Some(machine_type);
        self
    }

    /// A machine to write as `<name>.asl.json` (and `<name>.iam.json`). The
    /// name must be non-empty ASCII letters, digits, `_` and `-`, and unique;
    /// [`Generator::write`] reports a name that is not.
    pub fn machine(mut self, name: impl Into<String>, machine: StateMachine) -> Self {
        self.machines.push((name.into(), machine));
        self
    }

    /// One more file (or folder) whose change must rerun the build script,
    /// relative to the package root: the modules and data your `build.rs`
    /// reads. `build.rs` itself is listed already.
    pub fn rerun_if_changed(mut self, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        if !self.rerun.contains(&path) {
            self.rerun.push(path);
        }
        self
    }

    /// Whether to print the `cargo:rerun-if-changed` and `cargo:warning`
    /// lines on standard output (on by default; turn it off in tests and
    /// tools that are not build scripts).
    pub fn cargo_output(mut self, on: bool) -> Self {
        self.cargo_output = on;
        self
    }

    /// The folder the files go to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Validates every machine, then writes the files, rewriting only those
    /// whose content changed. Returns the path of every generated file
    /// (written or already up to date), in the order of the machines, the
    /// definition before the policy.
    ///
    /// Nothing is written when a name is not a safe file name or is used
    /// twice, or when any machine has an ERROR: the [`BuildError`] lists
    /// every problem of every machine.
    pub fn write(&self) -> Result<Vec<PathBuf>, BuildError> {
        if self.cargo_output {
            for path in &self.rerun {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        for (i, (name, machine)) in self.machines.iter().enumerate() {
            if !is_safe_name(name) {
                problems.push(Problem::BadName(name.clone()));
            } else if self.machines.iter().take(i).any(|(n, _)| n == name) {
                problems.push(Problem::DuplicateName(name.clone()));
            }
            for d in crate::validate(machine, &self.options) {
                if d.is_error() {
                    problems.push(Problem::Invalid(name.clone(), d));
                } else {
                    warnings.push((name.as_str(), d));
                }
            }
        }
        if self.cargo_output {
            for (name, d) in &warnings {
                // One line per warning: Cargo reads the output line by line.
                let line = format!("{name}: {d}").replace(['\r', '\n'], " ");
                println!("cargo:warning={line}");
            }
        }
        if !problems.is_empty() {
            return Err(BuildError { problems });
        }

        std::fs::create_dir_all(&self.dir).map_err(|e| io(&self.dir, e))?;
        let mut written = Vec::new();
        for (name, machine) in &self.machines {
            let asl = self.dir.join(format!("{name}.asl.json"));
            write_if_changed(&asl, &format!("{}\n", machine.to_string_pretty()))?;
            written.push(asl);
            if let Some(env) = &self.environment {
                let policy = self.options.registry.policy_for(machine, env);
                let iam = self.dir.join(format!("{name}.iam.json"));
                write_if_changed(&iam, &format!("{}\n", crate::to_string_pretty(&policy)))?;
                written.push(iam);
            }
        }
        Ok(written)
    }
}

/// Whether `name` is non-empty and only ASCII letters, digits, `_` and `-`.
fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Writes `content` to `path` unless the file holds exactly that already.
fn write_if_changed(path: &Path, content: &str) -> Result<(), BuildError> {
    match std::fs::read(path) {
        Ok(old) if old == content.as_bytes() => Ok(()),
        _ => std::fs::write(path, content).map_err(|e| io(path, e)),
    }
}

fn io(path: &Path, error: std::io::Error) -> BuildError {
    BuildError::one(Problem::Io(path.to_path_buf(), error))
}

/// Why [`Generator::write`] (or [`Generator::from_env`]) failed: every
/// problem, one per line in its `Display` form, ready for `eprintln!`.
///
/// ```
/// use asl_core::build_support::Generator;
/// use asl_core::{Chain, Pass, Transition};
///
/// let broken = Chain::start("A", Pass::builder().transition(Transition::next("Nowhere")).build())
///     .into_machine();
/// let dir = std::env::temp_dir().join(format!("asl-core-build-error-doc-{}", std::process::id()));
/// let err = Generator::new(&dir).cargo_output(false).machine("broken", broken).write().unwrap_err();
/// let text = err.to_string();
/// let lines: Vec<&str> = text.lines().collect();
/// assert_eq!(lines[0], "invalid state machine definition(s):");
/// assert!(lines[2].starts_with(
///     "broken: ERROR MISSING_TRANSITION_TARGET at /States/A/Next: missing 'Next' target: 'Nowhere'"
/// ));
/// assert_eq!(err.diagnostics().count(), 2);
/// assert!(!dir.exists()); // nothing was written
/// ```
#[derive(Debug)]
pub struct BuildError {
    problems: Vec<Problem>,
}

#[derive(Debug)]
enum Problem {
    NoOutDir,
    BadName(String),
    DuplicateName(String),
    Invalid(String, Diagnostic),
    Io(PathBuf, std::io::Error),
}

impl BuildError {
    fn one(problem: Problem) -> Self {
        BuildError {
            problems: vec![problem],
        }
    }

    /// The validator's errors, with the name of the machine each belongs to.
    pub fn diagnostics(&self) -> impl Iterator<Item = (&str, &Diagnostic)> {
        self.problems.iter().filter_map(|p| match p {
            Problem::Invalid(name, d) => Some((name.as_str(), d)),
            _ => None,
        })
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let invalid = self
            .problems
            .iter()
            .any(|p| matches!(p, Problem::Invalid(..)));
        if invalid {
            f.write_str("invalid state machine definition(s):")?;
        } else {
            f.write_str("cannot generate the state machine files:")?;
        }
        for p in &self.problems {
            f.write_str("\n")?;
            match p {
                Problem::NoOutDir => f.write_str(
                    "OUT_DIR is not set: Generator::from_env() works in a build script only \
                     (use Generator::new(dir) elsewhere)",
                )?,
                Problem::BadName(name) => write!(
                    f,
                    "{name:?}: not a valid machine name (use ASCII letters, digits, '_' and '-')"
                )?,
                Problem::DuplicateName(name) => write!(f, "{name}: two machines have this name")?,
                Problem::Invalid(name, d) => write!(f, "{name}: {d}")?,
                Problem::Io(path, e) => write!(f, "cannot write {}: {e}", path.display())?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.problems.iter().find_map(|p| match p {
            Problem::Io(_, e) => Some(e as &(dyn std::error::Error + 'static)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Chain, Pass, Succeed, Task, Transition};
    use serde_json::json;

    fn env() -> AwsEnvironment {
        AwsEnvironment::new("aws", "us-east-2", "123456789012")
    }

    /// A generator writing into `dir` that prints nothing for Cargo.
    fn quiet(dir: &std::path::Path) -> Generator {
        Generator::new(dir).cargo_output(false)
    }

    fn temp(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "asl-core-build-support-{}-{tag}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn lambda() -> StateMachine {
        Chain::start(
            "Invoke",
            Task::builder()
                .resource("arn:aws:states:::lambda:invoke")
                .parameters(json!({"FunctionName": "f", "Payload.$": "$"}))
                .build(),
        )
        .next("Done", Succeed::builder().build())
        .build()
        .unwrap()
    }

    fn broken() -> StateMachine {
        Chain::start(
            "A",
            Pass::builder()
                .transition(Transition::next("Nowhere"))
                .build(),
        )
        .into_machine()
    }

    /// Records the states it sees and grants one fixed statement.
    struct Fake;
    impl Integration for Fake {
        fn name(&self) -> &'static str {
            "fake"
        }
        fn handles(&self, task: &Task) -> bool {
            task.resource.as_str().contains("lambda")
        }
        fn validate(
            &self,
            _: &Task,
            cx: &crate::integration::TaskContext<'_>,
            out: &mut Vec<Diagnostic>,
        ) {
            out.push(Diagnostic::warning(
                crate::codes::INVALID_INTEGRATION_PARAMETERS,
                format!("{}/Parameters", cx.pointer),
                "fake warning\nover two lines",
            ));
        }
        fn statements(
            &self,
            _: &Task,
            _: &crate::integration::TaskContext<'_>,
            env: &AwsEnvironment,
        ) -> Vec<crate::iam::Statement> {
            vec![crate::iam::Statement::allow(
                "InvokeFunction",
                ["lambda:InvokeFunction"],
                [format!(
                    "arn:aws:lambda:{}:{}:function:f",
                    env.region, env.account
                )],
            )]
        }
    }

    #[test]
    fn writes_definition_and_policy() {
        let dir = temp("writes");
        let machine = lambda();
        let paths = quiet(&dir)
            .environment(env())
            .integration(Fake)
            .machine("my_machine-1", machine.clone())
            .write()
            .unwrap();
        assert_eq!(
            paths,
            [
                dir.join("my_machine-1.asl.json"),
                dir.join("my_machine-1.iam.json")
            ]
        );
        let asl = std::fs::read_to_string(&paths[0]).unwrap();
        assert_eq!(asl, format!("{}\n", machine.to_string_pretty()));
        assert_eq!(crate::from_str(&asl).unwrap(), machine);
        let iam: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&paths[1]).unwrap()).unwrap();
        assert_eq!(
            iam["Statement"][0]["Resource"][0],
            "arn:aws:lambda:us-east-2:123456789012:function:f"
        );
        assert_eq!(iam["Statement"][0]["Sid"], "InvokeFunction1");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn no_environment_no_policy() {
        let dir = temp("noenv");
        let paths = quiet(&dir).machine("m", lambda()).write().unwrap();
        assert_eq!(paths, [dir.join("m.asl.json")]);
        assert!(!dir.join("m.iam.json").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = temp("stable");
        let generate = || {
            quiet(&dir)
                .environment(env())
                .machine("m", lambda())
                .write()
                .unwrap()
        };
        let paths = generate();
        let before: Vec<_> = paths
            .iter()
            .map(|p| {
                (
                    std::fs::read(p).unwrap(),
                    std::fs::metadata(p).unwrap().modified().unwrap(),
                )
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(generate(), paths);
        for (p, (bytes, mtime)) in paths.iter().zip(&before) {
            assert_eq!(&std::fs::read(p).unwrap(), bytes);
            assert_eq!(&std::fs::metadata(p).unwrap().modified().unwrap(), mtime);
        }
        // A changed file is rewritten.
        std::fs::write(&paths[0], "{}").unwrap();
        generate();
        assert_eq!(std::fs::read(&paths[0]).unwrap(), before[0].0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn errors_of_every_machine_and_nothing_written() {
        let dir = temp("errors");
        let err = quiet(&dir)
            .environment(env())
            .machine("good", lambda())
            .machine("bad", broken())
            .machine("worse", broken())
            .write()
            .unwrap_err();
        let text = err.to_string();
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "invalid state machine definition(s):",
                "bad: ERROR MISSING_END_STATE at /: no terminal state is reachable: add a Succeed or Fail state, or 'End': true",
                "bad: ERROR MISSING_TRANSITION_TARGET at /States/A/Next: missing 'Next' target: 'Nowhere' is not a state of this scope (transitions cannot leave a Parallel branch or Map processor)",
                "worse: ERROR MISSING_END_STATE at /: no terminal state is reachable: add a Succeed or Fail state, or 'End': true",
                "worse: ERROR MISSING_TRANSITION_TARGET at /States/A/Next: missing 'Next' target: 'Nowhere' is not a state of this scope (transitions cannot leave a Parallel branch or Map processor)",
            ]
        );
        let names: Vec<&str> = err.diagnostics().map(|(n, _)| n).collect();
        assert_eq!(names, ["bad", "bad", "worse", "worse"]);
        assert!(!dir.exists());
    }

    #[test]
    fn unsafe_and_duplicate_names() {
        let dir = temp("names");
        for bad in ["", "../x", "a/b", "a.b", "é", "a b"] {
            let err = quiet(&dir).machine(bad, lambda()).write().unwrap_err();
            assert!(
                err.to_string().contains("not a valid machine name"),
                "{bad}"
            );
            assert_eq!(err.diagnostics().count(), 0);
        }
        let err = quiet(&dir)
            .machine("m", lambda())
            .machine("m", lambda())
            .write()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot generate the state machine files:\nm: two machines have this name"
        );
        assert!(!dir.exists());
    }

    #[test]
    fn warnings_do_not_fail() {
        let dir = temp("warnings");
        let paths = Generator::new(&dir)
            .integration(Fake)
            .rerun_if_changed("src/machines.rs")
            .rerun_if_changed("src/machines.rs")
            .machine("m", lambda())
            .write()
            .unwrap();
        assert_eq!(paths.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn io_errors_name_the_path() {
        let dir = temp("io");
        std::fs::create_dir_all(&dir).unwrap();
        // A folder where the file should go: the write fails.
        std::fs::create_dir_all(dir.join("m.asl.json")).unwrap();
        let err = quiet(&dir).machine("m", lambda()).write().unwrap_err();
        assert!(err.to_string().contains("cannot write"), "{err}");
        assert!(std::error::Error::source(&err).is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn from_env_needs_out_dir() {
        // Unit tests do not run under a build script; OUT_DIR may be set for
        // the compiler only, never at run time.
        if std::env::var_os("OUT_DIR").is_none() {
            let err = Generator::from_env().unwrap_err();
            assert!(err.to_string().contains("OUT_DIR is not set"));
        }
    }
}
