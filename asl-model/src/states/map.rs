//! The Map state, inline and distributed (§7 of the reference).

use super::{Resource, Transition};
use crate::vocabulary::kinds::*;
use crate::{Dynamic, Path, PayloadTemplate, ReferencePath, States};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Number, Value};
use typed_builder::TypedBuilder;

crate::asl_object! {
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
pub struct Map {
    ..head,
    /// `ItemProcessor` (or the legacy `Iterator`): the sub-machine run per item.
    processor: ProcessorField = one_of_required(crate::de::no_processor),
    /// `ItemsPath` (JSONPath) or `Items` (JSONata): where the items are.
    items: Option<Items> = one_of,
    /// `ItemSelector` (or the legacy `Parameters`): reshapes each item.
    item_selector: Option<ItemSelector> = one_of,
    /// `ItemReader` (distributed): reads the items from S3.
    item_reader: Option<ItemReader> = opt("ItemReader", Object<ItemReader>),
    /// `ItemBatcher` (distributed): groups items into batches.
    item_batcher: Option<ItemBatcher> = opt("ItemBatcher", Object<ItemBatcher>),
    /// `ResultWriter` (distributed): writes results to S3.
    result_writer: Option<ResultWriter> = opt("ResultWriter", Object<ResultWriter>),
    /// `MaxConcurrency` or `MaxConcurrencyPath`: iterations at once (0 = no limit).
    max_concurrency: Option<MaxConcurrency> = one_of,
    /// `ToleratedFailurePercentage` or its `Path` (distributed).
    tolerated_failure_percentage: Option<ToleratedFailurePercentage> = one_of,
    /// `ToleratedFailureCount` or its `Path` (distributed).
    tolerated_failure_count: Option<ToleratedFailureCount> = one_of,
    /// `Label` (distributed): prefix of child execution names (≤ 40 characters).
    label: Option<String> = opt("Label", Text),
    /// `InputPath` (JSONPath): selects the part of the input to use; `null` means `{}`.
    input_path: Option<Option<Path>> = opt("InputPath", NullablePath, JsonPath),
    ..results,
    ..errors,
    /// `Next` or `End` (default `End`).
    transition: Transition = special builder(default, setter(into)),
}
}

crate::one_of! {
/// The sub-machine of a [`Map`], under its current name or the legacy one.
pub enum ProcessorField {
    /// `ItemProcessor`.
    ItemProcessor(ItemProcessor) = ("ItemProcessor", Object<ItemProcessor>),
    /// `Iterator`: the deprecated name; builders should use `ItemProcessor`.
    Iterator(ItemProcessor) = ("Iterator", Object<ItemProcessor>),
}
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
crate::asl_object! {
/// The sub-machine a [`Map`] runs for each item.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct ItemProcessor {
    /// `ProcessorConfig`: inline or distributed.
    processor_config: Option<ProcessorConfig> = opt("ProcessorConfig", Object<ProcessorConfig>),
    ..head,
    /// `StartAt`: the first state.
    start_at: String = req("StartAt", StateName),
    /// `States`: the processor states, in order.
    states: States = req("States", StatesMap),
}
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
crate::asl_object! {
/// `ProcessorConfig`: how a [`Map`] runs its iterations.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct ProcessorConfig {
    /// `Mode`: `INLINE` (default) or `DISTRIBUTED`.
    mode: Option<ProcessorMode> = opt("Mode", Closed<ProcessorMode>),
    /// `ExecutionType` (distributed, required there): `STANDARD` or `EXPRESS`.
    execution_type: Option<ExecutionType> = opt("ExecutionType", Closed<ExecutionType>),
}
}

crate::closed_enum! {
/// `ProcessorConfig.Mode`.
pub enum ProcessorMode {
    /// `INLINE`.
    Inline = "INLINE",
    /// `DISTRIBUTED`.
    Distributed = "DISTRIBUTED",
}
}

crate::closed_enum! {
/// The workflow type of child executions (and of machines).
pub enum ExecutionType {
    /// `STANDARD`.
    Standard = "STANDARD",
    /// `EXPRESS`.
    Express = "EXPRESS",
}
}

crate::one_of! {
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
pub enum Items {
    /// `ItemsPath` (JSONPath): a reference path to an array.
    ItemsPath(ReferencePath) = ("ItemsPath", RefPath, JsonPath),
    /// `Items` (JSONata): an array or an expression.
    Items(Dynamic<Vec<Value>>) = ("Items", DynArray, Jsonata),
}
}

crate::one_of! {
/// How a [`Map`] reshapes each item.
///
/// The builder takes the JSON itself, as `ItemSelector` (the current name):
///
/// ```
/// use asl_core::{ItemProcessor, Map, Pass};
/// use serde_json::json;
///
/// let processor = ItemProcessor::builder()
///     .start_at("P")
///     .states([("P".to_owned(), Pass::builder().build().into())])
///     .build();
/// let map = Map::builder()
///     .processor(processor)
///     .item_selector(json!({"order.$": "$$.Map.Item.Value", "shop": "north"}))
///     .build();
/// let written = serde_json::to_value(&map).unwrap();
/// assert_eq!(written["ItemSelector"], json!({"order.$": "$$.Map.Item.Value", "shop": "north"}));
/// ```
///
/// The two variants hold different types because their fields differ:
/// `ItemSelector` is a payload template in a JSONPath state and JSON with
/// `{% %}` expressions in a JSONata one (as a Task's `Arguments`), while the
/// legacy `Parameters` exists only in JSONPath (as a Task's `Parameters`).
pub enum ItemSelector {
    /// `ItemSelector`: a payload template (JSONPath) or JSON with `{% %}` (JSONata).
    ItemSelector(Value) = ("ItemSelector", AnyJson),
    /// `Parameters`: the deprecated name of `ItemSelector`, JSONPath only.
    Parameters(PayloadTemplate) = ("Parameters", Template, JsonPath),
}
}

impl From<Value> for ItemSelector {
    /// `ItemSelector` (the current name).
    fn from(v: Value) -> Self {
        ItemSelector::ItemSelector(v)
    }
}

impl From<PayloadTemplate> for ItemSelector {
    /// `ItemSelector` (the current name), holding the template.
    fn from(t: PayloadTemplate) -> Self {
        ItemSelector::ItemSelector(t.0)
    }
}

impl ItemSelector {
    /// The JSON, whichever name it was written under.
    pub fn value(&self) -> &Value {
        match self {
            ItemSelector::ItemSelector(v) | ItemSelector::Parameters(PayloadTemplate(v)) => v,
        }
    }

    /// The field name as written (`ItemSelector` or `Parameters`).
    pub fn field_name(&self) -> &'static str {
        match self {
            ItemSelector::ItemSelector(_) => "ItemSelector",
            ItemSelector::Parameters(_) => "Parameters",
        }
    }
}

crate::one_of! {
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
pub enum MaxConcurrency {
    /// `MaxConcurrency`: 0 means no explicit limit.
    MaxConcurrency(Dynamic<u64>) = ("MaxConcurrency", DynInt<0>, JsonataWhenExpression),
    /// `MaxConcurrencyPath` (JSONPath).
    MaxConcurrencyPath(ReferencePath) = ("MaxConcurrencyPath", RefPath, JsonPath),
}
}

impl From<u64> for MaxConcurrency {
    fn from(n: u64) -> Self {
        MaxConcurrency::MaxConcurrency(Dynamic::Value(n))
    }
}

crate::one_of! {
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
pub enum ToleratedFailurePercentage {
    /// `ToleratedFailurePercentage`: 0 to 100.
    ToleratedFailurePercentage(Dynamic<Number>) = ("ToleratedFailurePercentage", DynPercent, JsonataWhenExpression),
    /// `ToleratedFailurePercentagePath` (JSONPath).
    ToleratedFailurePercentagePath(ReferencePath) = ("ToleratedFailurePercentagePath", RefPath, JsonPath),
}
}

crate::one_of! {
/// The number of failed items a distributed [`Map`] tolerates.
pub enum ToleratedFailureCount {
    /// `ToleratedFailureCount`.
    ToleratedFailureCount(Dynamic<u64>) = ("ToleratedFailureCount", DynInt<0>, JsonataWhenExpression),
    /// `ToleratedFailureCountPath` (JSONPath).
    ToleratedFailureCountPath(ReferencePath) = ("ToleratedFailureCountPath", RefPath, JsonPath),
}
}
crate::asl_object! {
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
pub struct ItemReader {
    /// `Resource`: the S3 API to call.
    resource: Resource = req("Resource", Arn),
    /// `Parameters` (JSONPath): `Bucket`, `Key`/`Prefix`, ….
    parameters: Option<PayloadTemplate> = opt("Parameters", Template, JsonPath),
    /// `Arguments` (JSONata).
    arguments: Option<Value> = opt("Arguments", AnyJson, Jsonata),
    /// `ReaderConfig`: how to read the object.
    reader_config: Option<ReaderConfig> = opt("ReaderConfig", Object<ReaderConfig>),
}
}
crate::asl_object! {
/// `ItemReader.ReaderConfig`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct ReaderConfig {
    /// `InputType`: `CSV`, `JSON`, `JSONL`, `PARQUET` or `MANIFEST`.
    input_type: Option<String> = opt("InputType", Text),
    /// `CSVHeaderLocation`: `FIRST_ROW` or `GIVEN`.
    csv_header_location: Option<CsvHeaderLocation> = opt("CSVHeaderLocation", Closed<CsvHeaderLocation>),
    /// `CSVHeaders`: required when the location is `GIVEN`.
    csv_headers: Option<Vec<String>> = opt("CSVHeaders", Texts),
    /// `CSVDelimiter`.
    csv_delimiter: Option<CsvDelimiter> = opt("CSVDelimiter", Closed<CsvDelimiter>),
    /// `MaxItems` or `MaxItemsPath`.
    max_items: Option<MaxItems> = one_of,
    /// `ManifestType`: `ATHENA_DATA` or `S3_INVENTORY`.
    manifest_type: Option<String> = opt("ManifestType", Text),
    /// `Transformation`: e.g. `NONE` or `LOAD_AND_FLATTEN`.
    transformation: Option<String> = opt("Transformation", Text),
}
}

crate::closed_enum! {
/// `ReaderConfig.CSVHeaderLocation`.
pub enum CsvHeaderLocation {
    /// `FIRST_ROW`.
    FirstRow = "FIRST_ROW",
    /// `GIVEN`.
    Given = "GIVEN",
}
}

crate::closed_enum! {
/// `ReaderConfig.CSVDelimiter`.
pub enum CsvDelimiter {
    /// `COMMA`.
    Comma = "COMMA",
    /// `PIPE`.
    Pipe = "PIPE",
    /// `SEMICOLON`.
    Semicolon = "SEMICOLON",
    /// `SPACE`.
    Space = "SPACE",
    /// `TAB`.
    Tab = "TAB",
}
}

crate::one_of! {
/// How many items an [`ItemReader`] reads at most.
pub enum MaxItems {
    /// `MaxItems`.
    MaxItems(Dynamic<u64>) = ("MaxItems", DynInt<0>),
    /// `MaxItemsPath` (JSONPath).
    MaxItemsPath(ReferencePath) = ("MaxItemsPath", RefPath, JsonPath),
}
}
crate::asl_object! {
/// `ItemBatcher`: groups a distributed [`Map`]'s items into batches.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct ItemBatcher {
    /// `MaxItemsPerBatch` or its `Path`.
    max_items_per_batch: Option<MaxItemsPerBatch> = one_of,
    /// `MaxInputBytesPerBatch` or its `Path` (≤ 256 KiB).
    max_input_bytes_per_batch: Option<MaxInputBytesPerBatch> = one_of,
    /// `BatchInput`: copied into every batch.
    batch_input: Option<Value> = opt("BatchInput", AnyJson),
}
}

crate::one_of! {
/// The most items in one batch.
pub enum MaxItemsPerBatch {
    /// `MaxItemsPerBatch`.
    MaxItemsPerBatch(Dynamic<u64>) = ("MaxItemsPerBatch", DynInt<1>),
    /// `MaxItemsPerBatchPath` (JSONPath).
    MaxItemsPerBatchPath(ReferencePath) = ("MaxItemsPerBatchPath", RefPath, JsonPath),
}
}

crate::one_of! {
/// The most bytes in one batch.
pub enum MaxInputBytesPerBatch {
    /// `MaxInputBytesPerBatch`.
    MaxInputBytesPerBatch(Dynamic<u64>) = ("MaxInputBytesPerBatch", DynInt<1>),
    /// `MaxInputBytesPerBatchPath` (JSONPath).
    MaxInputBytesPerBatchPath(ReferencePath) = ("MaxInputBytesPerBatchPath", RefPath, JsonPath),
}
}
crate::asl_object! {
/// `ResultWriter`: writes a distributed [`Map`]'s results to S3.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct ResultWriter {
    /// `Resource`: `arn:aws:states:::s3:putObject`.
    resource: Option<Resource> = opt("Resource", ArnText),
    /// `Parameters` (JSONPath): `Bucket`, `Prefix`.
    parameters: Option<PayloadTemplate> = opt("Parameters", Template, JsonPath),
    /// `Arguments` (JSONata).
    arguments: Option<Value> = opt("Arguments", AnyJson, Jsonata),
    /// `WriterConfig`: format of the written results.
    writer_config: Option<WriterConfig> = opt("WriterConfig", Object<WriterConfig>),
}
}
crate::asl_object! {
/// `ResultWriter.WriterConfig`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct WriterConfig {
    /// `OutputType`: `JSON` or `JSONL`.
    output_type: Option<String> = opt("OutputType", Text),
    /// `Transformation`: `NONE`, `COMPACT` or `FLATTEN`.
    transformation: Option<String> = opt("Transformation", Text),
}
}
