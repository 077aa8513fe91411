//! Znode metadata: the persisted stat a server keeps and the `Stat` a client sees.
//!
//! Follows `DataTree.createStat`, `DataNode.copyStat` and `EphemeralType` in ZooKeeper
//! 3.8. Two translations happen on the way to the client: the persisted `cversion`
//! counts child *creations* and is shown as `2*cversion - numChildren` (creations plus
//! deletions), and the `ephemeralOwner` of containers and TTL nodes (which encodes their
//! type) is shown as 0.

use serde::{Deserialize, Serialize};

/// `ephemeralOwner` marker of a container node (`Long.MIN_VALUE`).
pub const CONTAINER_OWNER: u64 = 0x8000_0000_0000_0000;
/// The top byte that marks an extended (TTL) `ephemeralOwner`.
pub const EXTENDED_MASK: u64 = 0xff00_0000_0000_0000;
/// Largest TTL in milliseconds (`2^40 - 1`, about 34 years).
pub const MAX_TTL_MS: i64 = 0x0000_00ff_ffff_ffff;

/// What a raw `ephemeralOwner` says about a node (`EphemeralType.get` with extended
/// types enabled).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NodeKind {
    /// Owner 0: a persistent node.
    Persistent,
    /// A real ephemeral, owned by this session.
    Ephemeral(u64),
    /// A container.
    Container,
    /// A TTL node with this TTL in milliseconds.
    Ttl(u64),
}

impl NodeKind {
    /// Decode a raw owner field.
    pub fn of_owner(owner: u64) -> NodeKind {
        if owner == 0 {
            NodeKind::Persistent
        } else if owner == CONTAINER_OWNER {
            NodeKind::Container
        } else if owner & EXTENDED_MASK == EXTENDED_MASK {
            NodeKind::Ttl(owner & (MAX_TTL_MS as u64))
        } else {
            NodeKind::Ephemeral(owner)
        }
    }

    /// Encode a TTL as an owner field (`EphemeralType.TTL.toEphemeralOwner`).
    pub fn ttl_owner(ttl_ms: u64) -> u64 {
        EXTENDED_MASK | (ttl_ms & (MAX_TTL_MS as u64))
    }
}

/// The stat a server stores with every node (`StatPersisted`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StatPersisted {
    /// Zxid of the create.
    pub czxid: u64,
    /// Zxid of the last setData (or the create).
    pub mzxid: u64,
    /// Time of the create, ms since the epoch.
    pub ctime: i64,
    /// Time of the last setData, ms since the epoch.
    pub mtime: i64,
    /// Data version.
    pub version: i32,
    /// Number of child creations ever (the client sees `2*cversion - numChildren`).
    pub cversion: i32,
    /// ACL version.
    pub aversion: i32,
    /// Raw owner: session id, container marker, TTL encoding or 0.
    pub ephemeral_owner: u64,
    /// Zxid of the last child create or delete.
    pub pzxid: u64,
}

impl StatPersisted {
    /// A fresh stat for a node created by the txn `zxid` at `time` (`DataTree.createStat`).
    pub fn new(zxid: u64, time: i64, ephemeral_owner: u64) -> Self {
        StatPersisted {
            czxid: zxid,
            mzxid: zxid,
            ctime: time,
            mtime: time,
            version: 0,
            cversion: 0,
            aversion: 0,
            ephemeral_owner,
            pzxid: zxid,
        }
    }

    /// The client's view (`DataNode.copyStat`).
    pub fn to_stat(&self, data_length: u32, num_children: u32) -> Stat {
        let owner = match NodeKind::of_owner(self.ephemeral_owner) {
            NodeKind::Ephemeral(s) => s,
            _ => 0,
        };
        Stat {
            czxid: self.czxid,
            mzxid: self.mzxid,
            ctime: self.ctime,
            mtime: self.mtime,
            version: self.version,
            cversion: self
                .cversion
                .wrapping_mul(2)
                .wrapping_sub(num_children as i32),
            aversion: self.aversion,
            ephemeral_owner: owner,
            data_length: data_length as i32,
            num_children: num_children as i32,
            pzxid: self.pzxid,
        }
    }
}

/// The `Stat` record a client receives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stat {
    /// Zxid of the create.
    pub czxid: u64,
    /// Zxid of the last setData.
    pub mzxid: u64,
    /// Create time, ms since the epoch.
    pub ctime: i64,
    /// Last setData time, ms since the epoch.
    pub mtime: i64,
    /// Data version (`dataVersion` in zkCli).
    pub version: i32,
    /// Child changes: creations plus deletions.
    pub cversion: i32,
    /// ACL version (`aclVersion` in zkCli).
    pub aversion: i32,
    /// Owning session of an ephemeral, else 0.
    pub ephemeral_owner: u64,
    /// Bytes of data (0 for null data).
    pub data_length: i32,
    /// Number of children.
    pub num_children: i32,
    /// Zxid of the last child create or delete.
    pub pzxid: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_translation() {
        assert_eq!(NodeKind::of_owner(0), NodeKind::Persistent);
        assert_eq!(NodeKind::of_owner(CONTAINER_OWNER), NodeKind::Container);
        assert_eq!(
            NodeKind::of_owner(NodeKind::ttl_owner(1000)),
            NodeKind::Ttl(1000)
        );
        assert_eq!(
            NodeKind::of_owner(0x1000_0000_0000),
            NodeKind::Ephemeral(0x1000_0000_0000)
        );
        let mut p = StatPersisted::new(5, 10, CONTAINER_OWNER);
        p.cversion = 3;
        let s = p.to_stat(4, 1);
        assert_eq!(s.cversion, 5);
        assert_eq!(s.ephemeral_owner, 0);
        assert_eq!(s.data_length, 4);
        // The initial /zookeeper node: two children added without creates.
        assert_eq!(StatPersisted::default().to_stat(0, 2).cversion, -2);
    }
}
