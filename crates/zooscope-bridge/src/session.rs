//! The bridge's one ZooKeeper client session (zookeeper-client crate), shared by the tree
//! reader and the zkCli commands. It is opened lazily, and dropped and opened again
//! after it expires or closes, so servers going away and coming back cost a round or
//! two of "no session", never the bridge.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use zookeeper_client as zk;

/// Session timeout asked of the ensemble.
pub const SESSION_TIMEOUT: Duration = Duration::from_secs(6);
/// Longest wait for one server to accept the TCP connection.
pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(1);
/// Longest wait for a session to be established at all.
pub const ESTABLISH_TIMEOUT: Duration = Duration::from_secs(4);

/// Most watches set through zkCli commands that are kept (the oldest is removed first).
pub const WATCHES_KEPT_MAX: usize = 100;

/// The shared session.
#[derive(Clone)]
pub struct Session {
    cluster: String,
    client: Arc<Mutex<Option<zk::Client>>>,
    /// Watches set by `get -w`, `stat -w`, `ls -w`: the client crate removes a watch from
    /// the server when its watcher is dropped, so they are held here.
    watches: Arc<std::sync::Mutex<VecDeque<zk::OneshotWatcher>>>,
}

impl Session {
    /// A session to the comma-separated `cluster`, not yet opened.
    pub fn new(cluster: String) -> Self {
        Session {
            cluster,
            client: Arc::new(Mutex::new(None)),
            watches: Arc::default(),
        }
    }

    /// Keeps `watcher` (and so its watch on the server), dropping the oldest past
    /// [`WATCHES_KEPT_MAX`].
    pub fn keep_watch(&self, watcher: zk::OneshotWatcher) {
        let mut kept = self.watches.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() == WATCHES_KEPT_MAX {
            kept.pop_front();
        }
        kept.push_back(watcher);
    }

    /// The live client, opening a new session if there is none (or it ended).
    pub async fn client(&self) -> Result<zk::Client, String> {
        let mut slot = self.client.lock().await;
        if let Some(c) = slot.as_ref() {
            if !c.state().is_terminated() {
                return Ok(c.clone());
            }
        }
        *slot = None;
        let connect = zk::Client::connector()
            .with_session_timeout(SESSION_TIMEOUT)
            .with_connection_timeout(CONNECTION_TIMEOUT)
            .with_fail_eagerly()
            .connect(&self.cluster);
        match tokio::time::timeout(ESTABLISH_TIMEOUT, connect).await {
            Err(_) => Err(format!("no session within {ESTABLISH_TIMEOUT:?}")),
            Ok(Err(e)) => Err(e.to_string()),
            Ok(Ok(c)) => {
                *slot = Some(c.clone());
                Ok(c)
            }
        }
    }

    /// Forget the client after an error that ends its session.
    pub async fn reset_if_ended(&self, error: &zk::Error) {
        if matches!(
            error,
            zk::Error::SessionExpired | zk::Error::ClientClosed | zk::Error::AuthFailed
        ) {
            *self.client.lock().await = None;
        }
    }
}
