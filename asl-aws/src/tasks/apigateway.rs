//! The HTTP task (`http:invoke`) and Amazon API Gateway (`apigateway:invoke`).

use super::typed_task;
use serde_json::Value;

typed_task! {
    /// A typed HTTP task (`arn:aws:states:::http:invoke`): `api_endpoint`
    /// and `method` are required (leaving one out does not compile);
    /// `authentication` (with its `ConnectionArn`) is needed at run time,
    /// a warning when absent. Its IAM (the connection's secret, `states:InvokeHTTPEndpoint`)
    /// needs the whole machine, so asl-core's policy generator adds it;
    /// [`TypedTask::statements`](asl_model::integration::TypedTask::statements) is empty.
    ///
    /// ```
    /// use asl_aws::HttpInvoke;
    /// use asl_core::Task;
    /// use serde_json::json;
    /// let task: Task = HttpInvoke::builder()
    ///     .api_endpoint("https://api.example.com/orders")
    ///     .method("POST")
    ///     .authentication(json!({"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1"}))
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::http:invoke");
    /// assert!(HttpInvoke::try_from(&task).is_ok());
    /// ```
    HttpInvoke: "http:invoke" {
        required { ..endpoint }
        optional {
            /// The call fails without it, but Step Functions accepts a
            /// definition that leaves it out, so reading it reports a warning.
            authentication: Value = "Authentication": "`{\"ConnectionArn\": …}`",
            invocation_config: Value = "InvocationConfig": "`{\"ConnectionArn\": …}` for a private API",
            headers: Value = "Headers",
            ..query_body,
            transform: Value = "Transform": "`RequestBodyEncoding`, `RequestEncodingOptions`",
        }
        check(r, v) {
            let field = asl_model::integration::request_field(r.query_language());
            if v.authentication.is_none() && v.invocation_config.is_none() {
                r.warning("", format!("http:invoke needs 'Authentication.ConnectionArn' in its '{field}' to call the endpoint"));
            }
            if let Some(Value::Object(auth)) = v.authentication.as_ref().and_then(asl_model::Dynamic::as_value) {
                if !auth.contains_key("ConnectionArn") && !auth.contains_key("ConnectionArn.$") {
                    r.error("/Authentication", format!("'{field}.Authentication' needs 'ConnectionArn'"));
                }
            }
        }
    }
}

typed_task! {
    /// A typed `apigateway:invoke` request: `api_endpoint` and `method`
    /// are required (leaving one out does not compile).
    ///
    /// ```
    /// use asl_aws::ApiGatewayInvoke;
    /// use asl_core::Task;
    /// use serde_json::json;
    /// let task: Task = ApiGatewayInvoke::builder()
    ///     .api_endpoint("abc123.execute-api.us-east-1.amazonaws.com")
    ///     .method("GET")
    ///     .stage("prod")
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::apigateway:invoke");
    /// ```
    ApiGatewayInvoke: "apigateway:invoke" + [".waitForTaskToken"] {
        required { ..endpoint }
        optional {
            headers: Value = "Headers",
            stage: String = "Stage",
            path: String = "Path",
            ..query_body,
            allow_null_values: bool = "AllowNullValues",
            auth_type: String = "AuthType": "`NO_AUTH`, `IAM_ROLE` or `RESOURCE_POLICY`",
        }
    }
}
