//! Phase 3: the checked tree → builder calls (`quote!`).
//!
//! Each DSL field becomes the builder call a user would write by hand (the
//! table is in the crate docs). Runs only when the validator found no error,
//! so it only reports what the builders cannot express (a field the macro
//! does not support, a value of the wrong shape for its field).

use crate::parse::{Field, Node, Num, Typed};
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

fn setter(name: &str, value: TokenStream) -> Option<Setter> {
    Some(Setter {
        name: format_ident!("{}", name),
        optional: name != "transition",
        value,
    })
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

    /// The whole machine: `StateMachine::builder()…build()`.
    pub fn machine(&mut self, fields: &[Field], root: Span) -> TokenStream {
        let p = p();
        let jsonata = ql_of(fields).unwrap_or(false);
        let mut calls = Vec::new();
        let mut has = (false, false);
        for f in fields {
            match f.key.as_str() {
                "StartAt" => {
                    has.0 = true;
                    let v = self.name(&f.value);
                    calls.push(quote!(.start_at(#v)));
                }
                "States" => {
                    has.1 = true;
                    let v = self.states(&f.value, jsonata);
                    calls.push(quote!(.states(#v)));
                }
                "Comment" | "Version" => {
                    let v = self.string(&f.value);
                    let s = format_ident!("{}", snake(&f.key));
                    calls.push(quote!(.#s(#v)));
                }
                "QueryLanguage" => {
                    let v = self.query_language(&f.value);
                    calls.push(quote!(.query_language(#v)));
                }
                "TimeoutSeconds" => {
                    let v = self.u64(&f.value);
                    calls.push(quote!(.timeout_seconds(#v)));
                }
                other => self.unsupported(f.key_span, other, "a state machine"),
            }
        }
        if !(has.0 && has.1) {
            self.err(root, "a state machine needs `StartAt` and `States`");
        }
        quote!(#p::core::StateMachine::builder() #(#calls)* .build())
    }

    fn unsupported(&mut self, span: Span, key: &str, owner: &str) {
        self.err(
            span,
            format!("`{key}` is not supported in {owner} by `state_machine!`; build this part with the asl-core builders"),
        );
    }

    /// `StartAt` + `States` (+ `Comment`, `QueryLanguage`) of a branch or processor.
    fn scope(&mut self, node: &Node, ty: &str, jsonata: bool) -> TokenStream {
        let p = p();
        let Node::Object(fields, span) = node else {
            self.err(
                node.span(),
                format!("expected `{{ StartAt: .., States: {{ .. }} }}` for a {ty}"),
            );
            return quote!(());
        };
        let jsonata = ql_of(fields).unwrap_or(jsonata);
        let mut calls = Vec::new();
        let mut has = (false, false);
        for f in fields {
            match f.key.as_str() {
                "StartAt" => {
                    has.0 = true;
                    let v = self.name(&f.value);
                    calls.push(quote!(.start_at(#v)));
                }
                "States" => {
                    has.1 = true;
                    let v = self.states(&f.value, jsonata);
                    calls.push(quote!(.states(#v)));
                }
                "Comment" => {
                    let v = self.string(&f.value);
                    calls.push(quote!(.comment(#v)));
                }
                "QueryLanguage" => {
                    let v = self.query_language(&f.value);
                    calls.push(quote!(.query_language(#v)));
                }
                "ProcessorConfig" if ty == "processor" => {
                    let v = self.processor_config(&f.value);
                    calls.push(quote!(.processor_config(#v)));
                }
                other => self.unsupported(f.key_span, other, &format!("a {ty}")),
            }
        }
        if !(has.0 && has.1) {
            self.err(*span, format!("a {ty} needs `StartAt` and `States`"));
        }
        let ty = format_ident!(
            "{}",
            if ty == "branch" {
                "Branch"
            } else {
                "ItemProcessor"
            }
        );
        quote!(#p::core::#ty::builder() #(#calls)* .build())
    }

    /// `ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }`.
    fn processor_config(&mut self, node: &Node) -> TokenStream {
        let p = p();
        let mut calls = Vec::new();
        for f in self.fields_of(node, "`ProcessorConfig`") {
            let text = f.value.as_text();
            let call = match (f.key.as_str(), text.as_deref()) {
                ("Mode", Some("INLINE")) => quote!(.mode(#p::core::ProcessorMode::Inline)),
                ("Mode", Some("DISTRIBUTED")) => {
                    quote!(.mode(#p::core::ProcessorMode::Distributed))
                }
                ("ExecutionType", Some("STANDARD")) => {
                    quote!(.execution_type(#p::core::ExecutionType::Standard))
                }
                ("ExecutionType", Some("EXPRESS")) => {
                    quote!(.execution_type(#p::core::ExecutionType::Express))
                }
                ("Mode", _) => {
                    self.err(
                        f.value.span(),
                        "expected `\"INLINE\"` or `\"DISTRIBUTED\"` for `Mode`",
                    );
                    continue;
                }
                ("ExecutionType", _) => {
                    self.err(
                        f.value.span(),
                        "expected `\"STANDARD\"` or `\"EXPRESS\"` for `ExecutionType`",
                    );
                    continue;
                }
                (other, _) => {
                    self.unsupported(f.key_span, other, "`ProcessorConfig`");
                    continue;
                }
            };
            calls.push(call);
        }
        quote!(#p::core::ProcessorConfig::builder() #(#calls)* .build())
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
        let names: Vec<String> = t.path.iter().map(ToString::to_string).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match names.as_slice() {
            ["bedrock", "InvokeModel"] => self.invoke_model(t, jsonata),
            ["bedrock", "CreateModelCustomizationJob"] => self.customization(t, jsonata),
            [ty] if crate::valid::STATE_TYPES.contains(ty) => {
                let ty_ident = format_ident!("{}", *ty);
                let calls: Vec<TokenStream> = t
                    .fields
                    .iter()
                    .filter_map(|f| self.field(f, ty, jsonata))
                    .map(|s| {
                        let (n, v) = (s.name, s.value);
                        quote!(.#n(#v))
                    })
                    .collect();
                quote!(#p::core::State::from(#p::core::#ty_ident::builder() #(#calls)* .build()))
            }
            _ => {
                self.err(t.span, "unknown state type");
                quote!(#p::core::State::from(#p::core::Succeed::builder().build()))
            }
        }
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
                _ => {
                    if let Some(s) = self.field(f, "Task", jsonata) {
                        let (n, v) = (s.name, s.value);
                        if s.optional {
                            sets.push(quote!(__task.#n = ::core::option::Option::Some(::core::convert::Into::into(#v));));
                        } else {
                            sets.push(quote!(__task.#n = #v;));
                        }
                    }
                }
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

    /// One field of a state: its setter and value.
    fn field(&mut self, f: &Field, ty: &str, jsonata: bool) -> Option<Setter> {
        let p = p();
        let v = &f.value;
        match (f.key.as_str(), ty) {
            ("Comment", _) => setter("comment", self.string(v)),
            ("Label", "Map") => setter("label", self.string(v)),
            ("QueryLanguage", _) => setter("query_language", self.query_language(v)),
            ("Resource", _) => setter("resource", self.string(v)),
            ("InputPath", _) => setter("input_path", self.path(v, "Path")),
            ("OutputPath", _) => setter("output_path", self.path(v, "Path")),
            ("ResultPath", _) => setter("result_path", self.path(v, "ReferencePath")),
            ("Parameters", "Map") => {
                let j = self.json(v);
                setter(
                    "item_selector",
                    quote!(#p::core::ItemSelector::Parameters(#p::core::PayloadTemplate::from(#j))),
                )
            }
            ("Parameters" | "ResultSelector", _) => {
                let j = self.json(v);
                setter(&snake(&f.key), quote!(#p::core::PayloadTemplate::from(#j)))
            }
            ("Arguments" | "Output" | "Result", _) => setter(&snake(&f.key), self.json(v)),
            ("Assign", _) => {
                let j = self.json(v);
                setter("assign", quote!(#p::assign(#j)))
            }
            ("TimeoutSeconds" | "HeartbeatSeconds", _) => {
                let which = format_ident!("{}", f.key.trim_end_matches("Seconds"));
                let o = self.or_u64(v);
                setter(
                    &snake(which.to_string().as_str()),
                    quote!(#p::core::#which::Seconds(#o)),
                )
            }
            ("TimeoutSecondsPath" | "HeartbeatSecondsPath", _) => {
                let which = format_ident!("{}", f.key.trim_end_matches("SecondsPath"));
                let r = self.path(v, "ReferencePath");
                setter(
                    &snake(which.to_string().as_str()),
                    quote!(#p::core::#which::Path(#r)),
                )
            }
            ("Retry", _) => {
                let items = self.list(v, "Retry", Self::retrier);
                setter("retry", quote!(::std::vec![#(#items),*]))
            }
            ("Catch", _) => {
                let items = self.list(v, "Catch", Self::catcher);
                setter("catch", quote!(::std::vec![#(#items),*]))
            }
            ("Next", _) => {
                let n = self.name(v);
                setter("transition", quote!(#p::core::Transition::next(#n)))
            }
            ("End", _) => match v {
                Node::Bool(true, _) => setter("transition", quote!(#p::core::Transition::End)),
                Node::Bool(false, _) => None,
                other => {
                    self.err(other.span(), "expected `true` for `End`");
                    None
                }
            },
            ("Choices", "Choice") => {
                let items = self.list(v, "Choices", |s, n| s.choice_rule(n));
                setter("choices", quote!(::std::vec![#(#items),*]))
            }
            ("Default", "Choice") => setter("default", self.name(v)),
            ("Seconds", "Wait") => {
                let o = self.or_u64(v);
                setter("duration", quote!(#p::core::WaitDuration::Seconds(#o)))
            }
            ("Timestamp", "Wait") => {
                let o = self.or_string(v);
                setter("duration", quote!(#p::core::WaitDuration::Timestamp(#o)))
            }
            ("SecondsPath" | "TimestampPath", "Wait") => {
                let variant = format_ident!("{}", f.key);
                let r = self.path(v, "ReferencePath");
                setter("duration", quote!(#p::core::WaitDuration::#variant(#r)))
            }
            ("Error", "Fail") => {
                let o = self.or_string(v);
                setter("error", quote!(#p::core::FailError::Error(#o)))
            }
            ("Cause", "Fail") => {
                let o = self.or_string(v);
                setter("cause", quote!(#p::core::FailCause::Cause(#o)))
            }
            ("ErrorPath", "Fail") => {
                let r = self.path(v, "Path");
                setter("error", quote!(#p::core::FailError::ErrorPath(#r)))
            }
            ("CausePath", "Fail") => {
                let r = self.path(v, "Path");
                setter("cause", quote!(#p::core::FailCause::CausePath(#r)))
            }
            ("Branches", "Parallel") => {
                let items = self.list(v, "Branches", |s, n| s.scope(n, "branch", jsonata));
                setter("branches", quote!(::std::vec![#(#items),*]))
            }
            ("ItemProcessor" | "Iterator", "Map") => {
                let variant = format_ident!("{}", f.key);
                let s = self.scope(v, "processor", jsonata);
                setter("processor", quote!(#p::core::ProcessorField::#variant(#s)))
            }
            ("ItemsPath", "Map") => {
                let r = self.path(v, "ReferencePath");
                setter("items", quote!(#p::core::Items::ItemsPath(#r)))
            }
            ("Items", "Map") => {
                let value = match v {
                    Node::Array(items, _) => {
                        let items: Vec<TokenStream> = items.iter().map(|i| self.json(i)).collect();
                        quote!(#p::core::Dynamic::Value(::std::vec![#(#items),*]))
                    }
                    Node::Str(l) => quote!(#p::dynamic(#l)),
                    Node::Expr(e, _) => quote!(#p::core::Dynamic::Value(#e)),
                    other => {
                        self.err(
                            other.span(),
                            "expected an array or a JSONata string for `Items`",
                        );
                        quote!(())
                    }
                };
                setter("items", quote!(#p::core::Items::Items(#value)))
            }
            ("ItemSelector", "Map") => {
                let j = self.json(v);
                setter(
                    "item_selector",
                    quote!(#p::core::ItemSelector::ItemSelector(#j)),
                )
            }
            ("MaxConcurrency", "Map") => {
                let o = self.or_u64(v);
                setter(
                    "max_concurrency",
                    quote!(#p::core::MaxConcurrency::MaxConcurrency(#o)),
                )
            }
            ("MaxConcurrencyPath", "Map") => {
                let r = self.path(v, "ReferencePath");
                setter(
                    "max_concurrency",
                    quote!(#p::core::MaxConcurrency::MaxConcurrencyPath(#r)),
                )
            }
            ("Credentials", "Task") => setter("credentials", self.credentials(v)),
            ("ItemReader", "Map") => setter("item_reader", self.item_reader(v)),
            ("ItemBatcher", "Map") => setter("item_batcher", self.item_batcher(v)),
            ("ResultWriter", "Map") => setter("result_writer", self.result_writer(v)),
            ("ToleratedFailurePercentage" | "ToleratedFailurePercentagePath", "Map") => {
                let (name, value) = self.value_or_path(&f.key, v, Self::or_number);
                setter(&name, value)
            }
            ("ToleratedFailureCount" | "ToleratedFailureCountPath", "Map") => {
                let (name, value) = self.value_or_path(&f.key, v, Self::or_u64);
                setter(&name, value)
            }
            (other, ty) => {
                self.unsupported(f.key_span, other, &format!("a {ty} state"));
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
                _ => {
                    if let Some(s) = self.field(f, "Task", jsonata) {
                        let (n, v) = (s.name, s.value);
                        if s.optional {
                            sets.push(quote!(__task.#n = ::core::option::Option::Some(::core::convert::Into::into(#v));));
                        } else {
                            sets.push(quote!(__task.#n = #v;));
                        }
                    }
                }
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
            calls.push(quote!(.other(#p::assign(#p::object([#(#other),*])))));
        }
        let pattern = if t.pattern.is_some() {
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

    /// A Bedrock request string field (`Key` or `"Key.$"`) as a `Field<String>`.
    fn bfield_string(&mut self, f: &Field) -> TokenStream {
        let p = p();
        let field = quote!(#p::bedrock::Dynamic::<::std::string::String>);
        if f.key.ends_with(".$") {
            let s = self.string(&f.value);
            return quote!(#field::path(#s));
        }
        match &f.value {
            Node::Str(l) if asl_core::Jsonata::is_expression(&l.value()) => {
                quote!(#field::jsonata(#l))
            }
            Node::Str(l) => quote!(#field::Value(::std::string::String::from(#l))),
            Node::Expr(e, _) => {
                quote!(::core::convert::Into::<#p::bedrock::Dynamic<::std::string::String>>::into(#e))
            }
            other => {
                self.err(other.span(), "expected a string literal or `(expr)`");
                quote!(#field::Value(::std::string::String::new()))
            }
        }
    }

    /// `GuardrailVersion: "DRAFT" | "3"` / `"GuardrailVersion.$"`.
    fn guardrail_version(&mut self, f: &Field) -> TokenStream {
        let p = p();
        let field = quote!(#p::bedrock::Dynamic::<#p::bedrock::GuardrailVersion>);
        if f.key.ends_with(".$") {
            let s = self.string(&f.value);
            return quote!(#field::path(#s));
        }
        match &f.value {
            Node::Str(l) if asl_core::Jsonata::is_expression(&l.value()) => {
                quote!(#field::jsonata(#l))
            }
            Node::Str(l) => quote!(#field::Value(#p::guardrail_version(#l))),
            Node::Expr(e, _) => quote!(#p::GuardrailVersionArg::into_field(#e)),
            other => {
                self.err(
                    other.span(),
                    "expected `\"DRAFT\"`, a version number as a string (`\"1\"`) or `(expr)` for `GuardrailVersion`",
                );
                quote!(#field::Value(#p::bedrock::GuardrailVersion::DRAFT))
            }
        }
    }

    /// `Trace: "ENABLED" | "DISABLED"` / `"Trace.$"`.
    fn trace(&mut self, f: &Field) -> TokenStream {
        let p = p();
        let field = quote!(#p::bedrock::Dynamic::<#p::bedrock::Trace>);
        if f.key.ends_with(".$") {
            let s = self.string(&f.value);
            return quote!(#field::path(#s));
        }
        match &f.value {
            Node::Str(l) if asl_core::Jsonata::is_expression(&l.value()) => {
                quote!(#field::jsonata(#l))
            }
            Node::Str(l) if l.value() == "ENABLED" => {
                quote!(#field::Value(#p::bedrock::Trace::Enabled))
            }
            Node::Str(l) if l.value() == "DISABLED" => {
                quote!(#field::Value(#p::bedrock::Trace::Disabled))
            }
            Node::Str(l) if l.value() == "ENABLED_FULL" => {
                self.err(
                    l.span(),
                    "`Trace: \"ENABLED_FULL\"` is not supported by `state_machine!` (`asl_bedrock::Trace` has only `Enabled` and `Disabled`); build this Task with the asl-core builders",
                );
                quote!(#field::Value(#p::bedrock::Trace::Enabled))
            }
            Node::Expr(e, _) => {
                quote!(::core::convert::Into::<#p::bedrock::Dynamic<#p::bedrock::Trace>>::into(#e))
            }
            other => {
                self.err(
                    other.span(),
                    "expected `\"ENABLED\"`, `\"DISABLED\"` or `(expr)` for `Trace` (asl_bedrock::Trace has no other value)",
                );
                quote!(#field::Value(#p::bedrock::Trace::Disabled))
            }
        }
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

    /// `Credentials: { RoleArn: "arn:.." }` / `{ "RoleArn.$": "$.." }`.
    fn credentials(&mut self, v: &Node) -> TokenStream {
        let p = p();
        if let Node::Expr(e, _) = v {
            return quote!((#e));
        }
        let mut role = None;
        for f in self.fields_of(v, "`Credentials`") {
            let v = &f.value;
            match f.key.as_str() {
                "RoleArn" => {
                    let value = match v {
                        Node::Str(l) => quote!(#p::dynamic_string(#l)),
                        Node::Expr(e, _) => {
                            quote!(#p::core::Dynamic::<::std::string::String>::Value(
                                ::core::convert::Into::into(#e)
                            ))
                        }
                        other => {
                            self.err(
                                other.span(),
                                "expected a role ARN string or `(expr)` for `RoleArn`",
                            );
                            continue;
                        }
                    };
                    role = Some(quote!(#p::core::RoleArn::Value(#value)));
                }
                "RoleArn.$" => {
                    let r = self.path(v, "Path");
                    role = Some(quote!(#p::core::RoleArn::Path(#r)));
                }
                other => self.unsupported(f.key_span, other, "`Credentials`"),
            }
        }
        match role {
            Some(r) => quote!(#p::core::Credentials::builder().role_arn(#r).build()),
            None => {
                self.err(v.span(), "`Credentials` needs `RoleArn` or `\"RoleArn.$\"`");
                quote!(#p::core::Credentials::builder().role_arn("").build())
            }
        }
    }

    /// `ItemReader: { Resource, Parameters | Arguments, ReaderConfig }`.
    fn item_reader(&mut self, v: &Node) -> TokenStream {
        let p = p();
        if let Node::Expr(e, _) = v {
            return quote!((#e));
        }
        let mut calls = Vec::new();
        let mut resource = false;
        for f in self.fields_of(v, "`ItemReader`") {
            let v = &f.value;
            let call = match f.key.as_str() {
                "Resource" => {
                    resource = true;
                    let s = self.string(v);
                    quote!(.resource(#s))
                }
                "Parameters" => {
                    let j = self.json(v);
                    quote!(.parameters(#p::core::PayloadTemplate::from(#j)))
                }
                "Arguments" => {
                    let j = self.json(v);
                    quote!(.arguments(#j))
                }
                "ReaderConfig" => {
                    let c = self.reader_config(v);
                    quote!(.reader_config(#c))
                }
                other => {
                    self.unsupported(f.key_span, other, "`ItemReader`");
                    continue;
                }
            };
            calls.push(call);
        }
        if !resource {
            self.err(v.span(), "an `ItemReader` needs `Resource`");
            calls.push(quote!(.resource("")));
        }
        quote!(#p::core::ItemReader::builder() #(#calls)* .build())
    }

    /// `ReaderConfig: { InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter, MaxItems | MaxItemsPath, ManifestType, Transformation }`.
    fn reader_config(&mut self, v: &Node) -> TokenStream {
        let p = p();
        if let Node::Expr(e, _) = v {
            return quote!((#e));
        }
        let mut calls = Vec::new();
        for f in self.fields_of(v, "`ReaderConfig`") {
            let v = &f.value;
            let call = match f.key.as_str() {
                "InputType" | "ManifestType" | "Transformation" => {
                    let n = format_ident!("{}", snake(&f.key));
                    let s = self.string(v);
                    quote!(.#n(#s))
                }
                "CSVHeaderLocation" => {
                    let e = self.enum_value(
                        v,
                        "CSVHeaderLocation",
                        quote!(#p::core::CsvHeaderLocation),
                        &[("FIRST_ROW", "FirstRow"), ("GIVEN", "Given")],
                    );
                    quote!(.csv_header_location(#e))
                }
                "CSVDelimiter" => {
                    let e = self.enum_value(
                        v,
                        "CSVDelimiter",
                        quote!(#p::core::CsvDelimiter),
                        &[
                            ("COMMA", "Comma"),
                            ("PIPE", "Pipe"),
                            ("SEMICOLON", "Semicolon"),
                            ("SPACE", "Space"),
                            ("TAB", "Tab"),
                        ],
                    );
                    quote!(.csv_delimiter(#e))
                }
                "CSVHeaders" => {
                    let value = match v {
                        Node::Expr(e, _) => quote!((#e)),
                        _ => {
                            let items = self.list(v, "CSVHeaders", |s, n| {
                                let h = s.string(n);
                                quote!(::std::string::String::from(#h))
                            });
                            quote!(::std::vec![#(#items),*])
                        }
                    };
                    quote!(.csv_headers(#value))
                }
                "MaxItems" | "MaxItemsPath" => {
                    let (name, value) = self.value_or_path(&f.key, v, Self::or_u64);
                    let name = format_ident!("{}", name);
                    quote!(.#name(#value))
                }
                other => {
                    self.unsupported(f.key_span, other, "`ReaderConfig`");
                    continue;
                }
            };
            calls.push(call);
        }
        quote!(#p::core::ReaderConfig::builder() #(#calls)* .build())
    }

    /// `ItemBatcher: { MaxItemsPerBatch(Path), MaxInputBytesPerBatch(Path), BatchInput }`.
    fn item_batcher(&mut self, v: &Node) -> TokenStream {
        let p = p();
        if let Node::Expr(e, _) = v {
            return quote!((#e));
        }
        let mut calls = Vec::new();
        for f in self.fields_of(v, "`ItemBatcher`") {
            let v = &f.value;
            let call = match f.key.as_str() {
                "MaxItemsPerBatch"
                | "MaxInputBytesPerBatch"
                | "MaxItemsPerBatchPath"
                | "MaxInputBytesPerBatchPath" => {
                    let (name, value) = self.value_or_path(&f.key, v, Self::or_u64);
                    let name = format_ident!("{}", name);
                    quote!(.#name(#value))
                }
                "BatchInput" => {
                    let j = self.json(v);
                    quote!(.batch_input(#j))
                }
                other => {
                    self.unsupported(f.key_span, other, "`ItemBatcher`");
                    continue;
                }
            };
            calls.push(call);
        }
        quote!(#p::core::ItemBatcher::builder() #(#calls)* .build())
    }

    /// `ResultWriter: { Resource, Parameters | Arguments, WriterConfig: { OutputType, Transformation } }`.
    fn result_writer(&mut self, v: &Node) -> TokenStream {
        let p = p();
        if let Node::Expr(e, _) = v {
            return quote!((#e));
        }
        let mut calls = Vec::new();
        for f in self.fields_of(v, "`ResultWriter`") {
            let v = &f.value;
            let call = match f.key.as_str() {
                "Resource" => {
                    let s = self.string(v);
                    quote!(.resource(#s))
                }
                "Parameters" => {
                    let j = self.json(v);
                    quote!(.parameters(#p::core::PayloadTemplate::from(#j)))
                }
                "Arguments" => {
                    let j = self.json(v);
                    quote!(.arguments(#j))
                }
                "WriterConfig" => {
                    let c = match v {
                        Node::Expr(e, _) => quote!((#e)),
                        _ => {
                            let mut wc = Vec::new();
                            for g in self.fields_of(v, "`WriterConfig`") {
                                match g.key.as_str() {
                                    "OutputType" | "Transformation" => {
                                        let n = format_ident!("{}", snake(&g.key));
                                        let s = self.string(&g.value);
                                        wc.push(quote!(.#n(#s)));
                                    }
                                    other => self.unsupported(g.key_span, other, "`WriterConfig`"),
                                }
                            }
                            quote!(#p::core::WriterConfig::builder() #(#wc)* .build())
                        }
                    };
                    quote!(.writer_config(#c))
                }
                other => {
                    self.unsupported(f.key_span, other, "`ResultWriter`");
                    continue;
                }
            };
            calls.push(call);
        }
        quote!(#p::core::ResultWriter::builder() #(#calls)* .build())
    }

    /// An enum written as its ASL name (`"GIVEN"`), or `(expr)`.
    fn enum_value(
        &mut self,
        v: &Node,
        key: &str,
        ty: TokenStream,
        names: &[(&str, &str)],
    ) -> TokenStream {
        if let Node::Expr(e, _) = v {
            return quote!((#e));
        }
        let text = v.as_text();
        if let Some((_, variant)) = names.iter().find(|(n, _)| Some(*n) == text.as_deref()) {
            let variant = format_ident!("{}", variant);
            return quote!(#ty::#variant);
        }
        let expected: Vec<String> = names.iter().map(|(n, _)| format!("`\"{n}\"`")).collect();
        self.err(
            v.span(),
            format!("expected one of {} for `{key}`", expected.join(", ")),
        );
        let variant = format_ident!("{}", names.first().map_or("Comma", |(_, v)| *v));
        quote!(#ty::#variant)
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

    fn retrier(&mut self, v: &Node) -> TokenStream {
        let p = p();
        let mut calls = Vec::new();
        for f in self.fields_of(v, "a retrier") {
            let v = &f.value;
            let call = match f.key.as_str() {
                "ErrorEquals" => {
                    let e = self.error_equals(v);
                    quote!(.error_equals(#e))
                }
                "IntervalSeconds" | "MaxAttempts" | "MaxDelaySeconds" => {
                    let n = format_ident!("{}", snake(&f.key));
                    let u = self.u64(v);
                    quote!(.#n(#u))
                }
                "BackoffRate" => {
                    let r = match v {
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
                            self.err(other.span(), "expected a number for `BackoffRate`");
                            quote!(2.0)
                        }
                    };
                    quote!(.backoff_rate(#r))
                }
                "JitterStrategy" => {
                    let j = match v.as_text().as_deref() {
                        Some("FULL") => quote!(#p::core::JitterStrategy::Full),
                        Some("NONE") => quote!(#p::core::JitterStrategy::None),
                        _ => {
                            self.err(
                                v.span(),
                                "expected `\"FULL\"` or `\"NONE\"` for `JitterStrategy`",
                            );
                            continue;
                        }
                    };
                    quote!(.jitter_strategy(#j))
                }
                "Comment" => {
                    let s = self.string(v);
                    quote!(.comment(#s))
                }
                other => {
                    self.unsupported(f.key_span, other, "a retrier");
                    continue;
                }
            };
            calls.push(call);
        }
        quote!(#p::core::Retrier::builder() #(#calls)* .build())
    }

    fn catcher(&mut self, v: &Node) -> TokenStream {
        let p = p();
        let mut calls = Vec::new();
        for f in self.fields_of(v, "a catcher") {
            let v = &f.value;
            let call = match f.key.as_str() {
                "ErrorEquals" => {
                    let e = self.error_equals(v);
                    quote!(.error_equals(#e))
                }
                "Next" => {
                    let n = self.name(v);
                    quote!(.next(#n))
                }
                "ResultPath" => {
                    let r = self.path(v, "ReferencePath");
                    quote!(.result_path(#r))
                }
                "Output" => {
                    let j = self.json(v);
                    quote!(.output(#j))
                }
                "Assign" => {
                    let j = self.json(v);
                    quote!(.assign(#p::assign(#j)))
                }
                "Comment" => {
                    let s = self.string(v);
                    quote!(.comment(#s))
                }
                other => {
                    self.unsupported(f.key_span, other, "a catcher");
                    continue;
                }
            };
            calls.push(call);
        }
        quote!(#p::core::Catcher::builder() #(#calls)* .build())
    }

    fn choice_rule(&mut self, v: &Node) -> TokenStream {
        let p = p();
        let span = v.span();
        let mut calls = Vec::new();
        let mut expr_fields = Vec::new();
        for f in self.fields_of(v, "a choice rule") {
            let v = &f.value;
            match f.key.as_str() {
                "Next" => {
                    let n = self.name(v);
                    calls.push(quote!(.next(#n)));
                }
                "Comment" => {
                    let s = self.string(v);
                    calls.push(quote!(.comment(#s)));
                }
                "Output" => {
                    let j = self.json(v);
                    calls.push(quote!(.output(#j)));
                }
                "Assign" => {
                    let j = self.json(v);
                    calls.push(quote!(.assign(#p::assign(#j))));
                }
                "Condition" => {
                    let c = match v {
                        Node::Bool(b, _) => quote!(#p::core::Dynamic::Value(#b)),
                        Node::Str(l) => quote!(#p::dynamic(#l)),
                        Node::Expr(e, _) => quote!(#p::core::Dynamic::Value(#e)),
                        other => {
                            self.err(other.span(), "expected a `{% .. %}` string for `Condition`");
                            quote!(#p::core::Dynamic::Value(true))
                        }
                    };
                    calls.push(quote!(.condition(#p::core::Condition::Jsonata(#c))));
                }
                _ => expr_fields.push(f),
            }
        }
        if !expr_fields.is_empty() {
            let e = self.bool_expr(&expr_fields, span);
            calls.push(quote!(.condition(#p::core::Condition::JsonPath(#e))));
        }
        quote!(#p::core::ChoiceRule::builder() #(#calls)* .build())
    }

    /// A JSONPath Choice rule: `And`/`Or`/`Not`, or `Variable` and one comparator.
    fn bool_expr(&mut self, fields: &[&Field], span: Span) -> TokenStream {
        let p = p();
        let mut variable = None;
        let mut out = None;
        for f in fields {
            let v = &f.value;
            match f.key.as_str() {
                "Variable" => variable = Some(self.path(v, "Path")),
                "And" | "Or" => {
                    let op = format_ident!("{}", f.key);
                    let items = self.list(v, &f.key, |s, n| {
                        let e = s.nested(n);
                        quote!(#p::core::NestedRule::from(#e))
                    });
                    out = Some(quote!(#p::core::BoolExpr::#op(::std::vec![#(#items),*])));
                }
                "Not" => {
                    let e = self.nested(v);
                    out = Some(
                        quote!(#p::core::BoolExpr::Not(::std::boxed::Box::new(#p::core::NestedRule::from(#e)))),
                    );
                }
                op => match self.comparator(op, v) {
                    Some(c) => out = Some(c),
                    None => self.unsupported(f.key_span, op, "a choice rule"),
                },
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

    /// `Comparator::Name(value)`, typed by the operator's name.
    fn comparator(&mut self, op: &str, v: &Node) -> Option<TokenStream> {
        let p = p();
        const OPS: &[&str] = &[
            "StringEquals",
            "StringLessThan",
            "StringGreaterThan",
            "StringLessThanEquals",
            "StringGreaterThanEquals",
            "NumericEquals",
            "NumericLessThan",
            "NumericGreaterThan",
            "NumericLessThanEquals",
            "NumericGreaterThanEquals",
            "BooleanEquals",
            "TimestampEquals",
            "TimestampLessThan",
            "TimestampGreaterThan",
            "TimestampLessThanEquals",
            "TimestampGreaterThanEquals",
        ];
        const TESTS: &[&str] = &[
            "StringMatches",
            "IsNull",
            "IsPresent",
            "IsNumeric",
            "IsString",
            "IsBoolean",
            "IsTimestamp",
        ];
        let base = op.strip_suffix("Path").unwrap_or(op);
        if !(OPS.contains(&base) || (TESTS.contains(&op))) {
            return None;
        }
        let variant = format_ident!("{}", op);
        let value = if op.ends_with("Path") && OPS.contains(&base) {
            self.path(v, "ReferencePath")
        } else if op.starts_with("String") || op.starts_with("Timestamp") {
            let s = self.string(v);
            quote!(::std::string::String::from(#s))
        } else if op.starts_with("Numeric") {
            match v {
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
            }
        } else {
            match v {
                Node::Bool(b, _) => quote!(#b),
                Node::Expr(e, _) => quote!((#e)),
                other => {
                    self.err(
                        other.span(),
                        format!("expected `true` or `false` for `{op}`"),
                    );
                    quote!(true)
                }
            }
        };
        Some(quote!(#p::core::Comparator::#variant(#value)))
    }

    // ---- scalar values ----

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

    /// A field of the model's "value or `*Path`" enums, named after the
    /// field with variants `Foo` and `FooPath` (`MaxItems`, `MaxItemsPerBatch`,
    /// `ToleratedFailureCount`, …): returns the setter name and
    /// `core::Foo::Foo(literal)` or `core::Foo::FooPath(path)`.
    fn value_or_path(
        &mut self,
        key: &str,
        v: &Node,
        literal: fn(&mut Self, &Node) -> TokenStream,
    ) -> (String, TokenStream) {
        let p = p();
        let base = key.strip_suffix("Path").unwrap_or(key);
        let ty = format_ident!("{}", base);
        let variant = format_ident!("{}", key);
        let value = if key.ends_with("Path") {
            self.path(v, "ReferencePath")
        } else {
            literal(self, v)
        };
        (snake(base), quote!(#p::core::#ty::#variant(#value)))
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
