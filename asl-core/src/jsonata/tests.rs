//! Unit tests for the JSONata parser. The expected verdicts were checked
//! against jsonata-js 2.2 (`jsonata(expr)` compiles or throws).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::*;

#[track_caller]
fn ok(expr: &str) -> Expr {
    match parse(expr) {
        Ok(tree) => tree,
        Err(err) => panic!("expected {expr:?} to parse, got: {err}"),
    }
}

#[track_caller]
fn err(expr: &str) -> JsonataError {
    match parse(expr) {
        Ok(tree) => panic!("expected {expr:?} to fail, got {tree:?}"),
        Err(err) => {
            assert!(
                err.offset() <= expr.len(),
                "offset out of range for {expr:?}: {err:?}"
            );
            assert!(
                expr.is_char_boundary(err.offset()),
                "offset not on a char boundary: {err:?}"
            );
            err
        }
    }
}

#[track_caller]
fn err_code(expr: &str, code: Option<&str>) -> JsonataError {
    let e = err(expr);
    assert_eq!(e.code(), code, "code for {expr:?}: {e}");
    e
}

#[track_caller]
fn err_msg(expr: &str, offset: usize, message: &str) {
    let e = err(expr);
    assert_eq!((e.offset(), e.message()), (offset, message), "for {expr:?}");
}

/// Asserts that each `(expression, offset, message)` case fails at that
/// offset with that message.
#[track_caller]
fn err_msgs(cases: &[(&str, usize, &str)]) {
    for &(expr, offset, message) in cases {
        err_msg(expr, offset, message);
    }
}

/// Asserts that each `(expression, code)` case fails with that error code.
#[track_caller]
fn err_codes(cases: &[(&str, &str)]) {
    for &(expr, code) in cases {
        err_code(expr, Some(code));
    }
}

// ---------------------------------------------------------------- delimiters

#[test]
fn strip_delimiters_follows_the_aws_rule() {
    assert_eq!(strip_delimiters("{% 1 %}"), Some(" 1 "));
    assert_eq!(strip_delimiters("{%1%}"), Some("1"));
    assert_eq!(strip_delimiters("{%%}"), Some(""));
    assert_eq!(strip_delimiters("{%\n  $x\n%}"), Some("\n  $x\n"));
    assert_eq!(strip_delimiters("{%}"), None);
    assert_eq!(strip_delimiters("{%"), None);
    assert_eq!(strip_delimiters("%}"), None);
    assert_eq!(strip_delimiters(""), None);
    assert_eq!(strip_delimiters("{% 10 %"), None);
    assert_eq!(strip_delimiters("10 %}"), None);
    assert_eq!(strip_delimiters(" {% 1 %}"), None);
    assert_eq!(strip_delimiters("{% 1 %} "), None);
    assert_eq!(strip_delimiters("x{% 1 %}"), None);
    assert_eq!(strip_delimiters("{% 'é' %}"), Some(" 'é' "));
}

#[test]
fn empty_expression_is_an_error() {
    err_code("", Some("S0207"));
    err_code("   ", Some("S0207"));
    err_code("/* only a comment */", Some("S0207"));
}

// ---------------------------------------------------------------- valid forms

#[test]
fn every_syntactic_form_parses() {
    let valid = [
        // literals
        "1",
        "0",
        "-1",
        "3.14",
        "1e3",
        "1E-3",
        "2.5e+10",
        "'single'",
        "\"double\"",
        r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00""#,
        "\"it's\"",
        "true",
        "false",
        "null",
        // names and variables
        "Account",
        "`Product Name`",
        "`a.b`.c",
        "$",
        "$$",
        "$x",
        "$states.input",
        "$states.context.Execution.Id",
        "$$.Execution.Input",
        "$.x",
        "$.store.book",
        "'quoted'.step",
        "and",
        "or.in",
        "a.and.b",
        "é.ü",
        "名前",
        // operators
        "1 + 2 - 3 * 4 / 5 % 6",
        "a = b",
        "a != b",
        "a < b and b <= c or c > d and d >= e",
        "'a' & 'b'",
        "x in [1, 2]",
        "-x",
        "--x",
        "- -1",
        "-(1)",
        "a ? b : c",
        "a ? b",
        "a ? b ? c : d : e",
        "a ?? b",
        "a ?: b",
        "a ?? b ?? c",
        "$x := 1",
        "$x := $y := 2",
        "$s ~> $uppercase",
        "$s ~> $substringAfter('a') ~> $trim()",
        // paths, predicates, wildcards
        "a.b.c",
        "a[0]",
        "a[-1]",
        "a[0][1]",
        "a[b = 'x'].c",
        "a[]",
        "a[][0]",
        "a[0][]",
        "a.b[].c",
        "*",
        "a.*",
        "*.b",
        "**",
        "a.**.b",
        "a.%.b",
        "a.b.%.%.c",
        "Account.Order.Product.{'p': %.OrderID}",
        "a@$v.b",
        "a@$v.b@$w.c[$v.x = $w.y]",
        "a#$i.b",
        "a#$i[$i > 1]",
        "a{'k': b}",
        "a.b{c: d}",
        "a{b: $sum(c)}",
        "a^(b)",
        "a^(<b, >c)",
        "a^(>b).c",
        "a.b^(c)[0]",
        // constructors
        "[]",
        "[1, 2, 3]",
        "[1..5]",
        "[1..5, 7, 9..10]",
        "[$x..$y]",
        "[[1], [2]]",
        "{}",
        "{'a': 1, \"b\": [1], c: {d: 2}}",
        "{a: 1}.a",
        "[1, 2].$string()",
        // blocks
        "()",
        "(1)",
        "(1;)",
        "(1; 2; 3)",
        "($x := 1; $y := 2; $x + $y)",
        // functions
        "$f()",
        "$sum(a)",
        "$substring(s, 0, 2)",
        "$f(?)",
        "$substring(?, 0, 2)",
        "$f(?, ?)",
        "a.$uppercase()",
        "$x.f(1)",
        "(function($x) { $x * 2 })(21)",
        "function($x) { $x }",
        "function() { 1 }",
        "function($x, $y) { $x + $y }",
        "λ($x) { $x }",
        "`function`($x) { $x }",
        "function($x[]) { $x }",
        "function($x)<n:n>{ $x }",
        "function($x, $y)<n-n?:n>{ $x }",
        "function($f)<f<n:n>:n>{ $f(1) }",
        "function($a)<a<n>:a<n>>{ $a }",
        "function($x)<(sn)>{ $x }",
        "function($x)<x+>{ $x }",
        "function($x)<j?>{ $x }",
        "$map([1,2], function($v, $i) { $v * $i })",
        // transform
        "| a | {'b': 1} |",
        "| a | {'b': 1}, ['c'] |",
        "$ ~> | a.b | {'c': true} |",
        // regular expressions
        "/a/",
        "/a/i",
        "/a/m",
        "/a/im",
        "$match(s, /a+b?/)",
        "$replace(s, /(\\d+)/, '$1')",
        "$split(s, /[,;]\\s*/)",
        "$contains(s, /^[a-z]{2,3}$/i)",
        "s ~> /x/",
        "s ~> $match(/x/)",
        "a[$contains(b, /c/)]",
        "$x := /a/",
        "true ? /a/ : /b/",
        "{'re': /a/}",
        "$match(s, /\\//)",
        "$match(s, /[/]/)",
        "$match(s, /(?<year>\\d{4})-\\k<year>/)",
        "$match(s, /(?<y>\\d{4})|(?<y>\\d{2})/)",
        "$match(s, /(?i:a)b/)",
        "$match(s, /(?=a)*b/)",
        "$match(s, /a{,3}/)",
        "$match(s, /\\]/)",
        "$match(s, /\\u{41}/)",
        // division (operator position)
        "a / b",
        "4/2",
        "(4)/2",
        "a[0]/2",
        "$f(1)/2",
        "{'a':1}.a/2",
        // comments and whitespace
        "/* c */ 1",
        "1 /* c */ + /* d */ 2",
        "1 /**/",
        "\t1\n+\r2\u{b}",
        "(\n  $a := 1; /* note */\n  $a\n)",
    ];
    for expr in valid {
        ok(expr);
        assert!(check(expr).is_ok());
    }
}

#[test]
fn corpus_style_expressions_parse() {
    let valid = [
        "$states.input.data.items",
        "$sum($states.input.numbers)",
        "$match($states.input.data.identity.email, /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$/) and \
         $match($states.input.data.identity.ssn, /^(\\d{3}-?\\d{2}-?\\d{4}|XXX-XX-XXXX)$/)",
        "$not(null in $each($states.input.data.address, function($v) { $length($trim($v)) > 0 ? $v : null }))",
        "($e := $inputPayload.data.identity.email; $n := $inputPayload.data.firstname & ' ' & \
         $inputPayload.data.lastname; $inputPayload.data.interests[category = 'home']{'customer': $n, \
         'email': $e, 'totalAssetValue': $sum(estimatedValue), category: {type: yearBuilt}})",
        "$round($random() * 10)",
        "$states.result.Payload.body ~> $parse()",
        "$partition($states.input.items, 2)",
        "$hash($states.input.s, 'SHA-256')",
        "$uuid()",
        "{'statusCode': 200, 'body': $string($states.result)}",
        "$count($states.input.orders[status = 'OPEN']) > 0",
        "$states.input.items.{'id': id, 'total': price * quantity}",
    ];
    for expr in valid {
        ok(expr);
    }
}

// ---------------------------------------------------------------- tree shape

/// The operator and operands of `expr`, which must parse to a binary operation.
#[track_caller]
fn binary(expr: &str) -> (BinaryOp, Expr, Expr) {
    match ok(expr) {
        Expr::Binary { op, lhs, rhs, .. } => (op, *lhs, *rhs),
        other => panic!("expected {expr:?} to be a binary operation, got {other:?}"),
    }
}

/// The operator of `expr` if it is a binary operation.
fn binary_op(expr: &Expr) -> Option<BinaryOp> {
    match expr {
        Expr::Binary { op, .. } => Some(*op),
        _ => None,
    }
}

#[test]
fn precedence_and_associativity() {
    let (op, _, rhs) = binary("1 + 2 * 3");
    assert_eq!(op, BinaryOp::Add);
    assert_eq!(binary_op(&rhs), Some(BinaryOp::Multiply));

    let (op, lhs, _) = binary("1 - 2 - 3");
    assert_eq!(op, BinaryOp::Subtract);
    assert_eq!(binary_op(&lhs), Some(BinaryOp::Subtract));

    assert_eq!(binary("a and b or c").0, BinaryOp::Or);

    // `.` binds tighter than arithmetic; `[` tighter than `.`.
    let (_, lhs, _) = binary("a.b + 1");
    assert!(matches!(lhs, Expr::Path { .. }));
    let Expr::Path { rhs, .. } = ok("a.b[0]") else {
        panic!()
    };
    assert!(matches!(*rhs, Expr::Filter { .. }));

    // `:=` is right-associative and binds loosest.
    let Expr::Bind { name, value, .. } = ok("$a := $b := 1 + 2") else {
        panic!()
    };
    assert_eq!(name, "a");
    assert!(matches!(*value, Expr::Bind { .. }));

    // `??` and `?:` take everything on their right.
    let (op, _, rhs) = binary("a ?? b + c");
    assert_eq!(op, BinaryOp::Coalesce);
    assert_eq!(binary_op(&rhs), Some(BinaryOp::Add));

    // `a.b{...}` groups the whole path.
    let Expr::Group { lhs, pairs, .. } = ok("a.b{c: d}") else {
        panic!()
    };
    assert!(matches!(*lhs, Expr::Path { .. }));
    assert_eq!(pairs.len(), 1);

    // Unary minus binds tighter than `*` but looser than `.`.
    let (_, lhs, _) = binary("-a.b * 2");
    let Expr::Negate { operand, .. } = lhs else {
        panic!()
    };
    assert!(matches!(*operand, Expr::Path { .. }));
}

#[test]
fn literal_values_are_decoded() {
    assert!(matches!(ok("2.5e1"), Expr::Number { value, .. } if value == 25.0));
    let Expr::String { value, span } = ok(r#""a\"b\u00e9\uD83D\uDE00\n""#) else {
        panic!()
    };
    assert_eq!(value, "a\"bé😀\n");
    assert_eq!(span, Span::new(0, 26));
    assert!(matches!(ok("'x'"), Expr::String { value, .. } if value == "x"));
    assert!(matches!(ok("true"), Expr::Bool { value: true, .. }));
    assert!(matches!(ok("null"), Expr::Null { .. }));
    let Expr::Name { name, quoted, span } = ok("`a b`") else {
        panic!()
    };
    assert_eq!(
        (name.as_str(), quoted, span),
        ("a b", true, Span::new(0, 5))
    );
    assert!(matches!(ok("$"), Expr::Variable { name, .. } if name.is_empty()));
    assert!(matches!(ok("$$"), Expr::Variable { name, .. } if name == "$"));
    let Expr::Regex { pattern, flags, .. } = ok("/a\\/b/im") else {
        panic!()
    };
    assert_eq!((pattern.as_str(), flags.as_str()), ("a\\/b", "im"));
    assert!(matches!(ok("in"), Expr::Name { name, .. } if name == "in"));
}

#[test]
fn constructors_blocks_and_ranges() {
    let Expr::Array { items, span } = ok("[1..3, 5]") else {
        panic!()
    };
    assert_eq!(span, Span::new(0, 9));
    assert!(matches!(items[0], Expr::Range { .. }));
    assert!(matches!(items[1], Expr::Number { .. }));

    let Expr::Object { pairs, .. } = ok("{'a': 1, b: 2}") else {
        panic!()
    };
    assert_eq!(pairs.len(), 2);
    assert!(matches!(pairs[1].0, Expr::Name { .. }));

    let Expr::Block { exprs, .. } = ok("(1; 2;)") else {
        panic!()
    };
    assert_eq!(exprs.len(), 2);
    let Expr::Block { exprs, .. } = ok("()") else {
        panic!()
    };
    assert!(exprs.is_empty());
}

#[test]
fn keep_array_wraps_the_innermost_step() {
    let Expr::Filter { lhs, .. } = ok("a[0][]") else {
        panic!()
    };
    assert!(matches!(*lhs, Expr::KeepArray { .. }));
    let Expr::Filter { lhs, .. } = ok("a[][0]") else {
        panic!()
    };
    assert!(matches!(*lhs, Expr::KeepArray { .. }));
    // Repeated markers do not nest.
    let Expr::KeepArray { operand, .. } = ok("a[][][]") else {
        panic!()
    };
    assert!(matches!(*operand, Expr::Name { .. }));
}

#[test]
fn calls_partials_and_lambdas() {
    let Expr::Call { callee, args, span } = ok("$substring(?, 0, 2)") else {
        panic!()
    };
    assert!(matches!(*callee, Expr::Variable { ref name, .. } if name == "substring"));
    assert!(matches!(args[0], Expr::Placeholder { .. }));
    assert_eq!(span, Span::new(0, 19));

    let Expr::Lambda {
        params,
        signature,
        body,
        span,
    } = ok("function($x, $y)<nn:n>{ $x + $y }")
    else {
        panic!()
    };
    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["x", "y"]);
    assert_eq!(params[1].span, Span::new(13, 15));
    assert_eq!(signature, Some(("<nn:n>".to_owned(), Span::new(16, 22))));
    assert!(matches!(*body, Expr::Binary { .. }));
    assert_eq!(span, Span::new(0, 33));

    assert!(matches!(ok("λ($x){1}"), Expr::Lambda { .. }));
    // Calling a lambda immediately.
    let Expr::Call { callee, .. } = ok("function($x){$x}(1)") else {
        panic!()
    };
    assert!(matches!(*callee, Expr::Lambda { .. }));
}

#[test]
fn sort_focus_index_and_transform() {
    let Expr::Sort { terms, .. } = ok("a^(<b, >c, d)") else {
        panic!()
    };
    let order: Vec<bool> = terms.iter().map(|t| t.descending).collect();
    assert_eq!(order, [false, true, false]);

    let Expr::Path { lhs, .. } = ok("a@$v.b") else {
        panic!()
    };
    let Expr::Focus {
        name, name_span, ..
    } = *lhs
    else {
        panic!()
    };
    assert_eq!((name.as_str(), name_span), ("v", Span::new(2, 4)));

    assert!(matches!(ok("a#$i"), Expr::Index { ref name, .. } if name == "i"));

    let Expr::Transform { delete, .. } = ok("| a | {'b': 1}, ['c'] |") else {
        panic!()
    };
    assert!(delete.is_some());
}

#[test]
fn spans_cover_the_source() {
    let src = "  $sum(a.b)  ";
    let tree = ok(src);
    assert_eq!(tree.span(), Span::new(2, 11));
    assert_eq!(tree.offset(), 2);
    let Expr::Call { args, .. } = &tree else {
        panic!()
    };
    assert_eq!(args[0].span(), Span::new(7, 10));
    assert_eq!(&src[args[0].span().start..args[0].span().end], "a.b");
}

#[test]
fn walk_and_children_visit_every_node() {
    let tree = ok("$f(a.b, [1, 2])");
    let mut count = 0;
    tree.walk(|_| count += 1);
    // call, $f, path, a, b, array, 1, 2
    assert_eq!(count, 8);
    assert_eq!(tree.children().len(), 3);
}

// ---------------------------------------------------------------- analysis

#[test]
fn variables_lists_reads_with_offsets() {
    let tree = ok("$states.input.x + $count($items) + $");
    let vars = tree.variables();
    let seen: Vec<(&str, usize)> = vars.iter().map(|v| (v.name, v.span.start)).collect();
    assert_eq!(seen, [("states", 0), ("items", 25), ("", 35)]);
    assert!(vars.iter().all(|v| !v.locally_bound));
}

#[test]
fn variables_knows_local_bindings() {
    let src = "($a := 1; $f := function($p) { $p + $a + $q }; $f($a) + $b + $$.x)";
    let tree = ok(src);
    let vars = tree.variables();
    let seen: Vec<(&str, bool)> = vars.iter().map(|v| (v.name, v.locally_bound)).collect();
    assert_eq!(
        seen,
        [
            ("p", true),
            ("a", true),
            ("q", false),
            ("a", true),
            ("b", false),
            ("$", false)
        ]
    );

    // A binding inside a nested block does not leak out.
    let tree = ok("(($x := 1); $x)");
    let vars = tree.variables();
    assert_eq!(vars.len(), 1);
    assert!(!vars[0].locally_bound);

    // Focus and index bindings count.
    let tree = ok("a@$o.b#$i[$i > 0].{'o': $o}");
    let vars = tree.variables();
    assert!(vars.iter().all(|v| v.locally_bound), "{vars:?}");
}

#[test]
fn function_calls_lists_named_calls() {
    let src = "$join($map(a, $string), ', ') ~> $trim ~> $f(?) ~> $substring(1)";
    let tree = ok(src);
    let calls = tree.function_calls();
    let seen: Vec<(&str, usize, Option<usize>, bool)> = calls
        .iter()
        .map(|c| (c.name, c.span.start, c.args, c.partial))
        .collect();
    assert_eq!(
        seen,
        [
            ("join", 0, Some(2), false),
            ("map", 6, Some(2), false),
            ("trim", 33, None, false),
            ("f", 42, Some(1), true),
            ("substring", 51, Some(1), false),
        ]
    );
    // `$string` passed as a value is a variable read, not a call.
    let tree = ok(src);
    let vars = tree.variables();
    assert_eq!(vars.iter().map(|v| v.name).collect::<Vec<_>>(), ["string"]);

    let tree = ok("($g := function($x){$x}; $g(1) + $uuid())");
    let calls = tree.function_calls();
    let seen: Vec<(&str, bool)> = calls.iter().map(|c| (c.name, c.locally_bound)).collect();
    assert_eq!(seen, [("g", true), ("uuid", false)]);

    // Calls through other expressions are not named calls.
    assert!(ok("$obj.f(1)").function_calls().is_empty());
}

// ---------------------------------------------------------------- errors

#[test]
fn mismatched_brackets() {
    let end = "found end of expression";
    err_msgs(&[
        (
            "$sum(1",
            6,
            &format!("expected ')' to close '(' at 4, {end}"),
        ),
        ("$sum(1]", 6, "expected ')' to close '(' at 4, found ']'"),
        ("(1", 2, &format!("expected ')' to close '(' at 0, {end}")),
        ("(1 2)", 3, "expected ')' to close '(' at 0, found '2'"),
        (
            "[1, 2",
            5,
            &format!("expected ']' to close '[' at 0, {end}"),
        ),
        ("a[0", 3, &format!("expected ']' to close '[' at 1, {end}")),
        (
            "{'a': 1",
            7,
            &format!("expected '}}' to close '{{' at 0, {end}"),
        ),
        ("{'a' 1}", 5, "expected ':' after an object key, found '1'"),
        (
            "| a | b",
            7,
            &format!("expected '|' to close '|' at 0, {end}"),
        ),
        (
            "| a",
            3,
            &format!("expected '|' after the transform pattern, {end}"),
        ),
        ("a^b", 2, "expected '(' after '^', found 'b'"),
        ("a^(b", 4, &format!("expected ')' to close '(' at 2, {end}")),
        (
            "function($x) $x",
            13,
            "expected '{' after the function parameters, found '$x'",
        ),
        (
            "function($x){$x",
            15,
            &format!("expected '}}' to close '{{' at 12, {end}"),
        ),
        (
            "1)",
            1,
            "unexpected ')': expected an operator or the end of the expression",
        ),
    ]);
    err_codes(&[("(1))", "S0201"), ("$sum(1", "S0203"), ("$sum(1]", "S0202")]);
}

#[test]
fn dangling_and_misplaced_operators() {
    err_msgs(&[
        (
            "1 +",
            3,
            "unexpected end of expression: expected an operand",
        ),
        ("+ 1", 0, "expected an operand, found '+'"),
        (
            "1 := 2",
            0,
            "expected a variable such as $x on the left of ':='",
        ),
        ("a@b", 2, "expected a variable such as $x after '@'"),
        ("a ! b", 2, "unknown operator '!': expected '!='"),
    ]);
    err_codes(&[
        ("1 +", "S0207"),
        ("+ 1", "S0211"),
        ("1 + + 2", "S0211"),
        ("a.", "S0207"),
        (".a", "S0211"),
        ("a..b", "S0201"),
        ("(1..2)", "S0202"),
        ("[1,]", "S0211"),
        ("(;)", "S0211"),
        ("a ? : b", "S0211"),
        ("1 2", "S0201"),
        ("a b", "S0201"),
        ("10 + * 2", "S0201"),
        ("$x :=", "S0207"),
        ("a.b := 2", "S0212"),
        ("a#1", "S0214"),
        ("a ~ b", "S0204"),
        ("$f(??)", "S0211"),
        ("?", "S0211"),
    ]);
}

#[test]
fn jsonpath_is_not_jsonata() {
    // `$.x` is valid JSONata (the context `$`, then the field `x`) …
    ok("$.x");
    ok("$.store.book[0].title");
    ok("$$.Execution.Id");
    // … but JSONPath filters, recursive descent and slices are not.
    let e = err_code("$.store.book[?(@.price < 10)].title", Some("S0211"));
    assert_eq!(e.offset(), 13);
    assert!(e
        .message()
        .starts_with("expected an operand, found '?' (JSONPath filters"));
    err_codes(&[
        ("$..book", "S0201"),
        ("$.book[0:2]", "S0202"),
        ("$.book[-1:]", "S0202"),
    ]);
    // These two happen to be JSONata too (a wildcard and a string predicate).
    ok("$.book[*]");
    ok("$['store']");
}

#[test]
fn lexical_errors() {
    err_msgs(&[
        (
            "'abc",
            0,
            "unterminated string literal: expected a closing ' to match the one at 0",
        ),
        (
            "'\\u12'",
            1,
            "invalid escape sequence: expected 4 hex digits after '\\u'",
        ),
        (
            "1 /* note",
            2,
            "unterminated comment: expected '*/' to close '/*' at 2",
        ),
    ]);
    err_codes(&[
        ("\"abc", "S0101"),
        ("'a\\qb'", "S0103"),
        (r"'it\'s'", "S0103"), // JSON escapes only: no \'
        ("'a\\", "S0103"),
        ("'\\u12G4'", "S0104"),
        ("`abc", "S0105"),
        ("/*/", "S0106"),
        ("1e400", "S0102"),
        ("01", "S0201"),
        ("1.", "S0207"),
    ]);
    ok(r#""it's""#);
}

#[test]
fn regex_versus_division() {
    // Operand position: a regular expression.
    ok("/ab/");
    ok("$match(x, /a/)");
    ok("x ~> /a/");
    // Operator position: division.
    assert_eq!(binary("a / b / c").0, BinaryOp::Divide);
    err_codes(&[
        // jsonata-js reads the token after a prefix `(`, `[`, `{` or `-` in
        // operator position, so a regex cannot start there.
        ("(/a/)", "S0211"),
        ("[/a/]", "S0211"),
        ("-/a/", "S0211"),
        // … and after `[]`, `^(…)` and a lambda body, in operand position.
        ("a[]/2/", "S0201"),
        ("a^(b)/2", "S0302"),
        ("function($x){$x}/2/", "S0201"),
    ]);
}

#[test]
fn regex_errors() {
    err_msgs(&[(
        "$match(s, /abc)",
        10,
        "unterminated regular expression: expected a closing '/' to match the one at 10",
    )]);
    err_codes(&[
        ("//", "S0301"),
        ("/(a/", "S0302"), // the bracket depth hides the closing slash
        ("/[)]/", "S0302"),
        ("/]/", "S0302"), // so is an unbalanced literal bracket
        ("/a{/", "S0302"),
    ]);
    err_code("/a/ii", None);
    let bad = [
        ("/+/", "nothing to repeat"),
        ("/a**/", "nothing to repeat"),
        ("/a{1}{2}/", "nothing to repeat"),
        ("/^*/", "nothing to repeat"),
        ("/(?<=a)?/", "nothing to repeat"),
        ("/{1}/", "nothing to repeat"),
        ("/a{3,1}/", "numbers out of order in {} quantifier"),
        ("/[z-a]/", "range out of order in character class"),
        ("/[(])/", "unmatched ')'"),
        ("/(]/", "unterminated group"),
        ("/(?x)/", "invalid group"),
        ("/(?<1a>x)/", "invalid capture group name"),
        ("/(?<n>a)\\k<m>/", "invalid named capture referenced"),
        ("/(?<n>a)\\k/", "invalid named reference"),
        ("/(?<n>a)(?<n>b)/", "duplicate capture group name"),
        ("/(?ii:a)/", "repeated flag in modifiers group"),
    ];
    for (src, problem) in bad {
        let e = err_code(src, None);
        assert_eq!(e.offset(), 0);
        assert!(e.message().ends_with(problem), "{src}: {e}");
    }
    // Annex B leniency.
    for src in [
        "/a{x}/",
        "/x{,3}/",
        "/\\k/",
        "/\\c/",
        "/[\\d-z]/",
        "/\\8/",
        "/\\u{1F600}/",
        "/(?=a)+/",
    ] {
        ok(src);
    }
}

#[test]
fn post_parse_checks() {
    err_msgs(&[(
        "a.1",
        2,
        "a number, true, false or null cannot be a step in a path; quote a field name with backticks",
    )]);
    err_codes(&[
        ("a.true", "S0213"),
        ("a.null.b", "S0213"),
        ("1.a", "S0213"),
        ("a.-1", "S0213"),
        ("$x{'a': 1}[0]", "S0209"),
        ("*{'a': 1}[0]", "S0209"),
        ("a{'a': 1}{'b': 2}", "S0210"),
        ("a.b{'x': 1}.c{'y': 2}", "S0210"),
        ("a[0]@$x", "S0215"),
        ("$x[0]@$y", "S0215"),
        ("a^(b)@$x", "S0216"),
        ("%", "S0217"),
        ("%.a", "S0217"),
        ("a.%.%", "S0217"),
        ("(a.b)[%.c]", "S0217"),
        ("$x.%", "S0217"),
        ("a.(%.%)", "S0217"),
    ]);
    for expr in [
        "a.'b'",
        "a.(1)",
        "a.[1]",
        "a{'a': 1}[0]",
        "a#$i[0]",
        "a.%",
        "a[%.b]",
        "a.b.%.%",
        "a.(%.x ~> $f)",
        "a.b@$x.c@$y.%.%",
        "a.{'x': %.y}",
    ] {
        ok(expr);
    }
}

#[test]
fn lambda_and_signature_errors() {
    err_msgs(&[(
        "function(1){1}",
        9,
        "parameter 1 of a function definition must be a variable such as $x",
    )]);
    err_codes(&[
        ("function($x, a){1}", "S0208"),
        ("function(?){1}", "S0208"),
        ("function($x.y){1}", "S0208"),
        ("function($x)<q<n>>{1}", "S0401"),
        ("function($x)<(s<n>)>{1}", "S0402"),
        ("function($x)<n:n{1}", "S0202"),
        ("function($x)<n:n", "S0203"),
    ]);
    let e = err_code("function($x)<n???>{1}", None);
    assert_eq!(e.offset(), 12);
    assert!(e.message().starts_with("invalid function signature"));
    err_code("function($x)<(z-a)>{1}", None);
    ok("function($x)<--->{1}");
}

#[test]
fn errors_display_and_are_std_errors() {
    let e = err("(1");
    assert_eq!(
        e.to_string(),
        "expected ')' to close '(' at 0, found end of expression (at offset 2)"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e.clone());
    assert_eq!(boxed.to_string(), e.to_string());
    assert_eq!(check("(1"), Err(e));
}

#[test]
fn offsets_are_byte_offsets() {
    // `é` is two bytes.
    let e = err("'é' + ");
    assert_eq!(e.offset(), 7);
    let e = err("é.(");
    assert_eq!(e.offset(), 4);
    assert_eq!(
        e.message(),
        "unexpected end of expression: expected an operand"
    );
    let tree = ok("`é` & 'ü'");
    let Expr::Binary { rhs, .. } = tree else {
        panic!()
    };
    assert_eq!(rhs.span(), Span::new(7, 11));
}

// ---------------------------------------------------------------- robustness

/// Runs `f` on a thread with a small stack, like a worker thread would have.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    on_small_stack(|| {
        let n = 100_000;
        for (open, close) in [
            ("(", ")"),
            ("[", "]"),
            ("-", ""),
            ("$f(", ")"),
            ("{'a':", "}"),
            ("a[", "]"),
        ] {
            let src = format!("{}1{}", open.repeat(n), close.repeat(n));
            let e = err(&src);
            assert_eq!(e.code(), None, "{open}");
            assert!(
                e.message().starts_with("expression nested too deeply"),
                "{open}: {e}"
            );
            // Unbalanced: only openers.
            let e = err(&open.repeat(n));
            assert!(
                e.message().starts_with("expression nested too deeply"),
                "{open}: {e}"
            );
        }
        // Long operator chains build deep trees without recursion.
        for op in ["+", ".", " and ", "~>", ":=", "??", " ? 1 : "] {
            let src = format!("$x{}", format!("{op}$x").repeat(n));
            let e = err(&src);
            assert!(
                e.message().starts_with("expression nested too deeply"),
                "{op}: {e}"
            );
        }
        for tail in ["[0]", "@$x.a", "#$i", "{'a': 1}.b", "^(a)"] {
            let src = format!("a{}", tail.repeat(n));
            let e = err(&src);
            assert!(
                e.message().starts_with("expression nested too deeply"),
                "{tail}: {e}"
            );
        }
        let e = err(&"a[]".repeat(n));
        assert!(e.message().starts_with("unexpected"), "{e}");
        err(&"a[][".repeat(n));
    });
}

#[test]
fn nesting_below_the_limit_parses() {
    on_small_stack(|| {
        let n = MAX_DEPTH - 2;
        let src = format!("{}1{}", "(".repeat(n), ")".repeat(n));
        let tree = ok(&src);
        let mut depth = 0;
        tree.walk(|_| depth += 1);
        assert_eq!(depth, n + 1);
        ok(&format!("{}1{}", "[".repeat(n), "]".repeat(n)));
        ok(&format!("{}1", "-".repeat(n)));
        ok(&format!("1{}", "+1".repeat(n)));
        ok(&format!("a{}", ".a".repeat(n)));
        ok(&format!("a{}.%", ".a".repeat(n - 1)));
        ok(&format!("{}1{}", "$f(".repeat(n / 2), ")".repeat(n / 2)));
        // A deep tree drops without trouble as well.
        drop(tree);
    });
}

/// A small deterministic generator (xorshift) for fuzz-style tests.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[track_caller]
fn never_panics(src: &str) {
    match parse(src) {
        Ok(tree) => {
            let _ = tree.variables();
            let _ = tree.function_calls();
        }
        Err(e) => {
            assert!(e.offset() <= src.len(), "{src:?}: {e:?}");
            assert!(src.is_char_boundary(e.offset()), "{src:?}: {e:?}");
            assert!(!e.message().is_empty());
        }
    }
}

#[test]
fn fuzz_random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(24);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        never_panics(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn fuzz_random_characters() {
    let alphabet: Vec<char> = "()[]{}<>.,;:?!~=+-*/%&|^@#$'\"`\\ \t\nabcxyz019eEéλ😀\u{b}\u{0}"
        .chars()
        .collect();
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for _ in 0..50_000 {
        let len = rng.below(16);
        let s: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        never_panics(&s);
    }
}

#[test]
fn fuzz_random_tokens() {
    let tokens = [
        "a", "$x", "$", "$$", "%", "*", "**", "1", "2.5", "'s'", "\"t\"", "`n`", "true", "null",
        "and", "or", "in", "function", "λ", ".", "..", "+", "-", "*", "/", "%", "=", "!=", "<",
        "<=", ">", ">=", "&", "~>", "??", "?:", ":=", "?", ":", ";", ",", "@", "#", "^", "|", "(",
        ")", "[", "]", "{", "}", "[]", "/a/", "/*c*/", " ",
    ];
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let mut parsed = 0;
    for _ in 0..50_000 {
        let len = 1 + rng.below(10);
        let s: String = (0..len)
            .map(|_| rng.pick(&tokens))
            .collect::<Vec<_>>()
            .join(" ");
        never_panics(&s);
        parsed += usize::from(parse(&s).is_ok());
    }
    assert!(
        parsed > 1000,
        "the generator should produce some valid expressions ({parsed})"
    );
}

#[test]
fn fuzz_mutated_valid_expressions() {
    let seeds = [
        "$states.input.items[price > 10].{'n': name, 'p': %.id}^(>p)",
        "($a := function($x)<n-n:n>{ $x * 2 }; $a(3) ?? $match(s, /a(?<g>b)\\k<g>/i))",
        "| a.b | {'c': [1..3]}, ['d'] | ~> $f(?, 'e\\u00e9')",
        "a@$o#$i[$i > 0].b{`k`: $sum(c)}",
    ];
    let mut rng = Rng(42);
    for seed in seeds {
        ok(seed);
        for _ in 0..5_000 {
            let mut chars: Vec<char> = seed.chars().collect();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(chars.len() + 1);
                match rng.below(3) {
                    0 if at < chars.len() => {
                        chars.remove(at);
                    }
                    1 => chars.insert(
                        at,
                        "()[]{}/$%?:|'\"`*.,;<>"
                            .chars()
                            .nth(rng.below(21))
                            .unwrap_or('.'),
                    ),
                    _ if at < chars.len() => {
                        let other = rng.below(chars.len());
                        chars.swap(at, other);
                    }
                    _ => {}
                }
            }
            never_panics(&chars.into_iter().collect::<String>());
        }
    }
}
