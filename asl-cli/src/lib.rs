//! The library behind the `asl` command: what `asl check` and `asl iam`
//! compute and print, without the command line. The `asl` binary is a thin
//! clap front end over these functions, so a program (or a test) that
//! registers its own integrations with
//! [`register`](asl_core::integration::register) gets exactly what the
//! command would report.
//!
//! ```
//! use asl_cli::{check_text, iam_policy, render_check, Format};
//! use asl_core::integration::AwsEnvironment;
//! use asl_core::Options;
//!
//! let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Task",
//!     "Resource": "arn:aws:states:::bedrock:invokeModel",
//!     "Parameters": {"ModelId": "amazon.titan-text-express-v1", "Body": {"inputText": "Hello"}}, "End": true}}}"#;
//! let options = Options::default();
//! let report = check_text(text, &options);
//! assert_eq!(render_check("a.asl.json", &report, Format::Text), "");
//!
//! let env = AwsEnvironment::new("aws", "us-east-2", "123456789012");
//! let policy = iam_policy(text, &env, &options).unwrap();
//! assert_eq!(policy.statement[0].action, ["bedrock:InvokeModel"]);
//! ```

pub mod source;
mod yaml;

use asl_core::iam::{Generated, IamOptions, PolicyDocument};
use asl_core::integration::AwsEnvironment;
use asl_core::{Diagnostic, MachineType, Options, Report};
use std::collections::BTreeMap;

/// Exit codes shared by every subcommand.
pub mod exit {
    /// Everything was fine.
    pub const OK: u8 = 0;
    /// A definition is invalid (or not canonical, for `fmt --check`).
    pub const INVALID: u8 = 1;
    /// Bad usage, or a file could not be read.
    pub const USAGE: u8 = 2;
}

/// Output format of `asl check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: ERROR CODE at /pointer: message`, one line per
    /// diagnostic (`file: …` when the position is not known).
    Text,
    /// One JSON object per file (per state machine of a template) per line.
    Json,
}

/// The state machine type (`--type` of `asl check`, `asl iam` and
/// `asl deploy`), which changes the allowed integrations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Type {
    /// A standard workflow (what `asl deploy` creates unless told otherwise).
    #[value(name = "STANDARD", alias = "standard")]
    Standard,
    /// An express workflow: no `.sync`, `.waitForTaskToken` or activities.
    /// The type of a deployed state machine cannot be changed.
    #[value(name = "EXPRESS", alias = "express")]
    Express,
}

impl From<Type> for MachineType {
    fn from(t: Type) -> Self {
        match t {
            Type::Standard => MachineType::Standard,
            Type::Express => MachineType::Express,
        }
    }
}

/// The validator options of `asl check` and `asl iam`: the machine type,
/// the `${NAME}` substitutions, and the process-wide registry of
/// integrations (built-in ones and those [`register`](asl_core::integration::register)ed).
pub fn options(
    machine_type: Option<MachineType>,
    substitutions: BTreeMap<String, String>,
) -> Options {
    Options {
        machine_type,
        substitutions,
        ..Options::default()
    }
}

/// Reads a JSON object of substitutions (`{"NAME": "VALUE", ...}`, the
/// `--substitutions FILE.json` of `asl check`); a value that is not a string
/// stands for its JSON text. The error says why the bytes are not such an
/// object.
///
/// ```
/// let subs = asl_cli::parse_substitutions(br#"{"Fn": "arn:aws:states:::lambda:invoke", "N": 3}"#).unwrap();
/// assert_eq!(subs["N"], "3");
/// ```
pub fn parse_substitutions(json: &[u8]) -> Result<BTreeMap<String, String>, String> {
    let map = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(json)
        .map_err(|e| format!("expected a JSON object of substitutions: {e}"))?;
    Ok(map
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (name, value)
        })
        .collect())
}

/// `asl check` of one definition: every diagnostic, in document order (see
/// [`asl_core::validate_str`]).
pub fn check_text(text: &str, options: &Options) -> Report {
    asl_core::validate_str(text, options)
}

/// [`check_text`] for bytes as read from a file: text that is not UTF-8 is
/// a diagnostic, not read lossily.
pub fn check_bytes(bytes: &[u8], options: &Options) -> Report {
    asl_core::validate_slice(bytes, options)
}

/// Where a report's diagnostics are: the file, and for a template the
/// logical id of the state machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin<'a> {
    /// The file, as the user named it.
    pub file: &'a str,
    /// The state machine's logical id, for a template.
    pub resource: Option<&'a str>,
}

/// What `asl check` prints on standard output for one file: a line
/// `file:line:col: ERROR CODE at /pointer: message` per diagnostic
/// ([`Format::Text`]; `file: …` when the diagnostic has no position), or
/// one JSON object `{"file", "result": "OK" | "FAIL", "diagnostics"}`
/// ([`Format::Json`], each diagnostic as [`Diagnostic`] serializes, with
/// its `line` and `column`, `null` when not known). Every line ends with a
/// newline.
///
/// ```
/// use asl_cli::{check_text, render_check, Format};
/// let report = check_text(r#"{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 100000000, "End": true}}}"#, &Default::default());
/// assert_eq!(
///     render_check("x.json", &report, Format::Json),
///     "{\"file\":\"x.json\",\"result\":\"FAIL\",\"diagnostics\":[{\"severity\":\"ERROR\",\"code\":\"SCHEMA_VALIDATION_FAILED\",\"message\":\"'Seconds' must be at most 99999999, found 100000000\",\"location\":\"/States/A/Seconds\",\"line\":1,\"column\":51}]}\n"
/// );
/// assert_eq!(
///     render_check("x.json", &report, Format::Text),
///     "x.json:1:51: ERROR SCHEMA_VALIDATION_FAILED at /States/A/Seconds: 'Seconds' must be at most 99999999, found 100000000\n"
/// );
/// ```
pub fn render_check(file: &str, report: &Report, format: Format) -> String {
    render(
        Origin {
            file,
            resource: None,
        },
        report,
        format,
    )
}

/// [`render_check`] for a definition that may be one state machine of a
/// template: text lines `file:line:col: LogicalId: ERROR …`, and a
/// `"resource"` member in the JSON object.
///
/// ```
/// use asl_cli::{check_text, render, Format, Origin};
/// let report = check_text(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#, &Default::default());
/// let origin = Origin { file: "template.yaml", resource: Some("Machine") };
/// let text = render(origin, &report, Format::Text);
/// assert!(text.starts_with("template.yaml:1:1: Machine: ERROR MISSING_END_STATE at /: "));
/// assert!(text.contains("\ntemplate.yaml:1:51: Machine: ERROR MISSING_TRANSITION_TARGET at /States/A/Next: "));
/// assert!(render(origin, &report, Format::Json)
///     .starts_with(r#"{"file":"template.yaml","resource":"Machine","result":"FAIL","#));
/// ```
pub fn render(origin: Origin<'_>, report: &Report, format: Format) -> String {
    let Origin { file, resource } = origin;
    match format {
        Format::Text => {
            let resource = resource.map(|r| format!(" {r}:")).unwrap_or_default();
            report
                .diagnostics
                .iter()
                .map(|d| match (d.line, d.column) {
                    (Some(line), Some(column)) => {
                        format!("{file}:{line}:{column}:{resource} {d}\n")
                    }
                    _ => format!("{file}:{resource} {d}\n"),
                })
                .collect()
        }
        Format::Json => {
            let diagnostics: Vec<serde_json::Value> =
                report.diagnostics.iter().map(located).collect();
            let mut line = serde_json::Map::new();
            line.insert("file".to_owned(), file.into());
            if let Some(resource) = resource {
                line.insert("resource".to_owned(), resource.into());
            }
            let result = if report.is_ok() { "OK" } else { "FAIL" };
            line.insert("result".to_owned(), result.into());
            line.insert("diagnostics".to_owned(), diagnostics.into());
            format!("{}\n", serde_json::Value::Object(line))
        }
    }
}

/// A diagnostic as the JSON formats write it: its serde form plus `line`
/// and `column` (`null` when unknown).
fn located(d: &Diagnostic) -> serde_json::Value {
    let mut value = serde_json::to_value(d).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("line".to_owned(), d.line.into());
        object.insert("column".to_owned(), d.column.into());
    }
    value
}

/// What `asl iam` computes for one definition: every diagnostic of the
/// validator, and, when the definition has no error, the least-privilege
/// policy of the execution role with the generator's warnings.
#[derive(Debug)]
pub struct Iam {
    /// Every diagnostic of the validator (warnings included), in document
    /// order.
    pub diagnostics: Vec<Diagnostic>,
    /// The policy and what it leaves out; `None` for an invalid definition.
    pub generated: Option<Generated>,
}

impl Iam {
    /// The policy; `None` for an invalid definition.
    pub fn policy(&self) -> Option<&PolicyDocument> {
        self.generated.as_ref().map(|g| &g.policy)
    }

    /// `asl iam --format json`: the policy (`null` for an invalid
    /// definition), every warning (the validator's, then the generator's),
    /// the errors, and the message for a machine that needs no permission.
    ///
    /// ```
    /// use asl_cli::iam_bytes;
    /// use asl_core::integration::AwsEnvironment;
    /// let env = AwsEnvironment::new("aws", "us-east-1", "123456789012");
    /// let iam = iam_bytes(br#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#, &env, &Default::default(), &Default::default());
    /// let json = iam.to_json("m.asl.json");
    /// assert_eq!(json["policy"]["Statement"], serde_json::json!([]));
    /// assert_eq!(json["message"], asl_core::iam::NOTHING_NEEDED);
    /// ```
    pub fn to_json(&self, file: &str) -> serde_json::Value {
        let (errors, mut warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            self.diagnostics.iter().partition(|d| d.is_error());
        if let Some(g) = &self.generated {
            warnings.extend(g.warnings.iter());
        }
        serde_json::json!({
            "file": file,
            "policy": self.policy(),
            "warnings": warnings.into_iter().map(located).collect::<Vec<_>>(),
            "errors": errors.into_iter().map(located).collect::<Vec<_>>(),
            "message": self.generated.as_ref().and_then(Generated::message),
        })
    }
}

/// `asl iam` of a definition read from a file: validation with `options`,
/// then, when valid, the policy from `options.registry` for `env` and `iam`
/// (the machine's name, substitution values).
pub fn iam_bytes(bytes: &[u8], env: &AwsEnvironment, options: &Options, iam: &IamOptions) -> Iam {
    iam_of(check_bytes(bytes, options), env, options, iam)
}

/// [`iam_bytes`] for one definition of a file (a YAML definition, a state
/// machine of a template; see [`source`]).
pub fn iam_unit(
    unit: &source::Unit,
    env: &AwsEnvironment,
    options: &Options,
    iam: &IamOptions,
) -> Iam {
    iam_of(unit.check(options), env, options, iam)
}

/// The policy of a checked definition, when it has no error.
fn iam_of(report: Report, env: &AwsEnvironment, options: &Options, iam: &IamOptions) -> Iam {
    let generated = match (report.is_ok(), report.machine.as_ref()) {
        (true, Some(machine)) => Some(options.registry.generate(machine, env, iam)),
        _ => None,
    };
    Iam {
        diagnostics: report.diagnostics,
        generated,
    }
}

/// The policy `asl iam` prints for `text`, or, for an invalid definition,
/// every diagnostic.
pub fn iam_policy(
    text: &str,
    env: &AwsEnvironment,
    options: &Options,
) -> Result<PolicyDocument, Vec<Diagnostic>> {
    let iam = iam_bytes(text.as_bytes(), env, options, &IamOptions::default());
    match iam.generated {
        Some(g) => Ok(g.policy),
        None => Err(iam.diagnostics),
    }
}
