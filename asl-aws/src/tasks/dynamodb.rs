//! Amazon DynamoDB: `getItem`, `putItem`, `updateItem`, `deleteItem`
//! (request-response).

use super::typed_task;
use serde_json::Value;

/// The other parameters of `putItem`, `updateItem` and `deleteItem`, kept
/// in `other`.
const WRITE_OPTIONS: &[&str] = &[
    "ConditionalOperator",
    "Expected",
    "ReturnConsumedCapacity",
    "ReturnItemCollectionMetrics",
    "ReturnValuesOnConditionCheckFailure",
];

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
    GetItem: "dynamodb:getItem" {
        required { ..table_key }
        optional {
            consistent_read: bool = "ConsistentRead",
            projection_expression: String = "ProjectionExpression",
            expression_attribute_names: Value = "ExpressionAttributeNames",
            return_consumed_capacity: String = "ReturnConsumedCapacity",
        }
        allow &["AttributesToGet"];
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
    PutItem: "dynamodb:putItem" {
        required { table_name: String = "TableName", item: Value = "Item" }
        optional { ..conditional_write }
        allow WRITE_OPTIONS;
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
    UpdateItem: "dynamodb:updateItem" {
        required { ..table_key }
        optional { update_expression: String = "UpdateExpression", ..conditional_write }
        allow &["AttributeUpdates"], WRITE_OPTIONS;
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
    DeleteItem: "dynamodb:deleteItem" {
        required { ..table_key }
        optional { ..conditional_write }
        allow WRITE_OPTIONS;
    }
}

impl GetItem {
    /// Where the item is in the result: `$.Item` (absent when no item has the key).
    ///
    /// ```
    /// assert_eq!(asl_aws::GetItem::ITEM, "$.Item");
    /// ```
    pub const ITEM: &'static str = "$.Item";
}
