//! AWS SDK integrations: `arn:aws:states:::aws-sdk:service:action`.

use asl_model::iam::Statement;
use asl_model::integration::{
    request_field, AwsEnvironment, Request, RequestWriter, TaskContext, TypedTask,
};
use asl_model::{Diagnostic, QueryLanguage, ResourceKind, Task};
use serde_json::{Map, Value};
use typed_builder::TypedBuilder;

/// A typed AWS SDK call: `service` and `action` (as the resource writes
/// them, `s3` and `getObject`) and its parameters, written as given (the
/// SDK has too many APIs to type each). Its IAM is [`Aws`](crate::Aws)'s
/// (the action map of [`iam_actions`](crate::iam_actions)).
///
/// It is not part of [`AwsTasks`](super::AwsTasks)' validation: asl-core
/// checks SDK resources itself.
///
/// ```
/// use asl_aws::AwsSdk;
/// use asl_core::integration::TypedTask;
/// use asl_core::{QueryLanguage, Task};
/// use serde_json::json;
/// let task: Task = AwsSdk::builder()
///     .service("s3")
///     .action("getObject")
///     .parameters(json!({"Bucket": "b", "Key.$": "$.key"}).as_object().cloned().unwrap_or_default())
///     .build()
///     .into();
/// assert_eq!(task.resource.to_string(), "arn:aws:states:::aws-sdk:s3:getObject");
/// let back = AwsSdk::try_from(&task).unwrap();
/// assert_eq!(back.action, "getObject");
/// assert_eq!(back.into_task(QueryLanguage::JsonPath), task);
/// ```
#[derive(Debug, Clone, PartialEq, TypedBuilder)]
#[builder(doc)]
pub struct AwsSdk {
    /// The service, as in the resource (`s3`, `dynamodb`).
    #[builder(setter(into))]
    pub service: String,
    /// The action, camelCase as in the resource (`getObject`).
    #[builder(setter(into))]
    pub action: String,
    /// The request, in the Task's query language's form.
    #[builder(default)]
    pub parameters: Map<String, Value>,
    /// The partition of the resource ARN (default `aws`).
    #[builder(default = "aws".to_string(), setter(into))]
    pub partition: String,
}

impl AwsSdk {
    /// The resource ARN.
    pub fn resource(&self) -> String {
        format!(
            "arn:{}:states:::aws-sdk:{}:{}",
            self.partition, self.service, self.action
        )
    }
}

impl TypedTask for AwsSdk {
    const NAME: &'static str = "aws-sdk";
    const RESOURCES: &'static [&'static str] = &["aws-sdk:*"];

    fn read(r: &mut Request<'_>) -> Self {
        let task = r.task();
        let (service, action) = match task.resource.kind() {
            ResourceKind::SdkIntegration {
                service, action, ..
            } => (service.to_string(), action.to_string()),
            _ => (String::new(), String::new()),
        };
        let request = match r.query_language() {
            QueryLanguage::Jsonata => task.arguments.as_ref(),
            QueryLanguage::JsonPath => task.parameters.as_ref().map(|p| p.as_value()),
        };
        let keys: Vec<String> = request
            .and_then(Value::as_object)
            .map(|m| {
                m.keys()
                    .map(|k| k.strip_suffix(".$").unwrap_or(k).to_string())
                    .collect()
            })
            .unwrap_or_default();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        r.allow(&keys);
        AwsSdk {
            service,
            action,
            partition: r.partition().to_string(),
            parameters: r.rest(),
        }
    }

    fn into_task(self, ql: QueryLanguage) -> Task {
        let resource = self.resource();
        let mut w = RequestWriter::new(ql);
        w.extend(&self.parameters);
        w.into_task(resource)
    }

    fn validate(&self, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        if self.service.is_empty() || self.action.is_empty() {
            out.push(Diagnostic::error(
                asl_model::codes::INVALID_RESOURCE,
                format!("{}/Resource", cx.pointer),
                format!(
                    "an AWS SDK resource names its service and action; its {} are the action's request",
                    request_field(cx.query_language)
                ),
            ));
        }
    }

    fn statements(&self, cx: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
        let task = self.clone().into_task(cx.query_language);
        super::statements_of(&task, cx, env)
    }

    fn handles(task: &Task) -> bool {
        matches!(task.resource.kind(), ResourceKind::SdkIntegration { .. })
    }
}

impl TryFrom<&Task> for AwsSdk {
    type Error = Vec<Diagnostic>;
    fn try_from(task: &Task) -> Result<Self, Self::Error> {
        AwsSdk::try_from_task(task, asl_model::integration::query_language_of(task))
    }
}

impl From<AwsSdk> for Task {
    fn from(value: AwsSdk) -> Task {
        value.into_task(QueryLanguage::JsonPath)
    }
}
