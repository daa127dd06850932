//! Function signatures such as `<n-n:n>` on lambdas.
//!
//! jsonata-js checks a signature when the expression is compiled: it rejects
//! type parameters on anything but `a` and `f` (S0401) and choice groups that
//! contain type parameters (S0402), and it turns the signature into a
//! JavaScript regular expression whose construction can fail (for instance
//! `<n???>` repeats a quantifier). This module replays those steps.

use super::regex;

/// A rejected signature: the jsonata-js code (if any) and a message.
pub(crate) struct SignatureError {
    pub(crate) code: Option<&'static str>,
    pub(crate) message: String,
}

/// One parameter as jsonata-js builds it. `regex` is `None` where jsonata-js
/// has `undefined` (which string concatenation turns into `"undefined"`).
#[derive(Default)]
struct Param {
    regex: Option<String>,
    kind: Option<String>,
}

impl Param {
    fn regex_text(&self) -> String {
        self.regex.clone().unwrap_or_else(|| "undefined".to_owned())
    }
}

/// The parameter that a modifier (`?`, `+`, `-`, `<…>`) applies to: before
/// the first type it is the parameter being built, afterwards the last one
/// completed.
fn previous<'p>(params: &'p mut [Param], current: &'p mut Param) -> &'p mut Param {
    match params.last_mut() {
        Some(last) => last,
        None => current,
    }
}

/// Position of the bracket that balances the one at `start`, or the length
/// of `chars` when there is none.
fn closing(chars: &[char], start: usize, open: char, close: char) -> usize {
    let mut depth = 1;
    let mut at = start;
    while at < chars.len() {
        at += 1;
        match chars.get(at) {
            Some(&c) if c == close => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Some(&c) if c == open => depth += 1,
            _ => {}
        }
    }
    at
}

fn invalid(problem: &str) -> SignatureError {
    SignatureError {
        code: None,
        message: format!("invalid function signature: {problem}"),
    }
}

/// Validates `signature`, which includes the enclosing `<` and `>`.
pub(crate) fn validate(signature: &str) -> Result<(), SignatureError> {
    let chars: Vec<char> = signature.chars().collect();
    let mut params: Vec<Param> = Vec::new();
    let mut current = Param::default();
    let mut at = 1;
    while let Some(&symbol) = chars.get(at) {
        if symbol == ':' {
            // The return type is not checked by jsonata-js.
            break;
        }
        let simple = match symbol {
            's' | 'n' | 'b' | 'l' | 'o' => Some(format!("[{symbol}m]")),
            'a' | 'x' => Some("[asnblfom]".to_owned()),
            'f' => Some("f".to_owned()),
            'j' => Some("[asnblom]".to_owned()),
            _ => None,
        };
        if let Some(regex) = simple {
            current.regex = Some(regex);
            current.kind = Some(symbol.to_string());
            params.push(std::mem::take(&mut current));
        } else {
            match symbol {
                '-' => {
                    let prev = previous(&mut params, &mut current);
                    // jsonata-js compiles the parameter's pattern here to test the context.
                    if let Some(pattern) = &prev.regex {
                        regex::validate(pattern).map_err(invalid)?;
                    }
                    prev.regex = Some(prev.regex_text() + "?");
                }
                '?' | '+' => {
                    let prev = previous(&mut params, &mut current);
                    prev.regex = Some(prev.regex_text() + &symbol.to_string());
                }
                '(' => {
                    let end = closing(&chars, at, '(', ')');
                    let choice: String = chars.get(at + 1..end).unwrap_or(&[]).iter().collect();
                    if choice.contains('<') {
                        return Err(SignatureError {
                            code: Some("S0402"),
                            message: format!(
                                "choice groups containing parameterized types are not supported: ({choice})"
                            ),
                        });
                    }
                    current.regex = Some(format!("[{choice}m]"));
                    current.kind = Some(format!("({choice})"));
                    params.push(std::mem::take(&mut current));
                    at = end;
                }
                '<' => {
                    let prev = previous(&mut params, &mut current);
                    if !matches!(prev.kind.as_deref(), Some("a" | "f")) {
                        return Err(SignatureError {
                            code: Some("S0401"),
                            message: "type parameters can only be applied to functions and arrays"
                                .to_owned(),
                        });
                    }
                    at = closing(&chars, at, '<', '>');
                }
                _ => {}
            }
        }
        at += 1;
    }
    let mut whole = String::from("^");
    for param in &params {
        whole.push('(');
        whole.push_str(&param.regex_text());
        whole.push(')');
    }
    whole.push('$');
    regex::validate(&whole).map_err(invalid)
}
