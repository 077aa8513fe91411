//! `ZKPaths.mkdirs` as a chain of calls (curator-client `utils/ZKPaths.java:312`), for
//! the framework and the caches alike.
//!
//! For each prefix of the path below the root (and the path itself when `make_last`):
//! `exists(prefix, false)`, and if that says NoNode, `create(prefix, new byte[0],
//! OPEN_ACL_UNSAFE, CONTAINER)` (PERSISTENT when not `containers`), ignoring
//! NodeExists. The framework makes a namespace and a create's parents with it
//! (`creatingParentsIfNeeded()`, `creatingParentContainersIfNeeded()`), failing the call
//! on any other error ([`Mkdirs::reply`]); the caches use it where Curator does:
//! `checkExists()` with `creatingParentContainersIfNeeded()` (parents only, in the
//! background; the parent and its parents in the foreground) and `EnsureContainers` (the
//! path and its parents), moving on to the next prefix after any other error
//! ([`Mkdirs::next`]: Curator's retry loop and exception paths there are not modelled).

use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::{CreateMode, ZkRequest, ZkResponse};

/// One `mkdirs` in progress.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mkdirs {
    /// The paths still to make sure of, outermost first.
    todo: Vec<String>,
    containers: bool,
    /// Waiting for the `create` of `todo[0]` (else for its `exists`).
    creating: bool,
}

/// The ZooKeeper error of a reply (None: it succeeded).
pub fn reply_error(r: &Result<ZkResponse, ClientError>) -> Option<ZkError> {
    match r {
        Ok(resp) => resp.error(),
        Err(ClientError::Keeper(e)) => Some(*e),
        Err(ClientError::IllegalArgument(_)) => Some(ZkError::BadArguments),
    }
}

impl Mkdirs {
    /// `mkdirs(path, make_last, containers)`: the proper ancestors of `path` (root
    /// excluded), outermost first, plus `path` itself when `make_last`.
    pub fn new(path: &str, make_last: bool, containers: bool) -> Self {
        let mut todo: Vec<String> = path::ancestors(path)
            .filter(|a| *a != "/")
            .map(str::to_string)
            .collect();
        todo.reverse();
        if make_last && path != "/" {
            todo.push(path.to_string());
        }
        Mkdirs {
            todo,
            containers,
            creating: false,
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

    /// Nothing (left) to make.
    pub fn is_done(&self) -> bool {
        self.todo.is_empty()
    }

    /// The call to make now (None when done).
    pub fn request(&self) -> Option<ZkRequest> {
        let p = self.todo.first()?.clone();
        Some(if self.creating {
            ZkRequest::Create {
                path: p,
                data: Some(Vec::new()),
                acl: open_acl_unsafe(),
                mode: if self.containers {
                    CreateMode::Container
                } else {
                    CreateMode::Persistent
                },
                ttl: -1,
            }
        } else {
            ZkRequest::Exists {
                path: p,
                watch: false,
            }
        })
    }

    /// Take the reply to [`Mkdirs::request`]: Ok(true) when every path is there, the
    /// error (other than NoNode on `exists`, NodeExists on `create`) otherwise.
    pub fn reply(&mut self, r: &Result<ZkResponse, ClientError>) -> Result<bool, ZkError> {
        match (self.creating, reply_error(r)) {
            (true, None | Some(ZkError::NodeExists)) | (false, None) => {
                self.todo.remove(0);
                self.creating = false;
            }
            (false, Some(ZkError::NoNode)) => self.creating = true,
            (_, Some(e)) => return Err(e),
        }
        Ok(self.todo.is_empty())
    }

    /// The caches' form: given the reply to the previous call (None at first), the next
    /// call, or None when the chain is done; an error moves on to the next prefix.
    pub fn next(&mut self, last: Option<&Result<ZkResponse, ClientError>>) -> Option<ZkRequest> {
        if let Some(r) = last {
            if self.reply(r).is_err() && !self.todo.is_empty() {
                self.todo.remove(0);
                self.creating = false;
            }
        }
        self.request()
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
