fn main() {
    let _machine = ::asl_kit::__private::core::StateMachine::builder()
        .start_at("Work")
        .states(::asl_kit::__private::states([
            ("Work", {
                #[allow(unused_mut)]
                let mut __task = ::asl_kit::__private::core::integration::TypedTask::into_task(
                    ::asl_kit::__private::aws::LambdaInvoke::builder()
                        .function_name((FUNCTION))
                        .payload(::asl_kit::__private::request_value::<::asl_kit::__private::serde_json::Value>(
                            ::asl_kit::__private::object([("x.$", ::asl_kit::__private::serde_json::Value::from("$.x"))]),
                            false,
                        ))
                        .pattern(::asl_kit::__private::aws::Pattern::RequestResponse)
                        .build(),
                    ::asl_kit::__private::core::QueryLanguage::JsonPath,
                );
                __task.result_path = ::core::option::Option::Some(::core::convert::Into::into(::asl_kit::__private::core::ReferencePath::new("$.work")));
                __task.transition = ::asl_kit::__private::core::Transition::next("Ask");
                ::asl_kit::__private::core::State::from(__task)
            }),
            ("Ask", {
                #[allow(unused_mut)]
                let mut __task = ::asl_kit::__private::core::integration::TypedTask::into_task(
                    ::asl_kit::__private::aws::SnsPublish::builder()
                        .topic_arn(::asl_kit::__private::request_value::<::std::string::String>(
                            ::asl_kit::__private::serde_json::Value::from("arn:aws:sns:us-east-1:123456789012:approvals"),
                            false,
                        ))
                        .message(::asl_kit::__private::core::Dynamic::path("$$.Task.Token"))
                        .pattern(::asl_kit::__private::aws::Pattern::WaitForTaskToken)
                        .build(),
                    ::asl_kit::__private::core::QueryLanguage::JsonPath,
                );
                __task.transition = ::asl_kit::__private::core::Transition::next("Fetch");
                ::asl_kit::__private::core::State::from(__task)
            }),
            ("Fetch", {
                #[allow(unused_mut)]
                let mut __task = ::asl_kit::__private::core::integration::TypedTask::into_task(
                    ::asl_kit::__private::aws::AwsSdk::builder()
                        .service("s3")
                        .action("getObject")
                        .parameters(::asl_kit::__private::members([
                            ("Bucket", ::asl_kit::__private::serde_json::Value::from("reports")),
                            ("Key.$", ::asl_kit::__private::serde_json::Value::from("$.key")),
                        ]))
                        .build(),
                    ::asl_kit::__private::core::QueryLanguage::JsonPath,
                );
                __task.transition = ::asl_kit::__private::core::Transition::End;
                ::asl_kit::__private::core::State::from(__task)
            }),
        ]))
        .build();
}
