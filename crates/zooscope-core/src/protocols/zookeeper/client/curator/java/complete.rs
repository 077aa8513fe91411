//! What Tab offers inside a Java statement of the course's Curator subset: the builder
//! chain as the evaluator ([`super::eval`]) accepts it.
//!
//! The word being completed is the identifier at the end of the line. What it may become
//! depends on what stands before it: after `client.` a builder (`create()`, `getData()`,
//! …), after a builder's `.` the modifiers that builder takes (`creatingParentsIfNeeded()`,
//! `withMode(`, …, `forPath(`), after `CreateMode.` the modes, after `withMode(` the class,
//! and inside the string of `forPath("` a znode path. A test runs every pair of the tables
//! through the scenario's `curator` line, so the tables cannot offer what the evaluator
//! refuses.

/// What the word at the end of a Java line may become.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JavaWord {
    /// One of these (full words, each ending where the learner goes on typing).
    Fixed(Vec<&'static str>),
    /// A znode path (inside `forPath("…`).
    Path,
}

/// What a statement may start with.
pub const STARTS: [&str; 6] = [
    "client.",
    "new String(",
    "Stat stat = new Stat()",
    "String path = ",
    "byte[] data = ",
    "System.out.println(",
];

/// The builders of `client.`.
pub const CLIENT_METHODS: [&str; 7] = [
    "create()",
    "getData()",
    "setData()",
    "delete()",
    "getChildren()",
    "checkExists()",
    "transaction()",
];

/// The modifiers each builder takes, `forPath(` last.
pub const MODIFIERS: [(&str, &[&str]); 6] = [
    (
        "create",
        &[
            "creatingParentsIfNeeded()",
            "creatingParentContainersIfNeeded()",
            "withMode(",
            "withProtection()",
            "withACL(",
            "storingStatIn(",
            "inBackground(",
            "forPath(",
        ],
    ),
    (
        "getData",
        &[
            "storingStatIn(",
            "watched()",
            "usingWatcher(",
            "inBackground(",
            "forPath(",
        ],
    ),
    ("setData", &["withVersion(", "inBackground(", "forPath("]),
    (
        "delete",
        &[
            "deletingChildrenIfNeeded()",
            "guaranteed()",
            "withVersion(",
            "inBackground(",
            "forPath(",
        ],
    ),
    (
        "getChildren",
        &["watched()", "usingWatcher(", "inBackground(", "forPath("],
    ),
    (
        "checkExists",
        &["watched()", "usingWatcher(", "inBackground(", "forPath("],
    ),
];

/// The `CreateMode` constants the simulation knows.
pub const MODES: [&str; 5] = [
    "PERSISTENT",
    "EPHEMERAL",
    "PERSISTENT_SEQUENTIAL",
    "EPHEMERAL_SEQUENTIAL",
    "CONTAINER",
];

/// What follows an opening parenthesis of these calls (the course's arguments).
const ARGUMENTS: [(&str, &[&str]); 7] = [
    ("withMode(", &["CreateMode."]),
    ("withACL(", &["ZooDefs.Ids.OPEN_ACL_UNSAFE)"]),
    ("storingStatIn(", &["stat)"]),
    ("inBackground(", &["callback)"]),
    (
        "usingWatcher(",
        &["(CuratorWatcher) e -> System.out.println(e))"],
    ),
    ("forPath(", &["\"/"]),
    ("new ", &["String(", "Stat()"]),
];

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Where the word at the end of `line` starts, and what it may become.
pub fn word_at_end(line: &str) -> (usize, JavaWord) {
    // Inside a string literal: only the path of `forPath("` completes.
    if line.matches('"').count() % 2 == 1 {
        let quote = line.rfind('"').unwrap_or(0);
        let before = line[..quote].trim_end();
        let want = if before.ends_with("forPath(") {
            JavaWord::Path
        } else {
            JavaWord::Fixed(Vec::new())
        };
        return (quote + 1, want);
    }
    let start = line
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_ident(*c))
        .last()
        .map_or(line.len(), |(i, _)| i);
    let head = &line[..start];
    let fixed = |v: &[&'static str]| JavaWord::Fixed(v.to_vec());
    if head.trim().is_empty() {
        return (start, fixed(&STARTS));
    }
    if let Some((_, args)) = ARGUMENTS.iter().find(|(call, _)| head.ends_with(call)) {
        return (start, fixed(args));
    }
    let want = if head.ends_with("CreateMode.") {
        fixed(&MODES)
    } else if head.ends_with("System.") {
        fixed(&["out."])
    } else if head.ends_with("System.out.") {
        fixed(&["println("])
    } else if head.ends_with("client.") {
        fixed(&CLIENT_METHODS)
    } else if head.ends_with(").") {
        // A builder chain: the builder is the call right after the last `client.`.
        let builder = head
            .rfind("client.")
            .map(|i| &head[i + "client.".len()..])
            .map(|rest| rest.split(|c: char| !is_ident(c)).next().unwrap_or(""));
        match MODIFIERS.iter().find(|(b, _)| Some(*b) == builder) {
            Some((_, mods)) => fixed(mods),
            None => JavaWord::Fixed(Vec::new()),
        }
    } else {
        JavaWord::Fixed(Vec::new())
    };
    (start, want)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(line: &str) -> Vec<&'static str> {
        match word_at_end(line).1 {
            JavaWord::Fixed(v) => v,
            JavaWord::Path => panic!("{line}: a path"),
        }
    }

    #[test]
    fn the_chain_offers_what_comes_next() {
        assert_eq!(fixed("client."), CLIENT_METHODS);
        assert!(fixed("client.create().").contains(&"creatingParentsIfNeeded()"));
        assert!(fixed("client.create().cre").contains(&"creatingParentContainersIfNeeded()"));
        assert!(fixed("client.create().creatingParentsIfNeeded().").contains(&"withMode("));
        assert!(!fixed("client.getData().").contains(&"withMode("));
        assert_eq!(fixed("client.create().withMode("), ["CreateMode."]);
        assert_eq!(fixed("client.create().withMode(CreateMode.EPH"), MODES);
        assert_eq!(
            fixed("new String(client.getData().").last(),
            Some(&"forPath(")
        );
        assert_eq!(fixed(""), STARTS);
        assert_eq!(fixed("System."), ["out."]);
        assert_eq!(
            word_at_end("client.create().forPath(\"/ap"),
            (25, JavaWord::Path)
        );
        assert_eq!(
            fixed("client.create().forPath(\"/a\", \"x"),
            Vec::<&str>::new()
        );
        assert_eq!(fixed("client.fly()."), Vec::<&str>::new());
        assert_eq!(word_at_end("client.create().with").0, 16);
    }
}
