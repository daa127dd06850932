//! What a Task's permissions are built with: the integration pattern, the
//! environment's ARNs, and [`Out`], which collects statements and warnings.

use crate::request::{Field, Params};
use asl_model::iam::{Permissions, Statement, IAM_INCOMPLETE, IAM_REVIEW};
use asl_model::integration::{AwsEnvironment, TaskContext};
use asl_model::{arn, Diagnostic};
use serde_json::{json, Value};

/// The integration pattern of a Task's resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// Request-response (no suffix).
    RequestResponse,
    /// `.sync`: run a job and wait.
    Sync,
    /// `.sync:2`: run a job and wait, output as JSON.
    Sync2,
    /// `.waitForTaskToken`: wait for a callback.
    WaitForTaskToken,
}

impl Pattern {
    /// The pattern of a resource suffix; `None` for an unknown one.
    ///
    /// ```
    /// use asl_aws::Pattern;
    /// assert_eq!(Pattern::of(".sync:2"), Some(Pattern::Sync2));
    /// assert_eq!(Pattern::of(".later"), None);
    /// ```
    pub fn of(suffix: &str) -> Option<Self> {
        match suffix {
            "" => Some(Pattern::RequestResponse),
            ".sync" => Some(Pattern::Sync),
            ".sync:2" => Some(Pattern::Sync2),
            ".waitForTaskToken" => Some(Pattern::WaitForTaskToken),
            _ => None,
        }
    }

    /// The resource suffix of the pattern (`""`, `.sync`, …).
    ///
    /// ```
    /// assert_eq!(asl_aws::Pattern::Sync2.suffix(), ".sync:2");
    /// ```
    pub fn suffix(self) -> &'static str {
        match self {
            Pattern::RequestResponse => "",
            Pattern::Sync => ".sync",
            Pattern::Sync2 => ".sync:2",
            Pattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }

    /// `.sync` or `.sync:2`: Step Functions polls or listens for the job's end.
    pub fn is_sync(self) -> bool {
        matches!(self, Pattern::Sync | Pattern::Sync2)
    }
}

/// One Task's call: the API action (as in the resource, `startJobRun`), its
/// pattern and its request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call<'a> {
    pub(crate) action: &'a str,
    pub(crate) pattern: Pattern,
    pub(crate) params: Params<'a>,
}

impl Call<'_> {
    /// `main`, plus `sync` for the `.sync` patterns.
    pub(crate) fn actions<'s>(&self, main: &[&'s str], sync: &[&'s str]) -> Vec<&'s str> {
        let mut all = main.to_vec();
        if self.pattern.is_sync() {
            all.extend_from_slice(sync);
        }
        all
    }
}

/// Collects one Task's statements and warnings.
#[derive(Debug)]
pub(crate) struct Out<'a> {
    pub(crate) env: &'a AwsEnvironment,
    cx: &'a TaskContext<'a>,
    statements: Vec<Statement>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Out<'a> {
    pub(crate) fn new(env: &'a AwsEnvironment, cx: &'a TaskContext<'a>) -> Self {
        Out {
            env,
            cx,
            statements: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub(crate) fn finish(self) -> Permissions {
        Permissions {
            statements: self.statements,
            warnings: self.warnings,
        }
    }

    /// `Allow` `actions` on `resources`.
    pub(crate) fn allow(&mut self, sid: &str, actions: &[&str], resources: Vec<String>) {
        self.statements
            .push(Statement::allow(sid, actions.iter().copied(), resources));
    }

    /// `Allow` with a `Condition`.
    pub(crate) fn allow_if(
        &mut self,
        sid: &str,
        actions: &[&str],
        resources: Vec<String>,
        condition: Value,
    ) {
        self.statements.push(
            Statement::allow(sid, actions.iter().copied(), resources).with_condition(condition),
        );
    }

    /// `events:PutTargets`, `PutRule` and `DescribeRule` on the managed rule
    /// Step Functions creates for a `.sync` integration.
    pub(crate) fn managed_rule(&mut self, rule: &str) {
        let arn = self.regional("events", &format!("rule/{rule}"));
        self.allow(
            "ManagedRule",
            &["events:PutTargets", "events:PutRule", "events:DescribeRule"],
            vec![arn],
        );
    }

    /// `iam:PassRole` on `role` (a role name or ARN; any role of the account
    /// when dynamic), passed to `service` (`sagemaker.amazonaws.com`) when
    /// given. Nothing when the role is absent.
    pub(crate) fn pass_role(&mut self, role: &Field, service: Option<&str>) {
        let arn = match role {
            Field::Absent => return,
            Field::Known(r) => arn::iam_role(self.env, r),
            Field::Unknown => arn::any_role(self.env),
        };
        match service {
            Some(s) => self.allow_if(
                "PassRole",
                &["iam:PassRole"],
                vec![arn],
                json!({"StringEquals": {"iam:PassedToService": s}}),
            ),
            None => self.allow("PassRole", &["iam:PassRole"], vec![arn]),
        }
    }

    /// `iam:CreateServiceLinkedRole` on the service-linked role `role` of
    /// `service` (`emr-containers.amazonaws.com`), which the first use in an
    /// account creates.
    pub(crate) fn service_linked_role(&mut self, service: &str, role: &str) {
        let arn = format!(
            "arn:{}:iam::{}:role/aws-service-role/{service}/{role}",
            self.env.partition, self.env.account
        );
        self.allow_if(
            "ServiceLinkedRole",
            &["iam:CreateServiceLinkedRole"],
            vec![arn],
            json!({"StringLike": {"iam:AWSServiceName": service}}),
        );
    }

    /// `arn:P:SERVICE:R:A:RESOURCE` in the environment.
    pub(crate) fn regional(&self, service: &str, resource: &str) -> String {
        arn::regional(self.env, service, resource)
    }

    /// `arn:P:SERVICE:*:*:RESOURCE`: any region and account.
    pub(crate) fn anywhere(&self, service: &str, resource: &str) -> String {
        format!("arn:{}:{service}:*:*:{resource}", self.env.partition)
    }

    /// An ARN as written, or `known(value)` for a name.
    pub(crate) fn arn_or(
        &self,
        field: &Field,
        known: impl FnOnce(&str) -> String,
        any: String,
    ) -> String {
        field.or_any(
            |v| {
                if arn::is_arn(v) {
                    v.to_string()
                } else {
                    known(v)
                }
            },
            any,
        )
    }

    /// A warning: a permission the generator could not derive; `add` says
    /// what to add to the role.
    pub(crate) fn incomplete(&mut self, add: impl Into<String>) {
        let message = format!("state '{}': {}", self.cx.name, add.into());
        self.warnings.push(Diagnostic::warning(
            IAM_INCOMPLETE,
            self.cx.pointer,
            message,
        ));
    }

    /// A warning about a grant to review (a wildcard, another role).
    pub(crate) fn review(&mut self, what: impl Into<String>) {
        let message = format!("state '{}': {}", self.cx.name, what.into());
        self.warnings
            .push(Diagnostic::warning(IAM_REVIEW, self.cx.pointer, message));
    }
}
