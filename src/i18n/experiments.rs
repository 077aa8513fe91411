//! The experiments page's words (`#/experiments`), zh-CN and English: the form, the
//! progress, the downloads and every word of a chart (axes, series, marks).

use super::Lang;

/// The experiments page's strings.
#[derive(Debug)]
pub struct ExperimentTexts {
    /// Page title.
    pub title: &'static str,
    /// Lead paragraph.
    pub lead: &'static str,
    /// "Experiment".
    pub experiment: &'static str,
    /// Menu entries, in `Name::ALL` order.
    pub names: [&'static str; 5],
    /// One line on what each measures, in `Name::ALL` order.
    pub about: [&'static str; 5],
    /// Chart captions, in `Name::ALL` order.
    pub titles: [&'static str; 5],
    /// "Seeds per configuration".
    pub seeds: &'static str,
    /// "First seed".
    pub from: &'static str,
    /// "Voting servers".
    pub servers: &'static str,
    /// "Nodes" (commit-cost).
    pub nodes: &'static str,
    /// "Observers".
    pub observers: &'static str,
    /// "Clients".
    pub clients: &'static str,
    /// "tickTime (ms)".
    pub tick: &'static str,
    /// "finalizeWait (ms)".
    pub finalize: &'static str,
    /// "Reads (%)".
    pub reads: &'static str,
    /// Hint under the list fields.
    pub list_hint: &'static str,
    /// "Run".
    pub run: &'static str,
    /// "Cancel".
    pub cancel: &'static str,
    /// Progress label: `{done}`, `{total}`.
    pub progress: &'static str,
    /// "Cancelled after {done} of {total} runs."
    pub cancelled: &'static str,
    /// "The run failed: {error}".
    pub failed: &'static str,
    /// "This browser cannot start the worker".
    pub no_worker: &'static str,
    /// A list field that does not read.
    pub bad_list: &'static str,
    /// Download buttons.
    pub download_csv: &'static str,
    /// PNG.
    pub download_png: &'static str,
    /// SVG.
    pub download_svg: &'static str,
    /// Hover hint.
    pub hover_hint: &'static str,
    /// "Open this run".
    pub open_run: &'static str,
    /// "seed".
    pub seed: &'static str,
    /// The result table's caption.
    pub table: &'static str,
    /// The real recording's heading.
    pub real_title: &'static str,
    /// Its note.
    pub real_note: &'static str,
    /// Column heads of the real-vs-simulated table.
    pub real_heads: [&'static str; 5],
    /// Axis titles, in `Measure` order (Servers … MessagesPerDecision).
    pub measures: [&'static str; 9],
    /// Phases: cold start, after the leader's crash.
    pub phases: [&'static str; 2],
    /// Mark labels, in `MarkKind` order.
    pub marks: [&'static str; 4],
    /// Median election series: `{phase}`, `{tick}`, `{finalize}`, `{observers}`.
    pub election_median: &'static str,
    /// Every run: `{phase}`.
    pub election_runs: &'static str,
    /// Throughput: `{observers}`, `{reads}`, `{clients}`.
    pub throughput: &'static str,
    /// Availability: `{servers}`, `{clients}`, `{reads}`.
    pub availability: &'static str,
    /// Recipes: herd, queue.
    pub recipes: [&'static str; 2],
    /// What is counted: notifications, requests.
    pub lock_counts: [&'static str; 2],
    /// Real failover: `{observers}`.
    pub real_series: &'static str,
    /// Failures: none, one down.
    pub failures: [&'static str; 2],
}

/// The table of `lang`.
pub fn texts(lang: Lang) -> &'static ExperimentTexts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: ExperimentTexts = ExperimentTexts {
    title: "实验",
    lead: "一次运行只说明可能发生什么；上千个种子的运行才说明通常会发生什么。选一个实验和参数，在后台（Web Worker）运行，结果与命令行 zooscope experiment 相同。",
    experiment: "实验",
    names: ["选举耗时", "写吞吐量", "可用性", "锁的唤醒", "一次提交的代价"],
    about: [
        "冷启动与领导者崩溃后，到出现可服务的法定人数所需的时间与消息数。",
        "每模拟秒提交的写请求数与延迟，按服务器数、观察者数与读写比例。",
        "领导者崩溃与网络分区期间，每秒成功的客户端操作。",
        "n 个客户端依次拿一次锁：惊群锁与排队锁（InterProcessMutex）各发出多少通知和请求。",
        "2PC、3PC、Paxos、Multi-Paxos 与 ZAB 做出一次决定所需的消息、往返次数与时间，有无一个节点崩溃。",
    ],
    titles: [
        "ZooKeeper：选出领导者要多久",
        "ZooKeeper：写吞吐量",
        "ZooKeeper：崩溃与网络分区期间的可用性",
        "分布式锁：释放锁时唤醒了谁",
        "一次决定的代价：2PC、3PC、Paxos、Multi-Paxos、ZAB",
    ],
    seeds: "每种配置的种子数",
    from: "第一个种子",
    servers: "参与投票的服务器",
    nodes: "节点数",
    observers: "观察者",
    clients: "客户端",
    tick: "tickTime（毫秒）",
    finalize: "finalizeWait（毫秒）",
    reads: "读请求占比（%）",
    list_hint: "多个取值用逗号分隔，例如 3,5,7",
    run: "运行",
    cancel: "取消",
    progress: "已完成 {done} / {total} 次运行",
    cancelled: "已取消：完成了 {done} / {total} 次运行。",
    failed: "运行失败：{error}",
    no_worker: "这个浏览器无法启动后台 Worker。",
    bad_list: "{field}：请填写用逗号分隔的数字。",
    download_csv: "下载 CSV",
    download_png: "下载 PNG",
    download_svg: "下载 SVG",
    hover_hint: "把指针移到图上的点，可查看数值并打开那次运行。",
    open_run: "打开这次运行",
    seed: "种子",
    table: "结果表（与命令行输出的 CSV 相同）",
    real_title: "真实 ZooKeeper 3.8.0 的故障转移",
    real_note: "在本机回环地址上录制：SIGKILL 领导者，每 20 毫秒查询一次 srvr（tests/failover/）。图中紫色的点是真实的中位数，可与模拟的“领导者崩溃后”对照。",
    real_heads: ["形态", "录制次数", "法定人数恢复服务（毫秒，中位数）", "全部恢复服务（毫秒，中位数）", "模拟（毫秒，中位数）"],
    measures: [
        "参与投票的服务器",
        "到法定人数恢复服务的时间（模拟毫秒）",
        "每模拟秒的写请求数",
        "模拟秒",
        "每模拟秒成功的操作数",
        "争抢锁的客户端",
        "每次运行的消息数（每个客户端拿一次锁）",
        "节点数",
        "每次决定的阶段消息数",
    ],
    phases: ["冷启动", "领导者崩溃后"],
    marks: ["领导者被杀死", "它重新启动", "新领导者被隔离", "网络分区恢复"],
    election_median: "中位数，{phase}，tickTime {tick} 毫秒，finalizeWait {finalize} 毫秒，{observers} 个观察者",
    election_runs: "每次运行，{phase}",
    throughput: "{observers} 个观察者，{reads}% 读，{clients} 个客户端（中位数）",
    availability: "{servers} 台服务器，{clients} 个客户端，{reads}% 读（中位数）",
    recipes: ["惊群锁", "排队锁（InterProcessMutex）"],
    lock_counts: ["监听通知", "请求"],
    real_series: "真实 ZooKeeper 3.8.0，领导者崩溃后的中位数，{observers} 个观察者",
    failures: ["", "，一个节点崩溃"],
};

static EN: ExperimentTexts = ExperimentTexts {
    title: "Experiments",
    lead: "One run shows what can happen; a thousand seeded runs show what usually happens. Pick an experiment and its parameters; it runs in the background (a web worker) and gives the same numbers as the CLI's zooscope experiment.",
    experiment: "Experiment",
    names: ["Election time", "Write throughput", "Availability", "Lock wake-ups", "Cost of a commit"],
    about: [
        "Time and messages until a serving quorum, from a cold start and after the leader's crash.",
        "Writes committed per simulated second and latency, by servers, observers and read share.",
        "Successful client operations per second through a leader crash and a partition.",
        "n clients take one lock in turn: notifications and requests of the herd lock and the queue (InterProcessMutex).",
        "Messages, round trips and time for one decision of 2PC, 3PC, Paxos, Multi-Paxos and ZAB, with or without one node down.",
    ],
    titles: [
        "ZooKeeper: time to elect a leader",
        "ZooKeeper: write throughput",
        "ZooKeeper: availability through a crash and a partition",
        "Curator locks: who is woken when the lock is released",
        "What one decision costs: 2PC, 3PC, Paxos, Multi-Paxos, ZAB",
    ],
    seeds: "Seeds per configuration",
    from: "First seed",
    servers: "Voting servers",
    nodes: "Nodes",
    observers: "Observers",
    clients: "Clients",
    tick: "tickTime (ms)",
    finalize: "finalizeWait (ms)",
    reads: "Reads (%)",
    list_hint: "Several values separated by commas, e.g. 3,5,7",
    run: "Run",
    cancel: "Cancel",
    progress: "{done} of {total} runs done",
    cancelled: "Cancelled after {done} of {total} runs.",
    failed: "The run failed: {error}",
    no_worker: "This browser cannot start the background worker.",
    bad_list: "{field}: numbers separated by commas, please.",
    download_csv: "Download CSV",
    download_png: "Download PNG",
    download_svg: "Download SVG",
    hover_hint: "Point at a dot on the chart to read its value and open that run.",
    open_run: "Open this run",
    seed: "seed",
    table: "Result table (the CLI's CSV)",
    real_title: "Real ZooKeeper 3.8.0 failovers",
    real_note: "Recorded on loopback: SIGKILL the leader, poll srvr every 20 ms (tests/failover/). The purple dots in the chart are the real medians, beside the simulated runs after the leader's crash.",
    real_heads: ["Shape", "Trials", "Quorum serving (ms, median)", "Everyone serving (ms, median)", "Simulated (ms, median)"],
    measures: [
        "voting servers",
        "time to a serving quorum (simulated ms)",
        "writes per simulated second",
        "simulated seconds",
        "successful operations per simulated second",
        "clients contending for the lock",
        "messages per run (every client takes the lock once)",
        "nodes",
        "phase messages per decision",
    ],
    phases: ["cold start", "after the leader's crash"],
    marks: ["leader killed", "it restarts", "new leader cut off", "partition healed"],
    election_median: "median, {phase}, tickTime {tick} ms, finalizeWait {finalize} ms, {observers} observers",
    election_runs: "each run, {phase}",
    throughput: "{observers} observers, {reads} % reads, {clients} clients (median)",
    availability: "{servers} servers, {clients} clients, {reads} % reads (median)",
    recipes: ["herd lock", "queue (InterProcessMutex)"],
    lock_counts: ["watch notifications", "requests"],
    real_series: "real ZooKeeper 3.8.0, median after the leader's crash, {observers} observers",
    failures: ["", ", one node down"],
};
