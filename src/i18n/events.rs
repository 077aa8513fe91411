//! One trace event as a line of the lab's event log, in zh-CN and English.
//!
//! Every part comes from the event's typed fields: nodes are named as the lab names them
//! (`S2`, `c1`), notes and violations are worded by [`super::notes`], and messages by
//! their kind and fields. ZooKeeper's own words stay as they are: packet kinds
//! (`PROPOSAL`), state names (`LEADING`), zxids in hex, request names (`create`),
//! KeeperException messages and the `WatchedEvent` line the Java client prints.
//! Commands are worded from their typed fields too (`让 S2 崩溃` / `crash S2`).

use super::notes::{kernel_note, violation, zk_note};
use super::Lang;
use zooscope_core::command::{Command, CommandOf};
use zooscope_core::id::NodeId;
use zooscope_core::note::TraceNote;
use zooscope_core::process::LinkEvent;
use zooscope_core::protocols::zookeeper::msg::ZkMsg;
use zooscope_core::protocols::zookeeper::node::{ZkInput, ZkNode, ZkSpec};
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
            let what = command(c, lang, name);
            if zh {
                format!("操作：{what}")
            } else {
                format!("command: {what}")
            }
        }
        TraceKind::Note { note, .. } => match note {
            TraceNote::Kernel(k) => kernel_note(k, lang, name, &|t: &ZkTimer| {
                timer_name(*t, lang).to_string()
            }),
            TraceNote::Node(n) => zk_note(n, lang, name),
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

/// A command the learner (or a scenario) applied, naming nodes as the lab does.
pub fn command(c: &CommandOf<ZkNode>, lang: Lang, name: &dyn Fn(NodeId) -> String) -> String {
    let zh = lang == Lang::Zh;
    let pick = |z: String, e: String| if zh { z } else { e };
    let names = |g: &[NodeId]| {
        g.iter()
            .map(|n| name(*n))
            .collect::<Vec<_>>()
            .join(if zh { "、" } else { ", " })
    };
    match c {
        Command::Crash(n) => pick(
            format!("让 {} 崩溃", name(*n)),
            format!("crash {}", name(*n)),
        ),
        Command::Restart(n) => pick(
            format!("重启 {}", name(*n)),
            format!("restart {}", name(*n)),
        ),
        Command::Pause(n) => pick(format!("冻结 {}", name(*n)), format!("pause {}", name(*n))),
        Command::Resume(n) => pick(format!("恢复 {}", name(*n)), format!("resume {}", name(*n))),
        Command::Partition(groups) => {
            let sides: Vec<String> = groups.iter().map(|g| names(g)).collect();
            pick(
                format!("网络分区：{}", sides.join(" | ")),
                format!("partition: {}", sides.join(" | ")),
            )
        }
        Command::CutLink { from, to, one_way } => {
            let arrow = if *one_way { "→" } else { "↔" };
            let (a, b) = (name(*from), name(*to));
            pick(
                format!("剪断链路 {a} {arrow} {b}"),
                format!("cut the link {a} {arrow} {b}"),
            )
        }
        Command::HealLink(a, b) => {
            let (a, b) = (name(*a), name(*b));
            pick(
                format!("修复链路 {a} ↔ {b}"),
                format!("heal the link {a} ↔ {b}"),
            )
        }
        Command::Heal => pick("修复全部网络".into(), "heal the whole network".into()),
        Command::Clog(a, b) => {
            let (a, b) = (name(*a), name(*b));
            pick(format!("堵塞路径 {a} → {b}"), format!("clog {a} → {b}"))
        }
        Command::Unclog(a, b) => {
            let (a, b) = (name(*a), name(*b));
            pick(format!("疏通路径 {a} → {b}"), format!("unclog {a} → {b}"))
        }
        Command::SetNet(n) => {
            let (min, mean, loss, dup) = (
                n.delay_us_min,
                n.delay_us_mean,
                n.loss_permille,
                n.duplicate_permille,
            );
            pick(
                format!("网络：延迟 {min}+exp({mean}) µs，丢包 {loss}‰，重复 {dup}‰"),
                format!("network: delay {min}+exp({mean}) µs, loss {loss}‰, duplicates {dup}‰"),
            )
        }
        Command::DropMessage(m) => pick(format!("丢弃消息 {m}"), format!("drop message {m}")),
        Command::DelayMessage(m, d) => pick(
            format!("把消息 {m} 推迟 {d}"),
            format!("delay message {m} by {d}"),
        ),
        Command::Request(n, input) => {
            let who = name(*n);
            match input {
                ZkInput::Submit(req) => {
                    let op = format!("{} {}", req.op_name(), req.path().unwrap_or(""));
                    let op = op.trim_end();
                    pick(format!("{who} 发出请求 {op}"), format!("{who} sends {op}"))
                }
                ZkInput::Close => pick(
                    format!("{who} 关闭会话"),
                    format!("{who} closes its session"),
                ),
                ZkInput::Open => pick(
                    format!("{who} 打开新会话"),
                    format!("{who} opens a new session"),
                ),
                ZkInput::FourLetter(w) => pick(
                    format!("向 {who} 发送四字命令 {w}"),
                    format!("four-letter word {w} to {who}"),
                ),
                ZkInput::Load { count, path, .. } => pick(
                    format!("{who} 向 {path} 写入 {count} 次"),
                    format!("{who} writes {path} {count} times"),
                ),
            }
        }
        Command::AddNode(init) => match &init.spec {
            ZkSpec::Server { sid } => {
                pick(format!("添加服务器 S{sid}"), format!("add server S{sid}"))
            }
            ZkSpec::Client {
                name: c, servers, ..
            } => {
                let list: Vec<String> = servers.iter().map(|s| format!("S{s}")).collect();
                pick(
                    format!("添加客户端 {c}（连接 {}）", list.join("、")),
                    format!("add client {c} (connect string {})", list.join(", ")),
                )
            }
        },
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
        (ZkTimer::DiskSync, Lang::Zh) => "epoch 文件已写入磁盘",
        (ZkTimer::FleTimeout, Lang::En) => "election: no vote in time",
        (ZkTimer::FleFinalize, Lang::En) => "election: the finalize wait is over",
        (ZkTimer::ZabTick, Lang::En) => "ZAB half tick (pings, timeouts)",
        (ZkTimer::LearnerRetry, Lang::En) => "learner retries the leader",
        (ZkTimer::SessionTick, Lang::En) => "session tracker tick",
        (ZkTimer::ObserverDelay, Lang::En) => "observer's pause before looking again",
        (ZkTimer::ClientTick, Lang::En) => "client ping and read-timeout check",
        (ZkTimer::ClientReconnect, Lang::En) => "client tries another server",
        (ZkTimer::ClientConnectTimeout, Lang::En) => "client connect timed out",
        (ZkTimer::DiskSync, Lang::En) => "epoch file synced to disk",
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

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::protocols::zookeeper::data::request::ZkRequest;

    fn name(n: NodeId) -> String {
        ["S1", "S2", "S3", "c1"][n.0 as usize].to_string()
    }

    #[test]
    fn commands_name_nodes_as_the_lab_does_in_each_language() {
        let crash: CommandOf<ZkNode> = Command::Crash(NodeId(1));
        let kind = TraceKind::<ZkNode>::Command(crash);
        assert_eq!(event_text(&kind, Lang::Zh, &name), "操作：让 S2 崩溃");
        assert_eq!(event_text(&kind, Lang::En, &name), "command: crash S2");
        let cut: CommandOf<ZkNode> =
            Command::Partition(vec![vec![NodeId(0)], vec![NodeId(1), NodeId(2)]]);
        assert_eq!(command(&cut, Lang::Zh, &name), "网络分区：S1 | S2、S3");
        let sync: CommandOf<ZkNode> = Command::Request(
            NodeId(3),
            ZkInput::Submit(ZkRequest::Sync { path: "/a".into() }),
        );
        assert_eq!(command(&sync, Lang::En, &name), "c1 sends sync /a");
    }

    #[test]
    fn drops_and_links_are_worded_from_their_fields() {
        let drop = TraceKind::<ZkNode>::Dropped {
            id: zooscope_core::id::MsgId(5),
            from: NodeId(0),
            to: NodeId(2),
            kind: "PROPOSAL",
            reason: DropReason::Partition,
        };
        assert_eq!(
            event_text(&drop, Lang::Zh, &name),
            "S1 → S3 m5 PROPOSAL 被丢弃（被网络分区阻断）"
        );
        assert_eq!(
            event_text(&drop, Lang::En, &name),
            "S1 → S3 m5 PROPOSAL dropped (blocked by a partition)"
        );
        let link = TraceKind::<ZkNode>::Link {
            node: NodeId(3),
            peer: NodeId(1),
            event: LinkEvent::Disconnected,
        };
        assert_eq!(event_text(&link, Lang::Zh, &name), "与 S2 的连接已断开");
    }
}
