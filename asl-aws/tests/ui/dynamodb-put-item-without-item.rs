// `Item` is required: a PutItem without it does not compile.
use asl_aws::PutItem;

fn main() {
    let _task = PutItem::builder()
        .table_name("T")
        .build();
}
