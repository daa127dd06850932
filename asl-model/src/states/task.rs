//! The Task state.

use super::Transition;
use crate::vocabulary::kinds::*;
use crate::{Dynamic, Path, ReferencePath};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use typed_builder::TypedBuilder;

crate::asl_object! {
/// A Task state: one unit of work, done by the service named in `Resource`.
///
/// ```
/// use asl_core::{Task, Transition};
/// use serde_json::json;
/// let task = Task::builder()
///     .resource("arn:aws:states:::lambda:invoke")
///     .parameters(json!({"FunctionName": "my-fn", "Payload.$": "$"}))
///     .transition(Transition::next("Done"))
///     .build();
/// assert_eq!(task.resource.as_str(), "arn:aws:states:::lambda:invoke");
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html>.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct Task {
    ..head,
    /// `Resource`: what does the work (required).
    resource: Resource = req("Resource", Arn),
    ..data_flow,
    /// `TimeoutSeconds` or `TimeoutSecondsPath`.
    timeout: Option<Timeout> = one_of,
    /// `HeartbeatSeconds` or `HeartbeatSecondsPath`.
    heartbeat: Option<Heartbeat> = one_of,
    /// `Credentials`: a role to assume for the task.
    credentials: Option<Credentials> = opt("Credentials", Object<Credentials>),
    ..errors,
    /// `Next` or `End` (default `End`).
    transition: Transition = special builder(default, setter(into)),
}
}

crate::one_of! {
/// `TimeoutSeconds` (a positive integer, or JSONata) or `TimeoutSecondsPath`.
///
/// ```
/// use asl_core::{Jsonata, Timeout};
/// use serde_json::json;
///
/// let fixed = Timeout::from(300);
/// let from_input = Timeout::Path("$.timeout".into());
/// let dynamic = Timeout::Seconds(Jsonata::new("$states.input.timeout").into());
///
/// assert_eq!(serde_json::to_value(&fixed).unwrap(), json!({"TimeoutSeconds": 300}));
/// assert_eq!(
///     serde_json::to_value(&from_input).unwrap(),
///     json!({"TimeoutSecondsPath": "$.timeout"})
/// );
/// assert_eq!(
///     serde_json::to_value(&dynamic).unwrap(),
///     json!({"TimeoutSeconds": "{% $states.input.timeout %}"})
/// );
/// ```
pub enum Timeout {
    /// `TimeoutSeconds`.
    Seconds(Dynamic<u64>) = ("TimeoutSeconds", DynInt<1>, JsonataWhenExpression),
    /// `TimeoutSecondsPath` (JSONPath).
    Path(ReferencePath) = ("TimeoutSecondsPath", RefPath, JsonPath),
}
}

impl From<u64> for Timeout {
    fn from(s: u64) -> Self {
        Timeout::Seconds(Dynamic::Value(s))
    }
}

crate::one_of! {
/// `HeartbeatSeconds` (a positive integer, or JSONata) or `HeartbeatSecondsPath`.
/// A Task's heartbeat must be shorter than its timeout.
///
/// ```
/// use asl_core::{Heartbeat, Task, Timeout};
///
/// let task = Task::builder()
///     .resource("arn:aws:states:::ecs:runTask.waitForTaskToken")
///     .timeout(Timeout::from(3600))
///     .heartbeat(Heartbeat::from(60))
///     .build();
/// let json = serde_json::to_value(&task).unwrap();
/// assert_eq!(json["TimeoutSeconds"], 3600);
/// assert_eq!(json["HeartbeatSeconds"], 60);
///
/// let from_input = Heartbeat::Path("$.heartbeat".into());
/// assert_eq!(
///     serde_json::to_value(&from_input).unwrap()["HeartbeatSecondsPath"],
///     "$.heartbeat"
/// );
/// ```
pub enum Heartbeat {
    /// `HeartbeatSeconds`.
    Seconds(Dynamic<u64>) = ("HeartbeatSeconds", DynInt<1>, JsonataWhenExpression),
    /// `HeartbeatSecondsPath` (JSONPath).
    Path(ReferencePath) = ("HeartbeatSecondsPath", RefPath, JsonPath),
}
}

impl From<u64> for Heartbeat {
    fn from(s: u64) -> Self {
        Heartbeat::Seconds(Dynamic::Value(s))
    }
}

crate::asl_object! {
/// A Task's `Credentials`: the role Step Functions assumes for the call.
///
/// The role is a literal ARN (`RoleArn`) or, in JSONPath, taken from the
/// input (`RoleArn.$`):
///
/// ```
/// use asl_core::{Credentials, RoleArn, Task};
/// use serde_json::json;
///
/// let task = Task::builder()
///     .resource("arn:aws:states:::lambda:invoke")
///     .credentials(
///         Credentials::builder()
///             .role_arn("arn:aws:iam::111122223333:role/CrossAccount")
///             .build(),
///     )
///     .build();
/// let json = serde_json::to_value(&task).unwrap();
/// assert_eq!(
///     json["Credentials"],
///     json!({"RoleArn": "arn:aws:iam::111122223333:role/CrossAccount"})
/// );
///
/// let from_input = Credentials::builder()
///     .role_arn(RoleArn::Path("$.roleArn".into()))
///     .build();
/// assert_eq!(
///     serde_json::to_value(&from_input).unwrap(),
///     json!({"RoleArn.$": "$.roleArn"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TypedBuilder)]
pub struct Credentials, template_keys {
    /// `RoleArn` or `RoleArn.$` (AWS requires one; the validator checks).
    role_arn: Option<RoleArn> = one_of builder(setter(into, strip_option)),
}
}

crate::one_of! {
/// The role in [`Credentials`].
pub enum RoleArn {
    /// `RoleArn`: an ARN, or a JSONata expression.
    Value(Dynamic<String>) = ("RoleArn", DynText, JsonataWhenExpression),
    /// `RoleArn.$`: a Path or intrinsic call (JSONPath).
    Path(Path) = ("RoleArn.$", PathText, JsonPath),
}
}

impl From<&str> for RoleArn {
    fn from(s: &str) -> Self {
        RoleArn::Value(s.into())
    }
}

/// A Task's `Resource`: an ARN (or URI) naming an activity, a Lambda function
/// or a service integration. [`Resource::kind`] classifies it.
///
/// ```
/// use asl_core::{Resource, ResourceKind};
/// let r = Resource::new("arn:aws:states:::bedrock:createModelCustomizationJob.sync");
/// match r.kind() {
///     ResourceKind::Integration { service, action, pattern, .. } => {
///         assert_eq!((service, action, pattern), ("bedrock", "createModelCustomizationJob", ".sync"));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Resource(ResourceRepr);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
enum ResourceRepr {
    Arn(String),
    /// A CloudFormation intrinsic (`{"Fn::GetAtt": [...]}`, `{"Ref": ...}`),
    /// resolved before the definition reaches Step Functions.
    CloudFormation(Value),
}

/// What a [`Resource`] ARN names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind<'a> {
    /// An optimized integration, `arn:P:states:::service:action[pattern]`;
    /// `pattern` is `""`, `".sync"`, `".sync:2"` or `".waitForTaskToken"`.
    Integration {
        /// The partition (`aws`, `aws-cn`, `aws-us-gov`).
        partition: &'a str,
        /// The service (`lambda`, `bedrock`, …).
        service: &'a str,
        /// The API action (`invoke`, `invokeModel`, …).
        action: &'a str,
        /// The integration pattern suffix.
        pattern: &'a str,
    },
    /// An AWS SDK integration, `arn:P:states:::aws-sdk:service:action[pattern]`.
    SdkIntegration {
        /// The partition.
        partition: &'a str,
        /// The SDK service id, lower case.
        service: &'a str,
        /// The API action, camel case.
        action: &'a str,
        /// The integration pattern suffix.
        pattern: &'a str,
    },
    /// An activity, `arn:P:states:R:A:activity:name`.
    Activity {
        /// The partition.
        partition: &'a str,
    },
    /// A Lambda function ARN, `arn:P:lambda:R:A:function:name[:qualifier]`.
    LambdaFunction {
        /// The partition.
        partition: &'a str,
    },
    /// A `${Name}` template substitution (CloudFormation, SAM, Terraform).
    Substitution,
    /// A CloudFormation intrinsic object (`{"Fn::GetAtt": …}`, `{"Ref": …}`).
    CloudFormation,
    /// Anything else.
    Other,
}

impl Resource {
    /// Wraps a resource string.
    pub fn new(s: impl Into<String>) -> Self {
        Resource(ResourceRepr::Arn(s.into()))
    }

    /// Wraps a CloudFormation intrinsic object, for definitions embedded in
    /// templates (`{"Fn::GetAtt": ["MyFunction", "Arn"]}`).
    pub fn cloudformation(intrinsic: Value) -> Self {
        Resource(ResourceRepr::CloudFormation(intrinsic))
    }

    /// The resource as written; empty for a CloudFormation intrinsic.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            ResourceRepr::Arn(s) => s,
            ResourceRepr::CloudFormation(_) => "",
        }
    }

    /// The CloudFormation intrinsic object, when the resource is one.
    pub fn cloudformation_intrinsic(&self) -> Option<&Value> {
        match &self.0 {
            ResourceRepr::CloudFormation(v) => Some(v),
            ResourceRepr::Arn(_) => None,
        }
    }

    /// Classifies the resource.
    pub fn kind(&self) -> ResourceKind<'_> {
        let s = match &self.0 {
            ResourceRepr::Arn(s) => s.as_str(),
            ResourceRepr::CloudFormation(_) => return ResourceKind::CloudFormation,
        };
        if s.contains("${") {
            return ResourceKind::Substitution;
        }
        classify(s).unwrap_or(ResourceKind::Other)
    }
}

fn classify(s: &str) -> Option<ResourceKind<'_>> {
    let (partition, rest) = s.strip_prefix("arn:")?.split_once(':')?;
    if let Some(rest) = rest.strip_prefix("states:::") {
        if let Some(rest) = rest.strip_prefix("aws-sdk:") {
            let (service, tail) = rest.split_once(':')?;
            let (action, pattern) = split_pattern(tail);
            return Some(ResourceKind::SdkIntegration {
                partition,
                service,
                action,
                pattern,
            });
        }
        let (service, tail) = rest.split_once(':')?;
        let (action, pattern) = split_pattern(tail);
        return Some(ResourceKind::Integration {
            partition,
            service,
            action,
            pattern,
        });
    }
    let parts: Vec<&str> = rest.split(':').collect();
    match parts.as_slice() {
        ["states", _, _, "activity", name] if !name.is_empty() => {
            Some(ResourceKind::Activity { partition })
        }
        ["lambda", _, _, "function", ..] => Some(ResourceKind::LambdaFunction { partition }),
        _ => None,
    }
}

/// Splits `invokeModel.sync` into (`invokeModel`, `.sync`).
fn split_pattern(tail: &str) -> (&str, &str) {
    match tail.find('.') {
        Some(i) => tail.split_at(i),
        None => (tail, ""),
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            ResourceRepr::Arn(s) => f.write_str(s),
            ResourceRepr::CloudFormation(v) => write!(f, "{v}"),
        }
    }
}

impl From<&str> for Resource {
    fn from(s: &str) -> Self {
        Resource::new(s)
    }
}

impl From<String> for Resource {
    fn from(s: String) -> Self {
        Resource::new(s)
    }
}
