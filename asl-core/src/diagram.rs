//! Drawing a machine: Mermaid flowcharts and Graphviz DOT.
//!
//! Every state is a node whose shape tells its type; `Next` and `Default`
//! are plain edges, Choice rules are edges labelled with their condition,
//! `Catch` edges are dashed and labelled with their errors. Parallel branches
//! and Map processors are drawn as subgraphs (clusters), entered from their
//! state by dashed edges.
//!
//! ```
//! let m = asl_core::from_str(r#"{"StartAt": "A", "States": {
//!   "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#).unwrap();
//! let mermaid = asl_core::diagram::mermaid(&m);
//! assert!(mermaid.contains("n0 --> n1"));
//! ```

use crate::{BoolExpr, Comparator, Condition, ProcessorField, State, StateMachine, States};
use std::fmt::Write;

/// The diagram formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Mermaid `flowchart`.
    Mermaid,
    /// A Graphviz `digraph`.
    Dot,
}

/// Draws the machine in the given format.
pub fn render(machine: &StateMachine, format: Format) -> String {
    match format {
        Format::Mermaid => mermaid(machine),
        Format::Dot => dot(machine),
    }
}

/// A Mermaid flowchart of the machine.
pub fn mermaid(machine: &StateMachine) -> String {
    let g = Graph::build(machine);
    let mut out = String::from("flowchart TD\n");
    let _ = writeln!(
        out,
        "    start((\"Start\")) --> {}",
        g.start.as_deref().unwrap_or("missing")
    );
    write_scope(&g, &g.root, 1, &MERMAID, &mut out);
    for e in &g.edges {
        let arrow = if e.dashed { "-.->" } else { "-->" };
        match &e.label {
            Some(l) => {
                let _ = writeln!(
                    out,
                    "    {} {arrow}|\"{}\"| {}",
                    e.from,
                    mermaid_escape(l),
                    e.to
                );
            }
            None => {
                let _ = writeln!(out, "    {} {arrow} {}", e.from, e.to);
            }
        }
    }
    out.push_str("    classDef succeed fill:#d4f7d4,stroke:#2e7d32\n");
    out.push_str("    classDef fail fill:#fbd5d5,stroke:#c62828\n");
    for n in &g.nodes {
        match n.kind {
            "Succeed" => {
                let _ = writeln!(out, "    class {} succeed", n.id);
            }
            "Fail" => {
                let _ = writeln!(out, "    class {} fail", n.id);
            }
            _ => {}
        }
    }
    out
}

/// How one diagram language writes a state and opens and closes the
/// subgraph of a nested scope (its lines, which `write_scope` indents).
struct Syntax {
    node: fn(&Node) -> String,
    open: fn(&Scope) -> Vec<String>,
    close: &'static str,
}

/// Writes the states of `scope`, each followed by its nested scopes.
fn write_scope(g: &Graph, scope: &Scope, depth: usize, syntax: &Syntax, out: &mut String) {
    let pad = "    ".repeat(depth);
    for &i in &scope.nodes {
        let Some(n) = g.nodes.get(i) else { continue };
        let _ = writeln!(out, "{pad}{}", (syntax.node)(n));
        for sub in &n.children {
            for line in (syntax.open)(sub) {
                let _ = writeln!(out, "{pad}{line}");
            }
            write_scope(g, sub, depth + 1, syntax, out);
            let _ = writeln!(out, "{pad}{}", syntax.close);
        }
    }
}

const MERMAID: Syntax = Syntax {
    node: |n| {
        let label = format!("{}<br/><i>{}</i>", mermaid_escape(&n.name), n.kind);
        let shape = match n.kind {
            "Task" => format!("[\"{label}\"]"),
            "Pass" => format!("[/\"{label}\"/]"),
            "Choice" => format!("{{\"{label}\"}}"),
            "Wait" => format!("{{{{\"{label}\"}}}}"),
            "Succeed" => format!("([\"{label}\"])"),
            "Fail" => format!(">\"{label}\"]"),
            _ => format!("[[\"{label}\"]]"),
        };
        format!("{}{shape}", n.id)
    },
    open: |sub| {
        let title = mermaid_escape(&sub.title);
        vec![
            format!("subgraph {}[\"{title}\"]", sub.id),
            "    direction TB".to_owned(),
        ]
    },
    close: "end",
};

fn mermaid_escape(s: &str) -> String {
    s.replace('&', "#amp;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace("#lt;br/#gt;", "<br/>")
}

/// A Graphviz DOT digraph of the machine.
pub fn dot(machine: &StateMachine) -> String {
    let g = Graph::build(machine);
    let mut out = String::from("digraph StateMachine {\n");
    out.push_str("    rankdir=TB;\n    graph [fontname=\"Helvetica\"];\n    node [fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n");
    let _ = writeln!(out, "    start [label=\"Start\", shape=circle];");
    if let Some(s) = &g.start {
        let _ = writeln!(out, "    start -> {s};");
    }
    write_scope(&g, &g.root, 1, &DOT, &mut out);
    for e in &g.edges {
        let mut attrs = Vec::new();
        if let Some(l) = &e.label {
            attrs.push(format!("label={}", dot_quote(l)));
        }
        if e.dashed {
            attrs.push("style=dashed".to_owned());
        }
        if attrs.is_empty() {
            let _ = writeln!(out, "    {} -> {};", e.from, e.to);
        } else {
            let _ = writeln!(out, "    {} -> {} [{}];", e.from, e.to, attrs.join(", "));
        }
    }
    out.push_str("}\n");
    out
}

const DOT: Syntax = Syntax {
    node: |n| {
        let (shape, extra) = match n.kind {
            "Task" => ("box", ", style=rounded"),
            "Pass" => ("parallelogram", ""),
            "Choice" => ("diamond", ""),
            "Wait" => ("hexagon", ""),
            "Succeed" => ("doublecircle", ", style=filled, fillcolor=\"#d4f7d4\""),
            "Fail" => ("octagon", ", style=filled, fillcolor=\"#fbd5d5\""),
            _ => ("box3d", ""),
        };
        let label = format!("{}\\n({})", dot_escape(&n.name), n.kind);
        format!("{} [label=\"{label}\", shape={shape}{extra}];", n.id)
    },
    open: |sub| {
        vec![
            format!("subgraph cluster_{} {{", sub.id),
            format!("    label={};", dot_quote(&sub.title)),
            "    style=dashed;".to_owned(),
        ]
    },
    close: "}",
};

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn dot_quote(s: &str) -> String {
    format!("\"{}\"", dot_escape(s))
}

/// The drawable graph: nodes with ids, nested scopes, and edges.
struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    root: Scope,
    start: Option<String>,
}

struct Node {
    id: String,
    name: String,
    kind: &'static str,
    children: Vec<Scope>,
}

struct Scope {
    id: String,
    title: String,
    nodes: Vec<usize>,
}

struct Edge {
    from: String,
    to: String,
    label: Option<String>,
    dashed: bool,
}

impl Graph {
    fn build(machine: &StateMachine) -> Graph {
        let mut g = Graph {
            nodes: Vec::new(),
            edges: Vec::new(),
            root: Scope {
                id: "root".to_owned(),
                title: String::new(),
                nodes: Vec::new(),
            },
            start: None,
        };
        let (root, start) = g.scope(
            &machine.states,
            &machine.start_at,
            "root".to_owned(),
            String::new(),
        );
        g.root = root;
        g.start = start;
        g
    }

    /// Adds the states of one scope; returns it and the id of its start state.
    /// Recursion follows the definition's nesting, which the parser bounds.
    fn scope(
        &mut self,
        states: &States,
        start_at: &str,
        id: String,
        title: String,
    ) -> (Scope, Option<String>) {
        let first = self.nodes.len();
        let ids: Vec<(String, String)> = states
            .keys()
            .enumerate()
            .map(|(i, name)| (name.clone(), format!("n{}", first + i)))
            .collect();
        let id_of = |name: &str| {
            ids.iter()
                .find(|(n, _)| n == name)
                .map(|(_, id)| id.clone())
        };
        for (name, state) in states {
            self.nodes.push(Node {
                id: id_of(name).unwrap_or_default(),
                name: name.clone(),
                kind: state.type_name(),
                children: Vec::new(),
            });
        }
        let mut scope = Scope {
            id,
            title,
            nodes: (first..self.nodes.len()).collect(),
        };
        for (i, (name, state)) in states.iter().enumerate() {
            let from = id_of(name).unwrap_or_default();
            let edge = |to: &str, label: Option<String>, dashed: bool, edges: &mut Vec<Edge>| {
                if let Some(to) = id_of(to) {
                    edges.push(Edge {
                        from: from.clone(),
                        to,
                        label,
                        dashed,
                    });
                }
            };
            if let Some(next) = state.transition().and_then(|t| t.next_state()) {
                edge(next, None, false, &mut self.edges);
            }
            if let State::Choice(c) = state {
                for rule in &c.choices {
                    edge(
                        &rule.next,
                        Some(condition_label(&rule.condition)),
                        false,
                        &mut self.edges,
                    );
                }
                if let Some(d) = &c.default {
                    edge(d, Some("Default".to_owned()), false, &mut self.edges);
                }
            }
            for c in state.catchers() {
                edge(
                    &c.next,
                    Some(format!("catch {}", c.error_equals.join(", "))),
                    true,
                    &mut self.edges,
                );
            }
            let nested: Vec<(&States, &str, String)> = match state {
                State::Parallel(p) => p
                    .branches
                    .iter()
                    .enumerate()
                    .map(|(b, br)| {
                        (
                            &br.states,
                            br.start_at.as_str(),
                            format!("{name}: branch {}", b + 1),
                        )
                    })
                    .collect(),
                State::Map(m) => {
                    let p = m.processor.processor();
                    let what = match &m.processor {
                        ProcessorField::ItemProcessor(p) if p.is_distributed() => {
                            "distributed item processor"
                        }
                        _ => "item processor",
                    };
                    vec![(&p.states, p.start_at.as_str(), format!("{name}: {what}"))]
                }
                _ => Vec::new(),
            };
            for (b, (sub_states, sub_start, sub_title)) in nested.into_iter().enumerate() {
                let sub_id = format!("{from}_s{b}");
                let (sub, sub_start_id) = self.scope(sub_states, sub_start, sub_id, sub_title);
                if let Some(s) = sub_start_id {
                    let label = if matches!(state, State::Map(_)) {
                        "each item".to_owned()
                    } else {
                        format!("branch {}", b + 1)
                    };
                    self.edges.push(Edge {
                        from: from.clone(),
                        to: s,
                        label: Some(label),
                        dashed: true,
                    });
                }
                if let Some(node) = self.nodes.get_mut(first + i) {
                    node.children.push(sub);
                }
            }
        }
        scope.nodes.shrink_to_fit();
        (scope, id_of(start_at))
    }
}

/// A short, readable rendering of a Choice rule's condition.
pub fn condition_label(c: &Condition) -> String {
    match c {
        Condition::Jsonata(j) => match j {
            crate::Dynamic::Value(b) => b.to_string(),
            crate::Dynamic::Jsonata(e) => e.expression().to_owned(),
            crate::Dynamic::Substitution(s) => s.clone(),
            crate::Dynamic::Path(p) => p.to_string(),
        },
        Condition::JsonPath(e) => expr_label(e),
    }
}

fn expr_label(e: &BoolExpr) -> String {
    match e {
        BoolExpr::And(rules) => join(rules.iter().map(|r| paren(&r.expr)), " and "),
        BoolExpr::Or(rules) => join(rules.iter().map(|r| paren(&r.expr)), " or "),
        BoolExpr::Not(r) => format!("not ({})", expr_label(&r.expr)),
        BoolExpr::Compare(c) => {
            let v = c.variable.as_str();
            use Comparator as C;
            let (op, rhs) = match &c.operator {
                C::StringEquals(s) | C::TimestampEquals(s) => ("==", format!("{s:?}")),
                C::StringLessThan(s) | C::TimestampLessThan(s) => ("<", format!("{s:?}")),
                C::StringGreaterThan(s) | C::TimestampGreaterThan(s) => (">", format!("{s:?}")),
                C::StringLessThanEquals(s) | C::TimestampLessThanEquals(s) => {
                    ("<=", format!("{s:?}"))
                }
                C::StringGreaterThanEquals(s) | C::TimestampGreaterThanEquals(s) => {
                    (">=", format!("{s:?}"))
                }
                C::StringMatches(s) => ("matches", format!("{s:?}")),
                C::NumericEquals(n) => ("==", n.to_string()),
                C::NumericLessThan(n) => ("<", n.to_string()),
                C::NumericGreaterThan(n) => (">", n.to_string()),
                C::NumericLessThanEquals(n) => ("<=", n.to_string()),
                C::NumericGreaterThanEquals(n) => (">=", n.to_string()),
                C::BooleanEquals(b) => ("==", b.to_string()),
                C::StringEqualsPath(p)
                | C::NumericEqualsPath(p)
                | C::BooleanEqualsPath(p)
                | C::TimestampEqualsPath(p) => ("==", p.to_string()),
                C::StringLessThanPath(p)
                | C::NumericLessThanPath(p)
                | C::TimestampLessThanPath(p) => ("<", p.to_string()),
                C::StringGreaterThanPath(p)
                | C::NumericGreaterThanPath(p)
                | C::TimestampGreaterThanPath(p) => (">", p.to_string()),
                C::StringLessThanEqualsPath(p)
                | C::NumericLessThanEqualsPath(p)
                | C::TimestampLessThanEqualsPath(p) => ("<=", p.to_string()),
                C::StringGreaterThanEqualsPath(p)
                | C::NumericGreaterThanEqualsPath(p)
                | C::TimestampGreaterThanEqualsPath(p) => (">=", p.to_string()),
                C::IsNull(b) => return is(v, "null", *b),
                C::IsPresent(b) => return is(v, "present", *b),
                C::IsNumeric(b) => return is(v, "numeric", *b),
                C::IsString(b) => return is(v, "a string", *b),
                C::IsBoolean(b) => return is(v, "a boolean", *b),
                C::IsTimestamp(b) => return is(v, "a timestamp", *b),
            };
            format!("{v} {op} {rhs}")
        }
    }
}

fn is(v: &str, what: &str, yes: bool) -> String {
    if yes {
        format!("{v} is {what}")
    } else {
        format!("{v} is not {what}")
    }
}

fn paren(e: &BoolExpr) -> String {
    match e {
        BoolExpr::Compare(_) | BoolExpr::Not(_) => expr_label(e),
        BoolExpr::And(_) | BoolExpr::Or(_) => format!("({})", expr_label(e)),
    }
}

fn join(parts: impl Iterator<Item = String>, sep: &str) -> String {
    parts.collect::<Vec<_>>().join(sep)
}
