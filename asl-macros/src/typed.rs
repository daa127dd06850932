//! What a state's type path names (`Pass`, `bedrock::InvokeModel`,
//! `sns::Publish`), and which integration patterns it takes; shared by the
//! skeleton (`valid`) and the expansion (`expand`).
//!
//! The typed AWS tasks are not listed here: they come from asl-aws's own
//! table ([`asl_aws::typed_tasks`]), each named after its API
//! (`sns:publish` is `sns::Publish`, `dynamodb:getItem` is
//! `dynamodb::GetItem`).

use crate::parse::{path_text, Typed};
use asl_aws::{Pattern, TypedTaskSpec};
use asl_core::vocabulary::{self, ObjectSpec};

/// What a state's type names.
#[derive(Clone)]
pub enum Kind {
    /// A state of the vocabulary (`Pass`, `Task`, …).
    State(&'static ObjectSpec),
    /// `bedrock::InvokeModel`.
    InvokeModel,
    /// `bedrock::CreateModelCustomizationJob`.
    Customization,
    /// A typed AWS task of asl-aws (`sns::Publish`).
    Aws(&'static TypedTaskSpec),
    /// An AWS SDK call, `aws_sdk::service::Action`: the service and the
    /// action as the resource writes them (`s3`, `getObject`).
    Sdk(String, String),
}

/// The Bedrock typed tasks, by their DSL name.
const BEDROCK: &[&str] = &[
    "bedrock::InvokeModel",
    "bedrock::CreateModelCustomizationJob",
];

/// The DSL name of a typed AWS task: `service::Action`.
pub fn dsl_name(spec: &TypedTaskSpec) -> String {
    format!("{}::{}", spec.service(), spec.action())
}

/// What `t`'s type path names, or the error for a name the macro does not
/// know (with a suggestion for a misspelled typed task).
pub fn kind(t: &Typed) -> Result<Kind, syn::Error> {
    let names: Vec<String> = t.path.iter().map(ToString::to_string).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    match names.as_slice() {
        [ty] => {
            if let Some(spec) = vocabulary::state(ty) {
                return Ok(Kind::State(spec));
            }
        }
        ["aws_sdk", service, action] => {
            return Ok(Kind::Sdk((*service).to_owned(), camel(action)));
        }
        ["bedrock", "InvokeModel"] => return Ok(Kind::InvokeModel),
        ["bedrock", "CreateModelCustomizationJob"] => return Ok(Kind::Customization),
        [service, action] => {
            let found = asl_aws::typed_tasks()
                .iter()
                .find(|s| s.service() == *service && s.action() == *action);
            if let Some(spec) = found {
                return Ok(Kind::Aws(spec));
            }
        }
        _ => {}
    }
    let written = path_text(&t.path);
    let message = if names.len() == 1 {
        format!(
            "unknown state type `{written}`; expected one of `Task`, `Pass`, `Choice`, `Wait`, `Succeed`, `Fail`, `Parallel`, `Map`, `bedrock::InvokeModel` or `bedrock::CreateModelCustomizationJob[.sync]`"
        )
    } else {
        let known: Vec<String> = BEDROCK
            .iter()
            .map(|s| (*s).to_owned())
            .chain(asl_aws::typed_tasks().iter().map(dsl_name))
            .collect();
        match asl_core::integration::suggest(&written, known.iter().map(String::as_str)) {
            Some(s) => format!("unknown typed task `{written}`; did you mean `{s}`?"),
            None => unknown_task(&names, &known),
        }
    };
    Err(syn::Error::new(t.span, message))
}

/// The message for a typed task name without a close match: the typed
/// tasks of its service (all of them when it has none), and how to call
/// any other API.
fn unknown_task(names: &[&str], known: &[String]) -> String {
    let written = names.join("::");
    let service = names.first().copied().unwrap_or_default();
    let prefix = format!("{service}::");
    let same: Vec<&String> = known.iter().filter(|k| k.starts_with(&prefix)).collect();
    let (what, list) = if same.is_empty() {
        ("the typed tasks are", known.iter().collect())
    } else {
        ("its service's typed tasks are", same)
    };
    let list: Vec<String> = list.iter().map(|k| format!("`{k}`")).collect();
    let sdk = match names {
        [service, action] => format!(" (`aws_sdk::{service}::{action} {{ .. }}`)"),
        _ => String::new(),
    };
    format!(
        "unknown typed task `{written}`; {what} {}; call any other API as an AWS SDK integration{sdk}",
        list.join(", ")
    )
}

/// `GetObject` → `getObject`: an SDK action as the resource writes it.
fn camel(action: &str) -> String {
    let mut chars = action.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase())
        .into_iter()
        .chain(chars)
        .collect()
}

/// The patterns a kind of state takes (request-response first).
fn patterns(kind: &Kind) -> Vec<Pattern> {
    match kind {
        Kind::State(_) => Vec::new(),
        Kind::InvokeModel | Kind::Sdk(..) => vec![Pattern::RequestResponse],
        Kind::Customization => vec![Pattern::RequestResponse, Pattern::Sync],
        Kind::Aws(spec) => spec.patterns().collect(),
    }
}

/// The pattern written after `t`'s type (request-response when none).
pub fn pattern(t: &Typed) -> Pattern {
    t.pattern
        .as_ref()
        .and_then(|p| Pattern::of(p.suffix))
        .unwrap_or(Pattern::RequestResponse)
}

/// The error for a pattern `t`'s type does not take, if any, at the pattern.
pub fn pattern_error(t: &Typed, kind: &Kind) -> Option<syn::Error> {
    let written = t.pattern.as_ref()?;
    let allowed = patterns(kind);
    let p = pattern(t);
    if allowed.contains(&p) {
        return None;
    }
    let name = path_text(&t.path);
    let message = if allowed.is_empty() {
        format!(
            "`{name}` has no integration pattern; `{}` follows a typed task (`glue::StartJobRun.sync {{ .. }}`), or ends the `Resource` of a `Task`",
            written.suffix
        )
    } else {
        let forms: Vec<String> = allowed
            .iter()
            .map(|a| format!("`{name}{} {{ .. }}`", a.suffix()))
            .collect();
        let forms = match forms.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        format!(
            "`{name}` has no `{}` integration pattern; write {forms}",
            written.suffix
        )
    };
    Some(syn::Error::new(written.span, message))
}

/// Whether `key`, in a typed AWS task, is a request parameter: every key
/// but the Task state's own fields (`Next`, `ResultPath`, `Retry`, …).
/// `Resource` comes from the type, and `Parameters` / `Arguments` hold the
/// request, so those names are parameters (Batch's `Parameters`, Glue's
/// `Arguments`).
pub fn is_request_key(key: &str) -> bool {
    matches!(key, "Resource" | "Parameters" | "Arguments" | "Type")
        || vocabulary::state("Task")
            .and_then(|s| s.field(key))
            .is_none()
}
