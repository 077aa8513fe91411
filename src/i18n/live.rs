//! Strings of the live page (`#/live`: a real ensemble seen through `zooscope bridge`),
//! in zh-CN and English. Templates take `{0}`, `{1}`, … ([`super::panels::fill`]).
//! ZooKeeper's own words (modes as `srvr` prints them, four-letter words, Stat fields,
//! zoo.cfg lines, zkCli commands) stay as they are.

/// The live page's strings of one language.
#[derive(Debug)]
pub struct LiveTexts {
    /// Nav entry and page title.
    pub title: &'static str,
    /// Paragraph under the title.
    pub lead: &'static str,
    /// How to start the bridge (a command follows).
    pub how_to: &'static str,
    /// Link status: connecting to `{0}`.
    pub link_connecting: &'static str,
    /// Link status: connected to `{0}`.
    pub link_open: &'static str,
    /// Link status: no bridge at `{0}` (retrying).
    pub link_closed: &'static str,
    /// Snapshot `{0}` taken at `{1}`.
    pub snapshot_at: &'static str,
    /// Heading: what is measured and what is not.
    pub seen_title: &'static str,
    /// What the page measures.
    pub seen_measured: &'static str,
    /// What the page cannot see.
    pub seen_hidden: &'static str,
    /// Heading of the servers table.
    pub servers_title: &'static str,
    /// Server table columns.
    pub server_cols: &'static [&'static str],
    /// Mode: not serving.
    pub mode_not_serving: &'static str,
    /// Mode: nothing answers.
    pub mode_down: &'static str,
    /// Mode: not ZooKeeper.
    pub mode_not_zk: &'static str,
    /// Mode: unknown (srvr refused).
    pub mode_unknown: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// Note on a server that refused words: `{0}` server, `{1}` words, then the line to add.
    pub whitelist_note: &'static str,
    /// Note on a port that is not ZooKeeper: `{0}` address.
    pub not_zk_note: &'static str,
    /// Heading of the ZAB counters.
    pub zab_title: &'static str,
    /// The leader is server `{0}`, epoch `{1}`.
    pub zab_leader: &'static str,
    /// No leader right now.
    pub zab_no_leader: &'static str,
    /// zxid rate: `{0}` transactions per second.
    pub zab_rate: &'static str,
    /// Followers in sync: `{0}` of `{1}` learners.
    pub zab_synced: &'static str,
    /// What the epoch column means.
    pub zab_epoch_note: &'static str,
    /// Heading of the timeline.
    pub timeline_title: &'static str,
    /// Lead of the timeline.
    pub timeline_lead: &'static str,
    /// Moment: server `{0}` stopped answering.
    pub moment_down: &'static str,
    /// Moment: server `{0}` answers again.
    pub moment_back: &'static str,
    /// Moment: server `{0}` leads in epoch `{1}`.
    pub moment_leader: &'static str,
    /// Moment: no server leads.
    pub moment_no_leader: &'static str,
    /// No moments yet.
    pub moments_none: &'static str,
    /// Heading of the tree.
    pub tree_title: &'static str,
    /// Tree columns.
    pub tree_cols: &'static [&'static str],
    /// The tree was cut at the limits.
    pub tree_truncated: &'static str,
    /// The tree could not be read: `{0}` reason.
    pub tree_error: &'static str,
    /// Owner: persistent.
    pub persistent: &'static str,
    /// Heading of the sessions.
    pub sessions_title: &'static str,
    /// Session columns.
    pub session_cols: &'static [&'static str],
    /// No sessions.
    pub sessions_none: &'static str,
    /// The bridge's own session.
    pub bridge_session: &'static str,
    /// Heading of the watches.
    pub watches_title: &'static str,
    /// Watch columns.
    pub watch_cols: &'static [&'static str],
    /// No watches.
    pub watches_none: &'static str,
    /// Heading of the command box.
    pub console_title: &'static str,
    /// Lead of the command box.
    pub console_lead: &'static str,
    /// Label of the command input.
    pub console_label: &'static str,
    /// The run button.
    pub console_run: &'static str,
    /// The bridge refused a message: `{0}` reason.
    pub refused: &'static str,
    /// Accessible name of the cluster figure.
    pub cluster_aria: &'static str,
}

/// Simplified Chinese.
pub static LIVE_ZH: LiveTexts = LiveTexts {
    title: "真实集群",
    lead: "同样的视图，画的是一个真实的 ZooKeeper 集群：zooscope bridge 每秒询问每台服务器的四字命令，并通过自己的会话读取数据树，这里显示它测到的结果。",
    how_to: "先在本机启动 bridge，再打开本页：",
    link_connecting: "正在连接 bridge {0} …",
    link_open: "已连接 bridge {0}",
    link_closed: "连不上 bridge {0}，稍后重试",
    snapshot_at: "第 {0} 次快照，{1}",
    seen_title: "测到的与看不到的",
    seen_measured: "测到的：每台服务器的角色（srvr 的 Mode）、zxid 与其中的 epoch、连接与会话（cons）、每个路径上的监听（wchp）、集群成员（conf）、数据树与每个节点的 Stat。",
    seen_hidden: "看不到的：选举过程中交换的选票和网络上的消息。正在选举的服务器只回答“not currently serving requests”，所以这里只能看到选举前后的结果。",
    servers_title: "服务器",
    server_cols: &["myid", "地址", "Mode", "服务中", "epoch", "zxid", "连接", "znode"],
    mode_not_serving: "未服务（选举或同步中）",
    mode_down: "无法连接",
    mode_not_zk: "不是 ZooKeeper",
    mode_unknown: "未知",
    yes: "是",
    no: "否",
    whitelist_note: "{0} 拒绝了四字命令 {1}：请在它的 zoo.cfg 中加入下面这一行并重启：",
    not_zk_note: "{0} 上回答的不是 ZooKeeper：请检查 --zk 中的客户端端口。",
    zab_title: "ZAB 计数",
    zab_leader: "领导者：服务器 {0}，epoch {1}",
    zab_no_leader: "现在没有领导者",
    zab_rate: "zxid 增长：每秒 {0} 个事务",
    zab_synced: "已同步的跟随者：{0} / {1} 个学习者",
    zab_epoch_note: "这里的 epoch 是 zxid 的高 32 位。新领导者一上任就进入新 epoch；跟随者的 zxid 要等新领导者提交第一个事务之后才进入新 epoch。",
    timeline_title: "快照时间线",
    timeline_lead: "每一列是一次快照：每台服务器的角色，以及领导者和 epoch 的变化。",
    moment_down: "服务器 {0} 不再回答",
    moment_back: "服务器 {0} 重新回答",
    moment_leader: "服务器 {0} 成为领导者，epoch {1}",
    moment_no_leader: "没有领导者",
    moments_none: "还没有变化。",
    tree_title: "数据树",
    tree_cols: &["路径", "数据", "czxid", "mzxid", "版本", "子节点", "临时节点的所有者"],
    tree_truncated: "树太大，只显示了一部分。",
    tree_error: "这一轮没能读取数据树：{0}",
    persistent: "持久节点",
    sessions_title: "每台服务器上的会话",
    session_cols: &["服务器", "客户端地址", "会话", "收到", "发出", "最后操作", "会话超时"],
    sessions_none: "没有客户端会话。",
    bridge_session: "（bridge 自己的会话）",
    watches_title: "监听",
    watch_cols: &["服务器", "路径", "会话"],
    watches_none: "没有监听。",
    console_title: "zkCli 命令",
    console_lead: "命令通过 bridge 的会话发给真实集群（例如 ls /、create /app x、get /app）。bridge 不能停止服务器。",
    console_label: "命令",
    console_run: "执行",
    refused: "bridge 拒绝了这条消息：{0}",
    cluster_aria: "真实集群的服务器与角色",
};

/// English.
pub static LIVE_EN: LiveTexts = LiveTexts {
    title: "Live ensemble",
    lead: "The same views, drawn from a real ZooKeeper ensemble: every second zooscope bridge asks each server its four-letter words and reads the tree through its own session; this page shows what it measured.",
    how_to: "Start the bridge on this machine, then open this page:",
    link_connecting: "Connecting to the bridge at {0} …",
    link_open: "Connected to the bridge at {0}",
    link_closed: "No bridge at {0}; retrying",
    snapshot_at: "Snapshot {0}, {1}",
    seen_title: "What is measured, what is not",
    seen_measured: "Measured: each server's role (srvr's Mode), its zxid and the epoch in it, connections and sessions (cons), the watches on each path (wchp), the members (conf), the tree and every znode's Stat.",
    seen_hidden: "Not visible: the votes exchanged during an election and the messages on the wire. A server that is electing only answers \"not currently serving requests\", so this page sees what comes before and after an election.",
    servers_title: "Servers",
    server_cols: &["myid", "Address", "Mode", "Serving", "Epoch", "zxid", "Connections", "znodes"],
    mode_not_serving: "not serving (electing or syncing)",
    mode_down: "unreachable",
    mode_not_zk: "not ZooKeeper",
    mode_unknown: "unknown",
    yes: "yes",
    no: "no",
    whitelist_note: "{0} refused the four-letter words {1}: add this line to its zoo.cfg and restart it:",
    not_zk_note: "What answers at {0} is not ZooKeeper: check the client ports given to --zk.",
    zab_title: "ZAB counters",
    zab_leader: "Leader: server {0}, epoch {1}",
    zab_no_leader: "No leader right now",
    zab_rate: "zxid growth: {0} transactions per second",
    zab_synced: "Followers in sync: {0} of {1} learners",
    zab_epoch_note: "The epoch shown is the high 32 bits of the zxid. A new leader enters its epoch at once; a follower's zxid enters it with the first transaction the new leader commits.",
    timeline_title: "Snapshot timeline",
    timeline_lead: "One column per snapshot: each server's role, and where the leader and the epoch changed.",
    moment_down: "Server {0} stopped answering",
    moment_back: "Server {0} answers again",
    moment_leader: "Server {0} leads, epoch {1}",
    moment_no_leader: "No leader",
    moments_none: "No changes yet.",
    tree_title: "Data tree",
    tree_cols: &["Path", "Data", "czxid", "mzxid", "Version", "Children", "Ephemeral owner"],
    tree_truncated: "The tree is large; only part of it is shown.",
    tree_error: "The tree could not be read this round: {0}",
    persistent: "persistent",
    sessions_title: "Sessions per server",
    session_cols: &["Server", "Client address", "Session", "Received", "Sent", "Last op", "Timeout"],
    sessions_none: "No client sessions.",
    bridge_session: "(the bridge's own session)",
    watches_title: "Watches",
    watch_cols: &["Server", "Path", "Sessions"],
    watches_none: "No watches.",
    console_title: "zkCli commands",
    console_lead: "Commands go to the real ensemble through the bridge's session (try ls /, create /app x, get /app). The bridge cannot stop servers.",
    console_label: "Command",
    console_run: "Run",
    refused: "The bridge refused the message: {0}",
    cluster_aria: "The real ensemble's servers and roles",
};
