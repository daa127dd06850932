use super::*;
use PathContext::{Path, PayloadTemplate, ReferencePath, ResultPath};

/// The offset and message of the error `expr` gets in `context`.
fn err(expr: &str, context: PathContext) -> (usize, String) {
    match check(expr, context) {
        Ok(()) => panic!("{expr:?} should be invalid as a {context}"),
        Err(e) => (e.offset(), e.message().to_owned()),
    }
}

fn assert_valid(expr: &str, contexts: &[PathContext]) {
    for &context in contexts {
        if let Err(e) = check(expr, context) {
            panic!("{expr:?} should be valid as a {context}: {e}");
        }
    }
}

fn assert_invalid(expr: &str, contexts: &[PathContext]) {
    for &context in contexts {
        assert!(
            check(expr, context).is_err(),
            "{expr:?} should be invalid as a {context}"
        );
    }
}

fn kinds(expr: &str) -> Vec<SegmentKind> {
    parse(expr)
        .unwrap()
        .segments()
        .iter()
        .map(|s| s.kind.clone())
        .collect()
}

fn field(name: &str) -> SegmentKind {
    SegmentKind::Field {
        name: name.to_owned(),
        notation: FieldNotation::Dot,
    }
}

fn bracket(name: &str) -> SegmentKind {
    SegmentKind::Field {
        name: name.to_owned(),
        notation: FieldNotation::Bracket,
    }
}

const ALL: &[PathContext] = &PathContext::ALL;
const GENERAL: &[PathContext] = &[Path, PayloadTemplate];
const REFERENCE: &[PathContext] = &[ReferencePath, ResultPath];

// ---- roots ------------------------------------------------------------------

#[test]
fn roots() {
    assert_eq!(parse("$").unwrap().root(), &PathRoot::Input);
    assert_eq!(parse("$$").unwrap().root(), &PathRoot::Context);
    assert_eq!(parse("$$.Execution.Id").unwrap().root(), &PathRoot::Context);
    assert_eq!(
        parse("$order").unwrap().root(),
        &PathRoot::Variable("order".into())
    );
    assert_eq!(
        parse("$_x1.a").unwrap().root(),
        &PathRoot::Variable("_x1".into())
    );
    assert_eq!(
        parse("$prénom").unwrap().root(),
        &PathRoot::Variable("prénom".into())
    );
    assert!(parse("$").unwrap().segments().is_empty());
}

#[test]
fn every_root_is_a_path_and_a_reference_path() {
    for expr in ["$", "$.a", "$$", "$$.Task.Token", "$var", "$var.a[0]"] {
        assert_valid(expr, &[Path, ReferencePath, PayloadTemplate]);
    }
}

#[test]
fn result_paths_start_at_the_input() {
    assert_valid("$", ALL);
    assert_valid("$.a.b[0]['c']", ALL);
    assert_eq!(
        err("$$.Execution", ResultPath),
        (
            0,
            "expected '$': a result path cannot write to the context object '$$'".into()
        )
    );
    assert_eq!(
        err("$variable.foo", ResultPath),
        (
            0,
            "expected '$': a result path cannot write to a variable".into()
        )
    );
}

#[test]
fn a_path_starts_with_a_dollar() {
    let expected = (0, "expected '$' at the start of a path".to_owned());
    for expr in ["", "x", ".guid", "..guid", "()", " $.a", "bug$.library"] {
        for context in [Path, ReferencePath, ResultPath] {
            assert_eq!(err(expr, context), expected, "{expr:?} as {context}");
        }
    }
}

#[test]
fn junk_after_a_root() {
    assert_eq!(
        err("$$23", Path),
        (
            2,
            "expected '.', '[' or the end of the path, found '2'".into()
        )
    );
    assert_eq!(
        err("$.a b", Path),
        (
            4,
            "expected '.', '[' or the end of the path, found 'b'".into()
        )
    );
    assert_eq!(
        err("$.a]", Path),
        (
            3,
            "expected '.', '[' or the end of the path, found ']'".into()
        )
    );
    assert_eq!(err("$.a,b", ReferencePath).0, 3);
}

#[test]
fn trailing_whitespace_is_ignored() {
    assert_valid("$.a  ", ALL);
    assert_valid("$.a\n\t", ALL);
    assert_eq!(parse("$.a  ").unwrap().as_str(), "$.a");
}

// ---- fields -------------------------------------------------------------------

#[test]
fn dot_fields() {
    assert_eq!(kinds("$.store.book"), vec![field("store"), field("book")]);
    assert_eq!(kinds("$.&Ж中.𐍆"), vec![field("&Ж中"), field("𐍆")]);
    assert_eq!(kinds("$.detail-type"), vec![field("detail-type")]);
    assert_eq!(kinds("$.${Table_Key}"), vec![field("${Table_Key}")]);
    assert_valid("$.&Ж中.𐍆", ALL);
    assert_valid("$.detail-type", ALL);
}

#[test]
fn escapes_in_dot_fields() {
    assert_eq!(kinds(r"$.store\.book"), vec![field("store.book")]);
    assert_eq!(
        kinds(r"$.\stor\e.boo\k"),
        vec![field("store"), field("book")]
    );
    assert_eq!(kinds(r"$.foo.\.bar"), vec![field("foo"), field(".bar")]);
    assert_eq!(
        kinds(r"$.foo\@bar.baz\[\[.\?pretty"),
        vec![field("foo@bar"), field("baz[["), field("?pretty")]
    );
    assert_eq!(kinds(r"$.\*"), vec![field("*")]);
    assert_valid(r"$.foo\@bar.baz\[\[.\?pretty", ALL);
    assert_eq!(
        err(r"$.a\", Path),
        (3, r"expected a character after '\'".into())
    );
}

#[test]
fn a_dot_needs_a_name() {
    for expr in ["$.", "$.a.", "$. a"] {
        for context in ALL {
            assert_eq!(
                err(expr, *context).1,
                "expected a field name after '.'",
                "{expr:?} as {context}"
            );
        }
    }
    assert_eq!(err("$.a.", Path).0, 4);
}

#[test]
fn reference_names_cannot_hold_operators() {
    for c in ['@', ':', '?', '*'] {
        let expr = format!("$.a{c}b");
        assert_valid(&expr, GENERAL);
        assert_eq!(
            err(&expr, ReferencePath),
            (
                3,
                format!(
                    "expected a field name: '{c}' is not allowed in a reference path name; \
                     escape it as '\\{c}' or use bracket notation"
                )
            )
        );
        assert_valid(&format!("$.a\\{c}b"), REFERENCE);
        assert_valid(&format!("$['a{c}b']"), REFERENCE);
    }
}

#[test]
fn bracket_fields() {
    assert_eq!(
        kinds("$['store']['book']"),
        vec![bracket("store"), bracket("book")]
    );
    assert_eq!(kinds("$[\"a b\"]"), vec![bracket("a b")]);
    assert_eq!(kinds(r"$['it\'s']"), vec![bracket("it's")]);
    assert_eq!(kinds("$[ 'a' ]"), vec![bracket("a")]);
    assert_eq!(kinds("$.['a']"), vec![bracket("a")]);
    assert_valid("$['store'][0]['book']", ALL);
    assert_valid("$['test-batch']['batch_id']", ALL);
    assert_eq!(
        err("$['a", Path),
        (2, "expected a closing ' to end this string".into())
    );
    assert_eq!(
        err("$[\"a\\", Path),
        (2, "expected a closing \" to end this string".into())
    );
    assert_eq!(err("$['a'", Path), (5, "expected ']'".into()));
}

// ---- indexes, slices, unions ---------------------------------------------------

#[test]
fn indexes() {
    assert_eq!(
        kinds("$.a[0][22][315]"),
        vec![
            field("a"),
            SegmentKind::Index(0),
            SegmentKind::Index(22),
            SegmentKind::Index(315)
        ]
    );
    assert_eq!(kinds("$.[0]"), vec![SegmentKind::Index(0)]);
    assert_eq!(kinds("$.a[-2]"), vec![field("a"), SegmentKind::Index(-2)]);
    assert_valid("$.ledgers[0][22][315].foo", ALL);
    assert_valid("$.book[-2]", GENERAL);
    assert_eq!(
        err("$.book[-2]", ReferencePath),
        (
            7,
            "expected an index of 0 or more: negative indexes are not allowed in a reference path"
                .into()
        )
    );
    assert_eq!(
        err("$[99999999999999999999]", Path),
        (
            2,
            "expected a smaller index: this one is out of range".into()
        )
    );
    assert_eq!(err("$[-]", Path), (3, "expected a digit".into()));
    assert_eq!(err("$[1 2]", Path), (4, "expected ']'".into()));
}

#[test]
fn slices() {
    assert_eq!(
        kinds("$[0:2]"),
        vec![SegmentKind::Slice {
            start: Some(0),
            end: Some(2)
        }]
    );
    assert_eq!(
        kinds("$[1:]"),
        vec![SegmentKind::Slice {
            start: Some(1),
            end: None
        }]
    );
    assert_eq!(
        kinds("$[:2]"),
        vec![SegmentKind::Slice {
            start: None,
            end: Some(2)
        }]
    );
    assert_eq!(
        kinds("$[-2:]"),
        vec![SegmentKind::Slice {
            start: Some(-2),
            end: None
        }]
    );
    assert_valid("$.book[1:2]", GENERAL);
    assert_eq!(
        err("$.book[1:2]", ReferencePath),
        (
            6,
            "expected a field name or an index: slices '[a:b]' are not allowed in a reference path"
                .into()
        )
    );
    assert_eq!(err("$[:]", Path), (3, "expected a slice bound".into()));
}

#[test]
fn unions() {
    assert_eq!(
        kinds("$[0,1,-2]"),
        vec![SegmentKind::IndexUnion(vec![0, 1, -2])]
    );
    assert_eq!(kinds("$[0, 1]"), vec![SegmentKind::IndexUnion(vec![0, 1])]);
    assert_eq!(
        kinds("$['a', \"b\"]"),
        vec![SegmentKind::FieldUnion(vec!["a".into(), "b".into()])]
    );
    assert_valid("$.[*].['bucket', 'key']", GENERAL);
    let message =
        "expected a field name or an index: unions '[a,b]' are not allowed in a reference path";
    assert_eq!(err("$.b[0,1]", ReferencePath), (3, message.into()));
    assert_eq!(err("$['a','b']", ResultPath), (1, message.into()));
    assert_eq!(
        err("$['a', 1]", Path),
        (7, "expected a quoted name after ','".into())
    );
    assert_eq!(err("$[0,'a']", Path), (4, "expected a digit".into()));
}

#[test]
fn bracket_contents() {
    let message = "expected a quoted name, an index, a slice, '*' or a filter '?(...)' after '['";
    assert_eq!(err("$[]", Path), (2, message.into()));
    assert_eq!(err("$[abc]", Path), (2, message.into()));
    assert_eq!(err("$[", Path), (2, message.into()));
}

// ---- wildcards, descent, scripts, functions -------------------------------------

#[test]
fn wildcards() {
    assert_eq!(
        kinds("$.store.*"),
        vec![field("store"), SegmentKind::Wildcard]
    );
    assert_eq!(
        kinds("$[*][*]"),
        vec![SegmentKind::Wildcard, SegmentKind::Wildcard]
    );
    assert_eq!(kinds("$.a*"), vec![field("a*")]);
    assert_valid("$.store.book[*].author", GENERAL);
    let message =
        "expected a field name or an index: wildcards '*' are not allowed in a reference path";
    assert_eq!(err("$.store.*", ReferencePath), (8, message.into()));
    assert_eq!(err("$.store[*]", ResultPath), (7, message.into()));
}

#[test]
fn recursive_descent() {
    assert_eq!(
        kinds("$..author"),
        vec![SegmentKind::RecursiveDescent, field("author")]
    );
    assert_eq!(
        kinds("$..*"),
        vec![SegmentKind::RecursiveDescent, SegmentKind::Wildcard]
    );
    assert_eq!(
        kinds("$..[0]"),
        vec![SegmentKind::RecursiveDescent, SegmentKind::Index(0)]
    );
    assert_eq!(
        kinds("$.store..price"),
        vec![
            field("store"),
            SegmentKind::RecursiveDescent,
            field("price")
        ]
    );
    assert_valid("$..book[2]", GENERAL);
    assert_eq!(
        err("$..director", ReferencePath),
        (1, "expected a field name or an index: recursive descents '..' are not allowed in a reference path".into())
    );
    assert_eq!(
        err("$..", Path),
        (3, "expected a field name, '*' or '[' after '..'".into())
    );
    assert_eq!(
        err("$...", Path),
        (3, "expected a field name, '*' or '[' after '..'".into())
    );
}

#[test]
fn script_indexes() {
    assert_eq!(
        kinds("$[(@.length-1)].bar"),
        vec![SegmentKind::LengthMinus(1), field("bar")]
    );
    assert_eq!(
        kinds("$[( @.length - 2 )]"),
        vec![SegmentKind::LengthMinus(2)]
    );
    assert_eq!(
        err("$[(@.length-1)].bar", ReferencePath),
        (1, "expected a field name or an index: script expressions '[(...)]' are not allowed in a reference path".into())
    );
    let message = "expected a script index of the form '(@.length-N)'";
    assert_eq!(err("$[(@.size-1)]", Path), (3, message.into()));
    assert_eq!(err("$[(@.length+1)]", Path), (11, message.into()));
    assert_eq!(err("$[(@.length-x)]", Path), (12, message.into()));
    assert_eq!(err("$[(@.length-1]", Path), (13, "expected ')'".into()));
    assert_eq!(
        err("$[(@.length-99999999999999999999)]", Path),
        (
            12,
            "expected a smaller number: this one is out of range".into()
        )
    );
}

#[test]
fn functions() {
    assert_eq!(
        kinds("$.books.length()"),
        vec![field("books"), SegmentKind::Function("length".into())]
    );
    assert_valid("$.a.max()", GENERAL);
    assert_eq!(
        err("$.books.length()", ReferencePath),
        (8, "expected a field name or an index: functions such as 'length()' are not allowed in a reference path".into())
    );
    assert_eq!(
        err("$.a.length().b", Path),
        (
            12,
            "expected the end of the path after a path function such as 'length()'".into()
        )
    );
    assert_eq!(
        err("$.a.length(1)", Path),
        (11, "expected ')': path functions take no arguments".into())
    );
    assert_eq!(
        err("$.a.size()", Path),
        (
            4,
            "expected a path function (min(), max(), avg(), stddev(), length(), sum(), keys(), first(), last()), found 'size()'"
                .into()
        )
    );
    assert_invalid("..book.length()", ALL);
}

// ---- filters --------------------------------------------------------------------

fn filter(expr: &str) -> FilterExpr {
    match parse(expr)
        .unwrap()
        .segments()
        .last()
        .map(|s| s.kind.clone())
    {
        Some(SegmentKind::Filter(f)) => f,
        other => panic!("no filter in {expr:?}: {other:?}"),
    }
}

fn operand_path(f: &FilterExpr) -> &ParsedPath {
    match f {
        FilterExpr::Exists(p) => p,
        FilterExpr::Compare {
            left: FilterOperand::Path(p),
            ..
        } => p,
        other => panic!("no path operand in {other:?}"),
    }
}

#[test]
fn filter_existence() {
    let f = filter("$.movies[?(@.genre)]");
    let path = operand_path(&f);
    assert_eq!(path.root(), &PathRoot::Current);
    assert_eq!(path.as_str(), "@.genre");
    assert_eq!(path.segments()[0].kind, field("genre"));
    assert!(matches!(filter("$[?(@)]"), FilterExpr::Exists(_)));
    assert!(matches!(filter("$[?(@.length)]"), FilterExpr::Exists(_)));
}

#[test]
fn filter_comparisons() {
    let cases = [
        (
            "$.m[?(@.year == 1992)]",
            CompareOp::Eq,
            FilterOperand::Number("1992".into()),
        ),
        (
            "$.m[?(@.year != 1992)]",
            CompareOp::Ne,
            FilterOperand::Number("1992".into()),
        ),
        (
            "$.m[?(@.year >= 1992)]",
            CompareOp::Ge,
            FilterOperand::Number("1992".into()),
        ),
        (
            "$.m[?(@.price < -10)]",
            CompareOp::Lt,
            FilterOperand::Number("-10".into()),
        ),
        (
            "$.m[?(@.price <= 2.5)]",
            CompareOp::Le,
            FilterOperand::Number("2.5".into()),
        ),
        (
            "$.m[?(@.n > 1e3)]",
            CompareOp::Gt,
            FilterOperand::Number("1e3".into()),
        ),
        (
            "$[?(@.Name == 'Cat')]",
            CompareOp::Eq,
            FilterOperand::String("Cat".into()),
        ),
        (
            "$[?(@.key1 == pass)]",
            CompareOp::Eq,
            FilterOperand::Word("pass".into()),
        ),
        (
            "$[?(@.T==es)]",
            CompareOp::Eq,
            FilterOperand::Word("es".into()),
        ),
        (
            "$[?(@.ok == true)]",
            CompareOp::Eq,
            FilterOperand::Boolean(true),
        ),
        (
            "$[?(@.ok == false)]",
            CompareOp::Eq,
            FilterOperand::Boolean(false),
        ),
        ("$[?(@.ok == null)]", CompareOp::Eq, FilterOperand::Null),
    ];
    for (expr, expected_op, expected_right) in cases {
        match filter(expr) {
            FilterExpr::Compare { op, right, .. } => {
                assert_eq!(op, expected_op, "{expr}");
                assert_eq!(right, expected_right, "{expr}");
            }
            other => panic!("{expr}: {other:?}"),
        }
        assert_valid(expr, GENERAL);
        assert_eq!(
            err(expr, ReferencePath).1,
            "expected a field name or an index: filters '[?(...)]' are not allowed in a reference path"
        );
    }
    for op in ["==", "!=", "<", "<=", ">", ">="] {
        let parsed = match filter(&format!("$[?(@.a {op} 1)]")) {
            FilterExpr::Compare { op, .. } => op,
            other => panic!("{other:?}"),
        };
        assert_eq!(parsed.as_str(), op);
    }
}

#[test]
fn filter_paths_on_the_right() {
    match filter("$.a[?(@.workerId == $.agent_id)]") {
        FilterExpr::Compare {
            right: FilterOperand::Path(p),
            ..
        } => {
            assert_eq!(p.root(), &PathRoot::Input);
            assert_eq!(p.as_str(), "$.agent_id");
            assert_eq!(p.offset(), 20);
        }
        other => panic!("{other:?}"),
    }
    assert_valid("$[?(@.a == $$.Execution.Name)]", GENERAL);
    assert_valid("$[?(@.a == $limit)]", GENERAL);
    assert_eq!(
        err("$.book[?(@.price <= $['expensive'])]", Path),
        (
            21,
            "expected '.name': bracket notation is not supported inside a filter expression".into()
        )
    );
    assert_eq!(
        err("$[?(@['a'])]", Path),
        (
            5,
            "expected '.name': bracket notation is not supported inside a filter expression".into()
        )
    );
}

#[test]
fn filter_logic() {
    match filter("$[?(@.a == 1 && @.b || (@.c < 2))]") {
        FilterExpr::Any(terms) => {
            assert_eq!(terms.len(), 2);
            assert!(matches!(&terms[0], FilterExpr::All(t) if t.len() == 2));
            assert!(matches!(&terms[1], FilterExpr::Compare { .. }));
        }
        other => panic!("{other:?}"),
    }
    assert_valid("$[?((@.a))]", GENERAL);
    assert_eq!(
        err("$[?((@.a)]", Path),
        (9, "expected ')' to close the filter".into())
    );
    assert_eq!(err("$[?((@.a == 1 ]", Path), (14, "expected ')'".into()));
}

#[test]
fn filter_errors() {
    assert_eq!(err("$[?@.a]", Path), (3, "expected '(' after '?'".into()));
    assert_eq!(
        err("$[?(@.a]", Path),
        (
            7,
            "expected a comparison operator ('==', '!=', '<', '<=', '>', '>='), '&&', '||' or ')'"
                .into()
        )
    );
    assert_eq!(
        err("$[?(@.a == 1]", Path),
        (12, "expected ')' to close the filter".into())
    );
    assert_eq!(err("$[?(@.a == 1)", Path), (13, "expected ']'".into()));
    assert_eq!(
        err("$.book[?(@.author =~ /.*REES/i)]", Path),
        (
            18,
            "expected a comparison operator: regular-expression matching '=~' is not supported"
                .into()
        )
    );
    assert_eq!(
        err("$[?(@.a = 1)]", Path),
        (
            8,
            "expected a comparison operator ('==', '!=', '<', '<=', '>', '>='), '&&', '||' or ')'"
                .into()
        )
    );
    assert_eq!(
        err("$[?(1)]", Path),
        (
            4,
            "expected a path starting with '@' or '$' in a filter without a comparison".into()
        )
    );
    let operand = "expected a path starting with '@' or '$', or a literal value";
    assert_eq!(err("$[?()]", Path), (4, operand.into()));
    assert_eq!(err("$[?(pass == @.a)]", Path), (4, operand.into()));
    assert_eq!(err("$[?(@.a == )]", Path), (11, operand.into()));
    assert_eq!(
        err("$[?(@. == 1)]", Path),
        (6, "expected a field name after '.'".into())
    );
    assert_eq!(
        err("$[?(@.a == 1.)]", Path),
        (13, "expected a digit after '.'".into())
    );
    assert_eq!(
        err("$[?(@.a == 1e)]", Path),
        (13, "expected a digit in the exponent".into())
    );
    assert_eq!(
        err("$[?(@.a == -x)]", Path),
        (12, "expected a digit".into())
    );
    assert_eq!(
        err("$[?(@.a == 'x)]", Path),
        (11, "expected a closing ' to end this string".into())
    );
}

#[test]
fn filter_nesting_is_bounded() {
    let ok = format!("$[?({}@.a{})]", "(".repeat(32), ")".repeat(32));
    assert_valid(&ok, GENERAL);
    let too_deep = format!("$[?({}@.a{})]", "(".repeat(33), ")".repeat(33));
    assert_eq!(
        err(&too_deep, Path),
        (
            36,
            "expected at most 32 nested parentheses in a filter".into()
        )
    );
    let absurd = format!("$[?({}", "(".repeat(100_000));
    assert!(check(&absurd, Path).is_err());
    assert!(parse(&absurd).is_err());
}

// ---- contexts -------------------------------------------------------------------

#[test]
fn intrinsics_are_not_paths() {
    let expr = "States.Format('{}', $.a)";
    for context in [Path, ReferencePath, ResultPath] {
        assert_eq!(
            err(expr, context),
            (0, format!("expected a path starting with '$': intrinsic functions are not allowed in a {context}"))
        );
    }
    assert_valid(expr, &[PayloadTemplate]);
    assert!(parse(expr).is_err());
}

#[test]
fn payload_templates() {
    assert_valid("$", &[PayloadTemplate]);
    assert_valid("$$", &[PayloadTemplate]);
    assert_valid("$var.items[*]", &[PayloadTemplate]);
    assert_valid("States.UUID()", &[PayloadTemplate]);
    assert_valid("States.JsonToString($)    ", &[PayloadTemplate]);
    let expected = (
        0,
        "expected a path starting with '$' or an intrinsic function call".to_owned(),
    );
    for expr in [
        "",
        "23",
        "prod-v1",
        "something else",
        "  States.Format('x')",
        "States\nJsonToString($)",
    ] {
        assert_eq!(err(expr, PayloadTemplate), expected, "{expr:?}");
    }
    // Intrinsic problems are reported with the intrinsic's own message.
    assert_eq!(
        err("States.MathAdd('-1', 'abc')", PayloadTemplate),
        (
            15,
            "expected a number as argument 1 of States.MathAdd, but found a string".into()
        )
    );
    assert_eq!(
        err("States. ", PayloadTemplate),
        (6, "expected '(' after 'States'".into())
    );
    assert_eq!(
        err("States.StringToJson $.a)", PayloadTemplate),
        (19, "expected '(' after 'States.StringToJson'".into())
    );
    assert_eq!(
        err("States.JsonToString($", PayloadTemplate),
        (21, "expected ',' or ')' after an argument".into())
    );
    assert_eq!(
        err("$.a(", PayloadTemplate),
        (4, "expected ')': path functions take no arguments".into())
    );
}

#[test]
fn is_reference_is_structural() {
    for expr in ["$", "$.a", "$['a'][0]", "$$.x", "$v[3]", "$.a:b"] {
        assert!(parse(expr).unwrap().is_reference(), "{expr}");
    }
    for expr in [
        "$[-1]",
        "$.*",
        "$..a",
        "$[0:1]",
        "$[0,1]",
        "$['a','b']",
        "$[?(@.a)]",
        "$[(@.length-1)]",
        "$.a.length()",
    ] {
        assert!(!parse(expr).unwrap().is_reference(), "{expr}");
    }
}

#[test]
fn offsets_and_text() {
    let path = parse("$.a['b'][2]").unwrap();
    let offsets: Vec<usize> = path.segments().iter().map(|s| s.offset).collect();
    assert_eq!(offsets, vec![1, 3, 8]);
    let offsets: Vec<usize> = parse("$..a.*")
        .unwrap()
        .segments()
        .iter()
        .map(|s| s.offset)
        .collect();
    assert_eq!(offsets, vec![1, 3, 4]);
    assert_eq!(path.offset(), 0);
    assert_eq!(path.to_string(), "$.a['b'][2]");
}

#[test]
fn errors_display_their_offset() {
    let e = check("$.", Path).unwrap_err();
    assert_eq!(e.to_string(), "expected a field name after '.' (at byte 2)");
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().starts_with("expected"));
}

#[test]
fn context_names() {
    let names: Vec<String> = PathContext::ALL.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        names,
        ["path", "reference path", "result path", "payload template"]
    );
}

#[test]
fn offsets_are_char_boundaries_on_odd_input() {
    // Multi-byte characters everywhere a parser might slice.
    for expr in [
        "$.Ж",
        "$['Ж",
        "$[Ж]",
        "$.Ж\\",
        "$[?(@.Ж == Ж)]",
        "$[?(@.Ж ~ 1)]",
        "$Ж.中",
        "$$Ж",
        "$.a\u{0}b",
        "Ж(",
        "$[(@.lengthЖ)]",
    ] {
        for context in ALL {
            if let Err(e) = check(expr, *context) {
                assert!(expr.is_char_boundary(e.offset()), "{expr:?}: {e}");
            }
        }
    }
}
