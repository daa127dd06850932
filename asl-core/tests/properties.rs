//! Properties over generated machines: every generated valid machine passes
//! the validator, serializes, parses back to the same model, and serializes
//! to the same text.

#![allow(clippy::indexing_slicing)] // generator code indexes its own name list

use asl_core::*;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Arbitrary JSON, a few levels deep, with awkward strings and numbers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (-1.0e12f64..1.0e12).prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z_]{1,8}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn retrier() -> impl Strategy<Value = Retrier> {
    (
        prop::collection::vec("[A-Z][a-zA-Z.]{0,12}", 1..3),
        prop::option::of(1u64..100),
        prop::option::of(0u64..10),
        prop::option::of(1.0f64..4.0),
        prop::option::of(prop_oneof![
            Just(JitterStrategy::Full),
            Just(JitterStrategy::None)
        ]),
    )
        .prop_map(|(errors, interval, attempts, rate, jitter)| {
            let mut r = Retrier::builder().error_equals(errors).build();
            r.interval_seconds = interval;
            r.max_attempts = attempts;
            r.backoff_rate = rate.and_then(serde_json::Number::from_f64);
            r.jitter_strategy = jitter;
            r
        })
}

/// The kind of state to generate at one position of a chain.
#[derive(Debug, Clone)]
enum Kind {
    Pass(Option<Value>, Option<String>),
    Task(Option<Value>, Vec<Retrier>, Option<u64>),
    Wait(u64),
    Choice(f64, String),
    Parallel(usize),
    Map(u64),
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (prop::option::of(any_json()), prop::option::of(".{0,20}"))
            .prop_map(|(r, c)| Kind::Pass(r, c)),
        (
            prop::option::of(any_json()),
            prop::collection::vec(retrier(), 0..3),
            prop::option::of(1u64..99_999)
        )
            .prop_map(|(p, r, t)| Kind::Task(p, r, t)),
        (0u64..100_000).prop_map(Kind::Wait),
        (-1.0e6f64..1.0e6, ".{0,10}").prop_map(|(n, s)| Kind::Choice(n, s)),
        (1usize..3).prop_map(Kind::Parallel),
        (0u64..50).prop_map(Kind::Map),
    ]
}

/// A chain of states named `{prefix}0..`, each leading to the next, the last
/// one terminal; nested chains for Parallel and Map.
fn build_chain(prefix: &str, kinds: &[Kind], depth: usize) -> (String, States) {
    let mut states = States::new();
    let names: Vec<String> = (0..=kinds.len()).map(|i| format!("{prefix}{i}")).collect();
    for (i, k) in kinds.iter().enumerate() {
        let next = Transition::Next(names[i + 1].clone());
        let nested = |tag: &str| {
            let inner = [Kind::Wait(1), Kind::Pass(None, None)];
            build_chain(
                &format!("{prefix}{i}{tag}"),
                if depth < 2 { &inner } else { &inner[..0] },
                depth + 1,
            )
        };
        let state: State = match k {
            Kind::Pass(result, comment) => {
                let mut p = Pass::builder().transition(next).build();
                p.result = result.clone();
                p.comment = comment.clone();
                p.into()
            }
            Kind::Task(params, retry, timeout) => {
                // An activity: its Parameters are free-form (a typed Lambda
                // request would reject arbitrary ones).
                let mut t = Task::builder()
                    .resource("arn:aws:states:us-east-1:123456789012:activity:work")
                    .transition(next)
                    .build();
                t.parameters = params.clone().map(PayloadTemplate::from);
                t.retry = (!retry.is_empty()).then(|| retry.clone());
                t.timeout = timeout.map(Timeout::from);
                t.into()
            }
            Kind::Wait(s) => Wait::builder()
                .duration(WaitDuration::seconds(*s))
                .transition(next)
                .build()
                .into(),
            Kind::Choice(n, s) => Choice::builder()
                .choices(vec![
                    ChoiceRule::jsonpath(
                        Comparison::new(
                            "$.n",
                            Comparator::NumericLessThan(
                                serde_json::Number::from_f64(*n).unwrap_or(0.into()),
                            ),
                        ),
                        names[i + 1].clone(),
                    ),
                    ChoiceRule::jsonpath(
                        BoolExpr::Not(Box::new(
                            Comparison::new("$.s", Comparator::StringEquals(s.clone())).into(),
                        )),
                        names[i + 1].clone(),
                    ),
                ])
                .default(names[i + 1].clone())
                .build()
                .into(),
            Kind::Parallel(n) => {
                let branches = (0..*n)
                    .map(|b| {
                        let (start, states) = nested(&format!("b{b}_"));
                        Branch::builder().start_at(start).states(states).build()
                    })
                    .collect::<Vec<_>>();
                Parallel::builder()
                    .branches(branches)
                    .transition(next)
                    .build()
                    .into()
            }
            Kind::Map(mc) => {
                let (start, states) = nested("m_");
                Map::builder()
                    .processor(
                        ItemProcessor::builder()
                            .start_at(start)
                            .states(states)
                            .build(),
                    )
                    .items(Items::ItemsPath("$.items".into()))
                    .max_concurrency(*mc)
                    .transition(next)
                    .build()
                    .into()
            }
        };
        states.insert(names[i].clone(), state);
    }
    states.insert(
        names[kinds.len()].clone(),
        Succeed::builder().build().into(),
    );
    (names[0].clone(), states)
}

fn machine() -> impl Strategy<Value = StateMachine> {
    (
        prop::collection::vec(kind(), 0..8),
        prop::option::of(".{0,30}"),
    )
        .prop_map(|(kinds, comment)| {
            let (start, states) = build_chain("S", &kinds, 0);
            // Not through `build()`: the property below checks validity itself.
            StateMachine {
                comment,
                query_language: None,
                start_at: start,
                states,
                version: None,
                timeout_seconds: None,
                unknown_fields: UnknownFields::new(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_machines_round_trip(m in machine()) {
        let text = m.to_string_pretty();
        let back = asl_core::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(back.to_string_pretty(), text);
        let compact = asl_core::from_str(&m.to_string_compact()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(compact, m);
    }

    #[test]
    fn generated_machines_validate(m in machine()) {
        let errors: Vec<_> = asl_core::validate(&m, &asl_core::Options::default())
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        prop_assert!(errors.is_empty(), "{errors:#?}\n{}", m.to_string_pretty());
        prop_assert!(m.clone().validated().is_ok());
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = asl_core::parse_lenient(&s);
        let _ = asl_core::from_str(&s);
    }
}
