//! The election lab's strings (cluster view, controls, log, share, errors) in zh-CN and
//! English. Kept apart from the page-chrome table so the lab can grow without touching
//! it; reached through [`super::Lang::lab`]. `{name}` marks a value filled in at run
//! time (see `lab::view::fill`).

/// All lab strings of one language.
#[derive(Debug)]
pub struct LabTexts {
    // ----- page -----
    /// Lead paragraph under the title.
    pub lead: &'static str,
    /// Keyboard help line.
    pub keys_help: &'static str,

    // ----- transport -----
    /// Play button (accessible name "Play" in English).
    pub play: &'static str,
    /// Pause button.
    pub pause: &'static str,
    /// Step button.
    pub step: &'static str,
    /// Next button.
    pub next: &'static str,
    /// Tooltip of Play/Pause.
    pub play_title: &'static str,
    /// Tooltip of Step.
    pub step_title: &'static str,
    /// Tooltip of Next.
    pub next_title: &'static str,
    /// Label of the speed slider.
    pub speed: &'static str,
    /// The slow end of the speed slider.
    pub speed_slow: &'static str,
    /// The fast end.
    pub speed_fast: &'static str,
    /// Checkbox: jump over quiet stretches.
    pub skip_idle: &'static str,
    /// Tooltip of the checkbox.
    pub skip_idle_title: &'static str,
    /// Label of the timeline slider.
    pub timeline: &'static str,
    /// Position under the slider: `{step}` / `{total}`.
    pub position: &'static str,
    /// Seed field.
    pub seed: &'static str,
    /// Reset button.
    pub reset: &'static str,
    /// Tooltip of Reset.
    pub reset_title: &'static str,
    /// Stats: events.
    pub stat_events: &'static str,
    /// Stats: simulated time.
    pub stat_time: &'static str,
    /// Stats: in flight.
    pub stat_in_flight: &'static str,
    /// Stats: trace hash.
    pub stat_hash: &'static str,
    /// Banner while rewound.
    pub rewound_note: &'static str,
    /// Notice after a fork.
    pub forked_note: &'static str,
    /// Shown while the clock jumps over a quiet stretch.
    pub idle_note: &'static str,

    // ----- cluster -----
    /// Heading of the cluster view.
    pub cluster_title: &'static str,
    /// Accessible description of the drawing.
    pub cluster_aria: &'static str,
    /// A server's accessible name: `{sid}`, `{state}`, `{epoch}`, `{zxid}`.
    pub server_name: &'static str,
    /// A client's accessible name: `{name}`, `{state}`.
    pub client_name: &'static str,
    /// "connected to server {sid}".
    pub client_on: &'static str,
    /// State word of a stopped server.
    pub stopped: &'static str,
    /// State word of a paused server.
    pub paused: &'static str,
    /// Under a looking server: `{leader}` it proposes, `{round}`.
    pub proposes: &'static str,
    /// Quorum line: `{q}` of `{n}`.
    pub quorum: &'static str,
    /// Centre of the ring while no leader serves.
    pub electing: &'static str,
    /// "+{n} more" when not every message is drawn.
    pub more_messages: &'static str,
    /// Legend heading: roles.
    pub legend_roles: &'static str,
    /// Legend heading: messages.
    pub legend_messages: &'static str,
    /// Legend: leader.
    pub role_leader: &'static str,
    /// Legend: follower.
    pub role_follower: &'static str,
    /// Legend: looking.
    pub role_looking: &'static str,
    /// Legend: observer.
    pub role_observer: &'static str,
    /// Legend: stopped.
    pub role_stopped: &'static str,
    /// Family: election.
    pub fam_election: &'static str,
    /// Family: discovery.
    pub fam_discovery: &'static str,
    /// Family: synchronization.
    pub fam_sync: &'static str,
    /// Family: broadcast.
    pub fam_broadcast: &'static str,
    /// Family: heartbeat.
    pub fam_heartbeat: &'static str,
    /// Family: client.
    pub fam_client: &'static str,
    /// Legend note on the zxid display.
    pub zxid_note: &'static str,
    /// Title of a cut link (click to heal).
    pub link_cut_title: &'static str,
    /// Title of a healthy link (click to cut).
    pub link_ok_title: &'static str,

    // ----- inspector -----
    /// Heading.
    pub inspector_title: &'static str,
    /// Nothing selected.
    pub inspector_empty: &'static str,
    /// Heading of a selected server: `{sid}`.
    pub server_heading: &'static str,
    /// "Crash server {sid}".
    pub crash: &'static str,
    /// "Restart server {sid}".
    pub restart: &'static str,
    /// "Pause server {sid}".
    pub pause_server: &'static str,
    /// "Resume server {sid}".
    pub resume_server: &'static str,
    /// "Cut link {a}–{b}".
    pub cut_link: &'static str,
    /// "Heal link {a}–{b}".
    pub heal_link: &'static str,
    /// Label: role.
    pub f_role: &'static str,
    /// Label: epoch.
    pub f_epoch: &'static str,
    /// Label: last zxid.
    pub f_zxid: &'static str,
    /// Label: leader.
    pub f_leader: &'static str,
    /// Label: connected clients.
    pub f_clients: &'static str,
    /// Label: sender.
    pub f_from: &'static str,
    /// Label: receiver.
    pub f_to: &'static str,
    /// Label: kind.
    pub f_kind: &'static str,
    /// Label: content.
    pub f_content: &'static str,
    /// Label: sent at.
    pub f_sent: &'static str,
    /// Label: arrives at.
    pub f_arrives: &'static str,
    /// Label: transport.
    pub f_transport: &'static str,
    /// Label: session.
    pub f_session: &'static str,
    /// Heading of a selected message: `{id}`.
    pub msg_heading: &'static str,
    /// Drop the message.
    pub drop_msg: &'static str,
    /// Delay the message: `{ms}`.
    pub delay_msg: &'static str,
    /// The selected message is gone.
    pub msg_gone: &'static str,
    /// Heading of the in-flight list.
    pub in_flight_list: &'static str,
    /// Empty in-flight list.
    pub in_flight_none: &'static str,
    /// Heading of a selected client: `{name}`.
    pub client_heading: &'static str,
    /// Close the selection.
    pub deselect: &'static str,

    // ----- clients and network -----
    /// Heading.
    pub clients_title: &'static str,
    /// Add a client.
    pub add_client: &'static str,
    /// Send a write.
    pub send_write: &'static str,
    /// Tooltip of send a write.
    pub send_write_title: &'static str,
    /// A write was sent: `{client}`.
    pub write_sent: &'static str,
    /// Heading.
    pub network_title: &'static str,
    /// Heal all.
    pub heal_all: &'static str,
    /// Split controls lead.
    pub split_lead: &'static str,
    /// Group label: `{g}`.
    pub group: &'static str,
    /// Apply the split.
    pub apply_split: &'static str,

    // ----- setup -----
    /// Heading.
    pub setup_title: &'static str,
    /// Servers field.
    pub servers: &'static str,
    /// Observers field.
    pub observers: &'static str,
    /// Clients field.
    pub clients: &'static str,
    /// Start a new run with these settings.
    pub apply_setup: &'static str,
    /// zoo.cfg editor label.
    pub zoo_cfg: &'static str,
    /// Apply the zoo.cfg.
    pub zoo_apply: &'static str,
    /// Hint under the editor.
    pub zoo_hint: &'static str,
    /// A new run started: `{seed}`.
    pub new_run: &'static str,

    // ----- share -----
    /// Heading.
    pub share_title: &'static str,
    /// Copy link button.
    pub copy_link: &'static str,
    /// Label of the link field.
    pub link_label: &'static str,
    /// Copied.
    pub copied: &'static str,
    /// Copy failed.
    pub copy_failed: &'static str,
    /// Export button.
    pub export: &'static str,
    /// Import button.
    pub import: &'static str,
    /// Loaded from a file: `{hash}`.
    pub imported: &'static str,
    /// Reproduced from a link: `{hash}`, `{step}`.
    pub loaded_link: &'static str,

    // ----- errors -----
    /// Title: a link could not be used.
    pub err_link: &'static str,
    /// Title: a file could not be used.
    pub err_file: &'static str,
    /// The lab keeps working.
    pub err_keep: &'static str,
    /// Title: an action failed.
    pub err_action: &'static str,
    /// Key: empty.
    pub key_empty: &'static str,
    /// Key: too long.
    pub key_too_long: &'static str,
    /// Key: wrong prefix.
    pub key_prefix: &'static str,
    /// Key: bad characters.
    pub key_base64: &'static str,
    /// Key: cut short.
    pub key_truncated: &'static str,
    /// Key: checksum.
    pub key_checksum: &'static str,
    /// Key: unreadable.
    pub key_malformed: &'static str,
    /// Key: other protocol.
    pub key_protocol: &'static str,
    /// Key: cannot replay.
    pub key_replay: &'static str,
    /// File: not JSON of the right shape.
    pub file_bad: &'static str,
    /// File: too big.
    pub file_too_big: &'static str,
    /// File: the trace hash does not match.
    pub file_hash: &'static str,
    /// Setup invalid.
    pub setup_bad: &'static str,
    /// Dismiss a notice.
    pub dismiss: &'static str,

    // ----- log and sequence -----
    /// Heading of the event log.
    pub log_title: &'static str,
    /// Category filter label.
    pub log_category: &'static str,
    /// Node filter label.
    pub log_node: &'static str,
    /// "All".
    pub all: &'static str,
    /// Category names: message, drop, timer, link, command, note, state, violation.
    pub log_categories: [&'static str; 8],
    /// Accessible name of a log entry button: `{step}`.
    pub log_jump: &'static str,
    /// Empty log.
    pub log_empty: &'static str,
    /// Heading of the sequence diagram.
    pub seq_title: &'static str,
    /// Accessible description of the sequence diagram.
    pub seq_aria: &'static str,
    /// Empty diagram.
    pub seq_empty: &'static str,

    // ----- live region -----
    /// `{sid}` became `{state}` (`{epoch}`).
    pub live_became: &'static str,
    /// A violation appeared: `{name}`.
    pub live_violation: &'static str,

    // ----- invariants -----
    /// Heading of the built-in invariant summary (when the panel is not mounted).
    pub inv_title: &'static str,
    /// All invariants hold.
    pub inv_ok: &'static str,
    /// Jump to the counterexample: `{step}`.
    pub inv_jump: &'static str,
}

impl LabTexts {
    /// Every string, for completeness checks.
    pub fn all_strings(&self) -> Vec<&'static str> {
        let mut v = vec![
            self.lead,
            self.keys_help,
            self.play,
            self.pause,
            self.step,
            self.next,
            self.play_title,
            self.step_title,
            self.next_title,
            self.speed,
            self.speed_slow,
            self.speed_fast,
            self.skip_idle,
            self.skip_idle_title,
            self.timeline,
            self.position,
            self.seed,
            self.reset,
            self.reset_title,
            self.stat_events,
            self.stat_time,
            self.stat_in_flight,
            self.stat_hash,
            self.rewound_note,
            self.forked_note,
            self.idle_note,
            self.cluster_title,
            self.cluster_aria,
            self.server_name,
            self.client_name,
            self.client_on,
            self.stopped,
            self.paused,
            self.proposes,
            self.quorum,
            self.electing,
            self.more_messages,
            self.legend_roles,
            self.legend_messages,
            self.role_leader,
            self.role_follower,
            self.role_looking,
            self.role_observer,
            self.role_stopped,
            self.fam_election,
            self.fam_discovery,
            self.fam_sync,
            self.fam_broadcast,
            self.fam_heartbeat,
            self.fam_client,
            self.zxid_note,
            self.link_cut_title,
            self.link_ok_title,
            self.inspector_title,
            self.inspector_empty,
            self.server_heading,
            self.crash,
            self.restart,
            self.pause_server,
            self.resume_server,
            self.cut_link,
            self.heal_link,
            self.f_role,
            self.f_epoch,
            self.f_zxid,
            self.f_leader,
            self.f_clients,
            self.f_from,
            self.f_to,
            self.f_kind,
            self.f_content,
            self.f_sent,
            self.f_arrives,
            self.f_transport,
            self.f_session,
            self.msg_heading,
            self.drop_msg,
            self.delay_msg,
            self.msg_gone,
            self.in_flight_list,
            self.in_flight_none,
            self.client_heading,
            self.deselect,
            self.clients_title,
            self.add_client,
            self.send_write,
            self.send_write_title,
            self.write_sent,
            self.network_title,
            self.heal_all,
            self.split_lead,
            self.group,
            self.apply_split,
            self.setup_title,
            self.servers,
            self.observers,
            self.clients,
            self.apply_setup,
            self.zoo_cfg,
            self.zoo_apply,
            self.zoo_hint,
            self.new_run,
            self.share_title,
            self.copy_link,
            self.link_label,
            self.copied,
            self.copy_failed,
            self.export,
            self.import,
            self.imported,
            self.loaded_link,
            self.err_link,
            self.err_file,
            self.err_keep,
            self.err_action,
            self.key_empty,
            self.key_too_long,
            self.key_prefix,
            self.key_base64,
            self.key_truncated,
            self.key_checksum,
            self.key_malformed,
            self.key_protocol,
            self.key_replay,
            self.file_bad,
            self.file_too_big,
            self.file_hash,
            self.setup_bad,
            self.dismiss,
            self.log_title,
            self.log_category,
            self.log_node,
            self.all,
            self.log_jump,
            self.log_empty,
            self.seq_title,
            self.seq_aria,
            self.seq_empty,
            self.live_became,
            self.live_violation,
            self.inv_title,
            self.inv_ok,
            self.inv_jump,
        ];
        v.extend(self.log_categories);
        v
    }
}

/// 中文。
pub(super) static LAB_ZH: LabTexts = LabTexts {
    lead: "一个在你的浏览器里运行的 ZooKeeper 集群。可以播放、单步或回退；点击服务器让它崩溃或重启，剪断网络，看选举和 ZAB 如何恢复。同一个种子加同一串操作，永远得到同一次运行。",
    keys_help: "快捷键：空格 播放/暂停 · → 单步 · N 下一个变化",

    play: "播放",
    pause: "暂停",
    step: "单步",
    next: "下一个变化",
    play_title: "播放 / 暂停（空格）",
    step_title: "只处理一个事件（→）",
    next_title: "运行到下一次状态变化（N）",
    speed: "速度",
    speed_slow: "慢",
    speed_fast: "快",
    skip_idle: "跳过空闲",
    skip_idle_title: "网络上没有消息时，时钟直接跳到下一个事件",
    timeline: "时间线",
    position: "第 {step} / {total} 个事件",
    seed: "种子",
    reset: "重置",
    reset_title: "用这个种子和设置重新开始",
    stat_events: "事件",
    stat_time: "模拟时间",
    stat_in_flight: "在途消息",
    stat_hash: "轨迹哈希",
    rewound_note: "你正在查看过去的某一步。此时做任何操作都会分叉：原来的后续将被丢弃。",
    forked_note: "已分叉：从这一步开始新的后续。",
    idle_note: "空闲：时钟直接跳到下一个事件",

    cluster_title: "集群",
    cluster_aria: "集群示意图：服务器排成一圈，客户端在外圈，移动的图形是在途消息。",
    server_name: "服务器 {sid}，{state}，epoch {epoch}，zxid {zxid}",
    client_name: "客户端 {name}，{state}",
    client_on: "连接到服务器 {sid}",
    stopped: "已停止",
    paused: "已冻结",
    proposes: "投给 {leader} · 第 {round} 轮",
    quorum: "法定人数：{n} 个投票成员中的 {q} 个",
    electing: "没有领导者",
    more_messages: "另有 {n} 条未画出",
    legend_roles: "角色",
    legend_messages: "消息",
    role_leader: "LEADING 领导者（六边形）",
    role_follower: "FOLLOWING 跟随者（圆形）",
    role_looking: "LOOKING 选举中（虚线圆）",
    role_observer: "OBSERVING 观察者（菱形）",
    role_stopped: "已停止（灰色，打叉）",
    fam_election: "选举投票",
    fam_discovery: "发现（新 epoch）",
    fam_sync: "同步",
    fam_broadcast: "广播",
    fam_heartbeat: "心跳",
    fam_client: "客户端",
    zxid_note: "zxid = epoch（高 32 位）| 计数器（低 32 位）",
    link_cut_title: "链路已断开：点击修复",
    link_ok_title: "点击剪断这条链路",

    inspector_title: "详情",
    inspector_empty: "点击、触摸或用 Tab 加回车，选择一台服务器、一个客户端或一条消息。",
    server_heading: "服务器 {sid}",
    crash: "让服务器 {sid} 崩溃",
    restart: "重启服务器 {sid}",
    pause_server: "冻结服务器 {sid}",
    resume_server: "解冻服务器 {sid}",
    cut_link: "剪断链路 {a}–{b}",
    heal_link: "修复链路 {a}–{b}",
    f_role: "状态",
    f_epoch: "epoch",
    f_zxid: "最新 zxid",
    f_leader: "领导者",
    f_clients: "已连接的客户端",
    f_from: "发送方",
    f_to: "接收方",
    f_kind: "类型",
    f_content: "内容",
    f_sent: "发出时间",
    f_arrives: "到达时间",
    f_transport: "传输",
    f_session: "会话",
    msg_heading: "消息 m{id}",
    drop_msg: "丢弃这条消息",
    delay_msg: "延迟 {ms} 毫秒",
    msg_gone: "这条消息已经到达或被丢弃。",
    in_flight_list: "在途消息",
    in_flight_none: "网络上现在没有消息。",
    client_heading: "客户端 {name}",
    deselect: "取消选择",

    clients_title: "客户端",
    add_client: "添加客户端",
    send_write: "发送一次写入",
    send_write_title: "通过一个已连接的客户端创建一个新 znode，观察 PROPOSAL / ACK / COMMIT",
    write_sent: "{client} 发出了一次写入。",
    network_title: "网络",
    heal_all: "全部修复",
    split_lead: "把每台服务器分到一个组；不同组之间的网络互不相通。",
    group: "组 {g}",
    apply_split: "制造网络分区",

    setup_title: "集群设置",
    servers: "服务器数",
    observers: "观察者数",
    clients: "客户端数",
    apply_setup: "按此设置开始新运行",
    zoo_cfg: "zoo.cfg",
    zoo_apply: "应用 zoo.cfg",
    zoo_hint: "支持 tickTime、initLimit、syncLimit 和 server.N=host:port:port[:observer]，最多 9 台服务器。",
    new_run: "新的运行已开始（种子 {seed}）。",

    share_title: "分享这次运行",
    copy_link: "复制链接",
    link_label: "指向此刻的链接",
    copied: "链接已复制。",
    copy_failed: "无法自动复制：请选中链接手动复制。",
    export: "导出运行（JSON）",
    import: "导入运行",
    imported: "已从文件载入运行，轨迹哈希 {hash}。",
    loaded_link: "已按链接复现运行：第 {step} 个事件，轨迹哈希 {hash}。",

    err_link: "这个链接无法打开",
    err_file: "这个文件无法载入",
    err_keep: "实验室照常运行，已为你开始一个新的运行。",
    err_action: "操作没有成功",
    key_empty: "链接里没有复现码。",
    key_too_long: "复现码太长了。",
    key_prefix: "这不是 ZooScope 的复现码（应以 zs1. 开头）。",
    key_base64: "复现码里有不该出现的字符。",
    key_truncated: "复现码不完整，可能被截断了。",
    key_checksum: "复现码已损坏或被改动（校验和不匹配）。",
    key_malformed: "复现码无法解析。",
    key_protocol: "这个复现码属于另一种模拟。",
    key_replay: "复现码中的运行无法重放。",
    file_bad: "文件不是 ZooScope 导出的运行（JSON 格式不对）。",
    file_too_big: "文件太大了。",
    file_hash: "重放得到的轨迹哈希与文件中记录的不一致，文件可能被改动过。",
    setup_bad: "设置无效",
    dismiss: "关闭",

    log_title: "事件日志",
    log_category: "类别",
    log_node: "节点",
    all: "全部",
    log_categories: ["消息", "丢弃", "定时器", "链路", "操作", "说明", "状态", "违反不变式"],
    log_jump: "跳到第 {step} 个事件",
    log_empty: "还没有事件：按播放或单步。",
    seq_title: "时序图",
    seq_aria: "时序图：每个节点一条竖线，每条已送达的消息是一支从发送方指向接收方的箭头，时间自上而下。",
    seq_empty: "还没有送达的消息。",

    live_became: "服务器 {sid} 现在是 {state}（epoch {epoch}）",
    live_violation: "违反不变式：{name}",

    inv_title: "不变式",
    inv_ok: "所有不变式都成立。",
    inv_jump: "跳到反例（第 {step} 个事件）",
};

/// English.
pub(super) static LAB_EN: LabTexts = LabTexts {
    lead: "A ZooKeeper ensemble running in your browser. Play it, step it or rewind it; click a server to crash or restart it, cut the network, and watch election and ZAB recover. The same seed and the same actions always give the same run.",
    keys_help: "Keys: Space play/pause · → step · N next change",

    play: "Play",
    pause: "Pause",
    step: "Step",
    next: "Next",
    play_title: "Play / pause (Space)",
    step_title: "Process exactly one event (→)",
    next_title: "Run to the next state change (N)",
    speed: "Speed",
    speed_slow: "slow",
    speed_fast: "fast",
    skip_idle: "Skip quiet time",
    skip_idle_title: "When no message is on the wire, jump the clock to the next event",
    timeline: "Timeline",
    position: "event {step} of {total}",
    seed: "Seed",
    reset: "Reset",
    reset_title: "Start again with this seed and setup",
    stat_events: "Events",
    stat_time: "Simulated time",
    stat_in_flight: "In flight",
    stat_hash: "Trace hash",
    rewound_note: "You are looking at the past. Acting now forks the run: the old future is discarded.",
    forked_note: "Forked: a new future starts here.",
    idle_note: "Quiet: jumping to the next event",

    cluster_title: "Ensemble",
    cluster_aria: "The ensemble: servers on a ring, clients around it, moving shapes are messages in flight.",
    server_name: "Server {sid}, {state}, epoch {epoch}, zxid {zxid}",
    client_name: "Client {name}, {state}",
    client_on: "connected to server {sid}",
    stopped: "stopped",
    paused: "paused",
    proposes: "votes {leader} · round {round}",
    quorum: "quorum: {q} of {n} voters",
    electing: "no leader",
    more_messages: "+{n} more not drawn",
    legend_roles: "Roles",
    legend_messages: "Messages",
    role_leader: "LEADING (hexagon)",
    role_follower: "FOLLOWING (circle)",
    role_looking: "LOOKING (dashed circle)",
    role_observer: "OBSERVING (diamond)",
    role_stopped: "stopped (grey, crossed)",
    fam_election: "Election vote",
    fam_discovery: "Discovery (new epoch)",
    fam_sync: "Synchronization",
    fam_broadcast: "Broadcast",
    fam_heartbeat: "Heartbeat",
    fam_client: "Client",
    zxid_note: "zxid = epoch (high 32 bits) | counter (low 32 bits)",
    link_cut_title: "Link cut: click to heal",
    link_ok_title: "Click to cut this link",

    inspector_title: "Inspector",
    inspector_empty: "Select a server, a client or a message (click, tap, or Tab and Enter).",
    server_heading: "Server {sid}",
    crash: "Crash server {sid}",
    restart: "Restart server {sid}",
    pause_server: "Pause server {sid}",
    resume_server: "Resume server {sid}",
    cut_link: "Cut link {a}–{b}",
    heal_link: "Heal link {a}–{b}",
    f_role: "State",
    f_epoch: "Epoch",
    f_zxid: "Last zxid",
    f_leader: "Leader",
    f_clients: "Client connections",
    f_from: "From",
    f_to: "To",
    f_kind: "Kind",
    f_content: "Content",
    f_sent: "Sent",
    f_arrives: "Arrives",
    f_transport: "Transport",
    f_session: "Session",
    msg_heading: "Message m{id}",
    drop_msg: "Drop this message",
    delay_msg: "Delay {ms} ms",
    msg_gone: "This message has arrived or was dropped.",
    in_flight_list: "Messages in flight",
    in_flight_none: "Nothing is on the wire right now.",
    client_heading: "Client {name}",
    deselect: "Clear selection",

    clients_title: "Clients",
    add_client: "Add a client",
    send_write: "Send a write",
    send_write_title: "Create a new znode through a connected client and watch PROPOSAL / ACK / COMMIT",
    write_sent: "{client} sent a write.",
    network_title: "Network",
    heal_all: "Heal all",
    split_lead: "Put each server in a group; groups cannot reach each other.",
    group: "Group {g}",
    apply_split: "Split the ensemble",

    setup_title: "Ensemble setup",
    servers: "Servers",
    observers: "Observers",
    clients: "Clients",
    apply_setup: "Start a new run",
    zoo_cfg: "zoo.cfg",
    zoo_apply: "Apply zoo.cfg",
    zoo_hint: "Understands tickTime, initLimit, syncLimit and server.N=host:port:port[:observer]. At most 9 servers.",
    new_run: "A new run started (seed {seed}).",

    share_title: "Share this run",
    copy_link: "Copy link",
    link_label: "Link to this exact moment",
    copied: "Link copied.",
    copy_failed: "Could not copy automatically: select the link and copy it.",
    export: "Export run (JSON)",
    import: "Import run",
    imported: "Run loaded from the file, trace hash {hash}.",
    loaded_link: "Run reproduced from the link: event {step}, trace hash {hash}.",

    err_link: "This link cannot be opened",
    err_file: "This file cannot be loaded",
    err_keep: "The lab keeps working: a fresh run was started instead.",
    err_action: "That did not work",
    key_empty: "The link holds no reproduction key.",
    key_too_long: "The reproduction key is too long.",
    key_prefix: "This is not a ZooScope reproduction key (it should start with zs1.).",
    key_base64: "The reproduction key contains characters that do not belong in it.",
    key_truncated: "The reproduction key is cut short.",
    key_checksum: "The reproduction key is damaged or was changed (checksum mismatch).",
    key_malformed: "The reproduction key cannot be read.",
    key_protocol: "This key belongs to another simulation.",
    key_replay: "The run in this key cannot be replayed.",
    file_bad: "The file is not a run exported by ZooScope (wrong JSON shape).",
    file_too_big: "The file is too big.",
    file_hash: "Replaying the run gives a different trace hash than the file records; the file may have been changed.",
    setup_bad: "Invalid setup",
    dismiss: "Dismiss",

    log_title: "Event log",
    log_category: "Category",
    log_node: "Node",
    all: "All",
    log_categories: ["messages", "drops", "timers", "links", "commands", "notes", "states", "violations"],
    log_jump: "Jump to event {step}",
    log_empty: "No events yet: press Play or Step.",
    seq_title: "Sequence diagram",
    seq_aria: "Sequence diagram: one vertical line per node, each delivered message an arrow from sender to receiver, time running down.",
    seq_empty: "No message delivered yet.",

    live_became: "Server {sid} is now {state} (epoch {epoch})",
    live_violation: "Invariant violated: {name}",

    inv_title: "Invariants",
    inv_ok: "Every invariant holds.",
    inv_jump: "Jump to the counterexample (event {step})",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_strings_are_complete_and_translated() {
        let zh = LAB_ZH.all_strings();
        let en = LAB_EN.all_strings();
        assert_eq!(zh.len(), en.len());
        for (a, b) in zh.iter().zip(&en) {
            assert!(!a.trim().is_empty() && !b.trim().is_empty());
            if a == b {
                assert!(a.chars().count() <= 12, "untranslated: {a}");
            }
        }
        // The accessible names the browser tests rely on.
        assert_eq!(LAB_EN.play, "Play");
        assert_eq!(LAB_EN.pause, "Pause");
        assert_eq!(LAB_EN.step, "Step");
        assert_eq!(LAB_EN.next, "Next");
        assert_eq!(LAB_EN.crash, "Crash server {sid}");
        assert_eq!(LAB_EN.restart, "Restart server {sid}");
    }
}
