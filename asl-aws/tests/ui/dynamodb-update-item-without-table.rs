// `TableName` is required: a UpdateItem without it does not compile.
use asl_aws::UpdateItem;

fn main() {
    let _task = UpdateItem::builder()
        .key(serde_json::json!({}))
        .build();
}
