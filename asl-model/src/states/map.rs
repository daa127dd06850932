//! The Map state, inline and distributed (§7 of the reference).

use super::{QueryLanguage, Resource, Transition};
use crate::{
    Assign, Catcher, Dynamic, Path, PayloadTemplate, ReferencePath, Retrier, States, UnknownFields,
};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Number, Value};
use typed_builder::TypedBuilder;

/// A Map state: runs its item processor once for each item of a collection.
/// Inline by default; distributed (child executions, S3 readers and writers)
/// when `ItemProcessor.ProcessorConfig.Mode` is `DISTRIBUTED`.
///
/// ```
/// use asl_core::{ItemProcessor, Items, Map, Pass, ProcessorField};
/// let processor = ItemProcessor::builder()
///     .start_at("Handle")
///     .states([("Handle".to_owned(), Pass::builder().build().into())])
///     .build();
/// let map = Map::builder()
///     .processor(ProcessorField::ItemProcessor(processor))
///     .items(Items::ItemsPath("$.orders".into()))
///     .max_concurrency(10)
///     .build();
/// let json = serde_json::to_value(&map).unwrap();
/// assert_eq!(json["ItemsPath"], "$.orders");
/// assert_eq!(json["MaxConcurrency"], 10);
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct Map {
    /// `Comment`: free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// `QueryLanguage`: overrides the machine's query language for this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub query_language: Option<QueryLanguage>,
    /// `ItemProcessor` (or the legacy `Iterator`): the sub-machine run per item.
    #[serde(flatten)]
    #[builder(setter(into))]
    pub processor: ProcessorField,
    /// `ItemsPath` (JSONPath) or `Items` (JSONata): where the items are.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub items: Option<Items>,
    /// `ItemSelector` (or the legacy `Parameters`): reshapes each item.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub item_selector: Option<ItemSelector>,
    /// `ItemReader` (distributed): reads the items from S3.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub item_reader: Option<ItemReader>,
    /// `ItemBatcher` (distributed): groups items into batches.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub item_batcher: Option<ItemBatcher>,
    /// `ResultWriter` (distributed): writes results to S3.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub result_writer: Option<ResultWriter>,
    /// `MaxConcurrency` or `MaxConcurrencyPath`: iterations at once (0 = no limit).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub max_concurrency: Option<MaxConcurrency>,
    /// `ToleratedFailurePercentage` or its `Path` (distributed).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub tolerated_failure_percentage: Option<ToleratedFailurePercentage>,
    /// `ToleratedFailureCount` or its `Path` (distributed).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub tolerated_failure_count: Option<ToleratedFailureCount>,
    /// `Label` (distributed): prefix of child execution names (≤ 40 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub label: Option<String>,
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub input_path: Option<Option<Path>>,
    /// `ResultSelector` (JSONPath): reshapes the raw result.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub result_selector: Option<PayloadTemplate>,
    /// `ResultPath` (JSONPath): where the result goes in the input; `null` discards it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub result_path: Option<Option<ReferencePath>>,
    /// `OutputPath` (JSONPath): selects the part of the output to pass on; `null` means `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub output_path: Option<Option<Path>>,
    /// `Output` (JSONata): the state's output.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub output: Option<Value>,
    /// `Assign`: variables to set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub assign: Option<Assign>,
    /// `Retry`: retriers, tried in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub retry: Option<Vec<Retrier>>,
    /// `Catch`: catchers, tried in order once retries are exhausted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub catch: Option<Vec<Catcher>>,
    /// `Next` or `End` (default `End`).
    #[serde(flatten)]
    #[builder(default, setter(into))]
    pub transition: Transition,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

/// The sub-machine of a [`Map`], under its current name or the legacy one.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum ProcessorField {
    /// `ItemProcessor`.
    ItemProcessor(ItemProcessor),
    /// `Iterator`: the deprecated name; builders should use `ItemProcessor`.
    Iterator(ItemProcessor),
}

impl ProcessorField {
    /// The processor, whichever name it was written under.
    pub fn processor(&self) -> &ItemProcessor {
        match self {
            ProcessorField::ItemProcessor(p) | ProcessorField::Iterator(p) => p,
        }
    }

    /// Mutable access to the processor.
    pub fn processor_mut(&mut self) -> &mut ItemProcessor {
        match self {
            ProcessorField::ItemProcessor(p) | ProcessorField::Iterator(p) => p,
        }
    }

    /// The field name as written (`ItemProcessor` or `Iterator`).
    pub fn field_name(&self) -> &'static str {
        match self {
            ProcessorField::ItemProcessor(_) => "ItemProcessor",
            ProcessorField::Iterator(_) => "Iterator",
        }
    }
}

impl From<ItemProcessor> for ProcessorField {
    fn from(p: ItemProcessor) -> Self {
        ProcessorField::ItemProcessor(p)
    }
}
/// The sub-machine a [`Map`] runs for each item.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct ItemProcessor {
    /// `ProcessorConfig`: inline or distributed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub processor_config: Option<ProcessorConfig>,
    /// `Comment`: free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub comment: Option<String>,
    /// `QueryLanguage`: overrides the machine's query language for this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub query_language: Option<QueryLanguage>,
    /// `StartAt`: the first state.
    #[builder(setter(into))]
    pub start_at: String,
    /// `States`: the processor states, in order.
    #[builder(setter(into))]
    pub states: States,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

impl ItemProcessor {
    /// Whether `ProcessorConfig.Mode` is `DISTRIBUTED`.
    pub fn is_distributed(&self) -> bool {
        matches!(
            self.processor_config.as_ref().and_then(|c| c.mode),
            Some(ProcessorMode::Distributed)
        )
    }
}
/// `ProcessorConfig`: how a [`Map`] runs its iterations.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct ProcessorConfig {
    /// `Mode`: `INLINE` (default) or `DISTRIBUTED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub mode: Option<ProcessorMode>,
    /// `ExecutionType` (distributed, required there): `STANDARD` or `EXPRESS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub execution_type: Option<ExecutionType>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

/// `ProcessorConfig.Mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum ProcessorMode {
    /// `INLINE`.
    #[serde(rename = "INLINE")]
    Inline,
    /// `DISTRIBUTED`.
    #[serde(rename = "DISTRIBUTED")]
    Distributed,
}

impl ProcessorMode {
    /// Every value, as written in ASL.
    pub const NAMES: &'static [&'static str] = &["INLINE", "DISTRIBUTED"];

    /// The value as written in ASL.
    pub fn as_str(self) -> &'static str {
        match self {
            ProcessorMode::Inline => "INLINE",
            ProcessorMode::Distributed => "DISTRIBUTED",
        }
    }

    /// Parses the value as written in ASL.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "INLINE" => Some(ProcessorMode::Inline),
            "DISTRIBUTED" => Some(ProcessorMode::Distributed),
            _ => None,
        }
    }
}

/// The workflow type of child executions (and of machines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum ExecutionType {
    /// `STANDARD`.
    #[serde(rename = "STANDARD")]
    Standard,
    /// `EXPRESS`.
    #[serde(rename = "EXPRESS")]
    Express,
}

impl ExecutionType {
    /// Every value, as written in ASL.
    pub const NAMES: &'static [&'static str] = &["STANDARD", "EXPRESS"];

    /// The value as written in ASL.
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionType::Standard => "STANDARD",
            ExecutionType::Express => "EXPRESS",
        }
    }

    /// Parses the value as written in ASL.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "STANDARD" => Some(ExecutionType::Standard),
            "EXPRESS" => Some(ExecutionType::Express),
            _ => None,
        }
    }
}

/// Where a [`Map`] finds its items.
///
/// `ItemsPath` points into the input (JSONPath); `Items` is a literal array
/// or a JSONata expression:
///
/// ```
/// use asl_core::{Items, Jsonata, Dynamic};
/// use serde_json::json;
///
/// let path = Items::ItemsPath("$.orders".into());
/// let literal = Items::Items(Dynamic::Value(vec![json!(1), json!(2)]));
/// let dynamic = Items::Items(Jsonata::new("$states.input.orders").into());
///
/// assert_eq!(serde_json::to_value(&path).unwrap(), json!({"ItemsPath": "$.orders"}));
/// assert_eq!(serde_json::to_value(&literal).unwrap(), json!({"Items": [1, 2]}));
/// assert_eq!(
///     serde_json::to_value(&dynamic).unwrap(),
///     json!({"Items": "{% $states.input.orders %}"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum Items {
    /// `ItemsPath` (JSONPath): a reference path to an array.
    #[serde(rename = "ItemsPath")]
    ItemsPath(ReferencePath),
    /// `Items` (JSONata): an array or an expression.
    #[serde(rename = "Items")]
    Items(Dynamic<Vec<Value>>),
}

/// How a [`Map`] reshapes each item.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum ItemSelector {
    /// `ItemSelector`: a payload template (JSONPath) or JSON with `{% %}` (JSONata).
    #[serde(rename = "ItemSelector")]
    ItemSelector(Value),
    /// `Parameters`: the deprecated name of `ItemSelector`.
    #[serde(rename = "Parameters")]
    Parameters(PayloadTemplate),
}

/// How many iterations of a [`Map`] run at once.
///
/// ```
/// use asl_core::{Jsonata, MaxConcurrency};
/// use serde_json::json;
///
/// let fixed = MaxConcurrency::from(10);
/// let from_input = MaxConcurrency::MaxConcurrencyPath("$.concurrency".into());
/// let dynamic = MaxConcurrency::MaxConcurrency(Jsonata::new("$states.input.n").into());
///
/// assert_eq!(serde_json::to_value(&fixed).unwrap(), json!({"MaxConcurrency": 10}));
/// assert_eq!(
///     serde_json::to_value(&from_input).unwrap(),
///     json!({"MaxConcurrencyPath": "$.concurrency"})
/// );
/// assert_eq!(
///     serde_json::to_value(&dynamic).unwrap(),
///     json!({"MaxConcurrency": "{% $states.input.n %}"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum MaxConcurrency {
    /// `MaxConcurrency`: 0 means no explicit limit.
    #[serde(rename = "MaxConcurrency")]
    MaxConcurrency(Dynamic<u64>),
    /// `MaxConcurrencyPath` (JSONPath).
    #[serde(rename = "MaxConcurrencyPath")]
    MaxConcurrencyPath(ReferencePath),
}

impl From<u64> for MaxConcurrency {
    fn from(n: u64) -> Self {
        MaxConcurrency::MaxConcurrency(Dynamic::Value(n))
    }
}

/// The share of failed items a distributed [`Map`] tolerates.
///
/// ```
/// use asl_core::{Jsonata, ToleratedFailurePercentage};
/// use serde_json::{json, Number};
///
/// let fixed = ToleratedFailurePercentage::ToleratedFailurePercentage(
///     Number::from_f64(2.5).unwrap().into(),
/// );
/// let from_input =
///     ToleratedFailurePercentage::ToleratedFailurePercentagePath("$.tolerance".into());
/// let dynamic = ToleratedFailurePercentage::ToleratedFailurePercentage(
///     Jsonata::new("$states.input.tolerance").into(),
/// );
///
/// assert_eq!(
///     serde_json::to_value(&fixed).unwrap(),
///     json!({"ToleratedFailurePercentage": 2.5})
/// );
/// assert_eq!(
///     serde_json::to_value(&from_input).unwrap(),
///     json!({"ToleratedFailurePercentagePath": "$.tolerance"})
/// );
/// assert_eq!(
///     serde_json::to_value(&dynamic).unwrap(),
///     json!({"ToleratedFailurePercentage": "{% $states.input.tolerance %}"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum ToleratedFailurePercentage {
    /// `ToleratedFailurePercentage`: 0 to 100.
    #[serde(rename = "ToleratedFailurePercentage")]
    ToleratedFailurePercentage(Dynamic<Number>),
    /// `ToleratedFailurePercentagePath` (JSONPath).
    #[serde(rename = "ToleratedFailurePercentagePath")]
    ToleratedFailurePercentagePath(ReferencePath),
}

/// The number of failed items a distributed [`Map`] tolerates.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum ToleratedFailureCount {
    /// `ToleratedFailureCount`.
    #[serde(rename = "ToleratedFailureCount")]
    ToleratedFailureCount(Dynamic<u64>),
    /// `ToleratedFailureCountPath` (JSONPath).
    #[serde(rename = "ToleratedFailureCountPath")]
    ToleratedFailureCountPath(ReferencePath),
}
/// `ItemReader`: reads a distributed [`Map`]'s items from S3
/// (`arn:aws:states:::s3:getObject` or `…:s3:listObjectsV2`).
///
/// A distributed Map that reads a CSV file, batches its rows, runs each batch
/// in an Express child execution and writes the results back to S3:
///
/// ```
/// use asl_core::{
///     CsvHeaderLocation, ExecutionType, ItemBatcher, ItemProcessor, ItemReader, Map,
///     MaxItemsPerBatch, Pass, ProcessorConfig, ProcessorMode, ReaderConfig, ResultWriter,
///     ToleratedFailurePercentage, WriterConfig,
/// };
/// use serde_json::{json, Number};
///
/// let processor = ItemProcessor::builder()
///     .processor_config(
///         ProcessorConfig::builder()
///             .mode(ProcessorMode::Distributed)
///             .execution_type(ExecutionType::Express)
///             .build(),
///     )
///     .start_at("Handle")
///     .states([("Handle".to_owned(), Pass::builder().build().into())])
///     .build();
/// assert!(processor.is_distributed());
///
/// let map = Map::builder()
///     .processor(processor)
///     .item_reader(
///         ItemReader::builder()
///             .resource("arn:aws:states:::s3:getObject")
///             .parameters(json!({"Bucket": "my-bucket", "Key": "orders.csv"}))
///             .reader_config(
///                 ReaderConfig::builder()
///                     .input_type("CSV")
///                     .csv_header_location(CsvHeaderLocation::FirstRow)
///                     .build(),
///             )
///             .build(),
///     )
///     .item_batcher(
///         ItemBatcher::builder()
///             .max_items_per_batch(MaxItemsPerBatch::MaxItemsPerBatch(100.into()))
///             .build(),
///     )
///     .result_writer(
///         ResultWriter::builder()
///             .resource("arn:aws:states:::s3:putObject")
///             .parameters(json!({"Bucket": "my-bucket", "Prefix": "results"}))
///             .writer_config(
///                 WriterConfig::builder()
///                     .output_type("JSONL")
///                     .transformation("COMPACT")
///                     .build(),
///             )
///             .build(),
///     )
///     .label("orders")
///     .tolerated_failure_percentage(ToleratedFailurePercentage::ToleratedFailurePercentage(
///         Number::from(5u64).into(),
///     ))
///     .build();
///
/// let json = serde_json::to_value(&map).unwrap();
/// let config = &json["ItemProcessor"]["ProcessorConfig"];
/// assert_eq!(config["Mode"], "DISTRIBUTED");
/// assert_eq!(config["ExecutionType"], "EXPRESS");
/// assert_eq!(json["ItemReader"]["Resource"], "arn:aws:states:::s3:getObject");
/// assert_eq!(json["ItemReader"]["ReaderConfig"]["InputType"], "CSV");
/// assert_eq!(json["ItemReader"]["ReaderConfig"]["CSVHeaderLocation"], "FIRST_ROW");
/// assert_eq!(json["ItemBatcher"]["MaxItemsPerBatch"], 100);
/// assert_eq!(json["ResultWriter"]["WriterConfig"]["OutputType"], "JSONL");
/// assert_eq!(json["Label"], "orders");
/// assert_eq!(json["ToleratedFailurePercentage"], 5);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct ItemReader {
    /// `Resource`: the S3 API to call.
    #[builder(setter(into))]
    pub resource: Resource,
    /// `Parameters` (JSONPath): `Bucket`, `Key`/`Prefix`, ….
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub parameters: Option<PayloadTemplate>,
    /// `Arguments` (JSONata).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub arguments: Option<Value>,
    /// `ReaderConfig`: how to read the object.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub reader_config: Option<ReaderConfig>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}
/// `ItemReader.ReaderConfig`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct ReaderConfig {
    /// `InputType`: `CSV`, `JSON`, `JSONL`, `PARQUET` or `MANIFEST`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub input_type: Option<String>,
    /// `CSVHeaderLocation`: `FIRST_ROW` or `GIVEN`.
    #[serde(rename = "CSVHeaderLocation", skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub csv_header_location: Option<CsvHeaderLocation>,
    /// `CSVHeaders`: required when the location is `GIVEN`.
    #[serde(rename = "CSVHeaders", skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub csv_headers: Option<Vec<String>>,
    /// `CSVDelimiter`.
    #[serde(rename = "CSVDelimiter", skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub csv_delimiter: Option<CsvDelimiter>,
    /// `MaxItems` or `MaxItemsPath`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub max_items: Option<MaxItems>,
    /// `ManifestType`: `ATHENA_DATA` or `S3_INVENTORY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub manifest_type: Option<String>,
    /// `Transformation`: e.g. `NONE` or `LOAD_AND_FLATTEN`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub transformation: Option<String>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

/// `ReaderConfig.CSVHeaderLocation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum CsvHeaderLocation {
    /// `FIRST_ROW`.
    #[serde(rename = "FIRST_ROW")]
    FirstRow,
    /// `GIVEN`.
    #[serde(rename = "GIVEN")]
    Given,
}

impl CsvHeaderLocation {
    /// Every value, as written in ASL.
    pub const NAMES: &'static [&'static str] = &["FIRST_ROW", "GIVEN"];

    /// The value as written in ASL.
    pub fn as_str(self) -> &'static str {
        match self {
            CsvHeaderLocation::FirstRow => "FIRST_ROW",
            CsvHeaderLocation::Given => "GIVEN",
        }
    }

    /// Parses the value as written in ASL.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "FIRST_ROW" => Some(CsvHeaderLocation::FirstRow),
            "GIVEN" => Some(CsvHeaderLocation::Given),
            _ => None,
        }
    }
}

/// `ReaderConfig.CSVDelimiter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub enum CsvDelimiter {
    /// `COMMA`.
    #[serde(rename = "COMMA")]
    Comma,
    /// `PIPE`.
    #[serde(rename = "PIPE")]
    Pipe,
    /// `SEMICOLON`.
    #[serde(rename = "SEMICOLON")]
    Semicolon,
    /// `SPACE`.
    #[serde(rename = "SPACE")]
    Space,
    /// `TAB`.
    #[serde(rename = "TAB")]
    Tab,
}

impl CsvDelimiter {
    /// Every value, as written in ASL.
    pub const NAMES: &'static [&'static str] = &["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"];

    /// The value as written in ASL.
    pub fn as_str(self) -> &'static str {
        match self {
            CsvDelimiter::Comma => "COMMA",
            CsvDelimiter::Pipe => "PIPE",
            CsvDelimiter::Semicolon => "SEMICOLON",
            CsvDelimiter::Space => "SPACE",
            CsvDelimiter::Tab => "TAB",
        }
    }

    /// Parses the value as written in ASL.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "COMMA" => Some(CsvDelimiter::Comma),
            "PIPE" => Some(CsvDelimiter::Pipe),
            "SEMICOLON" => Some(CsvDelimiter::Semicolon),
            "SPACE" => Some(CsvDelimiter::Space),
            "TAB" => Some(CsvDelimiter::Tab),
            _ => None,
        }
    }
}

/// How many items an [`ItemReader`] reads at most.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum MaxItems {
    /// `MaxItems`.
    #[serde(rename = "MaxItems")]
    MaxItems(Dynamic<u64>),
    /// `MaxItemsPath` (JSONPath).
    #[serde(rename = "MaxItemsPath")]
    MaxItemsPath(ReferencePath),
}
/// `ItemBatcher`: groups a distributed [`Map`]'s items into batches.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct ItemBatcher {
    /// `MaxItemsPerBatch` or its `Path`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub max_items_per_batch: Option<MaxItemsPerBatch>,
    /// `MaxInputBytesPerBatch` or its `Path` (≤ 256 KiB).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub max_input_bytes_per_batch: Option<MaxInputBytesPerBatch>,
    /// `BatchInput`: copied into every batch.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub batch_input: Option<Value>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}

/// The most items in one batch.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum MaxItemsPerBatch {
    /// `MaxItemsPerBatch`.
    #[serde(rename = "MaxItemsPerBatch")]
    MaxItemsPerBatch(Dynamic<u64>),
    /// `MaxItemsPerBatchPath` (JSONPath).
    #[serde(rename = "MaxItemsPerBatchPath")]
    MaxItemsPerBatchPath(ReferencePath),
}

/// The most bytes in one batch.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub enum MaxInputBytesPerBatch {
    /// `MaxInputBytesPerBatch`.
    #[serde(rename = "MaxInputBytesPerBatch")]
    MaxInputBytesPerBatch(Dynamic<u64>),
    /// `MaxInputBytesPerBatchPath` (JSONPath).
    #[serde(rename = "MaxInputBytesPerBatchPath")]
    MaxInputBytesPerBatchPath(ReferencePath),
}
/// `ResultWriter`: writes a distributed [`Map`]'s results to S3.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct ResultWriter {
    /// `Resource`: `arn:aws:states:::s3:putObject`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub resource: Option<Resource>,
    /// `Parameters` (JSONPath): `Bucket`, `Prefix`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub parameters: Option<PayloadTemplate>,
    /// `Arguments` (JSONata).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub arguments: Option<Value>,
    /// `WriterConfig`: format of the written results.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub writer_config: Option<WriterConfig>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}
/// `ResultWriter.WriterConfig`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
#[serde(rename_all = "PascalCase")]
pub struct WriterConfig {
    /// `OutputType`: `JSON` or `JSONL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub output_type: Option<String>,
    /// `Transformation`: `NONE`, `COMPACT` or `FLATTEN`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(default, setter(into, strip_option))]
    pub transformation: Option<String>,
    /// Fields the model does not know, kept for a lossless round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    #[builder(default)]
    pub unknown_fields: UnknownFields,
}
