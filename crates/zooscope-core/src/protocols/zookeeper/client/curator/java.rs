//! The course's Java subset of the Curator API: one statement at a time, evaluated
//! against a Curator client and printed as JShell-with-`System.out.println` prints it
//! (tests/curator/README.md, "curator statements").
//!
//! [`lex`] and [`parse`] turn a statement into an [`parse::Stmt`]; [`eval`] runs it with
//! a [`eval::Runtime`] that carries out each `forPath` on the simulated framework. Every
//! form outside the subset is an [`Unsupported`] error naming the construct; nothing a
//! user types can panic.

pub mod complete;
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

/// Java keywords and primitive types a course statement may start with.
const JAVA_STARTS: [&str; 7] = ["new", "byte[]", "int", "long", "boolean", "var", "final"];

/// Does `line` look like a Java statement rather than a zkCli command? True when its first
/// word holds a `.` or a `(` (`client.create()…`, `System.out.println(…)`), starts with a
/// capital letter (a type: `Stat stat = new Stat()`, `String path = …`), or is a Java
/// keyword (`new String(…)`, `byte[] data = …`), or when the line ends with `;`. No zkCli
/// 3.8 command has any of these forms, so the lab's console can tell them apart.
pub fn looks_like_java(line: &str) -> bool {
    let t = line.trim();
    let first = t.split_whitespace().next().unwrap_or("");
    first.contains(['.', '('])
        || first.starts_with(|c: char| c.is_ascii_uppercase())
        || JAVA_STARTS.contains(&first)
        || (!t.is_empty() && t.ends_with(';'))
}

#[cfg(test)]
mod tests {
    use super::looks_like_java;
    use crate::protocols::zookeeper::client::zkcli::COMMANDS;

    #[test]
    fn java_lines_are_told_from_zkcli_lines() {
        for java in [
            "client.create().forPath(\"/a\")",
            "new String(client.getData().forPath(\"/a\"))",
            "Stat stat = new Stat()",
            "String path = client.create().forPath(\"/b\")",
            "byte[] data = client.getData().forPath(\"/a\")",
            "System.out.println(stat)",
            "client.delete().forPath(\"/a\");",
        ] {
            assert!(looks_like_java(java), "{java}");
        }
        for zk in [
            "ls /",
            "create /a x",
            "stat /a",
            "get -s /a",
            "set /a (x)",
            "",
        ] {
            assert!(!looks_like_java(zk), "{zk}");
        }
        // No zkCli command itself reads as Java.
        for c in COMMANDS {
            assert!(!looks_like_java(&format!("{c} /a")), "{c}");
        }
    }
}
