//! `ZKPaths.mkdirs` as a chain of blocking calls (curator-client `utils/ZKPaths.java:312`).
//!
//! For each prefix of the path below the root (and the path itself when `make_last`):
//! `exists(prefix, false)`, and if that says NoNode, `create(prefix, new byte[0],
//! OPEN_ACL_UNSAFE, CONTAINER)` (PERSISTENT when not `as_containers`), ignoring
//! NodeExists. The caches use it where Curator does: `checkExists()` with
//! `creatingParentContainersIfNeeded()` (parents only, in the background; the parent and
//! its parents in the foreground) and `EnsureContainers` (the path and its parents).
//! Errors other than NoNode on `exists` move on to the next prefix (Curator's retry loop
//! and exception paths are not modelled).

use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::{CreateMode, ZkRequest, ZkResponse};
use std::collections::VecDeque;

/// One `mkdirs` in progress.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mkdirs {
    todo: VecDeque<String>,
    /// The prefix whose `exists` (false) or `create` (true) is in flight.
    current: Option<(String, bool)>,
    containers: bool,
}

impl Mkdirs {
    /// `mkdirs(path, make_last, containers)`.
    pub fn new(path: &str, make_last: bool, containers: bool) -> Self {
        let mut todo = VecDeque::new();
        for (i, c) in path.char_indices().skip(1) {
            if c == '/' {
                todo.push_back(path[..i].to_string());
            }
        }
        if make_last && path != "/" {
            todo.push_back(path.to_string());
        }
        Mkdirs {
            todo,
            current: None,
            containers,
        }
    }

    /// The parents of `path` (the foreground `checkExists().creatingParentContainersIfNeeded()`:
    /// `mkdirs(parent, true)` unless the parent is the root).
    pub fn parents_of(path: &str) -> Self {
        match path.rfind('/') {
            Some(i) if i > 0 => Mkdirs::new(&path[..i], true, true),
            _ => Mkdirs::new("/", false, true),
        }
    }

    /// Given the reply to the previous call (None at first), the next call to make, or
    /// None when the chain is done.
    pub fn next(&mut self, last: Option<&Result<ZkResponse, ClientError>>) -> Option<ZkRequest> {
        if let (Some((p, false)), Some(Err(ClientError::Keeper(ZkError::NoNode)))) =
            (&self.current, last)
        {
            let p = p.clone();
            self.current = Some((p.clone(), true));
            return Some(ZkRequest::Create {
                path: p,
                data: Some(Vec::new()),
                acl: open_acl_unsafe(),
                mode: if self.containers {
                    CreateMode::Container
                } else {
                    CreateMode::Persistent
                },
                ttl: -1,
            });
        }
        let p = self.todo.pop_front()?;
        self.current = Some((p.clone(), false));
        Some(ZkRequest::Exists {
            path: p,
            watch: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_each_prefix_and_creates_missing_ones() {
        let mut m = Mkdirs::new("/a/b", true, true);
        let r = m.next(None).unwrap();
        assert!(matches!(r, ZkRequest::Exists { ref path, .. } if path == "/a"));
        let r = m
            .next(Some(&Err(ClientError::Keeper(ZkError::NoNode))))
            .unwrap();
        assert!(
            matches!(r, ZkRequest::Create { ref path, mode: CreateMode::Container, .. } if path == "/a")
        );
        let r = m.next(Some(&Ok(ZkResponse::Ok))).unwrap();
        assert!(matches!(r, ZkRequest::Exists { ref path, .. } if path == "/a/b"));
        assert!(m.next(Some(&Ok(ZkResponse::Ok))).is_none());
        assert!(Mkdirs::new("/top", false, true).next(None).is_none());
        assert!(Mkdirs::parents_of("/top").next(None).is_none());
        let mut p = Mkdirs::parents_of("/x/y");
        assert!(matches!(p.next(None), Some(ZkRequest::Exists { ref path, .. }) if path == "/x"));
    }
}
