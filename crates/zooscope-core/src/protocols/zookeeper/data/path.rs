//! Znode path rules, exactly as ZooKeeper 3.8's `PathUtils.validatePath` states them.
//!
//! A path starts with `/`, has no trailing `/` (except the root itself), no empty
//! segment, no `.`/`..` segment and none of the forbidden characters (NUL, the C0 and C1
//! control ranges, UTF-16 surrogates and the private-use area, `U+FFF0..U+FFFF`). The
//! Java code walks UTF-16 code units, so the `@<index>` in its messages counts code units;
//! we do the same. A sequential create is validated with a `1` appended, so `/dir/` is a
//! fine sequential prefix. Source: `zookeeper-server/src/main/java/org/apache/zookeeper/
//! common/PathUtils.java` (3.8.0).

use std::cmp::Ordering;

/// Check a path. `Err` carries the `IllegalArgumentException` message the Java client
/// would throw (zkCli prints it verbatim).
pub fn validate_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("Path length must be > 0".to_string());
    }
    let units: Vec<u16> = path.encode_utf16().collect();
    if units[0] != u16::from(b'/') {
        return Err("Path must start with / character".to_string());
    }
    if units.len() == 1 {
        return Ok(());
    }
    if units[units.len() - 1] == u16::from(b'/') {
        return Err("Path must not end with / character".to_string());
    }
    let slash = u16::from(b'/');
    let dot = u16::from(b'.');
    let mut last = slash;
    let mut reason = None;
    for i in 1..units.len() {
        let c = units[i];
        let next_is_end_or_slash = i + 1 == units.len() || units[i + 1] == slash;
        if c == 0 {
            reason = Some(format!("null character not allowed @{i}"));
        } else if c == slash && last == slash {
            reason = Some(format!("empty node name specified @{i}"));
        } else if c == dot && last == dot {
            if units[i - 2] == slash && next_is_end_or_slash {
                reason = Some(format!("relative paths not allowed @{i}"));
            }
        } else if c == dot {
            if units[i - 1] == slash && next_is_end_or_slash {
                reason = Some(format!("relative paths not allowed @{i}"));
            }
        } else if (c > 0 && c <= 0x1f)
            || (0x7f..=0x9f).contains(&c)
            || (0xd800..=0xf8ff).contains(&c)
            || c >= 0xfff0
        {
            reason = Some(format!("invalid character @{i}"));
        }
        if reason.is_some() {
            break;
        }
        last = c;
    }
    match reason {
        Some(r) => Err(format!("Invalid path string \"{path}\" caused by {r}")),
        None => Ok(()),
    }
}

/// Validate the path a create will produce: sequential creates get a `1` appended first.
pub fn validate_create_path(path: &str, sequential: bool) -> Result<(), String> {
    if sequential {
        validate_path(&format!("{path}1"))
    } else {
        validate_path(path)
    }
}

/// Split at the last `/`: `("/a", "b")` for `/a/b`, `("", "a")` for `/a`. `None` when
/// there is no `/` at all. The empty parent is ZooKeeper's alias of the root.
pub fn split_last(path: &str) -> Option<(&str, &str)> {
    let i = path.rfind('/')?;
    Some((&path[..i], &path[i + 1..]))
}

/// The key a parent path is stored under: the root's alias `""` becomes `/`.
pub fn node_key(path: &str) -> &str {
    if path.is_empty() {
        "/"
    } else {
        path
    }
}

/// The full path of `child` under `parent` (`/` + child for the root).
pub fn join(parent: &str, child: &str) -> String {
    if parent == "/" || parent.is_empty() {
        format!("/{child}")
    } else {
        format!("{parent}/{child}")
    }
}

/// Every proper ancestor of `path`, nearest first, ending with `/` (empty for the root).
/// Borrows slices of `path`, so walking all of them costs time linear in its length.
pub fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let walkable = |p: &&str| *p != "/" && !p.is_empty();
    let mut rest = Some(path).filter(walkable);
    std::iter::from_fn(move || {
        let (parent, _) = split_last(rest?)?;
        rest = Some(parent).filter(walkable);
        Some(node_key(parent))
    })
}

/// `String.compareTo` order: by UTF-16 code unit, which is how Java sorts children.
pub fn java_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Java's `String.hashCode` (over UTF-16 code units, wrapping 32-bit arithmetic).
pub fn java_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_match_pathutils() {
        assert_eq!(validate_path(""), Err("Path length must be > 0".into()));
        assert_eq!(
            validate_path("a"),
            Err("Path must start with / character".into())
        );
        assert_eq!(
            validate_path("/a/"),
            Err("Path must not end with / character".into())
        );
        assert_eq!(
            validate_path("//a"),
            Err("Invalid path string \"//a\" caused by empty node name specified @1".into())
        );
        assert_eq!(
            validate_path("/a/.."),
            Err("Invalid path string \"/a/..\" caused by relative paths not allowed @4".into())
        );
        assert_eq!(
            validate_path("/a/./b"),
            Err("Invalid path string \"/a/./b\" caused by relative paths not allowed @3".into())
        );
        assert!(validate_path("/...").is_ok());
        assert!(validate_path("/a..b").is_ok());
        assert!(validate_path("/.a").is_ok());
        assert!(validate_path("/ünïcödé").is_ok());
        assert_eq!(
            validate_path("/a\u{1}"),
            Err("Invalid path string \"/a\u{1}\" caused by invalid character @2".into())
        );
        // A supplementary character is a surrogate pair in UTF-16: invalid.
        assert!(validate_path("/\u{1F600}").is_err());
        assert!(validate_create_path("/seq/", true).is_ok());
        assert!(validate_create_path("/seq/", false).is_err());
    }

    #[test]
    fn helpers() {
        assert_eq!(split_last("/a/b"), Some(("/a", "b")));
        assert_eq!(split_last("/a"), Some(("", "a")));
        assert_eq!(join("/", "a"), "/a");
        assert_eq!(join("/a", "b"), "/a/b");
        assert_eq!(ancestors("/a/b").collect::<Vec<_>>(), vec!["/a", "/"]);
        assert_eq!(ancestors("/a").collect::<Vec<_>>(), vec!["/"]);
        assert_eq!(ancestors("/").count(), 0);
        assert_eq!(ancestors("").count(), 0);
        assert_eq!(ancestors("//x").collect::<Vec<_>>(), vec!["/"]);
        assert_eq!(java_hash("abc"), 96354);
        assert_eq!(java_cmp("\u{FFFD}", "\u{1F600}"), Ordering::Greater);
    }
}
