//! Reading the tree and its Stats through the bridge's session, breadth first from `/`,
//! children in name order, cut at [`ZNODES_MAX`] znodes and [`DEPTH_MAX`] levels.

use crate::session::Session;
use std::collections::VecDeque;
use std::time::Duration;
use zookeeper_client as zk;
use zooscope_core::live::{data_preview, LiveTree, LiveZnode, DEPTH_MAX, ZNODES_MAX};
use zooscope_core::protocols::zookeeper::data::stat::Stat;

/// Longest time one tree read may take.
pub const TREE_TIMEOUT: Duration = Duration::from_secs(5);

/// The client crate's Stat as the core's.
pub fn core_stat(s: &zk::Stat) -> Stat {
    Stat {
        czxid: s.czxid as u64,
        mzxid: s.mzxid as u64,
        ctime: s.ctime,
        mtime: s.mtime,
        version: s.version,
        cversion: s.cversion,
        aversion: s.aversion,
        ephemeral_owner: s.ephemeral_owner as u64,
        data_length: s.data_length,
        num_children: s.num_children,
        pzxid: s.pzxid as u64,
    }
}

/// Reads the tree (or says why it could not).
pub async fn read_tree(session: &Session) -> LiveTree {
    let client = match session.client().await {
        Ok(c) => c,
        Err(error) => {
            return LiveTree {
                error: Some(error),
                ..LiveTree::default()
            }
        }
    };
    let id = client.session_id().0 as u64;
    match tokio::time::timeout(TREE_TIMEOUT, walk(&client)).await {
        Ok(Ok((nodes, truncated))) => LiveTree {
            nodes,
            truncated,
            session: Some(id),
            error: None,
        },
        Ok(Err(e)) => {
            session.reset_if_ended(&e).await;
            LiveTree {
                session: Some(id),
                error: Some(e.to_string()),
                ..LiveTree::default()
            }
        }
        Err(_) => LiveTree {
            session: Some(id),
            error: Some(format!("tree not read within {TREE_TIMEOUT:?}")),
            ..LiveTree::default()
        },
    }
}

async fn walk(client: &zk::Client) -> Result<(Vec<LiveZnode>, bool), zk::Error> {
    let mut nodes = Vec::new();
    let mut truncated = false;
    let mut queue = VecDeque::from([("/".to_string(), 0usize)]);
    while let Some((path, depth)) = queue.pop_front() {
        if nodes.len() == ZNODES_MAX {
            truncated = true;
            break;
        }
        let (data, stat) = match client.get_data(&path).await {
            Ok(found) => found,
            // Deleted between the parent's listing and now.
            Err(zk::Error::NoNode) => continue,
            Err(e) => return Err(e),
        };
        if stat.num_children > 0 {
            if depth == DEPTH_MAX {
                truncated = true;
            } else {
                let mut children = match client.list_children(&path).await {
                    Ok(c) => c,
                    Err(zk::Error::NoNode) => Vec::new(),
                    Err(e) => return Err(e),
                };
                children.sort();
                let prefix = if path == "/" { "" } else { path.as_str() };
                queue.extend(
                    children
                        .into_iter()
                        .map(|c| (format!("{prefix}/{c}"), depth + 1)),
                );
            }
        }
        nodes.push(LiveZnode {
            path,
            stat: core_stat(&stat),
            data: data_preview(&data),
        });
    }
    Ok((nodes, truncated))
}
