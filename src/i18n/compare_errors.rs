//! Why the comparison lab refused a fault script, in words: zh-CN and English.
//!
//! The core reports a script's first bad line as a typed
//! [`ScriptProblem`] (`zooscope_core::compare::script`); this table words each one. Script
//! words (`crash`, `phase2`, `until decided`, the examples) stay as the language spells
//! them, since they are what the learner types.

use super::Lang;
use zooscope_core::compare::script::{ScriptProblem, LINES_MAX, PROPOSALS_MAX};
use zooscope_core::protocols::commit::{NODES_MAX, NODES_MIN, VALUE_MAX};

/// `problem` in `lang`.
pub fn problem_text(problem: &ScriptProblem, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh(problem),
        Lang::En => problem.to_string(),
    }
}

/// The English words are the core's own `Display` (the CLI prints the same); the
/// Chinese ones are written here.
fn zh(problem: &ScriptProblem) -> String {
    use ScriptProblem as P;
    match problem {
        P::NotANode(w) => format!("“{w}”不是节点编号"),
        P::NodeOutOfRange(k) => format!("节点 {k} 不在 1 到 {NODES_MAX} 之间"),
        P::NodeTwice(k) => format!("节点 {k} 写了两次"),
        P::NoNodes => "至少要写一个节点".into(),
        P::NotAPhase(w) => format!("“{w}”不是阶段名（phase1、phase2、phase3）"),
        P::NoUnit(w) => format!("“{w}”缺少单位：写成 200ms、5s 或 2m"),
        P::NotADuration(w) => format!("“{w}”不是时长"),
        P::WaitTooLong => "一次 wait 最长 10 分钟".into(),
        P::BadCondition => "条件只能写 phase1-done 或 K has phase1|phase2|phase3".into(),
        P::PartitionGroups => "partition 要写成几组节点：partition 1 2 | 3 4 5".into(),
        P::NodeInTwoGroups(k) => format!("节点 {k} 同时出现在两组里"),
        P::PartitionNeedsTwo => "partition 至少要两组，用“|”分开：partition 1 2 | 3 4 5".into(),
        P::TakesOneNode(v) => format!("{v} 后面只写一个节点：{v} 2"),
        P::HealTakesNone => "heal 后面不带参数".into(),
        P::BadValue => format!("propose 的值最多 {VALUE_MAX} 个可打印字符，不能有空格"),
        P::VoteUsage => "vote 后面写节点和 yes 或 no：vote 3 no".into(),
        P::ProposeUsage => "propose 后面写一个值，可以再写节点：propose x=1 at 2".into(),
        P::DropUsage => "drop 后面写阶段和节点：drop phase2 to 3 4 5".into(),
        P::WaitUsage => "wait 后面写时长（200ms、5s、2m）或 until decided".into(),
        P::UnknownCommand(w) => format!("没有“{w}”这条命令"),
        P::TooManyLines => format!("脚本最多 {LINES_MAX} 行"),
        P::SetupFirst(w) => format!("{w} 必须写在其他命令之前"),
        P::LanesTwice => "lanes 只能写一次".into(),
        P::NotALane(w) => format!("“{w}”不是协议名（2pc、3pc、paxos、zab、multipaxos）"),
        P::LaneTwice(w) => format!("协议 {w} 写了两次"),
        P::NoLanes => "至少要写一个协议：lanes 2pc paxos".into(),
        P::NodesTwice => "nodes 只能写一次".into(),
        P::NodesRange => format!("nodes 后面写 {NODES_MIN} 到 {NODES_MAX} 之间的数"),
        P::NodesUsage => "nodes 后面只写一个数：nodes 5".into(),
        P::TooManyProposals => format!("最多 {PROPOSALS_MAX} 条 propose"),
        P::NoSuchNode { node, nodes } => format!("没有节点 {node}（本脚本共 {nodes} 个节点）"),
        P::LaneDidNotStart { detail, .. } => {
            format!("这一组协议没能启动（这是 ZooScope 的缺陷，请报告）：{detail}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::compare::script::parse;

    #[test]
    fn a_bad_line_is_worded_in_both_languages() {
        let e = parse("nodes 5\ncrash 9\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(
            problem_text(&e.problem, Lang::En),
            "there is no node 9 (nodes 5)"
        );
        assert_eq!(
            problem_text(&e.problem, Lang::Zh),
            "没有节点 9（本脚本共 5 个节点）"
        );
        let e = parse("explode 1\n").unwrap_err();
        assert_eq!(problem_text(&e.problem, Lang::Zh), "没有“explode”这条命令");
        assert_eq!(
            problem_text(&e.problem, Lang::En),
            "unknown command 'explode'"
        );
    }

    #[test]
    fn every_zh_sentence_has_chinese_words() {
        for text in [
            "vote 1 maybe",
            "propose",
            "drop x",
            "wait",
            "wait 5",
            "wait 11m",
            "heal now",
            "crash",
            "partition 1 2",
            "lanes 2pc 2pc",
            "lanes",
            "nodes 99",
            "nodes",
            "crash 1 when soon",
        ] {
            let e = parse(text).expect_err(text);
            let zh = problem_text(&e.problem, Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{text}: {zh}"
            );
            assert_ne!(zh, problem_text(&e.problem, Lang::En), "{text}");
        }
    }
}
