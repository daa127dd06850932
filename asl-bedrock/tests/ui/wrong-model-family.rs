// A typed InvokeModel binds the body to the model's family: a Claude
// Messages body cannot be sent to a Cohere Command model.
use asl_bedrock::models::cohere;
use asl_bedrock::{ClaudeMessages, InvokeModel, Message};

fn main() {
    let _task = InvokeModel::typed(
        cohere::COMMAND_TEXT,
        ClaudeMessages::new(512, vec![Message::user("Hello")]),
    );
}
