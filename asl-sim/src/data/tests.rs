//! Unit tests of the JSONPath data flow, with small inputs modelled on what
//! AWS recorded (the expected values and texts are AWS's).

use super::*;
use crate::Failure;
use pretty_assertions::assert_eq;
use serde_json::{json, Value};

fn context() -> Value {
    json!({
        "Execution": {"Id": "arn:aws:states:us-east-1:111111111111:execution:my-machine:run-1", "Name": "run-1"},
        "StateMachine": {"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:my-machine", "Name": "my-machine"},
        "State": {"Name": "S", "EnteredTime": "2024-01-01T00:00:00.000Z"}
    })
}

fn variables() -> Variables {
    match json!({"count": 42, "order": {"items": [1, 2, 3]}}) {
        Value::Object(map) => map,
        _ => Variables::new(),
    }
}

/// Runs `f` with `input` as `$`, the context above as `$$` and the variables above.
fn with<T>(input: &Value, f: impl FnOnce(&Scope<'_>) -> T) -> T {
    let context = context();
    let variables = variables();
    let scope = Scope {
        input,
        context: &context,
        variables: &variables,
        parsed: None,
    };
    f(&scope)
}

fn template(t: Value, input: Value) -> Result<Value, Failure> {
    with(&input, |scope| {
        payload_template_with_rng(&t, scope, &mut Rng::new(7))
    })
}

/// The value of `{"r.$": expr}` over `input`.
fn intrinsic(expr: &str, input: Value) -> Result<Value, Failure> {
    template(json!({ "r.$": expr }), input).map(|mut v| v["r"].take())
}

fn input_path(path: &str, input: Value) -> Result<Value, Failure> {
    with(&input, |scope| {
        apply_path("InputPath", Some(Some(path)), scope)
    })
}

fn runtime(cause: &str) -> Failure {
    Failure::runtime(cause)
}

fn intrinsic_failure(f: &Result<Value, Failure>) -> bool {
    matches!(f, Err(e) if e.error == "States.IntrinsicFailure")
}

// ---------------------------------------------------------------- paths

#[test]
fn input_path_absent_null_and_root() {
    let input = json!({"a": 1});
    with(&input, |scope| {
        assert_eq!(apply_path("InputPath", None, scope), Ok(json!({"a": 1})));
        assert_eq!(apply_path("InputPath", Some(None), scope), Ok(json!({})));
        assert_eq!(
            apply_path("OutputPath", Some(Some("$")), scope),
            Ok(json!({"a": 1}))
        );
    });
}

#[test]
fn definite_paths_select_one_value() {
    let input = json!({"a": {"b": [10, 20, {"c": null}]}, "x.y": 5});
    assert_eq!(input_path("$.a.b[1]", input.clone()), Ok(json!(20)));
    assert_eq!(
        input_path("$['a']['b'][2].c", input.clone()),
        Ok(Value::Null)
    );
    assert_eq!(
        input_path("$.a.b[-1]", input.clone()),
        Ok(json!({"c": null}))
    );
    assert_eq!(input_path("$['x.y']", input), Ok(json!(5)));
}

#[test]
fn input_path_misses_use_aws_texts() {
    assert_eq!(
        input_path("$.NoSuchInputPath", json!({"a": 1})),
        Err(runtime(
            "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
        ))
    );
    assert_eq!(
        input_path("$.no.such.result.path", json!({"a": 1})),
        Err(runtime(
            "Invalid path '$.no.such.result.path' : Missing property in path $['no']"
        ))
    );
    assert_eq!(
        input_path("$.a.missing", json!({"a": {}})),
        Err(runtime(
            "Invalid path '$.a.missing' : No results for path: $['a']['missing']"
        ))
    );
    assert_eq!(
        input_path("$.a[0]", json!({"a": 1})),
        Err(runtime("Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: 1"))
    );
}

#[test]
fn index_past_the_end_is_null() {
    assert_eq!(input_path("$.a[5]", json!({"a": [1]})), Ok(Value::Null));
}

#[test]
fn indefinite_paths_return_arrays_and_never_fail() {
    let input = json!({"items": [{"n": 1, "p": 5}, {"n": 2, "p": 15}, {"n": 3}]});
    for (path, expected) in [
        ("$.items[*].n", json!([1, 2, 3])),
        ("$.items[*].p", json!([5, 15])),
        ("$.items[:1].n", json!([1])),
        ("$.items[-2:].n", json!([2, 3])),
        ("$.items[0,2].n", json!([1, 3])),
        ("$.items[?(@.p < 10)].n", json!([1])),
        ("$.items[?(@.p)].n", json!([1, 2])),
        ("$.items[?(@.n == 2 || @.n == 3)].n", json!([2, 3])),
        ("$..n", json!([1, 2, 3])),
        ("$.items[(@.length-1)].n", json!([3])),
    ] {
        assert_eq!(input_path(path, input.clone()), Ok(expected), "{path}");
    }
    assert_eq!(
        input_path("$.items[1:]", input.clone()).map(|v| v.as_array().map(Vec::len)),
        Ok(Some(2))
    );
    // Under a missing parent, and on an empty input.
    assert_eq!(input_path("$.items[*]", json!({})), Ok(json!([])));
    assert_eq!(input_path("$.items[0:2]", json!({})), Ok(json!([])));
}

#[test]
fn filters_compare_strings_and_words() {
    let input = json!({"xs": [{"state": "pass", "v": "b"}, {"state": "fail", "v": "a"}]});
    assert_eq!(
        input_path("$.xs[?(@.state == 'pass')].v", input.clone()),
        Ok(json!(["b"]))
    );
    assert_eq!(
        input_path("$.xs[?(@.state == pass)].v", input.clone()),
        Ok(json!(["b"]))
    );
    assert_eq!(
        input_path("$.xs[?(@.state != 'pass')].v", input.clone()),
        Ok(json!(["a"]))
    );
    assert_eq!(
        input_path("$.xs[?(@.v > 'a')].state", input),
        Ok(json!(["pass"]))
    );
}

#[test]
fn field_union_and_length() {
    let input = json!({"a": 1, "b": 2, "c": 3, "list": [1, 2, 3, 4]});
    assert_eq!(
        input_path("$['a','c']", input.clone()),
        Ok(json!({"a": 1, "c": 3}))
    );
    assert_eq!(input_path("$.list.length()", input.clone()), Ok(json!(4)));
    assert_eq!(
        input_path("$.list[*].length()", input.clone()),
        Ok(json!([4]))
    );
    assert!(input_path("$.list.sum()", input).is_err());
}

#[test]
fn context_and_variable_roots() {
    let input = json!({});
    assert_eq!(
        input_path("$$.Execution.Name", input.clone()),
        Ok(json!("run-1"))
    );
    assert_eq!(input_path("$count", input.clone()), Ok(json!(42)));
    assert_eq!(input_path("$order.items[2]", input.clone()), Ok(json!(3)));
    assert!(input_path("$nope", input).is_err());
}

#[test]
fn huge_selections_fail_instead_of_exhausting_memory() {
    // 120 nested arrays of 200 numbers each (24,000 nodes, within serde_json's
    // depth limit): `$..*..*` would hold about 1.5 million nodes.
    let mut deep = json!(0);
    for _ in 0..120 {
        let mut level = vec![json!(1); 200];
        level.push(deep);
        deep = Value::Array(level);
    }
    let result = input_path("$..*..*", json!({ "d": deep }));
    assert!(matches!(result, Err(f) if f.cause.contains("selects more than")));
}

#[test]
fn a_path_over_a_null_input_fails() {
    let failure = runtime("Unable to apply Path transformation to null or empty input.");
    assert_eq!(input_path("$.a", Value::Null), Err(failure.clone()));
    assert_eq!(template(json!({"Input.$": "$"}), Value::Null), Err(failure));
    // The context object is still readable.
    assert_eq!(
        input_path("$$.Execution.Name", Value::Null),
        Ok(json!("run-1"))
    );
}

// ---------------------------------------------------------------- templates

#[test]
fn payload_template_resolves_dollar_keys_at_any_depth() {
    let t = json!({
        "literal": "$.not_a_path",
        "n": 1,
        "name.$": "$.who",
        "nested": {"ids.$": "$.ids[*]", "deep": [{"exec.$": "$$.Execution.Name"}, "$.x", 3]},
        "var.$": "$count",
        "call.$": "States.Format('Hello {}', $.who)"
    });
    let out = template(t, json!({"who": "Ann", "ids": [1, 2]}));
    assert_eq!(
        out,
        Ok(json!({
            "literal": "$.not_a_path",
            "n": 1,
            "name": "Ann",
            "nested": {"ids": [1, 2], "deep": [{"exec": "run-1"}, "$.x", 3]},
            "var": 42,
            "call": "Hello Ann"
        }))
    );
}

#[test]
fn payload_template_definite_miss_names_the_field_and_input() {
    assert_eq!(
        template(json!({"value.$": "$.no_such_jsonpath"}), json!({"a": {"b": [1, 2]}, "c": "x"})),
        Err(runtime(
            "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"a\":{\"b\":[1,2]},\"c\":\"x\"}'"
        ))
    );
    // Indefinite: no match is an empty array.
    assert_eq!(
        template(json!({"v.$": "$.none[*]"}), json!({})),
        Ok(json!({"v": []}))
    );
}

#[test]
fn payload_template_keeps_key_order() {
    let out = template(json!({"z": 1, "a.$": "$.a", "m": 2}), json!({"a": 0}));
    assert_eq!(
        out.map(|v| serde_json::to_string(&v).unwrap_or_default()),
        Ok(r#"{"z":1,"a":0,"m":2}"#.to_owned())
    );
}

// ---------------------------------------------------------------- intrinsics

#[test]
fn format_fills_placeholders_like_aws() {
    let f = "States.Format('Formatting arguments fst={} and snd={}.', $.fst, $.snd)";
    let cases = [
        (json!(""), "Formatting arguments fst= and snd=."),
        (json!(" "), "Formatting arguments fst=  and snd= ."),
        (json!(null), "Formatting arguments fst=null and snd=null."),
        (json!(1), "Formatting arguments fst=1 and snd=1."),
        (json!(1.1), "Formatting arguments fst=1.1 and snd=1.1."),
        (json!("{\"Arg1\": 1, \"Arg2\": []}"), "Formatting arguments fst={\"Arg1\": 1, \"Arg2\": []} and snd={\"Arg1\": 1, \"Arg2\": []}."),
        (json!({"Arg1": 1, "Arg2": []}), "Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}."),
        (json!([true, "x", {"k": null}]), "Formatting arguments fst=[true, x, {k=null}] and snd=[true, x, {k=null}]."),
    ];
    for (value, expected) in cases {
        assert_eq!(
            intrinsic(f, json!({"fst": value, "snd": value})),
            Ok(json!(expected))
        );
    }
}

#[test]
fn format_escapes_and_placeholder_count() {
    assert_eq!(
        intrinsic(r"States.Format('\{\} {} it\'s \\', $.x)", json!({"x": 7})),
        Ok(json!(r"{} 7 it's \"))
    );
    assert!(intrinsic_failure(&intrinsic(
        "States.Format('{} {}', $.x)",
        json!({"x": 1})
    )));
    // A template read from a path.
    assert_eq!(
        intrinsic("States.Format($.t, 'a', 2)", json!({"t": "<{}|{}>"})),
        Ok(json!("<a|2>"))
    );
}

#[test]
fn string_to_json_and_back() {
    assert_eq!(
        intrinsic(
            "States.StringToJson($.s)",
            json!({"s": "{\"a\": [1, 2.5]}"})
        ),
        Ok(json!({"a": [1, 2.5]}))
    );
    assert_eq!(
        intrinsic("States.StringToJson($.s)", json!({"s": ""})),
        Ok(Value::Null)
    );
    assert_eq!(
        intrinsic("States.StringToJson($.s)", json!({"s": " "})),
        Ok(Value::Null)
    );
    assert_eq!(
        intrinsic("States.StringToJson($.s)", json!({"s": "-0"})),
        Ok(json!(0))
    );
    assert_eq!(
        intrinsic(
            "States.StringToJson($.s)",
            json!({"s": "[0.0, -0, \"-0\"]"})
        ),
        Ok(json!([0.0, 0, "-0"]))
    );
    assert!(intrinsic_failure(&intrinsic(
        "States.StringToJson($.s)",
        json!({"s": "{nope"})
    )));
    let cases = [
        (json!(null), "null"),
        (json!(0), "0"),
        (json!(1.1), "1.1"),
        (json!(true), "true"),
        (json!("HelloWorld"), "\"HelloWorld\""),
        (json!([1, 2, "HelloWorld"]), "[1,2,\"HelloWorld\"]"),
        (json!({"Arg1": 1, "Arg2": []}), "{\"Arg1\":1,\"Arg2\":[]}"),
    ];
    for (value, text) in cases {
        assert_eq!(
            intrinsic("States.JsonToString($.v)", json!({ "v": value })),
            Ok(json!(text))
        );
    }
}

#[test]
fn array_builders() {
    assert_eq!(intrinsic("States.Array()", json!({})), Ok(json!([])));
    assert_eq!(
        intrinsic(
            "States.Array(1, 'a', $.x, null, true)",
            json!({"x": {"k": 1}})
        ),
        Ok(json!([1, "a", {"k": 1}, null, true]))
    );
    assert_eq!(
        intrinsic(
            "States.ArrayPartition($.a, 2)",
            json!({"a": [1, 2, 3, 4, 5]})
        ),
        Ok(json!([[1, 2], [3, 4], [5]]))
    );
    assert_eq!(
        intrinsic("States.ArrayPartition($.a, 2)", json!({"a": []})),
        Ok(json!([]))
    );
    assert!(intrinsic_failure(&intrinsic(
        "States.ArrayPartition($.a, $.n)",
        json!({"a": [1], "n": 0})
    )));
}

#[test]
fn array_contains_uses_deep_equality() {
    let cases = [
        (json!([]), json!(null), false),
        (json!([]), json!([]), false),
        (json!([[1, 2, 3], 2]), json!(null), false),
        (json!([[1, 2, 3], 2]), json!([1, 2, 3]), true),
        (json!([{"1": 2, "2": []}]), json!([]), false),
        (json!([{"1": 2, "2": []}]), json!({"1": 2, "2": []}), true),
        (json!([true, false]), json!(false), true),
    ];
    for (array, value, expected) in cases {
        assert_eq!(
            intrinsic(
                "States.ArrayContains($.a, $.v)",
                json!({"a": array, "v": value})
            ),
            Ok(json!(expected))
        );
    }
}

#[test]
fn array_range_is_end_inclusive_and_limited() {
    let range = |s: i64, e: i64, st: i64| {
        intrinsic(
            "States.ArrayRange($.s, $.e, $.st)",
            json!({"s": s, "e": e, "st": st}),
        )
    };
    assert_eq!(range(0, 9, 3), Ok(json!([0, 3, 6, 9])));
    assert_eq!(range(0, 10, 3), Ok(json!([0, 3, 6, 9])));
    assert_eq!(range(1, 9, 9), Ok(json!([1])));
    assert_eq!(range(1, 9, 2), Ok(json!([1, 3, 5, 7, 9])));
    assert_eq!(range(5, 1, -2), Ok(json!([5, 3, 1])));
    assert_eq!(range(5, 1, 2), Ok(json!([])));
    assert_eq!(
        range(1, 1000, 1).map(|v| v.as_array().map(Vec::len)),
        Ok(Some(1000))
    );
    assert!(intrinsic_failure(&range(0, 1000, 1)));
    assert!(intrinsic_failure(&range(0, 5, 0)));
}

#[test]
fn array_get_item_length_unique() {
    let input = json!({"a": [null, null, true, true, 1, 1, 1.1, "x", "x", [], [], {"a": 1}, {"a": 1}, {"a": 2}]});
    assert_eq!(
        intrinsic("States.ArrayLength($.a)", input.clone()),
        Ok(json!(14))
    );
    assert_eq!(
        intrinsic("States.ArrayUnique($.a)", input.clone()),
        Ok(json!([null, true, 1, 1.1, "x", [], {"a": 1}, {"a": 2}]))
    );
    assert_eq!(
        intrinsic("States.ArrayGetItem($.a, 7)", input.clone()),
        Ok(json!("x"))
    );
    assert!(intrinsic_failure(&intrinsic(
        "States.ArrayGetItem($.a, 14)",
        input.clone()
    )));
    assert!(intrinsic_failure(&intrinsic(
        "States.ArrayLength($.a[0])",
        input
    )));
}

#[test]
fn base64_round_trip() {
    assert_eq!(
        intrinsic("States.Base64Encode('Data to encode')", json!({})),
        Ok(json!("RGF0YSB0byBlbmNvZGU="))
    );
    assert_eq!(
        intrinsic("States.Base64Encode($.s)", json!({"s": "héllo €"})),
        Ok(json!("aMOpbGxvIOKCrA=="))
    );
    assert_eq!(
        intrinsic("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", json!({})),
        Ok(json!("Data to encode"))
    );
    assert_eq!(
        intrinsic("States.Base64Encode('')", json!({})),
        Ok(json!(""))
    );
    assert_eq!(
        intrinsic("States.Base64Decode('')", json!({})),
        Ok(json!(""))
    );
    assert!(intrinsic_failure(&intrinsic(
        "States.Base64Decode('***')",
        json!({})
    )));
    let long = "a".repeat(10_001);
    assert!(intrinsic_failure(&intrinsic(
        "States.Base64Encode($.s)",
        json!({ "s": long })
    )));
}

#[test]
fn hash_algorithms() {
    let cases = [
        ("MD5", "812f45842bc6d66ee14572ce20db8e86"),
        ("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7"),
        ("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"),
        ("SHA-384", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"),
        ("SHA-512", "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"),
    ];
    for (algorithm, digest) in cases {
        assert_eq!(
            intrinsic(
                "States.Hash($.d, $.alg)",
                json!({"d": "input data", "alg": algorithm})
            ),
            Ok(json!(digest))
        );
    }
    assert!(intrinsic_failure(&intrinsic(
        "States.Hash($.d, $.alg)",
        json!({"d": "x", "alg": "SHA1"})
    )));
}

#[test]
fn json_merge_is_shallow_in_aws_order() {
    let input = json!({
        "fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3},
        "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}
    });
    let out = intrinsic("States.JsonMerge($.fst, $.snd, false)", input.clone());
    assert_eq!(
        out,
        Ok(json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4}))
    );
    let text = out.map(|v| serde_json::to_string(&v).unwrap_or_default());
    assert_eq!(
        text,
        Ok(r#"{"a":{"a3":1,"a4":2},"b":2,"c":3,"d":4}"#.to_owned())
    );
    assert!(intrinsic_failure(&intrinsic(
        "States.JsonMerge($.fst, $.snd, true)",
        input
    )));
}

#[test]
fn math_add_rounds_each_operand_like_java() {
    let cases = [
        (json!(-9), json!(3), -6),
        (json!(1.49), json!(1.5), 3),
        (json!(1.5), json!(1.51), 4),
        (json!(-1.49), json!(-1.5), -2),
        (json!(-1.5), json!(-1.51), -3),
        (json!(1.49), json!(-1.49), 0),
        (json!(-1.5), json!(0), -1),
        (json!(-1.51), json!(0), -2),
        (json!(0.5), json!(0), 1),
        (json!(2.5), json!(0), 3),
        (json!(-0.5), json!(0.5), 1),
        (json!(-0.5), json!(0), 0),
        (json!(-2.5), json!(0), -2),
        (json!(-3.5), json!(0), -3),
    ];
    for (a, b, sum) in cases {
        assert_eq!(
            intrinsic("States.MathAdd($.a, $.b)", json!({"a": a, "b": b})),
            Ok(json!(sum))
        );
    }
    assert_eq!(
        intrinsic(
            "States.MathAdd(States.ArrayLength($.l), -1)",
            json!({"l": [1, 2]})
        ),
        Ok(json!(1))
    );
    assert!(intrinsic_failure(&intrinsic(
        "States.MathAdd($.a, 1)",
        json!({"a": "1"})
    )));
}

#[test]
fn math_random_stays_in_range() {
    for (start, end) in [
        (json!(12.5), json!(44.51)),
        (json!(9999), json!(99999)),
        (json!(-99999), json!(-9999)),
    ] {
        let lo = start
            .as_f64()
            .map(intrinsics::java_round)
            .unwrap_or_default() as i64;
        let hi = end.as_f64().map(intrinsics::java_round).unwrap_or_default() as i64;
        for _ in 0..20 {
            let v = intrinsic("States.MathRandom($.s, $.e)", json!({"s": start, "e": end}));
            let n = v.ok().and_then(|v| v.as_i64()).unwrap_or(i64::MIN);
            assert!((lo..hi).contains(&n), "{n} not in {lo}..{hi}");
        }
    }
    let seeded = || intrinsic("States.MathRandom(1, 1000, 42)", json!({}));
    assert_eq!(seeded(), seeded());
    assert!(intrinsic_failure(&intrinsic(
        "States.MathRandom(5, 5)",
        json!({})
    )));
}

#[test]
fn string_split_drops_empty_pieces() {
    let split =
        |s: &str, d: &str| intrinsic("States.StringSplit($.s, $.d)", json!({"s": s, "d": d}));
    assert_eq!(split("a,b,,c", ","), Ok(json!(["a", "b", "c"])));
    assert_eq!(split(", , ,", ","), Ok(json!([" ", " "])));
    assert_eq!(split(",,,,", ","), Ok(json!([])));
    assert_eq!(split("1-2.3", ".-"), Ok(json!(["1", "2", "3"])));
    assert_eq!(
        intrinsic("States.StringSplit('Hello\nWorld', '\n')", json!({})),
        Ok(json!(["Hello", "World"]))
    );
}

#[test]
fn uuid_is_version_4() {
    let v = intrinsic("States.UUID()", json!({})).ok();
    let s = v.as_ref().and_then(Value::as_str).unwrap_or("");
    assert_eq!(s.len(), 36);
    let groups: Vec<usize> = s.split('-').map(str::len).collect();
    assert_eq!(groups, vec![8, 4, 4, 4, 12]);
    assert_eq!(s.chars().nth(14), Some('4'));
    assert!(matches!(s.chars().nth(19), Some('8' | '9' | 'a' | 'b')));
    // Two calls from one generator differ.
    let two = template(
        json!({"a.$": "States.UUID()", "b.$": "States.UUID()"}),
        json!({}),
    );
    assert!(matches!(two, Ok(v) if v["a"] != v["b"]));
}

#[test]
fn nested_calls_and_context() {
    assert_eq!(
        intrinsic(
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
            json!({})
        ),
        Ok(json!("my"))
    );
    assert_eq!(
        intrinsic(
            "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
            json!({})
        ),
        Ok(json!("machine"))
    );
}

#[test]
fn intrinsic_argument_path_miss_is_runtime() {
    assert_eq!(
        intrinsic("States.ArrayLength($.nope)", json!({"a": 1})),
        Err(runtime("The JSONPath '$.nope' specified for the field 'r.$' could not be found in the input '{\"a\":1}'"))
    );
}

// ---------------------------------------------------------------- ResultPath

#[test]
fn result_path_writes_into_the_raw_input() {
    let raw = json!({"comment": "x", "nested": {"k": 1}, "list": [0, 1]});
    assert_eq!(result_path(None, &raw, json!("r")), Ok(json!("r")));
    assert_eq!(result_path(Some(None), &raw, json!("r")), Ok(raw.clone()));
    assert_eq!(
        result_path(Some(Some("$")), &raw, json!("r")),
        Ok(json!("r"))
    );
    assert_eq!(
        result_path(Some(Some("$.taskresult")), &raw, json!("r")),
        Ok(json!({"comment": "x", "nested": {"k": 1}, "list": [0, 1], "taskresult": "r"}))
    );
    assert_eq!(
        result_path(Some(Some("$.nested.k")), &raw, json!({"new": true})),
        Ok(json!({"comment": "x", "nested": {"k": {"new": true}}, "list": [0, 1]}))
    );
    assert_eq!(
        result_path(Some(Some("$.a.b['c d']")), &raw, json!(3)),
        Ok(json!({"comment": "x", "nested": {"k": 1}, "list": [0, 1], "a": {"b": {"c d": 3}}}))
    );
    assert_eq!(
        result_path(Some(Some("$.list[1]")), &raw, json!(9)),
        Ok(json!({"comment": "x", "nested": {"k": 1}, "list": [0, 9]}))
    );
}

#[test]
fn result_path_match_failure() {
    let fail = |path: &str, input: Value| {
        Failure::new(
            "States.ResultPathMatchFailure",
            format!(
                "Unable to apply ReferencePath {path} to input {}",
                serde_json::to_string(&input).unwrap_or_default()
            ),
        )
    };
    assert_eq!(
        result_path(Some(Some("$.someTaskResult")), &json!("input1"), json!(1)),
        Err(fail("$.someTaskResult", json!("input1")))
    );
    let raw = json!({"a": 1, "l": []});
    assert_eq!(
        result_path(Some(Some("$.a.b")), &raw, json!(1)),
        Err(fail("$.a.b", raw.clone()))
    );
    assert_eq!(
        result_path(Some(Some("$.l[0]")), &raw, json!(1)),
        Err(fail("$.l[0]", raw.clone()))
    );
    assert_eq!(
        result_path(Some(Some("$[0]")), &raw, json!(1)),
        Err(fail("$[0]", raw))
    );
}

// ---------------------------------------------------------------- read_path

#[test]
fn read_path_reads_one_value_or_calls_an_intrinsic() {
    let input = json!({"Error": "E1", "Cause": "bad"});
    with(&input, |scope| {
        assert_eq!(read_path("ErrorPath", "$.Error", scope), Ok(json!("E1")));
        assert_eq!(
            read_path("CausePath", "States.Format('cause: {}', $.Cause)", scope),
            Ok(json!("cause: bad"))
        );
        assert_eq!(
            read_path("ErrorPath", "$.ErrorX", scope),
            Err(runtime(
                "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"Error\":\"E1\",\"Cause\":\"bad\"}'"
            ))
        );
    });
}

// ---------------------------------------------------------------- typed …Path fields

#[test]
fn wait_seconds_path_texts() {
    let input = json!({"input": {"ok": 5, "neg": -1, "frac": 1.5, "text": "7"}});
    with(&input, |scope| {
        assert_eq!(wait_seconds_path("$.input.ok", scope), Ok(5));
        assert_eq!(wait_seconds_path("$.input.text", scope), Ok(7));
        assert_eq!(
            wait_seconds_path("$.input.waitSeconds", scope),
            Err(runtime(
                "The SecondsPath parameter does not reference an input value: $.input.waitSeconds"
            ))
        );
        assert_eq!(
            wait_seconds_path("$.input.neg", scope),
            Err(runtime(
                "The SecondsPath parameter references a negative value: $.input.neg == -1"
            ))
        );
        assert_eq!(
            wait_seconds_path("$.input.frac", scope),
            Err(runtime(
                "The SecondsPath parameter cannot be parsed as a long value: $.input.frac == 1.5"
            ))
        );
    });
}

#[test]
fn wait_timestamp_path_texts() {
    let input = json!({"ok": "2016-03-14T01:59:00Z", "bad": "2016-12-05T21:29:29"});
    with(&input, |scope| {
        assert_eq!(
            wait_timestamp_path("$.ok", scope).map(|t| t.seconds),
            Ok(1_457_920_740)
        );
        assert_eq!(
            wait_timestamp_path("$.bad", scope),
            Err(runtime(
                "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.bad == 2016-12-05T21:29:29"
            ))
        );
    });
}

#[test]
fn integer_and_float_path_texts() {
    let input = json!({"m": "NoNumber", "n": 3, "p": 12.5});
    with(&input, |scope| {
        assert_eq!(integer_path("MaxConcurrencyPath", "$.n", scope), Ok(3));
        assert_eq!(
            integer_path("MaxConcurrencyPath", "$.m", scope),
            Err(runtime("The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.m"))
        );
        assert_eq!(
            float_path("ToleratedFailurePercentagePath", "$.p", scope),
            Ok(12.5)
        );
        assert_eq!(
            float_path("ToleratedFailurePercentagePath", "$.m", scope),
            Err(runtime(
                "The ToleratedFailurePercentagePath field refers to value \"NoNumber\" which is not a valid float: $.m"
            ))
        );
        assert!(integer_path("TimeoutSecondsPath", "$.none", scope).is_err());
    });
}

// ---------------------------------------------------------------- Choice

/// The JSONPath rule `json` (without `Next`), as the model parses it.
fn rule(json: Value) -> asl_core::BoolExpr {
    let mut r = json;
    r["Next"] = json!("T");
    let definition = json!({
        "StartAt": "C",
        "States": {"C": {"Type": "Choice", "Choices": [r], "Default": "T"}, "T": {"Type": "Succeed"}}
    });
    let machine = asl_core::from_str(&definition.to_string()).expect("a valid definition");
    match machine.states.get("C") {
        Some(asl_core::State::Choice(c)) => match &c.choices[0].condition {
            asl_core::Condition::JsonPath(e) => e.clone(),
            other => panic!("not a JSONPath rule: {other:?}"),
        },
        other => panic!("not a Choice: {other:?}"),
    }
}

fn holds(r: Value, input: Value) -> Result<bool, Failure> {
    let r = rule(r);
    with(&input, |scope| choice_rule(&r, scope))
}

/// Each `(operator, operand, input, expected)`: the rule
/// `{"Variable": "$.v", operator: operand}` over `input`.
fn rules_hold(cases: &[(&str, Value, Value, bool)]) {
    for (op, operand, input, expected) in cases {
        let rule = json!({"Variable": "$.v", *op: operand});
        assert_eq!(
            holds(rule.clone(), input.clone()),
            Ok(*expected),
            "{rule} over {input}"
        );
    }
}

#[test]
fn choice_type_tests() {
    let values = [
        json!(null),
        json!(0),
        json!(0.0),
        json!(1.1),
        json!(""),
        json!("x"),
        json!([]),
        json!({}),
        json!(true),
    ];
    for v in values {
        let input = json!({ "v": v });
        for (op, expected) in [
            ("IsNull", v.is_null()),
            ("IsNumeric", v.is_number()),
            ("IsString", v.is_string()),
            ("IsBoolean", v.is_boolean()),
            ("IsPresent", true),
            ("IsTimestamp", false),
        ] {
            assert_eq!(
                holds(json!({"Variable": "$.v", op: true}), input.clone()),
                Ok(expected),
                "{op} {v}"
            );
            assert_eq!(
                holds(json!({"Variable": "$.v", op: false}), input.clone()),
                Ok(!expected),
                "{op} {v}"
            );
        }
    }
    rules_hold(&[(
        "IsTimestamp",
        json!(true),
        json!({"v": "2012-10-09T19:00:55Z"}),
        true,
    )]);
    assert_eq!(
        holds(
            json!({"Variable": "$.missing", "IsPresent": true}),
            json!({})
        ),
        Ok(false)
    );
    assert_eq!(
        holds(
            json!({"Variable": "$.missing", "IsPresent": false}),
            json!({})
        ),
        Ok(true)
    );
}

#[test]
fn choice_numeric_ignores_int_and_float_and_type_mismatch_is_false() {
    rules_hold(&[
        ("NumericEquals", json!(0), json!({"v": 0.0}), true),
        ("NumericEquals", json!(0.0), json!({"v": 0}), true),
        ("NumericEquals", json!(2.22), json!({"v": 2.22}), true),
        ("NumericEquals", json!(1), json!({"v": 1.1}), false),
    ]);
    for v in [
        json!(null),
        json!("0"),
        json!(""),
        json!([]),
        json!([0]),
        json!({"A": 0}),
        json!(false),
    ] {
        assert_eq!(
            holds(
                json!({"Variable": "$.v", "NumericEquals": 0}),
                json!({ "v": v })
            ),
            Ok(false)
        );
    }
    rules_hold(&[
        ("NumericLessThan", json!(1), json!({"v": 0}), true),
        ("NumericLessThan", json!(0), json!({"v": 0.0}), false),
        (
            "NumericGreaterThanEquals",
            json!(0),
            json!({"v": 0.0}),
            true,
        ),
        (
            "NumericLessThanEqualsPath",
            json!("$.w"),
            json!({"v": 1, "w": 0}),
            false,
        ),
        (
            "NumericLessThanEqualsPath",
            json!("$.w"),
            json!({"v": 0.0, "w": 0}),
            true,
        ),
        ("NumericGreaterThan", json!(5), json!({"v": 6}), true),
        (
            "NumericGreaterThanPath",
            json!("$.w"),
            json!({"v": 6, "w": "5"}),
            false,
        ),
    ]);
}

#[test]
fn choice_strings_compare_like_java() {
    let cmp =
        |op: &str, v: &str, w: &str| holds(json!({"Variable": "$.v", op: w}), json!({ "v": v }));
    assert_eq!(cmp("StringEquals", "Hello", "Hello"), Ok(true));
    assert_eq!(cmp("StringEquals", " ", "     "), Ok(false));
    assert_eq!(cmp("StringLessThan", "A", "AB"), Ok(true));
    assert_eq!(cmp("StringLessThan", "", ""), Ok(false));
    assert_eq!(cmp("StringGreaterThanEquals", "AB", "A"), Ok(true));
    assert_eq!(cmp("StringGreaterThan", "A", "A "), Ok(false));
    assert_eq!(cmp("StringLessThanEquals", "", ""), Ok(true));
    // UTF-16 order: U+FF61 sorts after U+1F600's high surrogate (0xD83D).
    assert_eq!(cmp("StringGreaterThan", "\u{FF61}", "\u{1F600}"), Ok(true));
    let path = |op: &str, v: &str, w: &str| {
        holds(
            json!({"Variable": "$.v", op: "$.w"}),
            json!({"v": v, "w": w}),
        )
    };
    assert_eq!(path("StringEqualsPath", "\t\n", "\t\r\n"), Ok(false));
    assert_eq!(path("StringLessThanPath", "A", "AB"), Ok(true));
    assert_eq!(path("StringGreaterThanEqualsPath", "", ""), Ok(true));
    rules_hold(&[("StringEquals", json!("1"), json!({"v": 1}), false)]);
}

#[test]
fn choice_string_matches() {
    let m = |pattern: &str, s: &str| {
        holds(
            json!({"Variable": "$.v", "StringMatches": pattern}),
            json!({ "v": s }),
        )
    };
    assert_eq!(m("log-*.txt", "log-2024.txt"), Ok(true));
    assert_eq!(m("log-*.txt", "log-.txt"), Ok(true));
    assert_eq!(m("log-*.txt", "log-2024.txt.gz"), Ok(false));
    assert_eq!(m("*", ""), Ok(true));
    assert_eq!(m("a*b*c", "abc"), Ok(true));
    assert_eq!(m("a*b*c", "aXbYbZc"), Ok(true));
    assert_eq!(m("a*b*c", "acb"), Ok(false));
    assert_eq!(m("*ab", "ab"), Ok(true));
    assert_eq!(m("ab*ab", "ab"), Ok(false));
    assert_eq!(m(r"a\*", "a*"), Ok(true));
    assert_eq!(m(r"a\*", "ab"), Ok(false));
    assert_eq!(m(r"a\\*", r"a\bc"), Ok(true));
    assert_eq!(m("exact", "exact"), Ok(true));
    assert_eq!(m("exact", "exactly"), Ok(false));
    rules_hold(&[("StringMatches", json!("*"), json!({"v": 1}), false)]);
}

#[test]
fn choice_booleans_and_logic() {
    rules_hold(&[
        ("BooleanEquals", json!(true), json!({"v": true}), true),
        ("BooleanEquals", json!(false), json!({"v": 0}), false),
        ("BooleanEquals", json!(true), json!({"v": "true"}), false),
        (
            "BooleanEqualsPath",
            json!("$.w"),
            json!({"v": false, "w": false}),
            true,
        ),
    ]);
    let r = json!({"And": [
        {"Variable": "$.n", "NumericGreaterThan": 1},
        {"Not": {"Variable": "$.s", "StringEquals": "skip"}},
        {"Or": [{"Variable": "$.n", "NumericEquals": 2}, {"Variable": "$.n", "NumericEquals": 3}]}
    ]});
    assert_eq!(holds(r.clone(), json!({"n": 3, "s": "go"})), Ok(true));
    assert_eq!(holds(r.clone(), json!({"n": 3, "s": "skip"})), Ok(false));
    assert_eq!(holds(r, json!({"n": 4, "s": "go"})), Ok(false));
    // `Or` stops at the first true rule: the missing field after it is never read.
    let short = json!({"Or": [{"Variable": "$.n", "IsPresent": true}, {"Variable": "$.missing", "NumericEquals": 1}]});
    assert_eq!(holds(short, json!({"n": 1})), Ok(true));
}

#[test]
fn choice_timestamps_compare_as_instants() {
    let t =
        |op: &str, v: Value, w: &str| holds(json!({"Variable": "$.v", op: w}), json!({ "v": v }));
    assert_eq!(
        t(
            "TimestampEquals",
            json!("2012-10-09T19:00:55Z"),
            "2012-10-09T19:00:55Z"
        ),
        Ok(true)
    );
    assert_eq!(
        t(
            "TimestampEquals",
            json!("2012-10-09T19:00:56Z"),
            "2012-10-09T19:00:55Z"
        ),
        Ok(false)
    );
    assert_eq!(
        t(
            "TimestampEquals",
            json!("2012-10-09T21:00:55+02:00"),
            "2012-10-09T19:00:55Z"
        ),
        Ok(true)
    );
    assert_eq!(
        t(
            "TimestampEquals",
            json!("2012-10-09t19:00:55.000z"),
            "2012-10-09T19:00:55Z"
        ),
        Ok(true)
    );
    assert_eq!(
        t(
            "TimestampLessThan",
            json!("2012-10-09T19:00:55.1Z"),
            "2012-10-09T19:00:55.25Z"
        ),
        Ok(true)
    );
    assert_eq!(
        t(
            "TimestampGreaterThanEquals",
            json!("2012-10-09T19:00:56Z"),
            "2012-10-09T19:00:55Z"
        ),
        Ok(true)
    );
    assert_eq!(
        t(
            "TimestampLessThanEquals",
            json!("2012-10-09T19:00:56Z"),
            "2012-10-09T19:00:55Z"
        ),
        Ok(false)
    );
    for v in [
        json!(null),
        json!(0),
        json!(""),
        json!("2023-02-24 12:15:56.832957"),
        json!([]),
        json!({"A": 0}),
        json!(true),
    ] {
        assert_eq!(t("TimestampEquals", v, "2012-10-09T19:00:55Z"), Ok(false));
    }
    let p = holds(
        json!({"Variable": "$.v", "TimestampGreaterThanPath": "$.w"}),
        json!({"v": "2012-10-09T19:00:55Z", "w": "2012-10-09T19:00:56Z"}),
    );
    assert_eq!(p, Ok(false));
}

#[test]
fn choice_missing_variable_or_operand_fails() {
    assert_eq!(
        holds(
            json!({"Variable": "$.missing", "NumericEquals": 1}),
            json!({"a": 1})
        ),
        Err(runtime(
            "Invalid path '$.missing': The choice state's condition path references an invalid value."
        ))
    );
    assert_eq!(
        holds(
            json!({"Variable": "$.a", "NumericEqualsPath": "$.b"}),
            json!({"a": 1})
        ),
        Err(runtime(
            "Invalid path '$.b': The choice state's condition path references an invalid value."
        ))
    );
    // Variables and the context object are readable.
    assert_eq!(
        holds(
            json!({"Variable": "$count", "NumericEquals": 42}),
            json!({})
        ),
        Ok(true)
    );
    assert_eq!(
        holds(
            json!({"Variable": "$$.State.Name", "StringEquals": "S"}),
            json!({})
        ),
        Ok(true)
    );
}

// ---------------------------------------------------------------- timestamps

#[test]
fn timestamp_parsing_follows_iso_offset_date_time() {
    for ok in [
        "2016-12-05T21:29:29Z",
        "2016-12-05T21:29Z",
        "2016-12-05T21:29:29.123456789Z",
        "2016-12-05T21:29:29-07:30",
        "2016-02-29T00:00:00+18:00",
        "2016-12-05t21:29:29z",
        "2016-12-05T21:29:29.Z",
        "2016-12-05T21:29:29+01",
        "2016-12-05T21:29:29+01:00:30",
    ] {
        assert!(parse_timestamp(ok).is_some(), "{ok}");
    }
    for bad in [
        "2016-13-05T21:29:29Z",
        "2016-12-05T25:29:29Z",
        "2016-12-05T21:29:29",
        "2016-12-05 21:29:29Z",
        "05-12-2016T21:29:29Z",
        "2015-02-29T00:00:00Z",
        "2016-12-05T21:29:60Z",
        "2016-12-05T21:29:29.1234567890Z",
        "2016-12-05T24:00:00Z",
        "+2016-12-05T21:29:29Z",
        "2016-12-05T21:29:29+19:00",
        "2016-12-05T21:29:29+0100",
        "",
    ] {
        assert!(parse_timestamp(bad).is_none(), "{bad}");
    }
    let epoch = parse_timestamp("1970-01-01T00:00:00Z");
    assert_eq!(
        epoch,
        Some(Timestamp {
            seconds: 0,
            nanos: 0
        })
    );
    let t = parse_timestamp("2000-03-01T01:00:00.5+01:00");
    assert_eq!(
        t,
        Some(Timestamp {
            seconds: 951_868_800,
            nanos: 500_000_000
        })
    );
}

// ---------------------------------------------------------------- Java behaviour
// (expected values printed by Java 21: `HashMap` iteration, `java.util.Random`)

#[test]
fn json_merge_order_is_java_hash_map_order() {
    let object = |keys: &[&str], v: i64| -> serde_json::Map<String, Value> {
        keys.iter().map(|k| ((*k).to_owned(), json!(v))).collect()
    };
    let a = object(&["name", "age", "city", "zip", "country"], 1);
    let b = object(
        &[
            "email",
            "age",
            "phone",
            "address",
            "id",
            "createdAt",
            "updatedAt",
            "status",
            "role",
            "team",
            "manager",
            "x",
        ],
        2,
    );
    let keys = |m: serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(intrinsics::java_hash_map_merge(&a, &b)),
        [
            "zip",
            "country",
            "address",
            "role",
            "manager",
            "city",
            "team",
            "createdAt",
            "phone",
            "name",
            "x",
            "id",
            "age",
            "email",
            "updatedAt",
            "status"
        ]
    );
    assert_eq!(
        keys(intrinsics::java_hash_map_merge(&serde_json::Map::new(), &b)),
        [
            "address",
            "role",
            "manager",
            "team",
            "createdAt",
            "phone",
            "x",
            "id",
            "email",
            "age",
            "updatedAt",
            "status"
        ]
    );
}

#[test]
fn seeded_random_is_java_random() {
    assert_eq!(intrinsics::JavaRandom::new(42).next_int(999), 125);
    assert_eq!(intrinsics::JavaRandom::new(7).next_int(16), 11);
    assert_eq!(
        intrinsics::JavaRandom::new(-3).next_int(1_000_000_007),
        577_165_164
    );
}

// ---------------------------------------------------------------- hostile input

#[test]
fn odd_calls_fail_cleanly_instead_of_panicking() {
    let input =
        json!({"a": [1, 2, 3], "s": "x", "o": {"k": 1}, "big": 9_223_372_036_854_775_807_i64});
    let failing = [
        "States.ArrayRange(0, $.big, 1)",
        "States.ArrayRange($.big, 0, -1)",
        "States.ArrayGetItem($.a, -1)",
        "States.ArrayGetItem($.a, $.big)",
        "States.ArrayGetItem($.o, 0)",
        "States.ArrayPartition($.a, -3)",
        "States.MathAdd(1e400, 1)",
        "States.MathAdd($.big, 1)",
        "States.MathRandom($.big, 1)",
        "States.Base64Decode('====')",
        "States.Hash($.o, 'MD5')",
        "States.JsonMerge($.a, $.o, false)",
        "States.StringSplit($.a, ',')",
        "States.Format($.o)",
        "States.Nope(1)",
        "States.UUID(1)",
        "States.Format('{}')",
        "States.A(States.A(States.A(States.A(States.A(States.A(States.A(States.A(States.A(States.A(States.A(1)))))))))))",
    ];
    for expr in failing {
        let result = intrinsic(expr, input.clone());
        assert!(
            matches!(&result, Err(f) if f.error == "States.IntrinsicFailure"),
            "{expr}: {result:?}"
        );
    }
    // Ten levels of nesting are allowed.
    let nested = "States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(1))))))))))";
    assert_eq!(
        intrinsic(nested, json!({})),
        Ok(json!([[[[[[[[[[1]]]]]]]]]]))
    );
    assert_eq!(
        intrinsic("States.MathRandom(-2147483648, 2147483647, 3)", json!({})).map(|v| v.is_i64()),
        Ok(true)
    );
}

#[test]
fn odd_paths_do_not_panic() {
    let input = json!({"a": [1, [2, [3]]], "o": {"k": {"k": null}}});
    for path in [
        "$.a[-100]",
        "$.a[9223372036854775807]",
        "$.a[-9223372036854775808]",
        "$.a[-100:100]",
        "$.a[100:-100]",
        "$.a[:]",
        "$..k..k",
        "$..*",
        "$.o.k.k.k",
        "$.a[(@.length-100)]",
        "$.a[?(@ > 1)]",
        "$.a[?(@[0] == 2)]",
        "$.a[?(@.x[?(@.y)])]",
        "$['a','o']['k']",
        "$.o.length()",
        "$.o.keys()",
    ] {
        // Any answer is fine; a panic is not.
        let _ = input_path(path, input.clone());
        let _ = template(json!({ "v.$": path }), input.clone());
    }
    assert_eq!(
        input_path("$.a[-100:100]", input.clone()),
        Ok(json!([1, [2, [3]]]))
    );
    assert_eq!(input_path("$.a[100:-100]", input.clone()), Ok(json!([])));
    assert_eq!(input_path("$..k..k", input), Ok(json!([null])));
}
