//! Apache Curator 5.4 on the simulated client: the framework, the course's Java subset and
//! the recipes.
//!
//! * [`framework`] is `CuratorFramework` over one simulated client process: its builders
//!   become [`framework::Call`]s, each a small state machine that sends the ZooKeeper
//!   requests Curator sends (a create that fails with NoNode, then the parents, then the
//!   node again; lazily created namespace containers; protected names; retries by the
//!   [`retry`] policy), keeps Curator's own watcher table and follows the connection
//!   state (CONNECTED, SUSPENDED, RECONNECTED, LOST).
//! * [`host`] runs every Curator client of a world: it hands their requests to the
//!   client nodes, feeds replies and watch events back, and routes outcomes to the
//!   statement that waits, to background callbacks, to watchers and to recipes.
//! * [`java`] parses and evaluates one Java statement of the course's Curator subset and
//!   prints it as `System.out.println` would.
//! * [`cache`] holds the four caches (NodeCache, PathChildrenCache, TreeCache,
//!   CuratorCache); their calls run through the framework like any other builder call,
//!   so they honour the client's namespace and retry policy.
//! * [`recipes`] are the lock recipes, each a sans-IO state machine driven by call
//!   outcomes, watch events and timers.
//! * [`exception`] holds the Java `toString()` forms of the exceptions, [`protection`] the
//!   protected-name (`_c_<uuid>-`) rules.

pub mod cache;
pub mod exception;
pub mod framework;
pub mod host;
pub mod java;
pub mod mkdirs;
pub mod protection;
pub mod recipes;
pub mod retry;
pub mod watchers;

/// The second words of the scenario's Curator lines (`NAME WORD ...`); in the lab's
/// console, where the client is the console's, a line's first word.
pub const LINE_WORDS: [&str; 11] = [
    "curator",
    "cache",
    "lock",
    "unlock",
    "latch",
    "select",
    "resign",
    "barrier",
    "double-barrier",
    "queue",
    "count",
];

/// Is `line`, typed into the lab's console, a Curator line rather than a zkCli one? A
/// Java statement ([`java::looks_like_java`]) or a line whose first word is one of
/// [`LINE_WORDS`] (`lock /l`, `cache node /a`, `curator stat`); no zkCli command is.
pub fn is_console_line(line: &str) -> bool {
    java::looks_like_java(line)
        || line
            .split_whitespace()
            .next()
            .is_some_and(|w| LINE_WORDS.contains(&w))
}
