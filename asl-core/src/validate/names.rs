//! AWS's rules for resource names (state machines, executions, activities)
//! and Map `Label`s: not empty, not too long, none of the characters AWS
//! forbids. The validator applies them to labels and asl-deploy to state
//! machine names, each with its own limit and codes.

use std::fmt;

/// Why a name breaks AWS's naming rules (see [`check_name`]). Its `Display`
/// text completes a sentence whose subject is the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// The name is empty.
    Empty,
    /// The name has `len` characters; at most `max` are allowed.
    TooLong {
        /// The name's length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The name contains a character AWS forbids.
    Forbidden(char),
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameProblem::Empty => f.write_str("must not be empty"),
            NameProblem::TooLong { len, max } => {
                write!(f, "is {len} characters long; the limit is {max}")
            }
            NameProblem::Forbidden(c) => write!(
                f,
                "must not contain {c:?}: whitespace, wildcards, brackets, control characters and \" # % \\ ^ | ~ ` $ & , ; : / are not allowed"
            ),
        }
    }
}

/// Checks a name against AWS's rules: 1 to `max` characters, and none of
/// whitespace, `? *`, brackets, control characters (U+0000–U+001F,
/// U+007F–U+009F) and `" # % \ ^ | ~ `` ` `` $ & , ; : /`.
///
/// ```
/// use asl_core::validate::{check_name, NameProblem};
/// assert_eq!(check_name("orders-v2_prod", 80), Ok(()));
/// assert_eq!(check_name("", 80), Err(NameProblem::Empty));
/// assert_eq!(check_name("my machine", 80), Err(NameProblem::Forbidden(' ')));
/// assert_eq!(check_name(&"n".repeat(41), 40), Err(NameProblem::TooLong { len: 41, max: 40 }));
/// assert_eq!(NameProblem::Empty.to_string(), "must not be empty");
/// ```
pub fn check_name(name: &str, max: usize) -> Result<(), NameProblem> {
    let len = name.chars().count();
    if len == 0 {
        return Err(NameProblem::Empty);
    }
    if len > max {
        return Err(NameProblem::TooLong { len, max });
    }
    match name.chars().find(|c| forbidden(*c)) {
        Some(c) => Err(NameProblem::Forbidden(c)),
        None => Ok(()),
    }
}

fn forbidden(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || "?*<>{}[]\"#%\\^|~`$&,;:/".contains(c)
}
