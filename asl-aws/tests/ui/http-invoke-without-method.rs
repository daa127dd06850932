// `Method` is required: a HttpInvoke without it does not compile.
use asl_aws::HttpInvoke;

fn main() {
    let _task = HttpInvoke::builder()
        .api_endpoint("https://example.com")
        .build();
}
