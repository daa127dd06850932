fn main() {
    let _machine = ::asl_kit::__private::core::StateMachine::builder()
        .start_at("Ask")
        .states(::asl_kit::__private::states([
            ("Ask", {
                #[allow(unused_mut)]
                let mut __task = ::asl_kit::__private::bedrock::InvokeModel::builder()
                    .model_id(::asl_kit::__private::bedrock::ModelId::from("amazon.titan-text-express-v1"))
                    .input(::asl_kit::__private::bedrock::ModelInput::from(::asl_kit::__private::object([(
                        "inputText",
                        ::asl_kit::__private::serde_json::Value::from("hi"),
                    )])))
                    .output(::asl_kit::__private::s3_uri("s3://b/out.json"))
                    .trace(::asl_kit::__private::bedrock::Dynamic::<::asl_kit::__private::bedrock::Trace>::Value(
                        ::asl_kit::__private::bedrock::Trace::Disabled,
                    ))
                    .guardrail(::asl_kit::__private::bedrock::Guardrail {
                        identifier: ::asl_kit::__private::bedrock::Dynamic::<::std::string::String>::Value(::std::string::String::from("gr")),
                        version: ::asl_kit::__private::bedrock::Dynamic::<::asl_kit::__private::bedrock::GuardrailVersion>::Value(
                            ::asl_kit::__private::guardrail_version("DRAFT"),
                        ),
                    })
                    .build()
                    .into_task(::asl_kit::__private::core::QueryLanguage::JsonPath);
                __task.transition = ::asl_kit::__private::core::Transition::next("Train");
                ::asl_kit::__private::core::State::from(__task)
            }),
            ("Train", {
                #[allow(unused_mut)]
                let mut __task = ::asl_kit::__private::bedrock::CreateModelCustomizationJob::<::asl_kit::__private::bedrock::RunJob>::builder()
                    .job_name(::asl_kit::__private::bedrock::Dynamic::<::std::string::String>::Value(
                        ::std::string::String::from("j"),
                    ))
                    .custom_model_name(::asl_kit::__private::bedrock::Dynamic::<::std::string::String>::Value(
                        ::std::string::String::from("m"),
                    ))
                    .role_arn(::asl_kit::__private::bedrock::Dynamic::<::std::string::String>::Value(
                        ::std::string::String::from("arn:aws:iam::123456789012:role/R"),
                    ))
                    .base_model_identifier(::asl_kit::__private::bedrock::Dynamic::<::std::string::String>::Value(
                        ::std::string::String::from("amazon.titan-text-express-v1"),
                    ))
                    .training_data_config(::asl_kit::__private::s3_uri("s3://b/train.jsonl"))
                    .output_data_config(::asl_kit::__private::bedrock::S3Uri::path("$.out"))
                    .job_tags(::std::vec![::asl_kit::__private::bedrock::Tag::new("k", "v")])
                    .build()
                    .into_task(::asl_kit::__private::core::QueryLanguage::JsonPath);
                __task.result_path = ::core::option::Option::Some(::core::convert::Into::into(::asl_kit::__private::core::ReferencePath::new("$.job")));
                __task.transition = ::asl_kit::__private::core::Transition::End;
                ::asl_kit::__private::core::State::from(__task)
            }),
        ]))
        .build();
}
