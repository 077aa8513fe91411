//! What the ZooKeeper invariant checkers report, as data.
//!
//! One [`ViolationDetail`] variant per way a checker in [`crate::invariants`] can fail,
//! with the servers and zxids involved; the lab's invariant panel words it in the UI
//! language. `Display` is the English sentence the trace prints (the text these details
//! were before they were typed) and `Hash` hashes that text, so recorded run
//! fingerprints still match.

use super::note::Anomaly;
use std::fmt;

/// One broken safety property, with the offending values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViolationDetail {
    /// Total order: a server delivered a zxid not above its previous one.
    NotGrowing {
        /// The server.
        sid: u64,
        /// Delivered.
        zxid: u64,
        /// Its previous delivery.
        prev: u64,
    },
    /// Agreement: two servers delivered different txns under one zxid.
    AgreementBroken {
        /// The server that differs.
        sid: u64,
        /// The zxid.
        zxid: u64,
    },
    /// Total order: after the same txn, two servers delivered different next txns.
    OrderBroken {
        /// The common predecessor.
        prev: u64,
        /// What another server delivered next.
        next: u64,
        /// The server that differs.
        sid: u64,
        /// What it delivered.
        zxid: u64,
    },
    /// Prefix: a txn followed different predecessors on two servers.
    PrefixBroken {
        /// The server that differs.
        sid: u64,
        /// The txn.
        zxid: u64,
        /// Its predecessor here.
        prev: u64,
        /// Its predecessor elsewhere.
        elsewhere: u64,
    },
    /// An ephemeral node outlived its session.
    StaleEphemerals {
        /// The server.
        sid: u64,
        /// The ephemeral paths.
        paths: Vec<String>,
        /// The closed session.
        session: u64,
    },
    /// Two servers at the same zxid hold different data trees.
    TreesDiffer {
        /// One server.
        a: u64,
        /// The other.
        b: u64,
        /// The zxid both processed up to.
        zxid: u64,
    },
    /// A server hit a branch real ZooKeeper treats as fatal.
    Anomaly {
        /// The server.
        sid: u64,
        /// What happened.
        anomaly: Anomaly,
    },
    /// Two leaders established the same epoch.
    TwoLeaders {
        /// The first leader.
        first: u64,
        /// The second.
        second: u64,
        /// The epoch.
        epoch: u32,
    },
    /// A server's deliveries went backwards.
    ZxidBackwards {
        /// The server.
        sid: u64,
        /// Delivered.
        zxid: u64,
        /// Delivered before it.
        last: u64,
    },
    /// A server installed a snapshot older than what it had delivered.
    SnapshotBackwards {
        /// The server.
        sid: u64,
        /// The snapshot's last txn.
        last_txn: u64,
        /// Delivered before it.
        last: u64,
    },
}

impl fmt::Display for ViolationDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViolationDetail::NotGrowing { sid, zxid, prev } => write!(
                f,
                "server {sid} delivered 0x{zxid:x} after 0x{prev:x} (zxids must grow)"
            ),
            ViolationDetail::AgreementBroken { sid, zxid } => write!(
                f,
                "agreement broken: server {sid} delivered a different txn as 0x{zxid:x}"
            ),
            ViolationDetail::OrderBroken {
                prev,
                next,
                sid,
                zxid,
            } => write!(
                f,
                "order broken: after 0x{prev:x} one server delivered 0x{next:x} but server {sid} \
                 delivered 0x{zxid:x} (a committed txn was lost or reordered)"
            ),
            ViolationDetail::PrefixBroken {
                sid,
                zxid,
                prev,
                elsewhere,
            } => write!(
                f,
                "prefix broken: server {sid} delivered 0x{zxid:x} after 0x{prev:x} but it \
                 followed 0x{elsewhere:x} elsewhere"
            ),
            ViolationDetail::StaleEphemerals {
                sid,
                paths,
                session,
            } => write!(
                f,
                "server {sid} holds ephemerals {paths:?} of closed session 0x{session:x}"
            ),
            ViolationDetail::TreesDiffer { a, b, zxid } => write!(
                f,
                "servers {a} and {b} both processed up to 0x{zxid:x} but hold different trees"
            ),
            ViolationDetail::Anomaly { sid, anomaly } => write!(f, "server {sid}: {anomaly}"),
            ViolationDetail::TwoLeaders {
                first,
                second,
                epoch,
            } => write!(
                f,
                "servers {first} and {second} both established leadership of epoch {epoch}"
            ),
            ViolationDetail::ZxidBackwards { sid, zxid, last } => {
                write!(f, "server {sid} delivered 0x{zxid:x} after 0x{last:x}")
            }
            ViolationDetail::SnapshotBackwards {
                sid,
                last_txn,
                last,
            } => write!(
                f,
                "server {sid} installed a snapshot ending at 0x{last_txn:x} after delivering \
                 0x{last:x}"
            ),
        }
    }
}

crate::hash_as_text!(ViolationDetail);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::StableHasher;

    #[test]
    fn details_print_and_hash_as_the_old_sentences() {
        let cases = [
            (
                ViolationDetail::TwoLeaders {
                    first: 1,
                    second: 3,
                    epoch: 2,
                },
                "servers 1 and 3 both established leadership of epoch 2",
            ),
            (
                ViolationDetail::OrderBroken {
                    prev: 0x1_0000_0001,
                    next: 0x1_0000_0002,
                    sid: 2,
                    zxid: 0x1_0000_0003,
                },
                "order broken: after 0x100000001 one server delivered 0x100000002 but server 2 \
                 delivered 0x100000003 (a committed txn was lost or reordered)",
            ),
            (
                ViolationDetail::StaleEphemerals {
                    sid: 1,
                    paths: vec!["/a".into()],
                    session: 0x10,
                },
                "server 1 holds ephemerals [\"/a\"] of closed session 0x10",
            ),
        ];
        for (detail, old) in cases {
            assert_eq!(detail.to_string(), old);
            assert_eq!(
                StableHasher::hash_of(&detail),
                StableHasher::hash_of(&old.to_string())
            );
        }
    }
}
