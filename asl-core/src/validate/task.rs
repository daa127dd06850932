//! Task states (rules D1–D4, N1): timeouts, credentials, resource forms,
//! EXPRESS restrictions, and the service integrations' own rules.

use super::{schema, Options};
use crate::integration::TaskContext;
use crate::StateRef;
use crate::{
    codes, Diagnostic, Dynamic, Heartbeat, MachineType, ResourceKind, State, Task, Timeout,
};

/// The largest `TimeoutSeconds` / `HeartbeatSeconds` of a Task, and of the
/// machine's `TimeoutSeconds` and Wait's `Seconds` (§9 of the reference):
/// the one definition, for the limits rules too.
pub(super) const MAX_SECONDS: u64 = 99_999_999;

pub(super) fn check(states: &[StateRef<'_>], options: &Options, out: &mut Vec<Diagnostic>) {
    for s in states {
        let State::Task(t) = s.state else {
            continue;
        };
        let p = s.pointer.as_str();
        seconds(out, p, t);
        if let Some(c) = &t.credentials {
            if c.role_arn.is_none() {
                out.push(schema(
                    format!("{p}/Credentials"),
                    "the field 'RoleArn' is required but was missing",
                ));
            }
        }
        // A registered integration is authoritative for the tasks it handles.
        let handled = options.registry.handles(t);
        resource(out, p, t, options.machine_type, handled);
        let cx = TaskContext {
            name: s.name,
            pointer: p,
            query_language: s.query_language,
            machine_type: options.machine_type,
        };
        options.registry.validate(t, &cx, out);
    }
}

fn seconds(out: &mut Vec<Diagnostic>, p: &str, t: &Task) {
    let timeout = match &t.timeout {
        Some(Timeout::Seconds(Dynamic::Value(n))) => Some(*n),
        _ => None,
    };
    let heartbeat = match &t.heartbeat {
        Some(Heartbeat::Seconds(Dynamic::Value(n))) => Some(*n),
        _ => None,
    };
    for (field, v) in [("TimeoutSeconds", timeout), ("HeartbeatSeconds", heartbeat)] {
        if let Some(n) = v {
            if n == 0 || n > MAX_SECONDS {
                out.push(schema(
                    format!("{p}/{field}"),
                    format!("'{field}' must be from 1 to {MAX_SECONDS}, found {n}"),
                ));
            }
        }
    }
    if let (Some(t), Some(h)) = (timeout, heartbeat) {
        if h >= t && h > 0 {
            out.push(schema(
                format!("{p}/HeartbeatSeconds"),
                format!("'HeartbeatSeconds' ({h}) must be smaller than 'TimeoutSeconds' ({t})"),
            ));
        }
    }
}

const PATTERNS: &[&str] = &["", ".sync", ".sync:2", ".waitForTaskToken"];

fn resource(
    out: &mut Vec<Diagnostic>,
    p: &str,
    t: &Task,
    machine_type: Option<MachineType>,
    handled: bool,
) {
    let loc = format!("{p}/Resource");
    let arn = t.resource.as_str();
    let express = machine_type == Some(MachineType::Express);
    match t.resource.kind() {
        ResourceKind::Integration {
            service,
            action,
            pattern,
            ..
        } => {
            if service.is_empty() || action.is_empty() || !PATTERNS.contains(&pattern) {
                out.push(Diagnostic::error(
                    codes::INVALID_RESOURCE,
                    loc.as_str(),
                    format!("the resource provided {arn} is not recognized: expected arn:<partition>:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken]"),
                ));
            } else if !handled {
                super::optimized::check(out, &loc, service, action, pattern);
            }
            express_pattern(out, &loc, pattern, express);
        }
        ResourceKind::SdkIntegration {
            service,
            action,
            pattern,
            ..
        } => {
            if service.is_empty() || action.is_empty() {
                out.push(Diagnostic::error(
                    codes::INVALID_RESOURCE,
                    loc.as_str(),
                    format!("the resource provided {arn} is not recognized: expected arn:<partition>:states:::aws-sdk:<service>:<action>"),
                ));
            } else if pattern.starts_with(".sync") {
                out.push(Diagnostic::error(
                    codes::INVALID_RESOURCE,
                    loc.as_str(),
                    "AWS SDK integrations do not support '.sync'; use the optimized integration or poll",
                ));
            } else if !PATTERNS.contains(&pattern) {
                out.push(Diagnostic::error(
                    codes::INVALID_RESOURCE,
                    loc.as_str(),
                    format!("the resource provided {arn} is not recognized: unknown integration pattern '{pattern}'"),
                ));
            }
            express_pattern(out, &loc, pattern, express);
        }
        ResourceKind::Activity { .. } => {
            if express {
                out.push(Diagnostic::error(
                    codes::EXPRESS_UNSUPPORTED,
                    loc.as_str(),
                    "Express state machine does not support Activity ARN",
                ));
            }
        }
        ResourceKind::LambdaFunction { .. } => {
            if arn.ends_with(':') {
                out.push(Diagnostic::error(
                    codes::INVALID_RESOURCE,
                    loc.as_str(),
                    format!("the Lambda function ARN {arn} has an empty alias or version"),
                ));
            }
        }
        ResourceKind::Substitution => {
            if !balanced(arn) {
                out.push(Diagnostic::error(
                    codes::INVALID_RESOURCE,
                    loc.as_str(),
                    format!("'Resource' {arn:?} has an unterminated '${{' substitution"),
                ));
            }
        }
        ResourceKind::CloudFormation => {}
        ResourceKind::Other => {
            if arn.is_empty() {
                // A missing `Resource` is a parse error already.
            } else if !arn.starts_with("arn:") {
                // AWS wants an ARN, but the peers accept any URI; a warning
                // until AWS's behaviour is confirmed.
                out.push(Diagnostic::warning(
                    codes::INVALID_RESOURCE,
                    loc.as_str(),
                    format!("'Resource' should be an ARN (an activity, a Lambda function or a service integration), found {arn:?}"),
                ));
            } else {
                out.push(Diagnostic::warning(
                    codes::INVALID_RESOURCE,
                    loc.as_str(),
                    format!("'Resource' {arn} is not an activity, a Lambda function or a service integration ARN"),
                ));
            }
        }
    }
}

fn express_pattern(out: &mut Vec<Diagnostic>, loc: &str, pattern: &str, express: bool) {
    if !express {
        return;
    }
    if pattern.starts_with(".sync") {
        out.push(Diagnostic::error(
            codes::EXPRESS_UNSUPPORTED,
            loc,
            "Express state machine does not support '.sync' service integration",
        ));
    } else if pattern == ".waitForTaskToken" {
        out.push(Diagnostic::error(
            codes::EXPRESS_UNSUPPORTED,
            loc,
            "Express state machine does not support '.waitForTaskToken' service integration",
        ));
    }
}

/// Whether every `${` has its closing `}`.
fn balanced(s: &str) -> bool {
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let after = rest.get(i + 2..).unwrap_or("");
        match after.find('}') {
            Some(j) => rest = after.get(j + 1..).unwrap_or(""),
            None => return false,
        }
    }
    true
}
