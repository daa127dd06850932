//! Phase 2: checks, by asl-core's own validator.
//!
//! The tree is rendered as an ASL JSON *skeleton* (duplicates kept, so the
//! parser's duplicate-key check sees them), with a table from each JSON
//! pointer to the span of the token that produced it. The skeleton goes
//! through [`asl_core::validate_str`] with the registry of integrations; each
//! ERROR becomes a `syn::Error` at the span of the longest pointer prefix
//! found in the table. No rule lives here.
//!
//! An interpolated `(expr)` is unknown at expansion time, so the skeleton
//! holds a neutral placeholder that every rule accepts, chosen by the field
//! it stands in (see [`placeholder`]).

use crate::parse::{Field, Node, Num, Typed};
use crate::typed::Kind;
use proc_macro2::Span;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The placeholder for a string that is only known at run time: a
/// `${Name}` template substitution, which asl-core models as "resolved
/// later" (`Dynamic::Substitution`, `ResourceKind::Substitution`) and
/// accepts wherever a literal string or number is allowed.
pub const DYNAMIC_JSON: &str = "\"${asl_kit_interpolated}\"";

/// The Bedrock InvokeModel request fields (under `Parameters`/`Arguments`).
pub const BEDROCK_REQUEST: &[&str] = &[
    "ModelId",
    "ModelId.$",
    "Body",
    "Body.$",
    "Input",
    "ContentType",
    "ContentType.$",
    "Accept",
    "Accept.$",
    "GuardrailIdentifier",
    "GuardrailIdentifier.$",
    "GuardrailVersion",
    "GuardrailVersion.$",
    "Trace",
    "Trace.$",
    "ModelOutput",
];

/// The Bedrock CreateModelCustomizationJob request fields.
pub const CUSTOMIZATION_REQUEST: &[&str] = &[
    "JobName",
    "JobName.$",
    "CustomModelName",
    "CustomModelName.$",
    "RoleArn",
    "RoleArn.$",
    "BaseModelIdentifier",
    "BaseModelIdentifier.$",
    "TrainingDataConfig",
    "OutputDataConfig",
    "ValidationDataConfig",
    "HyperParameters",
    "HyperParameters.$",
    "CustomizationType",
    "CustomizationType.$",
    "CustomModelKmsKeyId",
    "CustomModelKmsKeyId.$",
    "ClientRequestToken",
    "ClientRequestToken.$",
    "JobTags",
    "CustomModelTags",
    "VpcConfig",
    "CustomizationConfig",
];

/// The Bedrock request fields whose values are JSON payloads.
const BEDROCK_PAYLOADS: &[&str] = &[
    "Body",
    "HyperParameters",
    "VpcConfig",
    "CustomizationConfig",
];

/// Whether the value of `key` is a free-form JSON payload: a payload in the
/// vocabulary (`Parameters`, `Output`, `Assign`, `Items`, …, in any object)
/// or in a Bedrock request.
fn is_payload(key: &str) -> bool {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let root = <asl_core::StateMachine as asl_core::vocabulary::Described>::SPEC;
        let mut keys: Vec<&'static str> = std::iter::once(root)
            .chain(asl_core::vocabulary::objects().iter().copied())
            .flat_map(|o| o.fields())
            .filter(|f| f.kind.is_payload())
            .map(|f| f.json)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    });
    BEDROCK_PAYLOADS.contains(&key) || keys.binary_search(&key).is_ok()
}

/// The skeleton under construction.
struct Skeleton {
    text: String,
    spans: HashMap<String, Span>,
    /// The span of each field's key, by the field's pointer.
    keys: HashMap<String, Span>,
    errors: Vec<syn::Error>,
}

/// What the validator said about the macro's machine.
#[derive(Default)]
pub struct Checked {
    /// Every ERROR, as a spanned error (one per mistake).
    pub errors: Vec<syn::Error>,
    /// Every WARNING that `allow` does not silence, where it points.
    pub warnings: Vec<crate::warn::Warning>,
}

/// Renders the machine and runs the validator.
pub fn check(fields: &[Field], root: Span, allow: &crate::warn::Allow) -> Checked {
    let mut sk = Skeleton {
        text: String::new(),
        spans: HashMap::new(),
        keys: HashMap::new(),
        errors: Vec::new(),
    };
    sk.spans.insert(String::new(), root);
    sk.spans.insert("/".to_owned(), root);
    sk.object(fields, "", Ctx::default());
    let options = asl_core::Options::default();
    // A mistake found while rendering (an unknown state type, a state name
    // given as an expression) makes the skeleton differ from what the user
    // meant: the validator would only report its consequences.
    if !sk.errors.is_empty() {
        return Checked {
            errors: sk.errors,
            warnings: Vec::new(),
        };
    }
    if let Some(states) = fields.iter().find(|f| f.key == "States") {
        sk.spans.insert(String::new(), states.key_span);
        sk.spans.insert("/".to_owned(), states.key_span);
    }
    let report = asl_core::validate_str(&sk.text, &options);
    let mut errors = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for d in reported(&report) {
        let span = sk
            .key_at(d)
            .or_else(|| sk.lookup(&d.location))
            .unwrap_or(root);
        let message = house_style(&d.message);
        let key = (format!("{span:?}"), message.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        errors.push(syn::Error::new(span, message));
    }
    let mut warnings: Vec<crate::warn::Warning> = Vec::new();
    for d in report.diagnostics.iter().filter(|d| !d.is_error()) {
        if allow.allows(d.code) {
            continue;
        }
        let span = sk.lookup(&d.location).unwrap_or(root);
        let message = format!("{} (at {})", house_style(&d.message), d.location);
        if !warnings
            .iter()
            .any(|w| w.code == d.code && w.message == message)
        {
            warnings.push(crate::warn::Warning {
                span,
                code: d.code,
                message,
            });
        }
    }
    Checked { errors, warnings }
}

/// The report's ERRORs, each mistake once: a dangling transition also
/// leaves its scope without a reachable terminal state, so only the
/// dangling transition is reported.
pub fn reported(report: &asl_core::Report) -> impl Iterator<Item = &asl_core::Diagnostic> {
    let dangling = report
        .errors()
        .any(|d| d.code == asl_core::codes::MISSING_TRANSITION_TARGET);
    report
        .errors()
        .filter(move |d| !(dangling && d.code == asl_core::codes::MISSING_END_STATE))
}

/// Lower-cases the first letter (the house style) of a validator message.
fn house_style(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() && chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => message.to_owned(),
    }
}

/// What the renderer knows about where it is.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// Inside a free-form payload (`Parameters`, `Body`, …).
    payload: bool,
    /// The scope's query language is JSONata.
    jsonata: bool,
    /// The field is a parameter of a typed AWS request: what its value
    /// holds is a payload.
    request: bool,
}

impl Skeleton {
    /// The key's span, for a diagnostic about the key itself (a field that
    /// is not supported, a misspelled operator): the key is the mistake,
    /// not its value.
    fn key_at(&self, d: &asl_core::Diagnostic) -> Option<Span> {
        let key = d.location.rsplit('/').next()?;
        let about_key = d.message.contains(&format!("'{key}' is not"))
            || d.message.starts_with(&format!("field '{key}'"));
        about_key
            .then(|| self.keys.get(&d.location).copied())
            .flatten()
    }

    fn lookup(&self, pointer: &str) -> Option<Span> {
        let mut p = pointer;
        loop {
            if let Some(s) = self.spans.get(p) {
                return Some(*s);
            }
            match p.rfind('/') {
                Some(i) => p = p.get(..i).unwrap_or(""),
                None => return None,
            }
        }
    }

    fn string(&mut self, s: &str) {
        self.text
            .push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned()));
    }

    /// An object from fields.
    fn object(&mut self, fields: &[Field], ptr: &str, ctx: Ctx) {
        let ctx = scope_ctx(fields, ctx);
        self.text.push('{');
        self.fields(fields, ptr, ctx);
        self.text.push('}');
    }

    /// The fields of an object, comma separated.
    fn fields(&mut self, fields: &[Field], ptr: &str, ctx: Ctx) {
        let mut first = true;
        for f in fields {
            if !first {
                self.text.push(',');
            }
            first = false;
            self.field(f, ptr, ctx);
        }
    }

    fn field(&mut self, f: &Field, ptr: &str, ctx: Ctx) {
        self.field_as(&f.key, f, ptr, ctx);
    }

    /// A field written under `key` (its ASL name).
    fn field_as(&mut self, key: &str, f: &Field, ptr: &str, ctx: Ctx) {
        self.string(key);
        self.text.push(':');
        let p = format!("{ptr}/{}", escape(key));
        let span = if f.value.is_scalar() {
            f.value.span()
        } else {
            f.key_span
        };
        self.spans.insert(p.clone(), span);
        self.keys.insert(p.clone(), f.key_span);
        // An interpolated value stands for the whole field: its stand-in
        // depends on the field (a `Body` object, a path…); inside a payload,
        // on the payload.
        let inner = match f.value {
            Node::Expr(..) => ctx,
            _ => Ctx {
                payload: ctx.payload || ctx.request || is_payload(&f.key),
                request: false,
                ..ctx
            },
        };
        self.node(&f.value, &p, &f.key, inner);
    }

    fn node(&mut self, n: &Node, ptr: &str, key: &str, ctx: Ctx) {
        match n {
            Node::Null(_) => self.text.push_str("null"),
            Node::Bool(b, _) => self.text.push_str(if *b { "true" } else { "false" }),
            Node::Num(Num::Unsigned(u), _) => {
                let _ = write!(self.text, "{u}");
            }
            Node::Num(Num::Signed(i), _) => {
                let _ = write!(self.text, "{i}");
            }
            Node::Num(Num::Float(f), _) => {
                self.text.push_str(
                    &serde_json::Number::from_f64(*f).map_or("0".to_owned(), |n| n.to_string()),
                );
            }
            Node::Str(l) => self.string(&l.value()),
            Node::Name(i) => self.string(&n.as_text().unwrap_or_else(|| i.to_string())),
            Node::Array(items, _) => {
                self.text.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.text.push(',');
                    }
                    let p = format!("{ptr}/{i}");
                    self.spans.insert(p.clone(), item.span());
                    self.node(item, &p, key, ctx);
                }
                self.text.push(']');
            }
            Node::Object(fields, _) => self.object(fields, ptr, ctx),
            Node::State(t) => self.state(t, ptr, ctx),
            Node::Expr(_, span) => {
                if matches!(key, "Next" | "Default" | "StartAt") && !ctx.payload {
                    self.errors.push(syn::Error::new(
                        *span,
                        format!("`{key}` names a state, which must be known at compile time; write the name as an identifier or a string literal"),
                    ));
                }
                self.text.push_str(placeholder(key, ctx.payload));
            }
        }
    }

    fn state(&mut self, t: &Typed, ptr: &str, ctx: Ctx) {
        self.spans.insert(format!("{ptr}/Type"), t.span);
        let kind = match crate::typed::kind(t) {
            Ok(kind) => kind,
            Err(e) => {
                self.errors.push(e);
                self.text.push_str("{\"Type\":\"Pass\",\"End\":true}");
                return;
            }
        };
        self.errors.extend(crate::typed::pattern_error(t, &kind));
        let suffix = crate::typed::pattern(t).suffix();
        match kind {
            Kind::State(spec) => {
                self.text.push_str("{\"Type\":");
                self.string(spec.name);
                if !t.fields.is_empty() {
                    self.text.push(',');
                }
                let ctx = scope_ctx(&t.fields, ctx);
                self.fields(&t.fields, ptr, ctx);
                self.text.push('}');
            }
            Kind::InvokeModel => {
                self.integration(
                    t,
                    ptr,
                    ctx,
                    "bedrock:invokeModel",
                    Request::Bedrock(BEDROCK_REQUEST),
                );
            }
            Kind::Customization => {
                let api = format!("bedrock:createModelCustomizationJob{suffix}");
                self.integration(t, ptr, ctx, &api, Request::Bedrock(CUSTOMIZATION_REQUEST));
            }
            Kind::Aws(spec) => {
                let api = format!("{}{suffix}", spec.api);
                self.integration(t, ptr, ctx, &api, Request::Aws);
            }
            Kind::Sdk(service, action) => {
                let api = format!("aws-sdk:{service}:{action}");
                self.integration(t, ptr, ctx, &api, Request::Aws);
            }
        }
    }
}

/// Which keys of a typed task are its request's.
#[derive(Clone, Copy)]
enum Request {
    /// A Bedrock task: these keys (`ModelOutput` is the request's `Output`).
    Bedrock(&'static [&'static str]),
    /// A typed AWS task: every key but the Task's own fields
    /// ([`is_request_key`](crate::typed::is_request_key)).
    Aws,
}

impl Request {
    fn has(self, key: &str) -> bool {
        match self {
            Request::Bedrock(keys) => keys.contains(&key),
            Request::Aws => crate::typed::is_request_key(key),
        }
    }
}

impl Skeleton {
    /// A typed Task: `Resource` from the type (`api`, with its pattern's
    /// suffix), the request fields under `Parameters` / `Arguments`, the
    /// rest as Task fields.
    fn integration(&mut self, t: &Typed, ptr: &str, ctx: Ctx, api: &str, request: Request) {
        let ctx = scope_ctx(&t.fields, ctx);
        let field = if ctx.jsonata {
            "Arguments"
        } else {
            "Parameters"
        };
        for r in ["Resource", "Parameters", "Arguments"] {
            self.spans.insert(format!("{ptr}/{r}"), t.span);
        }
        self.text.push_str("{\"Type\":\"Task\",\"Resource\":");
        self.string(&format!("arn:aws:states:::{api}"));
        self.text.push(',');
        self.string(field);
        self.text.push_str(":{");
        let (req, rest): (Vec<&Field>, Vec<&Field>) =
            t.fields.iter().partition(|f| request.has(&f.key));
        let rp = format!("{ptr}/{field}");
        for (i, f) in req.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            // `ModelOutput` is the request's `Output` (the state's own
            // `Output` keeps its ASL name).
            let (key, ctx) = match request {
                Request::Bedrock(_) if f.key == "ModelOutput" => ("Output", ctx),
                Request::Bedrock(_) => (f.key.as_str(), ctx),
                // A typed AWS request's values hold JSON payloads.
                Request::Aws => (
                    f.key.as_str(),
                    Ctx {
                        request: true,
                        ..ctx
                    },
                ),
            };
            self.field_as(key, f, &rp, ctx);
        }
        self.text.push('}');
        let bedrock = matches!(request, Request::Bedrock(_));
        for f in rest {
            if bedrock && f.key == "Output" && !ctx.jsonata && is_s3_object(&f.value) {
                self.errors.push(syn::Error::new(
                    f.key_span,
                    "`Output` is the state's JSONata output; write where Bedrock stores the response as `ModelOutput: { S3Uri: \"s3://..\" }`",
                ));
            }
            self.text.push(',');
            self.field(f, ptr, ctx);
        }
        self.text.push('}');
    }
}

/// Whether a value is written like `{ S3Uri: .. }`.
fn is_s3_object(v: &Node) -> bool {
    matches!(v, Node::Object(fields, _) if fields.iter().any(|f| f.key == "S3Uri" || f.key == "S3Uri.$"))
}

/// The query language that applies inside an object that may set its own.
fn scope_ctx(fields: &[Field], ctx: Ctx) -> Ctx {
    let mut ctx = ctx;
    for f in fields {
        if f.key == "QueryLanguage" {
            if let Node::Str(l) = &f.value {
                ctx.jsonata = l.value() == "JSONata";
            }
        }
    }
    ctx
}

/// A neutral stand-in for an interpolated value in field `key`: a value
/// every rule accepts for that field.
pub fn placeholder(key: &str, payload: bool) -> &'static str {
    if key.ends_with(".$") {
        return "\"$\"";
    }
    if payload {
        return "null";
    }
    match key {
        "InputPath" | "OutputPath" | "ResultPath" | "ItemsPath" | "Variable" => "\"$\"",
        k if k.ends_with("Path") => "\"$\"",
        "Timestamp" => "\"2000-01-01T00:00:00Z\"",
        k if k.starts_with("Timestamp") => "\"2000-01-01T00:00:00Z\"",
        "IntervalSeconds" | "MaxAttempts" | "MaxDelaySeconds" => "1",
        "BackoffRate" => "2",
        "End" | "Condition" => "true",
        "Body" | "Parameters" | "ResultSelector" | "ItemSelector" | "Arguments" | "Assign" => "{}",
        "Input" | "ModelOutput" | "TrainingDataConfig" | "OutputDataConfig" => {
            "{\"S3Uri\":\"s3://asl-kit/interpolated\"}"
        }
        "ValidationDataConfig" => "{\"Validators\":[]}",
        "InputType" | "OutputType" => "\"JSON\"",
        "Transformation" => "\"NONE\"",
        "CSVHeaderLocation" => "\"FIRST_ROW\"",
        "CSVDelimiter" => "\"COMMA\"",
        "CSVHeaders" => "[\"asl_kit_interpolated\"]",
        "ManifestType" => "\"S3_INVENTORY\"",
        "ExecutionType" => "\"STANDARD\"",
        "Mode" => "\"INLINE\"",
        "ItemReader" => "{\"Resource\":\"arn:aws:states:::s3:getObject\"}",
        "ResultWriter" => "{\"Resource\":\"arn:aws:states:::s3:putObject\"}",
        "ItemBatcher" | "ReaderConfig" | "ProcessorConfig" => "{}",
        "Credentials" => "{\"RoleArn\":\"${asl_kit_interpolated}\"}",
        "WriterConfig" => "{\"OutputType\":\"JSON\"}",
        "JobTags" | "CustomModelTags" => "[]",
        "S3Uri" => "\"s3://asl-kit/interpolated\"",
        k if k.starts_with("Boolean") || k.starts_with("Is") => "true",
        k if k.starts_with("Numeric") => "0",
        "ErrorEquals" => "\"asl_kit.Interpolated\"",
        _ => DYNAMIC_JSON,
    }
}

/// Escapes a JSON pointer segment.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
