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

/// Longest `#! sleep` accepted, ms (one hour of simulated time: far beyond any session
/// timeout, and still quick to simulate).
pub const SLEEP_MS_MAX: u64 = 3_600_000;

/// A ZooScope directive line `#! sleep <ms>` (not a zkCli command: simulated time
/// passes): `None` for other lines, an error for a duration that is not a number of
/// milliseconds in 0..=[`SLEEP_MS_MAX`]. Other lines starting with `#!` are directives
/// too and should be skipped.
pub fn sleep_directive(line: &str) -> Option<Result<u64, String>> {
    let arg = line.strip_prefix("#! sleep ")?.trim();
    Some(match arg.parse::<u64>() {
        Ok(ms) if ms <= SLEEP_MS_MAX => Ok(ms),
        Ok(ms) => Err(format!(
            "#! sleep {ms}: at most {SLEEP_MS_MAX} ms (one hour) can be slept"
        )),
        Err(_) => Err(format!(
            "#! sleep {arg}: the duration must be a number of milliseconds"
        )),
    })
}
