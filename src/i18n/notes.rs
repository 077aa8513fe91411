//! What the servers, the clients and the kernel explain in the trace, and what the
//! invariant checkers report, in words: zh-CN and English.
//!
//! The core records each as typed data ([`ZkNote`], [`KernelNote`], [`ViolationDetail`],
//! with the reasons as enums); this module says them in the UI language, naming servers
//! as the lab does (`S2`) and clients by their names. ZooKeeper's own words stay as it
//! writes them: packet kinds (`PROPOSAL`, `ACK`), state names (`LEADING`), zxids in hex
//! (`0x100000003`), and the messages of the exceptions a real leader throws.

use super::Lang;
use std::fmt::Debug;
use zooscope_core::id::NodeId;
use zooscope_core::note::KernelNote;
use zooscope_core::protocols::zookeeper::note::{
    Anomaly, ClientLoss, GoodbyeReason, ServingMode, StepDownReason, ZkNote,
};
use zooscope_core::protocols::zookeeper::replication::vote::Vote;
use zooscope_core::protocols::zookeeper::replication::zab::learner::LearnerPhase;
use zooscope_core::protocols::zookeeper::replication::zab::store::StoreError;
use zooscope_core::protocols::zookeeper::replication::zab::sync::SyncReason;
use zooscope_core::protocols::zookeeper::violation::ViolationDetail;

/// A zxid as ZooKeeper prints it.
fn hex(z: u64) -> String {
    format!("0x{z:x}")
}

/// Server ids as the lab names them: `S1, S2`.
fn servers(sids: impl IntoIterator<Item = u64>, lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    sids.into_iter()
        .map(|s| format!("S{s}"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A learner's step, from the panels' table.
fn learner_phase(p: LearnerPhase, lang: Lang) -> &'static str {
    lang.panels().learner_step(p)
}

/// How a server serves.
fn mode(m: Option<ServingMode>, lang: Lang) -> &'static str {
    match (m, lang) {
        (Some(ServingMode::Standalone), Lang::Zh) => "单机服务器",
        (Some(ServingMode::Leader), Lang::Zh) => "领导者",
        (Some(ServingMode::Follower), Lang::Zh) => "跟随者",
        (Some(ServingMode::Observer), Lang::Zh) => "观察者",
        (Some(m), Lang::En) => m.name(),
        (None, _) => "?",
    }
}

/// A vote: its candidate, zxid and epoch.
fn vote(v: &Vote, lang: Lang) -> String {
    let z = hex(v.zxid as u64);
    match lang {
        _ if v.leader == i64::MIN => lang.panels().nobody.to_string(),
        Lang::Zh => format!("S{}（zxid {z}，epoch {}）", v.leader, v.peer_epoch),
        Lang::En => format!("S{} (zxid {z}, epoch {})", v.leader, v.peer_epoch),
    }
}

/// A note of a ZooKeeper server or client, as one sentence in `lang` (nodes named by
/// `name`).
pub fn zk_note(n: &ZkNote, lang: Lang, name: &dyn Fn(NodeId) -> String) -> String {
    match lang {
        Lang::Zh => zh(n, name),
        Lang::En => en(n, name),
    }
}

fn zh(n: &ZkNote, name: &dyn Fn(NodeId) -> String) -> String {
    let l = Lang::Zh;
    match n {
        ZkNote::StandaloneStart { sid, zxid } => {
            format!("S{sid} 以单机模式启动，zxid {}", hex(*zxid))
        }
        ZkNote::ElectionOver {
            round,
            state,
            vote: v,
        } => format!(
            "第 {round} 轮选举结束：进入 {} 状态，选票为 {}",
            state.name(),
            vote(v, l)
        ),
        ZkNote::StepDown { sid, why } => {
            format!("S{sid} 放弃当前角色：{}", step_down(why, l))
        }
        ZkNote::Serving { sid, mode: m, zxid } => {
            format!("S{sid} 作为{}开始服务，zxid {}", mode(*m, l), hex(*zxid))
        }
        ZkNote::Anomaly(a) => format!("异常：{}", anomaly(a, l)),
        ZkNote::SessionExpired { session } => format!("会话 {} 已过期", hex(*session)),
        ZkNote::RefusedStaleServer { client, seen, ours } => format!(
            "拒绝客户端 {} 的会话请求：它见过 zxid {}，而本服务器的最新 zxid 是 {}，\
             客户端必须换一台服务器",
            name(*client),
            hex(*seen),
            hex(*ours)
        ),
        ZkNote::UnexpectedWhile { kind, phase } => {
            format!("处于“{}”时收到意外的 {kind}", learner_phase(*phase, l))
        }
        ZkNote::ZxidGap { got, expected } => {
            format!("收到 zxid {}，预期是 {}", hex(*got), hex(*expected))
        }
        ZkNote::CommitNotNext { zxid, next } => {
            format!("要提交 {}，但下一个提案是 {}", hex(*zxid), hex(*next))
        }
        ZkNote::UpToDateBeforeNewLeader => "在 NEWLEADER 之前收到 UPTODATE".to_string(),
        ZkNote::UnexpectedDuringSync { kind } => format!("同步期间收到意外的 {kind}"),
        ZkNote::ProposalNotAfterEnd { zxid } => {
            format!("提案 {} 不在日志末尾之后", hex(*zxid))
        }
        ZkNote::LateUpToDate => "学习者开始服务后又收到 UPTODATE".to_string(),
        ZkNote::UnexpectedInBroadcast { kind } => format!("广播阶段收到意外的 {kind}"),
        ZkNote::EpochFrozen { epoch, connected } => format!(
            "epoch {epoch} 已确定：已连接 {}（已接受的最大 epoch + 1）",
            servers(connected.iter().copied(), l)
        ),
        ZkNote::EpochAcked { quorum, epoch } => format!(
            "法定人数 {} 确认了 epoch {epoch}：进入同步",
            servers(quorum.iter().copied(), l)
        ),
        ZkNote::SyncLearner { sid, reason } => {
            format!("同步 S{sid}：{}", sync_reason(reason, l))
        }
        ZkNote::NewLeaderAckWrongEpoch { sid } => {
            format!("S{sid} 对 NEWLEADER 的 ACK 属于另一个 epoch")
        }
        ZkNote::ServingEpoch { quorum, epoch } => format!(
            "法定人数 {} 确认了 NEWLEADER：在 epoch {epoch} 开始服务",
            servers(quorum.iter().copied(), l)
        ),
        ZkNote::Goodbye { sid, why } => {
            format!("断开学习者 S{sid}：{}", goodbye(why, l))
        }
        ZkNote::LearnerDisconnected { sid } => format!("学习者 S{sid} 断开了连接"),
        ZkNote::UnexpectedFromLearner { kind, sid } => {
            format!("学习者 S{sid} 发来意外的 {kind}")
        }
        ZkNote::UnknownLearner { sid } => format!("学习者 S{sid} 不在配置中"),
        ZkNote::LearnerReconnected { sid } => {
            format!("学习者 S{sid} 重新连接：换用新的处理器")
        }
        ZkNote::FutureAck { zxid, sid } => format!("S{sid} 确认了尚未发出的提案 {}", hex(*zxid)),
        ZkNote::ClientConnects { client, sid } => format!("{client} 连接服务器 S{sid}"),
        ZkNote::ClientLost { client, why } => format!("{client}：{}", client_loss(*why, l)),
        ZkNote::ClientSessionExpired { client, session } => {
            format!("{client}：会话 {} 已过期", hex(*session))
        }
        ZkNote::ReplyOutOfOrder {
            client,
            got,
            expected,
        } => format!("{client}：收到 #{got} 的回复，预期是 #{expected}"),
    }
}

fn en(n: &ZkNote, name: &dyn Fn(NodeId) -> String) -> String {
    let l = Lang::En;
    match n {
        ZkNote::StandaloneStart { sid, zxid } => {
            format!("S{sid} starts in standalone mode at zxid {}", hex(*zxid))
        }
        ZkNote::ElectionOver {
            round,
            state,
            vote: v,
        } => format!(
            "election round {round} over: {} with the vote {}",
            state.name(),
            vote(v, l)
        ),
        ZkNote::StepDown { sid, why } => format!("S{sid} gives up its role: {}", step_down(why, l)),
        ZkNote::Serving { sid, mode: m, zxid } => {
            format!("S{sid} serves as {} at zxid {}", mode(*m, l), hex(*zxid))
        }
        ZkNote::Anomaly(a) => format!("anomaly: {}", anomaly(a, l)),
        ZkNote::SessionExpired { session } => format!("session {} expired", hex(*session)),
        ZkNote::RefusedStaleServer { client, seen, ours } => format!(
            "refuses {}'s session request: it has seen zxid {}, this server's last is {}; \
             the client must try another server",
            name(*client),
            hex(*seen),
            hex(*ours)
        ),
        ZkNote::UnexpectedWhile { kind, phase } => {
            format!("unexpected {kind} while {}", learner_phase(*phase, l))
        }
        ZkNote::ZxidGap { got, expected } => {
            format!("got zxid {}, expected {}", hex(*got), hex(*expected))
        }
        ZkNote::CommitNotNext { zxid, next } => format!(
            "committing {}, but the next proposal is {}",
            hex(*zxid),
            hex(*next)
        ),
        ZkNote::UpToDateBeforeNewLeader => "UPTODATE before NEWLEADER".to_string(),
        ZkNote::UnexpectedDuringSync { kind } => format!("unexpected {kind} during sync"),
        ZkNote::ProposalNotAfterEnd { zxid } => {
            format!("proposal {} is not after the log's end", hex(*zxid))
        }
        ZkNote::LateUpToDate => "an UPTODATE after the learner started".to_string(),
        ZkNote::UnexpectedInBroadcast { kind } => format!("unexpected {kind} in broadcast"),
        ZkNote::EpochFrozen { epoch, connected } => format!(
            "epoch {epoch} fixed: {} connected (highest accepted epoch + 1)",
            servers(connected.iter().copied(), l)
        ),
        ZkNote::EpochAcked { quorum, epoch } => format!(
            "a quorum ({}) acked epoch {epoch}: synchronization",
            servers(quorum.iter().copied(), l)
        ),
        ZkNote::SyncLearner { sid, reason } => format!("sync S{sid}: {}", sync_reason(reason, l)),
        ZkNote::NewLeaderAckWrongEpoch { sid } => {
            format!("S{sid}'s ACK of NEWLEADER is from another epoch")
        }
        ZkNote::ServingEpoch { quorum, epoch } => format!(
            "a quorum ({}) acked NEWLEADER: serving in epoch {epoch}",
            servers(quorum.iter().copied(), l)
        ),
        ZkNote::Goodbye { sid, why } => format!("drops learner S{sid}: {}", goodbye(why, l)),
        ZkNote::LearnerDisconnected { sid } => format!("learner S{sid} disconnected"),
        ZkNote::UnexpectedFromLearner { kind, sid } => {
            format!("unexpected {kind} from learner S{sid}")
        }
        ZkNote::UnknownLearner { sid } => format!("learner S{sid} is not in the config"),
        ZkNote::LearnerReconnected { sid } => {
            format!("learner S{sid} reconnected: a new handler")
        }
        ZkNote::FutureAck { zxid, sid } => {
            format!("S{sid} acked {}, which was never proposed", hex(*zxid))
        }
        ZkNote::ClientConnects { client, sid } => format!("{client} connects to S{sid}"),
        ZkNote::ClientLost { client, why } => format!("{client}: {}", client_loss(*why, l)),
        ZkNote::ClientSessionExpired { client, session } => {
            format!("{client}: session {} has expired", hex(*session))
        }
        ZkNote::ReplyOutOfOrder {
            client,
            got,
            expected,
        } => format!("{client}: a reply to #{got} while #{expected} was expected"),
    }
}

/// Why a server left its role.
pub fn step_down(r: &StepDownReason, lang: Lang) -> String {
    match (r, lang) {
        (StepDownReason::ConnectFailed { leader, tries }, Lang::Zh) => {
            format!("连不上领导者 S{leader}（试了 {tries} 次）")
        }
        (StepDownReason::ConnectFailed { leader, tries }, Lang::En) => {
            format!("could not connect to the leader S{leader} ({tries} tries)")
        }
        (StepDownReason::LeaderClosed { leader }, Lang::Zh) => {
            format!("到领导者 S{leader} 的连接已关闭")
        }
        (StepDownReason::LeaderClosed { leader }, Lang::En) => {
            format!("the connection to the leader S{leader} closed")
        }
        (StepDownReason::ReadTimedOut { leader }, Lang::Zh) => {
            format!("读超时：领导者 S{leader} 一直没有消息")
        }
        (StepDownReason::ReadTimedOut { leader }, Lang::En) => {
            format!("read timed out: nothing from the leader S{leader}")
        }
        (
            StepDownReason::LowerEpoch {
                new_epoch,
                accepted,
            },
            Lang::Zh,
        ) => format!("领导者的 epoch {new_epoch} 小于本机已接受的 epoch {accepted}"),
        (
            StepDownReason::LowerEpoch {
                new_epoch,
                accepted,
            },
            Lang::En,
        ) => format!("the leader's epoch {new_epoch} is below the accepted epoch {accepted}"),
        (StepDownReason::CannotTruncate { zxid }, Lang::Zh) => {
            format!("无法把日志截断到 {}（真实的服务器会退出）", hex(*zxid))
        }
        (StepDownReason::CannotTruncate { zxid }, Lang::En) => format!(
            "cannot truncate the log to {} (a real server exits)",
            hex(*zxid)
        ),
        (StepDownReason::UnexpectedFromLeader { kind }, Lang::Zh) => {
            format!("领导者发来意外的 {kind}")
        }
        (StepDownReason::UnexpectedFromLeader { kind }, Lang::En) => {
            format!("an unexpected {kind} from the leader")
        }
        (StepDownReason::SyncTooLarge, Lang::Zh) => "同步的数据太多".to_string(),
        (StepDownReason::SyncTooLarge, Lang::En) => "the sync is too large".to_string(),
        (StepDownReason::Store(e), _) => store_error(e, lang),
        (StepDownReason::ZxidRollover, Lang::Zh) => {
            "zxid 的低 32 位已用完，强制重新选举".to_string()
        }
        (StepDownReason::ZxidRollover, Lang::En) => {
            "the zxid's lower 32 bits ran out: a new election".to_string()
        }
        // What real leaders throw, in ZooKeeper's words after ours.
        (StepDownReason::EpochTimeout, Lang::Zh) => {
            format!("等待法定人数连接以确定 epoch 超时（{r}）")
        }
        (StepDownReason::EpochAckTimeout, Lang::Zh) => {
            format!("等待法定人数确认 epoch 超时（{r}）")
        }
        (StepDownReason::NewLeaderAckTimeout, Lang::Zh) => {
            format!("等待法定人数确认 NEWLEADER 超时（{r}）")
        }
        (StepDownReason::NotSufficientSynced { synced }, Lang::Zh) => format!(
            "保持同步的只有 {}，不足法定人数",
            servers(synced.iter().copied(), Lang::Zh)
        ),
        (StepDownReason::NotSufficientSynced { synced }, Lang::En) => format!(
            "only {} kept in sync: not a quorum",
            servers(synced.iter().copied(), Lang::En)
        ),
        (
            StepDownReason::EpochTimeout
            | StepDownReason::EpochAckTimeout
            | StepDownReason::NewLeaderAckTimeout,
            Lang::En,
        ) => r.to_string(),
    }
}

/// Why a leader dropped a learner.
fn goodbye(r: &GoodbyeReason, lang: Lang) -> String {
    match (r, lang) {
        (GoodbyeReason::FollowerAhead { epoch, zxid }, Lang::Zh) => {
            format!("它的历史比领导者新（epoch {epoch}，zxid {}）", hex(*zxid))
        }
        (GoodbyeReason::FollowerAhead { epoch, zxid }, Lang::En) => format!(
            "it is ahead of the leader (epoch {epoch}, zxid {})",
            hex(*zxid)
        ),
        (GoodbyeReason::ReadTimedOut, Lang::Zh) => "读超时".to_string(),
        (GoodbyeReason::ReadTimedOut, Lang::En) => "read timed out".to_string(),
        (GoodbyeReason::TransactionTimeout, Lang::Zh) => "未在 syncLimit 内确认提案".to_string(),
        (GoodbyeReason::TransactionTimeout, Lang::En) => {
            "no ACK of a proposal within syncLimit".to_string()
        }
    }
}

/// Why a client lost its connection.
fn client_loss(r: ClientLoss, lang: Lang) -> &'static str {
    match (r, lang) {
        (ClientLoss::ConnectTimedOut, Lang::Zh) => "连接超时",
        (ClientLoss::ConnectTimedOut, Lang::En) => "connect timed out",
        (ClientLoss::ReadTimedOut, Lang::Zh) => "读超时：服务器一直没有消息",
        (ClientLoss::ReadTimedOut, Lang::En) => "read timed out: the server said nothing",
        (ClientLoss::Refused, Lang::Zh) => "连接被拒绝",
        (ClientLoss::Refused, Lang::En) => "connection refused",
        (ClientLoss::ClosedInHandshake, Lang::Zh) => "握手期间服务器关闭了连接",
        (ClientLoss::ClosedInHandshake, Lang::En) => {
            "the server closed the connection during the handshake"
        }
        (ClientLoss::Closed, Lang::Zh) => "服务器关闭了连接",
        (ClientLoss::Closed, Lang::En) => "the server closed the connection",
    }
}

/// A log that could not apply a commit.
fn store_error(e: &StoreError, lang: Lang) -> String {
    match (e, lang) {
        (StoreError::NoTxn { zxid }, Lang::Zh) => {
            format!("要提交 {}，但从没见过这个事务", hex(*zxid))
        }
        (StoreError::NoTxn { zxid }, Lang::En) => {
            format!("committing {} without having seen the txn", hex(*zxid))
        }
        (StoreError::NotNext { zxid, next }, Lang::Zh) => format!(
            "要提交 {}，但下一个待提交的事务是 {}",
            hex(*zxid),
            hex(*next)
        ),
        (StoreError::NotNext { zxid, next }, Lang::En) => format!(
            "committing {} but the next pending txn is {}",
            hex(*zxid),
            hex(*next)
        ),
        (StoreError::NotAfterEnd { zxid }, Lang::Zh) => {
            format!("事务 {} 不在日志末尾之后", hex(*zxid))
        }
        (StoreError::NotAfterEnd { zxid }, Lang::En) => {
            format!("txn {} is not after the log's end", hex(*zxid))
        }
    }
}

/// A branch real ZooKeeper treats as fatal.
pub fn anomaly(a: &Anomaly, lang: Lang) -> String {
    match (a, lang) {
        (Anomaly::Store(e), _) => store_error(e, lang),
        (Anomaly::Leader(e), Lang::Zh) => format!("领导者：{}", store_error(e, lang)),
        (Anomaly::Leader(e), Lang::En) => format!("leader: {}", store_error(e, lang)),
        (Anomaly::LeaderCouldNotLog { zxid }, Lang::Zh) => {
            format!("领导者无法把自己的提案 {} 写入日志", hex(*zxid))
        }
        (Anomaly::LeaderCouldNotLog { zxid }, Lang::En) => {
            format!("the leader could not log its own proposal {}", hex(*zxid))
        }
        (Anomaly::StandaloneCouldNotLog { zxid }, Lang::Zh) => {
            format!("单机服务器无法把 {} 写入日志", hex(*zxid))
        }
        (Anomaly::StandaloneCouldNotLog { zxid }, Lang::En) => {
            format!("the standalone server could not log {}", hex(*zxid))
        }
    }
}

/// Why the leader syncs a learner the way it does.
pub fn sync_reason(r: &SyncReason, lang: Lang) -> String {
    match (r, lang) {
        (SyncReason::UpToDate { peer }, Lang::Zh) => {
            format!("学习者和领导者一样停在 {}：发送空的 DIFF", hex(*peer))
        }
        (SyncReason::UpToDate { peer }, Lang::En) => {
            format!(
                "the learner is at {} like the leader: an empty DIFF",
                hex(*peer)
            )
        }
        (SyncReason::Ahead { peer, max }, Lang::Zh) => format!(
            "学习者有 {}，超出领导者的最后一个事务 {}：TRUNC",
            hex(*peer),
            hex(*max)
        ),
        (SyncReason::Ahead { peer, max }, Lang::En) => format!(
            "the learner has {}, beyond the leader's last txn {}: TRUNC",
            hex(*peer),
            hex(*max)
        ),
        (SyncReason::Diff { peer, txns }, Lang::Zh) => format!(
            "学习者的 {} 在领导者已提交的日志里：DIFF，补发 {txns} 个事务",
            hex(*peer)
        ),
        (SyncReason::Diff { peer, txns }, Lang::En) => format!(
            "the learner's {} is in the leader's committed log: DIFF with {txns} txn(s)",
            hex(*peer)
        ),
        (SyncReason::TruncThenDiff { peer, to, txns }, Lang::Zh) => format!(
            "学习者有领导者从没见过的 {}：TRUNC 到 {}，再补发 {txns} 个事务",
            hex(*peer),
            hex(*to)
        ),
        (SyncReason::TruncThenDiff { peer, to, txns }, Lang::En) => format!(
            "the learner has {}, which the leader never saw: TRUNC to {}, then {txns} txn(s)",
            hex(*peer),
            hex(*to)
        ),
        (SyncReason::SnapAcrossEpochs { peer }, Lang::Zh) => {
            format!("学习者有 {}，截断会跨过 epoch：SNAP", hex(*peer))
        }
        (SyncReason::SnapAcrossEpochs { peer }, Lang::En) => format!(
            "the learner has {}; truncating would cross an epoch: SNAP",
            hex(*peer)
        ),
        (SyncReason::SnapNoPoint { peer }, Lang::Zh) => {
            format!("学习者有 {}，找不到 DIFF/TRUNC 的起点：SNAP", hex(*peer))
        }
        (SyncReason::SnapNoPoint { peer }, Lang::En) => format!(
            "the learner has {}; no DIFF/TRUNC point was found: SNAP",
            hex(*peer)
        ),
        (SyncReason::TooOld { peer, min, max }, Lang::Zh) => format!(
            "学习者的 {} 早于领导者已提交的日志（{}..{}）：SNAP",
            hex(*peer),
            hex(*min),
            hex(*max)
        ),
        (SyncReason::TooOld { peer, min, max }, Lang::En) => format!(
            "the learner's {} is older than the leader's committed log ({}..{}): SNAP",
            hex(*peer),
            hex(*min),
            hex(*max)
        ),
    }
}

/// A step the kernel took for a node, with nodes named by `name` and the timer by `timer`.
pub fn kernel_note<T: Debug>(
    n: &KernelNote<T>,
    lang: Lang,
    name: &dyn Fn(NodeId) -> String,
    timer: &dyn Fn(&T) -> String,
) -> String {
    match (n, lang) {
        (KernelNote::TimerWaits { timer: t }, Lang::Zh) => {
            format!("定时器 {} 到期：节点已冻结，等它恢复", timer(t))
        }
        (KernelNote::TimerWaits { timer: t }, Lang::En) => {
            format!("timer {} waits: the node is paused", timer(t))
        }
        (KernelNote::LinkWaits { peer }, Lang::Zh) => {
            format!("来自 {} 的链路事件等待中：节点已冻结", name(*peer))
        }
        (KernelNote::LinkWaits { peer }, Lang::En) => {
            format!(
                "a link event from {} waits: the node is paused",
                name(*peer)
            )
        }
        (KernelNote::ConnectionWaits { from }, Lang::Zh) => {
            format!("来自 {} 的连接请求等待中：节点已冻结", name(*from))
        }
        (KernelNote::ConnectionWaits { from }, Lang::En) => {
            format!(
                "a connection from {} waits: the node is paused",
                name(*from)
            )
        }
        (KernelNote::ConnectionRefused { to }, Lang::Zh) => {
            format!("到 {} 的连接被拒绝：它的进程没有运行", name(*to))
        }
        (KernelNote::ConnectionRefused { to }, Lang::En) => {
            format!(
                "the connection to {} is refused: its process is not running",
                name(*to)
            )
        }
        (KernelNote::ConnectionUnanswered { to }, Lang::Zh) => {
            format!("到 {} 的连接没有回应：网络已断开", name(*to))
        }
        (KernelNote::ConnectionUnanswered { to }, Lang::En) => {
            format!(
                "the connection to {} is unanswered: the network is cut",
                name(*to)
            )
        }
        (KernelNote::MessageHeld { id, to }, Lang::Zh) => {
            format!("发往 {} 的消息 {id} 被扣住：路径已堵塞", name(*to))
        }
        (KernelNote::MessageHeld { id, to }, Lang::En) => {
            format!("message {id} to {} is held: the path is clogged", name(*to))
        }
        (KernelNote::MessageWaits { id, from }, Lang::Zh) => {
            format!("来自 {} 的消息 {id} 等待中：节点已冻结", name(*from))
        }
        (KernelNote::MessageWaits { id, from }, Lang::En) => {
            format!(
                "message {id} from {} waits: the node is paused",
                name(*from)
            )
        }
    }
}

/// What an invariant checker found, as one sentence in `lang`.
pub fn violation(d: &ViolationDetail, lang: Lang) -> String {
    match (d, lang) {
        (ViolationDetail::NotGrowing { sid, zxid, prev }, Lang::Zh) => format!(
            "S{sid} 在 {} 之后交付了 {}（zxid 必须递增）",
            hex(*prev),
            hex(*zxid)
        ),
        (ViolationDetail::NotGrowing { sid, zxid, prev }, Lang::En) => format!(
            "S{sid} delivered {} after {} (zxids must grow)",
            hex(*zxid),
            hex(*prev)
        ),
        (ViolationDetail::AgreementBroken { sid, zxid }, Lang::Zh) => {
            format!("一致性被破坏：S{sid} 以 {} 交付了另一个事务", hex(*zxid))
        }
        (ViolationDetail::AgreementBroken { sid, zxid }, Lang::En) => format!(
            "agreement broken: S{sid} delivered a different txn as {}",
            hex(*zxid)
        ),
        (
            ViolationDetail::OrderBroken {
                prev,
                next,
                sid,
                zxid,
            },
            Lang::Zh,
        ) => format!(
            "顺序被破坏：在 {} 之后，一台服务器交付了 {}，而 S{sid} 交付了 {}\
             （有已提交的事务丢失或乱序）",
            hex(*prev),
            hex(*next),
            hex(*zxid)
        ),
        (
            ViolationDetail::OrderBroken {
                prev,
                next,
                sid,
                zxid,
            },
            Lang::En,
        ) => format!(
            "order broken: after {} one server delivered {} but S{sid} delivered {} \
             (a committed txn was lost or reordered)",
            hex(*prev),
            hex(*next),
            hex(*zxid)
        ),
        (
            ViolationDetail::PrefixBroken {
                sid,
                zxid,
                prev,
                elsewhere,
            },
            Lang::Zh,
        ) => format!(
            "前缀被破坏：S{sid} 在 {} 之后交付了 {}，而在别处它跟在 {} 之后",
            hex(*prev),
            hex(*zxid),
            hex(*elsewhere)
        ),
        (
            ViolationDetail::PrefixBroken {
                sid,
                zxid,
                prev,
                elsewhere,
            },
            Lang::En,
        ) => format!(
            "prefix broken: S{sid} delivered {} after {} but it followed {} elsewhere",
            hex(*zxid),
            hex(*prev),
            hex(*elsewhere)
        ),
        (
            ViolationDetail::StaleEphemerals {
                sid,
                paths,
                session,
            },
            Lang::Zh,
        ) => format!(
            "S{sid} 仍保留已关闭会话 {} 的临时节点 {}",
            hex(*session),
            paths.join("、")
        ),
        (
            ViolationDetail::StaleEphemerals {
                sid,
                paths,
                session,
            },
            Lang::En,
        ) => format!(
            "S{sid} holds ephemeral nodes {} of the closed session {}",
            paths.join(", "),
            hex(*session)
        ),
        (ViolationDetail::TreesDiffer { a, b, zxid }, Lang::Zh) => {
            format!("S{a} 和 S{b} 都处理到了 {}，数据树却不同", hex(*zxid))
        }
        (ViolationDetail::TreesDiffer { a, b, zxid }, Lang::En) => format!(
            "S{a} and S{b} both processed up to {} but hold different trees",
            hex(*zxid)
        ),
        (ViolationDetail::Anomaly { sid, anomaly: a }, Lang::Zh) => {
            format!("S{sid}：{}", anomaly(a, lang))
        }
        (ViolationDetail::Anomaly { sid, anomaly: a }, Lang::En) => {
            format!("S{sid}: {}", anomaly(a, lang))
        }
        (
            ViolationDetail::TwoLeaders {
                first,
                second,
                epoch,
            },
            Lang::Zh,
        ) => format!("S{first} 和 S{second} 都在 epoch {epoch} 确立了领导者地位"),
        (
            ViolationDetail::TwoLeaders {
                first,
                second,
                epoch,
            },
            Lang::En,
        ) => format!("S{first} and S{second} both established leadership of epoch {epoch}"),
        (ViolationDetail::ZxidBackwards { sid, zxid, last }, Lang::Zh) => {
            format!("S{sid} 在 {} 之后交付了 {}", hex(*last), hex(*zxid))
        }
        (ViolationDetail::ZxidBackwards { sid, zxid, last }, Lang::En) => {
            format!("S{sid} delivered {} after {}", hex(*zxid), hex(*last))
        }
        (
            ViolationDetail::SnapshotBackwards {
                sid,
                last_txn,
                last,
            },
            Lang::Zh,
        ) => format!(
            "S{sid} 已交付 {}，之后却装入了止于 {} 的快照",
            hex(*last),
            hex(*last_txn)
        ),
        (
            ViolationDetail::SnapshotBackwards {
                sid,
                last_txn,
                last,
            },
            Lang::En,
        ) => format!(
            "S{sid} installed a snapshot ending at {} after delivering {}",
            hex(*last_txn),
            hex(*last)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::id::MsgId;
    use zooscope_core::protocols::zookeeper::replication::vote::ServerState;
    use zooscope_core::protocols::zookeeper::timer::ZkTimer;
    use zooscope_core::vecmap::VecSet;

    fn both(n: &ZkNote) -> (String, String) {
        let name = |n: NodeId| format!("c{}", n.0);
        (zk_note(n, Lang::Zh, &name), zk_note(n, Lang::En, &name))
    }

    #[test]
    fn notes_read_as_sentences_in_each_language() {
        let quorum: VecSet<u64> = [1, 3].into_iter().collect();
        let cases = [
            (
                ZkNote::ElectionOver {
                    round: 2,
                    state: ServerState::Following,
                    vote: Vote::looking(3, 0x1_0000_0002, 2, 1),
                },
                "第 2 轮选举结束：进入 FOLLOWING 状态，选票为 S3（zxid 0x100000002，epoch 1）",
                "election round 2 over: FOLLOWING with the vote S3 (zxid 0x100000002, epoch 1)",
            ),
            (
                ZkNote::Serving {
                    sid: 2,
                    mode: Some(ServingMode::Leader),
                    zxid: 0x2_0000_0000,
                },
                "S2 作为领导者开始服务，zxid 0x200000000",
                "S2 serves as leader at zxid 0x200000000",
            ),
            (
                ZkNote::EpochAcked { quorum, epoch: 2 },
                "法定人数 S1、S3 确认了 epoch 2：进入同步",
                "a quorum (S1, S3) acked epoch 2: synchronization",
            ),
            (
                ZkNote::SyncLearner {
                    sid: 1,
                    reason: SyncReason::TruncThenDiff {
                        peer: 0x1_0000_0005,
                        to: 0x1_0000_0003,
                        txns: 2,
                    },
                },
                "同步 S1：学习者有领导者从没见过的 0x100000005：TRUNC 到 0x100000003，再补发 2 个事务",
                "sync S1: the learner has 0x100000005, which the leader never saw: TRUNC to \
                 0x100000003, then 2 txn(s)",
            ),
            (
                ZkNote::StepDown {
                    sid: 3,
                    why: StepDownReason::ReadTimedOut { leader: 1 },
                },
                "S3 放弃当前角色：读超时：领导者 S1 一直没有消息",
                "S3 gives up its role: read timed out: nothing from the leader S1",
            ),
            (
                ZkNote::Goodbye {
                    sid: 2,
                    why: GoodbyeReason::TransactionTimeout,
                },
                "断开学习者 S2：未在 syncLimit 内确认提案",
                "drops learner S2: no ACK of a proposal within syncLimit",
            ),
            (
                ZkNote::ClientLost {
                    client: "c1".into(),
                    why: ClientLoss::Refused,
                },
                "c1：连接被拒绝",
                "c1: connection refused",
            ),
            (
                ZkNote::Anomaly(Anomaly::Leader(StoreError::NotNext {
                    zxid: 0x1_0000_0002,
                    next: 0x1_0000_0001,
                })),
                "异常：领导者：要提交 0x100000002，但下一个待提交的事务是 0x100000001",
                "anomaly: leader: committing 0x100000002 but the next pending txn is 0x100000001",
            ),
            (
                ZkNote::RefusedStaleServer {
                    client: NodeId(4),
                    seen: 0x10,
                    ours: 0x9,
                },
                "拒绝客户端 c4 的会话请求：它见过 zxid 0x10，而本服务器的最新 zxid 是 0x9，\
                 客户端必须换一台服务器",
                "refuses c4's session request: it has seen zxid 0x10, this server's last is 0x9; \
                 the client must try another server",
            ),
        ];
        for (note, zh, en) in cases {
            assert_eq!(both(&note), (zh.to_string(), en.to_string()));
        }
    }

    #[test]
    fn every_step_down_reason_is_worded_in_chinese() {
        let reasons = [
            StepDownReason::ConnectFailed {
                leader: 1,
                tries: 5,
            },
            StepDownReason::LeaderClosed { leader: 1 },
            StepDownReason::ReadTimedOut { leader: 1 },
            StepDownReason::LowerEpoch {
                new_epoch: 1,
                accepted: 2,
            },
            StepDownReason::CannotTruncate { zxid: 1 },
            StepDownReason::UnexpectedFromLeader { kind: "COMMIT" },
            StepDownReason::SyncTooLarge,
            StepDownReason::Store(StoreError::NoTxn { zxid: 1 }),
            StepDownReason::ZxidRollover,
            StepDownReason::EpochTimeout,
            StepDownReason::EpochAckTimeout,
            StepDownReason::NewLeaderAckTimeout,
            StepDownReason::NotSufficientSynced { synced: vec![1] },
        ];
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for r in &reasons {
            let (zh, en) = (step_down(r, Lang::Zh), step_down(r, Lang::En));
            assert!(cjk(&zh), "{zh}");
            assert!(!cjk(&en), "{en}");
        }
        // The exceptions real leaders throw keep ZooKeeper's own message after ours.
        assert_eq!(
            step_down(&StepDownReason::EpochTimeout, Lang::Zh),
            "等待法定人数连接以确定 epoch 超时（Timeout while waiting for epoch from quorum）"
        );
    }

    #[test]
    fn kernel_notes_name_nodes_as_the_lab_does() {
        let name = |n: NodeId| ["S1", "S2", "c1"][n.0 as usize].to_string();
        let timer = |t: &ZkTimer| format!("{t:?}");
        let held = KernelNote::<ZkTimer>::MessageHeld {
            id: MsgId(7),
            to: NodeId(2),
        };
        assert_eq!(
            kernel_note(&held, Lang::Zh, &name, &timer),
            "发往 c1 的消息 m7 被扣住：路径已堵塞"
        );
        assert_eq!(
            kernel_note(&held, Lang::En, &name, &timer),
            "message m7 to c1 is held: the path is clogged"
        );
    }

    #[test]
    fn violation_details_read_as_sentences_in_each_language() {
        let d = ViolationDetail::TwoLeaders {
            first: 1,
            second: 3,
            epoch: 2,
        };
        assert_eq!(
            violation(&d, Lang::Zh),
            "S1 和 S3 都在 epoch 2 确立了领导者地位"
        );
        assert_eq!(
            violation(&d, Lang::En),
            "S1 and S3 both established leadership of epoch 2"
        );
        let d = ViolationDetail::StaleEphemerals {
            sid: 2,
            paths: vec!["/a".into(), "/b".into()],
            session: 0x10,
        };
        assert_eq!(
            violation(&d, Lang::Zh),
            "S2 仍保留已关闭会话 0x10 的临时节点 /a、/b"
        );
        assert_eq!(
            violation(&d, Lang::En),
            "S2 holds ephemeral nodes /a, /b of the closed session 0x10"
        );
        let d = ViolationDetail::Anomaly {
            sid: 1,
            anomaly: Anomaly::LeaderCouldNotLog {
                zxid: 0x1_0000_0001,
            },
        };
        assert_eq!(
            violation(&d, Lang::Zh),
            "S1：领导者无法把自己的提案 0x100000001 写入日志"
        );
    }
}
