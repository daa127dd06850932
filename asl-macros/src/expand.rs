//! Phase 3: the checked tree → builder calls (`quote!`).
//!
//! Each DSL field becomes the builder call a user would write by hand (the
//! table is in the crate docs). Runs only when the validator found no error,
//! so it only reports what the builders cannot express (a field the macro
//! does not support, a value of the wrong shape for its field).

use crate::parse::{Field, Node, Num, Typed};
use crate::typed::Kind;
use asl_aws::TypedTaskSpec;
use asl_core::vocabulary::{self, Described, EnumSpec, FieldSpec, ObjectSpec, Shape, ValueKind};
use asl_core::{ChoiceRule, StateMachine, Task};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote};

/// The path to the facade's support module.
fn p() -> TokenStream {
    quote!(::asl_kit::__private)
}

/// Collects what the builders cannot express.
#[derive(Default)]
pub struct Expander {
    /// Every problem found, in order.
    pub errors: Vec<syn::Error>,
}

/// A setter call: `.name(value)`, or, on a Task made by a typed Bedrock
/// builder, `task.name = Some(value.into())`.
struct Setter {
    name: syn::Ident,
    value: TokenStream,
    optional: bool,
}

/// A setter call; `optional`: the field is an `Option`.
fn setter(name: &str, value: TokenStream, optional: bool) -> Option<Setter> {
    Some(Setter {
        name: format_ident!("{}", name),
        optional,
        value,
    })
}

/// Objects whose values pick the validator's rules (a distributed or an
/// inline Map): they must be written literally, not interpolated.
const LITERAL_ONLY: &[&str] = &["ProcessorConfig"];

/// How messages name an object (`a Task state`, `a retrier`, `` `ItemReader` ``).
fn owner(spec: &ObjectSpec) -> String {
    if vocabulary::state(spec.name).is_some() {
        return format!("a {} state", spec.name);
    }
    let name = match spec.name {
        "StateMachine" => "a state machine",
        "Branch" => "a branch",
        "ItemProcessor" => "a processor",
        "Retrier" => "a retrier",
        "Catcher" => "a catcher",
        "ChoiceRule" => "a choice rule",
        other => return format!("`{other}`"),
    };
    name.to_owned()
}

impl Expander {
    /// A problem the validator (`valid.rs`, asl-core and asl-bedrock rules)
    /// reports before expansion runs; reaching it here means a rule is
    /// missing there. The expander still refuses to emit a builder call that
    /// cannot compile. The rules themselves live only in the validator.
    fn after_validation(&mut self, span: Span, what: &str) {
        self.err(
            span,
            format!("{what}; the validator should have reported this (please report it as a bug)"),
        );
    }

    fn err(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(syn::Error::new(span, message.into()));
    }

    /// The setter calls for the fields of an object, as text (for tests).
    #[cfg(test)]
    pub fn object_calls(&mut self, spec: &'static ObjectSpec, fields: &[Field]) -> String {
        let calls: Vec<String> = self
            .calls(spec, fields, Span::call_site(), false)
            .into_iter()
            .map(|s| format!(".{}({})", s.name, s.value))
            .collect();
        calls.join("")
    }

    /// The whole machine: `StateMachine::builder()…build()`.
    pub fn machine(&mut self, fields: &[Field], root: Span) -> TokenStream {
        self.builder(StateMachine::SPEC, fields, root, false)
    }

    fn unsupported(&mut self, span: Span, key: &str, owner: &str) {
        self.err(
            span,
            format!("`{key}` is not supported in {owner} by `state_machine!`; build this part with the asl-core builders"),
        );
    }

    /// `Type::builder()…build()` for an object of the vocabulary, its
    /// fields in the order written.
    fn builder(
        &mut self,
        spec: &'static ObjectSpec,
        fields: &[Field],
        span: Span,
        jsonata: bool,
    ) -> TokenStream {
        let p = p();
        let ty = format_ident!("{}", spec.name);
        let calls: Vec<TokenStream> = self
            .calls(spec, fields, span, jsonata)
            .into_iter()
            .map(|s| {
                let (n, v) = (s.name, s.value);
                quote!(.#n(#v))
            })
            .collect();
        quote!(#p::core::#ty::builder() #(#calls)* .build())
    }

    /// The setter calls for the fields of an object: each DSL key is looked
    /// up in the vocabulary, which gives the setter, the group's variant and
    /// the kind of value.
    fn calls(
        &mut self,
        spec: &'static ObjectSpec,
        fields: &[Field],
        span: Span,
        jsonata: bool,
    ) -> Vec<Setter> {
        let jsonata = ql_of(fields).unwrap_or(jsonata);
        let mut out = Vec::new();
        let mut given: Vec<&str> = Vec::new();
        // A Choice Rule's JSONPath condition: its fields, read together.
        let mut rule: Vec<&Field> = Vec::new();
        for f in fields {
            let Some(field) = spec.field(&f.key) else {
                self.unsupported(f.key_span, &f.key, &owner(spec));
                continue;
            };
            given.push(field.rust);
            match field.shape {
                Shape::Special("Condition") if f.key != "Condition" => rule.push(f),
                _ => out.extend(self.setter(spec, field, f, jsonata)),
            }
        }
        if !rule.is_empty() {
            let e = self.bool_expr(&rule, span);
            let p = p();
            out.extend(setter(
                "condition",
                quote!(#p::core::Condition::JsonPath(#e)),
                true,
            ));
        }
        for slot in spec.slots {
            let defaulted = slot.shape == Shape::Special("Transition");
            if slot.required && !defaulted && !given.contains(&slot.rust) {
                let what = match slot.shape {
                    Shape::Special(name) => format!("its {name}"),
                    _ => {
                        let names: Vec<String> = slot
                            .members
                            .iter()
                            .map(|m| format!("`{}`", m.json))
                            .collect();
                        names.join(" or ")
                    }
                };
                self.after_validation(span, &format!("{} without {what}", owner(spec)));
            }
        }
        out
    }

    /// The setter for one field of an object (`spec`), described by `field`.
    fn setter(
        &mut self,
        spec: &'static ObjectSpec,
        field: FieldSpec,
        f: &Field,
        jsonata: bool,
    ) -> Option<Setter> {
        let p = p();
        let v = &f.value;
        if field.shape == Shape::Special("Transition") {
            return match (f.key.as_str(), v) {
                ("Next", _) => {
                    let n = self.name(v);
                    setter("transition", quote!(#p::core::Transition::next(#n)), false)
                }
                (_, Node::Bool(true, _)) => {
                    setter("transition", quote!(#p::core::Transition::End), false)
                }
                (_, Node::Bool(false, _)) => None,
                (_, other) => {
                    self.err(other.span(), "expected `true` for `End`");
                    None
                }
            };
        }
        let literal = LITERAL_ONLY.contains(&spec.name);
        let value = self.value(field.kind, f, literal, jsonata)?;
        let value = match (field.group(), field.variant) {
            (Some(group), Some(variant)) => {
                let (group, variant) = (format_ident!("{}", group), format_ident!("{}", variant));
                quote!(#p::core::#group::#variant(#value))
            }
            _ => value,
        };
        setter(field.rust, value, !field.required)
    }

    /// A DSL value as the Rust value of a field of this kind.
    fn value(
        &mut self,
        kind: ValueKind,
        f: &Field,
        literal: bool,
        jsonata: bool,
    ) -> Option<TokenStream> {
        let p = p();
        let v = &f.value;
        let key = f.key.as_str();
        Some(match kind {
            ValueKind::Text | ValueKind::Resource => self.string(v),
            ValueKind::StateName => self.name(v),
            ValueKind::QueryLanguage => self.query_language(v),
            ValueKind::Path | ValueKind::NullablePath => self.path(v, "Path"),
            ValueKind::ReferencePath | ValueKind::NullableReferencePath => {
                self.path(v, "ReferencePath")
            }
            ValueKind::PayloadTemplate => {
                let j = self.json(v);
                quote!(#p::core::PayloadTemplate::from(#j))
            }
            ValueKind::Json => self.json(v),
            ValueKind::Assign => {
                let j = self.json(v);
                quote!(#p::core::Assign::from(#j))
            }
            ValueKind::Integer { .. } => self.u64(v),
            ValueKind::Number => match v {
                Node::Num(Num::Unsigned(u), _) => {
                    let l = Literal::f64_suffixed(*u as f64);
                    quote!(#l)
                }
                Node::Num(Num::Float(x), _) => {
                    let l = Literal::f64_suffixed(*x);
                    quote!(#l)
                }
                Node::Expr(e, _) => quote!((#e)),
                other => {
                    self.err(other.span(), format!("expected a number for `{key}`"));
                    quote!(2.0)
                }
            },
            ValueKind::ErrorNames => self.error_equals(v),
            ValueKind::Texts => match v {
                Node::Expr(e, _) => quote!((#e)),
                _ => {
                    let items = self.list(v, key, |s, n| {
                        let h = s.string(n);
                        quote!(::std::string::String::from(#h))
                    });
                    quote!(::std::vec![#(#items),*])
                }
            },
            ValueKind::Enum(e) => self.enum_value(v, key, e, literal)?,
            ValueKind::Object(spec) => self.object(v, spec, jsonata),
            ValueKind::List(spec) => {
                let items = self.list(v, key, |s, n| s.object(n, spec, jsonata));
                quote!(::std::vec![#(#items),*])
            }
            ValueKind::States => self.states(v, jsonata),
            ValueKind::DynamicInteger { .. } => self.or_u64(v),
            ValueKind::DynamicText => self.or_string(v),
            ValueKind::DynamicNumber => self.or_number(v),
            ValueKind::DynamicArray => {
                let literal = match v {
                    Node::Array(items, _) => {
                        let items: Vec<TokenStream> = items.iter().map(|i| self.json(i)).collect();
                        Some(quote!(::std::vec![#(#items),*]))
                    }
                    _ => None,
                };
                let expected = format!("expected an array or a JSONata string for `{key}`");
                self.dynamic_of(v, literal, expected, quote!(()))
            }
            ValueKind::DynamicBoolean => {
                let literal = match v {
                    Node::Bool(b, _) => Some(quote!(#b)),
                    _ => None,
                };
                let expected = format!("expected a `{{% .. %}}` string for `{key}`");
                let c =
                    self.dynamic_of(v, literal, expected, quote!(#p::core::Dynamic::Value(true)));
                quote!(#p::core::Condition::Jsonata(#c))
            }
            ValueKind::True | ValueKind::Boolean | ValueKind::Rules | ValueKind::Comparison(_) => {
                self.unsupported(f.key_span, key, "this position");
                return None;
            }
        })
    }

    /// A nested object: `Type::builder()…build()`, or an interpolated `(expr)`.
    fn object(&mut self, v: &Node, spec: &'static ObjectSpec, jsonata: bool) -> TokenStream {
        match v {
            Node::Expr(e, _) if !LITERAL_ONLY.contains(&spec.name) => quote!((#e)),
            Node::Object(fields, span) => self.builder(spec, fields, *span, jsonata),
            other => {
                let message = if spec.slot("States").is_some() {
                    format!(
                        "expected `{{ StartAt: .., States: {{ .. }} }}` for {}",
                        owner(spec)
                    )
                } else {
                    format!("expected `{{ .. }}` for {}", owner(spec))
                };
                self.err(other.span(), message);
                quote!(())
            }
        }
    }

    fn states(&mut self, node: &Node, jsonata: bool) -> TokenStream {
        let p = p();
        let Node::Object(fields, _) = node else {
            self.err(
                node.span(),
                "expected `{ Name: Type { .. }, .. }` for `States`",
            );
            return quote!(#p::core::States::new());
        };
        let entries: Vec<TokenStream> = fields
            .iter()
            .map(|f| {
                let name = &f.key;
                let state = match &f.value {
                    Node::State(t) => self.state(t, jsonata),
                    other => {
                        self.err(
                            other.span(),
                            format!("expected a state such as `Pass {{ .. }}` for `{name}`"),
                        );
                        quote!(#p::core::State::from(#p::core::Succeed::builder().build()))
                    }
                };
                quote!((#name, #state))
            })
            .collect();
        quote!(#p::states([#(#entries),*]))
    }

    fn state(&mut self, t: &Typed, jsonata: bool) -> TokenStream {
        let p = p();
        let jsonata = ql_of(&t.fields).unwrap_or(jsonata);
        match crate::typed::kind(t) {
            Ok(Kind::InvokeModel) => self.invoke_model(t, jsonata),
            Ok(Kind::Customization) => self.customization(t, jsonata),
            Ok(Kind::Aws(spec)) => self.aws_task(t, spec, jsonata),
            Ok(Kind::Sdk(service, action)) => self.sdk_task(t, &service, &action, jsonata),
            Ok(Kind::State(spec)) => {
                let b = self.builder(spec, &t.fields, t.span, jsonata);
                quote!(#p::core::State::from(#b))
            }
            Err(e) => {
                self.errors.push(e);
                quote!(#p::core::State::from(#p::core::Succeed::builder().build()))
            }
        }
    }

    /// A typed AWS task (`sns::Publish { .. }`): its builder, one setter
    /// per typed request field (from asl-aws's table), the other request
    /// parameters in `other`, the pattern written after the type, then
    /// `into_task(ql)` and the Task's own fields set on the returned `Task`.
    fn aws_task(&mut self, t: &Typed, spec: &'static TypedTaskSpec, jsonata: bool) -> TokenStream {
        let p = p();
        let mut calls = Vec::new();
        let (other, sets) = self.request(t, jsonata, |this, f| {
            let path = f.key.strip_suffix(".$");
            let field = spec.field(path.unwrap_or(&f.key))?;
            let n = format_ident!("{}", field.rust);
            let value = match (path, &f.value) {
                (Some(_), v) => {
                    let s = this.string(v);
                    quote!(#p::core::Dynamic::path(#s))
                }
                (None, Node::Expr(e, _)) => quote!((#e)),
                (None, v) => {
                    let ty = match field.ty {
                        "String" => quote!(::std::string::String),
                        "u64" => quote!(u64),
                        "bool" => quote!(bool),
                        _ => quote!(#p::serde_json::Value),
                    };
                    let j = this.json(v);
                    quote!(#p::request_value::<#ty>(#j, #jsonata))
                }
            };
            calls.push(quote!(.#n(#value)));
            Some(())
        });
        if !other.is_empty() {
            calls.push(quote!(.other(#p::members([#(#other),*]))));
        }
        for required in spec.fields.iter().filter(|f| f.required) {
            let given = t.fields.iter().any(|f| {
                crate::typed::is_request_key(&f.key)
                    && f.key.strip_suffix(".$").unwrap_or(&f.key) == required.key
            });
            if !given {
                self.after_validation(t.span, &format!("{} without `{}`", spec.api, required.key));
            }
        }
        let ty = format_ident!("{}", spec.name);
        let pattern = match crate::typed::pattern(t) {
            asl_aws::Pattern::RequestResponse => quote!(RequestResponse),
            asl_aws::Pattern::Sync => quote!(Sync),
            asl_aws::Pattern::Sync2 => quote!(Sync2),
            asl_aws::Pattern::WaitForTaskToken => quote!(WaitForTaskToken),
        };
        let typed =
            quote!(#p::aws::#ty::builder() #(#calls)* .pattern(#p::aws::Pattern::#pattern).build());
        typed_task_state(typed, jsonata, &sets)
    }

    /// `aws_sdk::service::Action { .. }`: `AwsSdk::builder()` with the
    /// service, the action (camelCase, as in the resource) and every
    /// request parameter as written, then `into_task(ql)` and the Task's
    /// own fields.
    fn sdk_task(&mut self, t: &Typed, service: &str, action: &str, jsonata: bool) -> TokenStream {
        let p = p();
        let (parameters, sets) = self.request(t, jsonata, |_, _| None);
        let typed = quote!(#p::aws::AwsSdk::builder()
            .service(#service)
            .action(#action)
            .parameters(#p::members([#(#parameters),*]))
            .build());
        typed_task_state(typed, jsonata, &sets)
    }

    /// The fields of a typed AWS task: each request parameter `typed`
    /// does not take (`None`) as a `(key, json)` entry, and each of the
    /// Task's own fields as an assignment to `__task`.
    fn request(
        &mut self,
        t: &Typed,
        jsonata: bool,
        mut typed: impl FnMut(&mut Self, &Field) -> Option<()>,
    ) -> (Vec<TokenStream>, Vec<TokenStream>) {
        let mut other = Vec::new();
        let mut sets = Vec::new();
        for f in &t.fields {
            if !crate::typed::is_request_key(&f.key) {
                sets.extend(self.task_field(f, jsonata));
            } else if typed(self, f).is_none() {
                let (k, j) = (&f.key, self.json(&f.value));
                other.push(quote!((#k, #j)));
            }
        }
        (other, sets)
    }

    /// `InvokeModel::builder()…build().into_task(ql)`, then the Task's own
    /// fields set on the returned `Task`.
    fn invoke_model(&mut self, t: &Typed, jsonata: bool) -> TokenStream {
        let p = p();
        let mut calls = Vec::new();
        let mut sets = Vec::new();
        let (mut model, mut input) = (false, false);
        let mut guardrail = (None, None);
        let mut given: Vec<&str> = Vec::new();
        for f in &t.fields {
            let v = &f.value;
            if crate::valid::BEDROCK_REQUEST.contains(&f.key.as_str()) {
                let base = f.key.trim_end_matches(".$");
                if given.contains(&base) {
                    self.err(
                        f.key_span,
                        format!("`{base}` is given twice (as `{base}` and `\"{base}.$\"`)"),
                    );
                    continue;
                }
                given.push(base);
            }
            match f.key.as_str() {
                "ModelId" => {
                    model = true;
                    let value = match v {
                        Node::Str(l) if asl_core::Jsonata::is_expression(&l.value()) => {
                            quote!(#p::bedrock::ModelId::jsonata(#l))
                        }
                        Node::Str(l) => quote!(#p::bedrock::ModelId::from(#l)),
                        Node::Expr(e, _) => quote!((#e)),
                        other => {
                            self.err(other.span(), "expected a string or `(expr)` for `ModelId`");
                            quote!("")
                        }
                    };
                    calls.push(quote!(.model_id(#value)));
                }
                "ModelId.$" => {
                    model = true;
                    let s = self.string(v);
                    calls.push(quote!(.model_id(#p::bedrock::ModelId::path(#s))));
                }
                "Body" => {
                    input = true;
                    let value = match v {
                        Node::Expr(e, _) => quote!((#e)),
                        other => {
                            let j = self.json(other);
                            quote!(#p::bedrock::ModelInput::from(#j))
                        }
                    };
                    calls.push(quote!(.input(#value)));
                }
                "Body.$" => {
                    input = true;
                    let s = self.string(v);
                    calls.push(
                        quote!(.input(#p::bedrock::ModelInput::Body(#p::bedrock::Dynamic::path(#s)))),
                    );
                }
                "Input" => {
                    input = true;
                    let value = self.s3_input(v);
                    calls.push(quote!(.input(#value)));
                }
                "ContentType" | "Accept" => {
                    let s = self.string(v);
                    let n = format_ident!("{}", snake(&f.key));
                    calls.push(quote!(.#n(#s)));
                }
                "ContentType.$" | "Accept.$" => {
                    let s = self.string(v);
                    let n = format_ident!("{}", snake(f.key.trim_end_matches(".$")));
                    calls
                        .push(quote!(.#n(#p::bedrock::Dynamic::<::std::string::String>::path(#s))));
                }
                "ModelOutput" => {
                    let u = self.s3_uri(v, "ModelOutput");
                    calls.push(quote!(.output(#u)));
                }
                "GuardrailIdentifier" | "GuardrailIdentifier.$" => {
                    guardrail.0 = Some((f.key_span, self.bfield_string(f)));
                }
                "GuardrailVersion" | "GuardrailVersion.$" => {
                    guardrail.1 = Some((f.key_span, self.guardrail_version(f)));
                }
                "Trace" | "Trace.$" => {
                    let tr = self.trace(f);
                    calls.push(quote!(.trace(#tr)));
                }
                k if crate::valid::BEDROCK_REQUEST.contains(&k) => {
                    self.unsupported(f.key_span, k, "`bedrock::InvokeModel`");
                }
                _ => sets.extend(self.task_field(f, jsonata)),
            }
        }
        match guardrail {
            (Some((_, id)), Some((_, version))) => calls.push(quote!(.guardrail(
                #p::bedrock::Guardrail { identifier: #id, version: #version }
            ))),
            (Some((span, _)), None) | (None, Some((span, _))) => {
                self.after_validation(span, "a guardrail needs both fields")
            }
            (None, None) => {}
        }
        if !model {
            self.after_validation(t.span, "InvokeModel without `ModelId`");
        }
        if !input {
            self.after_validation(t.span, "InvokeModel without `Body` or `Input`");
        }
        let ql = ql_tokens(jsonata);
        quote!({
            #[allow(unused_mut)]
            let mut __task = #p::bedrock::InvokeModel::builder() #(#calls)* .build().into_task(#ql);
            #(#sets)*
            #p::core::State::from(__task)
        })
    }

    fn s3_input(&mut self, v: &Node) -> TokenStream {
        let p = p();
        match v {
            Node::Expr(e, _) => quote!((#e)),
            Node::Object(fields, span) => match fields.as_slice() {
                [f] if f.key == "S3Uri" => match &f.value {
                    Node::Str(l) => quote!(#p::s3_input(#l)),
                    Node::Expr(e, _) => quote!(#p::bedrock::ModelInput::S3(#e)),
                    other => {
                        self.err(other.span(), "expected a string or `(expr)` for `S3Uri`");
                        quote!(())
                    }
                },
                [f] if f.key == "S3Uri.$" => {
                    let s = self.string(&f.value);
                    quote!(#p::bedrock::ModelInput::S3(#p::bedrock::S3Uri::path(#s)))
                }
                _ => {
                    self.err(*span, "expected `{ S3Uri: \"s3://..\" }` or `{ \"S3Uri.$\": \"$..\" }` for `Input`");
                    quote!(())
                }
            },
            other => {
                self.err(
                    other.span(),
                    "expected `{ S3Uri: \"s3://..\" }` for `Input`",
                );
                quote!(())
            }
        }
    }

    /// One field of a state of type `ty` (the typed Bedrock tasks' own
    /// Task fields), from the vocabulary.
    fn field(&mut self, f: &Field, ty: &str, jsonata: bool) -> Option<Setter> {
        let spec = vocabulary::state(ty).unwrap_or(Task::SPEC);
        match spec.field(&f.key) {
            Some(field) => self.setter(spec, field, f, jsonata),
            None => {
                self.unsupported(f.key_span, &f.key, &owner(spec));
                None
            }
        }
    }

    /// `bedrock::CreateModelCustomizationJob[.sync] { .. }`:
    /// `CreateModelCustomizationJob::<RequestResponse | RunJob>::builder()…build().into_task(ql)`,
    /// then the Task's own fields set on the returned `Task`.
    fn customization(&mut self, t: &Typed, jsonata: bool) -> TokenStream {
        let p = p();
        const REQUIRED: [&str; 6] = [
            "JobName",
            "CustomModelName",
            "RoleArn",
            "BaseModelIdentifier",
            "TrainingDataConfig",
            "OutputDataConfig",
        ];
        let mut calls = Vec::new();
        let mut sets = Vec::new();
        let mut other = Vec::new();
        let mut given: Vec<String> = Vec::new();
        for f in &t.fields {
            let v = &f.value;
            let base = f.key.trim_end_matches(".$");
            if crate::valid::CUSTOMIZATION_REQUEST.contains(&f.key.as_str()) {
                if given.iter().any(|g| g == base) {
                    self.err(
                        f.key_span,
                        format!("`{base}` is given twice (as `{base}` and `\"{base}.$\"`)"),
                    );
                    continue;
                }
                given.push(base.to_owned());
            }
            match f.key.as_str() {
                "JobName"
                | "JobName.$"
                | "CustomModelName"
                | "CustomModelName.$"
                | "RoleArn"
                | "RoleArn.$"
                | "BaseModelIdentifier"
                | "BaseModelIdentifier.$"
                | "CustomizationType"
                | "CustomizationType.$"
                | "CustomModelKmsKeyId"
                | "CustomModelKmsKeyId.$"
                | "ClientRequestToken"
                | "ClientRequestToken.$" => {
                    let n = format_ident!("{}", snake(base));
                    let value = self.bfield_string(f);
                    calls.push(quote!(.#n(#value)));
                }
                "TrainingDataConfig" | "OutputDataConfig" => {
                    let n = format_ident!("{}", snake(base));
                    let u = self.s3_uri(v, base);
                    calls.push(quote!(.#n(#u)));
                }
                "ValidationDataConfig" => {
                    let value = match v {
                        Node::Expr(e, _) => quote!((#e)),
                        _ => {
                            let mut items = Vec::new();
                            for g in self.fields_of(v, "`ValidationDataConfig`") {
                                if g.key == "Validators" {
                                    items = self.list(&g.value, "Validators", |s, n| {
                                        s.s3_uri(n, "Validators")
                                    });
                                } else {
                                    self.unsupported(g.key_span, &g.key, "`ValidationDataConfig`");
                                }
                            }
                            quote!(::std::vec![#(#items),*])
                        }
                    };
                    calls.push(quote!(.validation_data(#value)));
                }
                "HyperParameters" => {
                    let value = match v {
                        Node::Str(l) if asl_core::Jsonata::is_expression(&l.value()) => {
                            quote!(#p::bedrock::Dynamic::<#p::serde_json::Value>::jsonata(#l))
                        }
                        Node::Expr(e, _) => {
                            quote!(::core::convert::Into::<#p::bedrock::Dynamic<#p::serde_json::Value>>::into(#e))
                        }
                        other => {
                            let j = self.json(other);
                            quote!(#p::bedrock::Dynamic::<#p::serde_json::Value>::Value(#j))
                        }
                    };
                    calls.push(quote!(.hyper_parameters(#value)));
                }
                "HyperParameters.$" => {
                    let s = self.string(v);
                    calls.push(quote!(.hyper_parameters(#p::bedrock::Dynamic::<#p::serde_json::Value>::path(#s))));
                }
                "JobTags" | "CustomModelTags" => {
                    let n = format_ident!("{}", snake(&f.key));
                    let value = match v {
                        Node::Expr(e, _) => quote!((#e)),
                        _ => {
                            let key = f.key.clone();
                            let items = self.list(v, &f.key, |s, n| s.tag(n, &key));
                            quote!(::std::vec![#(#items),*])
                        }
                    };
                    calls.push(quote!(.#n(#value)));
                }
                "VpcConfig" | "CustomizationConfig" => {
                    let k = &f.key;
                    let j = self.json(v);
                    other.push(quote!((#k, #j)));
                }
                _ => sets.extend(self.task_field(f, jsonata)),
            }
        }
        for r in REQUIRED {
            if !given.iter().any(|g| g == r) {
                self.err(
                    t.span,
                    format!("a Bedrock CreateModelCustomizationJob task needs `{r}`"),
                );
            }
        }
        if !other.is_empty() {
            calls.push(quote!(.other(#p::members([#(#other),*]))));
        }
        let pattern = if crate::typed::pattern(t) == asl_aws::Pattern::Sync {
            quote!(#p::bedrock::RunJob)
        } else {
            quote!(#p::bedrock::RequestResponse)
        };
        let ql = ql_tokens(jsonata);
        quote!({
            #[allow(unused_mut)]
            let mut __task = #p::bedrock::CreateModelCustomizationJob::<#pattern>::builder() #(#calls)* .build().into_task(#ql);
            #(#sets)*
            #p::core::State::from(__task)
        })
    }

    /// `{ Key: "k", Value: "v" }` → `Tag::new("k", "v")`.
    fn tag(&mut self, v: &Node, list: &str) -> TokenStream {
        let p = p();
        if let Node::Expr(e, _) = v {
            return quote!((#e));
        }
        let (mut key, mut value) = (None, None);
        for f in self.fields_of(v, &format!("a tag of `{list}`")) {
            match f.key.as_str() {
                "Key" => key = Some(self.string(&f.value)),
                "Value" => value = Some(self.string(&f.value)),
                other => self.unsupported(f.key_span, other, "a tag"),
            }
        }
        match (key, value) {
            (Some(k), Some(v)) => quote!(#p::bedrock::Tag::new(#k, #v)),
            _ => {
                self.err(v.span(), "a tag needs `Key` and `Value`");
                quote!(#p::bedrock::Tag::new("", ""))
            }
        }
    }

    /// A field of the Task itself on a typed Bedrock Task, set on the Task
    /// the typed builder made: `__task.field = value;`.
    fn task_field(&mut self, f: &Field, jsonata: bool) -> Option<TokenStream> {
        let s = self.field(f, "Task", jsonata)?;
        let (n, v) = (s.name, s.value);
        Some(if s.optional {
            quote!(__task.#n = ::core::option::Option::Some(::core::convert::Into::into(#v));)
        } else {
            quote!(__task.#n = #v;)
        })
    }

    /// A Bedrock request field (`Key` or `"Key.$"`) as a `Dynamic<ty>`: the
    /// path of a `"Key.$"`, a JSONata expression, or what `value` makes of
    /// any other value (given the type `Dynamic<ty>`).
    fn bedrock_dynamic(
        &mut self,
        f: &Field,
        ty: TokenStream,
        value: impl FnOnce(&mut Self, &Node, &TokenStream) -> TokenStream,
    ) -> TokenStream {
        let p = p();
        let field = quote!(#p::bedrock::Dynamic::<#ty>);
        if f.key.ends_with(".$") {
            let s = self.string(&f.value);
            return quote!(#field::path(#s));
        }
        match &f.value {
            Node::Str(l) if asl_core::Jsonata::is_expression(&l.value()) => {
                quote!(#field::jsonata(#l))
            }
            other => value(self, other, &field),
        }
    }

    /// A Bedrock request string field (`Key` or `"Key.$"`) as a `Field<String>`.
    fn bfield_string(&mut self, f: &Field) -> TokenStream {
        let p = p();
        self.bedrock_dynamic(f, quote!(::std::string::String), |this, v, field| match v {
            Node::Str(l) => quote!(#field::Value(::std::string::String::from(#l))),
            Node::Expr(e, _) => {
                quote!(::core::convert::Into::<#p::bedrock::Dynamic<::std::string::String>>::into(#e))
            }
            other => {
                this.err(other.span(), "expected a string literal or `(expr)`");
                quote!(#field::Value(::std::string::String::new()))
            }
        })
    }

    /// `GuardrailVersion: "DRAFT" | "3"` / `"GuardrailVersion.$"`.
    fn guardrail_version(&mut self, f: &Field) -> TokenStream {
        let p = p();
        self.bedrock_dynamic(f, quote!(#p::bedrock::GuardrailVersion), |this, v, field| match v {
            Node::Str(l) => quote!(#field::Value(#p::guardrail_version(#l))),
            Node::Expr(e, _) => quote!(#p::GuardrailVersionArg::into_field(#e)),
            other => {
                this.err(
                    other.span(),
                    "expected `\"DRAFT\"`, a version number as a string (`\"1\"`) or `(expr)` for `GuardrailVersion`",
                );
                quote!(#field::Value(#p::bedrock::GuardrailVersion::DRAFT))
            }
        })
    }

    /// `Trace: "ENABLED" | "DISABLED"` / `"Trace.$"`.
    fn trace(&mut self, f: &Field) -> TokenStream {
        let p = p();
        self.bedrock_dynamic(f, quote!(#p::bedrock::Trace), |this, v, field| match v {
            Node::Str(l) if l.value() == "ENABLED" => {
                quote!(#field::Value(#p::bedrock::Trace::Enabled))
            }
            Node::Str(l) if l.value() == "DISABLED" => {
                quote!(#field::Value(#p::bedrock::Trace::Disabled))
            }
            Node::Str(l) if l.value() == "ENABLED_FULL" => {
                this.err(
                    l.span(),
                    "`Trace: \"ENABLED_FULL\"` is not supported by `state_machine!` (`asl_bedrock::Trace` has only `Enabled` and `Disabled`); build this Task with the asl-core builders",
                );
                quote!(#field::Value(#p::bedrock::Trace::Enabled))
            }
            Node::Expr(e, _) => {
                quote!(::core::convert::Into::<#p::bedrock::Dynamic<#p::bedrock::Trace>>::into(#e))
            }
            other => {
                this.err(
                    other.span(),
                    "expected `\"ENABLED\"`, `\"DISABLED\"` or `(expr)` for `Trace` (asl_bedrock::Trace has no other value)",
                );
                quote!(#field::Value(#p::bedrock::Trace::Disabled))
            }
        })
    }

    /// `{ S3Uri: "s3://.." }` / `{ "S3Uri.$": "$.." }` / `(expr)` → `S3Uri`.
    fn s3_uri(&mut self, v: &Node, key: &str) -> TokenStream {
        let p = p();
        let fallback = quote!(#p::bedrock::S3Uri::path("$"));
        match v {
            Node::Expr(e, _) => quote!((#e)),
            Node::Object(fields, span) => match fields.as_slice() {
                [f] if f.key == "S3Uri" => match &f.value {
                    Node::Str(l) if asl_core::Jsonata::is_expression(&l.value()) => {
                        quote!(#p::bedrock::S3Uri::jsonata(#l))
                    }
                    Node::Str(l) => quote!(#p::s3_uri(#l)),
                    Node::Expr(e, _) => quote!((#e)),
                    other => {
                        self.err(other.span(), "expected a string or `(expr)` for `S3Uri`");
                        fallback
                    }
                },
                [f] if f.key == "S3Uri.$" => {
                    let s = self.string(&f.value);
                    quote!(#p::bedrock::S3Uri::path(#s))
                }
                _ => {
                    self.err(
                        *span,
                        format!("expected `{{ S3Uri: \"s3://..\" }}` or `{{ \"S3Uri.$\": \"$..\" }}` for `{key}`"),
                    );
                    fallback
                }
            },
            other => {
                self.err(
                    other.span(),
                    format!("expected `{{ S3Uri: \"s3://..\" }}` for `{key}`"),
                );
                fallback
            }
        }
    }

    /// An enum written as its ASL name (`"GIVEN"`), or `(expr)` (outside
    /// [`LITERAL_ONLY`] objects).
    fn enum_value(
        &mut self,
        v: &Node,
        key: &str,
        e: &'static EnumSpec,
        literal: bool,
    ) -> Option<TokenStream> {
        let p = p();
        if let Node::Expr(ex, _) = v {
            if !literal {
                return Some(quote!((#ex)));
            }
        }
        let text = v.as_text();
        if let Some((_, variant)) = e.values.iter().find(|(n, _)| Some(*n) == text.as_deref()) {
            let (ty, variant) = (format_ident!("{}", e.name), format_ident!("{}", variant));
            return Some(quote!(#p::core::#ty::#variant));
        }
        let names: Vec<String> = e.values.iter().map(|(n, _)| format!("`\"{n}\"`")).collect();
        let expected = match names.as_slice() {
            [a, b] => format!("{a} or {b}"),
            _ => format!("one of {}", names.join(", ")),
        };
        self.err(v.span(), format!("expected {expected} for `{key}`"));
        None
    }

    fn list(
        &mut self,
        v: &Node,
        key: &str,
        mut item: impl FnMut(&mut Self, &Node) -> TokenStream,
    ) -> Vec<TokenStream> {
        match v {
            Node::Array(items, _) => items.iter().map(|n| item(self, n)).collect(),
            other => {
                self.err(other.span(), format!("expected `[ .. ]` for `{key}`"));
                Vec::new()
            }
        }
    }

    fn fields_of<'a>(&mut self, v: &'a Node, what: &str) -> &'a [Field] {
        match v {
            Node::Object(fields, _) => fields,
            other => {
                self.err(other.span(), format!("expected `{{ .. }}` for {what}"));
                &[]
            }
        }
    }

    fn error_equals(&mut self, v: &Node) -> TokenStream {
        match v {
            Node::Array(items, _) => {
                let items: Vec<TokenStream> = items
                    .iter()
                    .map(|i| {
                        let s = self.string(i);
                        quote!(::std::string::String::from(#s))
                    })
                    .collect();
                quote!([#(#items),*])
            }
            other => {
                self.err(
                    other.span(),
                    "expected `[\"States.ALL\"]` or a list of error names for `ErrorEquals`",
                );
                quote!([""])
            }
        }
    }

    /// A JSONPath Choice rule: `And`/`Or`/`Not`, or `Variable` and one
    /// comparator (its operand's kind from the vocabulary).
    fn bool_expr(&mut self, fields: &[&Field], span: Span) -> TokenStream {
        let p = p();
        let mut variable = None;
        let mut out = None;
        for f in fields {
            let v = &f.value;
            let kind = ChoiceRule::SPEC.field(&f.key).map(|x| x.kind);
            match (f.key.as_str(), kind) {
                ("Variable", _) => variable = Some(self.path(v, "Path")),
                ("And" | "Or", _) => {
                    let op = format_ident!("{}", f.key);
                    let items = self.list(v, &f.key, |s, n| {
                        let e = s.nested(n);
                        quote!(#p::core::NestedRule::from(#e))
                    });
                    out = Some(quote!(#p::core::BoolExpr::#op(::std::vec![#(#items),*])));
                }
                ("Not", _) => {
                    let e = self.nested(v);
                    out = Some(
                        quote!(#p::core::BoolExpr::Not(::std::boxed::Box::new(#p::core::NestedRule::from(#e)))),
                    );
                }
                (op, Some(ValueKind::Comparison(operand))) => {
                    out = Some(self.comparator(op, operand, v));
                }
                (op, _) => self.unsupported(f.key_span, op, "a choice rule"),
            }
        }
        match (out, variable) {
            (Some(o), Some(var)) => {
                quote!(#p::core::BoolExpr::Compare(#p::core::Comparison::new(#var, #o)))
            }
            (Some(o), None) => o,
            (None, _) => {
                self.err(span, "a choice rule needs a comparison (`Variable` and an operator), `And`, `Or`, `Not` or a JSONata `Condition`");
                quote!(#p::core::BoolExpr::And(::std::vec::Vec::new()))
            }
        }
    }

    fn nested(&mut self, v: &Node) -> TokenStream {
        let fields: Vec<&Field> = self.fields_of(v, "a nested rule").iter().collect();
        self.bool_expr(&fields, v.span())
    }

    /// `Comparator::Name(value)`, the value of the operand's kind.
    fn comparator(&mut self, op: &str, operand: &ValueKind, v: &Node) -> TokenStream {
        let p = p();
        let variant = format_ident!("{}", op);
        let value = match operand {
            ValueKind::ReferencePath => self.path(v, "ReferencePath"),
            ValueKind::Text => {
                let s = self.string(v);
                quote!(::std::string::String::from(#s))
            }
            ValueKind::Number => match v {
                Node::Num(Num::Unsigned(u), _) => quote!(#p::serde_json::Number::from(#u)),
                Node::Num(Num::Signed(i), _) => quote!(#p::serde_json::Number::from(#i)),
                Node::Num(Num::Float(x), _) => {
                    let l = Literal::f64_suffixed(*x);
                    quote!(#p::number(#l))
                }
                Node::Expr(e, _) => quote!(::core::convert::Into::into(#e)),
                other => {
                    self.err(other.span(), format!("expected a number for `{op}`"));
                    quote!(#p::serde_json::Number::from(0u64))
                }
            },
            _ => match v {
                Node::Bool(b, _) => quote!(#b),
                Node::Expr(e, _) => quote!((#e)),
                other => {
                    self.err(
                        other.span(),
                        format!("expected `true` or `false` for `{op}`"),
                    );
                    quote!(true)
                }
            },
        };
        quote!(#p::core::Comparator::#variant(#value))
    }

    /// A state name: an identifier or a string literal.
    fn name(&mut self, v: &Node) -> TokenStream {
        match v.as_text() {
            Some(s) => quote!(#s),
            None => {
                self.err(
                    v.span(),
                    "expected a state name (an identifier or a string literal)",
                );
                quote!("")
            }
        }
    }

    /// Something `Into<String>`: a literal or `(expr)`.
    fn string(&mut self, v: &Node) -> TokenStream {
        match v {
            Node::Str(l) => quote!(#l),
            Node::Expr(e, _) => quote!((#e)),
            Node::Name(i) => {
                self.err(i.span(), bare(i));
                quote!("")
            }
            other => {
                self.err(other.span(), "expected a string literal or `(expr)`");
                quote!("")
            }
        }
    }

    fn u64(&mut self, v: &Node) -> TokenStream {
        match v {
            Node::Num(Num::Unsigned(u), _) => quote!(#u),
            Node::Expr(e, _) => quote!((#e)),
            other => {
                self.err(other.span(), "expected a non-negative integer or `(expr)`");
                quote!(0u64)
            }
        }
    }

    fn or_u64(&mut self, v: &Node) -> TokenStream {
        let p = p();
        match v {
            Node::Num(Num::Unsigned(u), _) => quote!(#p::core::Dynamic::<u64>::Value(#u)),
            Node::Str(l) => quote!(#p::dynamic::<u64>(#l)),
            Node::Expr(e, _) => quote!(#p::core::Dynamic::<u64>::Value(#e)),
            other => {
                self.err(
                    other.span(),
                    "expected a non-negative integer, a `{% .. %}` string or `(expr)`",
                );
                quote!(#p::core::Dynamic::<u64>::Value(0))
            }
        }
    }

    fn or_number(&mut self, v: &Node) -> TokenStream {
        let p = p();
        let number = quote!(#p::serde_json::Number);
        match v {
            Node::Num(Num::Unsigned(u), _) => {
                quote!(#p::core::Dynamic::<#number>::Value(#number::from(#u)))
            }
            Node::Num(Num::Float(x), _) => {
                let l = Literal::f64_suffixed(*x);
                quote!(#p::core::Dynamic::<#number>::Value(#p::number(#l)))
            }
            Node::Str(l) => quote!(#p::dynamic::<#number>(#l)),
            Node::Expr(e, _) => quote!(#p::core::Dynamic::<#number>::Value(
                ::core::convert::Into::into(#e)
            )),
            other => {
                self.err(
                    other.span(),
                    "expected a non-negative number, a `{% .. %}` string or `(expr)`",
                );
                quote!(#p::core::Dynamic::<#number>::Value(#number::from(0u64)))
            }
        }
    }

    /// A `Dynamic` value: `literal` (the value `v` spells, when it is one),
    /// a `{% %}` string or an interpolated `(expr)`. Anything else is an error
    /// (`expected`), with `fallback` in its place.
    fn dynamic_of(
        &mut self,
        v: &Node,
        literal: Option<TokenStream>,
        expected: String,
        fallback: TokenStream,
    ) -> TokenStream {
        let p = p();
        match (literal, v) {
            (Some(value), _) => quote!(#p::core::Dynamic::Value(#value)),
            (None, Node::Str(l)) => quote!(#p::dynamic(#l)),
            (None, Node::Expr(e, _)) => quote!(#p::core::Dynamic::Value(#e)),
            (None, other) => {
                self.err(other.span(), expected);
                fallback
            }
        }
    }

    fn or_string(&mut self, v: &Node) -> TokenStream {
        let p = p();
        match v {
            Node::Str(l) => quote!(#p::dynamic_string(#l)),
            Node::Expr(e, _) => quote!(#p::core::Dynamic::<::std::string::String>::Value(
                ::core::convert::Into::into(#e)
            )),
            other => {
                self.err(other.span(), "expected a string literal or `(expr)`");
                quote!(#p::dynamic_string(""))
            }
        }
    }

    fn query_language(&mut self, v: &Node) -> TokenStream {
        match v.as_text().as_deref() {
            Some("JSONata") => ql_tokens(true),
            Some("JSONPath") => ql_tokens(false),
            _ => {
                self.err(
                    v.span(),
                    "expected `\"JSONPath\"` or `\"JSONata\"` for `QueryLanguage`",
                );
                ql_tokens(false)
            }
        }
    }

    /// `Path::new(..)` / `ReferencePath::new(..)`, or `None` for `null`.
    fn path(&mut self, v: &Node, ty: &str) -> TokenStream {
        let p = p();
        let ty = format_ident!("{}", ty);
        match v {
            Node::Null(_) => quote!(::core::option::Option::None::<#p::core::#ty>),
            Node::Str(l) => quote!(#p::core::#ty::new(#l)),
            Node::Expr(e, _) => quote!(#p::core::#ty::new(#e)),
            other => {
                self.err(other.span(), "expected a path string, `null` or `(expr)`");
                quote!(#p::core::#ty::new("$"))
            }
        }
    }

    /// A JSON value (`serde_json::Value`).
    pub fn json(&mut self, v: &Node) -> TokenStream {
        let p = p();
        match v {
            Node::Null(_) => quote!(#p::serde_json::Value::Null),
            Node::Bool(b, _) => quote!(#p::serde_json::Value::Bool(#b)),
            Node::Num(Num::Unsigned(u), _) => quote!(#p::serde_json::Value::from(#u)),
            Node::Num(Num::Signed(i), _) => quote!(#p::serde_json::Value::from(#i)),
            Node::Num(Num::Float(x), _) => {
                let l = Literal::f64_suffixed(*x);
                quote!(#p::float(#l))
            }
            Node::Str(l) => quote!(#p::serde_json::Value::from(#l)),
            Node::Name(i) => {
                self.err(i.span(), bare(i));
                quote!(#p::serde_json::Value::Null)
            }
            Node::Array(items, _) => {
                let items: Vec<TokenStream> = items.iter().map(|i| self.json(i)).collect();
                quote!(#p::serde_json::Value::Array(::std::vec![#(#items),*]))
            }
            Node::Object(fields, _) => {
                let entries: Vec<TokenStream> = fields
                    .iter()
                    .map(|f| {
                        let k = &f.key;
                        let v = self.json(&f.value);
                        quote!((#k, #v))
                    })
                    .collect();
                quote!(#p::object([#(#entries),*]))
            }
            Node::Expr(e, _) => quote!(#p::serde_json::Value::from(#e)),
            Node::State(t) => {
                self.err(t.span, "a state is not allowed here; states go in `States`");
                quote!(#p::serde_json::Value::Null)
            }
        }
    }
}

/// The state of a typed AWS task `typed` (an expression of its type):
/// `into_task(ql)`, then `sets` (the Task's own fields) on the Task.
fn typed_task_state(typed: TokenStream, jsonata: bool, sets: &[TokenStream]) -> TokenStream {
    let p = p();
    let ql = ql_tokens(jsonata);
    quote!({
        #[allow(unused_mut)]
        let mut __task = #p::core::integration::TypedTask::into_task(#typed, #ql);
        #(#sets)*
        #p::core::State::from(__task)
    })
}

/// The message for a bare identifier where a value (not a state name) is
/// expected: most likely a Rust variable without its parentheses.
fn bare(i: &syn::Ident) -> String {
    format!("unexpected identifier `{i}` in a value; write a string as `\"{i}\"`, or interpolate a Rust value as `({i})`")
}

/// `QueryLanguage::Jsonata` / `QueryLanguage::JsonPath`.
fn ql_tokens(jsonata: bool) -> TokenStream {
    let p = p();
    if jsonata {
        quote!(#p::core::QueryLanguage::Jsonata)
    } else {
        quote!(#p::core::QueryLanguage::JsonPath)
    }
}

/// The `QueryLanguage` an object sets, if any (`Some(true)` for JSONata).
fn ql_of(fields: &[Field]) -> Option<bool> {
    fields
        .iter()
        .rev()
        .find(|f| f.key == "QueryLanguage")
        .and_then(|f| f.value.as_text())
        .map(|s| s == "JSONata")
}

/// `ResultSelector` → `result_selector`.
fn snake(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
