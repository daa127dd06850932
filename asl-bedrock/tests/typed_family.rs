//! Issue #4: bodies bound to the model family, `.sync`-only result
//! accessors, CreateModelCustomizationJob format checks and the IAM of
//! S3 input/output and guardrails from typed tasks.

mod common;
use common::{policy, raw, uri, validate_in};

use asl_bedrock::family::{self, Model, Prompt};
use asl_bedrock::models::{amazon, anthropic, catalogue, cohere, meta, mistral};
use asl_bedrock::{
    is_client_request_token, is_custom_model_name, is_job_name, ClaudeMessages,
    CreateModelCustomizationJob, Dynamic, Guardrail, GuardrailVersion, InvalidVpcConfig,
    InvokeModel, Message, ModelFamily, ModelId, ModelInput, NovaMessages, RequestResponse, RunJob,
    S3Uri, TitanEmbeddings, TitanText, Trace, VpcConfig,
};
use asl_core::{MachineType, QueryLanguage, Task};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

fn validate(task: &Task) -> Vec<String> {
    validate_in(task, QueryLanguage::JsonPath, None)
}

// ---------------------------------------------------------------- families

#[test]
fn every_catalogue_model_is_of_its_declared_family() {
    let all = catalogue();
    assert!(all.len() >= 30);
    for (id, fam) in all {
        assert_eq!(ModelFamily::of(id), Some(fam), "{id}");
        assert_eq!(ModelFamily::of(&format!("us.{id}")), Some(fam), "us.{id}");
    }
}

#[test]
fn typed_invoke_model_for_each_body_family() {
    let claude = InvokeModel::typed(
        anthropic::CLAUDE_3_HAIKU,
        ClaudeMessages::new(100, vec![Message::user(Dynamic::path("$.q"))]),
    );
    assert_eq!(
        claude.request(QueryLanguage::JsonPath),
        json!({
            "ModelId": "anthropic.claude-3-haiku-20240307-v1:0",
            "Body": {
                "anthropic_version": "bedrock-2023-05-31",
                "max_tokens": 100,
                "messages": [{"role": "user", "content.$": "$.q"}]
            }
        })
    );
    assert_eq!(claude.family(), Some(ModelFamily::AnthropicMessages));

    let titan = InvokeModel::typed(amazon::TITAN_TEXT_LITE, TitanText::new("Hi"));
    assert_eq!(titan.family(), Some(ModelFamily::TitanText));

    // Titan embeddings bodies fit both embedding generations.
    let v1 = InvokeModel::typed(amazon::TITAN_EMBED_TEXT_V1, TitanEmbeddings::new("x"));
    let v2 = InvokeModel::typed(amazon::TITAN_EMBED_TEXT_V2, TitanEmbeddings::new("x"));
    assert_eq!(v1.family(), Some(ModelFamily::TitanEmbeddingsV1));
    assert_eq!(v2.family(), Some(ModelFamily::TitanEmbeddingsV2));

    let nova = InvokeModel::typed(
        amazon::NOVA_LITE,
        NovaMessages::new(vec![Message::user("Hi")]),
    );
    assert_eq!(
        nova.request(QueryLanguage::JsonPath),
        json!({"ModelId": "amazon.nova-lite-v1:0",
               "Body": {"messages": [{"role": "user", "content": [{"text": "Hi"}]}]}})
    );

    let llama = InvokeModel::typed(
        meta::LLAMA3_8B_INSTRUCT,
        Prompt::<family::Llama>::new("Hi").max_tokens(64),
    );
    assert_eq!(
        llama.request(QueryLanguage::JsonPath),
        json!({"ModelId": "meta.llama3-8b-instruct-v1:0", "Body": {"prompt": "Hi", "max_gen_len": 64}})
    );
    let command_r = InvokeModel::typed(
        cohere::COMMAND_R,
        Prompt::<family::CohereCommandR>::new(Dynamic::path("$.m")).temperature(0.5),
    );
    assert_eq!(
        command_r.request(QueryLanguage::JsonPath),
        json!({"ModelId": "cohere.command-r-v1:0", "Body": {"message.$": "$.m", "temperature": 0.5}})
    );
    let mistral = InvokeModel::typed(
        mistral::MISTRAL_7B_INSTRUCT,
        Prompt::<family::Mistral>::new("<s>[INST] Hi [/INST]"),
    );
    assert_eq!(mistral.family(), Some(ModelFamily::Mistral));
}

#[test]
fn golden_vector_1_through_the_typed_path() {
    let task: Task = InvokeModel::typed(
        cohere::COMMAND_TEXT,
        Prompt::<family::CohereCommand>::new(Dynamic::path("$.prompt_one")).max_tokens(250),
    )
    .with_content_type("application/json")
    .with_accept("*/*")
    .into();
    assert_eq!(
        task.parameters.map(|p| p.0),
        Some(json!({
            "ModelId": "cohere.command-text-v14",
            "Body": {"prompt.$": "$.prompt_one", "max_tokens": 250},
            "ContentType": "application/json",
            "Accept": "*/*"
        }))
    );
}

#[test]
fn model_ids_outside_the_catalogue() {
    let profile =
        Model::<family::AnthropicMessages>::new("eu.anthropic.claude-3-7-sonnet-20250219-v1:0");
    assert!(profile.is_ok());
    let wrong = Model::<family::Nova>::new("anthropic.claude-3-haiku-20240307-v1:0");
    assert_eq!(
        wrong.map_err(|e| e.to_string()),
        Err("model 'anthropic.claude-3-haiku-20240307-v1:0' is of family AnthropicMessages, not Nova".to_string())
    );
    let unknown = Model::<family::Nova>::new(
        "arn:aws:bedrock:us-east-2:123456789012:provisioned-model/c2oi931ulksx",
    );
    assert!(unknown.is_err());
    let provisioned = Model::<family::Nova>::assume(
        "arn:aws:bedrock:us-east-2:123456789012:provisioned-model/c2oi931ulksx",
    );
    assert_eq!(provisioned.family(), ModelFamily::Nova);
    let invoke = InvokeModel::typed(provisioned.clone(), NovaMessages::new(vec![]));
    assert!(matches!(invoke.model_id, ModelId::Arn(_)));
    // A `Model<F>` also goes into the untyped builder.
    let untyped = InvokeModel::builder()
        .model_id(amazon::NOVA_PRO)
        .input(ModelInput::S3(uri("s3://bucket/request.json")))
        .build();
    assert_eq!(
        untyped.model_id,
        ModelId::Foundation("amazon.nova-pro-v1:0".into())
    );
    assert_eq!(amazon::NOVA_PRO.to_string(), "amazon.nova-pro-v1:0");
    assert_eq!(amazon::NOVA_PRO.id(), "amazon.nova-pro-v1:0");
}

// --------------------------------------------------------- .sync accessors

fn job<P: asl_bedrock::IntegrationPattern>() -> CreateModelCustomizationJob<P> {
    CreateModelCustomizationJob::<P>::builder()
        .job_name("my-job")
        .custom_model_name("my-model")
        .role_arn("arn:aws:iam::123456789012:role/myRole")
        .base_model_identifier("amazon.titan-text-express-v1")
        .training_data_config(uri("s3://bucket/train.jsonl"))
        .output_data_config(uri("s3://bucket/out/"))
        .build()
}

#[test]
fn sync_result_accessors() {
    let sync = job::<RunJob>();
    assert_eq!(sync.job_arn_path(), "$.JobArn");
    assert_eq!(sync.status_path(), "$.Status");
    assert_eq!(sync.output_model_arn_path(), "$.OutputModelArn");
    assert_eq!(sync.output_model_name_path(), "$.OutputModelName");
    assert_eq!(
        sync.output_model_arn_jsonata(),
        "{% $states.result.OutputModelArn %}"
    );
    assert_eq!(
        sync.final_job_output(),
        json!({
            "JobArn": "{% $states.result.JobArn %}",
            "JobName": "{% $states.result.JobName %}",
            "Status": "{% $states.result.Status %}",
            "OutputModelArn": "{% $states.result.OutputModelArn %}",
            "OutputModelName": "{% $states.result.OutputModelName %}"
        })
    );
    let rr = job::<RequestResponse>();
    assert_eq!(rr.job_arn_path(), "$.JobArn");
    assert_eq!(rr.job_arn_jsonata(), "{% $states.result.JobArn %}");
}

#[test]
fn sync_is_an_error_in_express_machines_only() {
    let sync: Task = job::<RunJob>().into();
    let rr: Task = job::<RequestResponse>().into();
    assert_eq!(
        validate_in(&sync, QueryLanguage::JsonPath, Some(MachineType::Express)),
        ["ERROR EXPRESS_UNSUPPORTED at /States/T/Resource: EXPRESS state machines do not support the '.sync' pattern of bedrock:createModelCustomizationJob"]
    );
    assert_eq!(
        validate_in(&sync, QueryLanguage::JsonPath, Some(MachineType::Standard)),
        Vec::<String>::new()
    );
    assert_eq!(
        validate_in(&rr, QueryLanguage::JsonPath, Some(MachineType::Express)),
        Vec::<String>::new()
    );
}

// ------------------------------------------------------------ format checks

#[test]
fn name_and_token_formats() {
    for ok in ["a", "my-job", "Job.1+2", "a--b", "a-", &"j".repeat(63)] {
        assert!(is_job_name(ok), "{ok}");
    }
    for bad in ["", "-a", ".a", "a b", "a_b", "é", &"j".repeat(64)] {
        assert!(!is_job_name(bad), "{bad}");
    }
    for ok in ["m", "my_model-2", "a-b_c-", "A1", &"m".repeat(63)] {
        assert!(is_custom_model_name(ok), "{ok}");
    }
    for bad in [
        "",
        "_m",
        "-m",
        "m__n",
        "m-_n",
        "m.n",
        "m n",
        &"m".repeat(64),
    ] {
        assert!(!is_custom_model_name(bad), "{bad}");
    }
    for ok in ["a", "a1", "a-b-c", &"t".repeat(256)] {
        assert!(is_client_request_token(ok), "{ok}");
    }
    for bad in ["", "-a", "a-", "a_b", "a.b", &"t".repeat(257)] {
        assert!(!is_client_request_token(bad), "{bad}");
    }
}

/// A customization job's `Parameters`: `names` (`JobName`, `CustomModelName`),
/// the role, base model and data configs every case shares, then `more`.
fn job_parameters(names: Value, more: Value) -> Value {
    let shared = json!({
        "RoleArn": "arn:aws:iam::123456789012:role/myRole",
        "BaseModelIdentifier": "amazon.titan-text-express-v1",
        "TrainingDataConfig": {"S3Uri": "s3://bucket/train.jsonl"},
        "OutputDataConfig": {"S3Uri": "s3://bucket/out/"}
    });
    let members = [names, shared, more]
        .into_iter()
        .filter_map(|part| match part {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .flatten();
    Value::Object(members.collect())
}

#[test]
fn validator_checks_customization_formats() {
    let r = "arn:aws:states:::bedrock:createModelCustomizationJob";
    let base = job_parameters(
        json!({"JobName": "my job", "CustomModelName": "my__model"}),
        json!({
            "ClientRequestToken": "token_1",
            "VpcConfig": {"SubnetIds": [], "SecurityGroupIds": ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"]}
        }),
    );
    assert_eq!(
        validate(&raw(r, base)),
        [
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/JobName: 'Parameters.JobName' must match [a-zA-Z0-9](-*[a-zA-Z0-9+\\-.])* (letters, digits, '+', '-', '.'; starting with a letter or digit), got 'my job'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/CustomModelName: 'Parameters.CustomModelName' must match ([0-9a-zA-Z][_-]?){1,63} (letters and digits, each followed by at most one '_' or '-'), got 'my__model'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/ClientRequestToken: 'Parameters.ClientRequestToken' must be 1 to 256 letters, digits and '-', starting and ending with a letter or digit, got 'token_1'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/VpcConfig/SubnetIds: 'Parameters.VpcConfig.SubnetIds' must hold 1 to 16 ids, got 0",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/VpcConfig/SecurityGroupIds: 'Parameters.VpcConfig.SecurityGroupIds' must hold 1 to 5 ids, got 6",
        ]
    );
    // Missing VpcConfig members, and dynamic values (not checked).
    let fields = job_parameters(
        json!({"JobName": "j", "CustomModelName.$": "$.name"}),
        json!({
            "ClientRequestToken.$": "$$.Execution.Name",
            "VpcConfig": {"SubnetIds.$": "$.subnets"}
        }),
    );
    assert_eq!(
        validate(&raw(r, fields)),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/VpcConfig: 'Parameters.VpcConfig' needs 'SecurityGroupIds'"]
    );
    // Validators and tags bounds.
    let many = job_parameters(
        json!({"JobName": "j", "CustomModelName": "m"}),
        json!({
            "ValidationDataConfig": {"Validators": vec![json!({"S3Uri": "s3://b/v"}); 11]},
            "JobTags": vec![json!({"Key": "k", "Value": "v"}); 201]
        }),
    );
    assert_eq!(
        validate(&raw(r, many)),
        [
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/ValidationDataConfig/Validators: 'Parameters.ValidationDataConfig.Validators' holds at most 10 entries",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/T/Parameters/JobTags: 'Parameters.JobTags' holds at most 200 tags",
        ]
    );
}

#[test]
fn typed_vpc_config_and_problems() -> Result<(), InvalidVpcConfig> {
    assert_eq!(
        VpcConfig::new(vec!["subnet-1"; 17], ["sg-1"]).map_err(|e| e.to_string()),
        Err("'VpcConfig.SubnetIds' must hold 1 to 16 ids, got 17".to_string())
    );
    assert_eq!(
        VpcConfig::new(["subnet-1"], Vec::<String>::new()).map_err(|e| e.to_string()),
        Err("'VpcConfig.SecurityGroupIds' must hold 1 to 5 ids, got 0".to_string())
    );
    assert_eq!(
        VpcConfig::new(["subnet-1"], ["sg-".repeat(11)]).map_err(|e| e.to_string()),
        Err(format!(
            "'VpcConfig.SecurityGroupIds' ids must be 1 to 32 characters, got '{}'",
            "sg-".repeat(11)
        ))
    );
    let mut j = job::<RunJob>();
    j.vpc_config = Some(VpcConfig::new(["subnet-1", "subnet-2"], ["sg-1"])?);
    j.client_request_token = Some(Dynamic::Value("req-1".into()));
    assert!(j.problems().is_empty());
    let task: Task = j.into();
    assert_eq!(
        task.parameters
            .as_ref()
            .and_then(|p| p.0.get("VpcConfig"))
            .cloned(),
        Some(json!({"SubnetIds": ["subnet-1", "subnet-2"], "SecurityGroupIds": ["sg-1"]}))
    );
    let mut bad = job::<RequestResponse>();
    bad.custom_model_name = Dynamic::Value("my.model".into());
    assert_eq!(
        bad.problems().iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        ["ERROR INVALID_INTEGRATION_PARAMETERS at /Parameters/CustomModelName: 'Parameters.CustomModelName' must match ([0-9a-zA-Z][_-]?){1,63} (letters and digits, each followed by at most one '_' or '-'), got 'my.model'"]
    );
    Ok(())
}

// ------------------------------------------------------------- IAM S3/guardrail

#[test]
fn iam_for_typed_s3_input_output_and_guardrail() {
    let task: Task = InvokeModel::builder()
        .model_id(amazon::TITAN_TEXT_EXPRESS)
        .input(ModelInput::S3(uri("s3://requests/in/prompt.json")))
        .output(uri("s3://responses/out/"))
        .guardrail(Guardrail::new(
            "arn:aws:bedrock:us-east-2:123456789012:guardrail/abc123",
            GuardrailVersion::number(2).unwrap_or(GuardrailVersion::DRAFT),
        ))
        .trace(Trace::Enabled)
        .build()
        .into();
    assert_eq!(
        policy(task.clone()),
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Sid": "InvokeModel1", "Action": ["bedrock:InvokeModel"],
             "Resource": ["arn:aws:bedrock:us-east-2::foundation-model/amazon.titan-text-express-v1"]},
            {"Effect": "Allow", "Sid": "InvokeModel2", "Action": ["s3:GetObject"],
             "Resource": ["arn:aws:s3:::requests/in/prompt.json"]},
            {"Effect": "Allow", "Sid": "InvokeModel3", "Action": ["s3:PutObject"],
             "Resource": ["arn:aws:s3:::responses/out/*"]},
            {"Effect": "Allow", "Sid": "InvokeModel4", "Action": ["bedrock:ApplyGuardrail"],
             "Resource": ["arn:aws:bedrock:us-east-2:123456789012:guardrail/abc123"]}
        ]})
    );
    assert_eq!(validate(&task), Vec::<String>::new());
}

#[test]
fn iam_for_dynamic_s3_and_guardrail() {
    let task: Task = InvokeModel::typed(
        amazon::TITAN_TEXT_EXPRESS,
        TitanText::new(Dynamic::path("$.prompt")),
    )
    .with_output(S3Uri::path("$.out"))
    .with_guardrail(Guardrail {
        identifier: Dynamic::path("$.guardrail"),
        version: Dynamic::Value(GuardrailVersion::DRAFT),
    })
    .into();
    let p = policy(task);
    assert_eq!(
        p.pointer("/Statement/1"),
        Some(
            &json!({"Effect": "Allow", "Sid": "InvokeModel2", "Action": ["s3:PutObject"],
                     "Resource": ["arn:aws:s3:::*"]})
        )
    );
    assert_eq!(
        p.pointer("/Statement/2"),
        Some(
            &json!({"Effect": "Allow", "Sid": "InvokeModel3", "Action": ["bedrock:ApplyGuardrail"],
                     "Resource": ["arn:aws:bedrock:us-east-2:123456789012:guardrail/*"]})
        )
    );
    assert_eq!(p.pointer("/Statement/3"), None);
    // A static guardrail id (not an ARN) is scoped to this account.
    let by_id: Task = InvokeModel::typed(amazon::NOVA_MICRO, NovaMessages::new(vec![]))
        .with_guardrail(Guardrail::new("gr1abc", GuardrailVersion::DRAFT))
        .into();
    assert_eq!(
        policy(by_id).pointer("/Statement/1/Resource"),
        Some(&json!([
            "arn:aws:bedrock:us-east-2:123456789012:guardrail/gr1abc"
        ]))
    );
    // A dynamic `Input.S3Uri` cannot be scoped to a bucket.
    let dynamic_input: Task = InvokeModel::builder()
        .model_id(amazon::NOVA_MICRO)
        .input(ModelInput::S3(S3Uri::path("$.request")))
        .build()
        .into();
    assert_eq!(
        policy(dynamic_input).pointer("/Statement/1"),
        Some(
            &json!({"Effect": "Allow", "Sid": "InvokeModel2", "Action": ["s3:GetObject"],
                     "Resource": ["arn:aws:s3:::*"]})
        )
    );
}
