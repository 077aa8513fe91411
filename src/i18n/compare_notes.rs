//! What the comparison lab's 2PC, 3PC, Paxos and Multi-Paxos nodes explain in the trace
//! ([`CommitNote`]) and what its safety checkers report ([`CommitViolation`]), in words:
//! zh-CN and English. The core hands both over as data; message names (PREPARE,
//! CanCommit, PreCommit, DoCommit, COMMIT) stay as the protocols name them.

use super::Lang;
use zooscope_core::protocols::commit::note::{CommitNote, ThreePcAbort};
use zooscope_core::protocols::commit::violation::CommitViolation;
use zooscope_core::protocols::commit::Decision;

fn why_3pc(why: ThreePcAbort, lang: Lang) -> String {
    match (why, lang) {
        (ThreePcAbort::CrashedInPhase1, Lang::Zh) => "恢复：崩溃发生在第一阶段".into(),
        (ThreePcAbort::VotedNo(k), Lang::Zh) => format!("节点 {k} 投了反对票"),
        (ThreePcAbort::ReplyMissing, Lang::Zh) => "超时后仍缺少 CanCommit 的回复".into(),
        (ThreePcAbort::OwnVoteNo, Lang::Zh) => "协调者自己投反对票".into(),
        (why, Lang::En) => why.to_string(),
    }
}

/// A commit node's note in `lang`.
pub fn commit_note(note: &CommitNote, lang: Lang) -> String {
    use CommitNote::*;
    match lang {
        // The English trace line is the UI's English.
        Lang::En => note.to_string(),
        Lang::Zh => match note {
            AlreadyCoordinating => "已在协调一个事务，忽略这个请求".into(),
            OnlyCoordinatorStarts => "只有协调者能发起事务".into(),
            LogCommit(v) => format!("全部赞成：先把 COMMIT {v} 写入日志，再通知所有节点"),
            PresumedAbortSent => "中止：通知所有参与者（推定中止，无需强制写盘）".into(),
            OwnVoteNo => "协调者自己投反对票".into(),
            VotedNo(k) => format!("节点 {k} 投了反对票"),
            PresumedAbort => "没有决定记录：推定中止".into(),
            VoteNoAbort => "投反对票，并自行中止".into(),
            ForcePrepared(v) => format!("把 PREPARED {v} 强制写盘，再投赞成票"),
            RecoverResend => "恢复：日志里有决定，重新发送".into(),
            RecoverAbort => "恢复：已开始但未决定，说明崩溃发生在第一阶段：中止".into(),
            RecoverUncertain => "恢复：已准备但未决定：不确定，询问协调者".into(),
            VoteMissing => "超时后仍缺少选票：中止".into(),
            StillUncertain => "仍不确定：再次询问协调者".into(),
            ThreePcAbort(why) => format!("{}：中止", why_3pc(*why, lang)),
            PreCommittedCommit => "已预提交而协调者沉默：提交".into(),
            NoPreCommitAbort => "投了赞成票但没等到 PreCommit：中止".into(),
            RecoverAsk => "恢复：未决定；询问协调者，若无回音按规则自行决定".into(),
            RecoverPreCommitted => "恢复：已预提交，说明全部赞成：提交".into(),
            AckMissingCommit => "缺少一个 ACK，但全部赞成：照样提交".into(),
            Propose(round, node) => format!("以提案编号 ({round}, {node}) 发起提案"),
            BackOff(ms) => format!("被更大的提案编号抢先：退避 {ms} 毫秒"),
            Learned(v) => format!("得知 {v} 已被选定"),
            AdoptValue(v, own) => format!("某个承诺带着 {v}：改提 {v}，不提 {own}"),
            AlreadyDecided => "已经决定；客户端得到被选定的值".into(),
            Follow(k) => format!("节点 {k} 的提案编号更大：跟随它"),
            RunForLeader(round, node) => format!("以提案编号 ({round}, {node}) 发起领导者选举"),
            LogFull => "日志已满".into(),
            Lead => "过半数已承诺：成为领导者，并重新提出它们接受过的值".into(),
            StepDown => "被更大的提案编号抢先：退位".into(),
        },
    }
}

fn did(d: &Decision, lang: Lang) -> String {
    match (d, lang) {
        (Decision::Commit(v), Lang::Zh) => format!("提交了 {v}"),
        (Decision::Abort, Lang::Zh) => "中止了".into(),
        (Decision::Commit(v), Lang::En) => format!("committed {v}"),
        (Decision::Abort, Lang::En) => "aborted".into(),
    }
}

/// A broken safety property of a commit lane in `lang`.
pub fn commit_violation(v: &CommitViolation, lang: Lang) -> String {
    match (v, lang) {
        (CommitViolation::Reversed { node, first, then }, Lang::Zh) => {
            format!(
                "节点 {node} {}，之后又{}",
                did(first, lang),
                did(then, lang)
            )
        }
        (CommitViolation::Split { a, b }, Lang::Zh) => format!(
            "节点 {} {}，而节点 {} {}",
            a.0,
            did(&a.1, lang),
            b.0,
            did(&b.1, lang)
        ),
        (
            CommitViolation::BothChosen {
                slot: Some(s),
                first,
                other,
            },
            Lang::Zh,
        ) => format!("槽位 {s}：{first} 和 {other} 都被选定"),
        (
            CommitViolation::BothChosen {
                slot: None,
                first,
                other,
            },
            Lang::Zh,
        ) => format!("{first} 和 {other} 都被选定"),
        (CommitViolation::Unproposed { node, value }, Lang::Zh) => {
            format!("节点 {node} 决定了 {value}，但没有人提出过它")
        }
        (v, Lang::En) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_has_words_in_both_languages() {
        let notes = [
            CommitNote::LogCommit("x=1".into()),
            CommitNote::ThreePcAbort(ThreePcAbort::VotedNo(3)),
            CommitNote::BackOff(12),
            CommitNote::AdoptValue("a".into(), "b".into()),
        ];
        for n in &notes {
            let zh = commit_note(n, Lang::Zh);
            let en = commit_note(n, Lang::En);
            assert!(!zh.is_empty() && zh != en, "{n:?}");
        }
        assert_eq!(
            commit_note(
                &CommitNote::ThreePcAbort(ThreePcAbort::VotedNo(3)),
                Lang::En
            ),
            "node 3 votes no: abort"
        );
        let split = CommitViolation::Split {
            a: (1, Decision::Commit("x".into())),
            b: (4, Decision::Abort),
        };
        assert_eq!(
            commit_violation(&split, Lang::Zh),
            "节点 1 提交了 x，而节点 4 中止了"
        );
    }
}
