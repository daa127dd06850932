//! Amazon DynamoDB: `getItem`, `putItem`, `updateItem`, `deleteItem`
//! (request-response).

use super::typed_task;
use serde_json::Value;

typed_task! {
    /// A typed `dynamodb:getItem` request; `table_name` and `key` are
    /// required (leaving one out does not compile).
    ///
    /// ```
    /// use asl_aws::GetItem;
    /// use asl_core::Task;
    /// use serde_json::json;
    /// let task: Task = GetItem::builder()
    ///     .table_name("Orders")
    ///     .key(json!({"id": {"S.$": "$.id"}}))
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::dynamodb:getItem");
    /// assert_eq!(GetItem::try_from(&task).map(|g| g.key), Ok(json!({"id": {"S.$": "$.id"}}).into()));
    /// ```
    GetItem {
        api: "dynamodb:getItem",
        resources: ["dynamodb:getItem"],
        default_pattern: crate::Pattern::RequestResponse,
        required {
            /// `TableName` (required).
            table_name: String = "TableName" via put,
            /// `Key` (required).
            key: Value = "Key" via template,
        }
        optional {
            /// `ConsistentRead`.
            consistent_read: bool = "ConsistentRead" via put,
            /// `ProjectionExpression`.
            projection_expression: String = "ProjectionExpression" via put,
            /// `ExpressionAttributeNames`.
            expression_attribute_names: Value = "ExpressionAttributeNames" via template,
            /// `ReturnConsumedCapacity`.
            return_consumed_capacity: String = "ReturnConsumedCapacity" via put,
        }
        allow ["AttributesToGet"]
    }
}

typed_task! {
    /// A typed `dynamodb:putItem` request; `table_name` and `item` are
    /// required (leaving one out does not compile).
    ///
    /// ```
    /// use asl_aws::PutItem;
    /// use asl_core::Task;
    /// use serde_json::json;
    /// let task: Task = PutItem::builder()
    ///     .table_name("Orders")
    ///     .item(json!({"id": {"S.$": "$.id"}}))
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::dynamodb:putItem");
    /// ```
    PutItem {
        api: "dynamodb:putItem",
        resources: ["dynamodb:putItem"],
        default_pattern: crate::Pattern::RequestResponse,
        required {
            /// `TableName` (required).
            table_name: String = "TableName" via put,
            /// `Item` (required).
            item: Value = "Item" via template,
        }
        optional {
            /// `ConditionExpression`.
            condition_expression: String = "ConditionExpression" via put,
            /// `ExpressionAttributeNames`.
            expression_attribute_names: Value = "ExpressionAttributeNames" via template,
            /// `ExpressionAttributeValues`.
            expression_attribute_values: Value = "ExpressionAttributeValues" via template,
            /// `ReturnValues`.
            return_values: String = "ReturnValues" via put,
        }
        allow ["ConditionalOperator", "Expected", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"]
    }
}

typed_task! {
    /// A typed `dynamodb:updateItem` request; `table_name` and `key` are
    /// required (leaving one out does not compile).
    ///
    /// ```
    /// use asl_aws::UpdateItem;
    /// use asl_core::Task;
    /// use serde_json::json;
    /// let task: Task = UpdateItem::builder()
    ///     .table_name("Orders")
    ///     .key(json!({"id": {"S": "1"}}))
    ///     .update_expression("SET done = :t")
    ///     .expression_attribute_values(json!({":t": {"BOOL": true}}))
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::dynamodb:updateItem");
    /// ```
    UpdateItem {
        api: "dynamodb:updateItem",
        resources: ["dynamodb:updateItem"],
        default_pattern: crate::Pattern::RequestResponse,
        required {
            /// `TableName` (required).
            table_name: String = "TableName" via put,
            /// `Key` (required).
            key: Value = "Key" via template,
        }
        optional {
            /// `UpdateExpression`.
            update_expression: String = "UpdateExpression" via put,
            /// `ConditionExpression`.
            condition_expression: String = "ConditionExpression" via put,
            /// `ExpressionAttributeNames`.
            expression_attribute_names: Value = "ExpressionAttributeNames" via template,
            /// `ExpressionAttributeValues`.
            expression_attribute_values: Value = "ExpressionAttributeValues" via template,
            /// `ReturnValues`.
            return_values: String = "ReturnValues" via put,
        }
        allow ["AttributeUpdates", "ConditionalOperator", "Expected", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"]
    }
}

typed_task! {
    /// A typed `dynamodb:deleteItem` request; `table_name` and `key` are
    /// required (leaving one out does not compile).
    ///
    /// ```
    /// use asl_aws::DeleteItem;
    /// use asl_core::Task;
    /// use serde_json::json;
    /// let task: Task = DeleteItem::builder()
    ///     .table_name("Orders")
    ///     .key(json!({"id": {"S": "1"}}))
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::dynamodb:deleteItem");
    /// ```
    DeleteItem {
        api: "dynamodb:deleteItem",
        resources: ["dynamodb:deleteItem"],
        default_pattern: crate::Pattern::RequestResponse,
        required {
            /// `TableName` (required).
            table_name: String = "TableName" via put,
            /// `Key` (required).
            key: Value = "Key" via template,
        }
        optional {
            /// `ConditionExpression`.
            condition_expression: String = "ConditionExpression" via put,
            /// `ExpressionAttributeNames`.
            expression_attribute_names: Value = "ExpressionAttributeNames" via template,
            /// `ExpressionAttributeValues`.
            expression_attribute_values: Value = "ExpressionAttributeValues" via template,
            /// `ReturnValues`.
            return_values: String = "ReturnValues" via put,
        }
        allow ["ConditionalOperator", "Expected", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"]
    }
}
