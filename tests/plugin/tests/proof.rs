//! The proof: an integration defined in this test crate, registered once
//! with `asl_core::integration::register`, changes what
//! `asl_core::validate_str` with default options, `asl_core::iam::policy_for`
//! and the `asl` command's library functions (`asl_cli::check_text`,
//! `render_check`, `iam_policy`) report. Run with `--nocapture` to see the
//! outputs.

use asl_core::iam::policy_for;
use asl_core::integration::{register, AwsEnvironment, Registry, TypedTask};
use asl_core::{Options, QueryLanguage, State};
use asl_plugin_proof::{PutReport, ARCHIVE};
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

/// Ask Bedrock, then archive the answer.
const DEFINITION: &str = r#"{
  "StartAt": "Ask",
  "States": {
    "Ask": {
      "Type": "Task",
      "Resource": "arn:aws:states:::bedrock:invokeModel",
      "Parameters": {"ModelId": "amazon.titan-text-express-v1", "Body": {"inputText.$": "$.question"}},
      "Next": "Save"
    },
    "Save": {
      "Type": "Task",
      "Resource": "arn:aws:states:::archive:putReport",
      "Parameters": {
        "Report": "s3://reports/answers/today.json",
        "Body.$": "$.Body",
        "KmsKeyId": "alias/reports",
        "RetentionDays": 30
      },
      "End": true
    }
  }
}"#;

/// The same, with a typo and a retention out of range.
const BROKEN: &str = r#"{
  "StartAt": "Save",
  "States": {
    "Save": {
      "Type": "Task",
      "Resource": "arn:aws:states:::archive:putReport",
      "Parameters": {"Reprot": "s3://reports/a.json", "Body": {}, "RetentionDays": 9999},
      "End": true
    }
  }
}"#;

fn env() -> AwsEnvironment {
    AwsEnvironment::new("aws", "us-east-2", "123456789012")
}

fn lines(report: &asl_core::Report) -> Vec<String> {
    report.diagnostics.iter().map(ToString::to_string).collect()
}

/// The `Save` Task of a definition.
fn save_task(definition: &str) -> Option<asl_core::Task> {
    let machine = asl_core::from_str(definition).ok()?;
    match machine.states.get("Save") {
        Some(State::Task(t)) => Some((**t).clone()),
        _ => None,
    }
}

/// The codes of a build's errors (none when it built).
fn codes(built: &Result<asl_core::StateMachine, asl_core::InvalidMachine>) -> Vec<&'static str> {
    match built {
        Ok(_) => Vec::new(),
        Err(e) => e.errors().map(|d| d.code).collect(),
    }
}

fn policy_json(policy: &asl_core::iam::PolicyDocument) -> Value {
    serde_json::to_value(policy).unwrap_or(Value::Null)
}

const INVOKE: &str = r#"{"Effect": "Allow", "Sid": "InvokeModel1", "Action": ["bedrock:InvokeModel"],
    "Resource": ["arn:aws:bedrock:us-east-2::foundation-model/amazon.titan-text-express-v1"]}"#;

#[test]
fn one_registration_changes_validation_iam_and_the_cli() {
    let machine = asl_core::from_str(DEFINITION).unwrap_or_else(|e| panic!("{e}"));
    let invoke: Value = serde_json::from_str(INVOKE).unwrap_or(Value::Null);

    // ---- before: asl-core knows no `archive` service.
    let before = asl_core::validate_str(DEFINITION, &Options::default());
    println!("before, validate_str:\n  {}", lines(&before).join("\n  "));
    assert_eq!(
        lines(&before),
        ["ERROR INVALID_RESOURCE at /States/Save/Resource: 'archive' is not a service with an optimized integration; use 'arn:<partition>:states:::aws-sdk:archive:<action>' for other AWS APIs"]
    );
    let policy = policy_for(&machine, &env());
    assert_eq!(policy_json(&policy)["Statement"], json!([invoke]));
    let cli = asl_cli::iam_policy(DEFINITION, &env(), &Options::default());
    assert!(cli.is_err(), "{cli:?}");
    // A builder's build() rejects the unknown service.
    let built = asl_core::Chain::start("Save", save_task(DEFINITION).expect("a Save task")).build();
    assert_eq!(codes(&built), ["INVALID_RESOURCE"]);

    // ---- register once.
    register(ARCHIVE);
    assert!(Registry::global().iter().any(|i| i.name() == "archive"));

    // validate_str with default options: the definition is valid now…
    let after = asl_core::validate_str(DEFINITION, &Options::default());
    assert_eq!(lines(&after), Vec::<String>::new());
    // …and the integration's own rules run, through the shared reader.
    let broken = asl_core::validate_str(BROKEN, &Options::default());
    println!(
        "after, validate_str (broken):\n  {}",
        lines(&broken).join("\n  ")
    );
    assert_eq!(
        lines(&broken),
        [
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/Save/Parameters: archive:putReport requires 'Parameters.Report'",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/Save/Parameters/Reprot: field 'Reprot' is not a parameter of archive:putReport; did you mean 'Report'?",
            "ERROR INVALID_INTEGRATION_PARAMETERS at /States/Save/Parameters/RetentionDays: 'Parameters.RetentionDays' must be 1 to 3650, got 9999",
        ]
    );

    // A builder's build() asks the same registry: the typed request's rules
    // run there too, and a good request builds.
    let built = asl_core::Chain::start("Save", save_task(BROKEN).expect("a Save task")).build();
    assert_eq!(
        codes(&built),
        [
            "INVALID_INTEGRATION_PARAMETERS",
            "INVALID_INTEGRATION_PARAMETERS",
            "INVALID_INTEGRATION_PARAMETERS"
        ]
    );
    let built = asl_core::Chain::start("Save", save_task(DEFINITION).expect("a Save task")).build();
    assert_eq!(codes(&built), Vec::<&str>::new());

    // policy_for: the integration's statements, from the typed request.
    let archive = json!([
        invoke,
        {"Effect": "Allow", "Sid": "PutReport1", "Action": ["s3:PutObject"],
         "Resource": ["arn:aws:s3:::reports/answers/today.json"]},
        {"Effect": "Allow", "Sid": "PutReport2", "Action": ["kms:GenerateDataKey"],
         "Resource": ["arn:aws:kms:us-east-2:123456789012:alias/reports"]}
    ]);
    let policy = policy_for(&machine, &env());
    println!(
        "after, policy_for:\n{}",
        serde_json::to_string_pretty(&policy).unwrap_or_default()
    );
    assert_eq!(policy_json(&policy)["Statement"], archive);

    // The CLI's library: `asl check` and `asl iam`.
    let options = asl_cli::options(None, Default::default());
    let checked = asl_cli::check_text(BROKEN, &options);
    let text = asl_cli::render_check("broken.asl.json", &checked, asl_cli::Format::Text);
    println!("after, asl check (library):\n{text}");
    assert_eq!(text.lines().count(), 3);
    assert!(text.starts_with("broken.asl.json:7:7: ERROR INVALID_INTEGRATION_PARAMETERS at /States/Save/Parameters: archive:putReport requires 'Parameters.Report'\n"));
    assert_eq!(
        asl_cli::render_check(
            "ok.asl.json",
            &asl_cli::check_text(DEFINITION, &options),
            asl_cli::Format::Json
        ),
        "{\"file\":\"ok.asl.json\",\"result\":\"OK\",\"diagnostics\":[]}\n"
    );
    let iam = asl_cli::iam_policy(DEFINITION, &env(), &options).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(policy_json(&iam)["Statement"], archive);
    assert_eq!(
        asl_cli::iam_policy(BROKEN, &env(), &options).map_err(|d| d.len()),
        Err(3)
    );

    // The typed request reads back what it writes.
    let Some(State::Task(save)) = machine.states.get("Save") else {
        panic!("no Save task");
    };
    let save: &asl_core::Task = save;
    let typed = PutReport::try_from(save).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(typed.clone().into_task(QueryLanguage::JsonPath), *save);
    assert_eq!(
        typed.problems(),
        Vec::new(),
        "a valid request has no problems"
    );
    let jsonata = typed.into_task(QueryLanguage::Jsonata);
    assert_eq!(
        jsonata.arguments,
        Some(
            json!({"Report": "s3://reports/answers/today.json", "Body": "{% $states.input.Body %}",
                    "KmsKeyId": "alias/reports", "RetentionDays": 30})
        )
    );
}
