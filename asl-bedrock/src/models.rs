//! Model families and typed request bodies for InvokeModel.
//!
//! Each body is typed but open: `extra` keeps any field the type does not
//! name. Text inputs are [`Dynamic`]s, so a prompt can come from the state
//! input (`"prompt.$": "$.prompt"`). Each family knows where its answer is
//! in the Task result ([`ModelFamily::text_path`]).
//!
//! The submodules ([`anthropic`], [`amazon`], [`cohere`], [`meta`],
//! [`mistral`]) name the usual model ids as typed [`Model`]s, for
//! [`InvokeModel::typed`](crate::InvokeModel::typed), which only accepts a
//! body of the model's family.

use crate::family::Model;
use crate::invoke::ModelInput;
use asl_model::integration::RequestWriter;
use asl_model::Dynamic;
use asl_model::QueryLanguage;
use serde_json::{Map, Value};

pub use crate::family::ModelFamily;

impl ModelFamily {
    /// The family of a model id, inference profile id or model ARN; `None`
    /// when unknown (or dynamic).
    ///
    /// ```
    /// use asl_bedrock::ModelFamily;
    /// assert_eq!(ModelFamily::of("cohere.command-text-v14"), Some(ModelFamily::CohereCommand));
    /// assert_eq!(ModelFamily::of("us.anthropic.claude-3-5-sonnet-20240620-v1:0"), Some(ModelFamily::AnthropicMessages));
    /// assert_eq!(
    ///     ModelFamily::of("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"),
    ///     Some(ModelFamily::TitanEmbeddingsV2)
    /// );
    /// assert_eq!(ModelFamily::of("arn:aws:bedrock:us-east-2:123456789012:provisioned-model/c2oi931ulksx"), None);
    /// ```
    pub fn of(model: &str) -> Option<Self> {
        let id = if model.starts_with("arn:") {
            crate::arn::bedrock_id(model)?
        } else {
            model
        };
        let id = crate::arn::strip_profile_prefix(id).unwrap_or(id);
        let f = if id.starts_with("anthropic.claude-v2")
            || id.starts_with("anthropic.claude-instant")
        {
            ModelFamily::AnthropicText
        } else if id.starts_with("anthropic.claude") {
            ModelFamily::AnthropicMessages
        } else if id.starts_with("amazon.titan-text") {
            ModelFamily::TitanText
        } else if id.starts_with("amazon.titan-embed-text-v1") {
            ModelFamily::TitanEmbeddingsV1
        } else if id.starts_with("amazon.titan-embed-text-v2") {
            ModelFamily::TitanEmbeddingsV2
        } else if id.starts_with("amazon.nova-")
            && !id.starts_with("amazon.nova-canvas")
            && !id.starts_with("amazon.nova-reel")
            && !id.starts_with("amazon.nova-sonic")
        {
            ModelFamily::Nova
        } else if id.starts_with("cohere.command-r") {
            ModelFamily::CohereCommandR
        } else if id.starts_with("cohere.command") {
            ModelFamily::CohereCommand
        } else if id.starts_with("cohere.embed") {
            ModelFamily::CohereEmbed
        } else if id.starts_with("meta.llama") {
            ModelFamily::Llama
        } else if id.starts_with("mistral.mistral-large-2407") {
            ModelFamily::MistralChat
        } else if id.starts_with("mistral.") {
            ModelFamily::Mistral
        } else {
            return None;
        };
        Some(f)
    }

    /// Where the generated text (or the embedding) is in the Task result,
    /// as a JSONPath for a `ResultSelector`.
    ///
    /// ```
    /// use asl_bedrock::ModelFamily;
    /// assert_eq!(ModelFamily::CohereCommand.text_path(), "$.Body.generations[0].text");
    /// assert_eq!(ModelFamily::AnthropicMessages.text_path(), "$.Body.content[0].text");
    /// ```
    pub fn text_path(self) -> &'static str {
        match self {
            ModelFamily::AnthropicMessages => "$.Body.content[0].text",
            ModelFamily::AnthropicText => "$.Body.completion",
            ModelFamily::TitanText => "$.Body.results[0].outputText",
            ModelFamily::TitanEmbeddingsV1 | ModelFamily::TitanEmbeddingsV2 => "$.Body.embedding",
            ModelFamily::Nova => "$.Body.output.message.content[0].text",
            ModelFamily::CohereCommand => "$.Body.generations[0].text",
            ModelFamily::CohereCommandR => "$.Body.text",
            ModelFamily::CohereEmbed => "$.Body.embeddings",
            ModelFamily::Llama => "$.Body.generation",
            ModelFamily::Mistral => "$.Body.outputs[0].text",
            ModelFamily::MistralChat => "$.Body.choices[0].message.content",
        }
    }

    /// The fields a request body of this family must have, as the model
    /// providers' parameter pages for Bedrock list them (the typed bodies
    /// always write them).
    ///
    /// ```
    /// use asl_bedrock::ModelFamily;
    /// assert_eq!(ModelFamily::AnthropicMessages.required_body_fields(), ["anthropic_version", "max_tokens", "messages"]);
    /// ```
    pub fn required_body_fields(self) -> &'static [&'static str] {
        match self {
            ModelFamily::AnthropicMessages => &["anthropic_version", "max_tokens", "messages"],
            ModelFamily::AnthropicText => &["prompt", "max_tokens_to_sample"],
            ModelFamily::TitanText
            | ModelFamily::TitanEmbeddingsV1
            | ModelFamily::TitanEmbeddingsV2 => &["inputText"],
            ModelFamily::Nova | ModelFamily::MistralChat => &["messages"],
            ModelFamily::CohereCommand | ModelFamily::Llama | ModelFamily::Mistral => &["prompt"],
            ModelFamily::CohereCommandR => &["message"],
            ModelFamily::CohereEmbed => &["input_type"],
        }
    }

    /// The same location as a JSONata expression (for a JSONata `Output`
    /// or `Assign`).
    ///
    /// ```
    /// use asl_bedrock::ModelFamily;
    /// assert_eq!(ModelFamily::TitanText.text_jsonata(), "{% $states.result.Body.results[0].outputText %}");
    /// ```
    pub fn text_jsonata(self) -> String {
        let rest = self.text_path().strip_prefix('$').unwrap_or_default();
        format!("{{% $states.result{rest} %}}")
    }
}

/// A typed InvokeModel request body of one [`ModelFamily`].
pub trait ModelBody {
    /// The family the body is for.
    const FAMILY: ModelFamily;

    /// The body as a JSONPath payload template (`key.$` for paths;
    /// rewritten to `{% %}` when the Task is a JSONata one).
    fn to_body(&self) -> Value;
}

fn obj(extra: &Map<String, Value>) -> Map<String, Value> {
    extra.clone()
}

fn text(m: &mut Map<String, Value>, key: &str, f: &Dynamic<String>) {
    let mut w = RequestWriter::new(QueryLanguage::JsonPath);
    w.put(key, f);
    m.extend(w.into_map());
}

fn opt<T: Into<Value> + Clone>(m: &mut Map<String, Value>, key: &str, v: &Option<T>) {
    if let Some(v) = v {
        m.insert(key.to_string(), v.clone().into());
    }
}

macro_rules! into_input {
    ($($t:ty),*) => {$(
        impl From<$t> for ModelInput {
            fn from(b: $t) -> Self {
                ModelInput::Body(Dynamic::Value(b.to_body()))
            }
        }
    )*};
}

/// A chat message (`role` and text `content`).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// `user` or `assistant`.
    pub role: Role,
    /// The text.
    pub content: Dynamic<String>,
}

impl Message {
    /// A user message.
    pub fn user(content: impl Into<Dynamic<String>>) -> Self {
        Message {
            role: Role::User,
            content: content.into(),
        }
    }

    /// An assistant message.
    pub fn assistant(content: impl Into<Dynamic<String>>) -> Self {
        Message {
            role: Role::Assistant,
            content: content.into(),
        }
    }
}

/// The author of a [`Message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `user`.
    User,
    /// `assistant`.
    Assistant,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

/// Anthropic Claude Messages body.
///
/// ```
/// use asl_bedrock::{ClaudeMessages, Dynamic, Message, ModelBody};
/// use serde_json::json;
/// let body = ClaudeMessages::new(512, vec![Message::user(Dynamic::path("$.prompt"))]);
/// assert_eq!(body.to_body(), json!({
///     "anthropic_version": "bedrock-2023-05-31",
///     "max_tokens": 512,
///     "messages": [{"role": "user", "content.$": "$.prompt"}]
/// }));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ClaudeMessages {
    /// `max_tokens` (required).
    pub max_tokens: u32,
    /// `messages` (required).
    pub messages: Vec<Message>,
    /// `system`.
    pub system: Option<Dynamic<String>>,
    /// `temperature` (0–1).
    pub temperature: Option<f64>,
    /// `top_p`.
    pub top_p: Option<f64>,
    /// `top_k`.
    pub top_k: Option<u32>,
    /// Other fields (`stop_sequences`, `tools`, `thinking`, …).
    pub extra: Map<String, Value>,
}

impl ClaudeMessages {
    /// A body with the required fields.
    pub fn new(max_tokens: u32, messages: Vec<Message>) -> Self {
        ClaudeMessages {
            max_tokens,
            messages,
            system: None,
            temperature: None,
            top_p: None,
            top_k: None,
            extra: Map::new(),
        }
    }
}

fn messages(list: &[Message]) -> Value {
    Value::Array(
        list.iter()
            .map(|msg| {
                let mut m = Map::new();
                m.insert(
                    "role".to_string(),
                    Value::String(msg.role.as_str().to_string()),
                );
                text(&mut m, "content", &msg.content);
                Value::Object(m)
            })
            .collect(),
    )
}

impl ModelBody for ClaudeMessages {
    const FAMILY: ModelFamily = ModelFamily::AnthropicMessages;
    fn to_body(&self) -> Value {
        let mut m = Map::new();
        m.insert(
            "anthropic_version".to_string(),
            Value::String("bedrock-2023-05-31".to_string()),
        );
        m.insert("max_tokens".to_string(), self.max_tokens.into());
        m.insert("messages".to_string(), messages(&self.messages));
        if let Some(s) = &self.system {
            text(&mut m, "system", s);
        }
        opt(&mut m, "temperature", &self.temperature);
        opt(&mut m, "top_p", &self.top_p);
        opt(&mut m, "top_k", &self.top_k);
        m.extend(obj(&self.extra));
        Value::Object(m)
    }
}

/// Amazon Titan Text body.
///
/// ```
/// use asl_bedrock::{Dynamic, ModelBody, TitanText};
/// use serde_json::json;
/// let mut body = TitanText::new(Dynamic::path("$.prompt"));
/// body.max_token_count = Some(512);
/// assert_eq!(body.to_body(), json!({"inputText.$": "$.prompt", "textGenerationConfig": {"maxTokenCount": 512}}));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TitanText {
    /// `inputText` (required).
    pub input_text: Dynamic<String>,
    /// `textGenerationConfig.maxTokenCount`.
    pub max_token_count: Option<u32>,
    /// `textGenerationConfig.temperature`.
    pub temperature: Option<f64>,
    /// `textGenerationConfig.topP`.
    pub top_p: Option<f64>,
    /// `textGenerationConfig.stopSequences`.
    pub stop_sequences: Vec<String>,
    /// Other fields.
    pub extra: Map<String, Value>,
}

impl TitanText {
    /// A body with the required field.
    pub fn new(input_text: impl Into<Dynamic<String>>) -> Self {
        TitanText {
            input_text: input_text.into(),
            max_token_count: None,
            temperature: None,
            top_p: None,
            stop_sequences: Vec::new(),
            extra: Map::new(),
        }
    }
}

impl ModelBody for TitanText {
    const FAMILY: ModelFamily = ModelFamily::TitanText;
    fn to_body(&self) -> Value {
        let mut m = Map::new();
        text(&mut m, "inputText", &self.input_text);
        let mut c = Map::new();
        opt(&mut c, "temperature", &self.temperature);
        opt(&mut c, "topP", &self.top_p);
        opt(&mut c, "maxTokenCount", &self.max_token_count);
        if !self.stop_sequences.is_empty() {
            c.insert(
                "stopSequences".to_string(),
                self.stop_sequences.clone().into(),
            );
        }
        if !c.is_empty() {
            m.insert("textGenerationConfig".to_string(), Value::Object(c));
        }
        m.extend(obj(&self.extra));
        Value::Object(m)
    }
}

/// Amazon Titan Embeddings body (G1 takes `inputText` only; V2 also
/// `dimensions` and `normalize`).
///
/// ```
/// use asl_bedrock::{Dynamic, ModelBody, TitanEmbeddings};
/// use serde_json::json;
/// let mut body = TitanEmbeddings::new(Dynamic::path("$.text"));
/// body.dimensions = Some(512);
/// assert_eq!(body.to_body(), json!({"inputText.$": "$.text", "dimensions": 512}));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TitanEmbeddings {
    /// `inputText` (required).
    pub input_text: Dynamic<String>,
    /// `dimensions` (V2: 1024, 512 or 256).
    pub dimensions: Option<u32>,
    /// `normalize` (V2).
    pub normalize: Option<bool>,
    /// Other fields (`embeddingTypes`, …).
    pub extra: Map<String, Value>,
}

impl TitanEmbeddings {
    /// A body with the required field.
    pub fn new(input_text: impl Into<Dynamic<String>>) -> Self {
        TitanEmbeddings {
            input_text: input_text.into(),
            dimensions: None,
            normalize: None,
            extra: Map::new(),
        }
    }
}

impl ModelBody for TitanEmbeddings {
    const FAMILY: ModelFamily = ModelFamily::TitanEmbeddingsV2;
    fn to_body(&self) -> Value {
        let mut m = Map::new();
        text(&mut m, "inputText", &self.input_text);
        opt(&mut m, "dimensions", &self.dimensions);
        opt(&mut m, "normalize", &self.normalize);
        m.extend(obj(&self.extra));
        Value::Object(m)
    }
}

/// Amazon Nova (messages-v1) body.
///
/// ```
/// use asl_bedrock::{Message, ModelBody, NovaMessages};
/// use serde_json::json;
/// let mut body = NovaMessages::new(vec![Message::user("Hello")]);
/// body.max_tokens = Some(300);
/// assert_eq!(body.to_body(), json!({
///     "messages": [{"role": "user", "content": [{"text": "Hello"}]}],
///     "inferenceConfig": {"maxTokens": 300}
/// }));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NovaMessages {
    /// `messages` (required); each content is one text block.
    pub messages: Vec<Message>,
    /// `system`: one text block.
    pub system: Option<Dynamic<String>>,
    /// `inferenceConfig.maxTokens`.
    pub max_tokens: Option<u32>,
    /// `inferenceConfig.temperature`.
    pub temperature: Option<f64>,
    /// `inferenceConfig.topP`.
    pub top_p: Option<f64>,
    /// Other fields (`toolConfig`, …).
    pub extra: Map<String, Value>,
}

impl NovaMessages {
    /// A body with the required field.
    pub fn new(messages: Vec<Message>) -> Self {
        NovaMessages {
            messages,
            system: None,
            max_tokens: None,
            temperature: None,
            top_p: None,
            extra: Map::new(),
        }
    }
}

fn text_block(f: &Dynamic<String>) -> Value {
    let mut b = Map::new();
    text(&mut b, "text", f);
    Value::Array(vec![Value::Object(b)])
}

impl ModelBody for NovaMessages {
    const FAMILY: ModelFamily = ModelFamily::Nova;
    fn to_body(&self) -> Value {
        let mut m = Map::new();
        let list = self
            .messages
            .iter()
            .map(|msg| {
                let mut o = Map::new();
                o.insert(
                    "role".to_string(),
                    Value::String(msg.role.as_str().to_string()),
                );
                o.insert("content".to_string(), text_block(&msg.content));
                Value::Object(o)
            })
            .collect();
        m.insert("messages".to_string(), Value::Array(list));
        if let Some(s) = &self.system {
            m.insert("system".to_string(), text_block(s));
        }
        let mut c = Map::new();
        opt(&mut c, "maxTokens", &self.max_tokens);
        opt(&mut c, "temperature", &self.temperature);
        opt(&mut c, "topP", &self.top_p);
        if !c.is_empty() {
            m.insert("inferenceConfig".to_string(), Value::Object(c));
        }
        m.extend(obj(&self.extra));
        Value::Object(m)
    }
}

/// A body whose only required field is a prompt string: Cohere Command
/// (`prompt`, `max_tokens`), Cohere Command R (`message`, `max_tokens`),
/// Meta Llama (`prompt`, `max_gen_len`) and Mistral (`prompt`, `max_tokens`).
///
/// ```
/// use asl_bedrock::{Dynamic, ModelFamily, PromptBody};
/// use serde_json::json;
/// let body = PromptBody::cohere_command(Dynamic::path("$.prompt_one")).max_tokens(250);
/// assert_eq!(body.to_body(), json!({"prompt.$": "$.prompt_one", "max_tokens": 250}));
/// assert_eq!(body.family(), ModelFamily::CohereCommand);
/// let llama = PromptBody::llama("Hi").max_tokens(100);
/// assert_eq!(llama.to_body(), json!({"prompt": "Hi", "max_gen_len": 100}));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PromptBody {
    family: ModelFamily,
    /// The prompt (`prompt`, or `message` for Command R).
    pub prompt: Dynamic<String>,
    /// The output length limit (`max_tokens`, or `max_gen_len` for Llama).
    pub max_tokens: Option<u32>,
    /// `temperature`.
    pub temperature: Option<f64>,
    /// Other fields.
    pub extra: Map<String, Value>,
}

impl PromptBody {
    pub(crate) fn of_family(family: ModelFamily, prompt: impl Into<Dynamic<String>>) -> Self {
        PromptBody {
            family,
            prompt: prompt.into(),
            max_tokens: None,
            temperature: None,
            extra: Map::new(),
        }
    }

    /// Cohere Command (`cohere.command-text-v14`).
    pub fn cohere_command(prompt: impl Into<Dynamic<String>>) -> Self {
        Self::of_family(ModelFamily::CohereCommand, prompt)
    }

    /// Cohere Command R / R+ (the prompt goes to `message`).
    pub fn cohere_command_r(message: impl Into<Dynamic<String>>) -> Self {
        Self::of_family(ModelFamily::CohereCommandR, message)
    }

    /// Meta Llama (the prompt must follow the model's chat template).
    pub fn llama(prompt: impl Into<Dynamic<String>>) -> Self {
        Self::of_family(ModelFamily::Llama, prompt)
    }

    /// Mistral text completion (`<s>[INST] … [/INST]`).
    pub fn mistral(prompt: impl Into<Dynamic<String>>) -> Self {
        Self::of_family(ModelFamily::Mistral, prompt)
    }

    /// Sets the output length limit.
    pub fn max_tokens(mut self, n: u32) -> Self {
        self.max_tokens = Some(n);
        self
    }

    /// The family.
    pub fn family(&self) -> ModelFamily {
        self.family
    }

    /// The body.
    pub fn to_body(&self) -> Value {
        let mut m = Map::new();
        let (prompt_key, max_key) = match self.family {
            ModelFamily::CohereCommandR => ("message", "max_tokens"),
            ModelFamily::Llama => ("prompt", "max_gen_len"),
            _ => ("prompt", "max_tokens"),
        };
        text(&mut m, prompt_key, &self.prompt);
        opt(&mut m, max_key, &self.max_tokens);
        opt(&mut m, "temperature", &self.temperature);
        m.extend(obj(&self.extra));
        Value::Object(m)
    }
}

impl From<PromptBody> for ModelInput {
    fn from(b: PromptBody) -> Self {
        ModelInput::Body(Dynamic::Value(b.to_body()))
    }
}

into_input!(ClaudeMessages, TitanText, TitanEmbeddings, NovaMessages);

macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident: $fam:ident = $id:literal;)*) => {$(
        $(#[$doc])*
        #[doc = concat!("`", $id, "`.")]
        pub const $name: Model<$fam> = Model::from_static($id);
    )*};
}

/// Anthropic model ids.
pub mod anthropic {
    use crate::family::{AnthropicMessages, AnthropicText, Model};
    catalogue! {
        /// Claude 3 Haiku:
        CLAUDE_3_HAIKU: AnthropicMessages = "anthropic.claude-3-haiku-20240307-v1:0";
        /// Claude 3 Sonnet:
        CLAUDE_3_SONNET: AnthropicMessages = "anthropic.claude-3-sonnet-20240229-v1:0";
        /// Claude 3 Opus:
        CLAUDE_3_OPUS: AnthropicMessages = "anthropic.claude-3-opus-20240229-v1:0";
        /// Claude 3.5 Haiku:
        CLAUDE_3_5_HAIKU: AnthropicMessages = "anthropic.claude-3-5-haiku-20241022-v1:0";
        /// Claude 3.5 Sonnet:
        CLAUDE_3_5_SONNET: AnthropicMessages = "anthropic.claude-3-5-sonnet-20240620-v1:0";
        /// Claude 3.5 Sonnet v2:
        CLAUDE_3_5_SONNET_V2: AnthropicMessages = "anthropic.claude-3-5-sonnet-20241022-v2:0";
        /// Claude 3.7 Sonnet:
        CLAUDE_3_7_SONNET: AnthropicMessages = "anthropic.claude-3-7-sonnet-20250219-v1:0";
        /// Claude Sonnet 4:
        CLAUDE_SONNET_4: AnthropicMessages = "anthropic.claude-sonnet-4-20250514-v1:0";
        /// Claude Opus 4:
        CLAUDE_OPUS_4: AnthropicMessages = "anthropic.claude-opus-4-20250514-v1:0";
        /// Claude 2 (text completions):
        CLAUDE_V2: AnthropicText = "anthropic.claude-v2";
        /// Claude Instant (text completions):
        CLAUDE_INSTANT: AnthropicText = "anthropic.claude-instant-v1";
    }
}

/// Amazon (Titan, Nova) model ids.
pub mod amazon {
    use crate::family::{Model, Nova, TitanEmbeddingsV1, TitanEmbeddingsV2, TitanText};
    catalogue! {
        /// Titan Text Express:
        TITAN_TEXT_EXPRESS: TitanText = "amazon.titan-text-express-v1";
        /// Titan Text Lite:
        TITAN_TEXT_LITE: TitanText = "amazon.titan-text-lite-v1";
        /// Titan Text Premier:
        TITAN_TEXT_PREMIER: TitanText = "amazon.titan-text-premier-v1:0";
        /// Titan Embeddings G1 – Text:
        TITAN_EMBED_TEXT_V1: TitanEmbeddingsV1 = "amazon.titan-embed-text-v1";
        /// Titan Text Embeddings V2:
        TITAN_EMBED_TEXT_V2: TitanEmbeddingsV2 = "amazon.titan-embed-text-v2:0";
        /// Nova Micro:
        NOVA_MICRO: Nova = "amazon.nova-micro-v1:0";
        /// Nova Lite:
        NOVA_LITE: Nova = "amazon.nova-lite-v1:0";
        /// Nova Pro:
        NOVA_PRO: Nova = "amazon.nova-pro-v1:0";
        /// Nova Premier:
        NOVA_PREMIER: Nova = "amazon.nova-premier-v1:0";
    }
}

/// Cohere model ids.
pub mod cohere {
    use crate::family::{CohereCommand, CohereCommandR, CohereEmbed, Model};
    catalogue! {
        /// Command:
        COMMAND_TEXT: CohereCommand = "cohere.command-text-v14";
        /// Command Light:
        COMMAND_LIGHT_TEXT: CohereCommand = "cohere.command-light-text-v14";
        /// Command R:
        COMMAND_R: CohereCommandR = "cohere.command-r-v1:0";
        /// Command R+:
        COMMAND_R_PLUS: CohereCommandR = "cohere.command-r-plus-v1:0";
        /// Embed English v3:
        EMBED_ENGLISH_V3: CohereEmbed = "cohere.embed-english-v3";
        /// Embed Multilingual v3:
        EMBED_MULTILINGUAL_V3: CohereEmbed = "cohere.embed-multilingual-v3";
    }
}

/// Meta Llama model ids.
pub mod meta {
    use crate::family::{Llama, Model};
    catalogue! {
        /// Llama 3 8B Instruct:
        LLAMA3_8B_INSTRUCT: Llama = "meta.llama3-8b-instruct-v1:0";
        /// Llama 3 70B Instruct:
        LLAMA3_70B_INSTRUCT: Llama = "meta.llama3-70b-instruct-v1:0";
        /// Llama 3.1 8B Instruct:
        LLAMA3_1_8B_INSTRUCT: Llama = "meta.llama3-1-8b-instruct-v1:0";
        /// Llama 3.1 70B Instruct:
        LLAMA3_1_70B_INSTRUCT: Llama = "meta.llama3-1-70b-instruct-v1:0";
    }
}

/// Mistral AI model ids.
pub mod mistral {
    use crate::family::{Mistral, MistralChat, Model};
    catalogue! {
        /// Mistral 7B Instruct:
        MISTRAL_7B_INSTRUCT: Mistral = "mistral.mistral-7b-instruct-v0:2";
        /// Mixtral 8x7B Instruct:
        MIXTRAL_8X7B_INSTRUCT: Mistral = "mistral.mixtral-8x7b-instruct-v0:1";
        /// Mistral Large (24.02):
        MISTRAL_LARGE_2402: Mistral = "mistral.mistral-large-2402-v1:0";
        /// Mistral Small (24.02):
        MISTRAL_SMALL_2402: Mistral = "mistral.mistral-small-2402-v1:0";
        /// Mistral Large 2 (24.07, chat):
        MISTRAL_LARGE_2407: MistralChat = "mistral.mistral-large-2407-v1:0";
    }
}

/// Every model of the catalogue, with its family (for tests and tools).
pub fn catalogue() -> Vec<(&'static str, ModelFamily)> {
    fn e<F: crate::family::Family>(m: &Model<F>) -> (&'static str, ModelFamily) {
        (m.static_id().unwrap_or_default(), F::FAMILY)
    }
    vec![
        e(&anthropic::CLAUDE_3_HAIKU),
        e(&anthropic::CLAUDE_3_SONNET),
        e(&anthropic::CLAUDE_3_OPUS),
        e(&anthropic::CLAUDE_3_5_HAIKU),
        e(&anthropic::CLAUDE_3_5_SONNET),
        e(&anthropic::CLAUDE_3_5_SONNET_V2),
        e(&anthropic::CLAUDE_3_7_SONNET),
        e(&anthropic::CLAUDE_SONNET_4),
        e(&anthropic::CLAUDE_OPUS_4),
        e(&anthropic::CLAUDE_V2),
        e(&anthropic::CLAUDE_INSTANT),
        e(&amazon::TITAN_TEXT_EXPRESS),
        e(&amazon::TITAN_TEXT_LITE),
        e(&amazon::TITAN_TEXT_PREMIER),
        e(&amazon::TITAN_EMBED_TEXT_V1),
        e(&amazon::TITAN_EMBED_TEXT_V2),
        e(&amazon::NOVA_MICRO),
        e(&amazon::NOVA_LITE),
        e(&amazon::NOVA_PRO),
        e(&amazon::NOVA_PREMIER),
        e(&cohere::COMMAND_TEXT),
        e(&cohere::COMMAND_LIGHT_TEXT),
        e(&cohere::COMMAND_R),
        e(&cohere::COMMAND_R_PLUS),
        e(&cohere::EMBED_ENGLISH_V3),
        e(&cohere::EMBED_MULTILINGUAL_V3),
        e(&meta::LLAMA3_8B_INSTRUCT),
        e(&meta::LLAMA3_70B_INSTRUCT),
        e(&meta::LLAMA3_1_8B_INSTRUCT),
        e(&meta::LLAMA3_1_70B_INSTRUCT),
        e(&mistral::MISTRAL_7B_INSTRUCT),
        e(&mistral::MIXTRAL_8X7B_INSTRUCT),
        e(&mistral::MISTRAL_LARGE_2402),
        e(&mistral::MISTRAL_SMALL_2402),
        e(&mistral::MISTRAL_LARGE_2407),
    ]
}
