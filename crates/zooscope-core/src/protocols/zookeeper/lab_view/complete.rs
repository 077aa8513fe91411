//! Tab completion for the lab's console: zkCli lines and Curator lines.
//!
//! Like zkCli's JLine completer (`JLineZNodeCompleter` in ZooKeeper 3.8), the first word
//! completes to a command name and a word starting with `/` completes to a znode path,
//! one level at a time. One match replaces the word; several extend it to their common
//! prefix and are listed.

use crate::protocols::zookeeper::client::curator::java::complete::{word_at_end, JavaWord, STARTS};
use crate::protocols::zookeeper::client::curator::java::looks_like_java;
use crate::protocols::zookeeper::client::curator::LINE_WORDS;
pub use crate::protocols::zookeeper::client::zkcli::COMMANDS;

/// Candidates listed at most.
pub const CANDIDATES_MAX: usize = 50;

/// The result of pressing Tab.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// The line after completion.
    pub line: String,
    /// The matches, when there are several (at most [`CANDIDATES_MAX`]).
    pub candidates: Vec<String>,
}

fn common_prefix(items: &[String]) -> String {
    let Some(first) = items.first() else {
        return String::new();
    };
    let mut end = first.len();
    for s in &items[1..] {
        let mut same = 0;
        for ((i, a), b) in first.char_indices().zip(s.chars()) {
            if a != b {
                break;
            }
            same = i + a.len_utf8();
        }
        end = end.min(same);
    }
    first[..end].to_string()
}

fn parent_of(p: &str) -> &str {
    match p.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &p[..i],
    }
}

/// Complete the last word of `line`, with `paths` the znodes known (any order). A line
/// that reads as Java ([`looks_like_java`]) completes its Curator builder chain
/// ([`word_at_end`]); any other line completes as zkCli does, and its first word may also
/// become a Curator line's first word (`client.`, `lock`, `cache`, …).
pub fn complete(line: &str, paths: &[String]) -> Completion {
    if looks_like_java(line) {
        let (start, want) = word_at_end(line);
        let (head, word) = line.split_at(start);
        let matches = match want {
            JavaWord::Path => path_matches(word, paths),
            JavaWord::Fixed(words) => words
                .iter()
                .filter(|w| w.starts_with(word))
                .map(|w| w.to_string())
                .collect(),
        };
        return finish(head, word, matches);
    }
    let start = line
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (head, word) = line.split_at(start);
    let first_word = head.trim().is_empty();
    let matches: Vec<String> = if first_word {
        let java = STARTS.iter().filter(|s| s.starts_with(word));
        COMMANDS
            .iter()
            .chain(LINE_WORDS.iter())
            .filter(|c| c.starts_with(word))
            .map(|c| format!("{c} "))
            .chain(java.map(|s| s.to_string()))
            .collect()
    } else if word.starts_with('/') {
        path_matches(word, paths)
    } else {
        Vec::new()
    };
    finish(head, word, matches)
}

/// The known znodes one level below `word`'s parent that start with `word`.
fn path_matches(word: &str, paths: &[String]) -> Vec<String> {
    if !word.starts_with('/') {
        return Vec::new();
    }
    let parent = parent_of(word);
    paths
        .iter()
        .filter(|p| p.as_str() != "/" && parent_of(p) == parent && p.starts_with(word))
        .cloned()
        .collect()
}

/// One match replaces `word`; several extend it to their common prefix and are listed
/// (without a trailing space).
fn finish(head: &str, word: &str, mut matches: Vec<String>) -> Completion {
    crate::sorting::sort_strings_by(&mut matches, |a, b| a.cmp(b));
    matches.dedup();
    match matches.len() {
        0 => Completion {
            line: format!("{head}{word}"),
            candidates: Vec::new(),
        },
        1 => Completion {
            line: format!("{head}{}", matches[0]),
            candidates: Vec::new(),
        },
        _ => {
            let prefix = common_prefix(&matches);
            let word = if prefix.len() > word.len() {
                prefix.trim_end().to_string()
            } else {
                word.to_string()
            };
            matches.truncate(CANDIDATES_MAX);
            Completion {
                line: format!("{head}{word}"),
                candidates: matches.iter().map(|m| m.trim_end().to_string()).collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> Vec<String> {
        [
            "/",
            "/zookeeper",
            "/zookeeper/quota",
            "/app",
            "/app/lock-1",
            "/app/lock-2",
            "/apple",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn commands_complete() {
        assert_eq!(complete("cre", &[]).line, "create ");
        let c = complete("get", &[]);
        assert_eq!(c.line, "get");
        assert_eq!(
            c.candidates,
            ["get", "getAcl", "getAllChildrenNumber", "getEphemerals"]
        );
        assert_eq!(complete("xyz", &[]).line, "xyz");
        assert_eq!(
            complete("", &[]).candidates.len(),
            COMMANDS.len() + LINE_WORDS.len() + STARTS.len()
        );
        // The first word may also start a Curator line.
        assert_eq!(complete("cl", &[]).candidates, ["client.", "close"]);
        assert_eq!(complete("unl", &[]).line, "unlock ");
    }

    #[test]
    fn curator_lines_complete_their_builder_chain() {
        let p = paths();
        assert_eq!(complete("client.cr", &p).line, "client.create()");
        let c = complete("client.create().cre", &p);
        assert_eq!(c.line, "client.create().creatingParent");
        assert_eq!(
            c.candidates,
            [
                "creatingParentContainersIfNeeded()",
                "creatingParentsIfNeeded()"
            ]
        );
        assert_eq!(
            complete("client.create().creatingParentsI", &p).line,
            "client.create().creatingParentsIfNeeded()"
        );
        assert_eq!(
            complete("client.create().withMode(", &p).line,
            "client.create().withMode(CreateMode."
        );
        let c = complete("client.create().withMode(CreateMode.", &p);
        assert_eq!(c.candidates.len(), 5);
        assert_eq!(
            complete("client.create().withMode(CreateMode.EPHEMERAL_", &p).line,
            "client.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL"
        );
        assert_eq!(
            complete("client.getData().forPath(\"/zoo", &p).line,
            "client.getData().forPath(\"/zookeeper"
        );
        assert_eq!(
            complete("new String(client.getData().forPath(\"/app/l", &p).line,
            "new String(client.getData().forPath(\"/app/lock-"
        );
        // Nothing to offer: the line stays as typed.
        assert_eq!(complete("client.fly().x", &p).line, "client.fly().x");
    }

    #[test]
    fn paths_complete_one_level_at_a_time() {
        let p = paths();
        assert_eq!(complete("ls /z", &p).line, "ls /zookeeper");
        let c = complete("ls /ap", &p);
        assert_eq!(c.line, "ls /app");
        assert_eq!(c.candidates, ["/app", "/apple"]);
        let c = complete("get -s /app/l", &p);
        assert_eq!(c.line, "get -s /app/lock-");
        assert_eq!(c.candidates.len(), 2);
        assert_eq!(complete("ls /zookeeper/q", &p).line, "ls /zookeeper/quota");
        assert_eq!(complete("ls /nothing", &p).line, "ls /nothing");
        // A word not starting with '/' after the command is left alone.
        assert_eq!(complete("create -e", &p).line, "create -e");
        // Multi-byte text never panics.
        assert_eq!(complete("ls /ü", &p).line, "ls /ü");
        assert_eq!(
            complete("ls /", &p).candidates,
            ["/app", "/apple", "/zookeeper"]
        );
    }

    #[test]
    fn prefixes() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(common_prefix(&v(&["abc", "abd"])), "ab");
        assert_eq!(common_prefix(&v(&["ab", "abc"])), "ab");
        assert_eq!(common_prefix(&v(&["éa", "éb"])), "é");
        assert_eq!(common_prefix(&[]), "");
    }
}
