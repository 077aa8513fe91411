//! Strings of the lab's ZooKeeper panels (ballot box, ZAB, data tree, zkCli console,
//! invariants), in zh-CN and English.
//!
//! Sentences with values are templates: `{0}`, `{1}`, … are replaced by
//! [`fill`], so each language can put the values where its grammar wants them.
//! ZooKeeper's own words (state names such as `LEADING`, packet names, zkCli output,
//! Stat field names) are not translated: learners meet them in logs and tools.

use zooscope_core::protocols::zookeeper::replication::zab::learner::LearnerPhase;

/// Replace `{0}`, `{1}`, … in `template` with `args` (a missing argument stays as is).
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match key.parse::<usize>().ok().and_then(|i| args.get(i)) {
                    Some(v) => out.push_str(&v.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Number of Stat fields zkCli prints.
pub const STAT_FIELDS: usize = 11;

/// All panel strings of one language.
#[derive(Debug)]
pub struct PanelTexts {
    // ----- shared -----
    /// Gloss after a state name: LOOKING, FOLLOWING, LEADING, OBSERVING, STANDALONE.
    pub role_gloss: [&'static str; 5],
    /// A stopped server.
    pub stopped: &'static str,
    /// A paused server.
    pub paused: &'static str,
    /// A non-voting member.
    pub observer: &'static str,
    /// "Server {0}".
    pub server_n: &'static str,
    /// Accessible name of a server card: {0} myid, {1} state, {2} epoch, {3} zxid.
    pub server_aria: &'static str,
    /// Accessible name of a stopped server: {0} myid.
    pub server_aria_stopped: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// "nobody" (an observer's vote).
    pub nobody: &'static str,
    /// Accessible label of a zxid: {0} hex, {1} epoch, {2} counter.
    pub zxid_aria: &'static str,
    /// Label of the server picker.
    pub pick_server: &'static str,
    /// A picker button's accessible name; {0} is the server's own name, so the picker
    /// never repeats the cluster view's button names.
    pub pick_server_aria: &'static str,
    /// ZAB phases: election, discovery, synchronization, broadcast.
    pub zab_phases: [&'static str; 4],

    // ----- ballot box -----
    /// Panel title.
    pub ballot_title: &'static str,
    /// One-line explanation.
    pub ballot_lead: &'static str,
    /// "Round (logicalclock)".
    pub ballot_round: &'static str,
    /// "Own vote".
    pub ballot_own: &'static str,
    /// Own vote, before its zxid: {0} leader, {1} peer epoch.
    pub ballot_own_value: &'static str,
    /// Table caption: {0} myid.
    pub ballot_caption: &'static str,
    /// Column headers: from, proposed leader, zxid, peerEpoch, electionEpoch, sender
    /// state, this round, agrees.
    pub ballot_cols: [&'static str; 8],
    /// No ballots yet.
    pub ballot_empty: &'static str,
    /// Quorum progress: {0} agreeing, {1} voters, {2} quorum.
    pub ballot_progress: &'static str,
    /// Quorum reached.
    pub ballot_quorum_reached: &'static str,
    /// Label of the server's election status.
    pub ballot_status: &'static str,
    /// In the finalize wait.
    pub ballot_finalizing: &'static str,
    /// The election is over: {0} state.
    pub ballot_decided: &'static str,
    /// Looking.
    pub ballot_looking: &'static str,
    /// Heading of the change list.
    pub ballot_changes: &'static str,
    /// No changes yet.
    pub ballot_changes_empty: &'static str,
    /// The server does not run: {0} myid.
    pub ballot_not_running: &'static str,

    // ----- ZAB -----
    /// Panel title.
    pub zab_title: &'static str,
    /// One-line explanation.
    pub zab_lead: &'static str,
    /// Leader line: {0} myid, {1} epoch.
    pub zab_leader: &'static str,
    /// No leader.
    pub zab_no_leader: &'static str,
    /// Counters: {0} last proposed, {1} last committed, {2} outstanding.
    pub zab_counters: &'static str,
    /// Learners table caption.
    pub zab_learners: &'static str,
    /// Learner columns: learner, role, phase, step, sync, receives broadcasts.
    pub zab_learner_cols: [&'static str; 6],
    /// A learner's own steps: registering, epoch acked, syncing, NEWLEADER acked, up to
    /// date.
    pub learner_steps: [&'static str; 5],
    /// The leader's handler steps: waiting for epoch, LEADERINFO sent, epoch acked,
    /// NEWLEADER sent, NEWLEADER acked, up to date.
    pub handler_steps: [&'static str; 6],
    /// Not connected to the leader.
    pub zab_not_connected: &'static str,
    /// No learners.
    pub zab_no_learners: &'static str,
    /// DIFF: {0} the learner's zxid.
    pub sync_diff: &'static str,
    /// TRUNC: {0} the cut point.
    pub sync_trunc: &'static str,
    /// SNAP: {0} the snapshot's zxid.
    pub sync_snap: &'static str,
    /// Pipeline caption.
    pub zab_pipeline: &'static str,
    /// Pipeline columns: zxid, operation, status, ACKs, logged on, applied on.
    pub zab_pipeline_cols: [&'static str; 6],
    /// Proposed, waiting for ACKs.
    pub zab_proposed: &'static str,
    /// Committed.
    pub zab_committed: &'static str,
    /// No writes yet.
    pub zab_pipeline_empty: &'static str,
    /// Logs heading.
    pub zab_logs: &'static str,
    /// Log caption: {0} myid.
    pub zab_log_caption: &'static str,
    /// Log columns: zxid, state, operation.
    pub zab_log_cols: [&'static str; 3],
    /// Uncommitted (logged only).
    pub zab_uncommitted: &'static str,
    /// Older txns not shown: {0} count.
    pub zab_log_hidden: &'static str,
    /// Empty log.
    pub zab_log_empty: &'static str,

    // ----- data -----
    /// Panel title.
    pub data_title: &'static str,
    /// Lead: {0} myid, {1} state.
    pub data_lead: &'static str,
    /// No server runs.
    pub data_none: &'static str,
    /// Before the leader's last zxid on the freshness line.
    pub data_leader_zxid: &'static str,
    /// Note when the selected server is stopped and another one's tree is shown.
    pub data_selected_down: &'static str,
    /// Behind the leader: {0} txns.
    pub data_behind: &'static str,
    /// Differs from the leader (count unknown).
    pub data_stale: &'static str,
    /// Same as the leader.
    pub data_fresh: &'static str,
    /// This is the leader's tree.
    pub data_is_leader: &'static str,
    /// Tree caption: {0} myid.
    pub data_tree_caption: &'static str,
    /// Tree columns: path, data, kind, version, children, watches.
    pub data_cols: [&'static str; 6],
    /// Kinds: persistent, ephemeral, container, TTL.
    pub data_kinds: [&'static str; 4],
    /// Owner: {0} session / client.
    pub data_owner: &'static str,
    /// Newer on the leader.
    pub data_leader_newer: &'static str,
    /// Deleted on the leader.
    pub data_leader_gone: &'static str,
    /// Children not shown: {0}.
    pub data_children_hidden: &'static str,
    /// Nodes shown: {0} shown, {1} total.
    pub data_truncated: &'static str,
    /// Watch chips: {0} count: data, child, persistent.
    pub data_watch_chips: [&'static str; 3],
    /// Stat panel title: {0} path.
    pub stat_title: &'static str,
    /// Hint to select a node.
    pub stat_hint: &'static str,
    /// Stat table columns: field, value, meaning.
    pub stat_cols: [&'static str; 3],
    /// What each Stat field means, in zkCli's order.
    pub stat_meanings: [&'static str; STAT_FIELDS],
    /// Button to show a node's Stat: {0} path.
    pub stat_show: &'static str,
    /// Sessions caption.
    pub sessions_caption: &'static str,
    /// Session columns: id, client, timeout, ephemerals, expires in.
    pub sessions_cols: [&'static str; 5],
    /// No sessions.
    pub sessions_empty: &'static str,
    /// Closing.
    pub session_closing: &'static str,
    /// Watches caption.
    pub watches_caption: &'static str,
    /// Watch columns: session, client, path, table, mode.
    pub watches_cols: [&'static str; 5],
    /// No watches.
    pub watches_empty: &'static str,
    /// Tables: data, child.
    pub watch_tables: [&'static str; 2],
    /// Modes: one-shot, persistent, persistent recursive.
    pub watch_modes: [&'static str; 3],

    // ----- console -----
    /// Title.
    pub console_title: &'static str,
    /// Client picker label.
    pub console_client: &'static str,
    /// No client yet.
    pub console_no_client: &'static str,
    /// Add-a-client button.
    pub console_add_client: &'static str,
    /// Input label.
    pub console_input: &'static str,
    /// Run button.
    pub console_run: &'static str,
    /// Keyboard hint.
    pub console_hint: &'static str,
    /// Completion candidates label.
    pub console_matches: &'static str,
    /// Empty transcript.
    pub console_empty: &'static str,
    /// Transcript region label.
    pub console_output: &'static str,

    // ----- invariants -----
    /// Title.
    pub inv_title: &'static str,
    /// All hold.
    pub inv_ok: &'static str,
    /// Broken: {0} count.
    pub inv_broken: &'static str,
    /// Jump button: {0} step.
    pub inv_jump: &'static str,
    /// Columns: invariant, details, step, time.
    pub inv_cols: [&'static str; 4],
    /// Anomalies heading.
    pub inv_anomalies: &'static str,
    /// Anomaly columns: server, what.
    pub inv_anomaly_cols: [&'static str; 2],
    /// What each known checker guards: (name, description).
    pub inv_known: [(&'static str, &'static str); 6],
    /// What the checkers are, in one line.
    pub inv_lead: &'static str,
}

impl PanelTexts {
    /// A learner's own step in words.
    pub fn learner_step(&self, p: LearnerPhase) -> &'static str {
        match p {
            LearnerPhase::Registering => self.learner_steps[0],
            LearnerPhase::AwaitingSync => self.learner_steps[1],
            LearnerPhase::Syncing => self.learner_steps[2],
            LearnerPhase::AwaitingUpToDate => self.learner_steps[3],
            LearnerPhase::Broadcast => self.learner_steps[4],
        }
    }

    /// Every string (for completeness checks).
    pub fn all_strings(&self) -> Vec<&'static str> {
        let mut v = vec![
            self.stopped,
            self.paused,
            self.observer,
            self.server_n,
            self.server_aria,
            self.server_aria_stopped,
            self.yes,
            self.no,
            self.nobody,
            self.zxid_aria,
            self.pick_server,
            self.pick_server_aria,
            self.ballot_title,
            self.ballot_lead,
            self.ballot_round,
            self.ballot_own,
            self.ballot_own_value,
            self.ballot_caption,
            self.ballot_empty,
            self.ballot_progress,
            self.ballot_quorum_reached,
            self.ballot_status,
            self.ballot_finalizing,
            self.ballot_decided,
            self.ballot_looking,
            self.ballot_changes,
            self.ballot_changes_empty,
            self.ballot_not_running,
            self.zab_title,
            self.zab_lead,
            self.zab_leader,
            self.zab_no_leader,
            self.zab_counters,
            self.zab_learners,
            self.zab_not_connected,
            self.zab_no_learners,
            self.sync_diff,
            self.sync_trunc,
            self.sync_snap,
            self.zab_pipeline,
            self.zab_proposed,
            self.zab_committed,
            self.zab_pipeline_empty,
            self.zab_logs,
            self.zab_log_caption,
            self.zab_uncommitted,
            self.zab_log_hidden,
            self.zab_log_empty,
            self.data_title,
            self.data_lead,
            self.data_none,
            self.data_leader_zxid,
            self.data_selected_down,
            self.data_behind,
            self.data_stale,
            self.data_fresh,
            self.data_is_leader,
            self.data_tree_caption,
            self.data_owner,
            self.data_leader_newer,
            self.data_leader_gone,
            self.data_children_hidden,
            self.data_truncated,
            self.stat_title,
            self.stat_hint,
            self.stat_show,
            self.sessions_caption,
            self.sessions_empty,
            self.session_closing,
            self.watches_caption,
            self.watches_empty,
            self.console_title,
            self.console_client,
            self.console_no_client,
            self.console_add_client,
            self.console_input,
            self.console_run,
            self.console_hint,
            self.console_matches,
            self.console_empty,
            self.console_output,
            self.inv_title,
            self.inv_ok,
            self.inv_broken,
            self.inv_jump,
            self.inv_anomalies,
            self.inv_lead,
        ];
        v.extend(self.role_gloss);
        v.extend(self.zab_phases);
        v.extend(self.ballot_cols);
        v.extend(self.zab_learner_cols);
        v.extend(self.learner_steps);
        v.extend(self.handler_steps);
        v.extend(self.zab_pipeline_cols);
        v.extend(self.zab_log_cols);
        v.extend(self.data_cols);
        v.extend(self.data_kinds);
        v.extend(self.data_watch_chips);
        v.extend(self.stat_cols);
        v.extend(self.stat_meanings);
        v.extend(self.sessions_cols);
        v.extend(self.watches_cols);
        v.extend(self.watch_tables);
        v.extend(self.watch_modes);
        v.extend(self.inv_cols);
        v.extend(self.inv_anomaly_cols);
        v.extend(self.inv_known.iter().map(|(_, d)| *d));
        v
    }
}

/// The Chinese panel strings.
pub static ZH: PanelTexts = PanelTexts {
    role_gloss: ["选举中", "跟随者", "领导者", "观察者", "单机"],
    stopped: "已停止",
    paused: "已冻结",
    observer: "观察者（不投票）",
    server_n: "服务器 {0}",
    server_aria: "服务器 {0}，{1}，epoch {2}，zxid {3}",
    server_aria_stopped: "服务器 {0}，已停止",
    yes: "是",
    no: "否",
    nobody: "无人",
    zxid_aria: "zxid {0}：epoch {1}，计数器 {2}",
    pick_server: "选择服务器",
    pick_server_aria: "在面板中查看：{0}",
    zab_phases: ["选举", "发现", "同步", "广播"],

    ballot_title: "投票箱",
    ballot_lead: "每台服务器收到的选票。选票依次比较 epoch、zxid、myid，大者胜；与自己的选票一致的票达到法定人数，选举就结束。",
    ballot_round: "轮次（logicalclock）",
    ballot_own: "自己的选票",
    ballot_own_value: "推举服务器 {0}，peerEpoch {1}，zxid",
    ballot_caption: "服务器 {0} 收到的选票",
    ballot_cols: [
        "发送者",
        "推举的领导者",
        "zxid",
        "peerEpoch",
        "electionEpoch（轮次）",
        "发送者状态",
        "本轮",
        "与自己一致",
    ],
    ballot_empty: "还没有收到任何选票。",
    ballot_progress: "{0}/{1} 票与自己的选票一致，需要 {2} 票",
    ballot_quorum_reached: "已达法定人数",
    ballot_status: "选举状态",
    ballot_finalizing: "已达法定人数，再等 200 ms，看有没有更好的选票",
    ballot_decided: "选举已结束：{0}",
    ballot_looking: "正在选举",
    ballot_changes: "选票为什么变化",
    ballot_changes_empty: "还没有变化。",
    ballot_not_running: "服务器 {0} 没有运行，没有投票箱。",

    zab_title: "ZAB 复制",
    zab_lead: "选出领导者之后：发现（商定新 epoch）→ 同步（DIFF / TRUNC / SNAP）→ 广播（PROPOSAL → 法定人数的 ACK → COMMIT）。",
    zab_leader: "领导者：服务器 {0}，epoch {1}",
    zab_no_leader: "现在没有领导者：集群正在选举。",
    zab_counters: "最近提案 {0} · 最近提交 {1} · 等待 ACK 的提案 {2} 个",
    zab_learners: "学习者（跟随者与观察者）",
    zab_learner_cols: ["学习者", "角色", "ZAB 阶段", "进度", "同步方式", "接收广播"],
    learner_steps: [
        "正在注册（FOLLOWERINFO）",
        "已确认 epoch（ACKEPOCH）",
        "正在接收同步数据",
        "已确认 NEWLEADER",
        "已是最新（UPTODATE）",
    ],
    handler_steps: [
        "等待 epoch 确定",
        "已发送 LEADERINFO",
        "已确认 epoch",
        "已发送 NEWLEADER",
        "已确认 NEWLEADER",
        "已是最新",
    ],
    zab_not_connected: "未连上领导者",
    zab_no_learners: "没有运行中的学习者。",
    sync_diff: "补发 {0} 之后的事务",
    sync_trunc: "把日志截断到 {0}",
    sync_snap: "发送整个快照（{0}）",
    zab_pipeline: "写入流水线：PROPOSAL → ACK → COMMIT",
    zab_pipeline_cols: ["zxid", "操作", "状态", "ACK", "已写入日志", "已应用"],
    zab_proposed: "已发出提案，等待法定人数的 ACK",
    zab_committed: "已提交",
    zab_pipeline_empty: "还没有写入。",
    zab_logs: "各服务器的事务日志",
    zab_log_caption: "服务器 {0} 的日志",
    zab_log_cols: ["zxid", "状态", "操作"],
    zab_uncommitted: "未提交",
    zab_log_hidden: "另有 {0} 条更早的已提交事务",
    zab_log_empty: "日志为空。",

    data_title: "数据树",
    data_lead: "服务器 {0}（{1}）看到的 znode 树：每台服务器都用自己的副本回答读请求。",
    data_none: "没有运行中的服务器。",
    data_leader_zxid: " · 领导者 ",
    data_selected_down: "服务器 {0} 已停止，不响应任何请求；它的数据留在磁盘上（事务日志和快照），重启时再读回来。这里先显示服务器 {1} 的数据树。",
    data_behind: "这台服务器落后领导者 {0} 个已提交事务，读到的是旧数据（先 sync 再读可避免）。",
    data_stale: "这台服务器的数据与领导者不一致。",
    data_fresh: "与领导者一致。",
    data_is_leader: "这是领导者的数据树。",
    data_tree_caption: "服务器 {0} 的 znode",
    data_cols: ["路径", "数据", "类型", "dataVersion", "子节点", "监听"],
    data_kinds: ["持久节点", "临时节点", "容器节点", "TTL 节点"],
    data_owner: "属于 {0}",
    data_leader_newer: "领导者上已更新",
    data_leader_gone: "领导者上已删除",
    data_children_hidden: "另有 {0} 个子节点未显示",
    data_truncated: "只显示 {0}/{1} 个节点",
    data_watch_chips: ["数据 ×{0}", "子节点 ×{0}", "持久 ×{0}"],
    stat_title: "{0} 的 Stat",
    stat_hint: "点击树中的路径查看它的 Stat。",
    stat_cols: ["字段", "值", "含义"],
    stat_meanings: [
        "创建它的事务 zxid",
        "创建时间",
        "最后一次 setData 的 zxid",
        "最后一次 setData 的时间",
        "最后一次增删子节点的 zxid",
        "子节点变化次数（创建 + 删除）",
        "数据版本，每次 setData 加 1",
        "ACL 版本，每次 setAcl 加 1",
        "临时节点所属的会话（其他节点为 0）",
        "数据字节数",
        "子节点个数",
    ],
    stat_show: "查看 {0} 的 Stat",
    sessions_caption: "会话",
    sessions_cols: ["会话 ID", "客户端", "超时", "临时节点", "距过期还有"],
    sessions_empty: "没有会话。",
    session_closing: "正在关闭",
    watches_caption: "这台服务器上登记的监听",
    watches_cols: ["会话", "客户端", "路径", "表", "模式"],
    watches_empty: "没有监听。",
    watch_tables: ["数据", "子节点"],
    watch_modes: ["一次性", "持久", "持久且递归"],

    console_title: "控制台：zkCli 与 Curator",
    console_client: "客户端",
    console_no_client: "还没有客户端。",
    console_add_client: "添加客户端",
    console_input: "zkCli 命令",
    console_run: "执行",
    console_hint: "↑/↓ 翻看历史命令；输入几个字符后按 Tab 补全。Java 写法的行（client.…、new String(…)、Stat stat = …）和 lock、unlock、cache 开头的行交给 Curator 执行，其余的是 zkCli 命令。",
    console_matches: "可选：",
    console_empty: "输入一条命令试试，例如 ls / 或 create /app hello，也可以是一行 Curator 的 Java：client.create().forPath(\"/app2\")。",
    console_output: "控制台输出",

    inv_title: "不变式检查",
    inv_ok: "所有不变式都成立",
    inv_broken: "{0} 处违反不变式",
    inv_jump: "跳到反例（第 {0} 个事件）",
    inv_cols: ["不变式", "详情", "事件", "时间"],
    inv_anomalies: "真实 ZooKeeper 会视为致命错误的分支",
    inv_anomaly_cols: ["服务器", "发生了什么"],
    inv_known: [
        ("at-most-one-leader-per-epoch", "每个 epoch 至多一个领导者"),
        ("committed-txns-agree-in-order", "已提交事务在各服务器上顺序一致"),
        ("server-zxids-increase", "服务器的 zxid 只增不减"),
        ("ephemerals-only-for-live-sessions", "临时节点只属于活着的会话"),
        ("up-to-date-servers-hold-identical-trees", "同步到同一 zxid 的服务器数据树相同"),
        ("no-impossible-branch", "没有走到不可能的分支"),
    ],
    inv_lead: "每一步之后都检查这些不变式。它们表达 ZAB 的安全性质（取自 ZooKeeper 的 TLA+ 规约）：坏事永远不会发生。",
};

/// The English panel strings.
pub static EN: PanelTexts = PanelTexts {
    role_gloss: ["looking", "follower", "leader", "observer", "standalone"],
    stopped: "stopped",
    paused: "paused",
    observer: "observer (no vote)",
    server_n: "Server {0}",
    server_aria: "Server {0}, {1}, epoch {2}, zxid {3}",
    server_aria_stopped: "Server {0}, stopped",
    yes: "yes",
    no: "no",
    nobody: "nobody",
    zxid_aria: "zxid {0}: epoch {1}, counter {2}",
    pick_server: "Choose a server",
    pick_server_aria: "Show in the panels: {0}",
    zab_phases: ["election", "discovery", "synchronization", "broadcast"],

    ballot_title: "Ballot box",
    ballot_lead: "The votes each server has received. Votes compare by epoch, then zxid, then myid; the larger wins. When a quorum of votes equals its own, the election ends.",
    ballot_round: "Round (logicalclock)",
    ballot_own: "Own vote",
    ballot_own_value: "for server {0}, peerEpoch {1}, zxid",
    ballot_caption: "Votes received by server {0}",
    ballot_cols: [
        "From",
        "Proposed leader",
        "zxid",
        "peerEpoch",
        "electionEpoch (round)",
        "Sender state",
        "This round",
        "Agrees",
    ],
    ballot_empty: "No votes received yet.",
    ballot_progress: "{0} of {1} votes agree with its own; {2} needed",
    ballot_quorum_reached: "quorum reached",
    ballot_status: "Election",
    ballot_finalizing: "Quorum reached; waiting 200 ms for a better vote",
    ballot_decided: "Election over: {0}",
    ballot_looking: "Looking for a leader",
    ballot_changes: "Why its vote changed",
    ballot_changes_empty: "No changes yet.",
    ballot_not_running: "Server {0} is not running, so it has no ballot box.",

    zab_title: "ZAB replication",
    zab_lead: "After the election: discovery (agree on a new epoch) → synchronization (DIFF / TRUNC / SNAP) → broadcast (PROPOSAL → quorum of ACKs → COMMIT).",
    zab_leader: "Leader: server {0}, epoch {1}",
    zab_no_leader: "No leader right now: the ensemble is electing one.",
    zab_counters: "last proposal {0} · last commit {1} · proposals waiting for ACKs: {2}",
    zab_learners: "Learners (followers and observers)",
    zab_learner_cols: ["Learner", "Role", "ZAB phase", "Step", "Sync", "Gets broadcasts"],
    learner_steps: [
        "registering (FOLLOWERINFO)",
        "epoch acknowledged (ACKEPOCH)",
        "receiving sync data",
        "NEWLEADER acknowledged",
        "up to date (UPTODATE)",
    ],
    handler_steps: [
        "waiting for the epoch",
        "LEADERINFO sent",
        "epoch acknowledged",
        "NEWLEADER sent",
        "NEWLEADER acknowledged",
        "up to date",
    ],
    zab_not_connected: "not connected to the leader",
    zab_no_learners: "No learner is running.",
    sync_diff: "sends the txns after {0}",
    sync_trunc: "truncates its log to {0}",
    sync_snap: "sends a whole snapshot ({0})",
    zab_pipeline: "Write pipeline: PROPOSAL → ACK → COMMIT",
    zab_pipeline_cols: ["zxid", "Operation", "Status", "ACKs", "Logged on", "Applied on"],
    zab_proposed: "proposed, waiting for a quorum of ACKs",
    zab_committed: "committed",
    zab_pipeline_empty: "No writes yet.",
    zab_logs: "Each server's txn log",
    zab_log_caption: "Log of server {0}",
    zab_log_cols: ["zxid", "State", "Operation"],
    zab_uncommitted: "uncommitted",
    zab_log_hidden: "{0} older committed txns not shown",
    zab_log_empty: "Empty log.",

    data_title: "Data tree",
    data_lead: "The znode tree as server {0} ({1}) sees it: every server answers reads from its own copy.",
    data_none: "No server is running.",
    data_leader_zxid: " · leader ",
    data_selected_down: "Server {0} is stopped and answers nothing; its data waits on disk (transaction log and snapshots) and is read back when it restarts. Showing server {1}'s tree meanwhile.",
    data_behind: "This server is {0} committed txns behind the leader: it serves stale data (sync before reading to avoid it).",
    data_stale: "This server's data differs from the leader's.",
    data_fresh: "Up to date with the leader.",
    data_is_leader: "This is the leader's tree.",
    data_tree_caption: "Znodes on server {0}",
    data_cols: ["Path", "Data", "Kind", "dataVersion", "Children", "Watches"],
    data_kinds: ["persistent", "ephemeral", "container", "TTL"],
    data_owner: "owned by {0}",
    data_leader_newer: "newer on the leader",
    data_leader_gone: "deleted on the leader",
    data_children_hidden: "{0} more children not shown",
    data_truncated: "Showing {0} of {1} nodes",
    data_watch_chips: ["data ×{0}", "child ×{0}", "persistent ×{0}"],
    stat_title: "Stat of {0}",
    stat_hint: "Click a path in the tree to see its Stat.",
    stat_cols: ["Field", "Value", "Meaning"],
    stat_meanings: [
        "zxid of the txn that created it",
        "when it was created",
        "zxid of the last setData",
        "time of the last setData",
        "zxid of the last child create or delete",
        "child changes (creates + deletes)",
        "data version, +1 per setData",
        "ACL version, +1 per setAcl",
        "owning session of an ephemeral (0 otherwise)",
        "bytes of data",
        "number of children",
    ],
    stat_show: "Show the Stat of {0}",
    sessions_caption: "Sessions",
    sessions_cols: ["Session id", "Client", "Timeout", "Ephemerals", "Expires in"],
    sessions_empty: "No sessions.",
    session_closing: "closing",
    watches_caption: "Watches registered at this server",
    watches_cols: ["Session", "Client", "Path", "Table", "Mode"],
    watches_empty: "No watches.",
    watch_tables: ["data", "child"],
    watch_modes: ["one-shot", "persistent", "persistent recursive"],

    console_title: "Console: zkCli and Curator",
    console_client: "Client",
    console_no_client: "No client yet.",
    console_add_client: "Add a client",
    console_input: "zkCli command",
    console_run: "Run",
    console_hint: "↑/↓ for history; Tab completes once you have typed something. Java lines (client.…, new String(…), Stat stat = …) and lines starting with lock, unlock or cache run on Curator; everything else is zkCli.",
    console_matches: "Matches:",
    console_empty: "Type a command, for example ls / or create /app hello, or a line of Curator's Java: client.create().forPath(\"/app2\").",
    console_output: "Console output",

    inv_title: "Invariant checks",
    inv_ok: "Every invariant holds",
    inv_broken: "{0} invariant violations",
    inv_jump: "Jump to the counterexample (event {0})",
    inv_cols: ["Invariant", "Details", "Event", "Time"],
    inv_anomalies: "Branches real ZooKeeper treats as fatal",
    inv_anomaly_cols: ["Server", "What happened"],
    inv_known: [
        ("at-most-one-leader-per-epoch", "at most one leader per epoch"),
        ("committed-txns-agree-in-order", "committed txns agree, in the same order"),
        ("server-zxids-increase", "a server's zxid never goes back"),
        ("ephemerals-only-for-live-sessions", "ephemeral nodes belong to live sessions only"),
        ("up-to-date-servers-hold-identical-trees", "servers at the same zxid hold identical trees"),
        ("no-impossible-branch", "no impossible branch was taken"),
    ],
    inv_lead: "These invariants are checked after every step. They state ZAB's safety properties (from ZooKeeper's TLA+ specifications): nothing bad ever happens.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_places_values() {
        assert_eq!(fill("{0} beats {1}", &[&3, &2]), "3 beats 2");
        assert_eq!(fill("{1}：{0}", &[&"a", &"b"]), "b：a");
        assert_eq!(fill("{2} {x} {", &[&1]), "{2} {x} {");
        assert_eq!(fill("no braces", &[]), "no braces");
    }

    #[test]
    fn no_blank_strings_and_the_languages_differ() {
        let (zh, en) = (ZH.all_strings(), EN.all_strings());
        assert_eq!(zh.len(), en.len());
        assert!(zh.iter().chain(en.iter()).all(|s| !s.trim().is_empty()));
        let same = zh.iter().zip(en.iter()).filter(|(a, b)| a == b).count();
        // Column names that are ZooKeeper's own words (zxid, peerEpoch...) may agree.
        assert!(
            same * 10 < zh.len(),
            "{same} of {} strings are not translated",
            zh.len()
        );
    }

    #[test]
    fn templates_have_the_same_placeholders_in_both_languages() {
        let holes = |s: &str| {
            let mut v: Vec<String> = Vec::new();
            let mut rest = s;
            while let Some(i) = rest.find('{') {
                let after = &rest[i + 1..];
                if let Some(j) = after.find('}') {
                    v.push(after[..j].to_string());
                    rest = &after[j + 1..];
                } else {
                    break;
                }
            }
            v.sort();
            v
        };
        for (z, e) in ZH.all_strings().iter().zip(EN.all_strings().iter()) {
            assert_eq!(holes(z), holes(e), "{z} / {e}");
        }
        for (z, e) in ZH.inv_known.iter().zip(EN.inv_known.iter()) {
            assert_eq!(z.0, e.0);
        }
    }
}
