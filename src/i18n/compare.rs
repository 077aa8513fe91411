//! The words of the comparison lab on `#/compare` (`crate::compare_lab`), zh-CN and
//! English. `{x}` marks a value filled in at run time. Preset titles follow the order of
//! `zooscope_core::compare::presets::PRESETS`.

/// One language's strings of the comparison lab.
#[derive(Debug)]
pub struct CompareTexts {
    /// Section heading.
    pub heading: &'static str,
    /// One-paragraph lead.
    pub lead: &'static str,
    /// Label of the preset picker.
    pub preset: &'static str,
    /// Preset titles, in `PRESETS` order.
    pub presets: [&'static str; 6],
    /// Label of the script editor.
    pub script: &'static str,
    /// Label of the seed field.
    pub seed: &'static str,
    /// The run button.
    pub run: &'static str,
    /// The CSV export link.
    pub export: &'static str,
    /// A script error: `{line}`, then the parser's detail.
    pub error: &'static str,
    /// A lane's verdict, as its accessible name: `{lane}` and `{verdict}`.
    pub verdict_label: &'static str,
    /// Verdict words: committed `{v}`, aborted, blocked, undecided, inconsistent.
    pub verdicts: [&'static str; 5],
    /// Outcome words: committed `{v}`, aborted, uncertain, undecided, down.
    pub outcomes: [&'static str; 5],
    /// A node: `{k}`.
    pub node: &'static str,
    /// Counters: `{m}` messages, `{r}` round trips, `{t}` time to decision.
    pub counters: &'static str,
    /// Counters when nothing was decided.
    pub not_decided: &'static str,
    /// A broken invariant: `{name}`.
    pub broken: &'static str,
    /// Node stances, in `Stance` order: idle, collecting votes, prepared (uncertain),
    /// pre-committed, preparing, accepting, backing off, looking, leading, following,
    /// committed `{v}`, aborted.
    pub stances: [&'static str; 12],
    /// The ballot a node promised: `{b}`.
    pub promised: &'static str,
    /// The proposal a node accepted: `{b}` and `{v}`.
    pub accepted: &'static str,
    /// Marks the coordinating node (2PC/3PC coordinator, Paxos first proposer, leader).
    pub coordinator: &'static str,
    /// The stage's accessible name.
    pub stage: &'static str,
    /// Which script line a lane is on: `{line}`.
    pub at_line: &'static str,
    /// A lane that has run its whole script.
    pub done: &'static str,
    /// Panel titles: script, sequence diagrams, counters, what the lanes reported, the
    /// summary table.
    pub panels: [&'static str; 5],
    /// The share-link button.
    pub share: &'static str,
    /// The link was copied / could not be copied.
    pub copied: [&'static str; 2],
    /// Export the script.
    pub export_script: &'static str,
    /// A conditional line that never held: `{line}` and the lanes.
    pub never: &'static str,
    /// Counter table heads: lane, messages, round trips, time to decision.
    pub counter_heads: [&'static str; 4],
    /// A lane note: its condition held and its command ran: `{text}`.
    pub fired: &'static str,
    /// A lane note: the client resubmitted `{v}` to node `{k}`.
    pub resubmitted: &'static str,
    /// A lane note: the command does not apply here.
    pub ignored: &'static str,
    /// A lane note: the fault could not apply: `{why}`.
    pub refused: &'static str,
    /// Why a fault could not apply: node `{k}` is already down, node `{k}` runs.
    pub refusals: [&'static str; 2],
    /// A lane note: `wait until decided` ran out: `{verdict}`.
    pub not_decided_after: &'static str,
    /// A lane note: the lane hit its event limit.
    pub step_limit: &'static str,
    /// No note yet.
    pub no_notes: &'static str,
}

/// Chinese.
pub static COMPARE_ZH: CompareTexts = CompareTexts {
    heading: "同一段故障脚本，四种协议",
    lead: "选一个预设或自己写脚本，然后运行：2PC、3PC、Paxos 和 ZAB 用同样的节点、同样的种子、同样的故障各跑一遍，并排给出结论。",
    preset: "预设",
    presets: [
        "2PC：投票之后协调者崩溃",
        "2PC：提交只到达一个参与者",
        "3PC：第一个 PreCommit 之后网络分区",
        "Paxos：两个提议者相互抢先",
        "ZAB：领导者在 COMMIT 之前崩溃",
        "一张反对票",
    ],
    script: "脚本",
    seed: "种子",
    run: "运行",
    export: "导出计数（CSV）",
    error: "脚本第 {line} 行有错误：",
    verdict_label: "{lane} 的结论：{verdict}",
    verdicts: ["已提交 {v}", "已中止", "阻塞", "未决定", "不一致"],
    outcomes: ["已提交 {v}", "已中止", "不确定（阻塞）", "未决定", "已崩溃"],
    node: "节点 {k}",
    counters: "{m} 条消息 · {r} 次往返 · {t} 后决定",
    not_decided: "尚未决定",
    broken: "不变式被破坏：{name}",
    stances: [
        "空闲",
        "收集选票中",
        "已准备（不确定）",
        "已预提交",
        "等待承诺",
        "等待接受",
        "退避中",
        "寻找领导者",
        "领导者",
        "跟随者",
        "已提交 {v}",
        "已中止",
    ],
    promised: "已承诺 {b}",
    accepted: "已接受 ({b}, {v})",
    coordinator: "协调者",
    stage: "各协议并排运行",
    at_line: "第 {line} 行",
    done: "脚本已跑完",
    panels: ["脚本", "时序图", "计数", "各协议的报告", "对照表"],
    share: "复制链接",
    copied: ["链接已复制", "无法复制链接"],
    export_script: "导出脚本",
    never: "从未发生：第 {line} 行 {text}（{lanes}）",
    counter_heads: ["协议", "消息", "往返", "决定用时"],
    fired: "条件成立，执行：{text}",
    resubmitted: "客户端超时，把 {v} 重新提交给节点 {k}",
    ignored: "不适用于这个协议",
    refused: "未执行：{why}",
    refusals: ["节点 {k} 已经崩溃", "节点 {k} 正在运行"],
    not_decided_after: "等待结束时仍是：{verdict}",
    step_limit: "达到事件上限，停止",
    no_notes: "还没有报告。",
};

/// English.
pub static COMPARE_EN: CompareTexts = CompareTexts {
    heading: "One fault script, four protocols",
    lead: "Pick a preset or write a script, then run it: 2PC, 3PC, Paxos and ZAB each run it with the same nodes, the same seed and the same faults, and their verdicts appear side by side.",
    preset: "Preset",
    presets: [
        "2PC: the coordinator crashes after the votes",
        "2PC: the commit reaches one participant",
        "3PC: a partition after the first PreCommit",
        "Paxos: dueling proposers",
        "ZAB: the leader crashes before COMMIT",
        "A no vote",
    ],
    script: "Script",
    seed: "Seed",
    run: "Run",
    export: "Export counters (CSV)",
    error: "The script has an error on line {line}: ",
    verdict_label: "{lane} verdict: {verdict}",
    verdicts: ["committed {v}", "aborted", "blocked", "undecided", "inconsistent"],
    outcomes: ["committed {v}", "aborted", "uncertain", "undecided", "down"],
    node: "node {k}",
    counters: "{m} messages · {r} round trips · decided after {t}",
    not_decided: "not decided",
    broken: "Invariant broken: {name}",
    stances: [
        "idle",
        "collecting votes",
        "prepared (uncertain)",
        "pre-committed",
        "awaiting promises",
        "awaiting acceptances",
        "backing off",
        "looking for a leader",
        "leader",
        "follower",
        "committed {v}",
        "aborted",
    ],
    promised: "promised {b}",
    accepted: "accepted ({b}, {v})",
    coordinator: "coordinator",
    stage: "The protocols side by side",
    at_line: "line {line}",
    done: "script done",
    panels: ["Script", "Sequence diagrams", "Counters", "What the lanes reported", "Summary"],
    share: "Copy link",
    copied: ["Link copied", "The link could not be copied"],
    export_script: "Export script",
    never: "Never happened: line {line} {text} ({lanes})",
    counter_heads: ["Lane", "Messages", "Round trips", "Time to decision"],
    fired: "the condition held; ran: {text}",
    resubmitted: "the client timed out and resubmitted {v} to node {k}",
    ignored: "does not apply to this lane",
    refused: "not applied: {why}",
    refusals: ["node {k} is already down", "node {k} is running"],
    not_decided_after: "still {verdict} when the wait ended",
    step_limit: "stopped at the event limit",
    no_notes: "Nothing reported yet.",
};

impl CompareTexts {
    /// Every string (the glossary test reads them).
    pub fn all_strings(&self) -> Vec<&'static str> {
        let mut all = vec![
            self.heading,
            self.lead,
            self.preset,
            self.script,
            self.seed,
            self.run,
            self.export,
            self.error,
            self.verdict_label,
            self.node,
            self.counters,
            self.not_decided,
            self.broken,
            self.promised,
            self.accepted,
            self.coordinator,
            self.stage,
            self.at_line,
            self.done,
            self.share,
            self.export_script,
            self.never,
            self.fired,
            self.resubmitted,
            self.ignored,
            self.refused,
            self.not_decided_after,
            self.step_limit,
            self.no_notes,
        ];
        all.extend(self.stances);
        all.extend(self.panels);
        all.extend(self.copied);
        all.extend(self.refusals);
        all.extend(self.counter_heads);
        all.extend(self.presets);
        all.extend(self.verdicts);
        all.extend(self.outcomes);
        all
    }
}
