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
        ];
        all.extend(self.presets);
        all.extend(self.verdicts);
        all.extend(self.outcomes);
        all
    }
}
