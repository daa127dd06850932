//! The execution role a deployment can create or update ([`RoleSpec`],
//! [`RoleOutcome`]): its trust policy, its inline policy (asl-core's
//! generated one) and the pure decision of what to send.

use std::time::Duration;

use asl_core::iam::IamOptions;
use asl_core::integration::AwsEnvironment;
use serde_json::{json, Value};

use crate::{Action, DefinitionDiagnostic};

/// The service principal Step Functions assumes execution roles as.
pub const STATES_PRINCIPAL: &str = "states.amazonaws.com";

/// The longest role name IAM accepts.
const MAX_ROLE_NAME: usize = 64;
/// The longest inline policy name IAM accepts.
const MAX_POLICY_NAME: usize = 128;

/// The trust policy of an execution role, as the Step Functions developer
/// guide gives it ("Prevent cross-service confused deputy issue"): only
/// `states.amazonaws.com` may assume the role, and only for a state machine
/// of `env`'s account and region (`ArnLike aws:SourceArn
/// arn:PARTITION:states:REGION:ACCOUNT:stateMachine:*`, `StringEquals
/// aws:SourceAccount ACCOUNT`).
///
/// The guide's wildcard on the machine name keeps the role usable by the
/// machine's versions and aliases, and by a machine re-created under
/// another name.
///
/// ```
/// use asl_core::integration::AwsEnvironment;
/// let trust = asl_deploy::trust_policy(&AwsEnvironment::new("aws", "us-east-1", "111122223333"));
/// assert_eq!(trust["Statement"][0]["Principal"]["Service"][0], "states.amazonaws.com");
/// assert_eq!(
///     trust["Statement"][0]["Condition"]["ArnLike"]["aws:SourceArn"],
///     "arn:aws:states:us-east-1:111122223333:stateMachine:*"
/// );
/// ```
pub fn trust_policy(env: &AwsEnvironment) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": [STATES_PRINCIPAL]},
            "Action": "sts:AssumeRole",
            "Condition": {
                "ArnLike": {
                    "aws:SourceArn": format!(
                        "arn:{}:states:{}:{}:stateMachine:*",
                        env.partition, env.region, env.account
                    )
                },
                "StringEquals": {"aws:SourceAccount": env.account}
            }
        }]
    })
}

/// The name of the inline policy asl-deploy puts on the role of the state
/// machine `machine`: `asl-kit-<machine>`, each character IAM does not
/// allow in a policy name replaced by `-`.
///
/// ```
/// assert_eq!(asl_deploy::role_policy_name("PromptChain"), "asl-kit-PromptChain");
/// assert_eq!(asl_deploy::role_policy_name("Prompt·Chain"), "asl-kit-Prompt-Chain");
/// ```
pub fn role_policy_name(machine: &str) -> String {
    let name: String = format!("asl-kit-{machine}")
        .chars()
        .map(|c| if iam_name_char(c) { c } else { '-' })
        .collect();
    name.chars().take(MAX_POLICY_NAME).collect()
}

/// Whether IAM allows `c` in a role or policy name (`[\w+=,.@-]`).
fn iam_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)
}

/// Why IAM would reject `name` as a role name (1 to 64 characters among
/// letters, digits and `_+=,.@-`), if it would.
pub(crate) fn role_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("is empty".to_owned());
    }
    let length = name.chars().count();
    if length > MAX_ROLE_NAME {
        return Some(format!(
            "has {length} characters (IAM allows {MAX_ROLE_NAME})"
        ));
    }
    name.chars()
        .find(|c| !iam_name_char(*c))
        .map(|c| format!("contains {c:?} (IAM allows letters, digits and _+=,.@- only)"))
}

/// How long to retry creating or updating the state machine while a role
/// created (or whose trust policy was changed) by the same deployment is
/// not yet usable: IAM is eventually consistent, and Step Functions
/// rejects such a role for a few seconds ("… is not authorized to assume
/// the provided role").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleRetry {
    /// Retries after the first attempt (0: none).
    pub retries: u32,
    /// The wait before the first retry; each next wait doubles.
    pub first_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
}

impl Default for RoleRetry {
    /// 7 retries, waiting 1, 2, 4, 8, 8, 8 and 8 s: up to 39 s in all.
    fn default() -> Self {
        RoleRetry {
            retries: 7,
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(8),
        }
    }
}

impl RoleRetry {
    /// No retry.
    ///
    /// ```
    /// assert_eq!(asl_deploy::RoleRetry::none().retries, 0);
    /// ```
    pub fn none() -> Self {
        RoleRetry {
            retries: 0,
            first_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
        }
    }

    /// The wait before retry number `retry` (0 for the first).
    ///
    /// ```
    /// use std::time::Duration;
    /// let r = asl_deploy::RoleRetry::default();
    /// assert_eq!(r.delay(0), Duration::from_secs(1));
    /// assert_eq!(r.delay(3), Duration::from_secs(8));
    /// assert_eq!(r.delay(30), Duration::from_secs(8));
    /// ```
    pub fn delay(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
        self.first_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }
}

/// An execution role for [`Deployer::deploy`](crate::Deployer::deploy) to
/// create, or bring up to date, before the state machine: the trust policy
/// of [`trust_policy`] and one inline policy, [`role_policy_name`], holding
/// asl-core's generated policy (what `asl iam` prints). The deployment then
/// uses this role's ARN (`DeploySpec::role_arn` is ignored).
///
/// ```
/// use asl_deploy::{RoleRetry, RoleSpec};
/// let role = RoleSpec::new("PromptChainRole")
///     .substitute("Bucket", "prompts")
///     .retry(RoleRetry::none());
/// assert_eq!(role.name, "PromptChainRole");
/// assert!(role.environment.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSpec {
    /// The role name (1 to 64 of letters, digits and `_+=,.@-`).
    pub name: String,
    /// Partition, region and account of the ARNs in both policies. `None`:
    /// the Step Functions client's region, and the partition and account of
    /// the caller (STS `GetCallerIdentity`).
    pub environment: Option<AwsEnvironment>,
    /// Options of the policy generator. Without a state machine name the
    /// deployment's name is used; the pseudo parameters `${AWS::Partition}`,
    /// `${AWS::Region}`, `${AWS::AccountId}` and `${AWS::URLSuffix}` are
    /// substituted unless given here.
    pub iam_options: IamOptions,
    /// The role's description, set when it is created.
    pub description: Option<String>,
    /// Retrying the state machine's creation or update while a role that
    /// was just created or changed is not yet usable.
    pub retry: RoleRetry,
}

impl RoleSpec {
    /// The role `name`, in the environment of the deployer's credentials,
    /// with the default retry.
    pub fn new(name: impl Into<String>) -> Self {
        RoleSpec {
            name: name.into(),
            environment: None,
            iam_options: IamOptions::default(),
            description: None,
            retry: RoleRetry::default(),
        }
    }

    /// Sets partition, region and account instead of asking the services.
    pub fn environment(mut self, env: AwsEnvironment) -> Self {
        self.environment = Some(env);
        self
    }

    /// Gives the value of the definition's `${name}` substitution to the
    /// policy generator.
    pub fn substitute(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.iam_options = self.iam_options.substitute(name, value);
        self
    }

    /// Sets the description the role is created with.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the retry while a fresh role is not yet usable.
    pub fn retry(mut self, retry: RoleRetry) -> Self {
        self.retry = retry;
        self
    }
}

/// What happened to the role's inline policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyAction {
    /// It was missing; it was put.
    Created,
    /// It differed from the generated one; it was replaced.
    Updated,
    /// It already was the generated one.
    Unchanged,
    /// The machine needs no permission (IAM rejects a policy without
    /// statements) and the role had one: it was deleted.
    Deleted,
    /// The machine needs no permission and the role has no such policy.
    NotNeeded,
}

impl PolicyAction {
    /// Whether a request changed it.
    pub fn changed(self) -> bool {
        matches!(
            self,
            PolicyAction::Created | PolicyAction::Updated | PolicyAction::Deleted
        )
    }
}

impl std::fmt::Display for PolicyAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PolicyAction::Created => "created",
            PolicyAction::Updated => "updated",
            PolicyAction::Unchanged => "unchanged",
            PolicyAction::Deleted => "deleted (the machine needs no permission)",
            PolicyAction::NotNeeded => "none (the machine needs no permission)",
        })
    }
}

/// What [`Deployer::deploy`](crate::Deployer::deploy) did to the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleOutcome {
    /// The role name.
    pub name: String,
    /// `arn:aws:iam::ACCOUNT:role/NAME`, the role the machine runs as.
    pub arn: String,
    /// Created, Updated (its trust policy or inline policy changed) or
    /// Unchanged (nothing was sent).
    pub action: Action,
    /// Whether its trust policy was replaced (an existing role only).
    pub trust_policy_updated: bool,
    /// The inline policy's name ([`role_policy_name`]).
    pub policy_name: String,
    /// What happened to the inline policy.
    pub policy: PolicyAction,
    /// The generated policy document (`None` when the machine needs no
    /// permission).
    pub policy_document: Option<Value>,
    /// The trust policy document.
    pub trust_document: Value,
    /// The environment of both documents' ARNs.
    pub environment: AwsEnvironment,
    /// The generator's warnings: what the policy leaves out or grants
    /// broadly (`IAM_INCOMPLETE`, `IAM_REVIEW`), located at their state.
    pub warnings: Vec<DefinitionDiagnostic>,
}

/// The role as IAM has it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CurrentRole {
    pub(crate) arn: String,
    /// The trust policy (`None`: missing or unreadable).
    pub(crate) trust: Option<Value>,
    /// The inline policy of our name (`None`: there is none).
    pub(crate) inline: Option<Option<Value>>,
}

/// What to send to bring the role to the wanted state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RolePlan {
    /// `CreateRole` (with the trust policy).
    pub(crate) create: bool,
    /// `UpdateAssumeRolePolicy`.
    pub(crate) update_trust: bool,
    /// `PutRolePolicy` (Created, Updated), `DeleteRolePolicy` (Deleted) or nothing.
    pub(crate) policy: PolicyAction,
}

impl RolePlan {
    /// The role's action as a whole.
    pub(crate) fn action(&self) -> Action {
        if self.create {
            Action::Created
        } else if self.update_trust || self.policy.changed() {
            Action::Updated
        } else {
            Action::Unchanged
        }
    }
}

/// Compares what IAM has with the wanted trust policy and inline policy
/// (`None`: the machine needs no permission). Documents are compared as IAM
/// means them: key order, whitespace, a one-element list written as its
/// element and the order of a list of strings do not count. An unreadable
/// current document differs from everything.
pub(crate) fn plan(
    current: Option<&CurrentRole>,
    trust: &Value,
    policy: Option<&Value>,
) -> RolePlan {
    let Some(current) = current else {
        return RolePlan {
            create: true,
            update_trust: false,
            policy: if policy.is_some() {
                PolicyAction::Created
            } else {
                PolicyAction::NotNeeded
            },
        };
    };
    let update_trust = !current
        .trust
        .as_ref()
        .is_some_and(|t| same_document(t, trust));
    let policy = match (&current.inline, policy) {
        (None, Some(_)) => PolicyAction::Created,
        (None, None) => PolicyAction::NotNeeded,
        (Some(_), None) => PolicyAction::Deleted,
        (Some(Some(have)), Some(want)) if same_document(have, want) => PolicyAction::Unchanged,
        (Some(_), Some(_)) => PolicyAction::Updated,
    };
    RolePlan {
        create: false,
        update_trust,
        policy,
    }
}

/// Whether two policy documents mean the same to IAM.
pub(crate) fn same_document(a: &Value, b: &Value) -> bool {
    normalised(a) == normalised(b)
}

/// `value` with each one-element array replaced by its element and each
/// array of strings sorted and deduplicated (IAM treats `Action`,
/// `Resource`, principals and condition values as sets). Iterative: a
/// document is walked with an explicit stack.
fn normalised(value: &Value) -> Value {
    // Post-order over the tree: first push children, then rebuild.
    enum Step<'a> {
        Visit(&'a Value),
        Array(usize),
        Object(Vec<String>),
    }
    let mut stack = vec![Step::Visit(value)];
    let mut done: Vec<Value> = Vec::new();
    while let Some(step) = stack.pop() {
        match step {
            Step::Visit(Value::Array(items)) => {
                stack.push(Step::Array(items.len()));
                stack.extend(items.iter().rev().map(Step::Visit));
            }
            Step::Visit(Value::Object(map)) => {
                stack.push(Step::Object(map.keys().cloned().collect()));
                stack.extend(map.values().rev().map(Step::Visit));
            }
            Step::Visit(scalar) => done.push(scalar.clone()),
            Step::Array(n) => {
                let mut items = done.split_off(done.len().saturating_sub(n));
                if items.iter().all(Value::is_string) {
                    items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                    items.dedup();
                }
                done.push(if items.len() == 1 {
                    items.pop().unwrap_or(Value::Null)
                } else {
                    Value::Array(items)
                });
            }
            Step::Object(keys) => {
                let values = done.split_off(done.len().saturating_sub(keys.len()));
                done.push(Value::Object(keys.into_iter().zip(values).collect()));
            }
        }
    }
    done.pop().unwrap_or(Value::Null)
}

/// A policy document as IAM returns it (`GetRole`'s
/// `AssumeRolePolicyDocument`, `GetRolePolicy`'s `PolicyDocument`): JSON,
/// URL-encoded (RFC 3986), or plain JSON. `None` when it is neither.
///
/// ```
/// let doc = asl_deploy::read_policy_document("%7B%22Version%22%3A%222012-10-17%22%7D");
/// assert_eq!(doc, Some(serde_json::json!({"Version": "2012-10-17"})));
/// ```
pub fn read_policy_document(text: &str) -> Option<Value> {
    if let Ok(value) = serde_json::from_str(text) {
        return Some(value);
    }
    serde_json::from_str(&percent_decode(text)?).ok()
}

/// `%XX` escapes decoded (`+` is left alone, as RFC 3986 does); `None` for
/// a broken escape or a result that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The partition of an ARN (`arn:PARTITION:…`).
pub(crate) fn arn_partition(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    match (parts.next(), parts.next()) {
        (Some("arn"), Some(p)) if !p.is_empty() => Some(p),
        _ => None,
    }
}

/// The partition of a region, for when no ARN says it.
pub(crate) fn region_partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// `options` for `machine`'s role in `env`: the machine name and the
/// pseudo parameters, unless already there.
pub(crate) fn generator_options(
    options: &IamOptions,
    machine: &str,
    env: &AwsEnvironment,
) -> IamOptions {
    let mut options = options.clone();
    if options.state_machine_name.is_none() {
        options.state_machine_name = Some(machine.to_owned());
    }
    let url_suffix = if env.partition == "aws-cn" {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    for (name, value) in [
        ("AWS::Partition", env.partition.as_str()),
        ("AWS::Region", env.region.as_str()),
        ("AWS::AccountId", env.account.as_str()),
        ("AWS::URLSuffix", url_suffix),
    ] {
        options
            .substitutions
            .entry(name.to_owned())
            .or_insert_with(|| value.to_owned());
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> AwsEnvironment {
        AwsEnvironment::new("aws", "us-east-1", "111122223333")
    }

    #[test]
    fn the_trust_policy_is_the_guides() {
        // The developer guide's "Prevent cross-service confused deputy
        // issue" example, with its placeholders filled in.
        let expected: Value = serde_json::from_str(
            r#"{
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Principal": {"Service": ["states.amazonaws.com"]},
                "Action": "sts:AssumeRole",
                "Condition": {
                  "ArnLike": {"aws:SourceArn": "arn:aws:states:us-east-1:111122223333:stateMachine:*"},
                  "StringEquals": {"aws:SourceAccount": "111122223333"}
                }
              }]
            }"#,
        )
        .unwrap();
        assert_eq!(trust_policy(&env()), expected);
        // The text sent to IAM, in the guide's key order.
        assert_eq!(
            trust_policy(&env()).to_string(),
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["states.amazonaws.com"]},"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:states:us-east-1:111122223333:stateMachine:*"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}"#
        );
        let cn = trust_policy(&AwsEnvironment::new("aws-cn", "cn-north-1", "123456789012"));
        assert_eq!(
            cn["Statement"][0]["Condition"]["ArnLike"]["aws:SourceArn"],
            "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:*"
        );
    }

    #[test]
    fn names_follow_iam_rules() {
        assert_eq!(role_name_problem("Orders_sfn-role.v2@x=y,z+w"), None);
        assert_eq!(role_name_problem("").as_deref(), Some("is empty"));
        assert!(role_name_problem(&"r".repeat(64)).is_none());
        assert_eq!(
            role_name_problem(&"r".repeat(65)).as_deref(),
            Some("has 65 characters (IAM allows 64)")
        );
        assert!(role_name_problem("my role").unwrap().contains("' '"));
        assert!(role_name_problem("a/b").is_some());
        assert_eq!(role_policy_name("Orders-v2_prod"), "asl-kit-Orders-v2_prod");
        assert_eq!(role_policy_name("Orders(v2)"), "asl-kit-Orders-v2-");
        assert_eq!(role_policy_name(&"n".repeat(200)).chars().count(), 128);
    }

    fn policy() -> Value {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Sid": "InvokeModel1",
            "Action": ["bedrock:InvokeModel"],
            "Resource": ["arn:aws:bedrock:us-east-1::foundation-model/b", "arn:aws:bedrock:us-east-1::foundation-model/a"]}]})
    }

    fn role(trust: Option<Value>, inline: Option<Option<Value>>) -> CurrentRole {
        CurrentRole {
            arn: "arn:aws:iam::111122223333:role/R".into(),
            trust,
            inline,
        }
    }

    #[test]
    fn a_missing_role_is_created_with_its_policy() {
        let trust = trust_policy(&env());
        let p = plan(None, &trust, Some(&policy()));
        assert_eq!(
            p,
            RolePlan {
                create: true,
                update_trust: false,
                policy: PolicyAction::Created
            }
        );
        assert_eq!(p.action(), Action::Created);
        let p = plan(None, &trust, None);
        assert_eq!(p.policy, PolicyAction::NotNeeded);
        assert_eq!(p.action(), Action::Created);
    }

    #[test]
    fn a_matching_role_is_left_alone() {
        let trust = trust_policy(&env());
        // As IAM may give them back: another key order, whitespace, a
        // one-element list as a string, a list in another order.
        let trust_back: Value = serde_json::from_str(
            r#"{"Statement": [{"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"},
                "ArnLike": {"aws:SourceArn": "arn:aws:states:us-east-1:111122223333:stateMachine:*"}},
                "Principal": {"Service": "states.amazonaws.com"}, "Action": ["sts:AssumeRole"],
                "Effect": "Allow"}], "Version": "2012-10-17"}"#,
        )
        .unwrap();
        let mut policy_back = policy();
        policy_back["Statement"][0]["Resource"] = json!([
            "arn:aws:bedrock:us-east-1::foundation-model/a",
            "arn:aws:bedrock:us-east-1::foundation-model/b"
        ]);
        policy_back["Statement"][0]["Action"] = json!("bedrock:InvokeModel");
        let current = role(Some(trust_back), Some(Some(policy_back)));
        let p = plan(Some(&current), &trust, Some(&policy()));
        assert_eq!(
            p,
            RolePlan {
                create: false,
                update_trust: false,
                policy: PolicyAction::Unchanged
            }
        );
        assert_eq!(p.action(), Action::Unchanged);
        // No permission needed and none there: unchanged too.
        let current = role(Some(trust.clone()), None);
        assert_eq!(
            plan(Some(&current), &trust, None).action(),
            Action::Unchanged
        );
    }

    #[test]
    fn differences_are_updates() {
        let trust = trust_policy(&env());
        // Another account's trust policy.
        let other = trust_policy(&AwsEnvironment::new("aws", "us-east-1", "999999999999"));
        let current = role(Some(other), Some(Some(policy())));
        let p = plan(Some(&current), &trust, Some(&policy()));
        assert!(p.update_trust);
        assert_eq!(p.policy, PolicyAction::Unchanged);
        assert_eq!(p.action(), Action::Updated);
        // An unreadable trust policy is replaced.
        let current = role(None, Some(Some(policy())));
        assert!(plan(Some(&current), &trust, Some(&policy())).update_trust);
        // Another resource: the inline policy is replaced.
        let mut changed = policy();
        changed["Statement"][0]["Resource"] = json!("*");
        let current = role(Some(trust.clone()), Some(Some(changed)));
        let p = plan(Some(&current), &trust, Some(&policy()));
        assert_eq!((p.update_trust, p.policy), (false, PolicyAction::Updated));
        assert_eq!(p.action(), Action::Updated);
        // An unreadable inline policy is replaced.
        let current = role(Some(trust.clone()), Some(None));
        assert_eq!(
            plan(Some(&current), &trust, Some(&policy())).policy,
            PolicyAction::Updated
        );
        // Missing: put.
        let current = role(Some(trust.clone()), None);
        assert_eq!(
            plan(Some(&current), &trust, Some(&policy())).policy,
            PolicyAction::Created
        );
        // No longer needed: deleted.
        let current = role(Some(trust.clone()), Some(Some(policy())));
        let p = plan(Some(&current), &trust, None);
        assert_eq!(p.policy, PolicyAction::Deleted);
        assert_eq!(p.action(), Action::Updated);
    }

    #[test]
    fn documents_are_read_plain_or_url_encoded() {
        let doc = json!({"Version": "2012-10-17", "Statement": []});
        assert_eq!(read_policy_document(&doc.to_string()), Some(doc.clone()));
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        assert_eq!(read_policy_document(encoded), Some(doc));
        assert_eq!(read_policy_document("%7"), None);
        assert_eq!(read_policy_document("%ZZ"), None);
        assert_eq!(read_policy_document("not json"), None);
        assert_eq!(percent_decode("a+b%20c").as_deref(), Some("a+b c"));
    }

    #[test]
    fn nested_documents_normalise() {
        let mut deep = json!("leaf");
        for _ in 0..100 {
            deep = json!([deep, "x"]);
        }
        assert!(same_document(&deep, &deep.clone()));
        assert!(!same_document(&deep, &json!("leaf")));
        // A one-element list of objects is its object.
        assert!(same_document(&json!([{"a": 1}]), &json!({"a": 1})));
        assert!(!same_document(&json!([1, 2]), &json!([2, 1])));
    }

    #[test]
    fn retries_back_off_and_stop() {
        let r = RoleRetry::default();
        let waits: Vec<u64> = (0..r.retries).map(|i| r.delay(i).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 8, 8, 8]);
        assert_eq!(RoleRetry::none().delay(5), Duration::ZERO);
        let huge = RoleRetry {
            retries: 100,
            first_delay: Duration::from_secs(u64::MAX / 2),
            max_delay: Duration::from_secs(60),
        };
        assert_eq!(huge.delay(99), Duration::from_secs(60));
    }

    #[test]
    fn partitions_and_pseudo_parameters() {
        assert_eq!(arn_partition("arn:aws-cn:iam::1:user/x"), Some("aws-cn"));
        assert_eq!(arn_partition("nope"), None);
        assert_eq!(region_partition("us-gov-west-1"), "aws-us-gov");
        assert_eq!(region_partition("cn-north-1"), "aws-cn");
        assert_eq!(region_partition("eu-west-1"), "aws");
        let given = IamOptions::default().substitute("AWS::Region", "kept");
        let o = generator_options(&given, "M", &env());
        assert_eq!(o.state_machine_name.as_deref(), Some("M"));
        assert_eq!(o.substitutions["AWS::Region"], "kept");
        assert_eq!(o.substitutions["AWS::AccountId"], "111122223333");
        assert_eq!(o.substitutions["AWS::URLSuffix"], "amazonaws.com");
        let named = generator_options(&IamOptions::named("Other"), "M", &env());
        assert_eq!(named.state_machine_name.as_deref(), Some("Other"));
    }
}
