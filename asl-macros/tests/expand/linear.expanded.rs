fn main() {
    let _machine = ::asl_kit::__private::core::StateMachine::builder()
        .comment("hello")
        .start_at("Hello")
        .states(::asl_kit::__private::states([
            (
                "Hello",
                ::asl_kit::__private::core::State::from(
                    ::asl_kit::__private::core::Pass::builder()
                        .result(::asl_kit::__private::object([
                            ("greeting", ::asl_kit::__private::serde_json::Value::from("hi")),
                            (
                                "n",
                                ::asl_kit::__private::serde_json::Value::Array(::std::vec![
                                    ::asl_kit::__private::serde_json::Value::from(1u64),
                                    ::asl_kit::__private::serde_json::Value::from(-2i64),
                                    ::asl_kit::__private::float(1.5f64),
                                    ::asl_kit::__private::serde_json::Value::Null
                                ]),
                            ),
                        ]))
                        .result_path(::asl_kit::__private::core::ReferencePath::new("$.out"))
                        .transition(::asl_kit::__private::core::Transition::next("Done"))
                        .build(),
                ),
            ),
            (
                "Done",
                ::asl_kit::__private::core::State::from(::asl_kit::__private::core::Succeed::builder().build()),
            ),
        ]))
        .build();
}
