//! One trace event as a line of the lab's event log, in zh-CN and English.
//!
//! Every part comes from the event's typed fields: nodes are named as the lab names them
//! (`S2`, `c1`), notes and violations are worded by [`super::notes`], and messages by
//! their kind and fields. ZooKeeper's own words stay as they are: packet kinds
//! (`PROPOSAL`), state names (`LEADING`), zxids in hex, request names (`create`),
//! KeeperException messages and the `WatchedEvent` line the Java client prints.
//! Commands are shown as the run file and the CLI write them (`crash node 2`).

use super::notes::{kernel_note, violation, zk_note};
use super::Lang;
use zooscope_core::id::NodeId;
use zooscope_core::note::TraceNote;
use zooscope_core::process::LinkEvent;
use zooscope_core::protocols::zookeeper::msg::ZkMsg;
use zooscope_core::protocols::zookeeper::node::ZkNode;
use zooscope_core::protocols::zookeeper::replication::zab::packet::ZabPacket;
use zooscope_core::protocols::zookeeper::timer::ZkTimer;
use zooscope_core::trace::{DropReason, TraceKind};

/// The text of one event (without its time and node, which the log shows in columns).
pub fn event_text(kind: &TraceKind<ZkNode>, lang: Lang, name: &dyn Fn(NodeId) -> String) -> String {
    let zh = lang == Lang::Zh;
    match kind {
        TraceKind::Delivered {
            id, from, to, msg, ..
        } => format!(
            "{} → {} {id} {}",
            name(*from),
            name(*to),
            message(msg, lang)
        ),
        TraceKind::Dropped {
            id,
            from,
            to,
            kind,
            reason,
        } => {
            let why = drop_reason(*reason, lang);
            if zh {
                format!(
                    "{} → {} {id} {kind} 被丢弃（{why}）",
                    name(*from),
                    name(*to)
                )
            } else {
                format!(
                    "{} → {} {id} {kind} dropped ({why})",
                    name(*from),
                    name(*to)
                )
            }
        }
        TraceKind::Timer { timer, .. } => {
            let t = timer_name(*timer, lang);
            if zh {
                format!("定时器到期：{t}")
            } else {
                format!("timer fired: {t}")
            }
        }
        TraceKind::Link { peer, event, .. } => {
            let peer = name(*peer);
            match (event, zh) {
                (LinkEvent::Connected, true) => format!("与 {peer} 的连接已建立"),
                (LinkEvent::ConnectFailed, true) => format!("连接 {peer} 失败"),
                (LinkEvent::Disconnected, true) => format!("与 {peer} 的连接已断开"),
                (LinkEvent::Connected, false) => format!("connected to {peer}"),
                (LinkEvent::ConnectFailed, false) => format!("could not connect to {peer}"),
                (LinkEvent::Disconnected, false) => format!("disconnected from {peer}"),
            }
        }
        TraceKind::Command(c) => {
            if zh {
                format!("操作：{c}")
            } else {
                format!("command: {c}")
            }
        }
        TraceKind::Note { note, .. } => match note {
            TraceNote::Kernel(k) => kernel_note(k, lang, name, &|t: &ZkTimer| {
                timer_name(*t, lang).to_string()
            }),
            TraceNote::Node(n) => zk_note(n, lang),
        },
        TraceKind::Status { from, to, .. } => format!("{from} → {to}"),
        TraceKind::Violation { invariant, details } => {
            let d = violation(details, lang);
            if zh {
                format!("违反不变式 {invariant}：{d}")
            } else {
                format!("invariant broken, {invariant}: {d}")
            }
        }
    }
}

/// Why a message was lost.
pub fn drop_reason(r: DropReason, lang: Lang) -> &'static str {
    match (r, lang) {
        (DropReason::Loss, Lang::Zh) => "随机丢包",
        (DropReason::Partition, Lang::Zh) => "被网络分区阻断",
        (DropReason::NotConnected, Lang::Zh) => "没有连接",
        (DropReason::ConnectionBroken, Lang::Zh) => "连接已断开",
        (DropReason::ReceiverDown, Lang::Zh) => "接收方已停止",
        (DropReason::ByUser, Lang::Zh) => "由你丢弃",
        (DropReason::PathFull, Lang::Zh) => "在途消息太多",
        (DropReason::Loss, Lang::En) => "lost",
        (DropReason::Partition, Lang::En) => "blocked by a partition",
        (DropReason::NotConnected, Lang::En) => "no connection",
        (DropReason::ConnectionBroken, Lang::En) => "connection broken",
        (DropReason::ReceiverDown, Lang::En) => "receiver down",
        (DropReason::ByUser, Lang::En) => "dropped by you",
        (DropReason::PathFull, Lang::En) => "too many in flight",
    }
}

/// What a timer is for.
pub fn timer_name(t: ZkTimer, lang: Lang) -> &'static str {
    match (t, lang) {
        (ZkTimer::FleTimeout, Lang::Zh) => "选举：等待选票超时",
        (ZkTimer::FleFinalize, Lang::Zh) => "选举：确认等待结束",
        (ZkTimer::ZabTick, Lang::Zh) => "ZAB 半个 tick（心跳与超时检查）",
        (ZkTimer::LearnerRetry, Lang::Zh) => "学习者重连领导者",
        (ZkTimer::SessionTick, Lang::Zh) => "会话检查 tick",
        (ZkTimer::ObserverDelay, Lang::Zh) => "观察者重新寻找领导者前的等待",
        (ZkTimer::ClientTick, Lang::Zh) => "客户端心跳与读超时检查",
        (ZkTimer::ClientReconnect, Lang::Zh) => "客户端换一台服务器重试",
        (ZkTimer::ClientConnectTimeout, Lang::Zh) => "客户端连接超时",
        (ZkTimer::FleTimeout, Lang::En) => "election: no vote in time",
        (ZkTimer::FleFinalize, Lang::En) => "election: the finalize wait is over",
        (ZkTimer::ZabTick, Lang::En) => "ZAB half tick (pings, timeouts)",
        (ZkTimer::LearnerRetry, Lang::En) => "learner retries the leader",
        (ZkTimer::SessionTick, Lang::En) => "session tracker tick",
        (ZkTimer::ObserverDelay, Lang::En) => "observer's pause before looking again",
        (ZkTimer::ClientTick, Lang::En) => "client ping and read-timeout check",
        (ZkTimer::ClientReconnect, Lang::En) => "client tries another server",
        (ZkTimer::ClientConnectTimeout, Lang::En) => "client connect timed out",
    }
}

/// A message: its kind and the fields that matter.
pub fn message(msg: &ZkMsg, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let hex = |z: u64| format!("0x{z:x}");
    match msg {
        ZkMsg::Vote(n) => {
            let z = hex(n.zxid as u64);
            let (round, state, epoch) = (n.election_epoch, n.state.name(), n.peer_epoch);
            let who = if n.leader == i64::MIN {
                lang.panels().nobody.to_string()
            } else {
                format!("S{}", n.leader)
            };
            if zh {
                format!(
                    "选票：推举 {who}（zxid {z}，epoch {epoch}），第 {round} 轮，发送方 {state}"
                )
            } else {
                format!("vote for {who} (zxid {z}, epoch {epoch}), round {round}, from a {state} server")
            }
        }
        ZkMsg::Quorum(p) => packet(p, lang),
        ZkMsg::Connect(c) => match (c.session, zh) {
            (0, true) => format!("连接请求（新会话，见过 {}）", hex(c.last_zxid_seen)),
            (0, false) => format!("connect (new session, seen {})", hex(c.last_zxid_seen)),
            (s, true) => format!(
                "连接请求（会话 {}，见过 {}）",
                hex(s),
                hex(c.last_zxid_seen)
            ),
            (s, false) => format!(
                "connect (session {}, seen {})",
                hex(s),
                hex(c.last_zxid_seen)
            ),
        },
        ZkMsg::ConnectResponse {
            timeout_ms,
            session,
        } => match (*timeout_ms <= 0, zh) {
            (true, true) => format!("会话 {} 已过期", hex(*session)),
            (true, false) => format!("session {} expired", hex(*session)),
            (false, true) => format!("会话 {}，超时 {timeout_ms} ms", hex(*session)),
            (false, false) => format!("session {}, timeout {timeout_ms} ms", hex(*session)),
        },
        ZkMsg::Request { xid, req } => {
            format!("#{xid} {} {}", req.op_name(), req.path().unwrap_or(""))
        }
        ZkMsg::Reply { xid, zxid, resp } => match resp.error() {
            Some(e) => format!("#{xid} {} (zxid {})", e.code_message(), hex(*zxid)),
            None => format!("#{xid} ok (zxid {})", hex(*zxid)),
        },
        ZkMsg::Ping => "ping".to_string(),
        ZkMsg::PingReply { .. } => "pong".to_string(),
        ZkMsg::Watch(e) => e.to_string(),
        ZkMsg::SetWatches(w) => {
            let paths = w.data.len()
                + w.exist.len()
                + w.child.len()
                + w.persistent.len()
                + w.recursive.len();
            let z = hex(w.relative_zxid);
            if zh {
                format!("setWatches：自 {z} 起，{paths} 个路径")
            } else {
                format!("setWatches since {z} ({paths} paths)")
            }
        }
    }
}

/// A quorum packet: its kind and zxid or epoch.
fn packet(p: &ZabPacket, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let hex = |z: u64| format!("0x{z:x}");
    let kind = p.kind();
    match p {
        ZabPacket::LearnerInfo { zxid, .. } if zh => format!("{kind}，已接受 epoch {}", zxid >> 32),
        ZabPacket::LearnerInfo { zxid, .. } => format!("{kind} accepted epoch {}", zxid >> 32),
        ZabPacket::LeaderInfo { zxid } if zh => format!("{kind}，新 epoch {}", zxid >> 32),
        ZabPacket::LeaderInfo { zxid } => format!("{kind} new epoch {}", zxid >> 32),
        ZabPacket::AckEpoch {
            zxid,
            current_epoch,
        } => {
            if zh {
                format!(
                    "{kind}，最后的 zxid {}，当前 epoch {current_epoch}",
                    hex(*zxid)
                )
            } else {
                format!(
                    "{kind} last zxid {} current epoch {current_epoch}",
                    hex(*zxid)
                )
            }
        }
        ZabPacket::Diff { zxid }
        | ZabPacket::Trunc { zxid }
        | ZabPacket::Snap { zxid, .. }
        | ZabPacket::Ack { zxid }
        | ZabPacket::Commit { zxid }
        | ZabPacket::NewLeader { zxid } => format!("{kind} {}", hex(*zxid)),
        ZabPacket::Proposal(e) | ZabPacket::Inform(e) => format!("{kind} {}", hex(e.zxid)),
        ZabPacket::Ping { zxid, touches } => match (touches.len(), zh) {
            (0, _) => format!("{kind} {}", hex(*zxid)),
            (n, true) => format!("{kind}（{n} 个会话续期）"),
            (n, false) => format!("{kind} ({n} session touches)"),
        },
        ZabPacket::Request(r) if zh => {
            format!("{kind}，会话 {}，cxid {}", hex(r.session), r.cxid)
        }
        ZabPacket::Request(r) => format!("{kind} session {} cxid {}", hex(r.session), r.cxid),
        ZabPacket::Revalidate { session, .. } => format!("{kind} {}", hex(*session)),
        ZabPacket::RevalidateReply { session, valid } => {
            format!("{kind} {} valid={valid}", hex(*session))
        }
        ZabPacket::Sync { session, .. } if zh => format!("{kind}，会话 {}", hex(*session)),
        ZabPacket::Sync { session, .. } => format!("{kind} for {}", hex(*session)),
        ZabPacket::UpToDate => kind.to_string(),
        ZabPacket::Refused if zh => "连接被拒绝".to_string(),
        ZabPacket::Refused => "connection refused".to_string(),
    }
}
