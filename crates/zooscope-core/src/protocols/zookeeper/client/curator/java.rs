//! The course's Java subset of the Curator API: one statement at a time, evaluated
//! against a Curator client and printed as JShell-with-`System.out.println` prints it
//! (tests/curator/README.md, "curator statements").
//!
//! [`lex`] and [`parse`] turn a statement into an [`parse::Stmt`]; [`eval`] runs it with
//! a [`eval::Runtime`] that carries out each `forPath` on the simulated framework. Every
//! form outside the subset is an [`Unsupported`] error naming the construct; nothing a
//! user types can panic.

pub mod eval;
pub mod lex;
pub mod parse;

use std::fmt;

/// A statement (or part of one) the simulation does not handle.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unsupported(pub String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: not in the simulated Curator subset: {}", self.0)
    }
}

/// Longest statement accepted, in bytes.
pub const STATEMENT_MAX: usize = 4_096;
/// Deepest nesting of parentheses and calls accepted.
pub const DEPTH_MAX: usize = 64;
