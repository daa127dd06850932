// `Key` is required: a GetItem without it does not compile.
use asl_aws::GetItem;

fn main() {
    let _task = GetItem::builder()
        .table_name("T")
        .build();
}
