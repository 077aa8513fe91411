//! zkCli.sh, as ZooKeeper 3.8.0 ships it, running against any [`ZkClientApi`].
//!
//! Follows `ZooKeeperMain.java` and the `cli/*Command.java` classes of 3.8.0: a line is
//! split with zkCli's regular expression (quotes group words, whitespace-only lines
//! re-run the previous command), recorded in the history, and dispatched; each command
//! parses its options the way Apache Commons CLI 1.5's `DefaultParser` does (the error
//! texts are that library's), talks to the server through the client API and prints
//! exactly what the Java classes print, in the order they print it (stdout and stderr
//! merged). Watch notifications print as `WATCHER::` blocks when `printwatches` is on.
//! Dates are `java.util.Date.toString()` in UTC, computed from the simulated clock.
//!
//! [`ZkClientApi`]: crate::protocols::zookeeper::client::library::ZkClientApi

mod commands;
mod format;
mod options;
mod tokenize;

pub use format::{format_java_date, format_stat};
pub use tokenize::tokenize;

mod shell;
pub use shell::{Shell, COMMANDS, MAX_HISTORY};

/// A ZooScope directive line `#! sleep <ms>` (not a zkCli command: simulated time
/// passes). Other lines starting with `#!` are directives too and should be skipped.
pub fn sleep_directive(line: &str) -> Option<u64> {
    line.strip_prefix("#! sleep ")?.trim().parse().ok()
}
