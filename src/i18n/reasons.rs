//! Why a server's vote changed, in words: the ballot box's reasons in zh-CN and English.
//!
//! The election records each change of a server's proposal as a typed
//! [`VoteChangeReason`] (the rule that decided and the two votes it compared, a round
//! jump, the finalize wait, a join); this module says it in the UI language. ZooKeeper's
//! own words — state names such as `LEADING`, `zxid`, `myid` — stay as ZooKeeper writes
//! them; zxids are printed as ZooKeeper prints them (`0x100000003`).

use super::Lang;
use zooscope_core::protocols::zookeeper::lab_view::ballot::candidate;
use zooscope_core::protocols::zookeeper::lab_view::cards::Zxid;
use zooscope_core::protocols::zookeeper::replication::election::{Choice, VoteChangeReason};
use zooscope_core::protocols::zookeeper::replication::vote::{Comparison, Rule};

/// Why a vote changed, as one sentence in `lang`.
pub fn vote_change(reason: &VoteChangeReason, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh(reason),
        Lang::En => en(reason),
    }
}

/// A proposed leader: its id, or the language's "nobody" for an observer's empty vote.
fn who(id: i64, lang: Lang) -> String {
    candidate(id).map_or_else(|| lang.panels().nobody.to_string(), |id| id.to_string())
}

/// A zxid as ZooKeeper prints it (`—` for the "no zxid" of an observer's vote).
fn zxid(z: i64) -> String {
    Zxid::of_vote(z).map_or_else(|| "—".to_string(), |z| z.to_string())
}

fn zh(reason: &VoteChangeReason) -> String {
    let who = |id| who(id, Lang::Zh);
    match *reason {
        VoteChangeReason::OwnVote {
            round,
            zxid: z,
            epoch,
        } => {
            format!(
                "第 {round} 轮：投票给自己（zxid {}，epoch {epoch}）",
                zxid(z)
            )
        }
        VoteChangeReason::ObserverStart { round } => {
            format!("第 {round} 轮：观察者不推举任何人，等待有投票权的服务器选出领导者")
        }
        VoteChangeReason::VoteFrom { sender, choice } => {
            format!("收到服务器 {sender} 的选票：{}", zh_choice(choice, sender))
        }
        VoteChangeReason::RoundJump {
            from_round,
            to_round,
            sender,
            choice,
        } => format!(
            "服务器 {sender} 已进入第 {to_round} 轮，于是从第 {from_round} 轮跳到第 {to_round} 轮，\
             清空旧选票，重新比较：{}",
            zh_choice(choice, sender)
        ),
        VoteChangeReason::Finalized {
            leader,
            wait_ms,
            state,
        } => format!(
            "法定人数的选票都投给 {}，且 {wait_ms} ms 内没有出现更好的选票：进入 {} 状态",
            who(leader),
            state.name()
        ),
        VoteChangeReason::Joined { leader, state } => {
            let l = who(leader);
            format!(
                "加入已有的领导者 {l}：法定人数的服务器以 FOLLOWING/LEADING 回复支持它，\
                 且 {l} 自己回复 LEADING（这里不比较选票，所以新加入的服务器不会取代领导者）：\
                 进入 {} 状态",
                state.name()
            )
        }
    }
}

fn zh_choice(choice: Choice, sender: u64) -> String {
    let Choice::Compared(Comparison {
        rule,
        winner,
        loser,
    }) = choice
    else {
        return format!("观察者直接采用服务器 {sender} 的选票");
    };
    let (w, l) = (who(winner.leader, Lang::Zh), who(loser.leader, Lang::Zh));
    match rule {
        Rule::HigherEpoch => format!(
            "{w} 胜过 {l}：epoch 更大（{} > {}）",
            winner.epoch, loser.epoch
        ),
        Rule::HigherZxid => format!(
            "{w} 胜过 {l}：epoch 相同，zxid 更大（{} > {}）",
            zxid(winner.zxid),
            zxid(loser.zxid)
        ),
        Rule::HigherId => format!("{w} 胜过 {l}：epoch 和 zxid 都相同，myid 更大"),
        Rule::SameVote => format!("两张选票推举的是同一候选者 {w}，历史也相同"),
    }
}

fn en(reason: &VoteChangeReason) -> String {
    let who = |id| who(id, Lang::En);
    match *reason {
        VoteChangeReason::OwnVote {
            round,
            zxid: z,
            epoch,
        } => {
            format!(
                "round {round}: votes for itself (zxid {}, epoch {epoch})",
                zxid(z)
            )
        }
        VoteChangeReason::ObserverStart { round } => {
            format!("round {round}: an observer proposes nobody and follows the voters")
        }
        VoteChangeReason::VoteFrom { sender, choice } => {
            format!("vote from {sender}: {}", en_choice(choice, sender))
        }
        VoteChangeReason::RoundJump {
            from_round,
            to_round,
            sender,
            choice,
        } => format!(
            "round jump {from_round} -> {to_round} (server {sender} is ahead); {}",
            en_choice(choice, sender)
        ),
        VoteChangeReason::Finalized {
            leader,
            wait_ms,
            state,
        } => format!(
            "a quorum agrees on {} and nothing better came for {wait_ms} ms: {}",
            who(leader),
            state.name()
        ),
        VoteChangeReason::Joined { leader, state } => {
            let l = who(leader);
            format!(
                "joins the established leader {l}: a quorum of FOLLOWING/LEADING votes agree \
                 and {l} says LEADING: {}",
                state.name()
            )
        }
    }
}

fn en_choice(choice: Choice, sender: u64) -> String {
    let Choice::Compared(Comparison {
        rule,
        winner,
        loser,
    }) = choice
    else {
        return format!("an observer takes {sender}'s vote");
    };
    let (w, l) = (who(winner.leader, Lang::En), who(loser.leader, Lang::En));
    match rule {
        Rule::HigherEpoch => format!(
            "{w} beats {l}: higher epoch ({} > {})",
            winner.epoch, loser.epoch
        ),
        Rule::HigherZxid => format!(
            "{w} beats {l}: same epoch, higher zxid ({} > {})",
            zxid(winner.zxid),
            zxid(loser.zxid)
        ),
        Rule::HigherId => format!("{w} beats {l}: same epoch, same zxid, higher myid"),
        Rule::SameVote => format!("{w} is the same candidate"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::protocols::zookeeper::replication::vote::{ServerState, VoteKey};

    fn key(leader: i64, zxid: i64, epoch: i64) -> VoteKey {
        VoteKey {
            leader,
            zxid,
            epoch,
        }
    }

    fn by(rule: Rule, winner: VoteKey, loser: VoteKey) -> Choice {
        Choice::Compared(Comparison {
            rule,
            winner,
            loser,
        })
    }

    /// Asserts the Chinese and the English sentence of `r`.
    fn says(r: VoteChangeReason, zh: &str, en: &str) {
        assert_eq!(vote_change(&r, Lang::Zh), zh);
        assert_eq!(vote_change(&r, Lang::En), en);
    }

    #[test]
    fn a_new_round_begins() {
        says(
            VoteChangeReason::OwnVote {
                round: 3,
                zxid: 0x1_0000_0003,
                epoch: 1,
            },
            "第 3 轮：投票给自己（zxid 0x100000003，epoch 1）",
            "round 3: votes for itself (zxid 0x100000003, epoch 1)",
        );
        says(
            VoteChangeReason::ObserverStart { round: 2 },
            "第 2 轮：观察者不推举任何人，等待有投票权的服务器选出领导者",
            "round 2: an observer proposes nobody and follows the voters",
        );
    }

    #[test]
    fn each_rule_of_the_comparison() {
        let from = |sender, choice| VoteChangeReason::VoteFrom { sender, choice };
        says(
            from(2, by(Rule::HigherId, key(2, 0, 0), key(1, 0, 0))),
            "收到服务器 2 的选票：2 胜过 1：epoch 和 zxid 都相同，myid 更大",
            "vote from 2: 2 beats 1: same epoch, same zxid, higher myid",
        );
        says(
            from(
                3,
                by(
                    Rule::HigherZxid,
                    key(1, 0x1_0000_0002, 1),
                    key(3, 0x1_0000_0001, 1),
                ),
            ),
            "收到服务器 3 的选票：1 胜过 3：epoch 相同，zxid 更大（0x100000002 > 0x100000001）",
            "vote from 3: 1 beats 3: same epoch, higher zxid (0x100000002 > 0x100000001)",
        );
        says(
            from(1, by(Rule::HigherEpoch, key(3, 0, 2), key(1, 9, 1))),
            "收到服务器 1 的选票：3 胜过 1：epoch 更大（2 > 1）",
            "vote from 1: 3 beats 1: higher epoch (2 > 1)",
        );
        says(
            from(1, Choice::ObserverTakes),
            "收到服务器 1 的选票：观察者直接采用服务器 1 的选票",
            "vote from 1: an observer takes 1's vote",
        );
    }

    #[test]
    fn round_jumps() {
        says(
            VoteChangeReason::RoundJump {
                from_round: 1,
                to_round: 4,
                sender: 3,
                choice: by(Rule::HigherId, key(3, 0, 0), key(2, 0, 0)),
            },
            "服务器 3 已进入第 4 轮，于是从第 1 轮跳到第 4 轮，清空旧选票，重新比较：\
             3 胜过 2：epoch 和 zxid 都相同，myid 更大",
            "round jump 1 -> 4 (server 3 is ahead); 3 beats 2: same epoch, same zxid, higher myid",
        );
        let own = key(2, 5, 1);
        says(
            VoteChangeReason::RoundJump {
                from_round: 1,
                to_round: 2,
                sender: 1,
                choice: by(Rule::SameVote, own, own),
            },
            "服务器 1 已进入第 2 轮，于是从第 1 轮跳到第 2 轮，清空旧选票，重新比较：\
             两张选票推举的是同一候选者 2，历史也相同",
            "round jump 1 -> 2 (server 1 is ahead); 2 is the same candidate",
        );
        says(
            VoteChangeReason::RoundJump {
                from_round: 1,
                to_round: 5,
                sender: 2,
                choice: Choice::ObserverTakes,
            },
            "服务器 2 已进入第 5 轮，于是从第 1 轮跳到第 5 轮，清空旧选票，重新比较：\
             观察者直接采用服务器 2 的选票",
            "round jump 1 -> 5 (server 2 is ahead); an observer takes 2's vote",
        );
    }

    #[test]
    fn the_election_ends() {
        says(
            VoteChangeReason::Finalized {
                leader: 3,
                wait_ms: 200,
                state: ServerState::Leading,
            },
            "法定人数的选票都投给 3，且 200 ms 内没有出现更好的选票：进入 LEADING 状态",
            "a quorum agrees on 3 and nothing better came for 200 ms: LEADING",
        );
        says(
            VoteChangeReason::Joined {
                leader: 2,
                state: ServerState::Following,
            },
            "加入已有的领导者 2：法定人数的服务器以 FOLLOWING/LEADING 回复支持它，\
             且 2 自己回复 LEADING（这里不比较选票，所以新加入的服务器不会取代领导者）：\
             进入 FOLLOWING 状态",
            "joins the established leader 2: a quorum of FOLLOWING/LEADING votes agree and \
             2 says LEADING: FOLLOWING",
        );
    }

    #[test]
    fn an_observers_empty_vote_is_nobody() {
        let nobody = key(i64::MIN, i64::MIN, i64::MIN);
        let r = VoteChangeReason::VoteFrom {
            sender: 1,
            choice: by(Rule::HigherEpoch, key(1, 0, 0), nobody),
        };
        assert!(vote_change(&r, Lang::Zh).contains("1 胜过 无人"));
        assert!(vote_change(&r, Lang::En).contains("1 beats nobody"));
        assert_eq!(zxid(i64::MIN), "—");
    }
}
