//! What a file holds: a definition in JSON (checked as it is) or in YAML
//! (checked as the JSON it stands for), or a CloudFormation or SAM template
//! whose state machines are each checked on their own.
//!
//! ```
//! use asl_cli::source::{load, SourceKind};
//! use std::path::Path;
//!
//! let template = b"Resources:
//!   Machine:
//!     Type: AWS::StepFunctions::StateMachine
//!     Properties:
//!       Definition:
//!         StartAt: A
//!         States:
//!           A: {Type: Task, Resource: !GetAtt Fn.Arn, Next: B}
//! ";
//! let source = load(Path::new("template.yaml"), template);
//! assert_eq!(source.kind, SourceKind::Template);
//! let machine = &source.units[0];
//! assert_eq!(machine.resource(), Some("Machine"));
//! let report = machine.check(&asl_core::Options::default());
//! // The intrinsic function is a deploy-time value; the missing state B is
//! // an error, at its line and column in the template.
//! let d = &report.diagnostics[1];
//! assert_eq!(d.code, "MISSING_TRANSITION_TARGET");
//! assert_eq!((d.location.as_str(), d.line, d.column), ("/States/A/Next", Some(8), Some(53)));
//! ```

use crate::yaml::{self, Positions};
use asl_core::{Diagnostic, Options, Report};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// A YAML document that cannot be read (its syntax, a repeated key, …).
pub const INVALID_YAML: &str = "INVALID_YAML";
/// A template whose state machine resources cannot be read (no
/// definition, a `DefinitionString` that is not text, a `DefinitionUri`
/// file that cannot be read, no state machine at all).
pub const INVALID_TEMPLATE: &str = "INVALID_TEMPLATE";
/// A state machine whose definition is not in the template or beside it
/// (`DefinitionS3Location`, an `s3://` `DefinitionUri`): not checked.
pub const UNCHECKED_DEFINITION: &str = "UNCHECKED_DEFINITION";

/// The resource types whose definitions are checked.
const STATE_MACHINES: [&str; 2] = [
    "AWS::StepFunctions::StateMachine",
    "AWS::Serverless::StateMachine",
];

/// What kind of file a [`Source`] was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A definition in JSON (`.asl.json`, `.json`, anything not YAML).
    Json,
    /// A definition in YAML (`.asl.yaml`, `.asl.yml`).
    Yaml,
    /// A CloudFormation or SAM template (JSON or YAML): a top-level
    /// `AWSTemplateFormatVersion` or `Resources`.
    Template,
}

/// A file, read as what `asl` checks.
#[derive(Debug)]
pub struct Source {
    /// What the file is.
    pub kind: SourceKind,
    /// What to check: the definition, or each state machine of a template
    /// (and, for a template, its own problems, such as having none).
    pub units: Vec<Unit>,
}

/// One definition to check, and where it came from.
#[derive(Debug)]
pub struct Unit {
    file: String,
    resource: Option<String>,
    content: Content,
    /// Literal `${Name}` substitutions (`DefinitionSubstitutions`).
    substitutions: BTreeMap<String, String>,
    /// `${Name}`s CloudFormation resolves at deploy time (intrinsic
    /// functions, and substitutions whose value is one): never "unresolved".
    deferred: BTreeSet<String>,
}

#[derive(Debug)]
enum Content {
    /// The file's own bytes, checked as they are.
    Bytes(Vec<u8>),
    /// A definition read from YAML or from a template's `Definition`; its
    /// values are at `base` + their pointer in `positions`, when known.
    Value {
        value: Value,
        positions: Option<Arc<Positions>>,
        base: String,
    },
    /// A definition's text built from a template (`DefinitionString`):
    /// where it is in the file is not known.
    Text(String),
    /// Nothing to check; only these problems.
    Problems(Vec<Diagnostic>),
}

impl Unit {
    /// The file the definition is in, as given (a `DefinitionUri` file for
    /// a SAM state machine that names one).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The logical id of the state machine, for a template.
    pub fn resource(&self) -> Option<&str> {
        self.resource.as_deref()
    }

    /// Where this unit's diagnostics are, for [`render`](crate::render).
    pub fn origin(&self) -> crate::Origin<'_> {
        crate::Origin {
            file: &self.file,
            resource: self.resource.as_deref(),
        }
    }

    /// Every diagnostic of the definition, with the line and column in
    /// [`file`](Self::file) where they are known: the template's
    /// substitutions apply (`options`' own win), and intrinsic functions are
    /// deploy-time values, accepted wherever a literal is.
    pub fn check(&self, options: &Options) -> Report {
        let merged;
        let options = if self.substitutions.is_empty() {
            options
        } else {
            let mut substitutions = self.substitutions.clone();
            substitutions.extend(options.substitutions.clone());
            merged = Options {
                machine_type: options.machine_type,
                registry: options.registry.clone(),
                substitutions,
            };
            &merged
        };
        let mut report = match &self.content {
            Content::Bytes(bytes) => return crate::check_bytes(bytes, options),
            Content::Problems(problems) => {
                return Report {
                    diagnostics: problems.clone(),
                    machine: None,
                }
            }
            Content::Text(text) => crate::check_text(text, options),
            Content::Value {
                value,
                positions,
                base,
            } => {
                let mut report = crate::check_text(&value.to_string(), options);
                for d in &mut report.diagnostics {
                    let key = match d.location.as_str() {
                        "/" | "" if base.is_empty() => "/".to_owned(),
                        "/" | "" => base.clone(),
                        location => format!("{base}{location}"),
                    };
                    let at = positions.as_ref().and_then(|p| p.get(&key));
                    (d.line, d.column) = (at.map(|a| a.0), at.map(|a| a.1));
                }
                report
            }
        };
        if let Content::Text(_) = self.content {
            // Lines of the built text are nowhere in the file.
            for d in &mut report.diagnostics {
                (d.line, d.column) = (None, None);
            }
        }
        let deferred = &self.deferred;
        report.diagnostics.retain(|d| {
            d.code != asl_core::codes::UNRESOLVED_SUBSTITUTION
                || !substitution_name(&d.message).is_some_and(|n| deferred.contains(n))
        });
        report
    }

    /// The definition as JSON text: the file's own bytes for a JSON
    /// definition, the JSON it stands for otherwise; `None` when there is
    /// only a problem.
    pub fn json(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        match &self.content {
            Content::Bytes(bytes) => Some(bytes.as_slice().into()),
            Content::Value { value, .. } => Some(value.to_string().into_bytes().into()),
            Content::Text(text) => Some(text.as_bytes().into()),
            Content::Problems(_) => None,
        }
    }
}

/// The name in asl-core's "no value was given for the substitution
/// '${Name}'".
fn substitution_name(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once("'${")?;
    let (name, _) = rest.rsplit_once("}'")?;
    Some(name)
}

/// Whether a file name says YAML.
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Whether a top-level object is a template.
fn is_template<'a>(mut keys: impl Iterator<Item = &'a str>) -> bool {
    keys.any(|k| k == "AWSTemplateFormatVersion" || k == "Resources")
}

/// The top-level keys of a JSON object (its values skipped, not kept), or
/// `None` for text that is not such an object.
fn top_keys(bytes: &[u8]) -> Option<Vec<String>> {
    struct Keys(Vec<String>);
    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some((k, serde::de::IgnoredAny)) = map.next_entry::<String, _>()? {
                        keys.push(k);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_slice::<Keys>(bytes).ok().map(|k| k.0)
}

/// What `asl check DIR` finds worth checking in a file it walks past: a
/// `.asl.json`/`.asl.yaml`/`.asl.yml` file, a `.json` file holding a
/// definition (an object with `StartAt` and `States`), or a template (JSON
/// or YAML) with a state machine.
pub fn worth_checking(path: &Path, bytes: &[u8]) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if [".asl.json", ".asl.yaml", ".asl.yml"]
        .iter()
        .any(|ext| name.ends_with(ext))
    {
        return true;
    }
    if name.ends_with(".json") {
        let Some(keys) = top_keys(bytes) else {
            return false;
        };
        let has = |k: &str| keys.iter().any(|x| x == k);
        if has("StartAt") && has("States") {
            return true;
        }
        if !is_template(keys.iter().map(String::as_str)) {
            return false;
        }
    } else if !is_yaml(path) {
        return false;
    }
    let source = load(path, bytes);
    source.kind == SourceKind::Template && source.units.iter().any(|u| u.resource.is_some())
}

/// Reads a file: YAML by its name (`.yaml`, `.yml`), JSON otherwise; a
/// template when its top-level object has `AWSTemplateFormatVersion` or
/// `Resources`. A file that cannot be read as any of these is a unit with
/// the problem (a JSON definition is given to the validator as it is,
/// which says what is wrong with it).
pub fn load(path: &Path, bytes: &[u8]) -> Source {
    let file = path.display().to_string();
    let problem = |kind, d: Diagnostic| Source {
        kind,
        units: vec![Unit::problems(&file, None, vec![d])],
    };
    if is_yaml(path) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return problem(
                SourceKind::Yaml,
                Diagnostic::error(INVALID_YAML, "/", "the file is not UTF-8 text"),
            );
        };
        let (value, positions) = match yaml::parse(text) {
            Ok(read) => read,
            Err(e) => {
                let d = Diagnostic::error(INVALID_YAML, "/", format!("YAML: {}", e.message))
                    .at(e.line, e.column);
                return problem(SourceKind::Yaml, d);
            }
        };
        let template = value
            .as_object()
            .is_some_and(|o| is_template(o.keys().map(String::as_str)));
        if template {
            return template_source(&file, path, &value, Some(Arc::new(positions)));
        }
        return Source {
            kind: SourceKind::Yaml,
            units: vec![Unit::value(
                &file,
                None,
                value,
                Some(Arc::new(positions)),
                String::new(),
            )],
        };
    }
    let template = top_keys(bytes).is_some_and(|keys| is_template(keys.iter().map(String::as_str)));
    if !template {
        return Source {
            kind: SourceKind::Json,
            units: vec![Unit {
                file,
                resource: None,
                content: Content::Bytes(bytes.to_vec()),
                substitutions: BTreeMap::new(),
                deferred: BTreeSet::new(),
            }],
        };
    }
    // JSON is YAML: the YAML reader knows where each value is. Should it
    // refuse some JSON (a tab where YAML wants none), the JSON reader reads
    // it without positions.
    let read = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| yaml::parse(text).ok());
    match read {
        Some((value, positions)) => template_source(&file, path, &value, Some(Arc::new(positions))),
        None => match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => template_source(&file, path, &value, None),
            Err(e) => problem(
                SourceKind::Template,
                Diagnostic::error(
                    asl_core::codes::INVALID_JSON_DESCRIPTION,
                    "/",
                    e.to_string(),
                )
                .at(e.line(), e.column()),
            ),
        },
    }
}

impl Unit {
    fn problems(file: &str, resource: Option<&str>, problems: Vec<Diagnostic>) -> Unit {
        Unit {
            file: file.to_owned(),
            resource: resource.map(str::to_owned),
            content: Content::Problems(problems),
            substitutions: BTreeMap::new(),
            deferred: BTreeSet::new(),
        }
    }

    fn value(
        file: &str,
        resource: Option<&str>,
        value: Value,
        positions: Option<Arc<Positions>>,
        base: String,
    ) -> Unit {
        Unit {
            file: file.to_owned(),
            resource: resource.map(str::to_owned),
            content: Content::Value {
                value,
                positions,
                base,
            },
            substitutions: BTreeMap::new(),
            deferred: BTreeSet::new(),
        }
    }
}

/// The state machines of a template, each a unit; a template without one
/// is a unit with that problem.
fn template_source(
    file: &str,
    path: &Path,
    root: &Value,
    positions: Option<Arc<Positions>>,
) -> Source {
    let at = |pointer: &str, d: Diagnostic| match positions.as_ref().and_then(|p| p.get(pointer)) {
        Some(&(line, column)) => d.at(line, column),
        None => d,
    };
    let mut units = Vec::new();
    let resources = root.get("Resources").and_then(Value::as_object);
    for (id, resource) in resources.into_iter().flatten() {
        let kind = resource
            .get("Type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !STATE_MACHINES.contains(&kind) {
            continue;
        }
        let pointer = format!("/Resources/{}", asl_core::pointer::escape(id));
        let Some(properties) = resource.get("Properties").and_then(Value::as_object) else {
            let d = Diagnostic::error(
                INVALID_TEMPLATE,
                pointer.as_str(),
                format!("{kind} has no Properties, so no definition"),
            );
            units.push(Unit::problems(file, Some(id), vec![at(&pointer, d)]));
            continue;
        };
        let pointer = format!("{pointer}/Properties");
        let mut unit = machine(
            file,
            path,
            id,
            kind,
            properties,
            &pointer,
            positions.as_ref(),
        );
        if let Content::Problems(problems) = &mut unit.content {
            for d in problems.iter_mut() {
                if d.line.is_none() {
                    *d = at(&d.location, d.clone());
                }
            }
        }
        if let Some(subs) = properties
            .get("DefinitionSubstitutions")
            .and_then(Value::as_object)
        {
            for (name, value) in subs {
                match value {
                    Value::String(s) => {
                        unit.substitutions.insert(name.clone(), s.clone());
                    }
                    Value::Number(_) | Value::Bool(_) => {
                        unit.substitutions.insert(name.clone(), value.to_string());
                    }
                    _ => {
                        unit.deferred.insert(name.clone());
                    }
                }
            }
        }
        units.push(unit);
    }
    if units.is_empty() {
        let d = Diagnostic::error(
            INVALID_TEMPLATE,
            "/Resources",
            "the template has no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource",
        );
        units.push(Unit::problems(file, None, vec![at("/Resources", d)]));
    }
    Source {
        kind: SourceKind::Template,
        units,
    }
}

/// The definition of one state machine resource (`properties` at `pointer`).
fn machine(
    file: &str,
    path: &Path,
    id: &str,
    kind: &str,
    properties: &Map<String, Value>,
    pointer: &str,
    positions: Option<&Arc<Positions>>,
) -> Unit {
    let problem = |d: Diagnostic| Unit::problems(file, Some(id), vec![d]);
    let mut deferred = BTreeSet::new();
    if let Some(definition) = properties.get("Definition") {
        let mut value = definition.clone();
        if !value.is_object() {
            return problem(Diagnostic::error(
                INVALID_TEMPLATE,
                format!("{pointer}/Definition"),
                "'Definition' must be an object (the definition itself); a definition as text is 'DefinitionString'",
            ));
        }
        placeholders(&mut value, &mut deferred);
        let mut unit = Unit::value(
            file,
            Some(id),
            value,
            positions.cloned(),
            format!("{pointer}/Definition"),
        );
        unit.deferred = deferred;
        return unit;
    }
    if let Some(definition) = properties.get("DefinitionString") {
        let Some(text) = text(definition, &mut deferred) else {
            return problem(Diagnostic::error(
                INVALID_TEMPLATE,
                format!("{pointer}/DefinitionString"),
                "'DefinitionString' must be a string, or an Fn::Sub or Fn::Join that makes one",
            ));
        };
        return Unit {
            file: file.to_owned(),
            resource: Some(id.to_owned()),
            content: Content::Text(text),
            substitutions: BTreeMap::new(),
            deferred,
        };
    }
    let s3 = |what: &str| {
        problem(Diagnostic::warning(
            UNCHECKED_DEFINITION,
            format!("{pointer}/{what}"),
            format!("the definition is in S3 ('{what}'); it is not checked"),
        ))
    };
    match properties.get("DefinitionUri") {
        Some(Value::String(uri)) if !uri.starts_with("s3://") => {
            let target = path.parent().unwrap_or(Path::new("")).join(uri);
            return match std::fs::read(&target) {
                Ok(bytes) => {
                    let source = load(&target, &bytes);
                    if source.kind == SourceKind::Template {
                        return problem(Diagnostic::error(
                            INVALID_TEMPLATE,
                            format!("{pointer}/DefinitionUri"),
                            format!(
                                "'DefinitionUri' names {}, which is a template, not a definition",
                                target.display()
                            ),
                        ));
                    }
                    let mut unit = source
                        .units
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| Unit::problems(file, None, vec![]));
                    unit.resource = Some(id.to_owned());
                    unit
                }
                Err(e) => problem(Diagnostic::error(
                    INVALID_TEMPLATE,
                    format!("{pointer}/DefinitionUri"),
                    format!(
                        "'DefinitionUri' names {}, which cannot be read: {e}",
                        target.display()
                    ),
                )),
            };
        }
        Some(_) => return s3("DefinitionUri"),
        None => {}
    }
    if properties.contains_key("DefinitionS3Location") {
        return s3("DefinitionS3Location");
    }
    let fields = if kind == "AWS::Serverless::StateMachine" {
        "'Definition' or 'DefinitionUri'"
    } else {
        "'Definition', 'DefinitionString' or 'DefinitionS3Location'"
    };
    problem(Diagnostic::error(
        INVALID_TEMPLATE,
        pointer,
        format!("{kind} has no definition: expected {fields}"),
    ))
}

/// The function of an intrinsic function call (`{"Ref": …}`,
/// `{"Fn::Sub": …}`, …): an object with that one key.
fn intrinsic(value: &Value) -> Option<(&str, &Value)> {
    let object = value.as_object()?;
    if object.len() != 1 {
        return None;
    }
    let (name, argument) = object.iter().next()?;
    (name == "Ref" || name.starts_with("Fn::")).then_some((name.as_str(), argument))
}

/// Replaces every intrinsic function call in a definition with the text it
/// stands for ([`text`]), `${…}` placeholders for what CloudFormation
/// resolves at deploy time.
fn placeholders(value: &mut Value, deferred: &mut BTreeSet<String>) {
    if intrinsic(value).is_some() {
        let rendered = text(value, deferred);
        *value = Value::String(rendered.unwrap_or_default());
        return;
    }
    match value {
        Value::Object(map) => map.values_mut().for_each(|v| placeholders(v, deferred)),
        Value::Array(items) => items.iter_mut().for_each(|v| placeholders(v, deferred)),
        _ => {}
    }
}

/// The text a template value stands for: a string as it is, `Fn::Sub` and
/// `Fn::Join` worked out, and `${Name}` for what is only known at deploy
/// time (`Ref X` is `${X}`, `Fn::GetAtt [A, B]` is `${A.B}`, any other
/// function `${Fn::Name}`), whose names go into `deferred`. `None` for a
/// value that is no text (an object, an array).
fn text(value: &Value, deferred: &mut BTreeSet<String>) -> Option<String> {
    let placeholder = |name: String, deferred: &mut BTreeSet<String>| {
        let text = format!("${{{name}}}");
        deferred.insert(name);
        text
    };
    match value {
        Value::String(s) => return Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => return Some(value.to_string()),
        _ => {}
    }
    let (function, argument) = intrinsic(value)?;
    let name = match (function, argument) {
        ("Ref", Value::String(name)) => name.clone(),
        ("Fn::GetAtt", Value::String(path)) => path.clone(),
        ("Fn::GetAtt", Value::Array(parts)) => parts
            .iter()
            .map(|p| p.as_str().map_or_else(|| "…".to_owned(), str::to_owned))
            .collect::<Vec<_>>()
            .join("."),
        ("Fn::Sub", Value::String(s)) => return Some(sub(s, &Map::new(), deferred)),
        ("Fn::Sub", Value::Array(args)) => match args.as_slice() {
            [Value::String(s), Value::Object(vars)] => return Some(sub(s, vars, deferred)),
            [Value::String(s)] => return Some(sub(s, &Map::new(), deferred)),
            _ => function.to_owned(),
        },
        ("Fn::Join", Value::Array(args)) => match args.as_slice() {
            [Value::String(separator), Value::Array(parts)] => {
                let parts: Vec<String> = parts
                    .iter()
                    .map(|p| {
                        text(p, deferred)
                            .unwrap_or_else(|| placeholder("Fn::Join".to_owned(), deferred))
                    })
                    .collect();
                return Some(parts.join(separator));
            }
            _ => function.to_owned(),
        },
        _ => function.to_owned(),
    };
    Some(placeholder(name, deferred))
}

/// `Fn::Sub`: each `${Name}` whose variable is literal is replaced;
/// `${!Name}` is the text `${Name}` (for `DefinitionSubstitutions`); any
/// other `${Name}` (a variable that is a function, a parameter, a resource,
/// `AWS::Region`) stays, resolved at deploy time.
fn sub(s: &str, vars: &Map<String, Value>, deferred: &mut BTreeSet<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        out.push_str(rest.get(..i).unwrap_or_default());
        let after = rest.get(i + 2..).unwrap_or_default();
        let Some(j) = after.find('}') else {
            out.push_str(rest.get(i..).unwrap_or_default());
            return out;
        };
        let name = after.get(..j).unwrap_or_default();
        rest = after.get(j + 1..).unwrap_or_default();
        if let Some(literal) = name.strip_prefix('!') {
            out.push_str(&format!("${{{literal}}}"));
            continue;
        }
        match vars.get(name) {
            Some(v @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
                out.push_str(&text(v, deferred).unwrap_or_default());
            }
            _ => {
                deferred.insert(name.to_owned());
                out.push_str(&format!("${{{name}}}"));
            }
        }
    }
    out.push_str(rest);
    out
}

/// The files below `dir` that `asl check DIR` looks at, in a stable
/// (sorted) order: every `.json`, `.yaml` and `.yml` file, in every folder
/// but hidden ones (`.git`, `.aws-sam`), `node_modules` and `target`.
/// Symbolic links to folders are not followed. Each folder that cannot be
/// read is in the second list, with why.
pub fn walk(
    dir: &Path,
) -> (
    Vec<std::path::PathBuf>,
    Vec<(std::path::PathBuf, std::io::Error)>,
) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) => {
                failures.push((folder, e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    failures.push((folder.clone(), e));
                    continue;
                }
            };
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !(name.starts_with('.') || name == "node_modules" || name == "target") {
                    pending.push(path);
                }
            } else if (kind.is_file() || kind.is_symlink()) && path.is_file() {
                let lower = name.to_ascii_lowercase();
                if [".json", ".yaml", ".yml"]
                    .iter()
                    .any(|e| lower.ends_with(e))
                {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    (files, failures)
}

/// The one definition `asl iam` and `asl graph` work on: the file's own,
/// or the state machine `resource` of a template (which may be left out
/// when the template has only one). The error says what to choose from.
pub fn select(source: Source, resource: Option<&str>) -> Result<Unit, String> {
    if source.kind != SourceKind::Template {
        return match source.units.into_iter().next() {
            Some(unit) if resource.is_none() => Ok(unit),
            Some(unit) => Err(format!(
                "{}: --resource {} names a state machine of a template; this file is a definition",
                unit.file,
                resource.unwrap_or_default()
            )),
            None => Err("nothing to read".to_owned()),
        };
    }
    let ids: Vec<String> = source
        .units
        .iter()
        .filter_map(|u| u.resource.clone())
        .collect();
    let mut machines = source.units.into_iter().filter(|u| u.resource.is_some());
    match resource {
        Some(id) => machines
            .find(|u| u.resource.as_deref() == Some(id))
            .ok_or_else(|| format!("no state machine '{id}' in the template; it has: {}", ids.join(", "))),
        None => match (machines.next(), machines.next()) {
            (Some(unit), None) => Ok(unit),
            (Some(_), Some(_)) => Err(format!(
                "the template has {} state machines ({}): choose one with --resource",
                ids.len(),
                ids.join(", ")
            )),
            (None, _) => Err(
                "the template has no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource"
                    .to_owned(),
            ),
        },
    }
}
