//! zkCli commands through the bridge's session. The command line is parsed, checked
//! and printed by the core's zkCli [`Shell`] (the one the simulated console uses, which
//! prints what ZooKeeper 3.8's zkCli prints); [`RealApi`] answers its requests with the
//! real ensemble through zookeeper-client.
//!
//! What the bridge's shared session does not do: print watch events (`-w` sets a real
//! watch, which the servers' `wchp` then lists, but its event is not printed: the
//! session belongs to the tree reader too), `connect` and
//! `close` (the session stays), and requests outside the list in [`RealApi::call`]
//! (they answer `Unimplemented`). It never stops a server.

use crate::session::Session;
use crate::tree::core_stat;
use std::time::Duration;
use tokio::runtime::Handle;
use zookeeper_client as zk;
use zooscope_core::protocols::zookeeper::client::library::{ClientError, ClientState, ZkClientApi};
use zooscope_core::protocols::zookeeper::client::zkcli::Shell;
use zooscope_core::protocols::zookeeper::data::acl::Acl;
use zooscope_core::protocols::zookeeper::data::error::ZkError;
use zooscope_core::protocols::zookeeper::data::request::{CreateMode, ZkRequest, ZkResponse};
use zooscope_core::protocols::zookeeper::data::session::SessionId;
use zooscope_core::protocols::zookeeper::data::watch::WatchedEvent;

/// Longest a command line may be.
pub const LINE_MAX: usize = 4_096;
/// Longest one request may take.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(5);
/// Longest `sleep` honoured.
pub const SLEEP_MAX: Duration = Duration::from_secs(5);

/// Runs `line` and returns what zkCli prints. Blocks: call it from a blocking thread.
pub fn run_line(handle: Handle, session: Session, cluster: &str, line: &str) -> String {
    if line.len() > LINE_MAX {
        return format!("command longer than {LINE_MAX} bytes\n");
    }
    let client = handle.block_on(session.client());
    let mut api = RealApi {
        handle,
        session,
        client: client.ok(),
    };
    Shell::new(cluster).execute(line.trim(), &mut api)
}

/// [`ZkClientApi`] over a real session.
pub struct RealApi {
    handle: Handle,
    session: Session,
    client: Option<zk::Client>,
}

fn keeper(e: &zk::Error) -> ClientError {
    use zk::Error as E;
    ClientError::Keeper(match e {
        E::NoNode => ZkError::NoNode,
        E::NoAuth => ZkError::NoAuth,
        E::BadVersion => ZkError::BadVersion,
        E::NoChildrenForEphemerals => ZkError::NoChildrenForEphemerals,
        E::NodeExists => ZkError::NodeExists,
        E::NotEmpty => ZkError::NotEmpty,
        E::SessionExpired => ZkError::SessionExpired,
        E::InvalidAcl => ZkError::InvalidAcl,
        E::AuthFailed => ZkError::AuthFailed,
        E::SessionMoved => ZkError::SessionMoved,
        E::NotReadOnly => ZkError::NotReadOnly,
        E::BadArguments(_) => ZkError::BadArguments,
        E::Unimplemented => ZkError::Unimplemented,
        E::MarshallingError => ZkError::MarshallingError,
        _ => ZkError::ConnectionLoss,
    })
}

fn real_acls(acl: &[Acl]) -> Result<Vec<zk::Acl>, ClientError> {
    acl.iter()
        .map(|a| {
            let perm = zk::Permission::try_from(a.perms)
                .map_err(|_| ClientError::Keeper(ZkError::InvalidAcl))?;
            Ok(zk::Acl::new(perm, zk::AuthId::new(&a.id.scheme, &a.id.id)))
        })
        .collect()
}

fn real_mode(mode: CreateMode) -> Option<zk::CreateMode> {
    Some(match mode {
        CreateMode::Persistent => zk::CreateMode::Persistent,
        CreateMode::Ephemeral => zk::CreateMode::Ephemeral,
        CreateMode::PersistentSequential => zk::CreateMode::PersistentSequential,
        CreateMode::EphemeralSequential => zk::CreateMode::EphemeralSequential,
        CreateMode::Container => zk::CreateMode::Container,
        CreateMode::PersistentWithTtl | CreateMode::PersistentSequentialWithTtl => return None,
    })
}

fn version(v: i32) -> Option<i32> {
    (v >= 0).then_some(v)
}

impl RealApi {
    async fn answer(
        client: &zk::Client,
        session: &Session,
        req: ZkRequest,
    ) -> Result<ZkResponse, ClientError> {
        let k = |e: zk::Error| keeper(&e);
        Ok(match req {
            ZkRequest::Create {
                path,
                data,
                acl,
                mode,
                ..
            } => {
                let mode = real_mode(mode).ok_or(ClientError::Keeper(ZkError::Unimplemented))?;
                let acls = real_acls(&acl)?;
                let options = mode.with_acls(zk::Acls::new(&acls));
                let data = data.unwrap_or_default();
                let (stat, seq) = client.create(&path, &data, &options).await.map_err(k)?;
                let path = if mode == zk::CreateMode::PersistentSequential
                    || mode == zk::CreateMode::EphemeralSequential
                {
                    format!("{path}{seq}")
                } else {
                    path
                };
                ZkResponse::Created {
                    path,
                    stat: core_stat(&stat),
                }
            }
            ZkRequest::Delete { path, version: v } => {
                client.delete(&path, version(v)).await.map_err(k)?;
                ZkResponse::Ok
            }
            ZkRequest::SetData {
                path,
                data,
                version: v,
            } => {
                let data = data.unwrap_or_default();
                let stat = client.set_data(&path, &data, version(v)).await.map_err(k)?;
                ZkResponse::Stat(core_stat(&stat))
            }
            ZkRequest::Exists { path, watch } => {
                let stat = if watch {
                    let (stat, watcher) = client.check_and_watch_stat(&path).await.map_err(k)?;
                    session.keep_watch(watcher);
                    stat
                } else {
                    client.check_stat(&path).await.map_err(k)?
                };
                match stat {
                    Some(stat) => ZkResponse::Stat(core_stat(&stat)),
                    None => return Err(ClientError::Keeper(ZkError::NoNode)),
                }
            }
            ZkRequest::GetData { path, watch } => {
                let (data, stat) = if watch {
                    let (data, stat, watcher) =
                        client.get_and_watch_data(&path).await.map_err(k)?;
                    session.keep_watch(watcher);
                    (data, stat)
                } else {
                    client.get_data(&path).await.map_err(k)?
                };
                ZkResponse::Data {
                    data: Some(data),
                    stat: core_stat(&stat),
                }
            }
            ZkRequest::GetChildren {
                path,
                with_stat,
                watch,
            } => {
                let (children, stat) = if watch {
                    let (children, stat, watcher) =
                        client.get_and_watch_children(&path).await.map_err(k)?;
                    session.keep_watch(watcher);
                    (children, stat)
                } else {
                    client.get_children(&path).await.map_err(k)?
                };
                ZkResponse::Children {
                    children,
                    stat: with_stat.then(|| core_stat(&stat)),
                }
            }
            ZkRequest::GetAllChildrenNumber { path } => {
                let n = client.count_descendants_number(&path).await.map_err(k)?;
                ZkResponse::Count(i32::try_from(n).unwrap_or(i32::MAX))
            }
            ZkRequest::GetEphemerals { prefix } => {
                ZkResponse::Paths(client.list_ephemerals(&prefix).await.map_err(k)?)
            }
            ZkRequest::Sync { path } => {
                client.sync(&path).await.map_err(k)?;
                ZkResponse::Synced { path }
            }
            _ => return Err(ClientError::Keeper(ZkError::Unimplemented)),
        })
    }
}

impl ZkClientApi for RealApi {
    fn call(&mut self, req: ZkRequest) -> Result<ZkResponse, ClientError> {
        let Some(client) = self.client.clone() else {
            return Err(ClientError::Keeper(ZkError::ConnectionLoss));
        };
        let session = self.session.clone();
        self.handle.block_on(async move {
            match tokio::time::timeout(CALL_TIMEOUT, Self::answer(&client, &session, req)).await {
                Ok(Err(e)) => {
                    if matches!(e, ClientError::Keeper(ZkError::SessionExpired)) {
                        session.reset_if_ended(&zk::Error::SessionExpired).await;
                    }
                    Err(e)
                }
                Ok(ok) => ok,
                Err(_) => Err(ClientError::Keeper(ZkError::OperationTimeout)),
            }
        })
    }

    fn take_watch_events(&mut self) -> Vec<WatchedEvent> {
        Vec::new()
    }

    fn session_id(&self) -> Option<SessionId> {
        self.client.as_ref().map(|c| c.session_id().0 as u64)
    }

    fn state(&self) -> ClientState {
        match &self.client {
            Some(c) if !c.state().is_terminated() => ClientState::Connected,
            Some(_) => ClientState::Closed,
            None => ClientState::Connecting,
        }
    }

    fn connect(&mut self, _host: &str) {}

    fn close(&mut self) {}

    fn sleep(&mut self, ms: u64) {
        std::thread::sleep(Duration::from_millis(ms).min(SLEEP_MAX));
    }
}
