//! Why a replayed run stopped, in words: a logged command of a link, a run file or a
//! rewound run that could not be re-applied, in zh-CN and English.
//!
//! The timeline reports the stop as a typed [`ReplayError`] (the command's place in the
//! log, the step it was logged at, the command, the refusal); this module says it in the
//! UI language. The command itself is shown as the core writes it (`crash node 2`), the
//! same form the run file and the CLI use, so the learner can find it in the log.

use super::Lang;
use std::fmt::Display;
use zooscope_core::command::CommandError;
use zooscope_core::timeline::{ReplayError, ReplayRefusal};

/// The notice for a run stopped before a command it could not re-apply, in `lang`.
pub fn replay_stopped<C: Display>(e: &ReplayError<C>, lang: Lang) -> String {
    let n = e.index + 1;
    let step = e.at_step;
    let cmd = &e.command;
    let why = reason(&e.reason, lang);
    match lang {
        Lang::Zh => format!(
            "第 {n} 条命令（{cmd}，记录于第 {step} 步）无法重新执行：{why}。\
             运行保留到这一刻，其后的命令记录也都保留着；回退后可以改变它。"
        ),
        Lang::En => format!(
            "Command {n} ({cmd}, at step {step}) could not be re-applied: {why}. \
             The run is kept up to this point and the rest of the log is kept too; \
             rewind to change it."
        ),
    }
}

/// Why the command was refused, as a clause in `lang`.
pub fn reason(refusal: &ReplayRefusal, lang: Lang) -> String {
    match (refusal, lang) {
        (ReplayRefusal::Command(e), _) => command(e, lang),
        (ReplayRefusal::Clock { at, now }, Lang::Zh) => {
            format!("它记录的时间 {at} 到不了：时钟已在 {now}，或有更早的事件要先处理")
        }
        (ReplayRefusal::Clock { at, now }, Lang::En) => format!(
            "its logged time {at} cannot be reached: the clock is at {now} or an earlier \
             event comes first"
        ),
    }
}

/// Why the core refused a command, as a clause in `lang`.
pub fn command(e: &CommandError, lang: Lang) -> String {
    match lang {
        Lang::Zh => command_zh(e),
        Lang::En => command_en(e),
    }
}

fn command_zh(e: &CommandError) -> String {
    match e {
        CommandError::NoSuchNode(n) => format!("这次运行里没有节点 {}", n.0),
        CommandError::NoSuchMessage(m) => {
            format!("那一刻消息 {m} 不在网络上（已经到达或被丢弃）")
        }
        CommandError::WrongState { node, expected } => {
            let state = match *expected {
                "running" => "运行中",
                "stopped" => "已停止",
                "paused" => "已冻结",
                other => other,
            };
            format!("那一刻节点 {} 不是“{state}”状态", node.0)
        }
        CommandError::Invalid(why) => format!("命令本身无效（{why}）"),
    }
}

fn command_en(e: &CommandError) -> String {
    match e {
        CommandError::NoSuchNode(n) => format!("there is no node {} in this run", n.0),
        CommandError::NoSuchMessage(m) => {
            format!("message {m} is not on the wire at that moment (it has arrived or was dropped)")
        }
        CommandError::WrongState { node, expected } => {
            format!("node {} is not {expected} at that moment", node.0)
        }
        CommandError::Invalid(why) => format!("the command itself is invalid ({why})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::id::{MsgId, NodeId};
    use zooscope_core::time::SimTime;

    fn stop(reason: ReplayRefusal) -> ReplayError<&'static str> {
        ReplayError {
            index: 2,
            at_step: 417,
            command: "crash node 1",
            reason,
        }
    }

    #[test]
    fn the_notice_names_the_command_its_step_and_why_in_both_languages() {
        let e = stop(ReplayRefusal::Command(CommandError::WrongState {
            node: NodeId(1),
            expected: "running",
        }));
        assert_eq!(
            replay_stopped(&e, Lang::En),
            "Command 3 (crash node 1, at step 417) could not be re-applied: node 1 is not \
             running at that moment. The run is kept up to this point and the rest of the log \
             is kept too; rewind to change it."
        );
        assert_eq!(
            replay_stopped(&e, Lang::Zh),
            "第 3 条命令（crash node 1，记录于第 417 步）无法重新执行：那一刻节点 1 不是“运行中”状态。\
             运行保留到这一刻，其后的命令记录也都保留着；回退后可以改变它。"
        );
    }

    #[test]
    fn every_refusal_has_its_own_words_in_both_languages() {
        let refusals = [
            ReplayRefusal::Command(CommandError::NoSuchNode(NodeId(9))),
            ReplayRefusal::Command(CommandError::NoSuchMessage(MsgId(12))),
            ReplayRefusal::Command(CommandError::WrongState {
                node: NodeId(2),
                expected: "paused",
            }),
            ReplayRefusal::Command(CommandError::Invalid("a link needs two nodes".into())),
            ReplayRefusal::Clock {
                at: SimTime(5),
                now: SimTime(7),
            },
        ];
        let must = [
            ("9", "9"),
            ("m12", "m12"),
            ("not paused", "已冻结"),
            ("a link needs two nodes", "a link needs two nodes"),
            ("0.000005s", "0.000007s"),
        ];
        let mut seen = Vec::new();
        for (r, (en, zh)) in refusals.iter().zip(must) {
            let (e, z) = (reason(r, Lang::En), reason(r, Lang::Zh));
            assert!(e.contains(en), "{e}");
            assert!(z.contains(zh), "{z}");
            assert_ne!(e, z);
            seen.push(e);
            seen.push(z);
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 10, "each refusal reads differently");
    }
}
