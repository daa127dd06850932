//! asl-kit: type-safe AWS Step Functions state machines.
//!
//! - [`core`]: the Amazon States Language model, builders, parser and validator.
//! - [`bedrock`]: typed Amazon Bedrock tasks.
//! - [`aws`]: typed tasks for the other AWS services (Lambda, SNS, SQS,
//!   DynamoDB, EventBridge, Step Functions, ECS, Glue, Batch, Athena,
//!   CodeBuild, HTTP, API Gateway, AWS SDK) and their IAM statements.
//! - [`sim`]: run a machine in-process with mocked services, and get the
//!   execution history AWS would record (`cargo test` your workflows).
//! - [`state_machine!`]: a whole machine in ASL-shaped Rust syntax, checked at
//!   compile time by the validator, expanded to builder calls.
//! - [`include_asl!`]: an ASL JSON file, validated at compile time.
//!
//! ```
//! const MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";
//! let machine = asl_kit::state_machine! {
//!     Comment: "prompt chain",
//!     StartAt: Outline,
//!     States: {
//!         Outline: bedrock::InvokeModel {
//!             ModelId: (MODEL),
//!             Body: { "prompt.$": "$.topic", "max_tokens": 250 },
//!             ResultPath: "$.outline",
//!             Next: Done,
//!         },
//!         Done: Succeed {},
//!     }
//! }?;
//! assert_eq!(machine.to_value()["States"]["Outline"]["Parameters"]["ModelId"], MODEL);
//! # Ok::<(), asl_kit::core::InvalidMachine>(())
//! ```

#![deny(missing_docs)]

pub use asl_bedrock as bedrock;

pub use asl_aws as aws;

pub use asl_core as core;

/// Deployment through aws-sdk-sfn (cargo feature `deploy`): validate, create
/// or update, publish, alias, and run executions.
#[cfg(feature = "deploy")]
pub use asl_deploy as deploy;
pub use asl_sim as sim;

/// Writes a whole state machine in ASL-shaped Rust syntax. The machine is
/// checked at compile time by asl-core's validator (with the Bedrock rules
/// and those of the [typed AWS tasks](#typed-aws-tasks)),
/// and the macro expands to the asl-core / asl-bedrock builder calls you
/// would write by hand, ending in `StateMachine::builder()….build()`; it
/// evaluates to what that `build()` returns, a
/// `Result<StateMachine, InvalidMachine>`: the builder validates the machine
/// again at run time, with the interpolated values in place.
///
/// ```
/// use asl_kit::state_machine;
///
/// let machine = state_machine! {
///     StartAt: Check,
///     States: {
///         Check: Choice {
///             Choices: [
///                 { Variable: "$.n", NumericGreaterThan: 10, Next: Big },
///                 { And: [
///                     { Variable: "$.n", IsPresent: true },
///                     { Not: { Variable: "$.n", NumericEquals: 0 } },
///                   ], Next: Small },
///             ],
///             Default: Zero,
///         },
///         Big: Pass { Result: { "size": "big" }, End: true },
///         Small: Wait { Seconds: 1, Next: Zero },
///         Zero: Fail { Error: "Zero", Cause: "n was zero" },
///     }
/// }?;
/// assert_eq!(machine.start_at, "Check");
/// assert_eq!(machine.to_value()["States"]["Big"]["Result"]["size"], "big");
/// # Ok::<(), asl_kit::core::InvalidMachine>(())
/// ```
///
/// # Syntax
///
/// The input is the body of an ASL document: `Field: value` pairs separated
/// by commas, field names written as in ASL (`StartAt`, `ResultPath`, or a
/// string literal such as `"ModelId.$"`). A state is `Name: Type { fields }`
/// where `Type` is `Task`, `Pass`, `Choice`, `Wait`, `Succeed`, `Fail`,
/// `Parallel`, `Map`, `bedrock::InvokeModel`,
/// `bedrock::CreateModelCustomizationJob` (request-response) or
/// `bedrock::CreateModelCustomizationJob.sync` (run a job: the `.sync`
/// suffix is the resource's integration pattern), a [typed AWS
/// task](#typed-aws-tasks) (`lambda::Invoke`, `sns::Publish.waitForTaskToken`,
/// …) or an AWS SDK call (`aws_sdk::s3::GetObject`); state names are identifiers
/// or string literals (`"Say hello": Pass {}`). Values are JSON-like literals
/// (`"text"`, `42`, `-1.5`, `true`, `null`, `{ "k": v }`, `[a, b]`), a bare
/// identifier where a state name is expected (`Next: Done`; anywhere else a
/// bare identifier is an error), or an **interpolated Rust expression in
/// parentheses**: `(expr)`.
///
/// An interpolated expression is unknown at compile time: the validator
/// sees a neutral stand-in that passes every rule, and the builders take the
/// value at run time. In a JSON payload it must be `Into<serde_json::Value>`;
/// in a typed field, whatever the builder setter takes (`ModelId: (id)` takes
/// `Into<ModelId>`, `Body: (claude)` any `Into<ModelInput>` such as
/// `ClaudeMessages`, `ResultPath: (p)` `Into<String>`). State names (`Next`,
/// `Default`, `StartAt`) must be written literally.
///
/// # DSL syntax → builder call
///
/// | DSL | builder call |
/// |---|---|
/// | `StartAt: A, States: { .. }` (top level) | `StateMachine::builder().start_at("A").states(..)` |
/// | `Comment: "c"` / `Comment: (e)` | `.comment("c")` / `.comment(e)` |
/// | `QueryLanguage: "JSONata"` | `.query_language(QueryLanguage::Jsonata)` |
/// | `A: Pass { .. }` | `("A", State::from(Pass::builder()….build()))` |
/// | `Resource: "arn:…"` | `.resource("arn:…")` |
/// | `Next: B` / `End: true` | `.transition(Transition::next("B"))` / `.transition(Transition::End)` |
/// | `InputPath: "$.x"` / `InputPath: null` | `.input_path(Path::new("$.x"))` / `.input_path(None)` |
/// | `ResultPath: "$.r"` | `.result_path(ReferencePath::new("$.r"))` |
/// | `Parameters: { .. }`, `ResultSelector: { .. }` | `.parameters(PayloadTemplate::from(json))` |
/// | `Arguments`, `Output`, `Result: { .. }` | `.arguments(json)`, `.output(json)`, `.result(json)` |
/// | `Assign: { .. }` | `.assign(json!({ .. }))` (or a map) |
/// | `TimeoutSeconds: 30` / `TimeoutSecondsPath: "$.t"` | `.timeout(Timeout::Seconds(30.into()))` / `.timeout(Timeout::Path(..))` |
/// | `HeartbeatSeconds`, `HeartbeatSecondsPath` | `.heartbeat(Heartbeat::…)` |
/// | `Retry: [{ ErrorEquals: [..], MaxAttempts: 2, .. }]` | `.retry(vec![Retrier::builder().error_equals([..]).max_attempts(2)….build()])` |
/// | `Catch: [{ ErrorEquals: [..], Next: H, ResultPath: "$.e" }]` | `.catch(vec![Catcher::builder()….build()])` |
/// | `Choices: [{ Variable: "$.n", NumericEquals: 1, Next: B }]` | `.choices(vec![ChoiceRule::builder().condition(Condition::JsonPath(BoolExpr::Compare(Comparison::new(..)))).next("B").build()])` |
/// | `And: [..]`, `Or: [..]`, `Not: { .. }` | `BoolExpr::And(vec![NestedRule::from(..)])`, … |
/// | `Condition: "{% .. %}"` (JSONata) | `Condition::Jsonata(..)` |
/// | `Default: B` | `.default("B")` |
/// | `Seconds`, `Timestamp`, `SecondsPath`, `TimestampPath` (Wait) | `.duration(WaitDuration::…)` |
/// | `Error`, `Cause`, `ErrorPath`, `CausePath` (Fail) | `.error(FailError::…)`, `.cause(FailCause::…)` |
/// | `Branches: [{ StartAt, States }]` (Parallel) | `.branches(vec![Branch::builder()….build()])` |
/// | `ItemProcessor: { StartAt, States }` (Map) | `.processor(ProcessorField::ItemProcessor(ItemProcessor::builder()….build()))` |
/// | `ItemsPath`, `Items`, `ItemSelector`, `MaxConcurrency`, `Label` (Map) | `.items(..)`, `.item_selector(..)`, `.max_concurrency(..)`, `.label(..)` |
/// | `Credentials: { RoleArn: "arn:…" }` / `{ "RoleArn.$": "$.r" }` (Task) | `.credentials(Credentials::builder().role_arn(RoleArn::Value(..) \| RoleArn::Path(..)).build())` |
/// | `ItemReader: { Resource, Parameters \| Arguments, ReaderConfig }` (Map) | `.item_reader(ItemReader::builder().resource(..).parameters(..).reader_config(..).build())` |
/// | `ReaderConfig: { InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter, MaxItems \| MaxItemsPath, ManifestType, Transformation }` | `ReaderConfig::builder().input_type("CSV").csv_header_location(CsvHeaderLocation::Given).csv_headers(vec![..]).csv_delimiter(CsvDelimiter::Comma).max_items(MaxItems::…)….build()` |
/// | `ItemBatcher: { MaxItemsPerBatch(Path), MaxInputBytesPerBatch(Path), BatchInput }` (Map) | `.item_batcher(ItemBatcher::builder().max_items_per_batch(MaxItemsPerBatch::…).max_input_bytes_per_batch(..).batch_input(json).build())` |
/// | `ResultWriter: { Resource, Parameters \| Arguments, WriterConfig: { OutputType, Transformation } }` (Map) | `.result_writer(ResultWriter::builder()….writer_config(WriterConfig::builder()….build()).build())` |
/// | `ToleratedFailurePercentage(Path)`, `ToleratedFailureCount(Path)` (Map) | `.tolerated_failure_percentage(ToleratedFailurePercentage::…)`, `.tolerated_failure_count(ToleratedFailureCount::…)` |
/// | `ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }` (in `ItemProcessor`) | `.processor_config(ProcessorConfig::builder().mode(ProcessorMode::Distributed).execution_type(ExecutionType::Standard).build())` |
/// | `A: bedrock::InvokeModel { ModelId, Body \| Input, .. }` | `InvokeModel::builder().model_id(..).input(..).build().into_task(ql)`, then the Task's other fields |
/// | `ModelOutput: { S3Uri: "s3://…" }` / `{ "S3Uri.$": "$.o" }` (InvokeModel) | `.output(S3Uri::new("s3://…")?)` / `.output(S3Uri::path("$.o"))`: the request's `Output` |
/// | `GuardrailIdentifier: "id", GuardrailVersion: "DRAFT"` (InvokeModel; both or neither) | `.guardrail(Guardrail { identifier: Dynamic::Value(..), version: Dynamic::Value(GuardrailVersion::DRAFT) })` |
/// | `Trace: "ENABLED"` / `"DISABLED"` / `"Trace.$": "$.t"` (InvokeModel) | `.trace(Trace::Enabled)` / `.trace(Dynamic::<Trace>::path("$.t"))` |
/// | `A: bedrock::CreateModelCustomizationJob { .. }` | `CreateModelCustomizationJob::<RequestResponse>::builder()….build().into_task(ql)`, then the Task's other fields |
/// | `A: bedrock::CreateModelCustomizationJob.sync { .. }` | `CreateModelCustomizationJob::<RunJob>::builder()….build().into_task(ql)` |
/// | `JobName`, `CustomModelName`, `RoleArn`, `BaseModelIdentifier`, `CustomizationType`, `CustomModelKmsKeyId`, `ClientRequestToken` (or `"Key.$"`) | `.job_name(Dynamic::Value(..))` / `.job_name(Dynamic::path(..))`, … |
/// | `TrainingDataConfig`, `OutputDataConfig: { S3Uri }` | `.training_data_config(S3Uri::…)`, `.output_data_config(S3Uri::…)` |
/// | `ValidationDataConfig: { Validators: [{ S3Uri }, ..] }` | `.validation_data(vec![S3Uri::…])` |
/// | `HyperParameters: { .. }` / `"HyperParameters.$"` | `.hyper_parameters(Dynamic::Value(json))` / `Dynamic::path(..)` |
/// | `JobTags`, `CustomModelTags: [{ Key, Value }]` | `.job_tags(vec![Tag::new(k, v)])`, `.custom_model_tags(..)` |
/// | `VpcConfig`, `CustomizationConfig: { .. }` | `.other(map)` (written as given) |
/// | `A: lambda::Invoke { FunctionName: "f", Payload: { .. }, Next: B }` (a [typed AWS task](#typed-aws-tasks)) | `LambdaInvoke::builder().function_name("f").payload(json).pattern(Pattern::RequestResponse).build().into_task(ql)`, then the Task's own fields |
/// | `A: sns::Publish.waitForTaskToken { .. }`, `ecs::RunTask.sync { .. }`, `states::StartExecution.sync:2 { .. }` | `.pattern(Pattern::WaitForTaskToken)`, `.pattern(Pattern::Sync)`, `.pattern(Pattern::Sync2)` |
/// | `TableName: "t"` / `"TableName.$": "$.t"` / `TableName: (e)` (a typed field) | `.table_name(Dynamic::Value("t".into()))` / `.table_name(Dynamic::path("$.t"))` / `.table_name(e)` |
/// | `AttributesToGet: [..]` (a parameter without a typed field) | `.other(map)` (written as given) |
/// | `A: aws_sdk::s3::GetObject { Bucket: "b", "Key.$": "$.k" }` | `AwsSdk::builder().service("s3").action("getObject").parameters(map).build().into_task(ql)` |
///
/// On `bedrock::InvokeModel`, `Output` keeps its ASL meaning, the JSONata
/// state's output (a Task field); where Bedrock writes the response is the
/// request's `Output`, written **`ModelOutput`** in the macro. A
/// `Output: { S3Uri: .. }` in a JSONPath state is a compile error that
/// points to `ModelOutput`.
///
/// A bedrock CreateModelCustomizationJob missing `JobName`,
/// `CustomModelName`, `RoleArn`, `BaseModelIdentifier`,
/// `TrainingDataConfig` or `OutputDataConfig` is a compile error on the
/// state's type; so is `GuardrailIdentifier` without `GuardrailVersion` (on
/// the field). Interpolated values take the builders' types:
/// `TrainingDataConfig: (S3Uri)`, `ValidationDataConfig: (Vec<S3Uri>)`,
/// `JobTags: (Vec<Tag>)`, `GuardrailVersion: (GuardrailVersion)`,
/// `Trace: (Trace)`, `Credentials: (Credentials)`, `CSVHeaderLocation:
/// (CsvHeaderLocation)`, `ItemReader: (ItemReader)`, ….
///
/// ```
/// let machine = asl_kit::state_machine! {
///     StartAt: Train,
///     States: {
///         Train: bedrock::CreateModelCustomizationJob.sync {
///             JobName: "my-job",
///             CustomModelName: "my-model",
///             RoleArn: "arn:aws:iam::123456789012:role/Bedrock",
///             BaseModelIdentifier: "amazon.titan-text-express-v1",
///             TrainingDataConfig: { S3Uri: "s3://bucket/train.jsonl" },
///             OutputDataConfig: { S3Uri: "s3://bucket/out/" },
///             HyperParameters: { "epochCount": "1" },
///             End: true,
///         },
///     }
/// }?;
/// assert_eq!(
///     machine.to_value()["States"]["Train"]["Resource"],
///     "arn:aws:states:::bedrock:createModelCustomizationJob.sync"
/// );
/// # Ok::<(), asl_kit::core::InvalidMachine>(())
/// ```
///
/// # Typed AWS tasks
///
/// Each typed task of [`aws`] is a state type named after its API, the
/// service and the action in PascalCase: `lambda::Invoke`
/// ([`aws::LambdaInvoke`]), `sns::Publish`, `sqs::SendMessage`,
/// `dynamodb::GetItem`, `dynamodb::PutItem`, `dynamodb::UpdateItem`,
/// `dynamodb::DeleteItem`, `events::PutEvents`, `states::StartExecution`,
/// `ecs::RunTask`, `glue::StartJobRun`, `batch::SubmitJob`,
/// `athena::StartQueryExecution`, `codebuild::StartBuild`, `http::Invoke`
/// and `apigateway::Invoke` (the macro reads them from
/// [`aws::typed_tasks`]). The integration pattern follows the name as in
/// the resource ARN: `.sync`, `.sync:2` or `.waitForTaskToken`, where the
/// task has it; no suffix is request-response (also for the job services,
/// whose builders default to `.sync`).
///
/// Inside the braces, the Task state's own fields (`Next`, `End`,
/// `Comment`, `QueryLanguage`, `InputPath`, `ResultPath`, `ResultSelector`,
/// `OutputPath`, `Output`, `Assign`, `Retry`, `Catch`, `TimeoutSeconds`,
/// `HeartbeatSeconds`, `Credentials`, …) are state fields; every other key
/// is a request parameter, written to `Parameters` (JSONPath) or
/// `Arguments` (JSONata) as the typed task writes it: Batch's `Parameters`
/// and Glue's `Arguments` are parameters too. A missing required
/// parameter, a misspelled one (with a did-you-mean), a value of the wrong
/// type, an unknown task name and a pattern the task does not have are
/// compile errors.
///
/// ```
/// let machine = asl_kit::state_machine! {
///     StartAt: Price,
///     States: {
///         Price: lambda::Invoke {
///             FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:price",
///             Payload: { "order.$": "$.order" },
///             ResultSelector: { "total.$": "$.Payload.total" },
///             Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], MaxAttempts: 3 }],
///             Next: Approve,
///         },
///         Approve: sns::Publish.waitForTaskToken {
///             TopicArn: "arn:aws:sns:us-east-1:123456789012:approvals",
///             Message: { "token.$": "$$.Task.Token", "total.$": "$.total" },
///             HeartbeatSeconds: 3600,
///             Next: Save,
///         },
///         Save: dynamodb::PutItem {
///             TableName: "Orders",
///             Item: { "id": { "S.$": "$.order.id" } },
///             End: true,
///         },
///     }
/// }?;
/// let v = machine.to_value();
/// assert_eq!(v["States"]["Approve"]["Resource"], "arn:aws:states:::sns:publish.waitForTaskToken");
/// assert_eq!(v["States"]["Price"]["Parameters"]["Payload"]["order.$"], "$.order");
/// # Ok::<(), asl_kit::core::InvalidMachine>(())
/// ```
///
/// ```compile_fail
/// // error: field 'Mesage' is not a parameter of sns:publish; did you mean 'Message'?
/// let m = asl_kit::state_machine! {
///     StartAt: Tell,
///     States: { Tell: sns::Publish { TopicArn: "arn:aws:sns:us-east-1:123456789012:t", Mesage: "hi", End: true } }
/// };
/// ```
///
/// Any other API is an AWS SDK call, `aws_sdk::service::Action { .. }`
/// (`aws_sdk::s3::GetObject` is `arn:aws:states:::aws-sdk:s3:getObject`,
/// request-response): its parameters are written as given, and asl-core
/// checks only the resource. A parameter named like a Task field (the
/// `Output` of `sfn:sendTaskSuccess`), `.waitForTaskToken` on an SDK call,
/// and services whose resource name is not an identifier
/// (`emr-containers`) take the plain form,
/// `Task { Resource: "arn:aws:states:::…", Parameters: { .. } }`.
///
/// Still outside the macro (compile errors; build these with the builders):
/// `Trace: "ENABLED_FULL"` (no `asl_bedrock::Trace` value for it),
/// `"TrainingDataConfig.$"` / `"OutputDataConfig.$"` (a whole config from
/// a path), interpolated `ProcessorConfig` values, and any field not in
/// this table.
///
/// # Compile errors
///
/// Every ERROR of [`asl_core::validate()`] (and of [`bedrock::Bedrock`]) is a
/// compile error on the token that produced it: a `Next`, `Default`, `Catch`
/// target or `StartAt` naming no state, unreachable states, no terminal
/// state, duplicate names, `Body` and `Input` together, a missing `ModelId`,
/// a malformed path, an unknown intrinsic function or a wrong arity, a
/// JSONPath-only field in a JSONata state, and the rest.
///
/// ```compile_fail
/// let m = asl_kit::state_machine! {
///     StartAt: A,
///     States: { A: Pass { Next: Missing } }
/// };
/// ```
///
/// # Warnings
///
/// Every WARNING of the validator is a compiler warning on its token, printed
/// as the use of a deprecated item named after the warning's code (stable
/// Rust has no other way for a macro to warn):
///
/// ```text
/// warning: use of deprecated unit struct `main::NO_DOLLAR`: "$.a" looks like a path or an
///          intrinsic function, but the key 'x' does not end in '.$', so it is passed as a
///          literal string; name the key 'x.$' to evaluate it (at /States/A/Parameters/x)
/// ```
///
/// `#![allow(CODE, ...)]` at the start of the input silences those codes
/// (`#![allow(warnings)]` all of them); `#[allow(deprecated)]` works too, and
/// `#![deny(deprecated)]` makes them errors. `include_asl!` warns the same way.
///
/// ```
/// let machine = asl_kit::state_machine! {
///     #![allow(NO_DOLLAR)]
///     StartAt: A,
///     States: { A: Pass { Parameters: { "literal": "$.not_a_path" }, End: true } }
/// }?;
/// # Ok::<(), asl_kit::core::InvalidMachine>(())
/// ```
pub use asl_macros::state_machine;

/// Reads an ASL JSON definition at compile time, runs the full validator
/// (with the Bedrock rules) and evaluates to the typed
/// [`asl_core::StateMachine`]. The path is relative to the crate's manifest
/// directory (`CARGO_MANIFEST_DIR`). Each ERROR becomes a compile error that
/// names the file, the line, the JSON pointer and the message. The text is
/// embedded with `include_str!`, so rebuilds follow edits of the file.
///
/// ```
/// let machine = asl_kit::include_asl!("tests/fixtures/hello.asl.json");
/// assert_eq!(machine.start_at, "Hello");
/// ```
pub use asl_macros::include_asl;

/// Support for the macros' expansions. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use asl_aws as aws;
    pub use asl_bedrock as bedrock;
    pub use asl_core as core;
    pub use serde_json;

    use asl_core::{Dynamic, Jsonata, State, StateMachine, States};
    use serde_json::{Map, Number, Value};

    /// The `States` map, in order.
    pub fn states<const N: usize>(states: [(&str, State); N]) -> States {
        states
            .into_iter()
            .map(|(name, state)| (name.to_owned(), state))
            .collect()
    }

    /// A JSON object, keys in order.
    pub fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
        Value::Object(members(entries))
    }

    /// The members of a JSON object, keys in order (for the fields whose
    /// type is a map: a Task's other fields, typed-task parameters).
    pub fn members<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect()
    }

    /// A JSON number from a float literal (finite: checked at compile time).
    pub fn number(f: f64) -> Number {
        Number::from_f64(f).unwrap_or_else(|| Number::from(0))
    }

    /// A JSON value from a float literal.
    pub fn float(f: f64) -> Value {
        Value::Number(number(f))
    }

    /// A string literal where a `T` or an expression may stand: `{% %}` is
    /// JSONata, anything else a `${Name}` substitution (the validator
    /// rejected other strings at compile time).
    pub fn dynamic<T>(s: &str) -> Dynamic<T> {
        match Jsonata::parse(s) {
            Some(j) => Dynamic::Jsonata(j),
            None => Dynamic::Substitution(s.to_owned()),
        }
    }

    /// A string field that may be JSONata or a substitution.
    pub fn dynamic_string(s: &str) -> Dynamic<String> {
        match Jsonata::parse(s) {
            Some(j) => Dynamic::Jsonata(j),
            None if asl_core::is_substitution(s) => Dynamic::Substitution(s.to_owned()),
            None => Dynamic::Value(s.to_owned()),
        }
    }

    /// A literal request value of a typed AWS task, read as its reader
    /// (`TryFrom<&Task>`) reads it: in JSONata a `{% %}` string is an
    /// expression, a `${Name}` string a substitution, anything else the
    /// literal. The validator checked the literal's type at compile time;
    /// the fallback (a substitution) is never taken.
    pub fn request_value<T: asl_core::integration::Literal>(v: Value, jsonata: bool) -> Dynamic<T> {
        if let Value::String(s) = &v {
            if jsonata {
                if let Some(j) = Jsonata::parse(s.as_str()) {
                    return Dynamic::Jsonata(j);
                }
            }
            if asl_core::is_substitution(s) {
                return Dynamic::Substitution(s.clone());
            }
        }
        match T::from_json(&v) {
            Ok(t) => Dynamic::Value(t),
            Err(_) => {
                Dynamic::Substitution(v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            }
        }
    }

    /// `Input: { S3Uri: "s3://…" }`. The literal was checked at compile time
    /// by the Bedrock rules, so the fallback (the URI as a run-time path) is
    /// never taken.
    pub fn s3_input(uri: &str) -> bedrock::ModelInput {
        match bedrock::S3Uri::new(uri) {
            Ok(u) => bedrock::ModelInput::S3(u),
            Err(_) => bedrock::ModelInput::S3(bedrock::S3Uri::path(uri)),
        }
    }

    /// An `S3Uri` literal (`ModelOutput`, `TrainingDataConfig`, …), checked
    /// at compile time by the Bedrock rules; the fallback is never taken.
    pub fn s3_uri(uri: &str) -> bedrock::S3Uri {
        bedrock::S3Uri::new(uri).unwrap_or_else(|_| bedrock::S3Uri::path(uri))
    }

    /// A `GuardrailVersion` literal: `"DRAFT"` or `"1"`..`"99999999"`
    /// (checked at compile time; the fallback, `DRAFT`, is never taken).
    pub fn guardrail_version(v: &str) -> bedrock::GuardrailVersion {
        v.parse::<u32>()
            .ok()
            .and_then(bedrock::GuardrailVersion::number)
            .unwrap_or(bedrock::GuardrailVersion::DRAFT)
    }

    /// What an interpolated `GuardrailVersion: (expr)` may be.
    pub trait GuardrailVersionArg {
        /// The request field.
        fn into_field(self) -> bedrock::Dynamic<bedrock::GuardrailVersion>;
    }

    impl GuardrailVersionArg for bedrock::GuardrailVersion {
        fn into_field(self) -> bedrock::Dynamic<bedrock::GuardrailVersion> {
            bedrock::Dynamic::Value(self)
        }
    }

    impl GuardrailVersionArg for bedrock::Dynamic<bedrock::GuardrailVersion> {
        fn into_field(self) -> bedrock::Dynamic<bedrock::GuardrailVersion> {
            self
        }
    }

    /// What `state_machine!` evaluates to after a compile error (never run:
    /// the crate does not compile), so that no follow-on type errors appear.
    pub fn stub() -> Result<StateMachine, asl_core::InvalidMachine> {
        StateMachine::builder()
            .start_at("")
            .states(States::new())
            .build()
    }

    /// What `include_asl!` evaluates to after a compile error (never run).
    pub fn stub_machine() -> StateMachine {
        match stub() {
            Ok(m) => m,
            Err(e) => e.into_machine(),
        }
    }

    /// `include_asl!`: parses a definition that was validated at compile
    /// time. The parse cannot fail (the validator parsed the same text and
    /// found no error); should it, the lenient model is returned.
    pub fn included(text: &str) -> StateMachine {
        match asl_core::from_str(text) {
            Ok(m) => m,
            Err(_) => asl_core::parse_lenient(text)
                .machine
                .unwrap_or_else(stub_machine),
        }
    }
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
