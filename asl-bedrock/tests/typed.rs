//! The typed Bedrock tasks: golden vector 1, the IAM vectors built from
//! typed tasks, JSONata output, and the validator.

mod common;
use common::{policy, raw, uri, validate_in};

use asl_bedrock::{
    Bedrock, CreateModelCustomizationJob, Dynamic, Guardrail, GuardrailVersion, InvokeModel,
    ModelId, ModelInput, RequestResponse, RunJob, S3Uri, Tag, Trace,
};
use asl_core::integration::{Integration, TaskContext};
use asl_core::{Diagnostic, PayloadTemplate, QueryLanguage, ReferencePath, State, Task};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

/// Golden vector 1 of the Bedrock integration page, as ASL.
fn golden_vector_1() -> Value {
    json!({
        "Type": "Task",
        "Resource": "arn:aws:states:::bedrock:invokeModel",
        "Parameters": {
            "ModelId": "cohere.command-text-v14",
            "Body": {"prompt.$": "$.prompt_one", "max_tokens": 250},
            "ContentType": "application/json",
            "Accept": "*/*"
        },
        "ResultPath": "$.result_one",
        "ResultSelector": {"result_one.$": "$.Body.generations[0].text"},
        "End": true
    })
}

#[test]
fn golden_vector_1_with_the_typed_invoke_model() {
    let mut task: Task = InvokeModel::builder()
        .model_id("cohere.command-text-v14")
        .input(json!({"prompt.$": "$.prompt_one", "max_tokens": 250}))
        .content_type("application/json")
        .accept("*/*")
        .build()
        .into();
    task.result_path = Some(Some(ReferencePath::new("$.result_one")));
    task.result_selector = Some(PayloadTemplate::from(
        json!({"result_one.$": "$.Body.generations[0].text"}),
    ));
    assert_eq!(asl_core::to_value(&State::from(task)), golden_vector_1());
}

#[test]
fn typed_vectors_2_3_4() {
    let invoke = |m: ModelId| -> Task {
        InvokeModel::builder()
            .model_id(m)
            .input(json!({"inputText.$": "$.prompt"}))
            .build()
            .into()
    };
    let one = |resources: Value| {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Sid": "InvokeModel1",
            "Action": ["bedrock:InvokeModel"], "Resource": resources}]})
    };
    assert_eq!(
        policy(invoke("amazon.titan-text-express-v1".into())),
        one(json!([
            "arn:aws:bedrock:us-east-2::foundation-model/amazon.titan-text-express-v1"
        ]))
    );
    let prov = "arn:aws:bedrock:us-east-2:123456789012:provisioned-model/c2oi931ulksx";
    assert_eq!(policy(invoke(prov.into())), one(json!([prov])));
    let full = one(json!([
        "arn:aws:bedrock:us-east-2::foundation-model/*",
        "arn:aws:bedrock:us-east-2:123456789012:provisioned-model/*"
    ]));
    assert_eq!(policy(invoke(ModelId::path("$.model"))), full);
    assert_eq!(
        policy(invoke(ModelId::jsonata("$states.input.model"))),
        full
    );
}

fn job<P: asl_bedrock::IntegrationPattern>(
    base: Dynamic<String>,
) -> CreateModelCustomizationJob<P> {
    CreateModelCustomizationJob::<P>::builder()
        .job_name("my-job")
        .custom_model_name("my-model")
        .role_arn("arn:aws:iam::123456789012:role/myRole")
        .base_model_identifier(base)
        .training_data_config(uri("s3://bucket/train.jsonl"))
        .output_data_config(uri("s3://bucket/out/"))
        .build()
}

#[test]
fn typed_vectors_8_and_5() {
    let fm = "arn:aws:bedrock:us-east-2::foundation-model/amazon.titan-text-express-v1";
    let custom = "arn:aws:bedrock:us-east-2:123456789012:custom-model/*";
    let jobs = "arn:aws:bedrock:us-east-2:123456789012:model-customization-job/*";
    let role = "arn:aws:iam::123456789012:role/myRole";
    // Both patterns: the create statement first, the role's PassRole last
    // (numbered after what comes between).
    let create = json!({"Effect": "Allow", "Sid": "CreateModelCustomizationJob1",
        "Action": ["bedrock:CreateModelCustomizationJob"], "Resource": [fm, custom, jobs]});
    let pass_role = |n: usize| {
        json!({"Effect": "Allow", "Sid": format!("CreateModelCustomizationJob{n}"),
            "Action": ["iam:PassRole"], "Resource": [role]})
    };
    assert_eq!(
        policy(job::<RunJob>("amazon.titan-text-express-v1".into()).into()),
        json!({"Version": "2012-10-17", "Statement": [
            create,
            {"Effect": "Allow", "Sid": "CreateModelCustomizationJob2",
             "Action": ["bedrock:GetModelCustomizationJob", "bedrock:StopModelCustomizationJob"],
             "Resource": [jobs]},
            pass_role(3)
        ]})
    );
    assert_eq!(
        policy(job::<RequestResponse>("amazon.titan-text-express-v1".into()).into()),
        json!({"Version": "2012-10-17", "Statement": [create, pass_role(2)]})
    );
}

#[test]
fn jsonata_invoke_model_with_every_field() {
    let task = InvokeModel::builder()
        .model_id(ModelId::jsonata("$states.input.model"))
        .input(ModelInput::S3(S3Uri::path("$.request_uri")))
        .output(uri("s3://bucket/responses/"))
        .accept("application/json")
        .guardrail(Guardrail::new("abc123", GuardrailVersion::DRAFT))
        .trace(Trace::Enabled)
        .build()
        .into_task(QueryLanguage::JsonPath);
    assert_eq!(
        asl_core::to_value(&State::from(task.clone())),
        json!({
            "Type": "Task",
            "QueryLanguage": "JSONata",
            "Resource": "arn:aws:states:::bedrock:invokeModel",
            "Arguments": {
                "ModelId": "{% $states.input.model %}",
                "Input": {"S3Uri": "{% $states.input.request_uri %}"},
                "Output": {"S3Uri": "s3://bucket/responses/"},
                "Accept": "application/json",
                "GuardrailIdentifier": "abc123",
                "GuardrailVersion": "DRAFT",
                "Trace": "ENABLED"
            },
            "End": true
        })
    );
    assert_eq!(
        validate(&task, QueryLanguage::Jsonata),
        Vec::<String>::new()
    );
}

#[test]
fn customization_job_tags_add_tag_resource() {
    let mut j = job::<RequestResponse>(Dynamic::path("$.base"));
    j.job_tags.push(Tag::new("team", "ml"));
    let p = policy(j.into());
    assert_eq!(
        p.pointer("/Statement/0/Action"),
        Some(&json!([
            "bedrock:CreateModelCustomizationJob",
            "bedrock:TagResource"
        ]))
    );
}

fn validate(task: &Task, ql: QueryLanguage) -> Vec<String> {
    validate_in(task, ql, None)
}

#[test]
fn validator_invoke_model_rules() {
    let r = "arn:aws:states:::bedrock:invokeModel";
    assert_eq!(
        validate(&raw(r, json!({"Body": {}})), QueryLanguage::JsonPath),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: bedrock:invokeModel requires 'Parameters.ModelId'"]
    );
    assert_eq!(
        validate(
            &raw(r, json!({"ModelId": "m", "Body": {}, "Input": {"S3Uri": "s3://b/k"}})),
            QueryLanguage::JsonPath
        ),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Input: 'Parameters.Body' and 'Parameters.Input' exclude each other: give the request inline in 'Body' or in S3 with 'Input', not both"]
    );
    assert_eq!(
        validate(&raw(r, json!({"ModelId.$": "$.m"})), QueryLanguage::JsonPath),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: bedrock:invokeModel requires 'Parameters.Body' or 'Parameters.Input'"]
    );
    assert_eq!(
        validate(
            &raw(r, json!({"ModelId": "m", "Input": {"S3Uri": "bucket/k"}, "GuardrailIdentifier": "g", "GuardrailVersion": "0"})),
            QueryLanguage::JsonPath
        ),
        [
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Input/S3Uri: 'Parameters.Input.S3Uri' must start with 's3://', got 'bucket/k'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/GuardrailVersion: 'Parameters.GuardrailVersion' must be \"DRAFT\" or a version number 1..99999999, got '0'",
        ]
    );
    assert_eq!(
        validate(&raw(r, json!({"ModelId": "m", "Body": "x", "GuardrailIdentifier": "g"})), QueryLanguage::JsonPath),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/GuardrailIdentifier: 'Parameters.GuardrailIdentifier' needs 'Parameters.GuardrailVersion'"]
    );
    // A literal that cannot name a model: a forgotten `.$`, or JSONata in a
    // JSONPath state. Ids, inference profiles and ARNs pass.
    assert_eq!(
        validate(&raw(r, json!({"ModelId": "{% $model %}", "Body": {}})), QueryLanguage::JsonPath),
        ["WARNING INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/ModelId: 'Parameters.ModelId' is the literal \"{% $model %}\", which is not a model id, an inference profile id or an ARN (Bedrock accepts letters, digits and '.', '-', '_', ':', '/'): the call would fail at run time; to compute the model, use a path or a JSONata expression"]
    );
    for ok in [
        "anthropic.claude-3-haiku-20240307-v1:0",
        "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
        "${ModelArn}",
    ] {
        let body = json!({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 10, "messages.$": "$.m"});
        assert_eq!(
            validate(
                &raw(r, json!({"ModelId": ok, "Body": body})),
                QueryLanguage::JsonPath
            ),
            Vec::<String>::new(),
            "{ok}"
        );
    }
    // A raw body of a known family without its required fields (a `.$`
    // field counts as given).
    assert_eq!(
        validate(
            &raw(r, json!({"ModelId": "anthropic.claude-3-haiku-20240307-v1:0", "Body": {"messages.$": "$.m"}})),
            QueryLanguage::JsonPath
        ),
        ["WARNING INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/Body: 'Parameters.Body' has no 'anthropic_version' or 'max_tokens', which AnthropicMessages models require: Bedrock would reject the request at run time (the typed bodies, such as asl_bedrock::ClaudeMessages, always write them)"]
    );
    assert_eq!(
        validate(
            &raw(
                r,
                json!({"ModelId": "amazon.titan-text-express-v1", "Body": {"inputText.$": "$.q"}})
            ),
            QueryLanguage::JsonPath
        ),
        Vec::<String>::new()
    );
    let big = "x".repeat(300 * 1024);
    assert_eq!(
        validate(
            &raw(r, json!({"ModelId": "m", "Body": {"p": big}})),
            QueryLanguage::JsonPath
        )
        .len(),
        1
    );
    let jsonata = Task::builder()
        .resource(r)
        .arguments(json!({"Body": "{% $states.input %}"}))
        .build();
    assert_eq!(
        validate(&jsonata, QueryLanguage::Jsonata),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Arguments: bedrock:invokeModel requires 'Arguments.ModelId'"]
    );
    assert_eq!(
        validate(
            &raw("arn:aws:states:::bedrock:invokeModel.sync", json!({})),
            QueryLanguage::JsonPath
        )
        .len(),
        1
    );
}

#[test]
fn validator_customization_rules() {
    let r = "arn:aws:states:::bedrock:createModelCustomizationJob.sync";
    assert_eq!(
        validate(&raw(r, json!({"JobName": "j", "RoleArn": "role", "OutputDataConfig": {}})), QueryLanguage::JsonPath),
        [
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: bedrock:createModelCustomizationJob requires 'Parameters.CustomModelName'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: bedrock:createModelCustomizationJob requires 'Parameters.BaseModelIdentifier'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters: bedrock:createModelCustomizationJob requires 'Parameters.TrainingDataConfig'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/RoleArn: 'Parameters.RoleArn' must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME), got 'role'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/OutputDataConfig: 'Parameters.OutputDataConfig' needs 'S3Uri'",
        ]
    );
    let typed: Task = job::<RunJob>("amazon.titan-text-express-v1".into()).into();
    assert_eq!(
        validate(&typed, QueryLanguage::JsonPath),
        Vec::<String>::new()
    );
}

#[test]
fn golden_vector_1_with_a_typed_body_and_the_family_result_path() {
    let invoke = InvokeModel::builder()
        .model_id("cohere.command-text-v14")
        .input(
            asl_bedrock::PromptBody::cohere_command(Dynamic::path("$.prompt_one")).max_tokens(250),
        )
        .content_type("application/json")
        .accept("*/*")
        .build();
    let text = invoke.family().map(asl_bedrock::ModelFamily::text_path);
    let mut task: Task = invoke.into();
    task.result_path = Some(Some(ReferencePath::new("$.result_one")));
    task.result_selector = text.map(|p| PayloadTemplate::from(json!({"result_one.$": p})));
    assert_eq!(asl_core::to_value(&State::from(task)), golden_vector_1());
}

#[test]
fn jsonpath_body_is_rewritten_for_jsonata() {
    let task = InvokeModel::builder()
        .model_id("anthropic.claude-3-haiku-20240307-v1:0")
        .input(asl_bedrock::ClaudeMessages::new(
            100,
            vec![asl_bedrock::Message::user(Dynamic::path(
                "$$.Execution.Input.q",
            ))],
        ))
        .build()
        .into_task(QueryLanguage::Jsonata);
    assert_eq!(
        task.arguments,
        Some(json!({
            "ModelId": "anthropic.claude-3-haiku-20240307-v1:0",
            "Body": {
                "anthropic_version": "bedrock-2023-05-31",
                "max_tokens": 100,
                "messages": [{"role": "user", "content": "{% $states.context.Execution.Input.q %}"}]
            }
        }))
    );
}

#[test]
fn validator_rejects_sync_in_express_machines() {
    let task: Task = job::<RunJob>("amazon.titan-text-express-v1".into()).into();
    let cx = TaskContext {
        name: "T",
        pointer: "/States/T",
        query_language: QueryLanguage::JsonPath,
        machine_type: Some(asl_core::MachineType::Express),
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    Bedrock::default().validate(&task, &cx, &mut out);
    assert_eq!(
        out.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["ERROR EXPRESS_UNSUPPORTED at /States/T/Resource: EXPRESS state machines do not support the '.sync' pattern of bedrock:createModelCustomizationJob"]
    );
}
