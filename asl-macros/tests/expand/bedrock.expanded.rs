fn main() {
    let _machine = ::asl_kit::__private::core::StateMachine::builder()
        .start_at("Ask")
        .states(::asl_kit::__private::states([
            ("Ask", {
                #[allow(unused_mut)]
                let mut __task = ::asl_kit::__private::bedrock::InvokeModel::builder()
                    .model_id((MODEL))
                    .input(::asl_kit::__private::bedrock::ModelInput::from(::asl_kit::__private::object([
                        ("prompt.$", ::asl_kit::__private::serde_json::Value::from("$.topic")),
                        ("max_tokens", ::asl_kit::__private::serde_json::Value::from(250u64)),
                    ])))
                    .build()
                    .into_task(::asl_kit::__private::core::QueryLanguage::JsonPath);
                __task.result_path = ::core::option::Option::Some(::core::convert::Into::into(::asl_kit::__private::core::ReferencePath::new("$.answer")));
                __task.retry = ::core::option::Option::Some(::core::convert::Into::into(::std::vec![::asl_kit::__private::core::Retrier::builder()
                    .error_equals([::std::string::String::from("Bedrock.ThrottlingException")])
                    .max_attempts(2u64)
                    .backoff_rate(2f64)
                    .build()]));
                __task.catch = ::core::option::Option::Some(::core::convert::Into::into(::std::vec![::asl_kit::__private::core::Catcher::builder()
                    .error_equals([::std::string::String::from("States.ALL")])
                    .next("Failed")
                    .build()]));
                __task.transition = ::asl_kit::__private::core::Transition::next("Done");
                ::asl_kit::__private::core::State::from(__task)
            }),
            (
                "Done",
                ::asl_kit::__private::core::State::from(::asl_kit::__private::core::Succeed::builder().build()),
            ),
            (
                "Failed",
                ::asl_kit::__private::core::State::from(
                    ::asl_kit::__private::core::Fail::builder()
                        .error(::asl_kit::__private::core::FailError::Error(::asl_kit::__private::dynamic_string("AskFailed")))
                        .build(),
                ),
            ),
        ]))
        .build();
}
