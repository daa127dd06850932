fn main() {
    let _machine = {
        ::core::compile_error! { "missing 'Next' target: 'Nowhere' is not a state of this scope (transitions cannot leave a Parallel branch or Map processor)" }
        ::asl_kit::__private::stub()
    };
}
