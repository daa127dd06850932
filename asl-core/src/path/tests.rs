use super::*;
use PathContext::{Path, PayloadTemplate, ReferencePath, ResultPath};
use SegmentKind::{Index, LengthMinus, RecursiveDescent, Wildcard};

/// The offset and message of the error `expr` gets in `context`.
fn err(expr: &str, context: PathContext) -> (usize, String) {
    match check(expr, context) {
        Ok(()) => panic!("{expr:?} should be invalid as a {context}"),
        Err(e) => (e.offset(), e.message().to_owned()),
    }
}

/// Asserts that each `(expression, context, offset, message)` case is
/// rejected at that offset with that message.
fn assert_errors(cases: &[(&str, PathContext, usize, &str)]) {
    for &(expr, context, offset, message) in cases {
        assert_eq!(
            err(expr, context),
            (offset, message.to_owned()),
            "{expr:?} as {context}"
        );
    }
}

/// Asserts that `expr` is rejected as a reference path at `offset`, because
/// reference paths do not allow `what`.
fn assert_not_in_reference(expr: &str, context: PathContext, offset: usize, what: &str) {
    let message =
        format!("expected a field name or an index: {what} are not allowed in a reference path");
    assert_eq!(
        err(expr, context),
        (offset, message),
        "{expr:?} as {context}"
    );
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

/// Asserts the segment kinds each expression parses to.
fn assert_kinds(cases: &[(&str, Vec<SegmentKind>)]) {
    for (expr, expected) in cases {
        assert_eq!(&kinds(expr), expected, "{expr:?}");
    }
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

fn slice(start: Option<i64>, end: Option<i64>) -> SegmentKind {
    SegmentKind::Slice { start, end }
}

const ALL: &[PathContext] = &PathContext::ALL;
const GENERAL: &[PathContext] = &[Path, PayloadTemplate];
const REFERENCE: &[PathContext] = &[ReferencePath, ResultPath];

// ---- roots ------------------------------------------------------------------

#[test]
fn roots() {
    let cases = [
        ("$", PathRoot::Input),
        ("$$", PathRoot::Context),
        ("$$.Execution.Id", PathRoot::Context),
        ("$order", PathRoot::Variable("order".into())),
        ("$_x1.a", PathRoot::Variable("_x1".into())),
        ("$prénom", PathRoot::Variable("prénom".into())),
    ];
    for (expr, root) in cases {
        assert_eq!(parse(expr).unwrap().root(), &root, "{expr:?}");
    }
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
    let cannot_write = "expected '$': a result path cannot write to";
    assert_errors(&[
        (
            "$$.Execution",
            ResultPath,
            0,
            &format!("{cannot_write} the context object '$$'"),
        ),
        (
            "$variable.foo",
            ResultPath,
            0,
            &format!("{cannot_write} a variable"),
        ),
    ]);
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
    let junk = "expected '.', '[' or the end of the path, found";
    assert_errors(&[
        ("$$23", Path, 2, &format!("{junk} '2'")),
        ("$.a b", Path, 4, &format!("{junk} 'b'")),
        ("$.a]", Path, 3, &format!("{junk} ']'")),
    ]);
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
    assert_kinds(&[
        ("$.store.book", vec![field("store"), field("book")]),
        ("$.&Ж中.𐍆", vec![field("&Ж中"), field("𐍆")]),
        ("$.detail-type", vec![field("detail-type")]),
        ("$.${Table_Key}", vec![field("${Table_Key}")]),
    ]);
    assert_valid("$.&Ж中.𐍆", ALL);
    assert_valid("$.detail-type", ALL);
}

#[test]
fn escapes_in_dot_fields() {
    assert_kinds(&[
        (r"$.store\.book", vec![field("store.book")]),
        (r"$.\stor\e.boo\k", vec![field("store"), field("book")]),
        (r"$.foo.\.bar", vec![field("foo"), field(".bar")]),
        (
            r"$.foo\@bar.baz\[\[.\?pretty",
            vec![field("foo@bar"), field("baz[["), field("?pretty")],
        ),
        (r"$.\*", vec![field("*")]),
    ]);
    assert_valid(r"$.foo\@bar.baz\[\[.\?pretty", ALL);
    assert_errors(&[(r"$.a\", Path, 3, r"expected a character after '\'")]);
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
    assert_kinds(&[
        (
            "$['store']['book']",
            vec![bracket("store"), bracket("book")],
        ),
        ("$[\"a b\"]", vec![bracket("a b")]),
        (r"$['it\'s']", vec![bracket("it's")]),
        ("$[ 'a' ]", vec![bracket("a")]),
        ("$.['a']", vec![bracket("a")]),
    ]);
    assert_valid("$['store'][0]['book']", ALL);
    assert_valid("$['test-batch']['batch_id']", ALL);
    assert_errors(&[
        ("$['a", Path, 2, "expected a closing ' to end this string"),
        (
            "$[\"a\\",
            Path,
            2,
            "expected a closing \" to end this string",
        ),
        ("$['a'", Path, 5, "expected ']'"),
    ]);
}

// ---- indexes, slices, unions ---------------------------------------------------

#[test]
fn indexes() {
    assert_kinds(&[
        (
            "$.a[0][22][315]",
            vec![field("a"), Index(0), Index(22), Index(315)],
        ),
        ("$.[0]", vec![Index(0)]),
        ("$.a[-2]", vec![field("a"), Index(-2)]),
    ]);
    assert_valid("$.ledgers[0][22][315].foo", ALL);
    assert_valid("$.book[-2]", GENERAL);
    assert_errors(&[
        (
            "$.book[-2]",
            ReferencePath,
            7,
            "expected an index of 0 or more: negative indexes are not allowed in a reference path",
        ),
        (
            "$[99999999999999999999]",
            Path,
            2,
            "expected a smaller index: this one is out of range",
        ),
        ("$[-]", Path, 3, "expected a digit"),
        ("$[1 2]", Path, 4, "expected ']'"),
    ]);
}

#[test]
fn slices() {
    assert_kinds(&[
        ("$[0:2]", vec![slice(Some(0), Some(2))]),
        ("$[1:]", vec![slice(Some(1), None)]),
        ("$[:2]", vec![slice(None, Some(2))]),
        ("$[-2:]", vec![slice(Some(-2), None)]),
    ]);
    assert_valid("$.book[1:2]", GENERAL);
    assert_not_in_reference("$.book[1:2]", ReferencePath, 6, "slices '[a:b]'");
    assert_errors(&[("$[:]", Path, 3, "expected a slice bound")]);
}

#[test]
fn unions() {
    assert_kinds(&[
        ("$[0,1,-2]", vec![SegmentKind::IndexUnion(vec![0, 1, -2])]),
        ("$[0, 1]", vec![SegmentKind::IndexUnion(vec![0, 1])]),
        (
            "$['a', \"b\"]",
            vec![SegmentKind::FieldUnion(vec!["a".into(), "b".into()])],
        ),
    ]);
    assert_valid("$.[*].['bucket', 'key']", GENERAL);
    assert_not_in_reference("$.b[0,1]", ReferencePath, 3, "unions '[a,b]'");
    assert_not_in_reference("$['a','b']", ResultPath, 1, "unions '[a,b]'");
    assert_errors(&[
        ("$['a', 1]", Path, 7, "expected a quoted name after ','"),
        ("$[0,'a']", Path, 4, "expected a digit"),
    ]);
}

#[test]
fn bracket_contents() {
    let message = "expected a quoted name, an index, a slice, '*' or a filter '?(...)' after '['";
    for expr in ["$[]", "$[abc]", "$["] {
        assert_eq!(err(expr, Path), (2, message.into()), "{expr:?}");
    }
}

// ---- wildcards, descent, scripts, functions -------------------------------------

#[test]
fn wildcards() {
    assert_kinds(&[
        ("$.store.*", vec![field("store"), Wildcard]),
        ("$[*][*]", vec![Wildcard, Wildcard]),
        ("$.a*", vec![field("a*")]),
    ]);
    assert_valid("$.store.book[*].author", GENERAL);
    assert_not_in_reference("$.store.*", ReferencePath, 8, "wildcards '*'");
    assert_not_in_reference("$.store[*]", ResultPath, 7, "wildcards '*'");
}

#[test]
fn recursive_descent() {
    assert_kinds(&[
        ("$..author", vec![RecursiveDescent, field("author")]),
        ("$..*", vec![RecursiveDescent, Wildcard]),
        ("$..[0]", vec![RecursiveDescent, Index(0)]),
        (
            "$.store..price",
            vec![field("store"), RecursiveDescent, field("price")],
        ),
    ]);
    assert_valid("$..book[2]", GENERAL);
    assert_not_in_reference("$..director", ReferencePath, 1, "recursive descents '..'");
    let message = "expected a field name, '*' or '[' after '..'";
    assert_errors(&[("$..", Path, 3, message), ("$...", Path, 3, message)]);
}

#[test]
fn script_indexes() {
    assert_kinds(&[
        ("$[(@.length-1)].bar", vec![LengthMinus(1), field("bar")]),
        ("$[( @.length - 2 )]", vec![LengthMinus(2)]),
    ]);
    assert_not_in_reference(
        "$[(@.length-1)].bar",
        ReferencePath,
        1,
        "script expressions '[(...)]'",
    );
    let message = "expected a script index of the form '(@.length-N)'";
    assert_errors(&[
        ("$[(@.size-1)]", Path, 3, message),
        ("$[(@.length+1)]", Path, 11, message),
        ("$[(@.length-x)]", Path, 12, message),
        ("$[(@.length-1]", Path, 13, "expected ')'"),
        (
            "$[(@.length-99999999999999999999)]",
            Path,
            12,
            "expected a smaller number: this one is out of range",
        ),
    ]);
}

#[test]
fn functions() {
    assert_kinds(&[(
        "$.books.length()",
        vec![field("books"), SegmentKind::Function("length".into())],
    )]);
    assert_valid("$.a.max()", GENERAL);
    assert_not_in_reference(
        "$.books.length()",
        ReferencePath,
        8,
        "functions such as 'length()'",
    );
    assert_errors(&[
        (
            "$.a.length().b",
            Path,
            12,
            "expected the end of the path after a path function such as 'length()'",
        ),
        ("$.a.length(1)", Path, 11, "expected ')': path functions take no arguments"),
        (
            "$.a.size()",
            Path,
            4,
            "expected a path function (min(), max(), avg(), stddev(), length(), sum(), keys(), first(), last()), found 'size()'",
        ),
    ]);
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
    use CompareOp::{Eq, Ge, Gt, Le, Lt, Ne};
    use FilterOperand::{Boolean, Null, Number, Word};
    let cases = [
        ("$.m[?(@.year == 1992)]", Eq, Number("1992".into())),
        ("$.m[?(@.year != 1992)]", Ne, Number("1992".into())),
        ("$.m[?(@.year >= 1992)]", Ge, Number("1992".into())),
        ("$.m[?(@.price < -10)]", Lt, Number("-10".into())),
        ("$.m[?(@.price <= 2.5)]", Le, Number("2.5".into())),
        ("$.m[?(@.n > 1e3)]", Gt, Number("1e3".into())),
        (
            "$[?(@.Name == 'Cat')]",
            Eq,
            FilterOperand::String("Cat".into()),
        ),
        ("$[?(@.key1 == pass)]", Eq, Word("pass".into())),
        ("$[?(@.T==es)]", Eq, Word("es".into())),
        ("$[?(@.ok == true)]", Eq, Boolean(true)),
        ("$[?(@.ok == false)]", Eq, Boolean(false)),
        ("$[?(@.ok == null)]", Eq, Null),
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
    let message = "expected '.name': bracket notation is not supported inside a filter expression";
    assert_errors(&[
        ("$.book[?(@.price <= $['expensive'])]", Path, 21, message),
        ("$[?(@['a'])]", Path, 5, message),
    ]);
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
    assert_errors(&[
        ("$[?((@.a)]", Path, 9, "expected ')' to close the filter"),
        ("$[?((@.a == 1 ]", Path, 14, "expected ')'"),
    ]);
}

#[test]
fn filter_errors() {
    let operator =
        "expected a comparison operator ('==', '!=', '<', '<=', '>', '>='), '&&', '||' or ')'";
    let regex = "expected a comparison operator: regular-expression matching '=~' is not supported";
    let bare = "expected a path starting with '@' or '$' in a filter without a comparison";
    let operand = "expected a path starting with '@' or '$', or a literal value";
    assert_errors(&[
        ("$[?@.a]", Path, 3, "expected '(' after '?'"),
        ("$[?(@.a]", Path, 7, operator),
        (
            "$[?(@.a == 1]",
            Path,
            12,
            "expected ')' to close the filter",
        ),
        ("$[?(@.a == 1)", Path, 13, "expected ']'"),
        ("$.book[?(@.author =~ /.*REES/i)]", Path, 18, regex),
        ("$[?(@.a = 1)]", Path, 8, operator),
        ("$[?(1)]", Path, 4, bare),
        ("$[?()]", Path, 4, operand),
        ("$[?(pass == @.a)]", Path, 4, operand),
        ("$[?(@.a == )]", Path, 11, operand),
        ("$[?(@. == 1)]", Path, 6, "expected a field name after '.'"),
        ("$[?(@.a == 1.)]", Path, 13, "expected a digit after '.'"),
        (
            "$[?(@.a == 1e)]",
            Path,
            13,
            "expected a digit in the exponent",
        ),
        ("$[?(@.a == -x)]", Path, 12, "expected a digit"),
        (
            "$[?(@.a == 'x)]",
            Path,
            11,
            "expected a closing ' to end this string",
        ),
    ]);
}

#[test]
fn filter_nesting_is_bounded() {
    let ok = format!("$[?({}@.a{})]", "(".repeat(32), ")".repeat(32));
    assert_valid(&ok, GENERAL);
    let too_deep = format!("$[?({}@.a{})]", "(".repeat(33), ")".repeat(33));
    assert_errors(&[(
        &too_deep,
        Path,
        36,
        "expected at most 32 nested parentheses in a filter",
    )]);
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
    for expr in [
        "$",
        "$$",
        "$var.items[*]",
        "States.UUID()",
        "States.JsonToString($)    ",
    ] {
        assert_valid(expr, &[PayloadTemplate]);
    }
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
    assert_errors(&[
        (
            "States.MathAdd('-1', 'abc')",
            PayloadTemplate,
            15,
            "expected a number as argument 1 of States.MathAdd, but found a string",
        ),
        (
            "States. ",
            PayloadTemplate,
            6,
            "expected '(' after 'States'",
        ),
        (
            "States.StringToJson $.a)",
            PayloadTemplate,
            19,
            "expected '(' after 'States.StringToJson'",
        ),
        (
            "States.JsonToString($",
            PayloadTemplate,
            21,
            "expected ',' or ')' after an argument",
        ),
        (
            "$.a(",
            PayloadTemplate,
            4,
            "expected ')': path functions take no arguments",
        ),
    ]);
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
