// A Choice Rule needs `Next`.
use asl_core::{ChoiceRule, Comparator, Comparison, Condition};

fn main() {
    let _rule = ChoiceRule::builder()
        .condition(Condition::JsonPath(
            Comparison::new("$.ok", Comparator::BooleanEquals(true)).into(),
        ))
        .build();
}
