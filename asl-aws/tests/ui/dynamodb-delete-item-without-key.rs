// `Key` is required: a DeleteItem without it does not compile.
use asl_aws::DeleteItem;

fn main() {
    let _task = DeleteItem::builder()
        .table_name("T")
        .build();
}
