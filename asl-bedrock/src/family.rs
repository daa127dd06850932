//! Model families as types, so that a request body can only be sent to a
//! model of its own family.
//!
//! Each [`ModelFamily`] has a marker type here (`family::AnthropicMessages`,
//! `family::CohereCommand`, …). A [`Model<F>`] is a model id known to be of
//! family `F` (see the constants in [`crate::models`]), and
//! [`InvokeModel::typed`](crate::InvokeModel::typed) takes a `Model<F>`
//! and a body implementing [`BodyFor<F>`]: a Claude body for a Cohere model
//! does not compile.
//!
//! ```
//! use asl_bedrock::models::anthropic;
//! use asl_bedrock::{ClaudeMessages, InvokeModel, Message};
//! let invoke = InvokeModel::typed(
//!     anthropic::CLAUDE_3_HAIKU,
//!     ClaudeMessages::new(512, vec![Message::user("Hello")]),
//! );
//! assert_eq!(invoke.model_id.as_static(), Some("anthropic.claude-3-haiku-20240307-v1:0"));
//! ```
//!
//! ```compile_fail
//! use asl_bedrock::models::cohere;
//! use asl_bedrock::{ClaudeMessages, InvokeModel, Message};
//! // error: a `ClaudeMessages` body cannot be sent to a `CohereCommand` model
//! let invoke = InvokeModel::typed(
//!     cohere::COMMAND_TEXT,
//!     ClaudeMessages::new(512, vec![Message::user("Hello")]),
//! );
//! ```
//!
//! Model ids only known at run time (`ModelId::path`, `ModelId::jsonata`)
//! keep the untyped [`InvokeModel::builder`](crate::InvokeModel::builder).

use crate::invoke::ModelId;
use crate::models::{ModelBody, PromptBody};
use crate::{ClaudeMessages, NovaMessages, TitanEmbeddings};
use asl_model::Dynamic;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A [`ModelFamily`] as a type (the marker types of this module).
pub trait Family {
    /// The family.
    const FAMILY: ModelFamily;
}

macro_rules! families {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// A family of Bedrock models sharing one request/response format.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ModelFamily {$(
            $(#[$doc])*
            $name,
        )*}

        $(
            $(#[$doc])*
            ///
            #[doc = concat!("The marker type of [`ModelFamily::", stringify!($name), "`].")]
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct $name;

            impl Family for $name {
                const FAMILY: ModelFamily = ModelFamily::$name;
            }
        )*
    };
}

families! {
    /// Anthropic Claude Messages API (`anthropic.claude-3*`, `-4*`, …).
    AnthropicMessages,
    /// Anthropic legacy text completions (`anthropic.claude-v2`, `claude-instant`).
    AnthropicText,
    /// Amazon Titan Text (`amazon.titan-text-*`).
    TitanText,
    /// Amazon Titan Embeddings G1 (`amazon.titan-embed-text-v1`).
    TitanEmbeddingsV1,
    /// Amazon Titan Embeddings V2 (`amazon.titan-embed-text-v2:0`).
    TitanEmbeddingsV2,
    /// Amazon Nova understanding models (`amazon.nova-micro/lite/pro/premier`, Nova 2).
    Nova,
    /// Cohere Command (`cohere.command-text-v14`, `command-light-text-v14`).
    CohereCommand,
    /// Cohere Command R / R+ (`cohere.command-r-*`).
    CohereCommandR,
    /// Cohere Embed (`cohere.embed-*`).
    CohereEmbed,
    /// Meta Llama (`meta.llama*`).
    Llama,
    /// Mistral text completions (`mistral.mistral-7b…`, `mixtral…`, `mistral-large-2402`, `-small-2402`).
    Mistral,
    /// Mistral Large 2 chat (`mistral.mistral-large-2407-v1:0`).
    MistralChat,
}

/// A request body that a model of family `F` accepts.
///
/// Implemented by [`ClaudeMessages`] (for [`AnthropicMessages`]),
/// [`crate::TitanText`] (for [`TitanText`]),
/// [`TitanEmbeddings`] (for [`TitanEmbeddingsV1`] and
/// [`TitanEmbeddingsV2`]), [`NovaMessages`] (for [`Nova`]) and
/// [`Prompt<F>`] (for [`CohereCommand`], [`CohereCommandR`], [`Llama`] and
/// [`Mistral`]).
#[diagnostic::on_unimplemented(
    message = "a `{Self}` body cannot be sent to a `{F}` model",
    label = "this body is not a request of the model's family `{F}`",
    note = "the model id fixes the family; use the body type of that family (e.g. `ClaudeMessages` for `family::AnthropicMessages`, `Prompt<family::CohereCommand>` for Cohere Command), or the untyped `InvokeModel::builder()`"
)]
pub trait BodyFor<F: Family> {
    /// The body as a JSONPath payload template.
    fn body(&self) -> Value;
}

impl BodyFor<AnthropicMessages> for ClaudeMessages {
    fn body(&self) -> Value {
        ModelBody::to_body(self)
    }
}

impl BodyFor<TitanText> for crate::TitanText {
    fn body(&self) -> Value {
        ModelBody::to_body(self)
    }
}

impl BodyFor<TitanEmbeddingsV1> for TitanEmbeddings {
    fn body(&self) -> Value {
        ModelBody::to_body(self)
    }
}

impl BodyFor<TitanEmbeddingsV2> for TitanEmbeddings {
    fn body(&self) -> Value {
        ModelBody::to_body(self)
    }
}

impl BodyFor<Nova> for NovaMessages {
    fn body(&self) -> Value {
        ModelBody::to_body(self)
    }
}

/// A family whose body is a prompt string ([`PromptBody`]).
pub trait PromptFamily: Family {}

impl PromptFamily for CohereCommand {}
impl PromptFamily for CohereCommandR {}
impl PromptFamily for Llama {}
impl PromptFamily for Mistral {}

/// A [`PromptBody`] bound to its family at the type level.
///
/// ```
/// use asl_bedrock::family::{CohereCommand, Prompt};
/// use asl_bedrock::models::cohere;
/// use asl_bedrock::{Dynamic, InvokeModel};
/// use serde_json::json;
/// let invoke = InvokeModel::typed(
///     cohere::COMMAND_TEXT,
///     Prompt::<CohereCommand>::new(Dynamic::path("$.prompt_one")).max_tokens(250),
/// );
/// assert_eq!(
///     invoke.request(asl_core::QueryLanguage::JsonPath),
///     json!({"ModelId": "cohere.command-text-v14", "Body": {"prompt.$": "$.prompt_one", "max_tokens": 250}})
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt<F: PromptFamily> {
    body: PromptBody,
    family: PhantomData<fn() -> F>,
}

impl<F: PromptFamily> Prompt<F> {
    /// A body with the required prompt.
    pub fn new(prompt: impl Into<Dynamic<String>>) -> Self {
        Prompt {
            body: PromptBody::of_family(F::FAMILY, prompt),
            family: PhantomData,
        }
    }

    /// Sets the output length limit.
    pub fn max_tokens(mut self, n: u32) -> Self {
        self.body.max_tokens = Some(n);
        self
    }

    /// Sets `temperature`.
    pub fn temperature(mut self, t: f64) -> Self {
        self.body.temperature = Some(t);
        self
    }

    /// The untyped body (to set `extra` fields, …).
    pub fn body_mut(&mut self) -> &mut PromptBody {
        &mut self.body
    }

    /// The untyped body.
    pub fn into_inner(self) -> PromptBody {
        self.body
    }
}

impl<F: PromptFamily> BodyFor<F> for Prompt<F> {
    fn body(&self) -> Value {
        self.body.to_body()
    }
}

impl<F: PromptFamily> From<Prompt<F>> for crate::ModelInput {
    fn from(p: Prompt<F>) -> Self {
        p.body.into()
    }
}

/// A model id of family `F`: a foundation model id, an inference profile
/// id or a model ARN.
///
/// The constants in [`crate::models`] cover the usual models;
/// [`Model::new`] checks another id against the family, and
/// [`Model::assume`] takes an id whose family cannot be told from it (a
/// provisioned or custom model ARN).
///
/// ```
/// use asl_bedrock::family::{AnthropicMessages, Model, Nova};
/// assert!(Model::<AnthropicMessages>::new("us.anthropic.claude-3-5-sonnet-20240620-v1:0").is_ok());
/// let err = Model::<Nova>::new("cohere.command-text-v14").unwrap_err();
/// assert_eq!(err.to_string(), "model 'cohere.command-text-v14' is of family CohereCommand, not Nova");
/// let provisioned = Model::<Nova>::assume("arn:aws:bedrock:us-east-2:123456789012:provisioned-model/c2oi931ulksx");
/// ```
pub struct Model<F: Family> {
    id: Cow<'static, str>,
    family: PhantomData<fn() -> F>,
}

impl<F: Family> Model<F> {
    /// A model of the catalogue (a literal id of family `F`).
    pub const fn from_static(id: &'static str) -> Self {
        Model {
            id: Cow::Borrowed(id),
            family: PhantomData,
        }
    }

    /// An id whose family, told from its prefix, is `F`.
    pub fn new(id: impl Into<String>) -> Result<Self, WrongModelFamily> {
        let id = id.into();
        match ModelFamily::of(&id) {
            Some(f) if f == F::FAMILY => Ok(Model {
                id: Cow::Owned(id),
                family: PhantomData,
            }),
            found => Err(WrongModelFamily {
                id,
                expected: F::FAMILY,
                found,
            }),
        }
    }

    /// An id taken to be of family `F` without a check (a provisioned,
    /// custom or imported model ARN, an application inference profile).
    pub fn assume(id: impl Into<String>) -> Self {
        Model {
            id: Cow::Owned(id.into()),
            family: PhantomData,
        }
    }

    /// The id, when it is a catalogue constant.
    pub(crate) fn static_id(&self) -> Option<&'static str> {
        match self.id {
            Cow::Borrowed(s) => Some(s),
            Cow::Owned(_) => None,
        }
    }

    /// The id or ARN.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The family.
    pub fn family(&self) -> ModelFamily {
        F::FAMILY
    }
}

impl<F: Family> Clone for Model<F> {
    fn clone(&self) -> Self {
        Model {
            id: self.id.clone(),
            family: PhantomData,
        }
    }
}

impl<F: Family> PartialEq for Model<F> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<F: Family> Eq for Model<F> {}

impl<F: Family> fmt::Debug for Model<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("id", &self.id)
            .field("family", &F::FAMILY)
            .finish()
    }
}

impl<F: Family> fmt::Display for Model<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl<F: Family> From<Model<F>> for ModelId {
    fn from(m: Model<F>) -> Self {
        ModelId::from(m.id.as_ref())
    }
}

/// A model id given to [`Model::new`] that is not of the expected family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongModelFamily {
    /// The id.
    pub id: String,
    /// The family of the `Model<F>`.
    pub expected: ModelFamily,
    /// The family of the id, when known.
    pub found: Option<ModelFamily>,
}

impl fmt::Display for WrongModelFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.found {
            Some(found) => write!(
                f,
                "model '{}' is of family {found:?}, not {:?}",
                self.id, self.expected
            ),
            None => write!(
                f,
                "the family of model '{}' is unknown (expected {:?}); use Model::assume for provisioned or custom model ARNs",
                self.id, self.expected
            ),
        }
    }
}

impl std::error::Error for WrongModelFamily {}
