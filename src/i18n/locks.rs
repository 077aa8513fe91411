//! The lock lab's words ([`crate::locks`]), in zh-CN and English. Templates hold `{…}`
//! holes the lab fills with values.

/// A preset's name and what it shows.
pub type PresetText = (&'static str, &'static str);

/// Presets (the order of `zooscope_core::scenario::lock_presets::PRESETS`).
pub const PRESET_COUNT: usize = 13;

/// The lock lab's strings of one language.
#[derive(Debug)]
pub struct LockTexts {
    /// Page title.
    pub title: &'static str,
    /// Label of the preset menu.
    pub preset_label: &'static str,
    /// Each preset's title and hint.
    pub presets: [PresetText; PRESET_COUNT],
    /// Transport: back to the preset's end.
    pub to_start: &'static str,
    /// Transport: one line back.
    pub back: &'static str,
    /// Transport: one line forward.
    pub forward: &'static str,
    /// Transport: to the last line.
    pub to_end: &'static str,
    /// Position, `{at}` of `{n}` learner lines.
    pub position: &'static str,
    /// Let time pass: `{s}` seconds.
    pub wait: &'static str,
    /// Copy the share link.
    pub copy_link: &'static str,
    /// The link was copied.
    pub copied: &'static str,
    /// Copying failed (the link is shown instead).
    pub copy_failed: &'static str,
    /// Download the run as a scenario file.
    pub export: &'static str,
    /// Heading of the queue, `{path}`.
    pub queue_title: &'static str,
    /// Under the queue: how to read it.
    pub queue_caption: &'static str,
    /// No lock nodes.
    pub queue_empty: &'static str,
    /// A node's holder tag.
    pub holds: &'static str,
    /// Re-entrant hold count, `{n}`.
    pub holds_times: &'static str,
    /// A waiter's tag.
    pub waiting: &'static str,
    /// A node whose owner believes nothing (session gone).
    pub orphan: &'static str,
    /// An arrow's accessible name, `{from}` watches `{to}`.
    pub watch_arrow: &'static str,
    /// The paused client still believes it holds, `{client}`.
    pub stale_belief: &'static str,
    /// Heading of the clients.
    pub clients_title: &'static str,
    /// Column heads: client, server, session, state, actions.
    pub columns: [&'static str; 5],
    /// Session listed by the ensemble.
    pub session_live: &'static str,
    /// Session expired.
    pub session_gone: &'static str,
    /// Process states: running, paused (GC), dead.
    pub process: [&'static str; 3],
    /// Client idle.
    pub idle: &'static str,
    /// Button: acquire, `{kind}` appended when the preset has several.
    pub lock: &'static str,
    /// Button: acquire with a 3 s timeout.
    pub lock_timeout: &'static str,
    /// Button: whichever client holds the lock releases it.
    pub release_holder: &'static str,
    /// Button: release.
    pub unlock: &'static str,
    /// Button: pause the process (GC).
    pub pause: &'static str,
    /// Button: resume it.
    pub resume: &'static str,
    /// Button: kill the process.
    pub kill: &'static str,
    /// Button: cut the client off from every server.
    pub cut_off: &'static str,
    /// Button: heal the network.
    pub heal: &'static str,
    /// Button: add a client on the chosen server.
    pub add_client: &'static str,
    /// Label of the server menu for a new client.
    pub on_server: &'static str,
    /// Button: crash server, `{sid}`.
    pub crash: &'static str,
    /// Button: restart server, `{sid}`.
    pub restart: &'static str,
    /// Heading of the counters.
    pub counters_title: &'static str,
    /// Counter names: acquisitions, releases, wake-ups, notifications, requests, zxids, gave up.
    pub counters: [&'static str; 7],
    /// Column: per acquisition.
    pub per_acquisition: &'static str,
    /// Heading of the herd side.
    pub herd_side: &'static str,
    /// Heading of the queue side.
    pub queue_side: &'static str,
    /// Chart title.
    pub chart_title: &'static str,
    /// Chart's x axis.
    pub chart_x: &'static str,
    /// Chart's y axis.
    pub chart_y: &'static str,
    /// Button: compute the chart.
    pub chart_run: &'static str,
    /// Heading of the storage.
    pub storage_title: &'static str,
    /// No writes yet.
    pub storage_empty: &'static str,
    /// Accepted, `{client}` `{value}` `{token}`.
    pub accepted: &'static str,
    /// Rejected as stale, `{client}` `{value}` `{token}` `{seen}`.
    pub rejected_stale: &'static str,
    /// Rejected without a token, `{client}` `{value}`.
    pub rejected_no_token: &'static str,
    /// Button: write through the storage, `{client}`.
    pub store: &'static str,
    /// Heading of the 12306 demo.
    pub tickets_title: &'static str,
    /// Sellers menu label.
    pub sellers: &'static str,
    /// Column: without the lock.
    pub without_lock: &'static str,
    /// Column: with the lock.
    pub with_lock: &'static str,
    /// A sale, `{seller}` `{ticket}`.
    pub sold: &'static str,
    /// An oversold sale's tag.
    pub oversold: &'static str,
    /// A timeout, `{seller}`.
    pub gave_up: &'static str,
    /// Summary, `{sold}` `{oversold}` `{left}`.
    pub tickets_summary: &'static str,
    /// Heading of the console.
    pub console_title: &'static str,
    /// Label of the console input.
    pub console_input: &'static str,
    /// Console's run button.
    pub console_run: &'static str,
    /// A refused line, `{message}`.
    pub refused: &'static str,
    /// Tab names: queue, clients, counters, ensemble, storage, console.
    pub tabs: [&'static str; 6],
    /// Link to open the full lab (embedded).
    pub open_full: &'static str,
    /// The shortcut sheet's rows.
    pub shortcuts: [(&'static str, &'static str); 5],
}

/// English.
pub const LOCKS_EN: LockTexts = LockTexts {
    title: "Lock lab",
    preset_label: "Preset",
    presets: [
        ("Queue: five clients contend", "InterProcessMutex: each client creates an ephemeral sequential node; the smallest holds the lock, every other one watches only the node before its own."),
        ("Herd versus queue", "The same clients and seed: on the left every waiter watches the one lock node, on the right each watches its predecessor. Release the lock and compare the wake-ups."),
        ("Re-entrant mutex", "InterProcessMutex is re-entrant: c1 acquired twice, so it must release twice before c2 gets the lock."),
        ("InterProcessSemaphoreMutex", "Not re-entrant; built on a one-lease semaphore."),
        ("Read/write lock", "InterProcessReadWriteLock: readers share the lock, the writer waits for the readers before it, and a reader after the writer waits for the writer."),
        ("Semaphore with two leases", "InterProcessSemaphoreV2: two clients hold a lease at once, the others wait."),
        ("Multi lock", "InterProcessMultiLock over /ma and /mb: all or nothing."),
        ("LeaderLatch: master election", "The smallest node leads; when its client goes, the next one becomes leader."),
        ("The holder's client dies", "Kill c1's process: its session lives on until it expires (40 s: the servers cap Curator's 60 s at 20 ticks), and only then does c2 get the lock."),
        ("The holder's server crashes", "Crash the server c1 is connected to: its session moves to another server and it keeps the lock."),
        ("A partition cuts the holder off", "Cut c1 off from every server: it is suspended, then lost when its session expires, and c2 takes the lock."),
        ("GC pause and fencing token", "c1 pauses (a GC freeze) while holding the lock; its session expires and c2 acquires. c1 wakes up still believing it holds the lock; the storage checks the token (the lock node's sequence number) and rejects its stale write."),
        ("12306: selling ten tickets", "The course's ticket demo: without the lock sellers sell the same seat twice (red); with the lock, acquire(3, SECONDS), never."),
    ],
    to_start: "« Start",
    back: "◀ Back",
    forward: "Forward ▶",
    to_end: "End »",
    position: "line {at} of {n}",
    wait: "Wait {s} s",
    copy_link: "Copy link",
    copied: "Link copied",
    copy_failed: "Copy failed; the link is in the address bar",
    export: "Export .scn",
    queue_title: "Children of {path}, in sequence order",
    queue_caption: "Green: holds the lock. Arrows: the node each waiter watches.",
    queue_empty: "No lock nodes yet.",
    holds: "holds the lock",
    holds_times: "holds ×{n}",
    waiting: "waiting",
    orphan: "session gone",
    watch_arrow: "{from} watches {to}",
    stale_belief: "{client} still believes it holds the lock",
    clients_title: "Clients",
    columns: ["Client", "Server", "Session", "State", "Actions"],
    session_live: "live",
    session_gone: "expired",
    process: ["running", "paused (GC)", "dead"],
    idle: "idle",
    lock: "Lock",
    lock_timeout: "Lock (3 s)",
    release_holder: "The holder releases",
    unlock: "Unlock",
    pause: "Pause",
    resume: "Resume",
    kill: "Kill",
    cut_off: "Cut off",
    heal: "Heal network",
    add_client: "Add client",
    on_server: "on server",
    crash: "Crash S{sid}",
    restart: "Restart S{sid}",
    counters_title: "Counters",
    counters: ["Acquisitions", "Releases", "Wake-ups", "Notifications", "Requests", "Zxids", "Gave up"],
    per_acquisition: "per acquisition",
    herd_side: "Herd lock: everyone watches the lock node",
    queue_side: "Curator's queue: each watches its predecessor",
    chart_title: "Wake-ups when n clients each take the lock once",
    chart_x: "clients n",
    chart_y: "wake-ups",
    chart_run: "Measure",
    storage_title: "Storage with fencing tokens",
    storage_empty: "No writes yet.",
    accepted: "{client} wrote {value} with token {token}: accepted",
    rejected_stale: "{client} wrote {value} with token {token}: rejected (token {seen} already seen)",
    rejected_no_token: "{client} wrote {value} without a token: rejected",
    store: "Write",
    tickets_title: "12306: ten tickets",
    sellers: "Sellers",
    without_lock: "Without the lock",
    with_lock: "With the lock",
    sold: "{seller} sold ticket {ticket}",
    oversold: "oversold",
    gave_up: "{seller}: acquire(3, SECONDS) timed out",
    tickets_summary: "{sold} sold, {oversold} oversold, {left} left",
    console_title: "Console",
    console_input: "Scenario line",
    console_run: "Run",
    refused: "Refused: {message}",
    tabs: ["Queue", "Clients", "Counters", "Ensemble", "Storage", "Console"],
    open_full: "Open in the lock lab",
    shortcuts: [
        ("← →", "One line back / forward"),
        ("Home End", "To the preset's end / the last line"),
        ("1–9", "Open the numbered panel"),
        ("P", "Projector mode"),
        ("D", "Dark / light"),
    ],
};

/// 简体中文.
pub const LOCKS_ZH: LockTexts = LockTexts {
    title: "分布式锁实验室",
    preset_label: "预设",
    presets: [
        ("排队：五个客户端争锁", "InterProcessMutex：每个客户端创建一个临时顺序节点；序号最小者持有锁，其余每个只监听排在自己前面的那个节点。"),
        ("惊群效应与排队对比", "同样的客户端、同样的种子：左边每个等待者都监听同一个锁节点，右边每个只监听前一个节点。释放锁，比较唤醒次数。"),
        ("可重入互斥锁", "InterProcessMutex 可重入：c1 获取了两次，必须释放两次，c2 才能拿到锁。"),
        ("InterProcessSemaphoreMutex", "不可重入；基于只有一个租约的信号量。"),
        ("读写锁", "InterProcessReadWriteLock：读锁共享，写锁等前面的读锁，写锁之后的读锁等写锁。"),
        ("两个租约的信号量", "InterProcessSemaphoreV2：两个客户端同时各持一个租约，其余等待。"),
        ("联锁", "InterProcessMultiLock 同时锁 /ma 和 /mb：要么全拿到，要么都不拿。"),
        ("LeaderLatch：领导者选举", "序号最小的节点当领导者；它的客户端离开后，下一个成为领导者。"),
        ("持锁客户端进程死亡", "杀掉 c1 的进程：它的会话一直保留到会话过期（40 秒：服务器把 Curator 请求的 60 秒限制为 20 个 tick），之后 c2 才拿到锁。"),
        ("持锁客户端所连的服务器崩溃", "让 c1 所连的服务器崩溃：会话迁移到另一台服务器，锁仍归 c1。"),
        ("网络分区隔离持锁者", "把 c1 与所有服务器隔开：先 SUSPENDED，会话过期后 LOST，c2 拿到锁。"),
        ("GC 停顿与防护令牌", "c1 持锁时停顿（GC 冻结）；会话过期，c2 获取锁。c1 醒来仍以为自己持有锁；存储端检查防护令牌（锁节点的序号），拒绝它的过期写入。"),
        ("12306：卖十张票", "课程里的抢票案例：不加锁时同一张票被卖两次（红色）；加锁 acquire(3, SECONDS) 后从不超卖。"),
    ],
    to_start: "« 开头",
    back: "◀ 后退",
    forward: "前进 ▶",
    to_end: "末尾 »",
    position: "第 {at} 行，共 {n} 行",
    wait: "等待 {s} 秒",
    copy_link: "复制链接",
    copied: "链接已复制",
    copy_failed: "复制失败；链接在地址栏中",
    export: "导出 .scn",
    queue_title: "{path} 的子节点（按序号排列）",
    queue_caption: "绿色：持有锁。箭头：每个等待者监听的节点。",
    queue_empty: "还没有锁节点。",
    holds: "持有锁",
    holds_times: "持有 ×{n}",
    waiting: "等待中",
    orphan: "会话已结束",
    watch_arrow: "{from} 监听 {to}",
    stale_belief: "{client} 仍以为自己持有锁",
    clients_title: "客户端",
    columns: ["客户端", "服务器", "会话", "状态", "操作"],
    session_live: "有效",
    session_gone: "已过期",
    process: ["运行中", "停顿（GC）", "已死亡"],
    idle: "空闲",
    lock: "加锁",
    lock_timeout: "加锁（3 秒）",
    release_holder: "持有者释放锁",
    unlock: "解锁",
    pause: "停顿",
    resume: "恢复",
    kill: "杀死",
    cut_off: "隔离",
    heal: "恢复网络",
    add_client: "添加客户端",
    on_server: "连接服务器",
    crash: "让 S{sid} 崩溃",
    restart: "重启 S{sid}",
    counters_title: "计数",
    counters: ["获取次数", "释放次数", "唤醒次数", "通知数", "请求数", "zxid 数", "超时放弃"],
    per_acquisition: "每次获取",
    herd_side: "惊群锁：所有人监听同一个锁节点",
    queue_side: "Curator 排队：每个只监听前一个节点",
    chart_title: "n 个客户端各获取一次锁时的唤醒次数",
    chart_x: "客户端数 n",
    chart_y: "唤醒次数",
    chart_run: "测量",
    storage_title: "检查防护令牌的存储",
    storage_empty: "还没有写入。",
    accepted: "{client} 用令牌 {token} 写入 {value}：接受",
    rejected_stale: "{client} 用令牌 {token} 写入 {value}：拒绝（已见过令牌 {seen}）",
    rejected_no_token: "{client} 不带令牌写入 {value}：拒绝",
    store: "写入",
    tickets_title: "12306：十张票",
    sellers: "售票方",
    without_lock: "不加锁",
    with_lock: "加锁",
    sold: "{seller} 卖出第 {ticket} 张票",
    oversold: "超卖",
    gave_up: "{seller}：acquire(3, SECONDS) 超时",
    tickets_summary: "卖出 {sold} 张，超卖 {oversold} 张，剩余 {left} 张",
    console_title: "控制台",
    console_input: "场景命令",
    console_run: "运行",
    refused: "已拒绝：{message}",
    tabs: ["队列", "客户端", "计数", "集群", "存储", "控制台"],
    open_full: "在分布式锁实验室中打开",
    shortcuts: [
        ("← →", "后退 / 前进一行"),
        ("Home End", "回到预设末尾 / 跳到最后一行"),
        ("1–9", "打开对应编号的面板"),
        ("P", "投影模式"),
        ("D", "深色 / 浅色"),
    ],
};

/// Two tables are the same language's when they are the same table (components take the
/// table as a prop; comparing by address is what a re-render needs).
impl PartialEq for LockTexts {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
