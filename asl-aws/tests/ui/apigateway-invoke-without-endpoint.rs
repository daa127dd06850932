// `ApiEndpoint` is required: a ApiGatewayInvoke without it does not compile.
use asl_aws::ApiGatewayInvoke;

fn main() {
    let _task = ApiGatewayInvoke::builder()
        .method("GET")
        .build();
}
