//! Golden vectors 2–10 of the Bedrock integration page: the execution-role
//! policies AWS generates, reproduced exactly (Sids included).

use asl_core::iam::policy_for;
use asl_core::integration::AwsEnvironment;
use asl_core::{Chain, StateMachine, Task};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

const ACCOUNT: &str = "123456789012";
const ROLE: &str = "arn:aws:iam::123456789012:role/myRole";
const FM: &str = "arn:aws:bedrock:us-east-2::foundation-model/amazon.titan-text-express-v1";
const FM_ALL: &str = "arn:aws:bedrock:us-east-2::foundation-model/*";
const CUSTOM_ALL: &str = "arn:aws:bedrock:us-east-2:123456789012:custom-model/*";
const JOBS_ALL: &str = "arn:aws:bedrock:us-east-2:123456789012:model-customization-job/*";

fn env() -> AwsEnvironment {
    AwsEnvironment {
        partition: "aws".into(),
        region: "us-east-2".into(),
        account: ACCOUNT.into(),
    }
}

fn machine(resource: &str, parameters: Value) -> StateMachine {
    Chain::start(
        "Bedrock",
        Task::builder()
            .resource(resource)
            .parameters(parameters)
            .build(),
    )
    .into_machine()
}

fn policy(m: &StateMachine) -> Value {
    serde_json::to_value(policy_for(m, &env())).unwrap_or(Value::Null)
}

fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn invoke(model: Value) -> StateMachine {
    let mut p = json!({"Body": {"inputText.$": "$.prompt"}});
    if let (Some(obj), Some(m)) = (p.as_object_mut(), model.as_object()) {
        obj.extend(m.clone());
    }
    machine("arn:aws:states:::bedrock:invokeModel", p)
}

fn job(sync: bool, base: Value) -> StateMachine {
    let mut p = json!({
        "JobName": "my-job",
        "CustomModelName": "my-model",
        "RoleArn": ROLE,
        "TrainingDataConfig": {"S3Uri": "s3://bucket/train.jsonl"},
        "OutputDataConfig": {"S3Uri": "s3://bucket/out/"}
    });
    if let (Some(obj), Some(b)) = (p.as_object_mut(), base.as_object()) {
        obj.extend(b.clone());
    }
    let resource = if sync {
        "arn:aws:states:::bedrock:createModelCustomizationJob.sync"
    } else {
        "arn:aws:states:::bedrock:createModelCustomizationJob"
    };
    machine(resource, p)
}

fn create(resources: &[&str]) -> Value {
    json!({"Effect": "Allow", "Sid": "CreateModelCustomizationJob1",
           "Action": ["bedrock:CreateModelCustomizationJob"], "Resource": resources})
}

fn pass_role(n: u32) -> Value {
    json!({"Effect": "Allow", "Sid": format!("CreateModelCustomizationJob{n}"),
           "Action": ["iam:PassRole"], "Resource": [ROLE]})
}

fn get_stop() -> Value {
    json!({"Effect": "Allow", "Sid": "CreateModelCustomizationJob2",
           "Action": ["bedrock:GetModelCustomizationJob", "bedrock:StopModelCustomizationJob"],
           "Resource": [JOBS_ALL]})
}

#[test]
fn vector_2_invoke_foundation_model() {
    assert_eq!(
        policy(&invoke(json!({"ModelId": "amazon.titan-text-express-v1"}))),
        doc(json!([{"Effect": "Allow", "Sid": "InvokeModel1",
                    "Action": ["bedrock:InvokeModel"], "Resource": [FM]}]))
    );
}

#[test]
fn vector_3_invoke_provisioned_model() {
    let arn = "arn:aws:bedrock:us-east-2:123456789012:provisioned-model/c2oi931ulksx";
    assert_eq!(
        policy(&invoke(json!({"ModelId": arn}))),
        doc(json!([{"Effect": "Allow", "Sid": "InvokeModel1",
                    "Action": ["bedrock:InvokeModel"], "Resource": [arn]}]))
    );
}

#[test]
fn vector_4_invoke_full_access() {
    let expected = doc(json!([{"Effect": "Allow", "Sid": "InvokeModel1",
        "Action": ["bedrock:InvokeModel"],
        "Resource": [FM_ALL, "arn:aws:bedrock:us-east-2:123456789012:provisioned-model/*"]}]));
    assert_eq!(policy(&invoke(json!({"ModelId.$": "$.model"}))), expected);
    let jsonata = Chain::start(
        "Bedrock",
        Task::builder()
            .resource("arn:aws:states:::bedrock:invokeModel")
            .query_language(asl_core::QueryLanguage::Jsonata)
            .arguments(json!({"ModelId": "{% $states.input.model %}", "Body": {"inputText": "hi"}}))
            .build(),
    )
    .into_machine();
    assert_eq!(policy(&jsonata), expected);
}

/// Vectors 5–7 are a customization job on each kind of base model, and
/// vectors 8–10 the same jobs with `.sync`: the same create statement, then,
/// for `.sync`, the get/stop statement before the pass-role one.
#[test]
fn vectors_5_to_10_customization_jobs() {
    let custom = "arn:aws:bedrock:us-east-2:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdefghijkl";
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            "BaseModelIdentifier",
            "amazon.titan-text-express-v1",
            &[FM, CUSTOM_ALL, JOBS_ALL],
        ),
        ("BaseModelIdentifier", custom, &[CUSTOM_ALL, JOBS_ALL]),
        (
            "BaseModelIdentifier.$",
            "$.base",
            &[FM_ALL, CUSTOM_ALL, JOBS_ALL],
        ),
    ];
    for (field, base, resources) in cases {
        assert_eq!(
            policy(&job(false, json!({ field: base }))),
            doc(json!([create(resources), pass_role(2)])),
            "{field}: {base}"
        );
        assert_eq!(
            policy(&job(true, json!({ field: base }))),
            doc(json!([create(resources), get_stop(), pass_role(3)])),
            "{field}: {base}, .sync"
        );
    }
}

#[test]
fn two_models_merge_into_one_statement_and_duplicates_go() {
    let a = || {
        Task::builder()
            .resource("arn:aws:states:::bedrock:invokeModel")
            .parameters(json!({"ModelId": "amazon.titan-text-express-v1", "Body": {}}))
            .build()
    };
    let b = Task::builder()
        .resource("arn:aws:states:::bedrock:invokeModel")
        .parameters(
            json!({"ModelId": "us.anthropic.claude-3-haiku-20240307-v1:0",
                           "Input": {"S3Uri": "s3://in/p.json"}, "Output": {"S3Uri.$": "$.out"},
                           "GuardrailIdentifier": "abc123", "GuardrailVersion": "1"}),
        )
        .build();
    let m = Chain::start("A", a())
        .next("B", a())
        .next("C", b)
        .into_machine();
    assert_eq!(
        policy(&m),
        doc(json!([
            {"Effect": "Allow", "Sid": "InvokeModel1", "Action": ["bedrock:InvokeModel"], "Resource": [
                FM,
                "arn:aws:bedrock:us-east-2:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
                "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"]},
            {"Effect": "Allow", "Sid": "InvokeModel2", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::in/p.json"]},
            {"Effect": "Allow", "Sid": "InvokeModel3", "Action": ["s3:PutObject"], "Resource": ["arn:aws:s3:::*"]},
            {"Effect": "Allow", "Sid": "InvokeModel4", "Action": ["bedrock:ApplyGuardrail"],
             "Resource": ["arn:aws:bedrock:us-east-2:123456789012:guardrail/abc123"]}
        ]))
    );
}

#[test]
fn no_bedrock_task_gives_no_bedrock_statement_and_no_deny() {
    // Another integration's Task (asl-aws's Lambda statement), never a Deny.
    let m = machine(
        "arn:aws:states:::lambda:invoke",
        json!({"FunctionName": "f"}),
    );
    assert_eq!(
        policy(&m),
        doc(
            json!([{"Effect": "Allow", "Sid": "InvokeFunction1", "Action": ["lambda:InvokeFunction"],
                    "Resource": ["arn:aws:lambda:us-east-2:123456789012:function:f"]}])
        )
    );
}

#[test]
fn task_credentials_add_assume_role() {
    let task = Task::builder()
        .resource("arn:aws:states:::bedrock:invokeModel")
        .parameters(json!({"ModelId": "amazon.titan-text-express-v1", "Body": {}}))
        .credentials(
            asl_core::Credentials::builder()
                .role_arn("arn:aws:iam::111122223333:role/target")
                .build(),
        )
        .build();
    let m = Chain::start("T", task).into_machine();
    assert_eq!(
        policy(&m),
        doc(json!([
            {"Effect": "Allow", "Sid": "AssumeRole1", "Action": ["sts:AssumeRole"],
             "Resource": ["arn:aws:iam::111122223333:role/target"]},
            {"Effect": "Allow", "Sid": "InvokeModel1", "Action": ["bedrock:InvokeModel"], "Resource": [FM]}
        ]))
    );
}
