//! asl-deploy against a real Step Functions API (and IAM and STS, for the
//! execution role): LocalStack on 127.0.0.1,
//! started through `scripts/localstack/` (set `ASL_SKIP_LOCALSTACK=1` to
//! skip), with Bedrock mocked by `scripts/localstack/mock-config.json`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // helpers outside #[test] functions

mod support;

use std::time::Duration;

use asl_core::iam::IamOptions;
use asl_core::integration::AwsEnvironment;
use asl_deploy::aws_sdk_sfn::operation::describe_state_machine::DescribeStateMachineOutput;
use asl_deploy::{
    read_policy_document, role_policy_name, trust_policy, Action, DefinitionDiagnostic,
    DeployError, DeploySpec, Deployer, DiagnosticOrigin, ExecutionResult, ExecutionStatus,
    LogLevel, Logging, PolicyAction, RoleRetry, RoleSpec,
};
use serde_json::json;
use support::{Finish, Timer, ROLE_ARN};
use tokio::sync::OnceCell;

/// The tests in this file that use the server (the last one to finish stops it).
const TESTS: usize = 7;

/// The mocks are selected by the state machine's name.
const PROMPT_CHAIN: &str = "PromptChain";

/// One scenario: its deployer, and the guards that time it and count it
/// finished (the last one to finish stops the server). Dropped in this
/// order: the timer, then the count.
struct Scenario {
    d: Deployer,
    _timer: Timer,
    _finish: Finish,
}

/// The count of the scenario `test` and a deployer for the server; `None` (counted as
/// finished) when the LocalStack tests are skipped.
fn server_for(test: &str) -> Option<(Finish, Deployer)> {
    let finish = Finish::new(TESTS);
    let server = support::server(test)?;
    Some((finish, Deployer::local(&server.endpoint)))
}

/// Starts the scenario `what` (timed, and named when skipped).
fn scenario(what: &'static str) -> Option<Scenario> {
    let (finish, d) = server_for(what)?;
    Some(Scenario {
        d,
        _timer: Timer::start(what),
        _finish: finish,
    })
}

/// Runs the mocked test case `case` of `PromptChain` (deployed once per
/// binary) with the input `{"topic": topic}`: the scenario `execution
/// {case}`, timed from the start of the execution.
async fn prompt_chain_case(case: &str, topic: &str) -> Option<(Scenario, ExecutionResult)> {
    let what = format!("execution {case}");
    let (finish, d) = server_for(&what)?;
    let arn = prompt_chain_arn(&d).await;
    let timer = Timer::start(what);
    let input = json!({ "topic": topic });
    let run = d
        .run_execution(&arn, &input, Some(case), Duration::from_secs(30))
        .await
        .unwrap();
    let scenario = Scenario {
        d,
        _timer: timer,
        _finish: finish,
    };
    Some((scenario, run))
}

/// The states `run` entered, in order.
async fn states_entered(d: &Deployer, run: &ExecutionResult) -> Vec<String> {
    d.states_entered(&run.execution_arn).await.unwrap()
}

/// The text a step of `PromptChain` left in the output.
fn step_text<'a>(output: &'a serde_json::Value, step: &str) -> &'a str {
    output
        .get(step)
        .and_then(|s| s.get("text"))
        .and_then(serde_json::Value::as_str)
        .unwrap()
}

/// `DescribeStateMachine` of `arn`.
async fn describe(d: &Deployer, arn: &str) -> DescribeStateMachineOutput {
    d.client()
        .describe_state_machine()
        .state_machine_arn(arn)
        .send()
        .await
        .unwrap()
}

/// The origin and diagnostics of an `InvalidDefinition` error.
fn invalid_definition(err: &DeployError) -> (DiagnosticOrigin, &[DefinitionDiagnostic]) {
    match err {
        DeployError::InvalidDefinition {
            origin,
            diagnostics,
        } => (*origin, diagnostics),
        other => panic!("expected InvalidDefinition, got {other:?}"),
    }
}

/// Deploys `PromptChain` from the fixture once per binary; its ARN.
async fn prompt_chain_arn(deployer: &Deployer) -> String {
    static ARN: OnceCell<String> = OnceCell::const_new();
    ARN.get_or_init(|| async {
        let _timer = Timer::start("deploy PromptChain from the fixture");
        let machine = asl_core::from_str(&support::prompt_chain_text()).unwrap();
        let outcome = deployer
            .deploy(&DeploySpec::new(PROMPT_CHAIN, &machine, ROLE_ARN))
            .await
            .unwrap_or_else(|e| panic!("deploying {PROMPT_CHAIN}: {e}"));
        eprintln!("[asl-deploy] {PROMPT_CHAIN}: {}", outcome.action);
        outcome.arn
    })
    .await
    .clone()
}

fn unique_name(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}-{}-{nanos}", std::process::id())
}

#[tokio::test]
async fn deploy_update_publish_alias_and_redeploy_unchanged() {
    let Some(scenario) = scenario("deploy lifecycle (create, update, publish, alias, redeploy)")
    else {
        return;
    };
    let d = &scenario.d;
    let name = unique_name("AslDeployLifecycle");
    let mut machine = asl_core::from_str(&support::prompt_chain_text()).unwrap();

    // Create.
    let spec = DeploySpec::new(&name, &machine, ROLE_ARN);
    let created = d.deploy(&spec).await.unwrap();
    assert_eq!(created.action, Action::Created);
    assert!(
        created
            .arn
            .starts_with("arn:aws:states:us-east-1:000000000000:stateMachine:"),
        "{}",
        created.arn
    );
    assert!(created.arn.ends_with(&name));
    assert_eq!(created.version, None);
    assert_eq!(
        d.find_state_machine(&name).await.unwrap().as_deref(),
        Some(created.arn.as_str())
    );

    // The same spec again: nothing to do.
    let again = d.deploy(&spec).await.unwrap();
    assert_eq!(again.action, Action::Unchanged);
    assert_eq!(again.arn, created.arn);

    // A changed definition (and a tag): Updated, same ARN.
    machine.comment = Some("Prompt chain, second revision".to_owned());
    let spec = DeploySpec::new(&name, &machine, ROLE_ARN).tag("project", "asl-kit");
    let updated = d.deploy(&spec).await.unwrap();
    assert_eq!(updated.action, Action::Updated);
    assert_eq!(updated.arn, created.arn);
    assert!(updated.tags_changed);
    let described = describe(d, &updated.arn).await;
    assert!(described.definition().contains("second revision"));

    // Publish a version and point an alias at it.
    let spec = spec.publish(Some("second revision")).alias("live");
    let published = d.deploy(&spec).await.unwrap();
    assert_eq!(
        published.action,
        Action::Unchanged,
        "nothing but the version is new"
    );
    assert!(!published.tags_changed);
    let version = published.version.clone().expect("a version");
    assert!(version.published);
    assert!(
        version.arn.starts_with(&format!("{}:", created.arn)),
        "{}",
        version.arn
    );
    let alias = published.alias.clone().expect("an alias");
    assert_eq!(alias.action, Action::Created);
    assert_eq!(alias.arn, format!("{}:live", created.arn));
    let versions = d.list_versions(&created.arn).await.unwrap();
    assert_eq!(versions, vec![version.arn.clone()]);
    let routing = d
        .client()
        .describe_state_machine_alias()
        .state_machine_alias_arn(&alias.arn)
        .send()
        .await
        .unwrap();
    assert_eq!(routing.routing_configuration().len(), 1);
    assert_eq!(
        routing.routing_configuration()[0].state_machine_version_arn(),
        version.arn
    );

    // Redeploy unchanged: no update, no new version, the alias stays.
    let redeployed = d.deploy(&spec).await.unwrap();
    assert_eq!(redeployed.action, Action::Unchanged);
    assert_eq!(redeployed.version_arn(), Some(version.arn.as_str()));
    assert!(!redeployed.version.as_ref().unwrap().published);
    assert_eq!(redeployed.alias.as_ref().unwrap().action, Action::Unchanged);
    assert_eq!(
        d.list_versions(&created.arn).await.unwrap(),
        versions,
        "no new version"
    );

    // A third revision with publish: a second version, the alias moves.
    machine.comment = Some("Prompt chain, third revision".to_owned());
    let spec = DeploySpec::new(&name, &machine, ROLE_ARN)
        .tag("project", "asl-kit")
        .publish(Some("third revision"))
        .alias("live");
    let third = d.deploy(&spec).await.unwrap();
    assert_eq!(third.action, Action::Updated);
    let v2 = third.version.clone().expect("a version");
    assert!(v2.published);
    assert_ne!(v2.arn, version.arn);
    assert_eq!(third.alias.as_ref().unwrap().action, Action::Updated);
    let versions = d.list_versions(&created.arn).await.unwrap();
    assert_eq!(versions, vec![v2.arn.clone(), version.arn.clone()]);

    // An execution through the alias runs the new version.
    let run = d
        .run_execution(
            &alias.arn,
            &json!({"topic": "aliases"}),
            None,
            Duration::from_secs(30),
        )
        .await
        .unwrap();
    assert!(run.status.is_final());

    d.delete(&created.arn).await.unwrap();
}

#[tokio::test]
async fn happy_path_execution() {
    let Some((scenario, run)) = prompt_chain_case("HappyPath", "state machines").await else {
        return;
    };
    assert_eq!(run.status, ExecutionStatus::Succeeded, "{run:?}");
    let output = run.output.clone().expect("an output");
    assert_eq!(output["topic"], "state machines");
    assert!(step_text(&output, "outline").starts_with("Outline: 1. What a state machine is."));
    assert!(step_text(&output, "draft").starts_with("Draft: A state machine is a graph"));
    assert!(step_text(&output, "final").starts_with("Polished: State machines turn"));
    assert_eq!(
        states_entered(&scenario.d, &run).await,
        ["Outline", "Draft", "Polish"]
    );
}

#[tokio::test]
async fn throttled_then_succeeds_after_a_retry() {
    // The mocked throttle is retried after 1 s.
    let Some((scenario, run)) = prompt_chain_case("ThrottleThenSucceed", "retries").await else {
        return;
    };
    assert_eq!(run.status, ExecutionStatus::Succeeded, "{run:?}");
    let d = &scenario.d;
    let output = run.output.clone().expect("an output");
    assert!(step_text(&output, "outline").contains("after a throttled first attempt"));
    assert!(output["final"]["text"].is_string());

    let history = d.execution_history(&run.execution_arn).await.unwrap();
    let throttled: Vec<_> = history
        .iter()
        .filter(|e| e.event_type == "TaskFailed")
        .collect();
    assert_eq!(throttled.len(), 1, "{history:#?}");
    assert_eq!(
        throttled[0].error.as_deref(),
        Some("Bedrock.ThrottlingException")
    );
    let scheduled = history
        .iter()
        .filter(|e| e.event_type == "TaskScheduled")
        .count();
    assert_eq!(scheduled, 4, "Outline twice, Draft, Polish: {history:#?}");
    assert_eq!(
        states_entered(d, &run).await,
        ["Outline", "Draft", "Polish"]
    );
}

#[tokio::test]
async fn caught_failure_ends_in_the_fail_state() {
    let Some((scenario, run)) = prompt_chain_case("CaughtFailure", "errors").await else {
        return;
    };
    assert_eq!(run.status, ExecutionStatus::Failed, "{run:?}");
    assert_eq!(run.error.as_deref(), Some("PromptChainFailed"));
    let cause = run.cause.as_deref().unwrap_or_default();
    assert!(
        cause.starts_with("Bedrock.ValidationException: Malformed input request"),
        "{cause}"
    );
    assert_eq!(
        states_entered(&scenario.d, &run).await,
        ["Outline", "HandleFailure", "Failed"]
    );
}

#[tokio::test]
async fn invalid_definitions_are_rejected_with_diagnostics() {
    let Some(scenario) = scenario("invalid definitions (local and server)") else {
        return;
    };
    let d = &scenario.d;
    let name = unique_name("AslDeployInvalid");

    // A `Next` to a missing state: the server accepts it, the local validator does not.
    let text = support::prompt_chain_text().replace(r#""Next": "Draft""#, r#""Next": "Missing""#);
    let spec = DeploySpec::from_text(&name, &text, ROLE_ARN);
    let warnings = d.validate_remotely(&spec).await.unwrap();
    assert!(warnings.iter().all(|w| !w.is_error()));
    let err = d.deploy(&spec).await.unwrap_err();
    let (origin, diagnostics) = invalid_definition(&err);
    assert_eq!(origin, DiagnosticOrigin::Local);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == "MISSING_TRANSITION_TARGET"
                && d.location.as_deref() == Some("/States/Outline/Next")),
        "{diagnostics:#?}"
    );
    assert!(
        err.to_string()
            .contains("MISSING_TRANSITION_TARGET at /States/Outline/Next"),
        "{err}"
    );

    // An unknown field, past the local validator: the server's diagnostics.
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Bogus": 1, "End": true}}}"#;
    let spec = DeploySpec::from_text(&name, text, ROLE_ARN).validate_locally(false);
    let err = d.deploy(&spec).await.unwrap_err();
    let (origin, diagnostics) = invalid_definition(&err);
    assert_eq!(origin, DiagnosticOrigin::Server);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == "SCHEMA_VALIDATION_FAILED" && d.is_error()),
        "{diagnostics:#?}"
    );
    eprintln!("[asl-deploy] server rejection reads: {err}");

    // The local validator catches it too.
    let err = d
        .deploy(&spec.clone().validate_locally(true))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            DeployError::InvalidDefinition {
                origin: DiagnosticOrigin::Local,
                ..
            }
        ),
        "{err:?}"
    );

    // Nothing was created.
    assert_eq!(d.find_state_machine(&name).await.unwrap(), None);
}

#[tokio::test]
async fn express_tracing_logging_and_type_changes() {
    let Some(scenario) = scenario("EXPRESS, tracing, logging, type change") else {
        return;
    };
    let d = &scenario.d;
    let name = unique_name("AslDeployExpress");
    let text = r#"{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": "hi", "End": true}}}"#;
    let spec = DeploySpec::from_text(&name, text, ROLE_ARN)
        .express()
        .tracing(true);

    let created = d.deploy(&spec).await.unwrap();
    assert_eq!(created.action, Action::Created);
    let described = describe(d, &created.arn).await;
    assert_eq!(described.r#type().as_str(), "EXPRESS");
    // LocalStack 4.9 neither reports nor updates `tracingConfiguration`;
    // unreported, it is not compared (AWS always reports it).
    let tracing_reported = described.tracing_configuration().is_some();
    if tracing_reported {
        assert!(described.tracing_configuration().unwrap().enabled());
    }
    assert_eq!(d.deploy(&spec).await.unwrap().action, Action::Unchanged);

    // Tracing off: an update where the service reports tracing.
    let spec = spec.tracing(false);
    let expected = if tracing_reported {
        Action::Updated
    } else {
        Action::Unchanged
    };
    assert_eq!(d.deploy(&spec).await.unwrap().action, expected);
    assert_eq!(d.deploy(&spec).await.unwrap().action, Action::Unchanged);

    // Logging: an update, then unchanged.
    let spec = spec.logging(Logging {
        level: LogLevel::Error,
        include_execution_data: true,
        log_group_arns: vec![format!(
            "arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/{name}:*"
        )],
    });
    assert_eq!(d.deploy(&spec).await.unwrap().action, Action::Updated);
    assert_eq!(d.deploy(&spec).await.unwrap().action, Action::Unchanged);

    // Only formatting changed: the same JSON value, nothing to deploy.
    let reformatted =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(text).unwrap())
            .unwrap();
    let mut same = spec.clone();
    same.definition = reformatted;
    assert_eq!(d.deploy(&same).await.unwrap().action, Action::Unchanged);

    // A synchronous execution (StartSyncExecution, `sync-` host prefix removed).
    let run = d
        .run_sync_execution(&created.arn, &json!({}), None)
        .await
        .unwrap();
    assert_eq!(run.status, ExecutionStatus::Succeeded, "{run:?}");
    assert_eq!(run.output, Some(json!("hi")));

    // STANDARD under the same name: refused, nothing changed.
    let err = d
        .deploy(&spec.clone().machine_type(asl_deploy::MachineType::Standard))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, DeployError::TypeChange { existing, requested, .. } if existing == "EXPRESS" && requested == "STANDARD"),
        "{err:?}"
    );

    d.delete(&created.arn).await.unwrap();
}

/// The role's trust policy and its inline policy `policy_name` as IAM has
/// them (`None` for a missing inline policy).
async fn role_documents(
    d: &Deployer,
    role: &str,
    policy_name: &str,
) -> (serde_json::Value, Option<serde_json::Value>) {
    let iam = d.iam_client().unwrap();
    let got = iam.get_role().role_name(role).send().await.unwrap();
    let trust = got
        .role()
        .and_then(|r| r.assume_role_policy_document())
        .and_then(read_policy_document)
        .expect("a readable trust policy");
    let inline = match iam
        .get_role_policy()
        .role_name(role)
        .policy_name(policy_name)
        .send()
        .await
    {
        Ok(out) => Some(read_policy_document(out.policy_document()).expect("a readable policy")),
        Err(e)
            if e.as_service_error()
                .is_some_and(|e| e.is_no_such_entity_exception()) =>
        {
            None
        }
        Err(e) => panic!("GetRolePolicy: {e:?}"),
    };
    (trust, inline)
}

#[tokio::test]
async fn create_role_deploy_redeploy_unchanged_and_repair() {
    let Some(scenario) =
        scenario("execution role (create, deploy, redeploy, repair, no permission)")
    else {
        return;
    };
    let d = &scenario.d;
    let name = unique_name("AslDeployRole");
    let role_name = unique_name("AslRole");
    let machine = asl_core::from_str(&support::prompt_chain_text()).unwrap();
    // No retry: the local server accepts a fresh role at once, and a test
    // must not sleep.
    let role = RoleSpec::new(&role_name).retry(RoleRetry::none());
    let spec = DeploySpec::new(&name, &machine, "").role(role.clone());

    // Create the role, then the machine with it.
    let created = d.deploy(&spec).await.unwrap();
    assert_eq!(created.action, Action::Created);
    let r = created.role.clone().expect("a role outcome");
    eprintln!(
        "[asl-deploy] role {}: {} (inline policy {}: {}), machine {}",
        r.arn, r.action, r.policy_name, r.policy, created.action
    );
    assert_eq!(r.action, Action::Created);
    assert_eq!(r.policy, PolicyAction::Created);
    assert!(!r.trust_policy_updated);
    assert_eq!(r.arn, format!("arn:aws:iam::000000000000:role/{role_name}"));
    let env = AwsEnvironment::new("aws", "us-east-1", "000000000000");
    assert_eq!(
        r.environment, env,
        "partition and account from STS, region from the client"
    );
    assert_eq!(r.policy_name, role_policy_name(&name));
    let described = describe(d, &created.arn).await;
    assert_eq!(
        described.role_arn(),
        r.arn,
        "the machine runs as the created role"
    );

    // IAM holds the guide's trust policy and, as the inline policy, exactly
    // what `asl iam` generates for this machine.
    let generated = asl_core::iam::generate(&machine, &env, &IamOptions::named(&name));
    assert!(!generated.policy.statement.is_empty());
    let expected_policy = asl_core::to_value(&generated.policy);
    let (trust, inline) = role_documents(d, &role_name, &r.policy_name).await;
    assert_eq!(trust, trust_policy(&env));
    assert_eq!(inline.as_ref(), Some(&expected_policy));
    assert_eq!(r.policy_document.as_ref(), Some(&expected_policy));
    assert!(
        expected_policy.to_string().contains("bedrock:InvokeModel"),
        "{expected_policy}"
    );
    eprintln!(
        "[asl-deploy] inline policy {}: {}",
        r.policy_name, expected_policy
    );

    // Deploy again: nothing is sent, to IAM or to Step Functions.
    let again = d.deploy(&spec).await.unwrap();
    assert_eq!(again.action, Action::Unchanged);
    let r2 = again.role.clone().unwrap();
    assert_eq!(r2.action, Action::Unchanged);
    assert_eq!(r2.policy, PolicyAction::Unchanged);
    assert!(!r2.trust_policy_updated);
    assert_eq!(r2.arn, r.arn);
    eprintln!(
        "[asl-deploy] redeploy: role {} (inline policy {}), machine {}",
        r2.action, r2.policy, again.action
    );

    // Someone widened the inline policy and dropped the trust conditions:
    // the next deploy puts both back, and the machine is left alone.
    let iam = d.iam_client().unwrap();
    iam.put_role_policy()
        .role_name(&role_name)
        .policy_name(&r.policy_name)
        .policy_document(
            serde_json::json!({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "*", "Resource": "*"}]})
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    iam.update_assume_role_policy()
        .role_name(&role_name)
        .policy_document(
            serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    let repaired = d.deploy(&spec).await.unwrap();
    let r3 = repaired.role.clone().unwrap();
    assert_eq!(r3.action, Action::Updated);
    assert_eq!(r3.policy, PolicyAction::Updated);
    assert!(r3.trust_policy_updated);
    assert_eq!(repaired.action, Action::Unchanged);
    let (trust, inline) = role_documents(d, &role_name, &r.policy_name).await;
    assert_eq!(trust, trust_policy(&env));
    assert_eq!(inline, Some(expected_policy));
    assert_eq!(
        d.deploy(&spec).await.unwrap().role.unwrap().action,
        Action::Unchanged
    );

    // A definition that calls nothing needs no permission: the inline
    // policy goes (IAM rejects an empty one); the role stays.
    let text = r#"{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "End": true}}}"#;
    let bare = DeploySpec::from_text(&name, text, "").role(role.clone());
    let stripped = d.deploy(&bare).await.unwrap();
    assert_eq!(stripped.action, Action::Updated);
    let r4 = stripped.role.clone().unwrap();
    assert_eq!(r4.policy, PolicyAction::Deleted);
    assert_eq!(r4.policy_document, None);
    assert!(r4.warnings.is_empty(), "{:?}", r4.warnings);
    let (_, inline) = role_documents(d, &role_name, &r.policy_name).await;
    assert_eq!(inline, None);
    let r5 = d.deploy(&bare).await.unwrap().role.unwrap();
    assert_eq!(
        (r5.action, r5.policy),
        (Action::Unchanged, PolicyAction::NotNeeded)
    );

    // The generator's warnings come back with the role (a Task that runs
    // as another role: that role needs the Task's permissions).
    let text = r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Credentials": {"RoleArn": "arn:aws:iam::000000000000:role/Other"},
        "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:f",
            "Payload.$": "$"}, "End": true}}}"#;
    let dynamic = DeploySpec::from_text(&name, text, "").role(role.clone());
    let warned = d.deploy(&dynamic).await.unwrap();
    let r6 = warned.role.unwrap();
    assert!(
        r6.warnings
            .iter()
            .any(|w| w.code.starts_with("IAM_") && w.location.as_deref() == Some("/States/Call")),
        "{:#?}",
        r6.warnings
    );
    for w in &r6.warnings {
        eprintln!("[asl-deploy] generator warning: {w}");
    }

    // A name IAM rejects: refused before any request.
    let err = d
        .deploy(&DeploySpec::new(&name, &machine, "").create_role("no spaces allowed"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, DeployError::InvalidRoleName { .. }),
        "{err:?}"
    );

    d.delete(&created.arn).await.unwrap();
    iam.delete_role_policy()
        .role_name(&role_name)
        .policy_name(&r.policy_name)
        .send()
        .await
        .ok();
    iam.delete_role()
        .role_name(&role_name)
        .send()
        .await
        .unwrap();
}
