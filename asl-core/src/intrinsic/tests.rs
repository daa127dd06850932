use super::*;
use crate::path::PathRoot;

/// The single syntax error of `expr`.
fn syntax_err(expr: &str) -> (usize, String) {
    match parse(expr) {
        Ok(call) => panic!("{expr:?} should not parse: {call:?}"),
        Err(e) => {
            assert_eq!(e.kind(), IntrinsicErrorKind::Syntax, "{expr:?}: {e}");
            (e.offset(), e.message().to_owned())
        }
    }
}

/// The errors `check` reports for `expr`.
fn errs(expr: &str) -> Vec<(IntrinsicErrorKind, usize, String)> {
    match check(expr) {
        Ok(call) => panic!("{expr:?} should be rejected: {call:?}"),
        Err(errors) => errors
            .into_iter()
            .map(|e| (e.kind(), e.offset(), e.message().to_owned()))
            .collect(),
    }
}

/// The one error `check` reports for `expr`.
fn one_err(expr: &str) -> (IntrinsicErrorKind, usize, String) {
    let mut all = errs(expr);
    assert_eq!(all.len(), 1, "{expr:?}: {all:?}");
    all.remove(0)
}

fn assert_ok(expr: &str) -> IntrinsicCall {
    match check(expr) {
        Ok(call) => call,
        Err(errors) => panic!("{expr:?} should be valid: {errors:?}"),
    }
}

// ---- the function table ---------------------------------------------------------

#[test]
fn names_round_trip() {
    assert_eq!(IntrinsicFunction::ALL.len(), 18);
    for &f in IntrinsicFunction::ALL {
        assert!(f.name().starts_with("States."));
        assert_eq!(IntrinsicFunction::from_name(f.name()), Some(f));
        assert_eq!(f.to_string(), f.name());
    }
    assert_eq!(
        IntrinsicFunction::from_name("States.UUID"),
        Some(IntrinsicFunction::Uuid)
    );
    assert_eq!(IntrinsicFunction::from_name("States.Uuid"), None);
    assert_eq!(IntrinsicFunction::from_name("Format"), None);
}

#[test]
fn arities() {
    use IntrinsicFunction as F;
    let accepts = |f: F, n: usize| f.arity().accepts(n);
    assert!(accepts(F::Format, 1) && accepts(F::Format, 9) && !accepts(F::Format, 0));
    assert!(accepts(F::Array, 0) && accepts(F::Array, 5));
    assert!(accepts(F::Uuid, 0) && !accepts(F::Uuid, 1));
    assert!(accepts(F::MathRandom, 2) && accepts(F::MathRandom, 3) && !accepts(F::MathRandom, 4));
    assert!(accepts(F::JsonMerge, 3) && !accepts(F::JsonMerge, 2));
    assert!(accepts(F::ArrayLength, 1) && !accepts(F::ArrayLength, 2));
    assert_eq!(F::Format.arity().to_string(), "at least 1 argument");
    assert_eq!(F::Array.arity().to_string(), "at least 0 arguments");
    assert_eq!(F::Hash.arity().to_string(), "2 arguments");
    assert_eq!(F::ArrayLength.arity().to_string(), "1 argument");
    assert_eq!(F::MathRandom.arity().to_string(), "2 or 3 arguments");
    assert_eq!(
        Arity {
            min: 1,
            max: Some(4)
        }
        .to_string(),
        "1 to 4 arguments"
    );
}

#[test]
fn string_returning_functions() {
    let strings: Vec<&str> = IntrinsicFunction::ALL
        .iter()
        .filter(|f| f.returns_string())
        .map(|f| f.name())
        .collect();
    assert_eq!(
        strings,
        [
            "States.Format",
            "States.JsonToString",
            "States.ArrayGetItem",
            "States.Base64Encode",
            "States.Base64Decode",
            "States.Hash",
            "States.UUID"
        ]
    );
}

// ---- syntax -----------------------------------------------------------------------

#[test]
fn looks_like_call_cases() {
    for yes in ["States.Format(", "States.X()", "Foo(", "a.b.c(1)", "_x("] {
        assert!(looks_like_call(yes), "{yes}");
    }
    for no in [
        "",
        "$.a",
        "States.Format",
        " States.Format(",
        "States..X(",
        "States.(",
        "States.Format (",
        "1a(",
        "Ж(",
    ] {
        assert!(!looks_like_call(no), "{no}");
    }
}

#[test]
fn parses_every_kind_of_argument() {
    let call = parse("States.Array('it\\'s', -2.5e3, true, false, null, $.a[0], $$.Task.Token, $v, States.UUID())").unwrap();
    assert_eq!(call.name, "States.Array");
    assert_eq!(call.function, Some(IntrinsicFunction::Array));
    assert_eq!(call.offset, 0);
    let values: Vec<&ArgumentValue> = call.args.iter().map(|a| &a.value).collect();
    assert_eq!(values[0], &ArgumentValue::String("it's".into()));
    assert_eq!(
        values[1],
        &ArgumentValue::Number(NumberLiteral::new("-2.5e3"))
    );
    assert_eq!(values[2], &ArgumentValue::Boolean(true));
    assert_eq!(values[3], &ArgumentValue::Boolean(false));
    assert_eq!(values[4], &ArgumentValue::Null);
    match values[5] {
        ArgumentValue::Path(p) => {
            assert_eq!(p.as_str(), "$.a[0]");
            assert_eq!(p.offset(), 49);
        }
        other => panic!("{other:?}"),
    }
    match values[6] {
        ArgumentValue::Path(p) => assert_eq!(p.root(), &PathRoot::Context),
        other => panic!("{other:?}"),
    }
    match values[7] {
        ArgumentValue::Path(p) => assert_eq!(p.root(), &PathRoot::Variable("v".into())),
        other => panic!("{other:?}"),
    }
    match values[8] {
        ArgumentValue::Call(c) => {
            assert_eq!(c.function, Some(IntrinsicFunction::Uuid));
            assert_eq!((c.offset, c.end), (76, 89));
        }
        other => panic!("{other:?}"),
    }
    let first = &call.args[0];
    assert_eq!((first.offset, first.end), (13, 20));
    assert_eq!(call.end, 90);
}

#[test]
fn whitespace_between_tokens() {
    let call = parse("States.ArrayGetItem( States.StringSplit($.key , '/'), 0)   ").unwrap();
    assert_eq!(call.args.len(), 2);
    let call = parse("States.Format(\n'{}'\n,\t$.a\n)").unwrap();
    assert_eq!(call.args.len(), 2);
    assert_eq!(parse("States.UUID( )").unwrap().args.len(), 0);
}

#[test]
fn paths_inside_calls_use_the_general_grammar() {
    assert_ok("States.ArrayGetItem($.Outputs[?(@.OutputKey == FooBar)].OutputValue, 0)");
    assert_ok("States.Format('{}_{}',$$.Execution.Name,$['test-batch']['batch_id'])");
    assert_ok("States.ArrayLength($..items[*])");
    assert_ok("States.JsonToString($.a.length())");
    assert_eq!(
        syntax_err("States.ArrayLength($.)"),
        (21, "expected a field name after '.'".into())
    );
    assert_eq!(
        syntax_err("States.ArrayLength($[?(@.a =~ /x/)])"),
        (
            27,
            "expected a comparison operator: regular-expression matching '=~' is not supported"
                .into()
        )
    );
}

#[test]
fn string_escapes() {
    let value = |expr: &str| match parse(expr).unwrap().args.remove(0).value {
        ArgumentValue::String(s) => s,
        other => panic!("{other:?}"),
    };
    assert_eq!(value(r"States.Format('a\'b')"), "a'b");
    assert_eq!(value(r"States.Format('\{\}')"), "{}");
    assert_eq!(value(r"States.Format('a\\b')"), "a\\b");
    assert_eq!(value("States.Format('say \"hi\"')"), "say \"hi\"");
    assert_eq!(value("States.Format('one\ntwo')"), "one\ntwo");
    assert_eq!(value("States.Format('Ж{}中')"), "Ж{}中");
    let illegal = |found: &str| {
        format!("expected one of the escapes \\' \\{{ \\}} \\\\ in a string, found '{found}'")
    };
    assert_eq!(syntax_err(r"States.Format('\n')"), (15, illegal(r"\n")));
    assert_eq!(
        syntax_err(r"States.Format('ab\u0041')"),
        (17, illegal(r"\u"))
    );
    assert_eq!(syntax_err("States.Format('\\\"')"), (15, illegal("\\\"")));
    assert_eq!(
        syntax_err("States.Format('\\\u{1}')").1,
        "expected one of the escapes \\' \\{ \\} \\\\ in a string, found '\\\\u{1}'"
    );
}

#[test]
fn syntax_errors() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "expected an intrinsic function name such as 'States.Format'"),
        ("$.a", 0, "expected an intrinsic function name such as 'States.Format'"),
        ("States.Format", 13, "expected '(' after 'States.Format'"),
        ("States.Format ('x')", 13, "expected '(' after 'States.Format'"),
        ("States.JsonToString($", 21, "expected ',' or ')' after an argument"),
        ("States.Format($.a $.b)", 18, "expected ',' or ')' after an argument"),
        ("States.Array(1 2)", 15, "expected ',' or ')' after an argument"),
        ("States.Array(1,)", 15, "expected an argument"),
        ("States.Array(,1)", 13, "expected an argument"),
        ("States.Array(1,", 15, "expected an argument or ')'"),
        ("States.Array(", 13, "expected an argument or ')'"),
        ("States.Array(\"x\")", 13, "expected a single-quoted string: string literals use '...'"),
        ("States.Array(abc)", 13, "expected an argument, found 'abc': quote strings as 'abc'"),
        ("States.Array(True)", 13, "expected an argument, found 'True': quote strings as 'True'"),
        ("States.Array(+1)", 13, "expected an argument: a 'string', a number, true, false, null, a path or an intrinsic call"),
        ("States.Array(@.a)", 13, "expected an argument: a 'string', a number, true, false, null, a path or an intrinsic call"),
        ("States.Array('abc", 13, "expected a closing ' to end this string"),
        ("States.Array('abc\\", 13, "expected a closing ' to end this string"),
        ("States.Array(-)", 14, "expected a digit"),
        ("States.Array(1.)", 15, "expected a digit after '.'"),
        ("States.Array(1e)", 15, "expected a digit in the exponent"),
        ("States.UUID() x", 14, "expected the end of the expression after ')', found 'x'"),
        ("States.UUID())", 13, "expected the end of the expression after ')', found ')'"),
        (" States.UUID()", 0, "expected an intrinsic function name such as 'States.Format'"),
    ];
    for &(expr, offset, message) in cases {
        assert_eq!(syntax_err(expr), (offset, message.to_owned()), "{expr:?}");
        // check() reports the same single error.
        assert_eq!(
            errs(expr),
            vec![(IntrinsicErrorKind::Syntax, offset, message.to_owned())]
        );
    }
}

#[test]
fn nesting_is_bounded_in_the_parser() {
    let nested = |depth: usize| format!("{}1{}", "States.Array(".repeat(depth), ")".repeat(depth));
    assert!(parse(&nested(64)).is_ok());
    assert_eq!(
        syntax_err(&nested(65)),
        (
            64 * 13,
            "expected at most 64 levels of nested intrinsic calls".into()
        )
    );
    assert!(parse(&"States.Array(".repeat(100_000)).is_err());
    assert!(check(&"States.Array(".repeat(100_000)).is_err());
    assert!(parse(&format!("States.Array({}", "(".repeat(100_000))).is_err());
    // The deepest input both parsers accept still fits a test thread's stack.
    let filter = format!("$[?({}@.a{})]", "(".repeat(32), ")".repeat(32));
    let worst = format!("{}{filter}{}", "States.Array(".repeat(64), ")".repeat(64));
    assert!(parse(&worst).is_ok());
    assert_eq!(errs(&worst).len(), 1);
}

// ---- semantics --------------------------------------------------------------------

#[test]
fn documented_examples_are_valid() {
    for expr in [
        "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
        "States.Format('Today is {}', $$.DayOfWeek)",
        "States.Format($.template, $.a, $.b)",
        "States.StringToJson($.someString)",
        "States.StringToJson('{\"a\": 1}')",
        "States.JsonToString($.someJson)",
        "States.Array('Foo', 2020, $.someJson, null)",
        "States.Array()",
        "States.ArrayPartition($.inputArray,4)",
        "States.ArrayContains($.inputArray, $.lookingFor)",
        "States.ArrayRange(1, 9, 2)",
        "States.ArrayRange(10, 0, -1)",
        "States.ArrayRange(0, 999, 1)",
        "States.ArrayRange($.a, 5000, 1)",
        "States.ArrayGetItem($.inputArray, $.index)",
        "States.ArrayGetItem(States.StringSplit($.id, ':'), 6)",
        "States.ArrayLength($.inputArray)",
        "States.ArrayUnique(States.Array(1, 1))",
        "States.Base64Encode($.input)",
        "States.Base64Decode(States.Base64Encode('x'))",
        "States.Hash($.Data, $.Algorithm)",
        "States.Hash('abc', 'SHA-256')",
        "States.JsonMerge($.json1, $.json2, false)",
        "States.JsonMerge(States.StringToJson($.a), $.b, true)",
        "States.MathRandom($.start, $.end)",
        "States.MathRandom(1, 999, 69)",
        "States.MathAdd($.value1, -1)",
        "States.MathAdd(States.ArrayLength($$.Execution.Input.machines),-1)",
        "States.MathAdd(1.5, 2)",
        "States.StringSplit($.inputString, ',')",
        "States.UUID()",
        "States.Format('{}', States.Format('{}', States.UUID()))",
    ] {
        assert_ok(expr);
    }
}

#[test]
fn unknown_functions() {
    assert_eq!(
        one_err("States.Xyz($.result)"),
        (
            IntrinsicErrorKind::UnknownFunction,
            0,
            "expected a known intrinsic function, found 'States.Xyz'".into()
        )
    );
    let hint = |expr: &str| one_err(expr).2;
    assert!(hint("States.Formatt('x')").ends_with("; did you mean 'States.Format'?"));
    assert!(hint("States.format('x')").ends_with("; did you mean 'States.Format'?"));
    assert!(hint("JsonToString($)").ends_with("; did you mean 'States.JsonToString'?"));
    assert!(hint("States.Uuid()").ends_with("; did you mean 'States.UUID'?"));
    assert!(hint("States.ArrayLenght($)").ends_with("; did you mean 'States.ArrayLength'?"));
    assert!(hint("Foo.Bar()").ends_with("found 'Foo.Bar'"));
    // Arguments of an unknown function are still checked.
    let all = errs("States.Nope(States.Hash('a', 'MD4'))");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].0, IntrinsicErrorKind::UnknownFunction);
    assert_eq!(all[1].0, IntrinsicErrorKind::ArgumentValue);
    // A huge unknown name does not make suggestions slow.
    let long = format!("States.{}()", "x".repeat(100_000));
    assert_eq!(one_err(&long).0, IntrinsicErrorKind::UnknownFunction);
}

#[test]
fn arity_errors() {
    let cases = [
        (
            "States.Format()",
            "expected at least 1 argument for States.Format, found 0",
        ),
        (
            "States.UUID(1)",
            "expected 0 arguments for States.UUID, found 1",
        ),
        (
            "States.Hash($.a)",
            "expected 2 arguments for States.Hash, found 1",
        ),
        (
            "States.ArrayLength($.a, $.b)",
            "expected 1 argument for States.ArrayLength, found 2",
        ),
        (
            "States.MathRandom(1, 2, 3, 4)",
            "expected 2 or 3 arguments for States.MathRandom, found 4",
        ),
        (
            "States.JsonMerge($.a, $.b)",
            "expected 3 arguments for States.JsonMerge, found 2",
        ),
    ];
    for (expr, message) in cases {
        assert_eq!(
            one_err(expr),
            (IntrinsicErrorKind::Arity, 0, message.into()),
            "{expr}"
        );
    }
}

#[test]
fn literal_argument_types() {
    let cases: &[(&str, usize, &str)] = &[
        ("States.MathAdd('-1', 1)", 15, "expected a number as argument 1 of States.MathAdd, but found a string"),
        ("States.MathAdd(1, true)", 18, "expected a number as argument 2 of States.MathAdd, but found true"),
        ("States.MathRandom(null, 2)", 18, "expected a number as argument 1 of States.MathRandom, but found null"),
        ("States.ArrayPartition($.a, '4')", 27, "expected a positive integer as argument 2 of States.ArrayPartition, but found a string"),
        ("States.ArrayPartition($.a, 0)", 27, "expected a positive integer as argument 2 of States.ArrayPartition, but found the number 0"),
        ("States.ArrayPartition($.a, 1.5)", 27, "expected a positive integer as argument 2 of States.ArrayPartition, but found the number 1.5"),
        ("States.ArrayPartition('abc', 2)", 22, "expected an array as argument 1 of States.ArrayPartition, but found a string"),
        ("States.ArrayGetItem($.a, -1)", 25, "expected an integer of 0 or more as argument 2 of States.ArrayGetItem, but found the number -1"),
        ("States.ArrayLength(3)", 19, "expected an array as argument 1 of States.ArrayLength, but found the number 3"),
        ("States.ArrayContains(null, 1)", 21, "expected an array as argument 1 of States.ArrayContains, but found null"),
        ("States.ArrayRange(1, 5.5, 1)", 21, "expected an integer as argument 2 of States.ArrayRange, but found the number 5.5"),
        ("States.StringToJson(1)", 20, "expected a string as argument 1 of States.StringToJson, but found the number 1"),
        ("States.Base64Encode(false)", 20, "expected a string as argument 1 of States.Base64Encode, but found false"),
        ("States.StringSplit($.a, 1)", 24, "expected a string as argument 2 of States.StringSplit, but found the number 1"),
        ("States.Hash(1, 'MD5')", 12, "expected a string as argument 1 of States.Hash, but found the number 1"),
        ("States.JsonMerge('a', $.b, false)", 17, "expected an object as argument 1 of States.JsonMerge, but found a string"),
        ("States.JsonMerge($.a, $.b, 'false')", 27, "expected true or false as argument 3 of States.JsonMerge, but found a string"),
        ("States.Format(1)", 14, "expected a string as argument 1 of States.Format, but found the number 1"),
    ];
    for &(expr, offset, message) in cases {
        assert_eq!(
            one_err(expr),
            (IntrinsicErrorKind::ArgumentType, offset, message.into()),
            "{expr}"
        );
    }
    assert_ok("States.ArrayPartition($.a, 2.0)");
}

#[test]
fn nested_call_return_types() {
    assert_eq!(
        one_err("States.ArrayLength(States.Format('x'))"),
        (IntrinsicErrorKind::ArgumentType, 19, "expected an array as argument 1 of States.ArrayLength, but States.Format returns a string".into())
    );
    assert_eq!(
        one_err("States.MathAdd(States.UUID(), 1)").2,
        "expected a number as argument 1 of States.MathAdd, but States.UUID returns a string"
    );
    assert_eq!(
        one_err("States.JsonMerge(States.Array(), $.b, false)").2,
        "expected an object as argument 1 of States.JsonMerge, but States.Array returns an array"
    );
    assert_eq!(
        one_err("States.Format(States.ArrayContains($.a, 1))").2,
        "expected a string as argument 1 of States.Format, but States.ArrayContains returns a boolean"
    );
    // Functions whose result type is unknown are accepted anywhere.
    assert_ok("States.ArrayLength(States.StringToJson($.a))");
    assert_ok("States.MathAdd(States.ArrayGetItem($.a, 0), 1)");
    assert_ok("States.ArrayPartition($.a, States.MathAdd(1, 1))");
}

#[test]
fn hash_algorithms() {
    for algorithm in HASH_ALGORITHMS {
        assert_ok(&format!("States.Hash($.a, '{algorithm}')"));
    }
    assert_eq!(
        one_err("States.Hash($.data, 'SHA1')"),
        (
            IntrinsicErrorKind::ArgumentValue,
            20,
            "expected a hash algorithm (MD5, SHA-1, SHA-256, SHA-384, SHA-512), found 'SHA1'"
                .into()
        )
    );
    assert_eq!(
        one_err("States.Hash($.data, 'md5')").0,
        IntrinsicErrorKind::ArgumentValue
    );
}

#[test]
fn array_range_limits() {
    assert_eq!(
        one_err("States.ArrayRange(1, 9, 0)"),
        (
            IntrinsicErrorKind::ArgumentValue,
            24,
            "expected a non-zero step for States.ArrayRange".into()
        )
    );
    assert_eq!(
        one_err("States.ArrayRange($.a, $.b, 0)").0,
        IntrinsicErrorKind::ArgumentValue
    );
    assert_ok("States.ArrayRange(1, 1000, 1)");
    assert_ok("States.ArrayRange(9, 1, 1)"); // empty, not too large
    assert_eq!(
        one_err("States.ArrayRange(0, 1000, 1)"),
        (
            IntrinsicErrorKind::ArgumentValue,
            0,
            "expected a range of at most 1000 items, but States.ArrayRange would produce 1001"
                .into()
        )
    );
    assert_eq!(
        one_err("States.ArrayRange(1000, -1000, -1)").2,
        "expected a range of at most 1000 items, but States.ArrayRange would produce 2001"
    );
    assert_eq!(
        one_err("States.ArrayRange(-9223372036854775808, 9223372036854775807, 1)").2,
        "expected a range of at most 1000 items, but States.ArrayRange would produce 18446744073709551616"
    );
}

#[test]
fn format_placeholders() {
    assert_ok("States.Format('no placeholders')");
    assert_ok("States.Format('{} and {}', 1, 2)");
    assert_ok("States.Format('\\{} is not a placeholder, {} is', 1)");
    assert_ok(
        "States.Format('{\\} neither', )"
            .replace(", )", ")")
            .as_str(),
    );
    assert_ok("States.Format('${Endpoint}?t={}', $.t)");
    assert_ok("States.Format($.template)");
    assert_eq!(
        one_err("States.Format('{} and {}', $.a)"),
        (
            IntrinsicErrorKind::Placeholders,
            14,
            "expected as many values as '{}' placeholders: the template has 2 but 1 value is given"
                .into()
        )
    );
    assert_eq!(
        one_err("States.Format('x', 1, 2)").2,
        "expected as many values as '{}' placeholders: the template has 0 but 2 values are given"
    );
}

#[test]
fn nesting_depth_limit() {
    let nested =
        |depth: usize| format!("{}$.a{}", "States.Array(".repeat(depth), ")".repeat(depth));
    assert_ok(&nested(10));
    assert_eq!(
        one_err(&nested(11)),
        (
            IntrinsicErrorKind::Nesting,
            130,
            "expected at most 10 levels of nested intrinsic calls".into()
        )
    );
    // Reported once per over-deep call, not once per level below it.
    assert_eq!(errs(&nested(20)).len(), 1);
}

#[test]
fn errors_are_in_source_order() {
    let all = errs("States.Hash(1, 'MD4', 3)");
    let offsets: Vec<usize> = all.iter().map(|e| e.1).collect();
    assert_eq!(offsets, vec![0, 12, 15]);
    assert_eq!(all[0].0, IntrinsicErrorKind::Arity);
}

#[test]
fn number_literals() {
    let n = |s: &str| NumberLiteral::new(s);
    assert_eq!(n("42").as_i64(), Some(42));
    assert_eq!(n("-7").as_i64(), Some(-7));
    assert_eq!(n("2.0").as_i64(), Some(2));
    assert_eq!(n("1e3").as_i64(), Some(1000));
    assert_eq!(n("2.5").as_i64(), None);
    assert_eq!(n("1e300").as_i64(), None);
    assert_eq!(n("2.5").as_f64(), Some(2.5));
    assert_eq!(n("-0.5e1").as_str(), "-0.5e1");
}

#[test]
fn error_display() {
    let e = check("States.Nope()").unwrap_err().remove(0);
    assert_eq!(
        e.to_string(),
        "expected a known intrinsic function, found 'States.Nope' (at byte 0)"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().contains("States.Nope"));
}

#[test]
fn offsets_are_char_boundaries_on_odd_input() {
    for expr in [
        "States.Format('Ж', Ж)",
        "States.Array(Ж",
        "Stätes.X(",
        "States.Array('Ж\\Ж')",
        "States.Array($.Ж ~)",
        "States.Array(1Ж)",
    ] {
        for e in check(expr).err().unwrap_or_default() {
            assert!(expr.is_char_boundary(e.offset()), "{expr:?}: {e}");
        }
    }
}
