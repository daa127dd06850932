// `Entries` is required: a PutEvents without it does not compile.
use asl_aws::PutEvents;

fn main() {
    let _task = PutEvents::builder()
        .endpoint_id("e")
        .build();
}
